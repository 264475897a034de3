"""Print the site's size and speed figures (run by `make bench`; not part of the tests).

- `mkdocs build` time (min and median of several builds, the wheel cached as in daily use);
- the calculator page against a naive Pyodide boot (``naive_page``: what Pyodide's docs show, a
  module worker that calls ``loadPyodide()``, then ``loadPackage`` of the same wheel as pip builds
  it (the site ships it precompiled: one of our levers), then imports the calculator), both served
  by the same server from byte-identical runtime files, measured
  interleaved in the same browser: navigation to ready, cold (a fresh browser profile per run)
  and warm (a second visit in the same profile); then submit to answer on our page;
- bytes on the wire for a cold calculator visit: raw, and as a compressing host sends them;
- the training log (history check): parse time and peak memory for 1,000 generated activities,
  FIT and GPX mixed, in one zip, natively and in the browser's worker.

The server (``BenchHandler``) behaves like a static host set up as the README says: it sends a
file's ``.br`` or ``.gz`` sibling when the browser accepts that encoding (in "compressed" mode),
otherwise it gzips text, JavaScript, JSON and WebAssembly on the fly as a compressing host does;
the runtime's versioned folder (``pyodide/<hash>/``) is cacheable for a year as immutable, and
every other file must be revalidated (``no-cache``), which an ``ETag`` makes a bodiless 304 when
nothing changed, as on any static host. The bytes line counts what the server sent (status
line, headers and body of every response, the service worker's included) from the navigation
until the page is ready, its service worker installed and the network idle.

These lines are read by scripts; keep them exactly:

    ready cold: ours MEDIAN ms (min MIN), naive MEDIAN ms (min MIN), ratio R (n=N)
    ready warm: ours MEDIAN ms (min MIN), naive MEDIAN ms (min MIN), ratio R (n=N)
    answer: median MEDIAN ms (n=N)
    calculator page bytes: raw RAW KB, compressed COMPRESSED KB, requests N

Usage: .venv/bin/python benchmarks/bench.py [--runs N] [--builds N] [--site FOLDER] [--part PART ...]
       [--requests]
(``--part`` runs only the named parts: build, ready, answer, bytes, history; all by default.
``--requests`` lists the cold visit's requests, each with the bytes sent.)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import BrowserContext, Playwright, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.helpers import CHROMIUM_FLAGS, PROJECT_ROOT, calculator_wheel, find_chromium, serve_directory

READY_TIMEOUT_MS = 120_000
CALCULATOR_PAGE = "calculator/ramp.html"
NAIVE_DIR = "bench-naive"
#: The parts of the run (``--part``), in the order they print.
PARTS = ["build", "ready", "answer", "bytes", "history"]
#: What a compressing host compresses on the fly (zips and wheels are compressed already, or have
#: siblings: hooks/compress.py).
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".xml")
#: The runtime's versioned folder: the same path always holds the same bytes.
IMMUTABLE = re.compile(r"^/pyodide/[0-9a-f]{8,}/")

#: Resolves once a service worker the page registered (if any) is active.
SETTLED = """async () => {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const registration = "serviceWorker" in navigator && await navigator.serviceWorker.getRegistration();
  if (registration) await navigator.serviceWorker.ready;
}"""

NAIVE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Naive Pyodide boot</title></head>
<body><p id="state">loading</p>
<script type="module">
const worker = new Worker("./worker.js", { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "ready") {
    performance.mark("calculator-ready");
    document.getElementById("state").textContent = "ready";
    document.body.dataset.state = "ready";
  }
};
</script></body></html>
"""

NAIVE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide();
await pyodide.loadPackage("kneeload-calculator");
pyodide.pyimport("calculator.protocol");
self.postMessage("ready");
"""


def time_builds(out: Path, runs: int) -> list[float]:
    """Seconds per `mkdocs build --strict` into `out`."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
            cwd=PROJECT_ROOT,
            check=True,
        )
        seconds.append(time.perf_counter() - start)
    return seconds


def naive_page(site: Path) -> None:
    """Write the naive baseline into ``site/bench-naive/``: its page, its worker, and a plain
    (unversioned, uncompressed) copy of the same runtime files the site serves, with the
    calculator's wheel as pip builds it (source, not the site's precompiled one) in its lock."""
    runtime = [path for path in sorted((site / "pyodide").rglob("*")) if path.is_file()]
    if not any(path.name == "pyodide.mjs" for path in runtime):
        raise SystemExit(f"No pyodide.mjs under {site}/pyodide: is this a built site?")
    folder = site / NAIVE_DIR
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "pyodide").mkdir(parents=True)
    for path in runtime:
        if path.suffix not in (".br", ".gz", ".whl"):
            shutil.copyfile(path, folder / "pyodide" / path.name)
    wheel = calculator_wheel()
    shutil.copyfile(wheel, folder / "pyodide" / wheel.name)
    lock_path = folder / "pyodide" / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock["packages"]["kneeload-calculator"].update(
        file_name=wheel.name, sha256=hashlib.sha256(wheel.read_bytes()).hexdigest()
    )
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    (folder / "index.html").write_text(NAIVE_HTML, encoding="utf-8")
    (folder / "worker.js").write_text(NAIVE_WORKER, encoding="utf-8")


class BenchHandler(SimpleHTTPRequestHandler):
    """A static host as the README describes: precompressed siblings, on-the-fly gzip, cache headers."""

    compress: ClassVar[bool] = True
    _gzipped: ClassVar[dict[str, bytes]] = {}
    _lock = threading.Lock()
    #: Every response sent while this is a list: (path, bytes sent: status line, headers, body).
    sent: ClassVar[list[tuple[str, int]] | None] = None
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        accepted = self.headers.get("Accept-Encoding", "") if self.compress else ""
        body, encoding = path.read_bytes(), None
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            sibling = path.with_name(path.name + suffix)
            if name in accepted and sibling.is_file():
                body, encoding = sibling.read_bytes(), name
                break
        else:
            if "gzip" in accepted and path.suffix in COMPRESSIBLE:
                key = str(path)
                with self._lock:
                    if key not in self._gzipped:
                        self._gzipped[key] = gzip.compress(body, compresslevel=6, mtime=0)
                    body, encoding = self._gzipped[key], "gzip"
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        unchanged = tag in self.headers.get("If-None-Match", "")
        self.send_response(304 if unchanged else 200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if not unchanged:
            self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", tag)
        url_path = self.path.split("?")[0]
        cache = "public, max-age=31536000, immutable" if IMMUTABLE.match(url_path) else "no-cache"
        self.send_header("Cache-Control", cache)
        headers = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        self.end_headers()
        if not unchanged:
            self.wfile.write(body)
        if self.sent is not None:
            with self._lock:
                self.sent.append((url_path, headers + (0 if unchanged else len(body))))


def serve(directory: Path) -> AbstractContextManager[str]:
    """Serve ``directory`` with ``BenchHandler`` on 127.0.0.1 (a free port); its base URL."""
    return serve_directory(directory, BenchHandler)


@contextmanager
def profile(playwright: Playwright, folder: Path) -> Iterator[BrowserContext]:
    """A browser with its own profile folder (a fresh one is a first visit; reused, a return)."""
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=find_chromium(), args=CHROMIUM_FLAGS, headless=True
    )
    try:
        yield context
    finally:
        context.close()


def ready_ms(context: BrowserContext, url: str, selector: str) -> float:
    """Milliseconds from navigation to the page's ``calculator-ready`` mark."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(selector, timeout=READY_TIMEOUT_MS, state="attached")
    value: float = page.evaluate("() => performance.getEntriesByName('calculator-ready')[0].startTime")
    # Untimed: a reader stays on the page, so a service worker it registers finishes installing.
    page.evaluate(SETTLED)
    page.close()
    return value


def answer_ms(context: BrowserContext, url: str) -> float:
    """Milliseconds from submit to answer on our ramp page, once it is ready."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
    for number, volume in enumerate(["20", "22", "26", "25"], start=1):
        page.fill(f"#week-{number}", volume)
    page.click("button[type=submit]")
    page.wait_for_selector("#ramp-answer:not([hidden])")
    submit, answer = page.evaluate(
        "() => ['calculator-submit', 'calculator-answer']"
        ".map((name) => performance.getEntriesByName(name)[0].startTime)"
    )
    page.close()
    return float(answer - submit)


def page_bytes(playwright: Playwright, url: str, compress: bool) -> list[tuple[str, int]]:
    """Each response the server sent for a first visit to our calculator page (its path, bytes
    sent), from the navigation until the page is ready, its service worker installed and idle."""
    BenchHandler.compress = compress
    BenchHandler.sent = []
    try:
        with tempfile.TemporaryDirectory() as folder, profile(playwright, Path(folder)) as context:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
            page.evaluate(SETTLED)
            page.wait_for_load_state("networkidle")
            # What the service worker fetches when it is told the page's files (not awaited by the page).
            page.wait_for_timeout(1000)
            return list(BenchHandler.sent)
    finally:
        BenchHandler.compress = True
        BenchHandler.sent = None


def _ready_line(name: str, ours: list[float], naive: list[float]) -> str:
    ratio = statistics.median(ours) / statistics.median(naive)
    return (
        f"ready {name}: ours {statistics.median(ours):.0f} ms (min {min(ours):.0f}), "
        f"naive {statistics.median(naive):.0f} ms (min {min(naive):.0f}), ratio {ratio:.2f} (n={len(ours)})"
    )


def bench_site(site: Path, runs: int, parts: set[str], requests: bool = False) -> None:
    """Print the speed and size figures (``parts``: ready, answer, bytes) of a built site in
    ``site`` (the naive page is added to it); ``requests`` lists the cold visit's requests."""
    naive_page(site)
    pages = {
        "ours": (CALCULATOR_PAGE, "form[data-state=ready]"),
        "naive": (f"{NAIVE_DIR}/index.html", "body[data-state=ready]"),
    }
    cold: dict[str, list[float]] = {"ours": [], "naive": []}
    warm: dict[str, list[float]] = {"ours": [], "naive": []}
    answers: list[float] = []
    if "ready" not in parts:
        pages.pop("naive")
    with serve(site) as base_url, sync_playwright() as playwright:
        for _ in range(runs if parts & {"ready", "answer"} else 0):
            for name, (path, selector) in pages.items():
                with tempfile.TemporaryDirectory() as folder:
                    with profile(playwright, Path(folder)) as context:
                        cold[name].append(ready_ms(context, base_url + path, selector))
                    # A return visit: the same profile, a new browser (nothing kept in memory).
                    with profile(playwright, Path(folder)) as context:
                        warm[name].append(ready_ms(context, base_url + path, selector))
                        if name == "ours" and "answer" in parts:
                            answers.append(answer_ms(context, base_url + path))
        if "bytes" in parts:
            raw = page_bytes(playwright, base_url + CALCULATOR_PAGE, compress=False)
            compressed = page_bytes(playwright, base_url + CALCULATOR_PAGE, compress=True)
    if "ready" in parts:
        print(_ready_line("cold", cold["ours"], cold["naive"]))
        print(_ready_line("warm", warm["ours"], warm["naive"]))
    if "answer" in parts:
        print(f"answer: median {statistics.median(answers):.0f} ms (n={len(answers)})")
    if "bytes" in parts:
        if requests:
            for path, size in compressed:
                print(f"{size:>10} {path}")
        print(
            f"calculator page bytes: raw {sum(size for _, size in raw) / 1024:.0f} KB, "
            f"compressed {sum(size for _, size in compressed) / 1024:.0f} KB, requests {len(compressed)}"
        )


def history_export(folder: Path, activities: int = 1000, seconds: int = 1800) -> Path:
    """A zip of *activities* runs, half FIT and half GPX, one a day, each *seconds* long with a
    point (or record) every second, as watches record them (tests/unit/history_samples.py)."""
    from datetime import UTC, datetime, timedelta

    from tests.helpers import module_from_path

    samples = module_from_path("history_samples", PROJECT_ROOT / "tests" / "unit" / "history_samples.py")
    first = datetime(2024, 1, 1, 7, tzinfo=UTC)
    members = {}
    for number in range(activities):
        start = first + timedelta(days=number)
        if number % 2:
            track = samples.straight_line(seconds, step_deg=0.00003)  # about 3.3 m a second
            members[f"activities/{number}.gpx"] = samples.gpx([[track]], start, step_s=1)
        else:
            session = samples.FitSession(start, 6.0, seconds)
            members[f"activities/{number}.fit.gz"] = samples.gz(samples.fit([session], 60, records=seconds))
    path = folder / "export.zip"
    path.write_bytes(samples.zipped(members))
    return path


def history_native(export: Path) -> tuple[float, float]:
    """(seconds to answer the history check over the export, peak MB that Python allocated)."""
    import tracemalloc

    from calculator.protocol import handle_request

    start = time.perf_counter()
    answer = handle_request({"check": "history", "files": [str(export)]})
    seconds = time.perf_counter() - start
    assert answer["ok"], answer
    tracemalloc.start()
    handle_request({"check": "history", "files": [str(export)]})
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak


def history_browser(context: BrowserContext, url: str, export: Path) -> float:
    """ms from submit to answer for the export on the training log page (Python already running)."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.set_input_files("#files", str(export))
    page.click("button[type=submit]")
    page.wait_for_selector("#history-answer:not([hidden])", timeout=600_000)
    submit, answer = page.evaluate(
        "() => ['calculator-submit', 'calculator-answer'].map((name) => performance.getEntriesByName(name)[0].startTime)"
    )
    page.close()
    return float(answer - submit)


def bench_history(site: Path) -> None:
    """Print the training log's figures: 1,000 generated activities, natively and in the browser."""
    with tempfile.TemporaryDirectory() as folder:
        export = history_export(Path(folder))
        size = export.stat().st_size / 1e6
        seconds, peak = history_native(export)
        print(
            f"history, 1,000 activities (FIT and GPX, {size:.0f} MB zip), native: {seconds:.1f} s, peak {peak:.0f} MB"
        )
        with (
            serve(site) as base_url,
            sync_playwright() as playwright,
            profile(playwright, Path(folder) / "p") as context,
        ):
            browser_ms = history_browser(context, base_url + "calculator/history.html", export)
        print(f"history, 1,000 activities (FIT and GPX), browser worker: {browser_ms / 1000:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold and warm runs of each page (default 5)")
    parser.add_argument("--builds", type=int, default=3, help="timed site builds (default 3)")
    parser.add_argument("--site", type=Path, help="an already built site to measure (no build timed)")
    parser.add_argument("--part", nargs="+", choices=PARTS, default=PARTS, help="run only these parts")
    parser.add_argument("--requests", action="store_true", help="list the cold visit's requests and bytes")
    arguments = parser.parse_args()
    parts = set(arguments.part)
    if find_chromium() is None:
        raise SystemExit("No Chromium: set CHROMIUM_PATH (see README).")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        if arguments.site:
            shutil.copytree(arguments.site, site)
        elif "build" not in parts:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                cwd=PROJECT_ROOT,
                check=True,
            )
        else:
            builds = time_builds(site, runs=arguments.builds)
            print(
                f"mkdocs build --strict: min {min(builds):.2f} s, median {statistics.median(builds):.2f} s "
                f"(n={len(builds)})"
            )
        if parts & {"ready", "answer", "bytes"}:
            bench_site(site, arguments.runs, parts, arguments.requests)
        if "history" in parts:
            bench_history(site)


if __name__ == "__main__":
    main()
