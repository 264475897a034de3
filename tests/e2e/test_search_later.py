"""The site search on a calculator page (docs/javascripts/search-later.js): its worker, which
builds the whole site's index, is created when the reader first opens the search, not beside the
calculator's start; the search then works as on any page. Reading pages are unchanged. A
result opened from the search (its words in ?h=) is highlighted there, not read as inputs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.reader import open_calculator

SEARCH_WORKER = "/assets/javascripts/workers/search."


def _search(page: Page, words: str) -> None:
    page.get_by_label("Search", exact=False).first.click()
    page.locator("input.md-search__input").fill(words)


def test_a_calculator_page_starts_the_search_when_it_is_opened(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests_seen if SEARCH_WORKER in url]
    _search(page, "tendinopathy")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [url for url in requests_seen if SEARCH_WORKER in url]


def test_the_search_starts_from_the_keyboard_too(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    page.locator("body").press("/")  # the theme's shortcut: focuses the search field
    page.keyboard.type("patellofemoral")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_a_reading_page_starts_the_search_at_once(page: Page, requests_seen: list[str]) -> None:
    page.goto("index.html")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests_seen if SEARCH_WORKER in url]


def test_a_search_result_opened_on_a_calculator_page_is_highlighted(page: Page) -> None:
    # The theme opens a result with the search's words in ?h=: they are not the calculator's inputs.
    open_calculator(page, "calculator/ramp.html?h=limit")
    expect(page.locator("article mark").first).to_be_visible()
    assert "?h=limit" in page.url
