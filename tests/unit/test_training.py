"""Issue 10's cases from real training, each with the value a careful coach gives, and its kinds.

Every right value comes from outside the code: the issue's cases (public bug reports and forum
threads, with a coach's answer) and a hand calculation written next to it. The same file runs
natively and inside Pyodide (tests/pyodide).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculator.checks.acwr import check_acwr
from calculator.checks.ramp import check_ramp
from calculator.errors import CalculatorError
from calculator.protocol import handle_request
from calculator.weeks import read_weeks

PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- case 1: cut-back weeks --------------------------------------------------------------------------


def test_case_1_a_return_after_an_easier_week_is_judged_on_the_last_normal_week() -> None:
    result = check_ramp([11, 12.1, 13.3, 8, 14.6], unit="mi")
    week = result.weeks[4]
    assert week.over_limit is False and result.verdict == "within"
    # 14.6 / 13.3 = 1.0977: +9.8 % on 13.3 miles (week 3), the last week that was not easier
    assert (week.baseline, week.baseline_week, week.baseline_pct) == (13.3, 3, 9.8)
    assert week.change_pct == 82.5  # still the change on the week before, as the protocol says
    assert week.kind == "up" and result.weeks[3].kind == "easier"


def test_case_1_after_an_easier_week_next_week_may_go_back_above_it() -> None:
    result = check_ramp([11, 12.1, 13.3, 8], unit="mi")
    # 13.3 x 1.1 = 14.63: the "about 13.3-14.6 mi", not 8 x 1.1 = 8.8
    assert result.next_week_max == pytest.approx(14.63)
    assert "13.3 miles of week 3" in result.next_week_note


# --- case 2: a week at or near zero --------------------------------------------------------------------


@pytest.mark.parametrize("low", [0, 0.5])
def test_case_2_zero_and_half_a_km_are_both_a_break(low: float) -> None:
    result = check_ramp([25, 25, low, 20])
    assert [week.kind for week in result.weeks] == ["first", "level", "break", "return"]
    assert result.over_limit_weeks == ()  # not "+3900 %, over": 20 is back below the 25 before the break
    assert result.verdict == "after-break"
    assert "below the 25 km you ran before the break" in result.weeks[3].message


def test_case_2_after_a_near_zero_week_there_is_no_percentage_to_build_on() -> None:
    result = check_ramp([25, 25, 0.5])
    assert result.next_week_max is None  # not 0.55 km
    assert result.restart_below == 25
    assert result.summary.endswith("Next week: after a break, start again below 25 km.")


def test_case_2_a_break_is_judged_against_the_level_its_sentence_names() -> None:
    # The review's case. Week 2 (10 km) is a break: 10 < 100 / 4 = 25. Week 3 (30 km) is the first
    # week back, below the 100 km before the break. Week 4 (20 km) is judged against its level, the
    # 30 km of week 3 (the only week since the break): 20 >= 30 / 4 = 7.5, so an easier week, down
    # 1 - 20/30 = 33.3 %. Week 5 (30 km) is back to that 30 km; next week 30 x 1.1 = 33 km.
    result = check_ramp([100, 10, 30, 20, 30])
    assert [week.kind for week in result.weeks] == ["first", "break", "return", "easier", "level"]
    assert result.weeks[1].message == (
        "A break: 10 km is less than a quarter of the 100 km of week 1, so it counts as a week off."
    )
    assert result.weeks[3].message == "Down 33.3 % on the week before."
    assert (result.weeks[3].baseline, result.weeks[3].baseline_week) == (30.0, 3)
    # week 1's 100 km is among the 4 weeks before week 5, so the sentence says "since the break"
    assert result.weeks[4].message == "Back to the 30 km of week 3: no rise on the most since the break."
    assert result.over_limit_weeks == () and result.verdict == "within"
    assert result.next_week_max == 33.0


def test_case_2_a_second_break_names_the_level_it_is_below() -> None:
    # Week 4 (5 km) is below a quarter of week 3's 30 km (7.5): a break from 30, not from 100.
    # Week 5 (20 km) right after it is compared with that 30 km: 20 >= 7.5, a first week back
    # (against 100 km, 20 km would have been a break again).
    result = check_ramp([100, 10, 30, 5, 20])
    assert [week.kind for week in result.weeks] == ["first", "break", "return", "break", "return"]
    assert "5 km is less than a quarter of the 30 km of week 3" in result.weeks[3].message
    assert "below the 30 km you ran before the break (week 3)" in result.weeks[4].message


@pytest.mark.parametrize(
    ("weeks", "kind"),
    [
        ([100, 0, 0, 0, 20], "break"),  # week 1 is one of the 4 weeks before: 20 < 100 / 4 = 25
        ([100, 0, 0, 0, 0, 20], "return"),  # 4 weeks off: no recent level to be a break from
    ],
)
def test_case_2_right_after_a_break_the_level_before_it_counts_for_4_weeks(
    weeks: list[int], kind: str
) -> None:
    result = check_ramp(weeks)
    assert result.weeks[-1].kind == kind
    assert "100 km" in result.weeks[-1].message


def test_case_2_a_level_cut_short_by_a_break_says_so() -> None:
    # 30 km (week 3) is the most since the break, not the most of the last 4 weeks (100 km in week 1)
    result = check_ramp([100, 0, 30, 20])
    assert result.next_week_note == (
        "Up to 33 km keeps next week within the 10 % limit of the 30 km of week 3, the most since your break."
    )
    # a week later, week 1 is 5 weeks back: 30 km is the most of the last 4 weeks again
    later = check_ramp([100, 0, 30, 20, 25])
    assert later.weeks[4].message == "Below the 30 km of week 3: an easier week."
    assert later.next_week_note.endswith("the 30 km of week 3, the most of your last 4 weeks.")
    # a first week of 0 cuts nothing short: 11 (week 3) is the most of weeks 1-4 (0, 10, 11, 9)
    assert check_ramp([0, 10, 11, 9, 12]).weeks[4].message == (
        "Up 9.1 % on the 11 km of week 3, the most of the 4 weeks before: within the 10 % limit."
    )


# --- case 3: the return after a break --------------------------------------------------------------------


def test_case_3_going_straight_back_to_the_full_volume_is_no_all_clear() -> None:
    result = check_ramp([30, 0, 0, 30], unit="km", profile="returning")
    week = result.weeks[3]
    assert result.verdict == "after-break"  # not "within"
    assert week.kind == "return" and week.baseline == 30
    assert "can't judge" in week.message and "straight back" in week.message
    assert "can't judge" in result.summary
    assert result.next_week_max == 30  # hold, not 31.5 (30 + 5 %)


def test_case_3_coming_back_above_the_level_before_the_break_is_over() -> None:
    result = check_ramp([10, 0, 20])
    assert result.over_limit_weeks == (3,) and result.verdict == "over"  # 20 > the 10 km before the break


# --- case 4: a week still in progress --------------------------------------------------------------------


def test_case_4_an_unfinished_week_says_how_much_more_it_may_hold() -> None:
    result = check_ramp([40, 42, 44, 12], last_week_unfinished=True)
    # 44 x 1.1 = 48.4 km in all, 36.4 more than the 12 so far; not "next week up to 13.2"
    assert result.next_week_max == pytest.approx(48.4)
    assert result.remaining == pytest.approx(36.4)
    assert result.weeks[3].kind == "unfinished" and not result.weeks[3].over_limit
    assert "not finished" in result.summary


@pytest.mark.parametrize("so_far", [5, 0])
def test_case_4_an_unfinished_week_barely_begun_is_not_a_break(so_far: float) -> None:
    """Monday or Tuesday of a normal week: 5 km (or none) so far is under a quarter of 44, but the week is
    not over. The coach's answer is case 4's: 44 x 1.1 = 48.4 km in all, 48.4 - so far more; no "break"."""
    result = check_ramp([40, 42, 44, so_far], last_week_unfinished=True)
    assert result.next_week_max == pytest.approx(48.4)
    assert result.remaining == pytest.approx(48.4 - so_far)
    assert result.restart_below is None and "break" not in result.summary


def test_case_4_an_unfinished_week_after_a_finished_break_restarts_below_the_level_before_it() -> None:
    """Week 3 was a break (0 km, finished); week 4 is under way: it comes back from the break, so it stays
    below the 44 km of the weeks before the break."""
    result = check_ramp([40, 44, 0, 5], last_week_unfinished=True)
    assert result.restart_below == pytest.approx(44) and result.next_week_max is None
    assert "follows a break" in result.summary


def test_case_4_a_last_week_far_below_the_others_asks_whether_it_is_finished() -> None:
    result = check_ramp([40, 42, 44, 12])
    assert result.next_week_max == pytest.approx(48.4)  # the easier week does not lower the bar
    assert any("not finished" in note for note in result.notes)


def test_case_4_an_unfinished_week_already_over_is_over() -> None:
    result = check_ramp([40, 42, 44, 50], last_week_unfinished=True)  # 50 > 48.4 already
    assert result.over_limit_weeks == (4,)


# --- case 5: rounding --------------------------------------------------------------------------------


def test_case_5_the_rounded_10_percent_table_is_within_the_limit() -> None:
    result = check_ramp([10, 11, 12.1, 13.3, 14.6, 16.1, 17.7, 19.5], unit="mi")
    assert result.over_limit_weeks == () and result.verdict == "within"
    # 14.6 x 1.1 = 16.06 (16.1 is 0.04 over), 17.7 x 1.1 = 19.47 (19.5 is 0.03 over): both less
    # than 0.05, half the 0.1 mile the table is rounded to
    allowed = {week.week: week.rounding_allowed for week in result.weeks if week.rounding_allowed is not None}
    assert allowed == {6: pytest.approx(0.04), 8: pytest.approx(0.03)}
    assert result.weeks[5].change_pct == 10.3  # the change is still shown as it is
    assert any("0.04 miles and 0.03 miles" in note for note in result.notes)


@pytest.mark.parametrize(
    ("weeks", "over"),
    [
        ([20, 22.04], True),  # 22.04 - 22 = 0.04, not less than 0.005 (typed to 0.01)
        ([20, 22.3], True),  # 22.3 - 22 = 0.3, not less than 0.05 (typed to 0.1)
        ([14.6, 16.1], False),  # 16.1 - 16.06 = 0.04 < 0.05 (typed to 0.1): the week 6
        ([9, 10], False),  # 10 - 9.9 = 0.1 < 0.5 (typed to whole km)
        ([5, 6], True),  # 6 - 5.5 = 0.5: not less than half of 1 km
        ([20, 22.1], True),  # 22.1 - 22 = 0.1 >= 0.05
    ],
)
def test_case_5_the_allowance_is_half_the_last_decimal_typed(weeks: list[float], over: bool) -> None:
    assert check_ramp(weeks).weeks[1].over_limit is over


# --- case 6: thin history in the ACWR -------------------------------------------------------------------


@pytest.mark.parametrize(
    "loads",
    [
        [0] * 21 + [3, 0, 3, 0, 3, 0, 3],  # a first week of running
        [0] * 27 + [1],
        [0] * 27 + [0.01],
    ],
)
def test_case_6_a_chronic_load_built_from_nothing_is_not_a_baseline(loads: list[float]) -> None:
    result = check_acwr(loads, period="day")
    assert result.verdict == "not-enough-history"  # never "danger" (ratio 4 before)
    assert result.rolling.ratio is None and result.ewma is not None and result.ewma.ratio is None
    assert "3 weeks" in result.summary and "dijkhuis-2020" in result.sources
    assert "Dijkhuis" in result.why and "contested" in result.why


def test_case_6_four_weeks_of_running_give_a_ratio_again() -> None:
    result = check_acwr([10, 10, 10, 10], period="week")
    assert result.enough_history and result.rolling.ratio == 1.0


def test_case_6_a_break_inside_the_window_means_no_ratio_yet() -> None:
    # 0.5 of 25 is a break (less than a quarter), the same as 0
    assert check_acwr([25, 25, 25, 25, 0.5, 20, 20, 20], period="week").verdict == "not-enough-history"
    assert check_acwr([25, 25, 25, 25, 0.5, 20, 20, 20, 20], period="week").verdict == "sweet-spot"


# --- case 7: durations ---------------------------------------------------------------------------------


def test_case_7_times_as_watches_write_them() -> None:
    result = check_ramp(["3:10:00", "3:30:00"], unit="min")
    assert [week.volume for week in result.weeks] == [190, 210]
    # 210 / 190 = 1.10526: +10.53 %, shown rounded up to 10.6 % as every rise is; over 10 %
    assert result.weeks[1].change_pct == 10.6 and result.weeks[1].over_limit


@pytest.mark.parametrize(
    ("weeks", "unit", "message"),
    [
        (
            [120, "--"],
            "min",
            "Week 2 is '--', which means no value: enter how much you ran, or 0 for a week with no running.",
        ),
        (
            ["3:10:00"],
            "km",
            "Week 1 looks like a time (3:10:00): choose minutes as the unit to enter times, or enter the distance.",
        ),
    ],
)
def test_case_7_no_value_marks_and_times_in_a_distance_say_what_to_enter(
    weeks: list[object], unit: str, message: str
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_ramp(weeks, unit=unit)  # type: ignore[arg-type]
    assert raised.value.message == message


def test_case_7_times_work_in_every_load_check() -> None:
    acwr = handle_request({"check": "acwr", "period": "week", "unit": "min", "loads": ["1:00:00"] * 4})
    plan = handle_request({"check": "plan", "current": "3:10:00", "target": "3:30:00", "unit": "min"})
    assert acwr["result"]["rolling"]["acute"] == 60.0
    assert plan["result"]["current"] == 190 and plan["result"]["weeks"][0]["volume"] == 209.0  # 190 x 1.1


# --- case 8 (the calculator's side): thousands read right give the right ratio -------------------------


def test_case_8_weekly_loads_in_the_thousands() -> None:
    result = check_acwr([950, 1200, 1100, 1400], period="week", unit="au")
    assert result.rolling.ratio == 1.2  # 1400 / 1162.5 = 1.204, not 0.01


# --- case 11: plausibility ---------------------------------------------------------------------------


def test_case_11_seconds_entered_as_minutes_get_a_question_not_a_refusal() -> None:
    result = check_ramp([9000, 9500], unit="min")
    assert any("seconds" in note and "9000 minutes" in note for note in result.notes)
    assert check_ramp([200, 210], unit="km").notes == ()  # an ultra-runner's big week is not questioned
    assert check_ramp([500, 510], unit="km").notes != ()  # more than twice the 220 km of world-class runners


def test_case_11_minutes_over_the_ceiling_are_refused_with_the_likely_slip() -> None:
    with pytest.raises(CalculatorError, match="If these are seconds, divide by 60"):
        check_ramp([10800], unit="min")  # 3 hours in seconds


# --- property tests for the new kinds -------------------------------------------------------------------

volumes = st.integers(min_value=1, max_value=50_000).map(lambda hundredths: hundredths / 100)


@PROPERTIES
@given(history=st.lists(volumes, min_size=1, max_size=8), data=st.data())
def test_an_easier_week_then_back_to_the_level_before_it_is_never_over(
    history: list[float], data: st.DataObject
) -> None:
    level = history[-1]
    assume(read_weeks(history)[-1].kind != "break")
    easier = data.draw(st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=level)), label="easier")
    back = data.draw(st.floats(min_value=0.01, max_value=level), label="back")
    result = check_ramp([*history, easier, back])
    assert result.weeks[-1].over_limit is False


@PROPERTIES
@given(
    weeks=st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=12),
    empty=st.integers(min_value=0, max_value=2),
)
def test_a_history_with_an_empty_week_never_reads_danger(weeks: list[int], empty: int) -> None:
    before = weeks[:-1]
    before[len(before) - 1 - empty] = 0  # one of the 3 weeks before the last had no running
    result = check_acwr([*before, weeks[-1]], period="week")
    assert result.verdict in ("not-enough-history", "no-ratio")


@PROPERTIES
@given(
    days=st.lists(st.integers(min_value=0, max_value=40), min_size=28, max_size=60),
    empty=st.integers(min_value=1, max_value=3),
)
def test_mostly_zero_days_never_read_danger(days: list[int], empty: int) -> None:
    end = len(days) - 7 * empty
    days[end - 7 : end] = [0] * 7  # a whole week without running in the 3 weeks before the last 7 days
    assert check_acwr(days, period="day").verdict in ("not-enough-history", "no-ratio")
