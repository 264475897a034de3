"""Copies of the site opened from disk (file://), with no server and every network request refused.

The downloaded copy (site/download/kneeload-offline.zip, hooks/offline.py) reads, searches and
answers on every calculator from disk. Pyodide's maintainers do not support file://, so these
tests are what catches the day an upgrade breaks it. A plain copy of the hosted build says how to
run the calculator instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.reader import answer, fill_weeks, open_calculator


def _offline_page(browser: Browser, refused: list[str] | None = None) -> Page:
    """A page that can load files from disk and nothing from any network (refused URLs recorded)."""
    context = browser.new_context()

    def only_files(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            if refused is not None:
                refused.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_files)
    return context.new_page()


@pytest.fixture(scope="module")
def offline_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The downloaded copy, unzipped as a reader would: its folder."""
    archive = built_site / "download" / "kneeload-offline.zip"
    assert archive.is_file(), "the build wrote no download/kneeload-offline.zip"
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(out)
    return out / "kneeload-offline"


def test_reading_pages_work_from_disk(browser: Browser, built_site: Path) -> None:
    page = _offline_page(browser)
    page.goto(built_site.joinpath("index.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="When to see a clinician").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When to see a clinician")
    assert page.url.endswith("/red-flags.html")


def test_hosted_build_from_disk_says_how_to_run_the_calculator(browser: Browser, built_site: Path) -> None:
    page = _offline_page(browser)
    page.goto(built_site.joinpath("calculator", "ramp.html").as_uri())
    expect(page.locator("form[data-calculator]")).to_have_attribute("data-state", "failed")
    expect(page.locator("[data-calculator-status]")).to_contain_text("python3 -m http.server")
    expect(page.get_by_role("button", name="Check my weeks")).to_be_disabled()


def test_the_archive_is_linked_and_holds_the_copy_with_serve_py(built_site: Path) -> None:
    about = (built_site / "about.html").read_text(encoding="utf-8")
    assert 'href="download/kneeload-offline.zip"' in about
    with zipfile.ZipFile(built_site / "download" / "kneeload-offline.zip") as opened:
        names = set(opened.namelist())
    assert {"kneeload-offline/index.html", "kneeload-offline/serve.py"} <= names
    # The hosted site has none of the copy's offline-only files.
    assert not (built_site / "javascripts" / "offline-runtime.js").exists()
    assert not list((built_site / "pyodide").glob("*.js"))


def test_the_copy_reads_and_searches_from_disk(browser: Browser, offline_copy: Path) -> None:
    refused: list[str] = []
    page = _offline_page(browser, refused)
    page.goto(offline_copy.joinpath("index.html").as_uri())
    page.get_by_role("link", name="When to see a clinician").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When to see a clinician")
    page.locator("input.md-search__input").fill("tendinopathy")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=60_000)
    results.first.locator("a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("tendinopathy", ignore_case=True)
    assert page.url.startswith("file:")
    assert refused == []


def _ramp(page: Page) -> str:
    fill_weeks(page, ["20", "22", "26", "25"])
    page.get_by_role("button", name="Check my weeks").click()
    # 22 to 26 is +18.2 % (4/22, by hand), shown in the week's row.
    return "+18.2 %"


def _plan(page: Page) -> str:
    page.get_by_label("This week").fill("20")
    page.get_by_label("Target week").fill("26")
    page.get_by_role("button", name="Plan my build-up").click()
    # 20 to 26 at 10 % a week: 22, 24.2, 26 (by hand), 3 weeks.
    return "in 3 weeks"


def _spike(page: Page) -> str:
    page.get_by_label("Planned run", exact=True).fill("16")
    page.get_by_label("Longest run in the last 30 days").fill("12")
    page.get_by_role("button", name="Check my run").click()
    # 16 against 12 is +33 % (by hand): the band above 30 %, as test_calculator_pages.py checks.
    return "More than 30 %"


def _acwr(page: Page) -> str:
    page.get_by_label("Your loads are per").select_option("week")
    page.get_by_label(re.compile("^Loads, oldest first")).fill("10, 12, 11, 14, 20")
    page.get_by_role("button", name="Work out my ratio").click()
    # 20 / mean(12, 11, 14, 20) = 20 / 14.25 = 1.4 (by hand).
    return "1.4"


def _redflags(page: Page) -> str:
    page.get_by_label(re.compile("^Is your knee locked")).check()
    page.get_by_role("button", name="Tell me what to do").click()
    # A locked knee needs to be seen the same day (NHS).
    return "today"


def _where(page: Page) -> str:
    page.get_by_label("The outer side of the knee").check()
    page.get_by_role("button", name="Show what it may be").click()
    return "not a diagnosis"


def _shoes(page: Page) -> str:
    page.get_by_label("Distance on this pair so far").fill("250")
    page.get_by_label("Distance you run a week").fill("30")
    page.get_by_role("button", name="Check my shoes").click()
    # 400 miles (643.7 km), the low end of the range, is reached in about 13 weeks from 250 km at
    # 30 km a week ((643.7 - 250) / 30 = 13.1, by hand; as test_calculator_pages.py checks).
    return "in about 13 weeks"


def _overtraining(page: Page) -> str:
    page.get_by_label("Do you feel tired much of the time?").check()
    page.get_by_role("button", name="Should I back off?").click()
    return "ease off"


CALCULATORS: dict[str, Callable[[Page], str]] = {
    "ramp": _ramp,
    "plan": _plan,
    "spike": _spike,
    "acwr": _acwr,
    "redflags": _redflags,
    "where": _where,
    "shoes": _shoes,
    "overtraining": _overtraining,
}


@pytest.mark.parametrize("check", CALCULATORS)
def test_every_calculator_answers_from_disk(browser: Browser, offline_copy: Path, check: str) -> None:
    refused: list[str] = []
    page = _offline_page(browser, refused)
    open_calculator(page, offline_copy.joinpath("calculator", f"{check}.html").as_uri())
    expected = CALCULATORS[check](page)
    expect(answer(page)).to_contain_text(expected)
    assert page.url.startswith("file:")
    assert refused == []


def test_a_browser_that_refuses_says_so_and_offers_serve_py(browser: Browser, offline_copy: Path) -> None:
    page = _offline_page(browser)
    # A browser without DecompressionStream cannot unpack the runtime from disk.
    page.add_init_script("delete globalThis.DecompressionStream;")
    page.goto(offline_copy.joinpath("calculator", "ramp.html").as_uri())
    form = page.locator("form[data-calculator]")
    expect(form).to_have_attribute("data-state", "failed")
    expect(page.locator("[data-calculator-status]")).to_contain_text("python3 serve.py")
    expect(page.get_by_role("button", name="Check my weeks")).to_be_disabled()


def test_serve_py_serves_the_copy_with_its_calculator(browser: Browser, offline_copy: Path) -> None:
    command = [sys.executable, str(offline_copy / "serve.py"), "--no-browser"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
            assert url, "serve.py did not say where it serves"
            origin = url.group(0)
            refused: list[str] = []
            context = browser.new_context()

            def only_the_copy(route: Route) -> None:
                if route.request.url.startswith((origin, "data:", "blob:")):
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort("internetdisconnected")

            context.route("**/*", only_the_copy)
            page = context.new_page()
            open_calculator(page, f"{origin}calculator/ramp.html")
            expected = _ramp(page)
            expect(answer(page)).to_contain_text(expected)
            assert refused == []
        finally:
            server.terminate()
