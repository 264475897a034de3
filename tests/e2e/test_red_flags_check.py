"""What a reader sees from the red-flags check at each care level, and doing it all by keyboard.

The levels and their words come from the NHS (nhs-knee-pain, nhs-septic-arthritis, the care
levels); the stories are rows of the scenario table (tests/unit/redflag_scenarios.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.reader import answer, open_calculator


@pytest.mark.parametrize(
    ("level", "ticks", "says"),
    [
        ("self-care", [], "look after your knee yourself"),  # first episode of runner's knee
        ("soon", ["answers.not_better_2_weeks"], "booking an assessment"),  # NHS: a GP after 2 weeks
        ("urgent", ["answers.hot_swollen"], "getting seen today"),  # NHS septic arthritis: same day
        ("emergency", ["answers.numb_cold_foot"], "call 999"),  # NHS knee pain: numb or cold foot
    ],
    ids=["self-care", "soon", "urgent", "emergency"],
)
def test_reader_gets_the_care_level_for_their_story(
    page: Page, requests_seen: list[str], level: str, ticks: list[str], says: str
) -> None:
    open_calculator(page, "calculator/redflags.html")
    for name in ticks:
        page.locator(f'input[name="{name}"]').check()
    page.get_by_role("button", name="Tell me what to do").click()
    section = answer(page)
    expect(section.locator(".kl-summary")).to_contain_text(says)
    card = section.locator(".kl-care-card")
    expect(card).to_have_class(re.compile(rf"\bkl-care-{level}\b"))
    if level == "emergency":  # the numbers are links a phone can call
        expect(card.get_by_role("link", name=re.compile("^Call 999"))).to_have_attribute("href", "tel:999")


def test_reader_answers_by_keyboard_and_a_follow_up_appears_in_place(
    page: Page, requests_seen: list[str]
) -> None:
    open_calculator(page, "calculator/redflags.html")
    injury = page.locator('input[name="answers.injury"]')
    injury.focus()
    page.keyboard.press("Space")
    expect(injury).to_be_checked()
    page.keyboard.press("Tab")  # the next stop is the follow-up that just appeared, right below
    swelling = page.locator('input[name="answers.swelling_within_hours"]')
    expect(swelling).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Tell me what to do").focus()
    page.keyboard.press("Enter")
    section = answer(page)
    expect(section.locator("h2")).to_be_focused()
    expect(section.locator(".kl-summary")).to_contain_text("getting seen today")
    expect(page).to_have_url(re.compile(r"answers\.swelling_within_hours=yes"))


def test_nothing_covers_the_emergency_call_buttons_on_a_phone(page: Page, requests_seen: list[str]) -> None:
    """Scrolled to the foot of the screen, where a reader's thumb meets it, each call button is the
    topmost element across its whole width (a floating link once covered one)."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_calculator(page, "calculator/redflags.html#answers.injury=yes&answers.cannot_walk=yes")
    calls = answer(page).locator("a[href^='tel:']")
    expect(calls.first).to_be_visible()
    assert calls.count() >= 2
    for index in range(calls.count()):
        covered = calls.nth(index).evaluate(
            """(a) => {
                window.scrollBy(0, a.getBoundingClientRect().bottom - innerHeight + 8);
                const r = a.getBoundingClientRect();
                const y = r.top + r.height / 2;
                return [0.1, 0.5, 0.9].filter((f) => {
                    const hit = document.elementFromPoint(r.left + r.width * f, y);
                    return hit === null || !a.contains(hit);
                }).length;
            }"""
        )
        assert covered == 0, f"call button {index + 1} is covered at the foot of the screen"


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_with_scripts_off_the_check_says_where_to_look_and_sends_nothing(
    page: Page, requests_seen: list[str]
) -> None:
    # A break test pressed the button with scripts off: the page reloaded with the ticks in its
    # query, sent to the server, and no answer. The form (method="dialog") now goes nowhere, and
    # the page points to the list of signs, which needs no script.
    page.goto("calculator/redflags.html")
    expect(page.get_by_role("link", name="When to see a clinician").first).to_be_visible()
    assert "which is off here" in " ".join(page.locator(".kl-noscript").inner_text().split())
    page.locator('input[name="answers.numb_cold_foot"]').check()
    page.get_by_role("button", name="Tell me what to do").click()
    page.wait_for_timeout(500)
    assert "?" not in page.url and "numb_cold_foot" not in page.url
    assert not [url for url in requests_seen if "numb_cold_foot" in url]
