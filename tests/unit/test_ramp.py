"""The weekly ramp check: exact limits, each week's words, next week's most, and its invariants."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculator.checks.ramp import BASELINE_WHY, RampResult, check_ramp
from calculator.errors import CalculatorError
from calculator.protocol import handle
from calculator.rules.ramp import PROFILES, RAMP_CAVEAT

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)


# --- the limit, exactly -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "before", "after", "over"),
    [
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
    ],
)
def test_a_week_exactly_at_the_limit_is_within_it(
    profile: str, before: float, after: float, over: bool
) -> None:
    week = check_ramp([before, after], profile=profile).weeks[1]
    assert week.over_limit is over
    assert ("over the" in week.message) is over
    assert ("within the" in week.message) is (not over)


@pytest.mark.parametrize(
    ("weeks", "changes"),
    [
        ([20, 22, 26, 25], [None, 10.0, 18.2, -3.8]),
        ([20, 22.01], [None, 10.1]),  # a rise just over 10 % never shows as 10 %
        ([20, 22.001], [None, 10.1]),
        ([30, 24], [None, -20.0]),
        ([30, 30], [None, 0.0]),
        ([3, 1], [None, -66.7]),
        ([3, 2], [None, -33.3]),
        ([10, 0], [None, -100.0]),
    ],
)
def test_change_pct_per_week(weeks: list[float], changes: list[float | None]) -> None:
    result = [week.change_pct for week in check_ramp(weeks).weeks]
    assert result == [None if change is None else pytest.approx(change) for change in changes]


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ([20], "First week: nothing to compare with yet."),
        ([20, 22], "Up 10 % on the week before: within the 10 % limit."),
        ([22, 26], "Up 18.2 % on the week before: over the 10 % limit."),
        ([25, 20], "Down 20 % on the week before."),
        ([20, 20], "Same as the week before."),
        ([1000, 999.99], "Down less than 0.1 % on the week before."),
        (
            [0, 10],
            "The first week with running here: there is no earlier running to compare it with, so build up gently.",
        ),
        ([0, 0], "No running this week or the weeks before."),
    ],
)
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


@pytest.mark.parametrize(
    ("weeks", "profile", "most"),
    [
        ([22], "standard", 24.2),
        ([33.3], "standard", 36.63),
        ([20, 22, 26, 25], "standard", 28.6),  # 26 (week 3, the most of the last 4 weeks) x 1.1
        ([10.09], "standard", 11.09),  # 11.099 is rounded down, not to 11.1 (which is over 10 %)
        ([12.35], "standard", 13.58),  # 13.585 rounded down
        ([20], "returning", 21.0),
        ([40], "conservative", 41.0),
        ([10], "conservative", 10.25),
        ([0.01], "conservative", 0.01),
        ([999.99], "standard", 1000.0),  # never more than the unit takes
    ],
)
def test_next_week_max(weeks: list[float], profile: str, most: float) -> None:
    assert check_ramp(weeks, profile=profile).next_week_max == pytest.approx(most)


def test_next_week_max_is_itself_within_the_limit() -> None:
    result = check_ramp([10.09])
    assert result.next_week_max is not None
    assert check_ramp([10.09, result.next_week_max]).weeks[1].over_limit is False
    # 11.1 is only 0.001 over 11.099: less than the rounding of a number typed to 0.1 (see rounding tests)
    assert check_ramp([10.09, 11.11]).weeks[1].over_limit is True


def test_no_next_week_max_after_a_week_of_zero() -> None:
    result = check_ramp([20, 0])
    assert result.next_week_max is None
    assert result.restart_below == 20
    assert "start again below the 20 km" in result.next_week_note
    assert result.summary.endswith("Next week: after a break, start again below 20 km.")
    never_ran = check_ramp([0, 0])
    assert never_ran.next_week_max is None and never_ran.restart_below is None
    assert never_ran.summary.endswith("Next week: after a week with no running, build back gently.")


# --- the whole answer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "options", "summary"),
    [
        (
            [20, 22, 25, 29],
            {},
            "2 of 4 weeks rose more than the 10 % limit (weeks 3 and 4). Next week: up to 31.9 km.",
        ),
        (
            [20, 22, 26, 25],
            {},
            "1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 28.6 km.",  # 26 x 1.1
        ),
        ([20, 22, 24.2], {}, "No week rose more than the 10 % limit. Next week: up to 26.6 km."),
        (
            [10, 11, 12, 13],
            {"profile": "conservative", "unit": "mi"},
            "3 of 4 weeks rose more than the 2.5 % limit (weeks 2, 3 and 4). Next week: up to 13.3 miles.",
        ),
        (
            [60],
            {"unit": "min"},
            "One week entered: add the weeks before it to compare them. Next week: up to 66 minutes.",
        ),
    ],
)
def test_summary_is_one_plain_sentence_and_next_week(
    weeks: list[float], options: dict[str, str], summary: str
) -> None:
    assert check_ramp(weeks, **options).summary == summary


def test_no_lower_than_before_note_when_no_week_had_running() -> None:
    # Hand check: in [0, 0, 0] no week before the last had any running, so the last week cannot be
    # "much lower than the weeks before it"; after real running ([20, 22, 0]) the note is right.
    assert not any("much lower" in note for note in check_ramp([0, 0, 0]).notes)
    assert any("much lower" in note for note in check_ramp([20, 22, 0]).notes)


def test_result_carries_profile_unit_caveat_and_sources() -> None:
    result = check_ramp([20, 22], profile="returning", unit="mi")
    assert (result.profile, result.limit_pct, result.unit, result.unit_label) == (
        "returning",
        5.0,
        "mi",
        "miles",
    )
    assert result.profile_label == PROFILES["returning"].label
    assert "rule" in result.caveat and "Buist" in result.caveat
    assert result.sources == ("seed-002", "frandsen-2025", "buist-2008")
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
    assert set(data) == {
        "profile",
        "profile_label",
        "limit_pct",
        "unit",
        "unit_label",
        "weeks",
        "over_limit_weeks",
        "next_week_max",
        "next_week_note",
        "last_week_unfinished",
        "remaining",
        "restart_below",
        "notes",
        "summary",
        "caveat",
        "sources",
        "verdict",
        "why",
        "links",
        "disclaimer",
        "see_clinician",
        "chart_svg",
    }
    assert data["weeks"][0] == {
        "week": 1,
        "volume": 20,
        "change_pct": None,
        "over_limit": False,
        "message": "First week: nothing to compare with yet.",
        "kind": "first",
        "baseline": None,
        "baseline_week": None,
        "baseline_pct": None,
        "rounding_allowed": None,
    }
    assert data["over_limit_weeks"] == [3]
    assert data["next_week_max"] == pytest.approx(28.6)


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "options", "fields"),
    [
        ([], {}, ["weeks"]),
        (None, {}, ["weeks"]),
        ("20, 22", {}, ["weeks"]),
        ([1] * 521, {}, ["weeks"]),
        ([20, -1], {}, ["weeks[1]"]),
        ([20, "22 kg"], {}, ["weeks[1]"]),
        (
            [True, None, [1], float("nan"), float("inf"), float("-inf")],
            {},
            [f"weeks[{index}]" for index in range(6)],
        ),
        ([1000.01], {}, ["weeks[0]"]),
        ([621], {"unit": "mi"}, ["weeks[0]"]),
        ([10081], {"unit": "min"}, ["weeks[0]"]),
        ([0.001], {}, ["weeks[0]"]),
        ([20], {"unit": "furlongs"}, ["unit"]),
        ([20], {"profile": "aggressive"}, ["profile"]),
        ([-1, 2000], {"unit": "leagues", "profile": 3}, ["unit", "profile", "weeks[0]"]),
    ],
)
def test_bad_input_raises_naming_every_field(
    weeks: object, options: dict[str, object], fields: list[str]
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp(weeks, **options)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields
    assert raised.value.field == fields[0]
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ([20, -1], "Week 2 can't be negative."),
        ([20, "lots"], "Week 2 must be a number, like 22 or 22.5."),
        ([20, None], "Week 2 is empty: enter how much you ran, or 0 for a week with no running."),
        ([], "Enter at least one week."),
        ([1] * 521, "Enter at most 520 weeks (10 years)."),
        (
            [1200],
            "Week 1 is over 1000 km: the check takes up to 1000 km a week. Check the number and the unit.",
        ),
    ],
)
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
def test_more_running_in_a_week_never_looks_safer(
    weeks: list[float], data: st.DataObject, profile: str
) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(weeks) - 1), label="index")
    extra = data.draw(st.floats(min_value=0, max_value=1000 - weeks[index]), label="extra")
    assume(weeks[index] + extra == 0 or weeks[index] + extra >= 0.01)  # below 0.01 is refused
    raised = [*weeks[:index], weeks[index] + extra, *weeks[index + 1 :]]
    before = check_ramp(weeks, profile=profile).weeks[index]
    after = check_ramp(raised, profile=profile).weeks[index]
    assert not (before.over_limit and not after.over_limit)
    if before.change_pct is not None and after.change_pct is not None:
        assert after.change_pct >= before.change_pct


@PROPERTIES
@given(
    weeks=st.lists(any_volume, min_size=1, max_size=8),
    profile=profiles,
    unit=st.sampled_from(["km", "mi", "min"]),
)
def test_next_week_max_is_never_over_the_limit(weeks: list[float], profile: str, unit: str) -> None:
    weeks = [min(volume, 620) for volume in weeks]  # within every unit's ceiling
    result = check_ramp(weeks, profile=profile, unit=unit)
    if result.next_week_max is None:
        assert result.weeks[-1].kind == "break" or weeks[-1] == 0  # after a break: no percentage to build on
        return
    following = check_ramp([*weeks, result.next_week_max], profile=profile, unit=unit).weeks[-1]
    assert following.over_limit is False
    assert following.baseline_pct is None or following.baseline_pct <= result.limit_pct
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
        if week.over_limit and week.kind == "return":
            assert week.baseline is not None and week.volume > week.baseline  # back above the level before
        elif week.over_limit:
            assert week.baseline_pct is not None and week.baseline_pct > result.limit_pct
        elif week.baseline_pct is not None and week.rounding_allowed is None:
            assert week.baseline_pct <= result.limit_pct


# --- the reader's own limit (profile "custom") ------------------------------------------------------


@pytest.mark.parametrize(
    ("limit_pct", "before", "after", "over"),
    [
        (15, 20, 23, False),  # exactly 15 %
        (15, 20, 22.99, False),
        (15, 20, 23.01, True),
        (7.5, 40, 43, False),  # exactly 7.5 %
        (7.5, 40, 43.01, True),
        (50, 20, 30, False),  # the ceiling itself, exactly
        (50, 20, 30.01, True),
        (0.01, 10000, 10001, False),  # 0.01 % of 10000 minutes is 1 minute
        (0.01, 10000, 10001.01, True),
        (12.3, 1000, 1123, False),
        (12.3, 1000, 1123.01, True),
        (0.0001, 1000, 1000, False),  # the least limit taken (weekly_limit.SMALLEST_SHOWN_PCT)
    ],
)
def test_a_custom_limit_is_exact_too(limit_pct: float, before: float, after: float, over: bool) -> None:
    week = check_ramp([before, after], profile="custom", limit_pct=limit_pct, unit="min").weeks[1]
    assert week.over_limit is over


def test_a_custom_limit_is_named_and_sourced_honestly() -> None:
    result = check_ramp([20, 23, 27], profile="custom", limit_pct=15)
    assert (result.profile, result.profile_label, result.limit_pct) == (
        "custom",
        "Custom: up to 15 % a week",
        15.0,
    )
    # no source gives other limits: only the baseline's study and the caveat's trial
    assert result.sources == ("frandsen-2025", "buist-2008")
    assert result.over_limit_weeks == (3,)
    assert result.weeks[2].message == "Up 17.4 % on the week before: over the 15 % limit."
    assert result.next_week_max == pytest.approx(31.05)
    assert result.summary == "1 of 3 weeks rose more than the 15 % limit (week 3). Next week: up to 31 km."
    assert result.why.startswith(
        "Week 3 grew more than the 15 % limit you chose, your own, which no study gives;"
    )
    assert "Buist et al. 2008" in result.why


def test_a_custom_limit_with_many_decimals_is_shown_to_four() -> None:
    result = check_ramp([20, 21], profile="custom", limit_pct=4.123456)
    assert result.limit_pct == pytest.approx(4.123456)
    assert "4.1235 % limit" in result.weeks[1].message


@pytest.mark.parametrize(
    ("profile", "limit_pct", "message"),
    [
        ("custom", None, "Enter your own weekly limit in percent, above 0 and up to 50, like 7.5."),
        ("custom", 0, "Your own weekly limit must be more than 0 %."),
        ("custom", -3, "Your own weekly limit must be more than 0 %."),
        ("custom", 50.0001, "Your own weekly limit can be at most 50 % a week."),
        ("custom", 100, "Your own weekly limit can be at most 50 % a week."),
        ("custom", "ten", "Your own weekly limit must be a number of percent, like 7.5."),
        ("custom", True, "Your own weekly limit must be a number of percent, like 7.5."),
        ("custom", float("nan"), "Your own weekly limit must be a number of percent, like 7.5."),
        # Too large for a float (JSON's 1e999, 400 nines as text): over the most, not no number.
        ("custom", float("inf"), "Your own weekly limit can be at most 50 % a week."),
        ("custom", "9" * 400, "Your own weekly limit can be at most 50 % a week."),
        ("custom", "Infinity", "Your own weekly limit must be a number of percent, like 7.5."),
        # Below what the check shows (4 decimals): every sentence would say 0 %.
        (
            "custom",
            "0.0000000001",
            "Your own weekly limit must be at least 0.0001 %, the least the check shows.",
        ),
        ("custom", 0.00004, "Your own weekly limit must be at least 0.0001 %, the least the check shows."),
        (
            "standard",
            10,
            "Your own limit in percent goes with the custom profile only: choose custom, or leave the "
            "limit out to use the standard limit.",
        ),
        (
            "conservative",
            0,
            "Your own limit in percent goes with the custom profile only: choose custom, or leave "
            "the limit out to use the conservative limit.",
        ),
    ],
)
def test_a_bad_custom_limit_is_refused_at_limit_pct(profile: str, limit_pct: object, message: str) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp([20, 22], profile=profile, limit_pct=limit_pct)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == ["limit_pct"]
    assert raised.value.message == message


def test_an_unknown_profile_names_custom_too() -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp([20], profile="fast", limit_pct=10)
    assert raised.value.as_json() == [
        {
            "field": "profile",
            "message": "Unknown weekly limit 'fast': choose standard, returning, conservative or custom.",
        }
    ]


# --- the fields every answer has --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "verdict", "first"),
    [
        (
            [20, 22],
            "within",
            "Every week stayed within the 10 % limit you chose, a rule of thumb from a self-help knee "
            "site and a physiotherapy clinic's treatment guide.",
        ),
        (
            [20, 22, 26],
            "over",
            "Week 3 grew more than the 10 % limit you chose, a rule of thumb from a self-help knee "
            "site and a physiotherapy clinic's treatment guide.",
        ),
        (
            [20, 25, 30],
            "over",
            "Weeks 2 and 3 grew more than the 10 % limit you chose, a rule of thumb from a self-help "
            "knee site and a physiotherapy clinic's treatment guide.",
        ),
        ([20], "within", "With one week there is nothing to compare yet."),
        (
            [20, 0, 30],  # back after a break above the 20 km before it (issue 10, case 3)
            "over",
            "Week 3 grew more than the 10 % limit you chose, a rule of thumb from a self-help "
            "knee site and a physiotherapy clinic's treatment guide.",
        ),
        (
            [20, 0, 15],  # back after a break below the level before it
            "after-break",
            "Every week stayed within the 10 % limit you chose, a rule of thumb from a self-help "
            "knee site and a physiotherapy clinic's treatment guide.",
        ),
    ],
)
def test_verdict_and_why(weeks: list[float], verdict: str, first: str) -> None:
    result = check_ramp(weeks)
    assert result.verdict == verdict
    # the reason (and, with weeks to compare, what each is compared with), then how strong the evidence is
    expected = f"{first} {RAMP_CAVEAT}" if len(weeks) == 1 else f"{first[:-1]}; {BASELINE_WHY} {RAMP_CAVEAT}"
    assert result.why == expected
    assert "Buist et al. 2008" in result.why


def test_links_sources_disclaimer_and_clinician() -> None:
    data = check_ramp([20, 22, 26]).as_dict()
    assert data["links"] == [
        {"title": "Building up your running gradually", "page": "prevention/load-progression.md"},
        {"title": "Training errors that lead to knee pain", "page": "causes/training-errors.md"},
    ]
    assert data["sources"] == ["seed-002", "seed-004", "frandsen-2025", "buist-2008"]
    assert data["disclaimer"] == "A guide, not a diagnosis or medical advice."
    assert data["see_clinician"] is False
    assert data["chart_svg"].startswith("<svg ") and data["chart_svg"].endswith("</svg>")


custom_limits = st.integers(min_value=1, max_value=5000).map(lambda hundredths: hundredths / 100)


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=2, max_size=8), data=st.data(), limit_pct=custom_limits)
def test_more_running_never_looks_safer_with_a_custom_limit(
    weeks: list[float], data: st.DataObject, limit_pct: float
) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(weeks) - 1), label="index")
    extra = data.draw(st.floats(min_value=0, max_value=1000 - weeks[index]), label="extra")
    assume(weeks[index] + extra == 0 or weeks[index] + extra >= 0.01)
    raised = [*weeks[:index], weeks[index] + extra, *weeks[index + 1 :]]
    before = check_ramp(weeks, profile="custom", limit_pct=limit_pct).weeks[index]
    after = check_ramp(raised, profile="custom", limit_pct=limit_pct).weeks[index]
    assert not (before.over_limit and not after.over_limit)


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=2, max_size=6), low=custom_limits, high=custom_limits)
def test_a_lower_custom_limit_never_flags_fewer_weeks(weeks: list[float], low: float, high: float) -> None:
    low, high = min(low, high), max(low, high)
    strict = set(check_ramp(weeks, profile="custom", limit_pct=low).over_limit_weeks)
    loose = set(check_ramp(weeks, profile="custom", limit_pct=high).over_limit_weeks)
    assert loose <= strict


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=1, max_size=8), limit_pct=custom_limits)
def test_next_week_max_is_within_a_custom_limit(weeks: list[float], limit_pct: float) -> None:
    result = check_ramp(weeks, profile="custom", limit_pct=limit_pct)
    if result.next_week_max is not None:
        following = check_ramp([*weeks, result.next_week_max], profile="custom", limit_pct=limit_pct).weeks[
            -1
        ]
        assert following.over_limit is False


@PROPERTIES
@given(weeks=st.lists(any_volume, min_size=1, max_size=10), limit_pct=custom_limits)
def test_a_custom_answer_agrees_with_itself(weeks: list[float], limit_pct: float) -> None:
    result = check_ramp(weeks, profile="custom", limit_pct=limit_pct)
    for week in result.weeks:
        if week.over_limit and week.kind == "return":
            assert week.baseline is not None and week.volume > week.baseline  # back above the level before
        elif week.over_limit:
            assert week.baseline_pct is not None and week.baseline_pct > result.limit_pct
        elif week.baseline_pct is not None and week.rounding_allowed is None:
            assert week.baseline_pct <= result.limit_pct  # never shown over a limit it is within
    assert result.verdict in (("over",) if result.over_limit_weeks else ("within", "after-break"))


@pytest.mark.parametrize("written", ["22.008", "22.0080000000", "0000000022.008", 22.008])
def test_a_week_sent_as_text_with_many_digits_is_judged_as_typed(written: object) -> None:
    # By hand: 22.008 / 20 = 1.1004, a rise of 10.04 %, over the 10 % limit whatever the zeros
    # around it (a script's text, or JSON's number: one verdict).
    answer = json.loads(handle(json.dumps({"check": "ramp", "weeks": [20, written]})))
    assert answer["result"]["weeks"][1]["over_limit"] is True


def test_the_rounding_sentence_adds_up_as_the_reader_reads_it() -> None:
    # By hand: the limit after 19.98 is 19.98 x 1.1 = 21.978, and 22 is 0.022 over it (a break
    # test read "0.022 km over 21.97", which does not add up); 22 is typed to the nearest 1.
    weeks = json.loads(handle(json.dumps({"check": "ramp", "weeks": [19.98, 22]})))["result"]["weeks"]
    assert weeks[1]["over_limit"] is False
    assert (
        "(22 is 0.022 km over 21.978, less than the rounding of a number typed to the nearest 1)"
        in weeks[1]["message"]
    )


def test_a_year_off_makes_the_first_week_back_a_fresh_start() -> None:
    # A break test's training log held one 0.16 km run from 2017: the first week of 2026 was "over
    # the limit" against it. After 52 weeks of break in a row (our own line, LONG_BREAK_WEEKS) the
    # week back is a start, judged against nothing; after 51 it is still a return, judged against
    # the level before the break (5 km after 0.16 km: over).
    after_a_year = check_ramp([0.16, *[0] * 52, 5])
    assert (after_a_year.weeks[-1].kind, after_a_year.weeks[-1].over_limit) == ("start", False)
    assert not after_a_year.over_limit_weeks
    after_51_weeks = check_ramp([0.16, *[0] * 51, 5])
    assert (after_51_weeks.weeks[-1].kind, after_51_weeks.weeks[-1].over_limit) == ("return", True)
    # The week after a year off is not told to start below a level from a year before.
    assert check_ramp([20, *[0] * 52]).restart_below is None
    assert check_ramp([20, *[0] * 51]).restart_below == 20
