"""Print how every calculator's answer fits a phone and a desk (not part of the tests).

For each calculator, at 390 px (a phone) and 1280 px (a desk): the content column's width, the
answer table's width against the box it sits in, the chart's width, and the smallest text in the
answer (table cells, summary and notes, and the chart's text as drawn: its font size scaled by the
chart's width over its viewBox). These are the closing note's figures for issue 9.

Usage: .venv/bin/python benchmarks/answer_figures.py [--site DIR]   (builds the site when no DIR)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.helpers import CHROMIUM_FLAGS, PROJECT_ROOT, find_chromium, serve_directory

READY_TIMEOUT_MS = 120_000
WIDTHS = (390, 1280)
#: One answer per calculator, with a table and a chart where the calculator gives them.
ANSWERS = {
    "ramp": "calculator/ramp.html#weeks=20&weeks=25&weeks=30&weeks=0&weeks=12",
    "plan": "calculator/plan.html#current=20&target=30&start_date=2026-11-30",
    "acwr": "calculator/acwr.html#period=day&loads=" + "%2C".join(["5"] * 21 + ["10"] * 7),
    "spike": "calculator/spike.html#planned=16&longest_30d=12",
    "shoes": "calculator/shoes.html#distance_on_pair=450&weekly=20&today=2026-11-23",
    "overtraining": "calculator/overtraining.html#signs.sleep=yes&signs.mood=yes",
    "redflags": "calculator/redflags.html#answers.injury=yes&answers.cannot_walk=yes",
    "where": "calculator/where.html#location=front&features=stairs",
}

MEASURE = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
  const section = document.querySelector('section.kl-answer');
  const table = section.querySelector('.kl-table-scroll table');
  const svg = section.querySelector('svg');
  const sizes = [...section.querySelectorAll('*')]
    .filter((el) => el.closest('svg') === null && el.getClientRects().length
      && [...el.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim()))
    .map((el) => parseFloat(getComputedStyle(el).fontSize));
  const chartBox = svg ? svg.getBoundingClientRect().width : null;
  const chartText = svg ? chartBox / svg.viewBox.baseVal.width * parseFloat(svg.getAttribute('font-size')) : null;
  return {column, table: table ? table.scrollWidth : null,
          box: table ? table.parentElement.clientWidth : null, chart: chartBox, chartText,
          text: Math.min(...sizes)};
}"""


def measure(site: Path) -> list[tuple[str, int, dict[str, float | None]]]:
    """Open each answer at each width in Chromium and measure it."""
    rows = []
    with serve_directory(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for name, path in ANSWERS.items():
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900}, base_url=base)
                page.goto(path)
                page.locator("section.kl-answer .kl-summary").first.wait_for(timeout=READY_TIMEOUT_MS)
                rows.append((name, width, page.evaluate(MEASURE)))
                page.close()
        browser.close()
    return rows


def px(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                cwd=PROJECT_ROOT,
                check=True,
            )
        rows = measure(site)
    print("calculator    width  column  table/box  chart  chart text  smallest text (px)")
    for name, width, seen in rows:
        table = "-" if seen["table"] is None else f"{px(seen['table'])}/{px(seen['box'])}"
        chart_text = "-" if seen["chartText"] is None else f"{seen['chartText']:.1f}"
        print(
            f"{name:<13} {width:>5}  {px(seen['column']):>6}  {table:>9}  {px(seen['chart']):>5}"
            f"  {chart_text:>10}  {seen['text']:.1f}"
        )


if __name__ == "__main__":
    main()
