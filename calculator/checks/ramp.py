"""The weekly ramp check: did any week grow faster than the chosen limit on the weeks before it?

Each week is compared with its level, the most run in any of the 4 weeks before it since the last
break (`calculator.weeks`, rules in `calculator.rules.training`, each week judged in
`calculator.checks.ramp_weeks`): an easier week does not lower the bar, a break (less than a
quarter of the level) is not a week to grow from, and the first week back after a break is judged
against the level before the break, not by a percentage.

Comparisons are exact. Each volume becomes the decimal the reader typed (``Fraction(repr(22.01))``
is 2201/100) and is compared with an exact limit, never through float products, so a week
exactly at the limit is within it. A shown rise is rounded *up* to 0.1 %, so a week over the
limit never shows as "10 %" and a week within it never shows as more than the limit (a rise
within a custom limit such as 3.13 % is rounded down when rounding up would cross it).

>>> result = check_ramp([20, 22, 26, 25])
>>> [week.change_pct for week in result.weeks]
[None, 10.0, 18.2, -3.8]
>>> result.over_limit_weeks, result.next_week_max, result.verdict
((3,), 28.6, 'over')
>>> result.summary
'1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 28.6 km.'

The reader's own limit is profile "custom" with ``limit_pct`` (above 0, at most 50):

>>> check_ramp([20, 23], profile="custom", limit_pct=15).weeks[1].message
'Up 15 % on the week before: within the 15 % limit.'

An easier week does not lower the bar; a return to the level before it is not a spike:

>>> check_ramp([11, 12.1, 13.3, 8, 14.6], unit="mi").weeks[4].message
'Up 9.8 % on the 13.3 miles of week 3, the most of the 4 weeks before: within the 10 % limit.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from calculator.amounts import plausibility_note, typed_step
from calculator.answer import Answer
from calculator.charts import Bar, bar_chart
from calculator.checks.ramp_weeks import CENT, RampWeek, judge_week, small, unfinished_week
from calculator.checks.weekly_limit import (
    UNIT_NAMES,
    limit_source,
    limit_words,
    read_profile,
    read_unfinished,
    read_unit,
)
from calculator.errors import Problem, raise_problems
from calculator.reading import date_words, exact, floor_to, plain, read_amount, shown, words
from calculator.rules.ramp import (
    DEFAULT_PROFILE,
    RAMP_CAVEAT,
    RAMP_CAVEAT_SOURCES,
    RETURNING,
    RampProfile,
)
from calculator.rules.training import BASELINE, BASELINE_WEEKS, RETURN
from calculator.tables import Table, amount, change, row, table
from calculator.units import DEFAULT_UNIT, MAX_WEEKS, Unit
from calculator.weeks import WeekReading, next_level, read_weeks

__all__ = [
    "RampResult",
    "RampWeek",
    "check_ramp",
    "check_ramp_dated",
]

#: The pages that explain a ramp answer.
RAMP_LINKS = ("prevention/load-progression.md", "causes/training-errors.md")
#: A dated answer names the weeks over the limit one by one up to this many, else counts them and
#: names the latest this many (the table lists every week).
MAX_NAMED_WEEKS = 3


@dataclass(frozen=True)
class _Dated:
    """The weeks' dates (week 1 starts on *first*), and how many of the latest weeks the chart shows
    (None: all)."""

    first: date
    chart_weeks: int | None = None

    def start(self, week: int) -> date:
        """The day week *week* (1 is the first) starts."""
        return self.first + timedelta(weeks=week - 1)

    def name(self, week: int) -> str:
        """A week in words: "the week of 3 August 2026"."""
        return f"the week of {date_words(self.start(week))}"


@dataclass(frozen=True)
class RampResult(Answer):
    """The answer of `check_ramp`: every week, the weeks over the limit and next week's most.

    Its verdict is "over", "after-break" (the last whole week is a break or a first week back)
    or "within". With an unfinished last week, *next_week_max* is the most that week may hold in
    all and *remaining* how much more; *restart_below* is the level before a break to restart under.
    """

    profile: str
    profile_label: str
    limit_pct: float
    unit: str
    unit_label: str
    weeks: tuple[RampWeek, ...]
    over_limit_weeks: tuple[int, ...]
    next_week_max: float | None
    next_week_note: str
    last_week_unfinished: bool
    remaining: float | None
    restart_below: float | None
    notes: tuple[str, ...]
    caveat: str
    chart_svg: str

    def table(self) -> Table:
        """Each week against its level; a week over the limit is flagged."""
        rows = [
            row(
                [
                    f"Week {week.week}",
                    amount(week.volume, self.unit_label),
                    change(week.change_pct),
                    week.message,
                ],
                week.over_limit,
            )
            for week in self.weeks
        ]
        caption = f"Each week against the most of the {BASELINE_WEEKS} weeks before it since the last break"
        return table(caption, ["Week", "Volume", "Change", "Verdict"], rows)


def check_ramp(
    weeks: Sequence[float],
    /,
    *,
    unit: str = DEFAULT_UNIT,
    profile: str = DEFAULT_PROFILE,
    limit_pct: float | None = None,
    last_week_unfinished: bool = False,
) -> RampResult:
    """Compare each week's volume with its level, against the profile's weekly limit.

    *weeks* are the weekly volumes, oldest first; 0 is a week with no running; in minutes, a
    week may be a time written h:mm:ss or mm:ss. A week exactly at the limit is within it, and
    so is one over it by less than half the last decimal place typed. *limit_pct* is the
    reader's own limit in percent, for profile "custom" only. *last_week_unfinished* says the
    last week is still in progress.

    >>> [week.over_limit for week in check_ramp([40, 41, 42.1], profile="conservative").weeks]
    [False, False, True]
    >>> check_ramp([22, 0, 10]).weeks[2].change_pct is None
    True
    >>> check_ramp(["3:10:00", "3:30:00"], unit="min").weeks[1].message
    'Up 10.6 % on the week before: over the 10 % limit.'

    Raises `CalculatorError` listing every problem at once: no weeks, more than 520, a week
    that is not a number, negative or too large for the unit, an unknown profile or unit, a
    missing or impossible custom limit, or a limit sent with another profile.

    >>> check_ramp([20, -5, "x"], unit="furlongs")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unit: Unknown unit 'furlongs': choose km, mi (miles) or min (minutes).; weeks[1]: Week 2 can't be negative.; weeks[2]: Week 3 must be a number, like 22 or 22.5.
    """
    return _check(weeks, unit, profile, limit_pct, last_week_unfinished, None)


def check_ramp_dated(
    weeks: Sequence[float],
    /,
    *,
    first_week: date,
    chart_weeks: int | None = None,
    unit: str = DEFAULT_UNIT,
    profile: str = DEFAULT_PROFILE,
    limit_pct: float | None = None,
    last_week_unfinished: bool = False,
) -> RampResult:
    """`check_ramp` over weeks whose dates are known (a training log's): the same verdicts and numbers,
    with weeks named by their dates in the summary and why, and a chart dated by month.

    *first_week* is the day the first week starts (a Monday in a training log); *chart_weeks*, when
    given, is how many of the latest weeks the chart shows (a sentence on it says so); the other
    fields are `check_ramp`'s. Not a protocol field: the history check calls it (`check_history`),
    and the ramp calculator's page, with no dates, answers as before.

    >>> result = check_ramp_dated([20, 22, 26, 25], first_week=date(2026, 8, 3))
    >>> result.over_limit_weeks == check_ramp([20, 22, 26, 25]).over_limit_weeks, result.summary
    (True, '1 of 4 weeks rose more than the 10 % limit (the week of 17 August 2026). Next week: up to 28.6 km.')

    Raises `CalculatorError` as `check_ramp` does.
    """
    return _check(weeks, unit, profile, limit_pct, last_week_unfinished, _Dated(first_week, chart_weeks))


def _check(
    weeks: Sequence[float],
    unit: str,
    profile: str,
    limit_pct: float | None,
    last_week_unfinished: bool,
    dated: _Dated | None,
) -> RampResult:
    """The ramp check, dated or not (`check_ramp`, `check_ramp_dated`)."""
    problems: list[Problem] = []
    measure = read_unit(unit, problems)
    chosen = read_profile(profile, limit_pct, problems)
    volumes, steps = _read_weeks(weeks, measure, problems)
    unfinished = read_unfinished(last_week_unfinished, problems)
    raise_problems(problems)
    assert measure is not None and chosen is not None  # no problems means both were found
    exact_weeks = [exact(volume) for volume in volumes]
    readings = read_weeks(exact_weeks)
    rows = tuple(
        judge_week(
            reading,
            volume,
            exact_weeks[index - 1] if index else None,
            step,
            chosen,
            measure,
            None if dated is None else dated.name,
        )
        for index, (reading, volume, step) in enumerate(zip(readings, volumes, steps, strict=True))
    )
    if unfinished:
        rows = (*rows[:-1], unfinished_week(rows[-1], readings[-1], chosen, measure))
    over = tuple(week.week for week in rows if week.over_limit)
    upcoming = _next_week(exact_weeks, readings, chosen, measure, unfinished, dated)
    kinds = {week.kind for week in rows}
    return RampResult(
        profile=chosen.key,
        profile_label=chosen.label,
        limit_pct=chosen.limit_pct,
        unit=measure.key,
        unit_label=measure.label,
        weeks=rows,
        over_limit_weeks=over,
        next_week_max=None if upcoming.most is None else float(upcoming.most),
        next_week_note=upcoming.note,
        last_week_unfinished=unfinished,
        remaining=None if upcoming.remaining is None else float(upcoming.remaining),
        restart_below=None if upcoming.restart_below is None else float(upcoming.restart_below),
        notes=_notes(rows, readings, measure, unfinished),
        summary=_summary(rows, chosen, measure, upcoming, unfinished, dated),
        caveat=RAMP_CAVEAT,
        sources=tuple(
            dict.fromkeys(
                (
                    *chosen.sources,
                    *BASELINE.sources,
                    *(RETURN.sources if kinds & {"break", "return"} else ()),
                    *RAMP_CAVEAT_SOURCES,
                )
            )
        ),
        verdict=_verdict(rows, unfinished),
        why=_why(len(rows), over, chosen, dated),
        links=RAMP_LINKS,
        chart_svg=_chart(rows, exact_weeks, chosen, measure, dated),
    )


# --- validation ----------------------------------------------------------------------------------


def _read_weeks(
    weeks: object, unit: Unit | None, problems: list[Problem]
) -> tuple[list[int | float], list[Fraction]]:
    """Read the weekly volumes and the precision each was typed to, noting a problem for each bad week."""
    if weeks is None:
        problems.append(Problem("weeks", "Enter how much you ran each week, oldest week first."))
        return [], []
    if not isinstance(weeks, (list, tuple)):
        problems.append(
            Problem("weeks", "Weeks must be a list of numbers, one for each week, like [20, 22, 26].")
        )
        return [], []
    if not weeks:
        problems.append(Problem("weeks", "Enter at least one week."))
        return [], []
    if len(weeks) > MAX_WEEKS:
        problems.append(Problem("weeks", f"Enter at most {MAX_WEEKS} weeks ({MAX_WEEKS // 52} years)."))
        return [], []
    volumes: list[int | float] = []
    steps: list[Fraction] = []
    for index, value in enumerate(weeks):
        volume = read_amount(
            value,
            f"weeks[{index}]",
            f"Week {index + 1}",
            unit_label=None if unit is None else unit.label,  # else already reported
            offered=UNIT_NAMES,
            ceiling=None if unit is None else unit.max_per_week,
            problems=problems,
            missing=f"Week {index + 1} is empty: enter how much you ran, or 0 for a week with no running.",
            per=" a week",
            too_small="enter 0 for a week with no running",
            minutes=unit is not None and unit.key == "min",
            zero_hint="enter how much you ran, or 0 for a week with no running",
        )
        if volume is not None:
            volumes.append(volume)
            steps.append(typed_step(value))
    return volumes, steps


# --- next week and the answer ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Next:
    """The most the next week (or an unfinished last week, in all) may hold, and why."""

    most: Fraction | None
    note: str
    remaining: Fraction | None = None
    restart_below: Fraction | None = None


def _next_week(
    volumes: list[Fraction],
    readings: list[WeekReading],
    profile: RampProfile,
    unit: Unit,
    unfinished: bool,
    dated: _Dated | None = None,
) -> _Next:
    """The most the next week may hold, rounded down to 2 decimals, or the most the unfinished week may
    (the unfinished week named by its number, or by its date when *dated*)."""
    limit = f"the {limit_words(profile)} % limit"
    ceiling = Fraction(unit.max_per_week)
    last = readings[-1]
    # An unfinished week low so far after weeks of running is a week not yet run, not a break: it
    # may still hold its limit. Only after a finished break is it judged as coming back from one.
    low_so_far = unfinished and last.kind == "break" and len(readings) > 1 and readings[-2].kind != "break"
    if unfinished and (last.kind in ("up", "level", "easier") or low_so_far):
        assert last.level is not None
        most = min(floor_to(last.level * (1 + profile.limit), CENT), ceiling)
        more = max(most - last.volume, Fraction(0))
        return _Next(
            most,
            f"{_week_name(last.week, dated)} is not finished: up to {shown(most, unit.key, most=True)} {unit.label} in all keeps "
            f"it within {limit}, {shown(more, unit.key, most=True)} {unit.label} more than so far.",
            remaining=more,
        )
    if unfinished and last.kind in ("return", "break") and last.level is not None:
        return _Next(
            None,
            f"{_week_name(last.week, dated)} is not finished, and it follows a break: keep it below the {plain(last.level)} "
            f"{unit.label} you ran before the break.",
            restart_below=last.level,
        )
    if unfinished and last.kind in ("first", "start"):
        return _Next(
            None,
            f"{_week_name(last.week, dated)} is not finished, and there is nothing before it to compare it with.",
        )
    if last.kind == "return":
        assert last.level is not None
        if last.volume >= last.level:
            most = min(floor_to(last.level, CENT), ceiling)
            return _Next(
                most,
                f"Your last week was your first week back after a break, at or above the level before it: hold "
                f"at up to {shown(most, unit.key, most=True)} {unit.label} next week rather than add more.",
            )
        slower = min(profile.limit, RETURNING.limit)  # after a break, build at the returning limit at most
        most = min(floor_to(last.volume * (1 + slower), CENT), last.level, ceiling)
        return _Next(
            most,
            f"Up to {shown(most, unit.key, most=True)} {unit.label} keeps next week within {plain(slower * 100)} % of your first "
            "week back, the most a week may add when coming back.",
        )
    upcoming = next_level(volumes)
    if upcoming.level is None:
        if upcoming.before_break is None:
            return _Next(
                None,
                "Your last week had no running, so there is no percentage to build on: start with a small "
                "week you find easy, and build up gently.",
            )
        return _Next(
            None,
            f"Your last week was a break, so there is no percentage to build on: start again below the "
            f"{plain(upcoming.before_break)} {unit.label} you ran before it, and build up gently.",
            restart_below=upcoming.before_break,
        )
    most = min(floor_to(upcoming.level * (1 + profile.limit), CENT), ceiling)
    if upcoming.level_week == len(volumes):
        return _Next(
            most, f"Up to {shown(most, unit.key, most=True)} {unit.label} keeps next week within {limit}."
        )
    return _Next(
        most,
        f"Up to {shown(most, unit.key, most=True)} {unit.label} keeps next week within {limit} of the {plain(upcoming.level)} "
        f"{unit.label} of week {upcoming.level_week}, "
        + (
            "the most since your break."
            if upcoming.after_break
            else f"the most of your last {BASELINE_WEEKS} weeks."
        ),
    )


def _verdict(rows: tuple[RampWeek, ...], unfinished: bool) -> str:
    """ "over" if any week is; "after-break" if the last whole week is a break or a first week back."""
    if any(row.over_limit for row in rows):
        return "over"
    judged = rows[:-1] if unfinished and len(rows) > 1 else rows
    return "after-break" if judged[-1].kind in ("break", "return") else "within"


def _notes(
    rows: tuple[RampWeek, ...], readings: list[WeekReading], unit: Unit, unfinished: bool
) -> tuple[str, ...]:
    """Plain sentences the answer adds: weeks within only by rounding, figures to check, an unfinished week."""
    notes = []
    rounded = [row for row in rows if row.rounding_allowed is not None]
    if rounded:
        notes.append(
            f"{_named(tuple(row.week for row in rounded)).capitalize()} went over the limit by less than the "
            f"rounding of the numbers typed ({words([f'{small(Fraction(repr(row.rounding_allowed)))} {unit.label}' for row in rounded])}), "
            "so they count as within it."
        )
    high = plausibility_note([(r.week, r.volume) for r in readings], unit.key, per="week", name="Week")
    if high:
        notes.append(high)
    last = readings[-1]
    # A break only after real running: with none in the weeks before (level None), nothing was higher.
    low = (last.kind == "break" and last.level is not None) or (
        last.kind == "easier" and last.level is not None and last.volume * 2 < last.level
    )
    if not unfinished and len(readings) > 1 and low:
        notes.append(
            f"Week {last.week} is much lower than the weeks before it: if it is not finished yet, mark it as not "
            "finished, and the answer will say how much more it may hold."
        )
    return tuple(notes)


def _summary(
    rows: tuple[RampWeek, ...],
    profile: RampProfile,
    unit: Unit,
    upcoming: _Next,
    unfinished: bool,
    dated: _Dated | None = None,
) -> str:
    """Plain sentences about all the weeks, then next week's most."""
    limit = f"the {limit_words(profile)} % limit"
    over = tuple(row.week for row in rows if row.over_limit)
    count = len(rows)
    if count == 1:
        first = "One week entered: add the weeks before it to compare them."
    elif not over:
        first = f"No week rose more than {limit}."
    elif dated is not None and len(over) > MAX_NAMED_WEEKS:
        first = (
            f"{len(over)} of {count} weeks rose more than {limit}, the latest "
            f"{_named(over[-MAX_NAMED_WEEKS:], dated)} (the table lists every one)."
        )
    else:
        first = f"{len(over)} of {count} weeks rose more than {limit} ({_named(over, dated)})."
    judged = rows[:-1] if unfinished and count > 1 else rows
    named = _week_name(judged[-1].week, dated)
    back = ""
    if count > 1 and judged[-1].kind == "return" and not judged[-1].over_limit:
        back = f" {named} was a first week back after a break: a percentage can't judge it."
    elif count > 1 and judged[-1].kind == "break":
        back = f" {named} was a break."
    if unfinished:
        if upcoming.most is None:
            return f"{first}{back} {upcoming.note}"
        this = f"week {rows[-1].week}" if dated is None else dated.name(rows[-1].week)
        return f"{first}{back} This week ({this}, not finished): up to {shown(upcoming.most, unit.key, most=True)} {unit.label} in all."
    if upcoming.most is None:
        if upcoming.restart_below is not None:
            return f"{first}{back} Next week: after a break, start again below {plain(upcoming.restart_below)} {unit.label}."
        return f"{first}{back} Next week: after a week with no running, build back gently."
    return f"{first}{back} Next week: up to {shown(upcoming.most, unit.key, most=True)} {unit.label}."


def _week_name(week: int, dated: _Dated | None) -> str:
    """A week starting a sentence: "Week 3", or "The week of 17 August 2026" when dated."""
    if dated is None:
        return f"Week {week}"
    name = dated.name(week)
    return f"{name[0].upper()}{name[1:]}"


def _named(over: tuple[int, ...], dated: _Dated | None = None) -> str:
    """Name weeks as a sentence does: by number, or by date when the weeks are dated.

    >>> _named((3,)), _named((3, 4)), _named((2, 3, 5))
    ('week 3', 'weeks 3 and 4', 'weeks 2, 3 and 5')
    >>> _named((1, 3), _Dated(date(2026, 8, 3)))
    'the weeks of 3 August 2026 and 17 August 2026'
    """
    if dated is not None:
        return ("the week of " if len(over) == 1 else "the weeks of ") + words(
            [date_words(dated.start(number)) for number in over]
        )
    return ("week " if len(over) == 1 else "weeks ") + words([str(number) for number in over])


def _why(count: int, over: tuple[int, ...], profile: RampProfile, dated: _Dated | None = None) -> str:
    """Two sentences: why this verdict (and what each week is compared with), and how strong any limit is."""
    limit = f"the {limit_words(profile)} % limit you chose, {limit_source(profile)}"
    if count == 1:
        return f"With one week there is nothing to compare yet. {RAMP_CAVEAT}"
    if over and dated is not None and len(over) > MAX_NAMED_WEEKS:
        first = (
            f"{len(over)} weeks (the latest {_named(over[-MAX_NAMED_WEEKS:], dated)}) grew more than {limit}"
        )
    elif over:
        named = _named(over, dated)
        first = f"{named[0].upper()}{named[1:]} grew more than {limit}"
    else:
        first = f"Every week stayed within {limit}"
    return f"{first}; {BASELINE_WHY} {RAMP_CAVEAT}"


#: How a week is compared, ending the first sentence of every answer's `why` (rules: `BASELINE`).
BASELINE_WHY = (
    f"each week is compared with the most you ran in any of the {BASELINE_WEEKS} weeks before it since the "
    "last break, as the "
    "largest study of runners compared each run with the longest of the previous 30 days (Frandsen et "
    "al. 2025)."
)


def _chart(
    rows: tuple[RampWeek, ...],
    volumes: list[Fraction],
    profile: RampProfile,
    unit: Unit,
    dated: _Dated | None = None,
) -> str:
    """Each week's bar, with a tick at the most it could hold (its level plus the limit); when dated,
    the latest weeks only (as many as the chart is asked for), labelled by month."""
    bars = []
    for week_row, volume in zip(rows, volumes, strict=True):
        judged = week_row.baseline is not None and week_row.kind in ("up", "level", "easier", "unfinished")
        level = exact(week_row.baseline) if judged and week_row.baseline is not None else None
        cap = level * (1 + profile.limit) if level else None
        value = f"{_week_name(week_row.week, dated)}: {plain(volume)} {unit.label}"
        if cap is None:
            said = f"{value}."
        else:
            verdict = "over the limit" if week_row.over_limit else "within the limit"
            said = f"{value}, {verdict} (at most {shown(cap, unit.key, most=True)})."
        bars.append(Bar(str(week_row.week), volume, over=week_row.over_limit, cap=cap, words=said))
    title = f"Weekly running against the {limit_words(profile)} % limit"
    ticks = (
        f"a tick marks the most each week could hold: the most of the {BASELINE_WEEKS} weeks before it since "
        f"the last break, plus {limit_words(profile)} %. Weeks over the limit are hatched and marked with a "
        "triangle."
    )
    if dated is None:
        return bar_chart(
            bars,
            title=title,
            description=(
                f"{len(rows)} {'week' if len(rows) == 1 else 'weeks'} of running in {unit.label}, oldest "
                f"first. From week 2, {ticks}"
            ),
            unit=unit.label,
            over_label="Over the limit",
            cap_label="Most the week could hold",
            x_title="Week, oldest first",
        )
    shown_bars = bars[-dated.chart_weeks :] if dated.chart_weeks else bars
    first = int(shown_bars[0].label)
    count = len(shown_bars)
    return bar_chart(
        shown_bars,
        title=title,
        description=(
            f"{count} {'week' if count == 1 else 'weeks'} of running in {unit.label}, oldest first, from "
            f"{dated.name(first)}. Except on a first week or one after a break, {ticks}"
        ),
        unit=unit.label,
        over_label="Over the limit",
        cap_label="Most the week could hold",
        x_title="Weeks, by the month they start in",
        dates=[dated.start(int(bar.label)) for bar in shown_bars],
        note=(
            f"The last {count} weeks of {len(rows)}, from {date_words(dated.start(first))}: every week was checked."
            if count < len(rows)
            else ""
        ),
    )
