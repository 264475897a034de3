"""Worked-out amounts are shown to the precision they mean, by one rule (`calculator.reading.shown`).

Issue 9: answers read "up to 39.67 minutes", "38.31 km against an average of ...": a hundredth of a
minute or of a km means nothing to a runner. Amounts a check works out are shown to a tenth of a km or
mile and to a whole minute or AU; a most ("up to") is rounded down so it never exceeds its limit; an
amount the reader typed is echoed as typed. Each expected string below is worked out by hand in its
comment.
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator.protocol import handle_request


def _result(request: dict[str, Any]) -> dict[str, Any]:
    answer = handle_request(request)
    assert answer["ok"], answer
    result: dict[str, Any] = answer["result"]
    return result


def test_ramp_in_minutes_gives_whole_minutes() -> None:
    # 39.67 x 1.1 = 43.637 minutes: down to the whole minute, 43 (the typed weeks are echoed as typed)
    result = _result({"check": "ramp", "weeks": [36.06, 39.67], "unit": "min"})
    assert result["summary"] == "No week rose more than the 10 % limit. Next week: up to 43 minutes."
    assert result["next_week_note"] == "Up to 43 minutes keeps next week within the 10 % limit."
    assert result["table"]["rows"][1]["cells"][1] == "39.67 minutes"


@pytest.mark.parametrize(
    ("weeks", "unit", "most"),
    [
        ([20, 22, 24.2], "km", "26.6 km"),  # 24.2 x 1.1 = 26.62, down to 26.6
        ([20, 22, 26], "km", "28.6 km"),  # 26 x 1.1 = 28.6 exactly
        ([10, 10.5, 10.9], "mi", "11.9 miles"),  # 10.9 x 1.1 = 11.99, down to 11.9 (not up to 12)
        ([100, 109, 119], "min", "130 minutes"),  # 119 x 1.1 = 130.9, down to 130
    ],
)
def test_next_week_is_rounded_down_to_the_units_step(weeks: list[float], unit: str, most: str) -> None:
    result = _result({"check": "ramp", "weeks": weeks, "unit": unit})
    assert result["summary"].endswith(f"Next week: up to {most}.")


def test_an_unfinished_week_says_its_most_and_what_is_left_to_the_step() -> None:
    # week 3 ran 24.2, so week 4 may hold 24.2 x 1.1 = 26.62, down to 26.6; 26.62 - 20 = 6.62, down to 6.6
    result = _result({"check": "ramp", "weeks": [20, 22, 24.2, 20], "last_week_unfinished": True})
    assert result["next_week_note"] == (
        "Week 4 is not finished: up to 26.6 km in all keeps it within the 10 % limit, 6.6 km more than so far."
    )


def test_spike_says_its_longest_within_ten_percent_to_a_tenth() -> None:
    # 12.1 x 1.1 = 13.31 km, down to 13.3; 13.37 / 12.1 - 1 = 10.496 %, shown rounded up to 10.5 %
    result = _result({"check": "spike", "planned": 13.37, "longest_30d": 12.1})
    assert result["summary"] == (
        "Your planned 13.37 km run is 10.5 % longer than your longest run of the last 30 days (12.1 km), "
        "in the study's 10-30 % band. Up to 13.3 km stays within 10 %."
    )


@pytest.mark.parametrize(
    ("loads", "unit", "acute", "chronic"),
    [
        # acute: last week, 41.55 -> 41.6 (nearest tenth, halves up); chronic: the last 4 weeks'
        # average, (32 + 34 + 36 + 41.55) / 4 = 35.8875 -> 35.9
        ([30, 32, 34, 36, 41.55], "km", "41.6 km", "35.9 km"),
        # chronic (110 + 120 + 130 + 143) / 4 = 125.75 minutes -> 126
        ([100, 110, 120, 130, 143], "min", "143 minutes", "126 minutes"),
        # chronic (410 + 420 + 430 + 441) / 4 = 425.25 AU -> 425
        ([400, 410, 420, 430, 441], "au", "441 AU", "425 AU"),
    ],
)
def test_acwr_loads_are_shown_to_the_units_step(
    loads: list[float], unit: str, acute: str, chronic: str
) -> None:
    result = _result({"check": "acwr", "loads": loads, "period": "week", "unit": unit})
    assert f": {acute} last week against an average of {chronic} a week" in result["summary"]
    shown_in_table = [cell.split(" ")[0] for cell in result["table"]["rows"][0]["cells"][1:3]]
    assert shown_in_table == [acute.split(" ")[0], chronic.split(" ")[0]]
