"""What a reader sees on the reading pages: accessible in light and dark, on a phone, in print."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.reader import SCHEMES, axe_violations

READING_PAGES = [
    "index.html",
    "conditions/index.html",
    "conditions/patellofemoral-pain.html",
    "myths/index.html",
    "myths/running-wears-out-knees.html",
    "prevention/load-progression.html",
    "red-flags.html",
    "sources.html",
]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_page_passes_axe(page: Page, requests_seen: list[str], path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", READING_PAGES)
def test_red_flags_are_one_click_away(page: Page, requests_seen: list[str], path: str) -> None:
    page.goto(path)
    page.get_by_role("link", name="When to see a clinician").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When to see a clinician")


@pytest.mark.parametrize(
    "path", ["conditions/index.html", "sources.html", "prevention/load-progression.html"]
)
def test_reading_page_fits_a_phone(page: Page, requests_seen: list[str], path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_print_shows_the_text_without_site_chrome(page: Page, requests_seen: list[str]) -> None:
    page.goto("conditions/patellofemoral-pain.html")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()


#: Every citation link's box, whether a tap at each corner of a 24 px square on its centre reaches
#: it, and how far the page is wider than the screen.
CITATIONS = """() => {
  const links = [...document.querySelectorAll('sup.kl-cite a')];
  const boxes = links.map((link) => link.getBoundingClientRect());
  const overlaps = boxes.filter((box, i) => i > 0 && box.top === boxes[i - 1].top
    && box.left < boxes[i - 1].right - 0.5).length;
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, count: links.length,
          smallest: Math.min(...boxes.map((box) => Math.min(box.width, box.height))), overlaps};
}"""

TAP_CORNERS = """(link) => {
  const box = link.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  return [[-11, -11], [11, -11], [-11, 11], [11, 11]].map(([dx, dy]) =>
    document.elementFromPoint(x + dx, y + dy)?.closest('a') === link);
}"""


def test_citations_are_24_px_targets_that_keep_every_page_within_a_phone(
    page: Page, requests_seen: list[str], built_site: Path
) -> None:
    # WCAG 2.2 success criterion 2.5.8 (target size, minimum): 24 by 24 CSS px; a 360 px phone
    page.set_viewport_size({"width": 360, "height": 740})
    pages = sorted(
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if '<sup class="kl-cite"' in path.read_text(encoding="utf-8")
    )
    assert len(pages) >= 40, pages
    seen = 0
    for path in pages:
        page.goto(path)
        found = page.evaluate(CITATIONS)
        assert found["overflow"] <= 0, f"{path} is {found['overflow']} px wider than a 360 px phone"
        assert found["smallest"] >= 24, f"{path}: a citation target is {found['smallest']} px"
        assert found["overlaps"] == 0, f"{path}: citation targets overlap"
        seen += found["count"]
    assert seen >= 500
    page.goto("exercises/joint-circles.html")
    first = page.locator("sup.kl-cite a").first
    first.scroll_into_view_if_needed()
    assert first.evaluate(TAP_CORNERS) == [True, True, True, True]
