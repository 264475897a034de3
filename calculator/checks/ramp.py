"""The weekly ramp check: did any week grow faster than the chosen limit on the week before?

Comparisons are exact. Each volume becomes the decimal the reader typed (``Fraction(repr(22.01))``
is 2201/100) and is compared with an exact limit, never through float products, so a week
exactly at the limit is within it. A shown rise is rounded *up* to 0.1 %, so a week over the
limit never shows as "10 %" and a week within it never shows as more than the limit (a rise
within a custom limit such as 3.13 % is rounded down when rounding up would cross it).

>>> result = check_ramp([20, 22, 26, 25])
>>> [week.change_pct for week in result.weeks]
[None, 10.0, 18.2, -3.8]
>>> result.over_limit_weeks, result.next_week_max, result.verdict
((3,), 27.5, 'over')
>>> result.summary
'1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 27.5 km.'

The reader's own limit is profile "custom" with ``limit_pct`` (above 0, at most 50):

>>> check_ramp([20, 23], profile="custom", limit_pct=15).weeks[1].message
'Up 15 % on the week before: within the 15 % limit.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from calculator.answer import Answer, Record
from calculator.charts import Bar, bar_chart
from calculator.checks.weekly_limit import limit_source, limit_words, read_profile, read_unit
from calculator.errors import Problem, raise_problems
from calculator.reading import exact, floor_to, plain, read_amount, rounded_rise, words
from calculator.rules.ramp import (
    DEFAULT_PROFILE,
    RAMP_CAVEAT,
    RAMP_CAVEAT_SOURCES,
    RampProfile,
)
from calculator.tables import Table, amount, change, row, table
from calculator.units import DEFAULT_UNIT, MAX_WEEKS, Unit

__all__ = [
    "RampResult",
    "RampWeek",
    "check_ramp",
]

#: The pages that explain a ramp answer.
RAMP_LINKS = ("prevention/load-progression.md", "causes/training-errors.md")
_CENT = Fraction(1, 100)


@dataclass(frozen=True)
class RampWeek(Record):
    """One week against the week before: its change in percent, verdict and a plain sentence.

    >>> check_ramp([20, 22]).weeks[1].as_dict()["message"]
    'Up 10 % on the week before: within the 10 % limit.'
    """

    week: int
    volume: int | float
    change_pct: float | None
    over_limit: bool
    message: str


@dataclass(frozen=True)
class RampResult(Answer):
    """The answer of `check_ramp`: every week, the weeks over the limit and next week's most.

    Its verdict is "within" or "over".
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
    caveat: str
    chart_svg: str

    def table(self) -> Table:
        """Each week against the week before; a week over the limit is flagged."""
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
        return table("Each week against the week before", ["Week", "Volume", "Change", "Verdict"], rows)


def check_ramp(
    weeks: Sequence[float],
    /,
    *,
    unit: str = DEFAULT_UNIT,
    profile: str = DEFAULT_PROFILE,
    limit_pct: float | None = None,
) -> RampResult:
    """Compare each week's volume with the week before, against the profile's weekly limit.

    *weeks* are the weekly volumes, oldest first; 0 is a week with no running. A week exactly
    at the limit is within it. *limit_pct* is the reader's own limit in percent, for profile
    "custom" only.

    >>> [week.over_limit for week in check_ramp([40, 41, 42.1], profile="conservative").weeks]
    [False, False, True]
    >>> check_ramp([22, 0, 10]).weeks[2].change_pct is None
    True

    Raises `CalculatorError` listing every problem at once: no weeks, more than 520, a week
    that is not a number, negative or too large for the unit, an unknown profile or unit, a
    missing or impossible custom limit, or a limit sent with another profile.

    >>> check_ramp([20, -5, "x"], unit="furlongs")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unit: Unknown unit 'furlongs': choose km, mi (miles) or min (minutes).; weeks[1]: Week 2 can't be negative.; weeks[2]: Week 3 must be a number, like 22 or 22.5.
    """
    problems: list[Problem] = []
    measure = read_unit(unit, problems)
    chosen = read_profile(profile, limit_pct, problems)
    volumes = _read_weeks(weeks, measure, problems)
    raise_problems(problems)
    assert measure is not None and chosen is not None  # no problems means both were found
    exact_weeks = [exact(volume) for volume in volumes]
    rows = tuple(
        _compare(
            number, volume, exact_weeks[number - 2] if number > 1 else None, exact_weeks[number - 1], chosen
        )
        for number, volume in enumerate(volumes, start=1)
    )
    over = tuple(row.week for row in rows if row.over_limit)
    next_max, note = _next_week(exact_weeks[-1], chosen, measure)
    return RampResult(
        profile=chosen.key,
        profile_label=chosen.label,
        limit_pct=chosen.limit_pct,
        unit=measure.key,
        unit_label=measure.label,
        weeks=rows,
        over_limit_weeks=over,
        next_week_max=next_max,
        next_week_note=note,
        summary=_summary(len(rows), over, chosen, measure, next_max),
        caveat=RAMP_CAVEAT,
        sources=(*chosen.sources, *RAMP_CAVEAT_SOURCES),
        verdict="over" if over else "within",
        why=_why(len(rows), over, chosen),
        links=RAMP_LINKS,
        chart_svg=_chart(rows, exact_weeks, chosen, measure),
    )


# --- validation ----------------------------------------------------------------------------------


def _read_weeks(weeks: object, unit: Unit | None, problems: list[Problem]) -> list[int | float]:
    """Read the list of weekly volumes, noting a problem for each week that is wrong."""
    if weeks is None:
        problems.append(Problem("weeks", "Enter how much you ran each week, oldest week first."))
        return []
    if not isinstance(weeks, (list, tuple)):
        problems.append(
            Problem("weeks", "Weeks must be a list of numbers, one for each week, like [20, 22, 26].")
        )
        return []
    if not weeks:
        problems.append(Problem("weeks", "Enter at least one week."))
        return []
    if len(weeks) > MAX_WEEKS:
        problems.append(Problem("weeks", f"Enter at most {MAX_WEEKS} weeks ({MAX_WEEKS // 52} years)."))
        return []
    volumes: list[int | float] = []
    for index, value in enumerate(weeks):
        volume = read_amount(
            value,
            f"weeks[{index}]",
            f"Week {index + 1}",
            unit_label=None if unit is None else unit.label,  # else already reported
            ceiling=None if unit is None else unit.max_per_week,
            problems=problems,
            missing=f"Week {index + 1} is empty: enter how much you ran, or 0 for a week with no running.",
            per=" a week",
            too_small="enter 0 for a week with no running",
        )
        if volume is not None:
            volumes.append(volume)
    return volumes


# --- the answer ----------------------------------------------------------------------------------


def _compare(
    number: int, volume: int | float, previous: Fraction | None, current: Fraction, profile: RampProfile
) -> RampWeek:
    """Compare one week with the week before."""

    def week(change_pct: float | None, message: str, over: bool = False) -> RampWeek:
        return RampWeek(week=number, volume=volume, change_pct=change_pct, over_limit=over, message=message)

    if previous is None:
        return week(None, "First week: nothing to compare with yet.")
    if previous == 0:
        if current == 0:
            return week(None, "No running this week or the week before.")
        return week(
            None, "After a week with no running there is no percentage to compare; build back gently."
        )
    change = current / previous - 1
    shown = rounded_rise(change, profile.limit)
    if change > 0:
        over = change > profile.limit
        verdict = "over" if over else "within"
        return week(
            float(shown),
            f"Up {plain(shown)} % on the week before: {verdict} the {limit_words(profile)} % limit.",
            over,
        )
    if change == 0:
        return week(0.0, "Same as the week before.")
    if shown == 0:
        return week(0.0, "Down less than 0.1 % on the week before.")
    return week(float(shown), f"Down {plain(-shown)} % on the week before.")


def _next_week(last: Fraction, profile: RampProfile, unit: Unit) -> tuple[float | None, str]:
    """The most next week may hold, rounded down to 2 decimals, and a sentence about it."""
    if last == 0:
        return None, (
            "Your last week had no running, so there is no percentage to build on: start again "
            "below what you ran before the break, and build up gently."
        )
    most = min(floor_to(last * (1 + profile.limit), _CENT), Fraction(unit.max_per_week))
    return float(most), (
        f"Up to {plain(most)} {unit.label} keeps next week within the {limit_words(profile)} % limit."
    )


def _summary(
    count: int, over: tuple[int, ...], profile: RampProfile, unit: Unit, next_max: float | None
) -> str:
    """One plain sentence about all the weeks, then next week's most."""
    limit = f"the {limit_words(profile)} % limit"
    if count == 1:
        first = "One week entered: add the weeks before it to compare them."
    elif not over:
        first = f"No week rose more than {limit}."
    else:
        first = f"{len(over)} of {count} weeks rose more than {limit} ({_named(over)})."
    if next_max is None:
        return f"{first} Next week: after a week with no running, build back gently."
    return f"{first} Next week: up to {plain(next_max)} {unit.label}."


def _named(over: tuple[int, ...]) -> str:
    """Name weeks as a sentence does.

    >>> _named((3,)), _named((3, 4)), _named((2, 3, 5))
    ('week 3', 'weeks 3 and 4', 'weeks 2, 3 and 5')
    """
    return ("week " if len(over) == 1 else "weeks ") + words([str(number) for number in over])


def _why(count: int, over: tuple[int, ...], profile: RampProfile) -> str:
    """Two sentences: why this verdict, and how strong the evidence behind any weekly limit is."""
    limit = f"the {limit_words(profile)} % limit you chose, {limit_source(profile)}"
    if count == 1:
        first = "With one week there is nothing to compare yet."
    elif over:
        first = f"{_named(over).capitalize()} grew more than {limit}."
    else:
        first = f"Every week stayed within {limit}."
    return f"{first} {RAMP_CAVEAT}"


def _chart(rows: tuple[RampWeek, ...], volumes: list[Fraction], profile: RampProfile, unit: Unit) -> str:
    """Each week's bar, with a tick at the most it could hold (the week before plus the limit)."""
    bars = []
    for week_row, volume in zip(rows, volumes, strict=True):
        previous = volumes[week_row.week - 2] if week_row.week > 1 else Fraction(0)
        cap = previous * (1 + profile.limit) if previous > 0 else None
        value = f"Week {week_row.week}: {plain(volume)} {unit.label}"
        if cap is None:
            said = f"{value}."
        else:
            verdict = "over the limit" if week_row.over_limit else "within the limit"
            said = f"{value}, {verdict} (at most {plain(floor_to(cap, _CENT))})."
        bars.append(Bar(str(week_row.week), volume, over=week_row.over_limit, cap=cap, words=said))
    return bar_chart(
        bars,
        title=f"Weekly running against the {limit_words(profile)} % limit",
        description=(
            f"{len(rows)} {'week' if len(rows) == 1 else 'weeks'} of running in {unit.label}, oldest "
            f"first. From week 2, a tick marks the most each week could hold: the week before plus "
            f"{limit_words(profile)} %. Weeks over the limit are hatched and marked with a triangle."
        ),
        unit=unit.label,
        over_label="Over the limit",
        cap_label="Most the week could hold",
    )
