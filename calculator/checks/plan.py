"""The plan check: a week-by-week build from this week's running to a target, within a weekly limit.

Each planned week holds at most the week before times (1 + the limit), rounded *down* to 0.1 of
the unit, and never more than the target: the arithmetic is exact (fractions), so a plan never
exceeds its limit. With ``hold_weeks``, each rise is followed by a week at the same volume, the
only recovery pattern the sources describe (seed 002: 5 miles a run -> 5.5, then wait a week).
With ``easier_weeks``, every three rises are followed by an easier week back at the amount they
started from, and the week after it grows from the level before the easier week (the most of the
4 weeks before it, as the ramp check compares), so a plan checked week by week is never over.

>>> plan = check_plan(20, 30)
>>> [week.volume for week in plan.weeks], plan.week_count
([22.0, 24.2, 26.6, 29.2, 30.0], 5)
>>> [week.kind for week in check_plan(5, 6, unit="mi", hold_weeks=True).weeks]
['rise', 'hold', 'rise']
>>> [(week.kind, week.volume) for week in check_plan(20, 30, easier_weeks=True).weeks]
[('rise', 22.0), ('rise', 24.2), ('rise', 26.6), ('easier', 20.0), ('rise', 29.2), ('rise', 30.0)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from calculator.answer import Answer, Record
from calculator.charts import Bar, Line, bar_chart
from calculator.checks.weekly_limit import UNIT_NAMES, limit_source, limit_words, read_profile, read_unit
from calculator.errors import CalculatorError, Problem, raise_problems
from calculator.reading import (
    day_words,
    exact,
    floor_to,
    plain,
    read_amount,
    read_date,
    read_flag,
    rounded_rise,
)
from calculator.rules.plan import (
    EASIER_WEEKS,
    HOLD_WEEKS,
    MAX_PLAN_WEEKS,
    PLAN_CAVEAT,
    PLAN_CAVEAT_SOURCES,
    plan_step,
)
from calculator.rules.ramp import CUSTOM, DEFAULT_PROFILE, RAMP_CAVEAT, RAMP_CAVEAT_SOURCES, RampProfile
from calculator.sources import source_names
from calculator.tables import Table, amount, change, row, table
from calculator.units import DEFAULT_UNIT, Unit

__all__ = ["PlanResult", "PlanWeek", "check_plan"]

#: The pages that explain a plan.
PLAN_LINKS = ("prevention/load-progression.md", "causes/training-errors.md", "calculator/ramp.md")


@dataclass(frozen=True)
class PlanWeek(Record):
    """One planned week: its volume, its rise on the week before, and when it starts (if dated).

    >>> check_plan(20, 22).weeks[0].as_dict()
    {'week': 1, 'volume': 22.0, 'change_pct': 10.0, 'kind': 'rise', 'starts': None, 'message': 'Up 10 % to 22 km: your target.', 'level_change_pct': None, 'level_week': None}
    """

    week: int
    volume: float
    change_pct: float
    kind: str  # "rise", "hold" or "easier"
    starts: str | None
    message: str
    #: For the week after an easier week: its rise on the level before the easier week, and the
    #: week that set that level (0: this week); None for every other week.
    level_change_pct: float | None = None
    level_week: int | None = None


@dataclass(frozen=True)
class PlanResult(Answer):
    """The answer of `check_plan`: every planned week, how many, and when the target is reached.

    Its verdict is "plan" or "already-there".
    """

    profile: str
    profile_label: str
    limit_pct: float
    unit: str
    unit_label: str
    current: int | float
    target: int | float
    hold_weeks: bool
    easier_weeks: bool
    start_date: str | None
    weeks: tuple[PlanWeek, ...]
    week_count: int
    target_week: int
    target_date: str | None
    caveat: str
    chart_svg: str

    def table(self) -> Table | None:
        """The planned weeks (with the day each starts, when dated); none when already there."""
        if not self.weeks:
            return None
        dated = self.start_date is not None
        columns = ["Week", *(["Starts"] if dated else []), "Volume", "Change", "Note"]
        rows = [
            row(
                [
                    f"Week {week.week}",
                    *([day_words(week.starts) if week.starts else ""] if dated else []),
                    amount(week.volume, self.unit_label),
                    # After an easier week, the rise the limit applies to: on the level before it
                    # (the rise on the easier week, +46 %, read as the plan breaking its limit).
                    change(week.change_pct)
                    if week.level_change_pct is None
                    else f"{change(week.level_change_pct)} on week {week.level_week}",
                    week.message,
                ]
            )
            for week in self.weeks
        ]
        return table(f"Your plan, week by week ({self.profile_label})", columns, rows)


def check_plan(
    current: float,
    target: float,
    /,
    *,
    unit: str = DEFAULT_UNIT,
    profile: str = DEFAULT_PROFILE,
    limit_pct: float | None = None,
    start_date: str | None = None,
    hold_weeks: bool = False,
    easier_weeks: bool = False,
) -> PlanResult:
    """Plan the weeks from *current* (this week's running) to *target*, within the profile's limit.

    *start_date* (YYYY-MM-DD) is when week 1 starts; without it the plan has weeks, not dates.
    A target at or below this week's running is an answer too: already there, no weeks.

    >>> plan = check_plan(20, 30, start_date="2026-11-30")
    >>> plan.weeks[1].starts, plan.target_week, plan.target_date
    ('2026-12-07', 5, '2026-12-28')

    Raises `CalculatorError` listing every problem: a missing, negative or too large amount, a
    current week of 0 (no percentage grows from nothing), a plan longer than 520 weeks or one that
    cannot grow by the unit's step (0.1 km or mile, a whole minute), an unknown unit or profile, a bad custom limit, a bad date.

    >>> check_plan(0, 30)
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: current: A plan can't grow from 0 km: a percentage of nothing is still nothing. Start with a small first week you find easy, then enter it here as this week's running.
    """
    problems: list[Problem] = []
    measure = read_unit(unit, problems)
    chosen = read_profile(profile, limit_pct, problems)
    label = None if measure is None else measure.label
    ceiling = None if measure is None else measure.max_per_week
    now = read_amount(
        current,
        "current",
        "This week's running",
        unit_label=label,
        offered=UNIT_NAMES,
        ceiling=ceiling,
        problems=problems,
        missing="Enter how much you run this week, like 20.",
        minutes=measure is not None and measure.key == "min",
        zero_hint="a plan needs this week's running, more than 0",
    )
    goal = read_amount(
        target,
        "target",
        "The target",
        unit_label=label,
        offered=UNIT_NAMES,
        ceiling=ceiling,
        problems=problems,
        missing="Enter the weekly amount you want to reach, like 30.",
        minutes=measure is not None and measure.key == "min",
        zero_hint="enter the weekly amount you want to reach",
    )
    start = read_date(start_date, "start_date", "The start date", problems)
    hold = read_flag(hold_weeks, "hold_weeks", "Say true to hold a week after each rise, or false.", problems)
    easier = read_flag(
        easier_weeks,
        "easier_weeks",
        "Say true for an easier week after every three rises, or false.",
        problems,
    )
    if now == 0 and measure is not None:
        problems.append(
            Problem(
                "current",
                f"A plan can't grow from 0 {measure.label}: a percentage of nothing is "
                "still nothing. Start with a small first week you find easy, then enter "
                "it here as this week's running.",
            )
        )
    if goal == 0:
        problems.append(Problem("target", "The target must be more than 0."))
    raise_problems(problems)
    assert measure is not None and chosen is not None and now is not None and goal is not None
    steps = _build(exact(now), exact(goal), chosen, measure, hold, easier)
    return _result(now, goal, steps, chosen, measure, hold, easier, start)


# --- the plan ------------------------------------------------------------------------------------


def _build(
    current: Fraction, target: Fraction, profile: RampProfile, unit: Unit, hold: bool, easier: bool = False
) -> list[tuple[Fraction, str]]:
    """The planned weeks as (volume, kind); raise when the plan is too long or cannot grow.

    *volume* is the level the next rise grows from: an easier week does not lower it.
    """
    weeks: list[tuple[Fraction, str]] = []
    volume = current
    rises, started = 0, current  # rises since the last easier week, and the amount they started from
    while volume < target:
        if hold and weeks and weeks[-1][1] == "rise":
            weeks.append((volume, "hold"))
        elif easier and rises == EASIER_WEEKS.rises:
            weeks.append((started, "easier"))
            rises = 0
        else:
            if rises == 0:
                started = volume
            step = min(target, floor_to(volume * (1 + profile.limit), plan_step(unit.key)))
            if step <= volume:
                raise _stuck(current, volume, profile, unit)
            weeks.append((step, "rise"))
            volume = step
            rises += 1
        if len(weeks) > MAX_PLAN_WEEKS:
            raise CalculatorError(
                "target",
                f"Going from {plain(current)} to {plain(target)} {unit.label} at up to "
                f"{limit_words(profile)} % a week takes more than {MAX_PLAN_WEEKS} weeks "
                f"({MAX_PLAN_WEEKS // 52} years): choose a nearer target or a bigger "
                "weekly limit.",
            )
    return weeks


def _stuck(current: Fraction, volume: Fraction, profile: RampProfile, unit: Unit) -> CalculatorError:
    """The refusal for a week too small to grow by one step within the limit.

    From at least step / limit (on the step's grid) every week grows; a custom limit of at least
    100 x step / current % lets this week grow, and every later week with it.
    """
    step = plan_step(unit.key)
    start = (
        f"At up to {limit_words(profile)} % a week, {plain(volume)} {unit.label} can't grow by the plan's "
        f"smallest step of {plain(step)} {unit.label.removesuffix('s') if step == 1 else unit.label}"
    )
    enough_pct = Fraction(math.ceil(step / current * 100 * 100), 100)  # in %, rounded up to 0.01
    if profile.key == CUSTOM.key and enough_pct <= CUSTOM.max * 100:
        return CalculatorError(
            CUSTOM.field, f"{start}: choose a weekly limit of at least {plain(enough_pct)} %."
        )
    enough = math.ceil(1 / profile.limit) * step  # step / limit, rounded up to a step
    return CalculatorError(
        "current",
        f"{start}: start from at least {plain(enough)} {unit.label} a week, or choose a bigger weekly limit.",
    )


def _result(
    current: int | float,
    target: int | float,
    steps: list[tuple[Fraction, str]],
    profile: RampProfile,
    unit: Unit,
    hold: bool,
    easier: bool,
    start: date | None,
) -> PlanResult:
    goal = exact(target)
    weeks = []
    previous = level = exact(current)  # the week before, and the level before any easier week
    level_week = 0  # the week that set the level (0: this week)
    for number, (volume, kind) in enumerate(steps, start=1):
        starts = None if start is None else (start + timedelta(weeks=number - 1)).isoformat()
        rise = rounded_rise(volume / previous - 1, profile.limit)
        on_level = rounded_rise(volume / level - 1, profile.limit)
        after_easier = previous < level
        weeks.append(
            PlanWeek(
                week=number,
                volume=float(volume),
                change_pct=float(rise),
                kind=kind,
                starts=starts,
                message=_message(
                    volume, on_level if after_easier else rise, kind, goal, unit, level, after_easier
                ),
                level_change_pct=float(on_level) if after_easier else None,
                level_week=level_week if after_easier else None,
            )
        )
        previous = volume
        if kind != "easier":
            level, level_week = volume, number
    count = len(weeks)
    there = count == 0
    sources = _unique(
        (
            *profile.sources,
            *(HOLD_WEEKS.sources if hold else ()),
            *(EASIER_WEEKS.sources if easier else ()),
            *RAMP_CAVEAT_SOURCES,
            *PLAN_CAVEAT_SOURCES,
        )
    )
    return PlanResult(
        profile=profile.key,
        profile_label=profile.label,
        limit_pct=profile.limit_pct,
        unit=unit.key,
        unit_label=unit.label,
        current=current,
        target=target,
        hold_weeks=hold,
        easier_weeks=easier,
        start_date=None if start is None else start.isoformat(),
        weeks=tuple(weeks),
        week_count=count,
        target_week=count,
        target_date=None if there else weeks[-1].starts,
        summary=_summary(exact(current), goal, weeks, profile, unit, hold, easier),
        verdict="already-there" if there else "plan",
        why=_why(there, profile, hold, easier),
        caveat=PLAN_CAVEAT,
        links=PLAN_LINKS,
        sources=sources,
        chart_svg=_chart(exact(current), goal, steps, profile, unit),
    )


def _message(
    volume: Fraction,
    rise: Fraction,
    kind: str,
    target: Fraction,
    unit: Unit,
    level: Fraction = Fraction(0),
    after_easier: bool = False,
) -> str:
    if kind == "hold":
        return f"Hold at {plain(volume)} {unit.label}: a week at the same amount before the next rise."
    if kind == "easier":
        return (
            f"An easier week: back to {plain(volume)} {unit.label}, where the last three rises started; "
            f"the next week builds on {plain(level)} {unit.label}, not on this one."
        )
    reached = ": your target." if volume == target else "."
    if after_easier:
        return f"Up {plain(rise)} % on the {plain(level)} {unit.label} before the easier week, to {plain(volume)} {unit.label}{reached}"
    return f"Up {plain(rise)} % to {plain(volume)} {unit.label}{reached}"


def _summary(
    current: Fraction,
    target: Fraction,
    weeks: list[PlanWeek],
    profile: RampProfile,
    unit: Unit,
    hold: bool,
    easier: bool = False,
) -> str:
    if not weeks:
        where = (
            "your target" if current == target else f"more than your target of {plain(target)} {unit.label}"
        )
        return f"You already run {plain(current)} {unit.label} a week, {where}: no build-up needed."
    count = len(weeks)
    held = ", holding a week after each rise" if hold else ""
    if easier and any(week.kind == "easier" for week in weeks):
        held += ", with an easier week after every three rises"
    when = f", the week starting {day_words(weeks[-1].starts)}" if weeks[-1].starts else ""
    return (
        f"From {plain(current)} to {plain(target)} {unit.label} in {count} {'week' if count == 1 else 'weeks'} "
        f"at up to {limit_words(profile)} % a week{held}: you reach {plain(target)} {unit.label} in week "
        f"{count}{when}."
    )


def _why(there: bool, profile: RampProfile, hold: bool, easier: bool = False) -> str:
    """Two sentences: how the plan is built (and what the sources don't give), and how strong the limit is."""
    limit = f"the {limit_words(profile)} % limit you chose ({limit_source(profile)})"
    if there:
        first = "You are already at or above your target, so there is nothing to build."
    elif easier:
        held = ", holding each rise for a week," if hold else ""
        first = (
            f"Each rise adds at most {limit}{held} and every three rises are followed by an easier week, a "
            "common coaching practice that trials have not tested; the week after it builds on the level "
            "before it, as the largest study of runners judged a run against the most of the previous 30 "
            "days (Frandsen et al. 2025)."
        )
    elif hold:
        first = (
            f"Each rise adds at most {limit} and is followed by a week at the same amount, the only recovery "
            f"pattern our sources describe ({source_names(*HOLD_WEEKS.sources)}); they give no figures for "
            "lighter cut-back weeks, so the plan has none."
        )
    else:
        first = (
            f"Each week adds at most {limit}; our sources give no figures for lighter cut-back weeks, so the "
            "plan has none."
        )
    return f"{first} {RAMP_CAVEAT}"


def _chart(
    current: Fraction, target: Fraction, steps: list[tuple[Fraction, str]], profile: RampProfile, unit: Unit
) -> str:
    """This week's bar, one bar per planned week, and the target as a dashed line."""
    bars = [Bar("Now", current, muted=True, words=f"This week: {plain(current)} {unit.label}.")]
    for number, (volume, kind) in enumerate(steps, start=1):
        said = {"hold": "held", "easier": "an easier week"}.get(kind, "a rise")
        bars.append(Bar(str(number), volume, words=f"Week {number}: {plain(volume)} {unit.label}, {said}."))
    count = len(steps)
    return bar_chart(
        bars,
        title=f"Your plan: {plain(current)} to {plain(target)} {unit.label}",
        description=(
            f"This week's {plain(current)} {unit.label}, then {count} planned "
            f"{'week' if count == 1 else 'weeks'}, each at most {limit_words(profile)} % more than the week "
            f"before. A dashed line marks the target of {plain(target)} {unit.label}."
        ),
        unit=unit.label,
        line=Line(target, f"Target: {plain(target)} {unit.label}"),
        within_label="Planned week",
        muted_label="This week",
        x_title="Planned week",
    )


def _unique(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
