"""The plan check: weeks that never exceed their limit, holds, dates, refusals and invariants."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.plan import check_plan
from calculator.checks.ramp import check_ramp
from calculator.errors import CalculatorError
from calculator.protocol import handle_request
from calculator.rules.plan import plan_rules, plan_step
from calculator.rules.ramp import PROFILES, custom_profile

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=150, derandomize=True, database=None, deadline=None)


def exact(value: float) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


# --- the weeks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "options", "volumes"),
    [
        (20, 30, {}, [22, 24.2, 26.6, 29.2, 30]),
        (20, 22, {}, [22]),  # exactly 10 %: one week
        (20, 22.01, {}, [22, 22.01]),  # just over: two
        (20, 21.99, {}, [21.99]),
        (10, 11, {"profile": "returning"}, [10.5, 11]),
        (
            10,
            10.5,
            {"profile": "conservative", "unit": "mi"},
            [10.2, 10.4, 10.5],
        ),  # 10.25 rounded down to 10.2
        (40, 42, {"profile": "conservative"}, [41, 42]),
        (20, 30, {"profile": "custom", "limit_pct": 25}, [25, 30]),
        (20, 30, {"profile": "custom", "limit_pct": 50}, [30]),
        (20.05, 23, {}, [22, 23]),  # 22.055 rounded down
        (9.99, 11, {}, [10.9, 11]),  # 10.989 rounded down
        (1, 1.5, {}, [1.1, 1.2, 1.3, 1.4, 1.5]),  # the smallest start that grows at 10 %
        (60, 66, {"unit": "min"}, [66]),
        # whole minutes (issue 9: not "72.6 minutes"): 60 x 1.1 = 66; 66 x 1.1 = 72.6, down to 72;
        # 72 x 1.1 = 79.2, capped at the target 75
        (60, 75, {"unit": "min"}, [66, 72, 75]),
    ],
)
def test_each_week_is_the_most_the_limit_allows(
    current: float, target: float, options: dict[str, object], volumes: list[float]
) -> None:
    plan = check_plan(current, target, **options)  # type: ignore[arg-type]
    assert [week.volume for week in plan.weeks] == [pytest.approx(volume) for volume in volumes]
    assert plan.week_count == plan.target_week == len(volumes)
    assert plan.verdict == "plan"


def test_hold_weeks_follow_seed_002s_example() -> None:
    plan = check_plan(5, 6, unit="mi", hold_weeks=True)  # 5 miles -> 5.5, then wait a week
    assert [(week.volume, week.kind) for week in plan.weeks] == [(5.5, "rise"), (5.5, "hold"), (6.0, "rise")]
    assert [week.change_pct for week in plan.weeks] == [10.0, 0.0, 9.1]
    assert plan.weeks[1].message == "Hold at 5.5 miles: a week at the same amount before the next rise."
    assert plan.weeks[2].message == "Up 9.1 % to 6 miles: your target."
    assert "seed-002" in plan.sources


def test_hold_weeks_never_end_a_plan_and_never_hold_twice() -> None:
    plan = check_plan(20, 30, hold_weeks=True)
    kinds = [week.kind for week in plan.weeks]
    assert kinds == ["rise", "hold"] * 4 + ["rise"]
    assert plan.week_count == 9


def test_why_says_holds_are_the_only_recovery_pattern_and_no_cut_back_figures_exist() -> None:
    held = check_plan(20, 30, hold_weeks=True).why
    assert "only recovery pattern our sources describe (a self-help knee site)" in held
    assert "no figures for lighter cut-back weeks" in held
    assert "no figures for lighter cut-back weeks" in check_plan(20, 30).why
    assert "rule of thumb" in held and "Buist et al. 2008" in held
    assert "%" not in held.split("cut-back")[1].split(".")[0]  # no invented cut-back percentage
    # easier weeks are offered (issue 10), built from the plan's own amounts, marked as our choice
    easier = plan_rules()["cut_back_weeks"]
    assert easier["given"] is True and easier["ours"] is True and easier["key"] == "easier_weeks"


def test_easier_weeks_go_back_to_where_three_rises_started_and_never_make_a_week_over() -> None:
    plan = check_plan(20, 30, easier_weeks=True)
    # 20 -> 22 -> 24.2 -> 26.6 (each x 1.1 rounded down to 0.1), then back to 20, then
    # 26.6 x 1.1 = 29.26 -> 29.2 (on the level before the easier week), then the target
    assert [(week.kind, week.volume) for week in plan.weeks] == [
        ("rise", 22.0),
        ("rise", 24.2),
        ("rise", 26.6),
        ("easier", 20.0),
        ("rise", 29.2),
        ("rise", 30.0),
    ]
    assert "easier week" in plan.summary and "Frandsen" in plan.why and "frandsen-2025" in plan.sources
    ramp = check_ramp([20, *(week.volume for week in plan.weeks)])
    assert ramp.over_limit_weeks == ()  # the ramp check agrees: going back up after it is no spike


@pytest.mark.parametrize("profile", ["standard", "returning", "conservative"])
def test_a_plan_with_easier_weeks_passes_the_ramp_check(profile: str) -> None:
    plan = check_plan(10, 40, profile=profile, easier_weeks=True, hold_weeks=profile == "returning")
    ramp = check_ramp([10, *(week.volume for week in plan.weeks)], profile=profile)
    assert ramp.over_limit_weeks == () and "break" not in {week.kind for week in ramp.weeks}


def test_messages_name_each_rise() -> None:
    plan = check_plan(20, 30)
    assert [week.message for week in plan.weeks] == [
        "Up 10 % to 22 km.",
        "Up 10 % to 24.2 km.",
        "Up 10 % to 26.6 km.",
        "Up 9.8 % to 29.2 km.",
        "Up 2.8 % to 30 km: your target.",
    ]
    assert plan.summary == "From 20 to 30 km in 5 weeks at up to 10 % a week: you reach 30 km in week 5."


# --- dates ------------------------------------------------------------------------------------------


def test_dates_start_each_week_seven_days_apart() -> None:
    plan = check_plan(20, 30, start_date="2026-11-30")
    assert [week.starts for week in plan.weeks] == [
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
        "2026-12-21",
        "2026-12-28",
    ]
    assert (plan.start_date, plan.target_week, plan.target_date) == ("2026-11-30", 5, "2026-12-28")
    assert plan.summary.endswith("you reach 30 km in week 5, the week starting Monday 28 December 2026.")


def test_dates_cross_years_and_leap_days() -> None:
    plan = check_plan(20, 22.01, start_date="2028-02-22")
    assert [week.starts for week in plan.weeks] == ["2028-02-22", "2028-02-29"]
    assert check_plan(20, 22, start_date="2100-12-31").target_date == "2100-12-31"


def test_without_a_start_date_there_are_weeks_only() -> None:
    plan = check_plan(20, 30)
    assert plan.start_date is None and plan.target_date is None
    assert all(week.starts is None for week in plan.weeks)


# --- already there ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "summary"),
    [
        (30, 30, "You already run 30 km a week, your target: no build-up needed."),
        (30, 20, "You already run 30 km a week, more than your target of 20 km: no build-up needed."),
        (0.01, 0.01, "You already run 0.01 km a week, your target: no build-up needed."),
    ],
)
def test_a_target_at_or_below_this_week_is_already_there(current: float, target: float, summary: str) -> None:
    plan = check_plan(current, target, start_date="2026-11-30")
    assert (plan.verdict, plan.week_count, plan.target_week, plan.target_date) == (
        "already-there",
        0,
        0,
        None,
    )
    assert plan.weeks == ()
    assert plan.summary == summary
    assert plan.why.startswith("You are already at or above your target")


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "options", "fields"),
    [
        (0, 30, {}, ["current"]),
        (None, None, {}, ["current", "target"]),
        (-1, 30, {}, ["current"]),
        ("twenty", 30, {}, ["current"]),
        (20, 0, {}, ["target"]),
        (20, 1001, {}, ["target"]),
        (20, 621, {"unit": "mi"}, ["target"]),
        (20, 30, {"unit": "yd"}, ["unit"]),
        (20, 30, {"profile": "custom"}, ["limit_pct"]),
        (20, 30, {"limit_pct": 10}, ["limit_pct"]),
        (20, 30, {"start_date": "2026-11-31"}, ["start_date"]),
        (20, 30, {"start_date": "2026-11-30T00:00"}, ["start_date"]),
        (20, 30, {"start_date": "2101-01-01"}, ["start_date"]),
        (20, 30, {"hold_weeks": "no"}, ["hold_weeks"]),
        (20, 30, {"hold_weeks": 0}, ["hold_weeks"]),
        (
            -5,
            "x",
            {"unit": "yd", "profile": "fast", "start_date": "soon", "hold_weeks": 1},
            ["unit", "profile", "current", "target", "start_date", "hold_weeks"],
        ),
    ],
)
def test_bad_input_raises_naming_every_field(
    current: object, target: object, options: dict[str, object], fields: list[str]
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_plan(current, target, **options)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields


@pytest.mark.parametrize(
    ("current", "target", "options", "field", "message"),
    [
        (
            0,
            30,
            {},
            "current",
            "A plan can't grow from 0 km: a percentage of nothing is still nothing. Start with a "
            "small first week you find easy, then enter it here as this week's running.",
        ),
        (
            3.9,
            10,
            {"profile": "conservative"},
            "current",
            "At up to 2.5 % a week, 3.9 km can't grow by the plan's smallest step of 0.1 km: start from at least 4 km "
            "a week, or choose a bigger weekly limit.",
        ),
        (
            0.5,
            10,
            {},
            "current",
            "At up to 10 % a week, 0.5 km can't grow by the plan's smallest step of 0.1 km: "
            "start from at least 1 km a week, or choose a bigger weekly limit.",
        ),
        (
            20,
            30,
            {"profile": "custom", "limit_pct": 0.1},
            "limit_pct",
            "At up to 0.1 % a week, 20 km can't grow by the plan's smallest step of 0.1 km: choose a weekly limit of "
            "at least 0.5 %.",
        ),
        (
            0.1,
            1,
            {"profile": "custom", "limit_pct": 1},
            "current",  # 100 % would be needed: over the 50 % ceiling
            "At up to 1 % a week, 0.1 km can't grow by the plan's smallest step of 0.1 km: start from at least 10 km a "
            "week, or choose a bigger weekly limit.",
        ),
        (
            20,
            1000,
            {"profile": "custom", "limit_pct": 0.5},
            "target",
            "Going from 20 to 1000 km at up to 0.5 % a week takes more than 520 weeks (10 years): choose a nearer "
            "target or a bigger weekly limit.",
        ),
        (4, 1000, {"profile": "conservative", "hold_weeks": True}, None, None),  # 491 weeks: accepted
    ],
)
def test_plans_that_cannot_grow_or_take_too_long_are_refused(
    current: float, target: float, options: dict[str, object], field: str | None, message: str | None
) -> None:
    if field is None:
        assert check_plan(current, target, **options).week_count <= 520  # type: ignore[arg-type]
        return
    with pytest.raises(CalculatorError) as raised:
        check_plan(current, target, **options)  # type: ignore[arg-type]
    assert raised.value.as_json() == [{"field": field, "message": message}]


def test_the_suggested_start_or_limit_really_grows() -> None:
    assert check_plan(4, 10, profile="conservative").week_count > 0
    assert check_plan(1, 2).week_count > 0
    assert check_plan(20, 30, profile="custom", limit_pct=0.5).week_count > 0


# --- the answer as JSON -----------------------------------------------------------------------------


def test_the_protocol_answers_a_plan() -> None:
    answer = handle_request(
        {
            "check": "plan",
            "current": 20,
            "target": 30,
            "unit": "km",
            "profile": "standard",
            "start_date": "2026-11-30",
            "hold_weeks": False,
        }
    )
    assert answer["ok"] is True and answer["check"] == "plan"
    result = answer["result"]
    assert set(result) == {
        "profile",
        "profile_label",
        "limit_pct",
        "unit",
        "unit_label",
        "current",
        "target",
        "hold_weeks",
        "easier_weeks",
        "start_date",
        "weeks",
        "week_count",
        "target_week",
        "target_date",
        "summary",
        "verdict",
        "why",
        "caveat",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
        "chart_svg",
        "table",
    }
    assert result["weeks"][0] == {
        "week": 1,
        "volume": 22.0,
        "change_pct": 10.0,
        "kind": "rise",
        "starts": "2026-11-30",
        "message": "Up 10 % to 22 km.",
        "level_change_pct": None,
        "level_week": None,
    }
    assert result["sources"] == ["seed-002", "seed-004", "buist-2008", "seed-001"]
    assert [entry["page"] for entry in result["links"]] == [
        "prevention/load-progression.md",
        "causes/training-errors.md",
        "calculator/ramp.md",
    ]
    assert (
        result["see_clinician"] is False
        and result["disclaimer"] == "A guide, not a diagnosis or medical advice."
    )
    assert json.loads(json.dumps(result, allow_nan=False)) == result


def test_the_protocol_defaults() -> None:
    result = handle_request({"check": "plan", "current": 20, "target": 22})["result"]
    assert (result["unit"], result["profile"], result["hold_weeks"], result["start_date"]) == (
        "km",
        "standard",
        False,
        None,
    )
    custom = handle_request(
        {"check": "plan", "current": 20, "target": 30, "profile": "custom", "limit_pct": 25}
    )
    assert custom["result"]["limit_pct"] == 25.0


# --- invariants -------------------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=60_000).map(lambda hundredths: hundredths / 100)
fixed_profiles = st.sampled_from(sorted(PROFILES))
custom_limits = st.integers(min_value=100, max_value=5000).map(lambda hundredths: hundredths / 100)


def _limit(profile: str, limit_pct: float | None) -> Fraction:
    return custom_profile(exact(limit_pct)).limit if limit_pct is not None else PROFILES[profile].limit


@PROPERTIES
@given(
    current=amounts,
    target=amounts,
    hold=st.booleans(),
    choice=st.one_of(
        fixed_profiles.map(lambda key: (key, None)), custom_limits.map(lambda pct: ("custom", pct))
    ),
)
def test_a_plan_never_exceeds_its_limit(
    current: float, target: float, hold: bool, choice: tuple[str, float | None]
) -> None:
    profile, limit_pct = choice
    try:
        plan = check_plan(current, target, profile=profile, limit_pct=limit_pct, hold_weeks=hold)
    except CalculatorError as error:
        assert error.field in ("current", "target", "limit_pct")  # cannot grow, or longer than 520 weeks
        return
    limit = _limit(profile, limit_pct)
    previous = exact(current)
    assert plan.week_count == len(plan.weeks) <= 520
    for week in plan.weeks:
        volume = exact(week.volume)
        assert volume <= previous * (1 + limit), "never more than the limit allows, exactly"
        assert volume <= exact(target), "never above the target"
        assert volume >= previous, "never down"
        assert volume == exact(target) or volume % plan_step("km") == 0, (
            "on the 0.1 grid, or the target itself"
        )
        assert (week.kind == "hold") == (volume == previous)
        assert week.change_pct <= float(limit * 100)
        previous = volume
    if plan.weeks:
        assert exact(plan.weeks[-1].volume) == exact(target) and plan.weeks[-1].kind == "rise"
        ramp = check_ramp(
            [current, *[week.volume for week in plan.weeks]], profile=profile, limit_pct=limit_pct, unit="min"
        )
        assert ramp.over_limit_weeks == (), "the ramp check agrees: no week over the limit"
    else:
        assert exact(target) <= exact(current) and plan.verdict == "already-there"
    if hold:
        kinds = [week.kind for week in plan.weeks]
        assert all(not (a == b == "hold") for a, b in itertools.pairwise(kinds))
        assert all(b == "hold" for a, b in itertools.pairwise(kinds) if a == "rise")


@PROPERTIES
@given(
    current=amounts,
    target=amounts,
    more=st.integers(min_value=0, max_value=10_000).map(lambda h: h / 100),
    profile=fixed_profiles,
)
def test_a_further_target_never_takes_fewer_weeks(
    current: float, target: float, more: float, profile: str
) -> None:
    farther = min(round(target + more, 2), 600.0)
    try:
        near, far = (
            check_plan(current, target, profile=profile),
            check_plan(current, farther, profile=profile),
        )
    except CalculatorError:
        return
    assert far.week_count >= near.week_count


@PROPERTIES
@given(
    current=amounts,
    target=amounts,
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    hold=st.booleans(),
)
def test_dates_are_a_week_apart_from_the_start(
    current: float, target: float, start: date, hold: bool
) -> None:
    try:
        plan = check_plan(current, target, start_date=start.isoformat(), hold_weeks=hold)
    except CalculatorError:
        return
    assert [week.starts for week in plan.weeks] == [
        (start + timedelta(weeks=index)).isoformat() for index in range(plan.week_count)
    ]
    assert plan.target_date == (plan.weeks[-1].starts if plan.weeks else None)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 2000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
PLAN_FIELDS = ("current", "target", "unit", "profile", "limit_pct", "start_date", "hold_weeks")


@PROPERTIES
@given(
    request=st.fixed_dictionaries(
        {},
        optional={
            "current": amounts | json_values,
            "target": amounts | json_values,
            "unit": st.sampled_from(["km", "mi", "min"]) | json_values,
            "profile": st.sampled_from(["standard", "returning", "conservative", "custom"]) | json_values,
            "limit_pct": custom_limits | json_values,
            "start_date": st.sampled_from(["2026-11-30", "2026-02-30"]) | json_values,
            "hold_weeks": st.booleans() | json_values,
        },
    )
)
def test_any_plan_request_is_answered_and_every_refusal_names_a_field(request: dict[str, object]) -> None:
    answer = handle_request({"check": "plan", **request})
    json.dumps(answer, allow_nan=False)
    if answer["ok"]:
        assert answer["result"]["week_count"] == len(answer["result"]["weeks"]) <= 520
    else:
        assert answer["errors"] and all(error["field"] in PLAN_FIELDS for error in answer["errors"])
        assert all(error["message"].endswith(".") for error in answer["errors"])


def test_after_an_easier_week_the_change_shown_is_the_rise_the_limit_applies_to() -> None:
    # A break test read "+46 %" in the Change column of the week after an easier week as the plan
    # breaking its own 10 % limit. By hand: 20 x 1.1^3 = 26.62, planned 26.6 (rounded down); the
    # easier week is back at 20; the next week is at most 26.6 x 1.1 = 29.26, planned 29.2, which
    # is +9.8 % on week 3's 26.6 (and +46 % on the easier week's 20).
    plan = check_plan(20, 30, easier_weeks=True)
    after = plan.weeks[4]
    assert (after.volume, after.change_pct, after.level_change_pct, after.level_week) == (29.2, 46.0, 9.8, 3)
    table = plan.table()
    assert table is not None
    assert table["rows"][4]["cells"][2] == "+9.8 % on week 3"
    assert [week.level_change_pct for week in plan.weeks if week.week != 5] == [None] * 5
