"""The "When to see a clinician" link never covers what a reader needs (WCAG 2.2, 2.4.11 and plain reading).

A fresh-eyed review found it floating over the text and the ACWR chart of the training log at
390 px. Here, on every type of page (home, article, section index, sources, a calculator, the
training log with an answer and its charts, the embed page), at phone widths (360 and 390 px) and
on a desk (1280 px), the page is scrolled from top to bottom and the link's box is measured against
every block of the page's text, charts, tables and form fields in view: they must never overlap.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.reader import open_calculator
from tests.helpers import PROJECT_ROOT, module_from_path

samples = module_from_path("history_samples", PROJECT_ROOT / "tests" / "unit" / "history_samples.py")

PAGES = [
    "index.html",
    "causes/training-errors.html",
    "causes/index.html",
    "sources.html",
    "calculator/ramp.html",
    "calculator/embed.html",
]
WIDTHS = [360, 390, 1280]
HEIGHT = 800

#: Every block a reader reads in the page's content, other than the link itself, whose box (in the
#: viewport) overlaps the link's: [tag, text] pairs; none when the link is not shown.
OVERLAPS = """() => {
  const link = document.querySelector(".kl-help-corner");
  if (!link || !link.getClientRects().length) return [];
  const box = link.getBoundingClientRect();
  const blocks = document.querySelectorAll(
    ".md-content p, .md-content li, .md-content h1, .md-content h2, .md-content h3, .md-content td, " +
    ".md-content th, .md-content svg, .md-content figure, .md-content input, .md-content select, " +
    ".md-content button, .md-content label, .md-content summary, .md-content pre"
  );
  const hits = [];
  for (const block of blocks) {
    if (link.contains(block) || block.contains(link) || !block.getClientRects().length) continue;
    const r = block.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom) {
      hits.push([block.tagName, (block.textContent || "").trim().slice(0, 60)]);
    }
  }
  return hits;
}"""


def overlaps_while_scrolling(page: Page) -> list[tuple[int, list[list[str]]]]:
    """Scroll the page from top to bottom a screen at a time; at each stop, what the link covers."""
    found = []
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height + HEIGHT, HEIGHT // 2):
        page.evaluate("(top) => window.scrollTo(0, top)", top)
        hits = page.evaluate(OVERLAPS)
        if hits:
            found.append((top, hits))
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_the_help_link_covers_nothing_on_any_page(page: Page, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto(path)
    expect(page.locator(".kl-help-corner")).to_be_visible()
    assert overlaps_while_scrolling(page) == []


def test_the_help_link_covers_nothing_of_a_training_log_answer(page: Page) -> None:
    # The review's case: the answer's charts and tables under the link at 390 px. One answer,
    # looked at each width in turn (laid out again at each).
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    open_calculator(page, "calculator/history.html")
    page.get_by_label(re.compile("^Your export")).set_input_files(
        [{"name": "activities.csv", "mimeType": "text/csv", "buffer": samples.strava_to_18_november()}]
    )
    page.get_by_role("button", name="Read my training log").click()
    expect(page.locator("section.kl-answer figure svg")).to_have_count(2, timeout=60_000)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        assert overlaps_while_scrolling(page) == [], f"at {width} px"


@pytest.mark.parametrize("width", [360, 390])
def test_on_a_phone_the_help_link_is_at_the_end_of_the_text(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto("causes/training-errors.html")
    link = page.locator(".kl-help-corner")
    assert link.evaluate("(el) => getComputedStyle(el).position") == "static"
    # Scrolled to it, it is on screen and whole (a reader finds it where the text ends)
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport(ratio=1)
