"""Print the site's size and speed figures (run by `make bench`; not part of the tests).

- `mkdocs build` time (min and median of several builds, the wheel cached as in daily use)
- bytes transferred for a content page and for the calculator page (cold cache)
- time from navigation to "calculator ready", and from submit to answer (min and median over
  several cold runs, each in a new browser context so nothing is cached)
- the training log (history check): parse time and peak memory for 1,000 generated activities,
  FIT and GPX mixed, in one zip, natively and in the browser's worker

Usage: .venv/bin/python benchmarks/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.helpers import CHROMIUM_FLAGS, PROJECT_ROOT, find_chromium, serve_directory

READY_TIMEOUT_MS = 120_000


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


def page_bytes(browser: Browser, url: str, wait_for_ready: bool) -> tuple[int, int]:
    """(bytes transferred, requests) for one cold load of `url`, until idle or calculator ready."""
    context = browser.new_context()
    page = context.new_page()
    requests = []
    context.on("requestfinished", lambda request: requests.append(request))
    page.goto(url)
    if wait_for_ready:
        page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    total = 0
    for request in requests:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return total, len(requests)


def calculator_timings(browser: Browser, url: str) -> tuple[float, float]:
    """(ms from navigation to ready, ms from submit to answer) for one cold run."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
    for number, volume in enumerate(["20", "22", "26", "25"], start=1):
        page.fill(f"#week-{number}", volume)
    page.click("button[type=submit]")
    page.wait_for_selector("#ramp-answer:not([hidden])")
    ready_ms, submit_ms, answer_ms = page.evaluate(
        "() => ['calculator-ready', 'calculator-submit', 'calculator-answer']"
        ".map((name) => performance.getEntriesByName(name)[0].startTime)"
    )
    context.close()
    return ready_ms, answer_ms - submit_ms


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


def history_browser(browser: Browser, url: str, export: Path) -> float:
    """ms from submit to answer for the export on the training log page (Python already running)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("form[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.set_input_files("#files", str(export))
    page.click("button[type=submit]")
    page.wait_for_selector("#history-answer:not([hidden])", timeout=600_000)
    submit_ms, answer_ms = page.evaluate(
        "() => ['calculator-submit', 'calculator-answer'].map((name) => performance.getEntriesByName(name)[0].startTime)"
    )
    context.close()
    return answer_ms - submit_ms


def _summary(values: list[float], unit: str) -> str:
    return f"min {min(values):.0f} {unit}, median {statistics.median(values):.0f} {unit} (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per figure (default 5)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        builds = time_builds(site, runs=3)
        print(
            f"mkdocs build --strict: min {min(builds):.2f} s, median {statistics.median(builds):.2f} s (n=3)"
        )
        with serve_directory(site) as base_url, sync_playwright() as playwright:
            executable = find_chromium()
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            content, content_requests = page_bytes(browser, base_url + "index.html", wait_for_ready=False)
            calc, calc_requests = page_bytes(browser, base_url + "calculator/ramp.html", wait_for_ready=True)
            print(f"content page (index.html): {content / 1024:.0f} KiB in {content_requests} requests")
            print(
                f"calculator page (calculator/ramp.html): {calc / 1024:.0f} KiB in {calc_requests} requests"
            )
            timings = [calculator_timings(browser, base_url + "calculator/ramp.html") for _ in range(runs)]
            print("navigation to calculator ready, cold: " + _summary([ready for ready, _ in timings], "ms"))
            print("submit to answer: " + _summary([answer for _, answer in timings], "ms"))
            export = history_export(Path(folder))
            seconds, peak = history_native(export)
            size = export.stat().st_size / 1e6
            print(
                f"history, 1,000 activities (FIT and GPX, {size:.0f} MB zip), native: {seconds:.1f} s, peak {peak:.0f} MB"
            )
            browser_ms = history_browser(browser, base_url + "calculator/history.html", export)
            print(f"history, 1,000 activities (FIT and GPX), browser worker: {browser_ms / 1000:.1f} s")
            browser.close()


if __name__ == "__main__":
    main()
