"""One week of the ramp check against its level: its kind, whether it is over, and a plain sentence.

A week is compared with its level (`calculator.weeks`: the most of the 4 weeks before it since the
last break; rules in `calculator.rules.training`). A rise over the limit by less than half the
last decimal place typed is within it (the rounding allowance); a break is a week off; the first
week back after a break is judged against the level before the break, not by a percentage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

from calculator.answer import Record
from calculator.checks.weekly_limit import limit_words
from calculator.reading import floor_to, plain, rounded_rise
from calculator.rules.ramp import RETURNING, RampProfile
from calculator.rules.training import BASELINE_WEEKS
from calculator.units import Unit
from calculator.weeks import WeekReading

__all__ = ["CENT", "RampWeek", "judge_week", "small", "unfinished_week"]

#: Amounts are shown and rounded down to 2 decimals.
CENT = Fraction(1, 100)


@dataclass(frozen=True)
class RampWeek(Record):
    """One week against its level: its change on the week before, its kind, verdict and a plain sentence.

    *kind* is one of `calculator.weeks`' kinds, or "unfinished"; *baseline* the level it is compared
    with (for a return, the level before the break) and *baseline_week* the week that set it;
    *baseline_pct* the change on that level; *rounding_allowed* how far over the limit a week
    counted within it only by rounding was, in the unit (else None).

    >>> from calculator.checks.ramp import check_ramp
    >>> check_ramp([20, 22]).weeks[1].as_dict()["message"]
    'Up 10 % on the week before: within the 10 % limit.'
    """

    week: int
    volume: int | float
    change_pct: float | None
    over_limit: bool
    message: str
    kind: str
    baseline: float | None
    baseline_week: int | None
    baseline_pct: float | None
    rounding_allowed: float | None


def judge_week(
    reading: WeekReading,
    volume: int | float,
    previous: Fraction | None,
    step: Fraction,
    profile: RampProfile,
    unit: Unit,
    name: Callable[[int], str] | None = None,
) -> RampWeek:
    """Judge one week against its level (`calculator.weeks`): its message, and whether it is over.

    *previous* is the week before (for change_pct), *step* the precision the week was typed to
    (a week over the limit by less than half of it is within: the rounding allowance); *name*
    names an earlier week in the message ("week 3" when not given; a dated answer's "the week of
    17 August 2026").

    >>> from calculator.rules.ramp import PROFILES
    >>> from calculator.units import UNITS
    >>> from calculator.weeks import read_weeks
    >>> readings = read_weeks([14.6, 16.1])
    >>> week = judge_week(readings[1], 16.1, Fraction("14.6"), Fraction(1, 10), PROFILES["standard"], UNITS["mi"])
    >>> week.over_limit, week.rounding_allowed, week.change_pct
    (False, 0.04, 10.3)
    """
    named = name or week_number
    current = reading.volume
    change = None if previous is None or previous == 0 else current / previous - 1
    change_pct = None if change is None else float(_shown(change, profile))

    def week(
        message: str, *, over: bool = False, rise: Fraction | None = None, allowed: Fraction | None = None
    ) -> RampWeek:
        level = reading.level
        return RampWeek(
            week=reading.week,
            volume=volume,
            change_pct=change_pct,
            over_limit=over,
            message=message,
            kind=reading.kind,
            baseline=None if level is None else float(level),
            baseline_week=reading.level_week,
            baseline_pct=None if rise is None else float(_shown(rise, profile)),
            rounding_allowed=None if allowed is None else float(allowed),
        )

    if reading.kind == "first":
        return week("First week: nothing to compare with yet.")
    if reading.kind == "start":
        return week(
            "The first week with running here: there is no earlier running to compare it with, so build up gently."
        )
    if reading.kind == "break":
        return week(_break_message(reading, unit, named))
    if reading.kind == "return":
        return _return_week(reading, unit, week, named)
    assert reading.level is not None and reading.level_week is not None
    level, rise = reading.level, current / reading.level - 1
    most = (
        "the most since the break"
        if reading.after_break
        else f"the most of the {BASELINE_WEEKS} weeks before"
    )
    on = (
        "on the week before"
        if reading.level_week == reading.week - 1
        else f"on the {plain(level)} {unit.label} of {named(reading.level_week)}, {most}"
    )
    if reading.kind == "level":
        if reading.level_week == reading.week - 1:
            return week("Same as the week before.", rise=rise)
        return week(
            f"Back to the {plain(level)} {unit.label} of {named(reading.level_week)}: no rise on {most}.",
            rise=rise,
        )
    if reading.kind == "easier":
        if change is None or change >= 0:
            return week(
                f"Below the {plain(level)} {unit.label} of {named(reading.level_week)}: an easier week.",
                rise=rise,
            )
        shown = _shown(change, profile)
        if shown == 0:
            return week("Down less than 0.1 % on the week before.", rise=rise)
        return week(f"Down {plain(-shown)} % on the week before.", rise=rise)
    cap = level * (1 + profile.limit)
    shown = _shown(rise, profile)
    limit = f"the {limit_words(profile)} % limit"
    if current <= cap:
        return week(f"Up {plain(shown)} % {on}: within {limit}.", rise=rise)
    over_by = current - cap
    if over_by < step / 2:
        return week(
            f"Up {plain(shown)} % {on}: within {limit} once rounding is allowed for ({plain(current)} is "
            f"{small(over_by)} {unit.label} over {small(floor_to(cap, SHOWN_SMALL))}, less than the rounding "
            f"of a number typed to the nearest {small(step)}).",
            rise=rise,
            allowed=over_by,
        )
    return week(f"Up {plain(shown)} % {on}: over {limit}.", over=True, rise=rise)


def _shown(change: Fraction, profile: RampProfile) -> Fraction:
    return rounded_rise(change, profile.limit)


#: The decimals `small` shows, and so its finest step: a limit beside such an amount is shown to
#: it, so that the two add up as the reader reads them (22 is 0.022 over 21.978, not over 21.97).
SMALL_DECIMALS = 4
SHOWN_SMALL = Fraction(1, 10**SMALL_DECIMALS)


def small(value: Fraction) -> str:
    """A small amount with up to 4 decimals: 0.04, 0.0167."""
    return plain(value, SMALL_DECIMALS)


def week_number(week: int) -> str:
    """An earlier week named in a message, by its number: "week 3"."""
    return f"week {week}"


def _break_message(reading: WeekReading, unit: Unit, named: Callable[[int], str]) -> str:
    if reading.level is None:
        return "No running this week or the weeks before." if reading.volume == 0 else "Almost no running."
    assert reading.level_week is not None
    before = f"the {plain(reading.level)} {unit.label} of {named(reading.level_week)}"
    if reading.volume == 0:
        return f"A break: no running this week (before it, {before})."
    return (
        f"A break: {plain(reading.volume)} {unit.label} is less than a quarter of {before}, "
        "so it counts as a week off."
    )


def _return_week(
    reading: WeekReading, unit: Unit, week: Callable[..., RampWeek], named: Callable[[int], str]
) -> RampWeek:
    assert reading.level is not None and reading.level_week is not None
    before = f"the {plain(reading.level)} {unit.label} you ran before the break ({named(reading.level_week)})"
    judge = "A percentage can't judge a first week back"
    if reading.volume > reading.level:
        return week(
            f"First week back after a break, at more than {before}: over the limit. {judge}: start again below that level.",
            over=True,
        )
    if reading.volume == reading.level:
        return week(
            f"First week back after a break, straight back at {before}. {judge}, and going straight back "
            "to the full amount is a common way into knee pain: next week, hold or drop back rather than add more."
        )
    return week(
        f"First week back after a break, below {before}, as advised. {judge}: build up from here at the "
        f"returning limit ({limit_words(RETURNING)} % a week)."
    )


def unfinished_week(row: RampWeek, reading: WeekReading, profile: RampProfile, unit: Unit) -> RampWeek:
    """An unfinished last week: over only if it is over already; else how much it may still hold.

    >>> from calculator.rules.ramp import PROFILES
    >>> from calculator.units import UNITS
    >>> from calculator.weeks import read_weeks
    >>> reading = read_weeks([44, 12])[1]
    >>> week = judge_week(reading, 12, Fraction(44), Fraction(1), PROFILES["standard"], UNITS["km"])
    >>> unfinished_week(week, reading, PROFILES["standard"], UNITS["km"]).message
    'Not finished yet: 12 km so far; up to 48.4 km in all keeps it within the 10 % limit.'
    """
    if row.over_limit:
        return replace(
            row, kind="unfinished", message=f"{row.message} The week is not finished, and already over."
        )
    if reading.level is None or reading.kind in ("return", "break", "start", "first"):
        message = "Not finished yet: it is judged once the week is complete."
    else:
        most = floor_to(reading.level * (1 + profile.limit), CENT)
        message = (
            f"Not finished yet: {plain(reading.volume)} {unit.label} so far; up to {plain(most)} {unit.label} "
            f"in all keeps it within the {limit_words(profile)} % limit."
        )
    return replace(row, kind="unfinished", message=message)
