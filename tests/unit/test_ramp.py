"""The weekly ramp check: exact limits, each week's words, next week's most, and its invariants."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculator.errors import CalculatorError
from calculator.ramp import RampResult, check_ramp
from calculator.rules import PROFILES

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)


# --- the limit, exactly -----------------------------------------------------------------------------

@pytest.mark.parametrize(("profile", "before", "after", "over"), [
    # standard, 10 %: exactly at the limit is within it
    ("standard", 20, 22, False),
    ("standard", 20, 21.99, False),
    ("standard", 20, 22.01, True),
    ("standard", 2.0, 2.2, False),  # 2.2 / 2.0 - 1 is 0.10000000000000009 in floats
    ("standard", 2.0, 2.21, True),
    ("standard", 0.1, 0.11, False),
    ("standard", 100, 110, False),
    ("standard", 100, 110.01, True),
    # returning, 5 %
    ("returning", 20, 21, False),
    ("returning", 20, 20.99, False),
    ("returning", 20, 21.01, True),
    ("returning", 20, 22, True),
    # conservative, 2.5 %
    ("conservative", 40, 41, False),
    ("conservative", 40, 40.99, False),
    ("conservative", 40, 41.01, True),
    ("conservative", 10, 10.25, False),  # seed 001's example: 10 miles -> +0.25 mile
    ("conservative", 10, 10.26, True),
    ("conservative", 20, 22, True),
])
def test_a_week_exactly_at_the_limit_is_within_it(profile: str, before: float, after: float, over: bool) -> None:
    week = check_ramp([before, after], profile=profile).weeks[1]
    assert week.over_limit is over
    assert ("over the" in week.message) is over
    assert ("within the" in week.message) is (not over)


@pytest.mark.parametrize(("weeks", "changes"), [
    ([20, 22, 26, 25], [None, 10.0, 18.2, -3.8]),
    ([20, 22.01], [None, 10.1]),  # a rise just over 10 % never shows as 10 %
    ([20, 22.001], [None, 10.1]),
    ([30, 24], [None, -20.0]),
    ([30, 30], [None, 0.0]),
    ([3, 1], [None, -66.7]),
    ([3, 2], [None, -33.3]),
    ([10, 0], [None, -100.0]),
])
def test_change_pct_per_week(weeks: list[float], changes: list[float | None]) -> None:
    result = [week.change_pct for week in check_ramp(weeks).weeks]
    assert result == [None if change is None else pytest.approx(change) for change in changes]


@pytest.mark.parametrize(("weeks", "message"), [
    ([20], "First week: nothing to compare with yet."),
    ([20, 22], "Up 10 % on the week before: within the 10 % limit."),
    ([22, 26], "Up 18.2 % on the week before: over the 10 % limit."),
    ([25, 20], "Down 20 % on the week before."),
    ([20, 20], "Same as the week before."),
    ([1000, 999.99], "Down less than 0.1 % on the week before."),
    ([0, 10], "After a week with no running there is no percentage to compare; build back gently."),
    ([0, 0], "No running this week or the week before."),
])
def test_each_week_has_one_plain_sentence(weeks: list[float], message: str) -> None:
    assert check_ramp(weeks).weeks[-1].message == message


def test_messages_name_the_chosen_limit() -> None:
    week = check_ramp([40, 42], profile="conservative").weeks[1]
    assert week.message == "Up 5 % on the week before: over the 2.5 % limit."


def test_a_week_after_a_zero_week_has_no_percentage() -> None:
    result = check_ramp([20, 0, 15, 16])
    assert [week.change_pct for week in result.weeks] == [None, -100.0, None, pytest.approx(6.7)]
    assert [week.over_limit for week in result.weeks] == [False, False, False, False]


def test_decreases_are_never_over_the_limit() -> None:
    result = check_ramp([40, 30, 10, 5], profile="conservative")
    assert result.over_limit_weeks == ()
    assert all(not week.over_limit for week in result.weeks)


# --- next week --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("weeks", "profile", "most"), [
    ([22], "standard", 24.2),
    ([33.3], "standard", 36.63),
    ([20, 22, 26, 25], "standard", 27.5),
    ([10.09], "standard", 11.09),  # 11.099 is rounded down, not to 11.1 (which is over 10 %)
    ([12.35], "standard", 13.58),  # 13.585 rounded down
    ([20], "returning", 21.0),
    ([40], "conservative", 41.0),
    ([10], "conservative", 10.25),
    ([0.01], "conservative", 0.01),
    ([999.99], "standard", 1000.0),  # never more than the unit takes
])
def test_next_week_max(weeks: list[float], profile: str, most: float) -> None:
    assert check_ramp(weeks, profile=profile).next_week_max == pytest.approx(most)


def test_next_week_max_is_itself_within_the_limit() -> None:
    result = check_ramp([10.09])
    assert result.next_week_max is not None
    assert check_ramp([10.09, result.next_week_max]).weeks[1].over_limit is False
    assert check_ramp([10.09, 11.1]).weeks[1].over_limit is True


def test_no_next_week_max_after_a_week_of_zero() -> None:
    result = check_ramp([20, 0])
    assert result.next_week_max is None
    assert "no running" in result.next_week_note
    assert result.summary.endswith("Next week: after a week with no running, build back gently.")


# --- the whole answer -------------------------------------------------------------------------------

@pytest.mark.parametrize(("weeks", "options", "summary"), [
    ([20, 22, 25, 29], {}, "2 of 4 weeks rose more than the 10 % limit (weeks 3 and 4). Next week: up to 31.9 km."),
    ([20, 22, 26, 25], {}, "1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 27.5 km."),
    ([20, 22, 24.2], {}, "No week rose more than the 10 % limit. Next week: up to 26.62 km."),
    ([10, 11, 12, 13], {"profile": "conservative", "unit": "mi"},
     "3 of 4 weeks rose more than the 2.5 % limit (weeks 2, 3 and 4). Next week: up to 13.32 miles."),
    ([60], {"unit": "min"}, "One week entered: add the weeks before it to compare them. Next week: up to 66 minutes."),
])
def test_summary_is_one_plain_sentence_and_next_week(weeks: list[float], options: dict[str, str],
                                                      summary: str) -> None:
    assert check_ramp(weeks, **options).summary == summary


def test_result_carries_profile_unit_caveat_and_sources() -> None:
    result = check_ramp([20, 22], profile="returning", unit="mi")
    assert (result.profile, result.limit_pct, result.unit, result.unit_label) == ("returning", 5.0, "mi", "miles")
    assert result.profile_label == PROFILES["returning"].label
    assert "rule" in result.caveat and "Buist" in result.caveat
    assert result.sources == ("seed-002", "buist-2008")
    assert result.over_limit_weeks == (2,)
    assert [week.week for week in result.weeks] == [1, 2]


def test_volumes_are_kept_as_given() -> None:
    weeks = check_ramp([20, 22.5, 1e1, -0.0]).weeks
    assert [week.volume for week in weeks] == [20, 22.5, 10.0, 0.0]
    assert [type(week.volume) for week in weeks] == [int, float, float, float]
    assert str(weeks[3].volume) == "0.0"


def test_as_dict_is_the_json_shape() -> None:
    result = check_ramp([20, 22, 26])
    data = json.loads(result.to_json())
    assert data == result.as_dict()
    assert set(data) == {"profile", "profile_label", "limit_pct", "unit", "unit_label", "weeks",
                         "over_limit_weeks", "next_week_max", "next_week_note", "summary", "caveat", "sources"}
    assert data["weeks"][0] == {"week": 1, "volume": 20, "change_pct": None, "over_limit": False,
                                "message": "First week: nothing to compare with yet."}
    assert data["over_limit_weeks"] == [3]
    assert data["next_week_max"] == pytest.approx(28.6)


# --- refusals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("weeks", "options", "fields"), [
    ([], {}, ["weeks"]),
    (None, {}, ["weeks"]),
    ("20, 22", {}, ["weeks"]),
    ([1] * 521, {}, ["weeks"]),
    ([20, -1], {}, ["weeks[1]"]),
    ([20, "22"], {}, ["weeks[1]"]),
    ([True, None, [1], float("nan"), float("inf"), float("-inf")], {},
     [f"weeks[{index}]" for index in range(6)]),
    ([1000.01], {}, ["weeks[0]"]),
    ([621], {"unit": "mi"}, ["weeks[0]"]),
    ([10081], {"unit": "min"}, ["weeks[0]"]),
    ([0.001], {}, ["weeks[0]"]),
    ([20], {"unit": "furlongs"}, ["unit"]),
    ([20], {"profile": "aggressive"}, ["profile"]),
    ([-1, 2000], {"unit": "leagues", "profile": 3}, ["unit", "profile", "weeks[0]"]),
])
def test_bad_input_raises_naming_every_field(weeks: object, options: dict[str, object], fields: list[str]) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp(weeks, **options)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields
    assert raised.value.field == fields[0]
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(("weeks", "message"), [
    ([20, -1], "Week 2 can't be negative."),
    ([20, "lots"], "Week 2 must be a number, like 22 or 22.5."),
    ([20, None], "Week 2 is empty: enter how much you ran, or 0 for a week with no running."),
    ([], "Enter at least one week."),
    ([1] * 521, "Enter at most 520 weeks (10 years)."),
    ([1200], "Week 1 is over 1000 km: the check takes up to 1000 km a week. Check the number and the unit."),
])
def test_refusals_speak_plainly(weeks: list[object], message: str) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp(weeks)  # type: ignore[arg-type]
    assert raised.value.message == message


@pytest.mark.parametrize(("unit", "ceiling"), [("km", 1000), ("mi", 620), ("min", 10080)])
def test_the_ceiling_itself_is_accepted(unit: str, ceiling: int) -> None:
    assert check_ramp([ceiling], unit=unit).weeks[0].volume == ceiling


def test_520_weeks_are_accepted() -> None:
    assert len(check_ramp([10] * 520).weeks) == 520


# --- invariants -------------------------------------------------------------------------------------

#: Volumes as readers type them (up to 2 decimals), and arbitrary floats.
typed_volume = st.integers(min_value=0, max_value=100_000).map(lambda hundredths: hundredths / 100)
any_volume = st.one_of(typed_volume, st.floats(min_value=0.01, max_value=1000), st.integers(0, 1000))
profiles = st.sampled_from(sorted(PROFILES))


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=2, max_size=8), data=st.data(), profile=profiles)
def test_more_running_in_a_week_never_looks_safer(weeks: list[float], data: st.DataObject, profile: str) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(weeks) - 1), label="index")
    extra = data.draw(st.floats(min_value=0, max_value=1000 - weeks[index]), label="extra")
    assume(weeks[index] + extra == 0 or weeks[index] + extra >= 0.01)  # below 0.01 is refused
    raised = [*weeks[:index], weeks[index] + extra, *weeks[index + 1:]]
    before = check_ramp(weeks, profile=profile).weeks[index]
    after = check_ramp(raised, profile=profile).weeks[index]
    assert not (before.over_limit and not after.over_limit)
    if before.change_pct is not None and after.change_pct is not None:
        assert after.change_pct >= before.change_pct


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=1, max_size=8), profile=profiles,
       unit=st.sampled_from(["km", "mi", "min"]))
def test_next_week_max_is_never_over_the_limit(weeks: list[float], profile: str, unit: str) -> None:
    weeks = [min(volume, 620) for volume in weeks]  # within every unit's ceiling
    result = check_ramp(weeks, profile=profile, unit=unit)
    if result.next_week_max is None:
        assert weeks[-1] == 0
        return
    following = check_ramp([*weeks, result.next_week_max], profile=profile, unit=unit).weeks[-1]
    assert following.over_limit is False
    assert following.change_pct is None or following.change_pct <= result.limit_pct
    assert Fraction(repr(result.next_week_max)) * 100 % 1 == 0, "at most 2 decimals"


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=1, max_size=12), profile=profiles)
def test_the_answer_agrees_with_itself(weeks: list[float], profile: str) -> None:
    result: RampResult = check_ramp(weeks, profile=profile)
    assert len(result.weeks) == len(weeks)
    assert result.over_limit_weeks == tuple(week.week for week in result.weeks if week.over_limit)
    assert result.weeks[0].change_pct is None and not result.weeks[0].over_limit
    assert json.loads(result.to_json()) == result.as_dict()
    for week in result.weeks:
        if week.over_limit:
            assert week.change_pct is not None and week.change_pct > result.limit_pct
        elif week.change_pct is not None:
            assert week.change_pct <= result.limit_pct
