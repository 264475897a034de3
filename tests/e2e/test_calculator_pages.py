"""What a reader does on each calculator page, in Chromium: answers computed in Pyodide."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from calculator.checks.shoes import check_shoes
from tests.e2e.reader import READY_TIMEOUT_MS, SCHEMES, answer, axe_violations, fill_weeks, open_calculator


def test_reader_plans_a_build_up(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/plan.html")
    page.get_by_label("This week").fill("20")
    page.get_by_label("Target week").fill("26")
    page.get_by_label("First week starts (optional)").fill("2026-11-30")
    page.get_by_role("button", name="Plan my build-up").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text("in 3 weeks")
    expect(section.locator("tbody tr")).to_have_count(3)
    # A readable date, not ISO (issue 9).
    expect(section.locator("tbody tr").nth(2)).to_contain_text("Monday 14 December 2026")
    expect(section.locator("figure.kl-chart-figure svg[role=img]")).to_be_visible()


def test_reader_sees_the_band_of_a_long_run(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/spike.html")
    page.get_by_label("Planned run", exact=True).fill("16")
    page.get_by_label("Longest run in the last 30 days").fill("12")
    page.get_by_role("button", name="Check my run").click()
    flagged = answer(page).locator("tbody tr.kl-over")
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("More than 30 %")
    expect(flagged).to_contain_text("Your planned run")


def test_reader_gets_a_ratio_with_its_caveat(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/acwr.html")
    page.get_by_label("Your loads are per").select_option("week")
    page.get_by_label(re.compile("^Loads, oldest first")).fill("10, 12, 11, 14, 20")
    page.get_by_role("button", name="Work out my ratio").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text("1.4")
    expect(section.locator(".kl-caveat")).to_contain_text("contested")
    expect(section.get_by_role("link", name="Long-run spike check")).to_be_visible()


def test_one_red_flag_means_getting_seen_today(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/redflags.html")
    page.get_by_label(re.compile("^Is your knee locked")).check()
    page.get_by_role("button", name="Tell me what to do").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text("today")
    section.get_by_role("link", name="when to see a clinician").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When to see a clinician")


def test_injury_questions_appear_only_after_an_injury(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/redflags.html")
    age = page.get_by_label("Are you 55 or older?")
    expect(age).to_be_hidden()
    page.get_by_label(re.compile("^Did the pain start with an injury")).check()
    expect(age).to_be_visible()
    age.check()
    page.get_by_role("button", name="Tell me what to do").click()
    expect(answer(page).locator(".kl-summary")).to_contain_text("today")


def test_no_red_flag_means_self_care(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/redflags.html")
    page.get_by_role("button", name="Tell me what to do").click()
    expect(answer(page).locator(".kl-summary")).to_contain_text("look after your knee yourself")


def test_where_it_hurts_links_to_the_condition(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/where.html")
    page.get_by_label("The outer side of the knee").check()
    page.get_by_role("button", name="Show what it may be").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text("not a diagnosis")
    section.get_by_role("link", name="Iliotibial band syndrome (ITBS)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iliotibial band syndrome")


def test_where_asks_for_a_place(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/where.html")
    page.get_by_role("button", name="Show what it may be").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("section.kl-answer")).to_be_hidden()


def test_reader_checks_their_shoes(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/shoes.html")
    page.get_by_label("Distance on this pair so far").fill("250")
    page.get_by_label("Distance you run a week").fill("30")
    page.get_by_role("button", name="Check my shoes").click()
    # By hand: (643.7 - 250) / 30 = 13.1 weeks, 92 days: about 13 weeks.
    expect(answer(page).locator(".kl-summary")).to_contain_text("in about 13 weeks")


def test_warning_signs_suggest_easing_off(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/overtraining.html")
    page.get_by_label("Do you feel tired much of the time?").check()
    page.get_by_role("button", name="Should I back off?").click()
    expect(answer(page).locator(".kl-summary")).to_contain_text("ease off")


def test_custom_limit_field_appears_only_for_custom(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    limit = page.get_by_label("Your own limit (% a week)")
    expect(limit).to_be_hidden()
    page.get_by_label("Weekly limit").select_option("custom")
    limit.fill("15")
    fill_weeks(page, ["20", "23"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(answer(page).locator(".kl-summary")).to_contain_text("15 % limit")


def test_bad_number_is_shown_at_its_field(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/plan.html")
    page.get_by_label("This week").fill("twenty")
    page.get_by_label("Target week").fill("26")
    page.get_by_role("button", name="Plan my build-up").click()
    expect(page.get_by_label("This week")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#current-error")).to_be_visible()


def test_shared_link_shows_the_same_answer(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    fill_weeks(page, ["20", "22", "26", "25", "31"])
    page.get_by_role("button", name="Check my weeks").click()
    summary = answer(page).locator(".kl-summary").inner_text()
    shared = page.url
    assert "weeks=31" in shared
    page.goto("index.html")
    open_calculator(page, shared)  # waits for Python, however long it takes to start on this machine
    expect(page.get_by_label("Week 5", exact=True)).to_have_value("31")
    expect(answer(page).locator(".kl-summary")).to_have_text(summary)
    # A second link pasted into the same tab changes only what follows the #: it used to leave
    # the first link's form and answer on screen (a break test). By hand, 30 to 45 is +50 %.
    page.evaluate("location.hash = 'weeks=30&weeks=45'")
    expect(page.get_by_label("Week 2", exact=True)).to_have_value("45", timeout=READY_TIMEOUT_MS)
    expect(page.get_by_label("Week 5", exact=True)).to_have_count(0)
    expect(answer(page).locator(".kl-summary")).to_contain_text(
        "rose more than the 10 % limit (week 2)", timeout=READY_TIMEOUT_MS
    )
    # A heading's own link holds no inputs: the answer stays.
    page.evaluate("location.hash = 'the-limits'")
    page.wait_for_timeout(1000)  # (a reload would have begun by now)
    expect(page.get_by_label("Week 2", exact=True)).to_have_value("45")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "path",
    [
        "calculator/plan.html?current=20&target=30",
        "calculator/acwr.html?period=week&loads=10%2C12%2C11%2C14%2C20",
        "calculator/redflags.html?answers.locked=yes",
        "calculator/where.html?location=front&features=swelling",
    ],
)
def test_answers_pass_axe(page: Page, requests_seen: list[str], path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_calculator(page, path)
    answer(page)
    assert axe_violations(page) == []


def test_printed_answer_leaves_out_the_form(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/spike.html?planned=16&longest_30d=12")
    section = answer(page)
    page.emulate_media(media="print")
    expect(page.locator("form[data-calculator]")).to_be_hidden()
    expect(section.locator(".kl-summary")).to_be_visible()
    expect(section.locator("table")).to_be_visible()


def test_a_page_left_open_over_midnight_dates_its_answer_from_the_new_day(
    page: Page, requests_seen: list[str]
) -> None:
    # A break test: the reader's date was read when the page opened, so an answer asked for just
    # after midnight was dated a day early. It is read at each request now.
    page.clock.set_fixed_time(datetime(2026, 12, 1, 23, 58))
    open_calculator(page, "calculator/shoes.html")
    page.get_by_label("Distance on this pair so far").fill("250")
    page.get_by_label("Distance you run a week").fill("30")
    page.clock.set_fixed_time(datetime(2026, 12, 2, 0, 3))
    page.get_by_role("button", name="Check my shoes").click()
    # By hand: 393.7 km to go at 30 a week is 92 days; 2 December 2026 plus 92 days is 4 March 2027.
    expected = check_shoes(250, 30, today="2026-12-02").summary
    assert "Thursday 4 March 2027" in expected
    expect(answer(page).locator(".kl-summary")).to_have_text(expected)
