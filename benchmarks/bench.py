"""Print the site's size and speed figures (run by `make bench`; not part of the tests).

- `mkdocs build` time (min and median of several builds, the wheel cached as in daily use)
- bytes transferred for a content page and for the calculator page (cold cache)
- time from navigation to "calculator ready", and from submit to answer (min and median over
  several cold runs, each in a new browser context so nothing is cached)

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
            browser.close()


if __name__ == "__main__":
    main()
