"""Reading amounts, dates and flags (calculator.reading); rounding that never crosses a limit."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.errors import Problem
from calculator.protocol import handle_request
from calculator.reading import floor_to, read_amount, read_date, read_flag, rounded_pct, rounded_rise

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("2000-01-01", date(2000, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
        ("2028-02-29", date(2028, 2, 29)),
        (None, None),
    ],
)
def test_dates_that_are_read(value: object, expected: date | None) -> None:
    problems: list[Problem] = []
    assert read_date(value, "start_date", "The start date", problems) == expected
    assert problems == []


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "1999-12-31",
        "2101-01-01",
        "20261130",
        "2026-W48-1",
        "2026-11-30T00:00",
        " 2026-11-30",
        "2026-11-3",
        "２０２６-11-30",
        "",
        20261130,
        True,
        ["2026-11-30"],
        {"date": "2026-11-30"},
    ],
)
def test_dates_that_are_refused(value: object) -> None:
    problems: list[Problem] = []
    assert read_date(value, "start_date", "The start date", problems) is None
    assert [problem.field for problem in problems] == ["start_date"]
    assert problems[0].message.startswith("The start date") and problems[0].message.endswith(".")


@pytest.mark.parametrize(
    ("value", "flag", "refused"),
    [
        (True, True, False),
        (False, False, False),
        (None, False, False),
        (1, False, True),
        ("true", False, True),
        ([], False, True),
    ],
)
def test_flags(value: object, flag: bool, refused: bool) -> None:
    problems: list[Problem] = []
    assert read_flag(value, "hold_weeks", "Say true or false.", problems) is flag
    assert bool(problems) is refused


@pytest.mark.parametrize(
    ("value", "kept", "message"),
    [
        (12, 12, None),
        (12.5, 12.5, None),
        (-0.0, 0.0, None),
        (0, 0, None),
        (0.01, 0.01, None),
        (1000, 1000, None),
        (1000.01, None, "X is over 1000 km: the check takes up to 1000 km. Check the number and the unit."),
        (0.009, None, "X is less than 0.01 km: enter at least 0.01 km."),
        (-1, None, "X can't be negative."),
        (None, None, "X is empty: enter a number, like 22 or 22.5."),
        # A plain number sent as text (a CSV column, a script) is that number; anything else is not.
        ("12", 12, None),
        (" 12.50 ", 12.5, None),
        ("12 km", 12, None),  # written with the unit chosen
        (
            "12 miles",
            None,
            "X is in miles (12 miles), but the unit chosen is km: choose miles as the unit, or enter it in km.",
        ),
        (
            "12 kg",
            None,
            "X (12 kg): the calculator does not read kg as a unit. Enter it in km, like 22 or 22.5.",
        ),
        ("-12", None, "X must be a number, like 22 or 22.5."),
        ("1e3", None, "X must be a number, like 22 or 22.5."),
        # Too many digits for a plain number: read all the same, so the size is what is refused.
        (
            "12345678901",
            None,
            "X is over 1000 km: the check takes up to 1000 km. Check the number and the unit.",
        ),
        ("0.0000000001", None, "X is less than 0.01 km: enter at least 0.01 km."),
        (
            "1234.5678901234",
            None,
            "X is over 1000 km: the check takes up to 1000 km. Check the number and the unit.",
        ),
        ("12.50000000000", 12.5, None),
        # Too large for a float: JSON's 1e999 or 400 nines (the protocol reads both as infinity).
        ("9" * 400, None, "X is over 1000 km: the check takes up to 1000 km. Check the number and the unit."),
        (
            float("inf"),
            None,
            "X is over 1000 km: the check takes up to 1000 km. Check the number and the unit.",
        ),
        ("Infinity", None, "X must be a number, like 22 or 22.5."),
        (float("nan"), None, "X must be a number, like 22 or 22.5."),
        (float("-inf"), None, "X can't be negative."),
        # Too small for a float (400 zeros after the point): less than the least, never 0.
        ("0." + "0" * 400 + "1", None, "X is less than 0.01 km: enter at least 0.01 km."),
        (False, None, "X must be a number, like 22 or 22.5."),
    ],
)
def test_amounts(value: object, kept: float | None, message: str | None) -> None:
    problems: list[Problem] = []
    assert read_amount(value, "x", "X", unit_label="km", ceiling=1000, problems=problems) == kept
    assert [problem.message for problem in problems] == ([] if message is None else [message])


def test_an_amount_in_an_unknown_unit_is_not_held_to_a_ceiling() -> None:
    problems: list[Problem] = []
    assert read_amount(5000, "x", "X", unit_label=None, ceiling=None, problems=problems) == 5000
    assert problems == []
    # With no ceiling to be over, a number too large for a float is no number.
    assert read_amount(float("inf"), "x", "X", unit_label=None, ceiling=None, problems=problems) is None
    assert [problem.message for problem in problems] == ["X must be a number, like 22 or 22.5."]


@pytest.mark.parametrize(
    ("value", "step", "expected"),
    [
        (Fraction("13.585"), Fraction(1, 100), Fraction("13.58")),
        (Fraction("22.055"), Fraction(1, 10), Fraction(22)),
        (Fraction(22), Fraction(1, 10), Fraction(22)),
    ],
)
def test_floor_to(value: Fraction, step: Fraction, expected: Fraction) -> None:
    assert floor_to(value, step) == expected


changes = st.fractions(min_value=-1, max_value=10, max_denominator=100_000)
limits = st.fractions(min_value=Fraction(1, 10_000), max_value=Fraction(1, 2), max_denominator=10_000)


@PROPERTIES
@given(change=changes, limit=limits)
def test_a_shown_rise_never_crosses_its_limit(change: Fraction, limit: Fraction) -> None:
    shown = rounded_rise(change, limit)
    assert (shown / 100 > limit) == (change > limit)
    assert abs(shown / 100 - change) < Fraction(1, 1000), "off by less than 0.1 %"
    assert (shown * 10).denominator == 1, "one decimal"


@PROPERTIES
@given(change=changes)
def test_a_shown_rise_rounds_up_and_a_fall_to_the_nearest(change: Fraction) -> None:
    shown = rounded_pct(change)
    if change > 0:
        assert shown / 100 >= change
    else:
        assert abs(shown / 100 - change) <= Fraction(1, 2000)


@pytest.mark.parametrize(
    "request_with_text",
    [
        {"check": "ramp", "weeks": ["20", "22.5", " 24 "], "unit": "km"},
        {"check": "ramp", "weeks": ["20", "21"], "unit": "km", "profile": "custom", "limit_pct": "7.5"},
        {"check": "spike", "planned": "13.5", "longest_30d": "12", "unit": "km"},
        {"check": "shoes", "distance_on_pair": "250", "weekly": "30.5", "unit": "km", "today": "2026-11-23"},
    ],
)
def test_numbers_sent_as_text_give_the_answer_the_numbers_give(request_with_text: dict[str, object]) -> None:
    """A JSON string holding a plain number ("22.5") answers exactly as the number 22.5 does."""

    def as_numbers(value: object) -> object:
        if isinstance(value, list):
            return [as_numbers(item) for item in value]
        if isinstance(value, str) and value.strip().replace(".", "", 1).isdigit():
            return float(value) if "." in value else int(value)
        return value

    with_numbers = {key: as_numbers(value) for key, value in request_with_text.items()}
    answer = handle_request(request_with_text)
    assert answer["ok"], answer
    assert answer == handle_request(with_numbers)


@pytest.mark.parametrize(
    ("with_units", "without"),
    [
        (
            {
                "check": "ramp",
                "weeks": ["20 km", "22km", "24.5 kilometres", "25\u00a0km"],
            },  # a no-break space too
            {"check": "ramp", "weeks": [20, 22, 24.5, 25]},
        ),
        (
            {"check": "ramp", "weeks": ["12 miles", "13 mi."], "unit": "mi"},
            {"check": "ramp", "weeks": [12, 13], "unit": "mi"},
        ),
        (
            {"check": "ramp", "weeks": ["150 min", "2:45:00 mins"], "unit": "min"},
            {"check": "ramp", "weeks": [150, "2:45:00"], "unit": "min"},
        ),
        (
            {"check": "spike", "planned": "16 miles", "longest_30d": "12 mi", "unit": "mi"},
            {"check": "spike", "planned": 16, "longest_30d": 12, "unit": "mi"},
        ),
        (
            {"check": "acwr", "loads": ["300 AU"] * 27 + ["400 au"], "period": "day", "unit": "au"},
            {"check": "acwr", "loads": [300] * 27 + [400], "period": "day", "unit": "au"},
        ),
    ],
)
def test_an_amount_written_with_the_unit_chosen_answers_as_the_number(
    with_units: dict[str, object], without: dict[str, object]
) -> None:
    """ "20 km" is how running apps list a week (a pasted list had "km" read as a week of its own)."""
    answer = handle_request(with_units)
    assert answer["ok"], answer
    assert answer == handle_request(without)


def test_an_amount_written_with_its_unit_keeps_the_precision_typed() -> None:
    # By hand: 19.98 then 22.00 is +10.1 %, and even the least the two could be as typed (19.985 to
    # 21.995) is +10.06 %: over the 10 % limit, with or without the unit written.
    answer = handle_request({"check": "ramp", "weeks": ["19.98 km", "22.00 km"]})
    assert answer["ok"], answer
    assert answer == handle_request({"check": "ramp", "weeks": ["19.98", "22.00"]})
    assert "rose more than the 10 % limit (week 2)" in answer["result"]["summary"]


@pytest.mark.parametrize(
    ("request_", "field", "message"),
    [
        (
            {"check": "ramp", "weeks": ["20 km", "22 mi"]},
            "weeks[1]",
            "Week 2 is in miles (22 mi), but the unit chosen is km: choose miles as the unit, or enter it in km.",
        ),
        (
            {"check": "spike", "planned": "45 min", "longest_30d": 10},
            "planned",
            # The spike check takes distances only (found by a break test: it said "choose minutes").
            "The planned run is in minutes (45 min), but this check takes km or miles: enter it in km.",
        ),
        (  # metres? miles? minutes? (it used to be told only that it must be a number)
            {"check": "ramp", "weeks": ["20 m", "22"]},
            "weeks[0]",
            "Week 1 (20 m): m could be metres, miles or minutes. Enter it in km, like 22 or 22.5.",
        ),
        (
            {"check": "ramp", "weeks": ["5000 metres", "22"]},
            "weeks[0]",
            "Week 1 (5000 metres): the calculator does not read metres as a unit. Enter it in km,",
        ),
        (
            {"check": "ramp", "weeks": ["90", "1.5 h"], "unit": "min"},
            "weeks[1]",
            "does not read h as a unit. Enter it in minutes, like 22 or 22.5, or a time, like 3:10:00",
        ),
        (  # the spike check offers no minutes to choose (a break test found that advice)
            {"check": "spike", "planned": "1:30:00", "longest_30d": 10},
            "planned",
            "The planned run looks like a time (1:30:00): this check takes a distance, in km or miles.",
        ),
        (
            {"check": "spike", "planned": "20 %", "longest_30d": 10},
            "planned",
            "The planned run (20 %): the calculator does not read % as a unit. Enter it in km,",
        ),
        (
            {"check": "ramp", "weeks": ["20 AU", 22]},
            "weeks[0]",
            "Week 1 is in AU (20 AU), but this check takes km, miles or minutes: enter it in km.",
        ),
        (
            {"check": "shoes", "distance_on_pair": "90 min", "weekly": 10},
            "distance_on_pair",
            "but this check takes km or miles: enter it in km.",
        ),
        (  # too long to repeat back (a break test's 3000 digits made a page 26,791 px wide)
            {"check": "ramp", "weeks": ["2" * 3000 + " mi"]},
            "weeks[0]",
            "Week 1 is in miles, but the unit chosen is km: choose miles as the unit, or enter it in km.",
        ),
    ],
)
def test_an_amount_in_another_unit_is_refused_naming_both(
    request_: dict[str, object], field: str, message: str
) -> None:
    answer = handle_request(request_)
    assert not answer["ok"]
    assert [error["field"] for error in answer["errors"]] == [field]
    assert message in answer["errors"][0]["message"]


@pytest.mark.parametrize("typed", ["\x1b[2J1 km", "\u202e1 km", "20\nkm", "20\u2028km"])
def test_a_refused_unit_repeats_only_plain_text(typed: str) -> None:
    # A review's case: a terminal escape, a right-to-left override and line breaks were repeated
    # back inside the message.
    answer = handle_request({"check": "ramp", "weeks": [typed], "unit": "mi"})
    message = answer["errors"][0]["message"]
    assert message.isprintable() and typed.strip() not in message, message


@pytest.mark.parametrize("typed", ["7.5 %", "7.5%", " 7.5 % "])
def test_an_own_limit_written_with_its_percent_sign_is_the_number(typed: str) -> None:
    # A reader types the limit as a percentage is written ("15 %" used to be "must be a number").
    base = {"check": "ramp", "weeks": [20, 21.5, 23], "profile": "custom"}
    answer = handle_request({**base, "limit_pct": typed})
    assert answer["ok"], answer
    assert answer == handle_request({**base, "limit_pct": 7.5})


@pytest.mark.parametrize(
    ("typed", "as_numbers"),
    [
        # A Japanese or Chinese input method's full-width digits, Arabic-Indic and Persian ones:
        # they were told "must be a number".
        ({"weeks": ["\uff12\uff10", "\uff12\uff12\uff0e\uff15"]}, {"weeks": [20, 22.5]}),
        ({"weeks": ["\u0662\u0660", "\u0662\u0662\u066b\u0665"]}, {"weeks": [20, 22.5]}),
        ({"weeks": ["\u06f2\u06f0 km", "\u06f2\u06f2"]}, {"weeks": [20, 22]}),
        # By hand, as with ASCII digits: 19.98 then 22.00 is over the 10 % limit (+10.06 % at least).
        (
            {"weeks": ["\uff11\uff19.\uff19\uff18", "\uff12\uff12.\uff10\uff10"]},
            {"weeks": ["19.98", "22.00"]},
        ),
        (
            {"weeks": [20, 21], "profile": "custom", "limit_pct": "\uff17.\uff15 \uff05"},
            {"weeks": [20, 21], "profile": "custom", "limit_pct": 7.5},
        ),
    ],
)
def test_other_keyboards_digits_answer_as_ascii_ones(
    typed: dict[str, object], as_numbers: dict[str, object]
) -> None:
    answer = handle_request({"check": "ramp", **typed})
    assert answer["ok"], answer
    assert answer == handle_request({"check": "ramp", **as_numbers})
