"""What a reader does with the weekly ramp check, in Chromium, against the built site."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from calculator.protocol import handle
from tests.e2e.reader import READY_TIMEOUT_MS, SCHEMES, axe_violations, fill_weeks, open_calculator


def test_reader_sees_over_limit_week(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    fill_weeks(page, ["20", "22", "26", "25"])
    page.get_by_role("button", name="Check my weeks").click()

    answer = page.locator("#ramp-answer")
    expect(answer).to_be_visible()
    rows = answer.locator("tbody tr")
    expect(rows).to_have_count(4)
    # Exactly at the limit (20 -> 22, +10 %) is within it; 22 -> 26 (+18.2 %) is over, in words.
    expect(rows.nth(1)).not_to_contain_text("over the")
    expect(rows.nth(2)).to_contain_text("▲")
    expect(rows.nth(2)).to_contain_text("+18.2 %")
    expect(rows.nth(2).locator("strong")).to_contain_text("over the 10 % limit")
    expect(answer.locator(".kl-summary")).to_contain_text("(week 3)")
    expect(answer.locator(".kl-summary")).to_contain_text("up to 28.6 km")  # 26 (week 3) x 1.1
    expect(page.get_by_role("heading", name="Your weeks")).to_be_focused()


@pytest.mark.parametrize("week_2", ["22.00", "22.0000000000000000001"])
def test_a_week_typed_to_the_hundredth_is_judged_as_typed(
    page: Page, requests_seen: list[str], week_2: str
) -> None:
    # By hand: 19.98 -> 22.00 is +10.1 %; even the least the two could be as typed (19.985 ->
    # 21.995) is +10.06 %, over the 10 % limit. Sent as the number 22, the browser allowed for a
    # week rounded to the kilometre (21.5) and found it within, where the command line found it over.
    # So did 22.0000000000000000001 (more digits than a browser's number holds: 22).
    open_calculator(page)
    fill_weeks(page, ["19.98", week_2])
    page.get_by_role("button", name="Check my weeks").click()

    rows = page.locator("#ramp-answer tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("strong")).to_contain_text("over the 10 % limit")
    cli = json.loads(handle(json.dumps({"check": "ramp", "weeks": ["19.98", week_2]})))
    assert cli["result"]["weeks"][1]["over_limit"] is True


def test_reader_changes_profile_and_unit(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    fill_weeks(page, ["40", "41", "42.1"])
    page.get_by_label("Measured in").select_option("mi")
    page.get_by_label("Weekly limit").select_option("conservative")
    page.get_by_label("Week 3", exact=True).press("Enter")

    rows = page.locator("#ramp-answer tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).not_to_contain_text("over the")  # 40 -> 41 is exactly 2.5 %
    expect(rows.nth(2)).to_contain_text("▲")  # 41 -> 42.1 is 2.7 %
    expect(rows.nth(0)).to_contain_text("miles")


def test_reader_sees_error_at_the_field(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    # Week 4: too many digits for a number in the browser (Infinity), never read as empty.
    fill_weeks(page, ["20", "lots", "-5", "9" * 400])
    page.get_by_role("button", name="Check my weeks").click()

    week2 = page.get_by_label("Week 2", exact=True)
    week3 = page.get_by_label("Week 3", exact=True)
    expect(week2).to_have_attribute("aria-invalid", "true")
    expect(week3).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#week-2-error")).to_be_visible()
    expect(page.locator("#week-3-error")).to_contain_text("negative")
    expect(page.locator("#week-4-error")).to_contain_text("Week 4 is over 1000 km")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#ramp-answer")).to_be_hidden()
    expect(page.locator("body")).not_to_contain_text("Traceback")
    expect(page.locator("body")).not_to_contain_text("NaN")


def test_no_request_leaves_the_site(page: Page, requests_seen: list[str], base_url: str) -> None:
    open_calculator(page)
    fill_weeks(page, ["10", "11"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#ramp-answer tbody tr")).to_have_count(2)

    # The worker's own fetches are seen too, so an empty list below means something.
    assert any(url.endswith("/pyodide.asm.wasm") and "/pyodide/" in url for url in requests_seen), (
        requests_seen
    )
    assert any(url.endswith(".whl") for url in requests_seen), requests_seen
    offsite = [url for url in requests_seen if not url.startswith((base_url, "data:", "blob:"))]
    assert offsite == []


def test_content_page_never_downloads_pyodide(page: Page, requests_seen: list[str]) -> None:
    page.goto("index.html")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests_seen if "/pyodide/" in url or "calculator" in url.rsplit("/", 1)[-1]]


def test_reader_is_told_when_the_runtime_cannot_start(page: Page, requests_seen: list[str]) -> None:
    wasm = re.compile(r".*/pyodide/.*pyodide\.asm\.wasm$")
    # The runtime's download is held until the reader has typed, then refused (and so is the
    # loader's second try). (Playwright lets a held request through when its route is removed.)
    held: list[Route] = []
    refused = False
    page.context.route(wasm, lambda route: route.fulfill(status=404) if refused else held.append(route))
    page.goto("calculator/ramp.html")
    fill_weeks(page, ["20", "22", "25"])
    for _ in range(600):  # Playwright calls the route's handler while the test waits on the page
        if held:
            break
        page.wait_for_timeout(50)
    refused = True
    for route in held:
        route.fulfill(status=404)
    form = page.locator("#ramp-form")
    expect(form).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    status = page.get_by_role("status").first
    expect(status).to_contain_text("could not start")
    # A form that cannot answer is switched off (it looks it, too), not left to fail on submit.
    expect(page.get_by_role("button", name="Check my weeks")).to_be_disabled()
    expect(page.get_by_label("Week 1", exact=True)).to_be_disabled()
    # The reload the message asks for keeps what the reader typed (it used to be lost), and
    # answers it once the calculator starts: by hand, 22 to 25 is +13.6 %, over the 10 % limit,
    # and next week may hold 25 x 1.1 = 27.5 km.
    expect(status).to_contain_text("What you typed is kept for the reload.")
    page.context.unroute(wasm)
    page.reload()
    expect(page.get_by_label("Week 3", exact=True)).to_have_value("25")
    expect(page.locator("#ramp-answer")).to_contain_text(
        "rose more than the 10 % limit (week 3). Next week: up to 27.5 km.", timeout=READY_TIMEOUT_MS
    )


def test_calculator_page_fits_a_phone(page: Page, requests_seen: list[str]) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_calculator(page)
    fill_weeks(page, ["20", "22", "26", "25"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#ramp-answer")).to_be_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("scheme", SCHEMES)
def test_calculator_page_passes_axe(page: Page, requests_seen: list[str], scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_calculator(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    fill_weeks(page, ["20", "x", "26"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#week-2-error")).to_be_visible()
    assert axe_violations(page) == []
    fill_weeks(page, ["20", "22", "26"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#ramp-answer")).to_be_visible()
    assert axe_violations(page) == []


def test_every_wheel_in_the_lock_is_served_with_its_sha256(
    page: Page, requests_seen: list[str], built_site: Path
) -> None:
    open_calculator(page)
    # The lock and the wheels share their versioned folder (hooks/runtime.py).
    [lock_path] = built_site.glob("pyodide/*/pyodide-lock.json")
    lock = json.loads(lock_path.read_text())
    assert "kneeload-calculator" in lock["packages"], lock
    for entry in lock["packages"].values():
        # The calculator's wheel is fetched at start, with the lock's sha256 as its integrity.
        if entry["name"] == "kneeload-calculator":
            assert any(url.endswith(f"/{entry['file_name']}") for url in requests_seen), requests_seen
        served = (lock_path.parent / entry["file_name"]).read_bytes()
        assert hashlib.sha256(served).hexdigest() == entry["sha256"]


def test_tampered_wheel_is_refused(page: Page, requests_seen: list[str]) -> None:
    # Pyodide passes the lock's sha256 to fetch() as Subresource Integrity: the browser refuses it.
    def tamper(route: Route) -> None:
        body = bytearray(route.fetch().body())
        body[len(body) // 2] ^= 0xFF  # one flipped byte: a different sha256 than the lock's
        route.fulfill(status=200, content_type="application/octet-stream", body=bytes(body))

    page.context.route(re.compile(r".*/pyodide/.*\.whl$"), tamper)
    page.goto("calculator/ramp.html")
    form = page.locator("#ramp-form")
    expect(form).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    status = page.get_by_role("status").first
    expect(status).to_contain_text("could not start")
    expect(status).to_contain_text("kneeload-calculator")  # the package whose wheel was refused
    expect(page.locator("body")).not_to_contain_text("Traceback")


def test_a_runtime_file_that_did_not_download_is_said_in_plain_words(
    page: Page, requests_seen: list[str]
) -> None:
    # A break test found the browser's bare "Failed to fetch." as the whole reason.
    page.context.route(
        re.compile(r".*/pyodide/.*python_stdlib_calculator\.zip$"), lambda route: route.abort()
    )
    page.goto("calculator/ramp.html")
    expect(page.locator("#ramp-form")).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    status = page.get_by_role("status").first
    expect(status).to_contain_text(
        "could not start: part of the Python runtime did not download (the browser said:"
    )
    expect(status).to_contain_text("Reload the page")
