"""What a reader with real training sees (issue 10): easier weeks, breaks, unfinished weeks, times,
numbers pasted from exports, blank cells and thin histories. Right values: the issue's cases and
the hand calculations in tests/unit/test_training.py.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.reader import answer, fill_weeks, open_calculator

LOADS = re.compile("^Loads, oldest first")


def test_reader_goes_back_up_after_an_easier_week(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    page.get_by_label("Measured in").select_option("mi")
    fill_weeks(page, ["11", "12.1", "13.3", "8", "14.6"])
    page.get_by_role("button", name="Check my weeks").click()
    section = answer(page)
    expect(section.locator("tbody tr.kl-over")).to_have_count(0)  # not "+82.5 %, over"
    expect(section.locator("tbody tr").nth(4)).to_contain_text("Up 9.8 % on the 13.3 miles of week 3")
    # 14.6 x 1.1 = 16.06, shown down to a tenth of a mile
    expect(section.locator(".kl-summary")).to_contain_text("up to 16 miles")


def test_reader_types_times_as_their_watch_writes_them(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    page.get_by_label("Measured in").select_option("min")
    fill_weeks(page, ["3:10:00", "3:30:00"])
    page.get_by_role("button", name="Check my weeks").click()
    rows = answer(page).locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("190 minutes")
    expect(rows.nth(1)).to_contain_text("210 minutes")
    expect(rows.nth(1)).to_contain_text("+10.6 %")  # 210 / 190 = +10.53 %, rises rounded up
    expect(rows.nth(1)).to_contain_text("▲")


def test_reader_says_the_last_week_is_not_finished(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    expect(page.get_by_role("group", name=re.compile("complete weeks"))).to_be_visible()
    fill_weeks(page, ["40", "42", "44", "12"])
    page.get_by_label("The last week is not finished yet").check()
    page.get_by_role("button", name="Check my weeks").click()
    # 44 x 1.1 = 48.4 km in all, not "next week up to 13.2 km"
    expect(answer(page).locator(".kl-summary")).to_contain_text("up to 48.4 km in all")


def test_reader_coming_back_from_a_break_is_told_a_percentage_cannot_judge_it(
    page: Page, requests_seen: list[str]
) -> None:
    open_calculator(page)
    page.get_by_label("Weekly limit").select_option("returning")
    fill_weeks(page, ["30", "0", "0", "30"])
    page.get_by_role("button", name="Check my weeks").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text("can't judge")
    expect(section.locator("tbody tr").nth(3)).to_contain_text("straight back")


def test_reader_with_seconds_in_the_minutes_is_asked_about_them(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    page.get_by_label("Measured in").select_option("min")
    fill_weeks(page, ["9000", "9500"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(answer(page).locator(".kl-notes")).to_contain_text("if these are seconds, divide by 60")


def test_a_first_week_of_running_has_no_ratio_yet(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/acwr.html")
    page.get_by_label(LOADS).fill(", ".join(["0"] * 21 + ["3", "0", "3", "0", "3", "0", "3"]))
    page.get_by_role("button", name="Work out my ratio").click()
    summary = answer(page).locator(".kl-summary")
    expect(summary).to_contain_text("Not enough history for a ratio")  # not "4 (danger zone)"
    expect(summary).not_to_contain_text("danger")


def test_weekly_loads_in_the_thousands_pasted_one_per_line(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/acwr.html")
    page.get_by_label("Your loads are per").select_option("week")
    page.get_by_label("Measured in").select_option("au")
    page.get_by_label(LOADS).fill("950\n1,200\n1,100\n1,400")
    page.get_by_role("button", name="Work out my ratio").click()
    expect(answer(page).locator(".kl-summary")).to_contain_text("ratio is 1.2 ")  # 1400 / 1162.5


def test_weekly_loads_pasted_with_their_unit_one_per_line(page: Page, requests_seen: list[str]) -> None:
    # As running apps list weeks: "20 km" on each line was read as two entries, the second "km".
    open_calculator(page, "calculator/acwr.html")
    page.get_by_label("Your loads are per").select_option("week")
    page.get_by_label(LOADS).fill("20 km\n22 km\n21 km\n25.3 km")
    page.get_by_role("button", name="Work out my ratio").click()
    # By hand: 25.3 / mean(20, 22, 21, 25.3) = 25.3 / 22.075 = 1.146..., shown as 1.15
    expect(answer(page).locator(".kl-summary")).to_contain_text("ratio is 1.15 ")
    page.get_by_label(LOADS).fill("20 km\n22 mi\n21 km\n25.3 km")
    page.get_by_role("button", name="Work out my ratio").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Week 2 is in miles (22 mi), but the unit chosen is km"
    )


def test_a_blank_cell_stays_in_its_place(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/acwr.html")
    page.get_by_label(LOADS).fill("5\n\n" + "\n".join(["8"] * 26))
    page.get_by_role("button", name="Work out my ratio").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Day 2 is empty: enter 0 for a rest day.")
    expect(page.locator("section.kl-answer")).to_be_hidden()


def test_a_pair_of_shoes_past_a_thousand_km(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/shoes.html")
    page.get_by_label("Distance on this pair so far").fill("1,234")
    page.get_by_label("Distance you run a week").fill("30")
    page.get_by_role("button", name="Check my shoes").click()
    # 1234 km is past 400-500 miles (about 643.7-804.7 km), not "before the range"
    expect(answer(page).locator(".kl-summary")).not_to_contain_text("before")
    expect(answer(page).locator("tbody")).to_contain_text("1234 km")
