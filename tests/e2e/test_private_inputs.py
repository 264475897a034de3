"""What a reader types never leaves the page: not in a URL, not in a header (issue 9).

Inputs live in the page's fragment, which browsers never send (RFC 3986 section 3.5: the fragment
is dereferenced by the user agent only; the Fetch standard strips it from a Referer), and every
page sets the strictest referrer policy. Each calculator is answered from an old-style query
link (which must move to the fragment at once), then the reader follows a link; every request
after the first page load is read, its URL and every header, for any input.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.reader import answer, fill_weeks, open_calculator

#: One old-style (query) link per calculator, with values unlikely to appear by chance.
OLD_LINKS = [
    "calculator/ramp.html?weeks=23.7&weeks=26.3&unit=km",
    "calculator/plan.html?current=21.3&target=33.9",
    "calculator/spike.html?planned=17.3&longest_30d=12.7",
    "calculator/shoes.html?distance_on_pair=311.7&weekly=27.3",
    "calculator/acwr.html?period=week&loads=10.1%2C12.3%2C11.7%2C14.9%2C20.3",
    "calculator/redflags.html?answers.night_pain=yes&answers.locked=yes",
    "calculator/where.html?location=front&features=swelling",
    "calculator/overtraining.html?signs.sleep=yes&signs.mood=yes",
]


def secrets(pairs: list[tuple[str, str]]) -> set[str]:
    """What must never be sent: each name=value pair (raw and encoded), and each typed number."""
    found: set[str] = set()
    for name, value in pairs:
        for pair in (f"{name}={value}", f"{quote(name)}={quote(value, safe='')}"):
            found.add(pair)
        found.update(re.findall(r"\d+\.\d+", value))  # the typed decimals (none occurs by chance)
        if "." in name:
            found.add(name)  # "answers.locked", "signs.mood": the question a box answered
    return found


def leaks(requests: list[Request], words: set[str]) -> list[str]:
    """Each request URL or header (name: value) holding any of the words."""
    found = []
    for request in requests:
        sent = [request.url, *(f"{k}: {v}" for k, v in request.all_headers().items())]
        found += [f"{request.url} -> {text}" for text in sent for word in words if word in text]
    return found


def follow_a_link_after_answering(page: Page) -> None:
    """Follow the always-there link to the red flags page, as a reader might after an answer."""
    page.get_by_role("link", name="When to see a clinician").first.click()
    page.wait_for_url(re.compile(r"red-flags\.html"))
    page.wait_for_load_state("load")


@pytest.mark.parametrize("link", OLD_LINKS)
def test_answers_stay_in_the_fragment_and_are_never_sent(
    page: Page, requests_seen: list[str], link: str
) -> None:
    pairs = parse_qsl(urlsplit(link).query)
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    open_calculator(page, link)
    expect(answer(page).locator(".kl-summary")).not_to_be_empty()
    # The old link was read once and moved: the query is gone, the fragment holds the inputs.
    address = urlsplit(page.url)
    assert address.query == ""
    assert set(pairs) <= set(parse_qsl(address.fragment))
    follow_a_link_after_answering(page)
    later = sent[1:]  # all but the old link's own page request
    assert later, "no request was seen after the page loaded"
    assert leaks(later, secrets(pairs)) == []
    # No request names the page in a Referer either (the worker's own requests may name worker.js).
    page_path = urlsplit(link).path
    assert [r.url for r in later if page_path in r.all_headers().get("referer", "")] == []


def test_typed_weeks_are_kept_only_in_the_fragment(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    fill_weeks(page, ["23.7", "26.3", "29.1"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(answer(page).locator(".kl-summary")).not_to_be_empty()
    assert urlsplit(page.url).fragment.startswith("weeks=23.7&weeks=26.3&weeks=29.1")
    assert urlsplit(page.url).query == ""
    follow_a_link_after_answering(page)
    assert sent, "following the link made no request"
    assert leaks(sent, {"23.7", "26.3", "29.1", "weeks="}) == []


def test_the_page_says_what_is_kept_where(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    note = page.locator(".kl-privacy")
    expect(note).to_contain_text("nothing you type is sent anywhere")
    expect(note).to_contain_text("after the #")
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
