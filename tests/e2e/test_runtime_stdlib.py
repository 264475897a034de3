"""The hosted site's smaller standard library (python_stdlib_calculator.zip, hooks/runtime.py):
the calculator starts with it alone; a module it lacks is imported from Pyodide's whole
python_stdlib.zip, downloaded then (tools/stdlib_fallback.py); and when that download fails
too, the reader is told why, never left waiting."""

from __future__ import annotations

import io
import re
import zipfile

from playwright.sync_api import Page, Route, expect

from tests.e2e.reader import READY_TIMEOUT_MS, fill_weeks, open_calculator

SMALLER = "**/python_stdlib_calculator.zip"
WHOLE = "**/python_stdlib.zip"


def _ask_ramp(page: Page) -> None:
    fill_weeks(page, ["20", "22", "26", "25"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#ramp-answer .kl-summary")).to_contain_text("up to 28.6 km")  # 26 (week 3) x 1.1


def _without(page: Page, member: str) -> None:
    """Serve the smaller standard library without one member (the calculator imports fractions;
    the zip holds its bytecode, precompiled by the build)."""

    def handle(route: Route) -> None:
        response = route.fetch()
        kept = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(response.body())) as small, zipfile.ZipFile(kept, "w") as out:
            for info in small.infolist():
                if info.filename != member:
                    out.writestr(info, small.read(info))
        route.fulfill(status=200, body=kept.getvalue(), headers={"Content-Type": "application/zip"})

    page.route(SMALLER, handle)


def test_the_calculator_starts_with_the_smaller_standard_library(
    page: Page, requests_seen: list[str]
) -> None:
    open_calculator(page)
    _ask_ramp(page)
    assert [url for url in requests_seen if url.endswith("/python_stdlib_calculator.zip")]
    assert not [url for url in requests_seen if url.endswith("/python_stdlib.zip")]


def test_a_module_it_lacks_comes_from_the_whole_one(page: Page, requests_seen: list[str]) -> None:
    _without(page, "fractions.pyc")
    open_calculator(page)
    _ask_ramp(page)
    assert [url for url in requests_seen if url.endswith("/python_stdlib.zip")]


def test_when_the_whole_one_fails_too_the_reader_is_told(page: Page, requests_seen: list[str]) -> None:
    _without(page, "fractions.pyc")
    page.route(WHOLE, lambda route: route.fulfill(status=404, body="Not found"))
    page.goto("calculator/ramp.html")
    form = page.locator("#ramp-form")
    expect(form).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    status = page.locator("[data-calculator-status]").first
    expect(status).to_contain_text(
        re.compile(
            r"could not start: part of Python's standard library could not be downloaded \(HTTP 404\)\."
        )
    )
    expect(status).not_to_contain_text("Traceback")
