"""The shoes check: the 400-500 mile range converted exactly, weeks and dates, refusals, invariants."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.shoes import check_shoes
from calculator.errors import CalculatorError
from calculator.protocol import handle_request
from calculator.rules.shoes import KM_PER_MILE, SHOES_WHY, range_in, shoes_rules

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)
ORDER = ["before-range", "in-range", "past-range"]


def test_a_mile_is_exactly_1_609344_km() -> None:
    assert Fraction(1609344, 1000000) == KM_PER_MILE
    assert range_in("km") == (Fraction("643.7376"), Fraction("804.672"))
    assert range_in("mi") == (Fraction(400), Fraction(500))


@pytest.mark.parametrize(
    ("distance", "unit", "status"),
    [
        (0, "km", "before-range"),
        (643.7375, "km", "before-range"),
        (643.7376, "km", "in-range"),  # exactly 400 miles
        (700, "km", "in-range"),
        (804.672, "km", "in-range"),  # exactly 500 miles
        (804.6721, "km", "past-range"),
        (399.99, "mi", "before-range"),
        (400, "mi", "in-range"),
        (500, "mi", "in-range"),
        (500.01, "mi", "past-range"),
    ],
)
def test_both_ends_of_the_range_are_in_it(distance: float, unit: str, status: str) -> None:
    result = check_shoes(distance, 10, unit=unit)
    assert result.status == result.verdict == status


@pytest.mark.parametrize(
    ("distance", "weekly", "unit", "weeks", "weeks_end"),
    [
        (250, 30, "km", 14, 19),  # 393.7376 / 30 = 13.1 -> 14; 554.672 / 30 = 18.5 -> 19
        (0, 25, "mi", 16, 20),  # 400 / 25 = 16 exactly
        (350, 50, "mi", 1, 3),
        (399.99, 100, "mi", 1, 2),
        (450, 20, "mi", 0, 3),  # in the range: 0 weeks to it
        (600, 20, "mi", 0, 0),
        (100, 0, "km", None, None),  # no running: no weeks
        (450, 0, "mi", 0, None),
    ],
)
def test_weeks_are_rounded_up(
    distance: float, weekly: float, unit: str, weeks: int | None, weeks_end: int | None
) -> None:
    result = check_shoes(distance, weekly, unit=unit)
    assert (result.weeks_to_range, result.weeks_to_range_end) == (weeks, weeks_end)


def test_dates_come_with_today() -> None:
    result = check_shoes(0, 25, unit="mi", today="2026-11-23")
    assert result.range_date == (date(2026, 11, 23) + timedelta(days=112)).isoformat() == "2027-03-15"
    assert result.range_end_date == "2027-04-12"
    assert result.today == "2026-11-23"
    assert result.summary.endswith("in about 16 weeks, around Monday 15 March 2027.")


def test_a_date_is_rounded_up_to_a_day() -> None:
    result = check_shoes(399.99, 70, unit="mi", today="2026-11-23")  # 0.01 mile at 10 a day: the next day
    assert result.range_date == "2026-11-24"


def test_a_pair_already_there_gives_today() -> None:
    result = check_shoes(450, 20, unit="mi", today="2026-11-23")
    assert (result.range_date, result.range_end_date) == ("2026-11-23", "2026-12-11")  # 50 miles: 17.5 days


def test_no_running_gives_no_date_and_says_why() -> None:
    result = check_shoes(100, 0, today="2026-11-23")
    assert (result.weeks_to_range, result.range_date, result.range_end_date) == (None, None, None)
    assert "no date to give" in result.summary


@pytest.mark.parametrize(
    ("distance", "weekly", "unit", "summary"),
    [
        (
            250,
            30,
            "km",
            # By hand: 643.7376 - 250 = 393.7376 km at 30 a week is 91.9 days, 92 rounded up: 13.1 weeks.
            "Your shoes have 250 km on them: at 30 km a week they reach the usual replacement range of "
            "about 643.7-804.7 km (400-500 miles) in about 13 weeks.",
        ),
        (
            450,
            20,
            "mi",
            "Your shoes have 450 miles on them, within the usual replacement range of about 400-500 "
            "miles: check how they look and feel.",
        ),
        (
            600,
            20,
            "mi",
            "Your shoes have 600 miles on them, past the usual replacement range of about 400-500 miles: "
            "how they feel is a better guide than the distance.",
        ),
        (
            395,
            10,
            "mi",
            "Your shoes have 395 miles on them: at 10 miles a week they reach the usual replacement range "
            "of about 400-500 miles in about 4 days.",  # 5 miles at 10 a week: 3.5 days, 4 rounded up
        ),
        # Found by a break test: the words and the date beside them disagreed, and a pair just
        # past 804.67 km (500 miles) was "past" a range shown as ending at 805.
        (
            643,
            40,
            "km",
            "Your shoes have 643 km on them: at 40 km a week they reach the usual replacement range of "
            "about 643.7-804.7 km (400-500 miles) in about a day.",  # 0.74 km at 40 a week: 0.13 days
        ),
        (
            400,
            40,
            "km",
            "Your shoes have 400 km on them: at 40 km a week they reach the usual replacement range of "
            "about 643.7-804.7 km (400-500 miles) in about 6 weeks.",  # 243.74 km: 42.7 days, 6.1 weeks
        ),
        (
            804.9,
            40,
            "km",
            "Your shoes have 804.9 km on them, past the usual replacement range of about 643.7-804.7 km "
            "(400-500 miles): how they feel is a better guide than the distance.",
        ),
    ],
)
def test_summary(distance: float, weekly: float, unit: str, summary: str) -> None:
    assert check_shoes(distance, weekly, unit=unit).summary == summary


def test_why_says_rule_of_thumb_not_injury_evidence_and_comfort_guides() -> None:
    result = check_shoes(250, 30)
    assert result.why == SHOES_WHY
    for words in (
        "rule of thumb (a self-help knee site)",
        "not injury evidence",
        "cushioning",
        "no study links",
        "the better guide (Hinge Health's physical therapists)",
    ):
        assert words in result.why
    assert result.sources == ("seed-002", "seed-001")
    assert result.links == ("prevention/footwear.md",)
    assert result.as_dict()["links"] == [
        {"title": "Running shoes and knee pain", "page": "prevention/footwear.md"}
    ]
    assert result.see_clinician is False


def test_to_range_is_rounded_up_so_it_is_never_0_before_the_range() -> None:
    assert check_shoes(643.73, 5).to_range == 0.1
    assert check_shoes(643.7376, 5).to_range == 0.0
    assert check_shoes(250, 5).to_range == 393.8


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance", "weekly", "options", "fields", "message"),
    [
        (None, 30, {}, ["distance_on_pair"], "Enter how far you have run in these shoes, like 250."),
        (-1, 30, {}, ["distance_on_pair"], "The distance on your shoes can't be negative."),
        (
            8001,
            30,
            {},
            ["distance_on_pair"],
            "The distance on your shoes is over 8000 km: the check takes up to 8000 "
            "km. Check the number and the unit.",
        ),
        (250, None, {}, ["weekly"], "Enter how far you run a week in these shoes, or 0."),
        (
            250,
            1001,
            {},
            ["weekly"],
            "Your weekly running is over 1000 km: the check takes up to 1000 km. Check the "
            "number and the unit.",
        ),
        (
            250,
            30,
            {"unit": "min"},
            ["unit"],
            "Unknown unit 'min': choose km or mi (miles); shoes wear with distance, not time.",
        ),
        (
            250,
            30,
            {"today": "2026-02-29"},
            ["today"],
            "Today's date 2026-02-29 is not a real date: write it as year-month-day, like 2026-11-30.",
        ),
        (
            250,
            30,
            {"today": "23/11/2026"},
            ["today"],
            "Today's date must be a date written year-month-day, like 2026-11-30.",
        ),
        (
            "x",
            False,
            {"unit": None, "today": 7},
            ["unit", "distance_on_pair", "weekly", "today"],
            "Unknown unit: choose km or mi (miles); shoes wear with distance, not time.",
        ),
    ],
)
def test_bad_input_is_refused_at_its_field(
    distance: object, weekly: object, options: dict[str, object], fields: list[str], message: str
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_shoes(distance, weekly, **options)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields
    assert raised.value.message == message


def test_the_protocol_answers_shoes() -> None:
    answer = handle_request(
        {"check": "shoes", "distance_on_pair": 250, "weekly": 30, "unit": "km", "today": "2026-11-23"}
    )
    assert answer["ok"] is True
    result = answer["result"]
    assert set(result) == {
        "distance_on_pair",
        "weekly",
        "unit",
        "unit_label",
        "today",
        "range",
        "status",
        "to_range",
        "weeks_to_range",
        "weeks_to_range_end",
        "days_to_range",
        "days_to_range_end",
        "range_date",
        "range_end_date",
        "summary",
        "verdict",
        "why",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
        "table",
    }
    assert result["range"] == {"low": 643.7376, "high": 804.672, "low_miles": 400.0, "high_miles": 500.0}
    assert result["range_date"] == "2027-02-23"
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    assert handle_request({"check": "rules"})["result"]["shoes"] == shoes_rules()


# --- invariants -------------------------------------------------------------------------------------

#: Within every unit's ceilings (5000 miles on a pair, 620 miles a week).
distances = st.integers(min_value=0, max_value=500_000).map(lambda hundredths: hundredths / 100)
weekly = st.integers(min_value=0, max_value=62_000).map(lambda hundredths: hundredths / 100)


@PROPERTIES
@given(distance=distances, extra=distances, per_week=weekly, unit=st.sampled_from(["km", "mi"]))
def test_more_distance_never_looks_fresher(distance: float, extra: float, per_week: float, unit: str) -> None:
    more = min(round(distance + extra, 2), 5000.0)
    before, after = check_shoes(distance, per_week, unit=unit), check_shoes(more, per_week, unit=unit)
    assert ORDER.index(after.status) >= ORDER.index(before.status)
    if before.weeks_to_range is not None and after.weeks_to_range is not None:
        assert after.weeks_to_range <= before.weeks_to_range


@PROPERTIES
@given(
    distance=distances,
    per_week=weekly,
    unit=st.sampled_from(["km", "mi"]),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_the_pair_really_reaches_the_range_by_then(
    distance: float, per_week: float, unit: str, today: date
) -> None:
    result = check_shoes(distance, per_week, unit=unit, today=today.isoformat())
    low, _ = range_in(unit)
    on_pair, each = Fraction(repr(distance)), Fraction(repr(per_week))
    weeks = result.weeks_to_range
    if weeks is None:
        assert each == 0 and on_pair < low and result.range_date is None
        return
    assert on_pair + each * weeks >= low, "there by then"
    assert weeks == 0 or on_pair + each * (weeks - 1) < low, "not a week earlier"
    assert result.range_date is not None
    days = (date.fromisoformat(result.range_date) - today).days
    assert on_pair + each * days / 7 >= low and (days == 0 or on_pair + each * (days - 1) / 7 < low)


json_values = st.none() | st.booleans() | st.integers(-10, 10_000) | st.floats() | st.text(max_size=10)


@PROPERTIES
@given(
    request=st.fixed_dictionaries(
        {},
        optional={
            "distance_on_pair": distances | json_values,
            "weekly": weekly | json_values,
            "unit": st.sampled_from(["km", "mi", "min"]) | json_values,
            "today": st.sampled_from(["2026-11-23", "2026-02-30"]) | json_values,
        },
    )
)
def test_any_shoes_request_is_answered_and_every_refusal_names_a_field(request: dict[str, object]) -> None:
    answer = handle_request({"check": "shoes", **request})
    json.dumps(answer, allow_nan=False)
    if not answer["ok"]:
        assert answer["errors"] and all(
            error["field"] in ("distance_on_pair", "weekly", "unit", "today") for error in answer["errors"]
        )
