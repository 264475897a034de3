"""Reading amounts, dates and flags for the ramp, plan, spike and shoes checks; exact rounding.

Every check validates first and computes second: these helpers read one field each, note a
`Problem` (field path and a plain message) when it is wrong, and never raise themselves, so a
check can report every problem at once. The general readers (`exact`, `plain`, `quoted`,
`read_choice`, `words`) live in `calculator.readers`, shared by every check.

>>> problems = []
>>> read_amount(-2, "planned", "The planned run", unit_label="km", ceiling=1000, problems=problems)
>>> [problem.message for problem in problems]
["The planned run can't be negative."]
>>> floor_to(Fraction("24.299"), Fraction(1, 10)), rounded_pct(Fraction("0.1005"))
(Fraction(121, 5), Fraction(101, 10))
"""

from __future__ import annotations

import math
import re
from datetime import date
from fractions import Fraction

from calculator.errors import Problem
from calculator.readers import exact, plain
from calculator.units import MIN_VOLUME

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "floor_to",
    "read_amount",
    "read_date",
    "read_flag",
    "rounded_pct",
    "rounded_rise",
]

#: Dates a request may hold: plans and shoes live in this century; anything else is a typing mistake.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def floor_to(value: Fraction, step: Fraction) -> Fraction:
    """Round *value* down to a whole number of *step* (never up: a rounded limit stays a limit).

    >>> floor_to(Fraction("13.585"), Fraction(1, 100)), floor_to(Fraction("5.5"), Fraction(1, 10))
    (Fraction(679, 50), Fraction(11, 2))
    """
    return Fraction(math.floor(value / step)) * step


def rounded_pct(change: Fraction) -> Fraction:
    """Round a change (0.1 is 10 %) to 0.1 %: rises up, falls to the nearest.

    A rise just over a limit never shows as the limit itself, and a rise within it never shows
    as more.

    >>> rounded_pct(Fraction("0.1005")), rounded_pct(Fraction("-0.0385")), rounded_pct(Fraction(1, 10))
    (Fraction(101, 10), Fraction(-39, 10), Fraction(10, 1))
    """
    tenths = change * 1000
    if change > 0:
        return Fraction(math.ceil(tenths), 10)
    return Fraction(-math.floor(-tenths + Fraction(1, 2)), 10)


def rounded_rise(change: Fraction, limit: Fraction) -> Fraction:
    """Round a change to 0.1 % as `rounded_pct` does, but never across *limit* (0.1 is 10 %).

    A rise within a limit with more decimals than one (a custom 3.13 %) is rounded *down* when
    rounding up would show it over the limit; a rise over the limit always shows over it.

    >>> rounded_rise(Fraction("0.0312"), Fraction("0.0313")), rounded_rise(Fraction("0.0314"), Fraction("0.0313"))
    (Fraction(31, 10), Fraction(16, 5))
    """
    shown = rounded_pct(change)
    if change <= limit < shown / 100:
        return Fraction(math.floor(change * 1000), 10)
    return shown


def read_amount(
    value: object,
    field: str,
    name: str,
    *,
    unit_label: str | None,
    ceiling: int | None,
    problems: list[Problem],
    missing: str | None = None,
) -> int | float | None:
    """Read a distance or a time: a number, not negative, at most *ceiling* of the unit.

    *name* starts the sentences ("The planned run can't be negative."); *missing* is the message
    for an empty field. Returns the number as the reader gave it (a plain int or float, -0.0 read
    as 0.0), or None after noting a problem. With *unit_label* None (the unit itself is wrong,
    and already reported) the ceiling is not checked. Amounts between 0 and 0.01 are refused:
    0.01 is the smallest amount that counts (MIN_VOLUME).

    >>> problems = []
    >>> read_amount(12.5, "x", "X", unit_label="km", ceiling=1000, problems=problems), problems
    (12.5, [])
    >>> read_amount(True, "x", "The run", unit_label="km", ceiling=1000, problems=problems)
    >>> problems[0].message
    'The run must be a number, like 22 or 22.5.'
    """
    if value is None:
        problems.append(Problem(field, missing or f"{name} is empty: enter a number, like 22 or 22.5."))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.append(Problem(field, f"{name} must be a number, like 22 or 22.5."))
        return None
    if value < 0:
        problems.append(Problem(field, f"{name} can't be negative."))
        return None
    if unit_label is not None and ceiling is not None and value > ceiling:
        problems.append(
            Problem(
                field,
                f"{name} is over {ceiling} {unit_label}: the check takes up to "
                f"{ceiling} {unit_label}. Check the number and the unit.",
            )
        )
        return None
    if 0 < exact(value) < MIN_VOLUME:
        smallest = f"{plain(MIN_VOLUME)}{'' if unit_label is None else ' ' + unit_label}"
        problems.append(Problem(field, f"{name} is less than {smallest}: enter at least {smallest}."))
        return None
    return int(value) if isinstance(value, int) else float(value) + 0.0


def read_date(value: object, field: str, name: str, problems: list[Problem]) -> date | None:
    """Read an optional date written YYYY-MM-DD (ISO 8601), from 2000 to 2100; null means none.

    >>> problems = []
    >>> read_date("2026-11-30", "start_date", "The start date", problems), read_date(None, "x", "X", problems)
    (datetime.date(2026, 11, 30), None)
    >>> read_date("2026-02-30", "start_date", "The start date", problems)
    >>> problems[0].message
    'The start date 2026-02-30 is not a real date: write it as year-month-day, like 2026-11-30.'
    """
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        problems.append(Problem(field, f"{name} must be a date written year-month-day, like 2026-11-30."))
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems.append(
            Problem(field, f"{name} {value} is not a real date: write it as year-month-day, like 2026-11-30.")
        )
        return None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        problems.append(
            Problem(field, f"{name} must be between {EARLIEST_DATE.year} and {LATEST_DATE.year}.")
        )
        return None
    return day


def read_flag(value: object, field: str, message: str, problems: list[Problem]) -> bool:
    """Read an optional true/false field (null or absent is false); note *message* for anything else.

    >>> problems = []
    >>> read_flag(True, "hold_weeks", "x.", problems), read_flag(None, "hold_weeks", "x.", problems), problems
    (True, False, [])
    >>> read_flag("yes", "hold_weeks", "Say true or false.", problems), problems[0].field
    (False, 'hold_weeks')
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    problems.append(Problem(field, message))
    return False
