"""The training log page (issue 14): a reader drops their export and sees their weeks, with nothing
sent anywhere. The files are made by tests/unit/history_samples.py; the right values are the hand
sums in the comments (and tests/unit/test_history_check.py checks the same answers natively).
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import JSHandle, Page, expect

from tests.e2e.reader import answer, axe_violations, open_calculator
from tests.helpers import PROJECT_ROOT, module_from_path

samples = module_from_path("history_samples", PROJECT_ROOT / "tests" / "unit" / "history_samples.py")
PAGE = "calculator/history.html"
READ_TIMEOUT_MS = 60_000


def garmin_rows() -> bytes:
    """Eight weeks of three runs each from Monday 7 September 2026; week 5 jumps (4 x 3 = 12 -> 8 x 3 = 24 km)."""
    rows = []
    for week, km in enumerate((4, 4, 4, 4, 8, 8, 8, 8)):
        for day in (0, 2, 4):
            when = date(2026, 9, 7) + timedelta(weeks=week, days=day)
            rows.append(("Running", f"{when} 07:00:00", str(km), "0:30:00"))
    return samples.garmin_csv(rows)


def strava_zip() -> bytes:
    """A Strava export with one run (a FIT file, 10 km on Sunday 8 November) and a photo."""
    start = datetime(2026, 11, 8, 7, 0, tzinfo=UTC)
    return samples.zipped(
        {
            "activities.csv": samples.strava_csv(
                [samples.StravaRow(start, "Run", "10", "10000", "activities/1.fit.gz")]
            ),
            "activities/1.fit.gz": samples.gz(samples.fit([samples.FitSession(start, 10.0)], 60)),
            "media/1.jpg": samples.JPEG,
        }
    )


def set_today(page: Page, day: str) -> None:
    """Give the form a fixed date (page.js puts the reader's own date there): the weeks run up to it."""
    page.locator("input[name=today]").evaluate("(input, day) => { input.value = day; }", day)


FILES = [
    {"name": "Activities.csv", "mimeType": "text/csv", "buffer": garmin_rows()},
    {"name": "export.zip", "mimeType": "application/zip", "buffer": strava_zip()},
    {"name": "broken.gpx", "mimeType": "application/gpx+xml", "buffer": b"<gpx><trk><trkseg><trkpt lat="},
    {  # a track of one point: no distance, so not a run of 0 km
        "name": "dot.gpx",
        "mimeType": "application/gpx+xml",
        "buffer": samples.gpx([[[(51.5, 0.0)]]], datetime(2026, 10, 20, 7, tzinfo=UTC)),
    },
]


def test_reader_picks_an_export_and_sees_their_weeks_with_nothing_sent(
    page: Page, requests_seen: list[str], base_url: str
) -> None:
    open_calculator(page, PAGE)
    set_today(page, "2026-11-08")  # the last run's day, in the week of 2 November
    page.get_by_label(re.compile("^Your export")).set_input_files(FILES)
    expect(page.locator("[data-chosen]")).to_contain_text("4 files")
    page.get_by_role("button", name="Read my training log").click()
    section = page.locator("section.kl-answer")
    expect(section).to_be_visible(timeout=READ_TIMEOUT_MS)
    # 24 Garmin runs and the Strava zip's run (its CSV row and FIT file are one run): 25 runs;
    # 4 x 12 + 4 x 24 + 10 = 154 km; weeks from 7 September to the week of 2 November (9 weeks)
    expect(section.locator(".kl-summary")).to_contain_text("25 runs (154 km) over 9 weeks, from 2026-09-07")
    expect(section.locator("figure svg")).to_have_count(2)  # the ramp chart and the ACWR chart
    # issue 14: labelled by month, not week numbers: weeks from 7 September, 5 October is the 5th, 2 November the 9th
    expect(section.locator("figure svg").first.locator("text.kl-label")).to_have_text(
        ["Sep 2026", "Oct", "Nov"]
    )
    expect(section.get_by_text("Week of 2026-10-05")).to_be_visible()  # 12 -> 24 km: over the limit
    expect(section.locator("li", has_text="broken.gpx is cut short")).to_be_visible()
    expect(section.get_by_role("heading", name="Runs not counted")).to_be_visible()
    expect(
        section.locator("li", has_text="dot.gpx: not counted: the run on 2026-10-20 has no distance")
    ).to_be_visible()
    expect(section.locator(".kl-summary")).to_contain_text("1 run was not counted (see why below).")
    ramp_link = section.get_by_role("link", name=re.compile("Weekly ramp check, with your last 12 weeks"))
    expect(ramp_link).to_have_attribute(
        "href", re.compile(r"ramp\.html#weeks=12&weeks=12&weeks=12&weeks=12&weeks=24")
    )
    assert all(url.startswith((base_url, "data:", "blob:")) for url in requests_seen), requests_seen
    assert not [url for url in requests_seen if "Activities.csv" in url or "export.zip" in url]
    assert "files=" not in page.url  # the files' names are not kept in the address either
    assert axe_violations(page) == []


def test_reader_drops_files_on_the_page(page: Page, requests_seen: list[str], base_url: str) -> None:
    open_calculator(page, PAGE)
    data = base64.b64encode(garmin_rows()).decode()
    dropped = page.evaluate_handle(
        """(data) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "Activities.csv", { type: "text/csv" }));
            return transfer;
        }""",
        data,
    )
    page.locator("[data-drop-zone]").dispatch_event("drop", {"dataTransfer": dropped})
    expect(page.locator("[data-chosen]")).to_contain_text("1 file")
    set_today(page, "2026-11-01")  # Sunday: still the week of 26 October, the last with runs
    page.get_by_role("button", name="Read my training log").click()
    weeks = answer(page).locator(".kl-summary")
    expect(weeks).to_contain_text("24 runs (144 km) over 8 weeks", timeout=READ_TIMEOUT_MS)
    assert all(url.startswith((base_url, "data:", "blob:")) for url in requests_seen), requests_seen


DROP_ON = """([selector, transfer, kind]) => {
    const event = new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true });
    document.querySelector(selector).dispatchEvent(event);
    return [event.defaultPrevented, transfer.dropEffect];
}"""


def file_transfer(page: Page) -> JSHandle:
    return page.evaluate_handle(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["Activity Type,Date,Distance"], "Activities.csv", { type: "text/csv" }));
            return transfer;
        }"""
    )


def test_files_dropped_beside_the_zone_are_refused_not_opened(page: Page) -> None:
    # A browser opens a file dropped where the page does not take it, in place of the page (the
    # reader's form and answer lost): on the training log, a drag of files beside the zone is
    # refused (its default prevented, the "none" drop effect), and the file is not taken either.
    open_calculator(page, PAGE)
    address = page.url
    transfer = file_transfer(page)
    for kind in ("dragover", "drop"):
        assert page.evaluate(DROP_ON, ["h1", transfer, kind]) == [True, "none"]
        assert page.evaluate(DROP_ON, ["footer", transfer, kind]) == [True, "none"]
    expect(page.locator("[data-chosen]")).to_have_text("No files chosen yet.")
    assert page.url == address
    # Dragging text (not files) beside the zone is left to the browser, as anywhere else.
    text = page.evaluate_handle(
        "() => { const t = new DataTransfer(); t.setData('text/plain', 'x'); return t; }"
    )
    assert page.evaluate(DROP_ON, ["h1", text, "dragover"])[0] is False
    # In the zone, a drop still gives the file to the form.
    assert page.evaluate(DROP_ON, ["[data-drop-zone]", transfer, "drop"])[0] is True
    expect(page.locator("[data-chosen]")).to_contain_text("1 file")


def test_other_calculators_leave_a_drop_to_the_browser(page: Page) -> None:
    open_calculator(page, "calculator/ramp.html")
    assert page.evaluate(DROP_ON, ["h1", file_transfer(page), "drop"])[0] is False


def test_reader_with_nothing_readable_is_told_why_at_the_field(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, PAGE)
    page.get_by_label(re.compile("^Your export")).set_input_files(
        [{"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": samples.JPEG}]
    )
    page.get_by_role("button", name="Read my training log").click()
    expect(page.locator(".kl-error-summary")).to_contain_text(
        "IMG_1.jpg is a photo or video", timeout=READ_TIMEOUT_MS
    )


def test_reader_is_told_which_csv_rows_and_runs_were_not_counted(page: Page) -> None:
    # The review's cases, as a reader sees them: row 3 has a date Garmin Connect does not write,
    # row 4 none; row 5 is a run after today (a wrong clock). Rows 2 and 6 count: 5 + 6 = 11 km.
    text = (
        "Activity Type,Date,Distance,Time\n"
        "Running,2026-10-05 07:00:00,5,0:30:00\n"
        "Running,24.10.2026 07:00,5,0:30:00\n"
        "Running,,5,0:30:00\n"
        "Running,2030-06-01 07:00:00,5,0:30:00\n"
        "Running,2026-10-07 07:00:00,6,0:36:00\n"
    )
    open_calculator(page, PAGE)
    set_today(page, "2026-10-08")
    page.get_by_label(re.compile("^Your export")).set_input_files(
        [{"name": "Activities.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Read my training log").click()
    section = page.locator("section.kl-answer")
    expect(section.locator(".kl-summary")).to_contain_text("2 runs (11 km)", timeout=READ_TIMEOUT_MS)
    expect(section.locator(".kl-summary")).to_contain_text("2 rows of the activity lists could not be read")
    expect(
        section.get_by_role("heading", name="Files, or rows of them, that could not be read")
    ).to_be_visible()
    expect(
        section.locator(
            "li", has_text="Activities.csv: 2 rows were not read, so they are not counted; row 3:"
        )
    ).to_contain_text("row 4: no date.")
    expect(
        section.locator(
            "li", has_text="Activities.csv: not counted: the run on 2030-06-01 is after today (2026-10-08)"
        )
    ).to_be_visible()
    expect(section.get_by_text(re.compile("Runs in the first 30 days of this log"))).to_be_visible()
