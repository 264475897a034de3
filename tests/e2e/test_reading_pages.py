"""What a reader sees on the reading pages: accessible in light and dark, on a phone, in print."""

from __future__ import annotations

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
