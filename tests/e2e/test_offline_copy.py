"""A downloaded copy of the site, opened from disk with no server and no network."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, Route, expect


def _offline_page(browser: Browser) -> Page:
    """A page that can load files from disk and nothing from any network."""
    context = browser.new_context()

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", only_files)
    return context.new_page()


def test_reading_pages_work_from_disk(browser: Browser, built_site: Path) -> None:
    page = _offline_page(browser)
    page.goto(built_site.joinpath("index.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="When to see a clinician").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When to see a clinician")
    assert page.url.endswith("/red-flags.html")


def test_calculator_from_disk_says_how_to_run_it(browser: Browser, built_site: Path) -> None:
    page = _offline_page(browser)
    page.goto(built_site.joinpath("calculator", "ramp.html").as_uri())
    expect(page.locator("form[data-calculator]")).to_have_attribute("data-state", "failed")
    expect(page.locator("[data-calculator-status]")).to_contain_text("python3 -m http.server")
