"""The weekly ramp check: did any week grow faster than the chosen limit on the week before?

Comparisons are exact. Each volume becomes the decimal the reader typed (``Fraction(repr(22.01))``
is 2201/100) and is compared with an exact limit, never through float products, so a week
exactly at the limit is within it. A shown rise is rounded *up* to 0.1 %, so a week over the
limit never shows as "10 %" and a week within it never shows as more than the limit.

>>> result = check_ramp([20, 22, 26, 25])
>>> [week.change_pct for week in result.weeks]
[None, 10.0, 18.2, -3.8]
>>> result.over_limit_weeks, result.next_week_max
((3,), 27.5)
>>> result.summary
'1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 27.5 km.'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

from calculator.errors import Problem, raise_problems
from calculator.rules import (
    DEFAULT_PROFILE, DEFAULT_UNIT, MAX_WEEKS, MIN_VOLUME, PROFILES, RAMP_CAVEAT, RAMP_CAVEAT_SOURCES,
    UNITS, RampProfile, Unit,
)

__all__ = ["RampResult", "RampWeek", "check_ramp"]

_T = TypeVar("_T")


@dataclass(frozen=True)
class RampWeek:
    """One week against the week before: its change in percent, verdict and a plain sentence."""

    week: int
    volume: int | float
    change_pct: float | None
    over_limit: bool
    message: str

    def as_dict(self) -> dict[str, Any]:
        """Return the week as the protocol sends it.

        >>> check_ramp([20, 22]).weeks[1].as_dict()["message"]
        'Up 10 % on the week before: within the 10 % limit.'
        """
        return {"week": self.week, "volume": self.volume, "change_pct": self.change_pct,
                "over_limit": self.over_limit, "message": self.message}


@dataclass(frozen=True)
class RampResult:
    """The answer of `check_ramp`: every week, the weeks over the limit and next week's most."""

    profile: str
    profile_label: str
    limit_pct: float
    unit: str
    unit_label: str
    weeks: tuple[RampWeek, ...]
    over_limit_weeks: tuple[int, ...]
    next_week_max: float | None
    next_week_note: str
    summary: str
    caveat: str
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the result as the protocol sends it (lists, numbers, strings, null).

        >>> check_ramp([20, 22]).as_dict()["over_limit_weeks"]
        []
        """
        return {
            "profile": self.profile, "profile_label": self.profile_label, "limit_pct": self.limit_pct,
            "unit": self.unit, "unit_label": self.unit_label,
            "weeks": [week.as_dict() for week in self.weeks],
            "over_limit_weeks": list(self.over_limit_weeks),
            "next_week_max": self.next_week_max, "next_week_note": self.next_week_note,
            "summary": self.summary, "caveat": self.caveat, "sources": list(self.sources),
        }

    def to_json(self) -> str:
        """Return the result as JSON text (never NaN).

        >>> check_ramp([10]).to_json()[:40]
        '{"profile": "standard", "profile_label":'
        """
        return json.dumps(self.as_dict(), allow_nan=False)


def check_ramp(weeks: Sequence[float], /, *, profile: str = DEFAULT_PROFILE,
               unit: str = DEFAULT_UNIT) -> RampResult:
    """Compare each week's volume with the week before, against the profile's weekly limit.

    *weeks* are the weekly volumes, oldest first; 0 is a week with no running. A week exactly
    at the limit is within it.

    >>> [week.over_limit for week in check_ramp([40, 41, 42.1], profile="conservative").weeks]
    [False, False, True]
    >>> check_ramp([22, 0, 10]).weeks[2].change_pct is None
    True

    Raises `CalculatorError` listing every problem at once: no weeks, more than 520, a week
    that is not a number, negative or too large for the unit, an unknown profile or unit.

    >>> check_ramp([20, -5, "x"], unit="furlongs")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unit: Unknown unit 'furlongs': choose km, mi (miles) or min (minutes).; weeks[1]: Week 2 can't be negative.; weeks[2]: Week 3 must be a number, like 22 or 22.5.
    """
    chosen, measure, volumes = _validate(weeks, profile, unit)
    exact = [_exact(volume) for volume in volumes]
    rows = tuple(_compare(number, volume, exact[number - 2] if number > 1 else None, exact[number - 1], chosen)
                 for number, volume in enumerate(volumes, start=1))
    over = tuple(row.week for row in rows if row.over_limit)
    next_max, note = _next_week(exact[-1], chosen, measure)
    return RampResult(
        profile=chosen.key, profile_label=chosen.label, limit_pct=chosen.limit_pct,
        unit=measure.key, unit_label=measure.label, weeks=rows, over_limit_weeks=over,
        next_week_max=next_max, next_week_note=note,
        summary=_summary(len(rows), over, chosen, measure, next_max),
        caveat=RAMP_CAVEAT, sources=(*chosen.sources, *RAMP_CAVEAT_SOURCES),
    )


# --- validation ----------------------------------------------------------------------------------

def _validate(weeks: object, profile: object, unit: object) -> tuple[RampProfile, Unit, list[int | float]]:
    """Read the inputs, or raise one `CalculatorError` naming every problem."""
    problems: list[Problem] = []
    measure = _choose(unit, UNITS, "unit", "Unknown unit{}: choose km, mi (miles) or min (minutes).", problems)
    chosen = _choose(profile, PROFILES, "profile",
                     "Unknown weekly limit{}: choose standard, returning or conservative.", problems)
    volumes = _read_weeks(weeks, measure, problems)
    raise_problems(problems)
    assert measure is not None and chosen is not None  # no problems means both were found
    return chosen, measure, volumes


def _choose(value: object, options: Mapping[str, _T], field: str, message: str, problems: list[Problem]) -> _T | None:
    """Look up a named option; note a problem when there is no such option."""
    if isinstance(value, str) and value in options:
        return options[value]
    problems.append(Problem(field, message.format(_quoted(value))))
    return None


def _quoted(value: object) -> str:
    """Echo a short, printable text back to the reader; anything else is not echoed."""
    if isinstance(value, str) and 0 < len(value) <= 30 and value.isprintable():
        return f" '{value}'"
    return ""


def _read_weeks(weeks: object, unit: Unit | None, problems: list[Problem]) -> list[int | float]:
    """Read the list of weekly volumes, noting a problem for each week that is wrong."""
    if weeks is None:
        problems.append(Problem("weeks", "Enter how much you ran each week, oldest week first."))
        return []
    if not isinstance(weeks, (list, tuple)):
        problems.append(Problem("weeks", "Weeks must be a list of numbers, one for each week, like [20, 22, 26]."))
        return []
    if not weeks:
        problems.append(Problem("weeks", "Enter at least one week."))
        return []
    if len(weeks) > MAX_WEEKS:
        problems.append(Problem("weeks", f"Enter at most {MAX_WEEKS} weeks ({MAX_WEEKS // 52} years)."))
        return []
    volumes: list[int | float] = []
    for index, value in enumerate(weeks):
        problem = _week_problem(index, value, unit)
        if problem is None:
            volumes.append(_plain_number(value))
        else:
            problems.append(problem)
    return volumes


def _week_problem(index: int, value: object, unit: Unit | None) -> Problem | None:
    """Say what is wrong with one week's volume, or None when it is a usable number."""
    field, name = f"weeks[{index}]", f"Week {index + 1}"
    if value is None:
        return Problem(field, f"{name} is empty: enter how much you ran, or 0 for a week with no running.")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return Problem(field, f"{name} must be a number, like 22 or 22.5.")
    if value < 0:
        return Problem(field, f"{name} can't be negative.")
    if unit is None:
        return None  # the unit is already reported; its limits cannot be checked
    if value > unit.max_per_week:
        return Problem(field, f"{name} is over {unit.max_per_week} {unit.label}: the check takes up to "
                              f"{unit.max_per_week} {unit.label} a week. Check the number and the unit.")
    if 0 < _exact(value) < MIN_VOLUME:
        return Problem(field, f"{name} is less than {_plain(MIN_VOLUME)} {unit.label}: "
                              "enter 0 for a week with no running.")
    return None


def _plain_number(value: object) -> int | float:
    """Keep a volume as the reader gave it, as a plain int or float (-0.0 becomes 0.0)."""
    if isinstance(value, int):
        return int(value)
    assert isinstance(value, float)
    return float(value) + 0.0


def _exact(value: int | float) -> Fraction:
    """Return the decimal the reader typed, exactly: the float's shortest repr.

    >>> _exact(22.01), _exact(2.2) / _exact(2.0)
    (Fraction(2201, 100), Fraction(11, 10))
    """
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


# --- the answer ----------------------------------------------------------------------------------

def _compare(number: int, volume: int | float, previous: Fraction | None, current: Fraction,
             profile: RampProfile) -> RampWeek:
    """Compare one week with the week before."""
    def week(change_pct: float | None, message: str, over: bool = False) -> RampWeek:
        return RampWeek(week=number, volume=volume, change_pct=change_pct, over_limit=over, message=message)

    if previous is None:
        return week(None, "First week: nothing to compare with yet.")
    if previous == 0:
        if current == 0:
            return week(None, "No running this week or the week before.")
        return week(None, "After a week with no running there is no percentage to compare; build back gently.")
    change = current / previous - 1
    shown = _rounded_pct(change)
    if change > 0:
        over = change > profile.limit
        verdict = "over" if over else "within"
        return week(float(shown), f"Up {_plain(shown)} % on the week before: {verdict} the "
                                  f"{_plain(profile.limit * 100)} % limit.", over)
    if change == 0:
        return week(0.0, "Same as the week before.")
    if shown == 0:
        return week(0.0, "Down less than 0.1 % on the week before.")
    return week(float(shown), f"Down {_plain(-shown)} % on the week before.")


def _rounded_pct(change: Fraction) -> Fraction:
    """Round a change (0.1 is 10 %) to 0.1 %: rises up, falls to the nearest.

    >>> _rounded_pct(Fraction("0.1005")), _rounded_pct(Fraction("-0.0385"))
    (Fraction(101, 10), Fraction(-39, 10))
    """
    tenths = change * 1000
    if change > 0:
        return Fraction(math.ceil(tenths), 10)
    return Fraction(-math.floor(-tenths + Fraction(1, 2)), 10)


def _next_week(last: Fraction, profile: RampProfile, unit: Unit) -> tuple[float | None, str]:
    """The most next week may hold, rounded down to 2 decimals, and a sentence about it."""
    if last == 0:
        return None, ("Your last week had no running, so there is no percentage to build on: start again "
                      "below what you ran before the break, and build up gently.")
    most = Fraction(math.floor(last * (1 + profile.limit) * 100), 100)
    most = min(most, Fraction(unit.max_per_week))
    return float(most), (f"Up to {_plain(most)} {unit.label} keeps next week within the "
                         f"{_plain(profile.limit * 100)} % limit.")


def _summary(count: int, over: tuple[int, ...], profile: RampProfile, unit: Unit, next_max: float | None) -> str:
    """One plain sentence about all the weeks, then next week's most."""
    limit = f"the {_plain(profile.limit * 100)} % limit"
    if count == 1:
        first = "One week entered: add the weeks before it to compare them."
    elif not over:
        first = f"No week rose more than {limit}."
    else:
        named = ("week " if len(over) == 1 else "weeks ") + _list_words([str(number) for number in over])
        first = f"{len(over)} of {count} weeks rose more than {limit} ({named})."
    if next_max is None:
        return f"{first} Next week: after a week with no running, build back gently."
    return f"{first} Next week: up to {_plain(next_max)} {unit.label}."


def _list_words(items: list[str]) -> str:
    """Join words as a sentence does.

    >>> _list_words(["3"]), _list_words(["3", "4"]), _list_words(["2", "3", "5"])
    ('3', '3 and 4', '2, 3 and 5')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plain(value: Fraction | float) -> str:
    """Write a number with at most 2 decimals and no useless zeros.

    >>> _plain(Fraction(10)), _plain(2.5), _plain(Fraction(3663, 100)), _plain(-3.8)
    ('10', '2.5', '36.63', '-3.8')
    """
    return f"{float(value):.2f}".rstrip("0").rstrip(".")
