"""Reading request values, shared by every check: choices, yes/no answers, amounts, dates, flags.

Every check validates first and computes second: each reader reads one field, notes a `Problem`
(the field's path and a plain message) when it is wrong, and carries on without raising, so a
check can report every problem at once. Numbers are read exactly (`exact`) and rounded exactly
(`floor_to`, `rounded_pct`, `rounded_rise`).

>>> problems = []
>>> read_yes_no({"fatigue": True, "mood": "yes", "colour": True}, "signs", ("fatigue", "mood"), problems, "sign")
{'fatigue': True}
>>> [(problem.field, problem.message) for problem in problems]
[('signs.mood', "Answer 'mood' with true (yes) or false (no)."), ('signs.colour', "There is no sign 'colour': the signs are fatigue and mood.")]
>>> read_amount(-2, "planned", "The planned run", unit_label="km", ceiling=1000, problems=problems)
>>> problems[-1].message
"The planned run can't be negative."
>>> floor_to(Fraction("24.299"), Fraction(1, 10)), rounded_pct(Fraction("0.1005"))
(Fraction(121, 5), Fraction(101, 10))
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import TypeVar

from calculator.amounts import echoable, text_amount
from calculator.errors import Problem
from calculator.sentences import words
from calculator.units import MIN_VOLUME

__all__ = [
    "AMOUNT_STEPS",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_KEY_CHARS",
    "count",
    "date_words",
    "day_words",
    "exact",
    "floor_to",
    "plain",
    "quoted",
    "read_amount",
    "read_choice",
    "read_date",
    "read_flag",
    "read_yes_no",
    "rounded_pct",
    "rounded_rise",
    "shown",
    "words",
]

_T = TypeVar("_T")

#: Dates a request may hold: plans and shoes live in this century; anything else is a typing mistake.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
#: How much of an unknown key a refusal echoes in its field path.
MAX_KEY_CHARS = 100
#: A refusal of an unknown key lists the known keys when there are at most this many.
MAX_LISTED = 10


def quoted(value: object) -> str:
    """Echo a short, printable text back to the reader; anything else is not echoed.

    >>> quoted("week"), quoted(5), quoted("x" * 31)
    (" 'week'", '', '')
    """
    if isinstance(value, str) and echoable(value):
        return f" '{value}'"
    return ""


def count(number: int, singular: str, plural: str | None = None) -> str:
    """A number and its noun, singular for exactly 1 (*plural* defaults to *singular* + "s").

    >>> count(1, "activity", "activities"), count(0, "file"), count(3, "run"), count(1, "row was", "rows were")
    ('1 activity', '0 files', '3 runs', '1 row was')
    """
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def exact(value: int | float) -> Fraction:
    """Return the decimal the reader typed, exactly: a float's shortest repr.

    >>> exact(22.01), exact(3)
    (Fraction(2201, 100), Fraction(3, 1))
    """
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def day_words(day: date | str) -> str:
    """A date as a reader reads it, the same in every country: "Wednesday 6 January 2027".

    ISO dates (2027-01-06) stay in the answer's data; words are for summaries and tables, where a
    reader whose date field shows mm/dd/yyyy would otherwise have to translate them (issue 9).
    *day* is a date or its ISO text; raises ValueError for text that is not one.

    >>> day_words("2027-01-06"), day_words(date(2026, 11, 30))
    ('Wednesday 6 January 2027', 'Monday 30 November 2026')
    """
    when = date.fromisoformat(day) if isinstance(day, str) else day
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[when.weekday()]
    return f"{weekday} {date_words(when)}"


def date_words(day: date) -> str:
    """A date without its weekday, as `day_words` writes it: "3 August 2026" (a week named by its Monday).

    >>> date_words(date(2026, 8, 3))
    '3 August 2026'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def plain(value: Fraction | float | int, decimals: int = 2) -> str:
    """Write a number with at most *decimals* decimals (2 unless told) and no useless zeros.

    >>> plain(Fraction(10)), plain(2.5), plain(Fraction(3663, 100)), plain(0.004), plain(Fraction(1, 60), 4)
    ('10', '2.5', '36.63', '0', '0.0167')
    """
    text = f"{float(value):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


#: The precision a worked-out amount means, by unit key: a tenth of a km or a mile (about 100 m and
#: 160 m, less than a lap of a track), a whole minute, a whole arbitrary unit. Amounts the reader typed
#: are echoed as typed (`plain`); amounts a check works out are shown to this step (`shown`), so no
#: answer reads "up to 39.67 minutes" (issue 9).
AMOUNT_STEPS: dict[str, Fraction] = {
    "km": Fraction(1, 10),
    "mi": Fraction(1, 10),
    "min": Fraction(1),
    "au": Fraction(1),
}


def shown(value: Fraction | float | int, unit: str, *, most: bool = False) -> str:
    """Write an amount a check worked out (not one the reader typed) to its unit's step (`AMOUNT_STEPS`).

    *unit* is a unit key ("km", "mi", "min" or "au"; raises KeyError for another). A *most* (an
    "up to" the reader should stay within) is rounded down, so the amount shown is never over the
    limit it stands for; any other amount (a load, an average) to the nearest step, halves up.

    >>> shown(Fraction("43.63"), "min", most=True), shown(Fraction("22.26"), "km", most=True)
    ('43', '22.2')
    >>> shown(38.31, "km"), shown(41.55, "mi"), shown(Fraction("38.5"), "au")
    ('38.3', '41.6', '39')
    """
    step = AMOUNT_STEPS[unit]
    steps = (value if isinstance(value, Fraction) else exact(value)) / step
    return plain((math.floor(steps) if most else math.floor(steps + Fraction(1, 2))) * step)


def read_choice(
    value: object, options: Mapping[str, _T], field: str, message: str, problems: list[Problem]
) -> _T | None:
    """Look up a named option; note *message* (``{}`` is the echoed value) when there is none.

    >>> problems = []
    >>> read_choice("week", {"day": 1, "week": 7}, "period", "Unknown period{}.", problems)
    7
    >>> read_choice("fortnight", {"day": 1}, "period", "Unknown period{}.", problems), problems[0].message
    (None, "Unknown period 'fortnight'.")
    """
    if isinstance(value, str) and value in options:
        return options[value]
    problems.append(Problem(field, message.format(quoted(value))))
    return None


def read_yes_no(
    answers: object, field: str, known: Sequence[str], problems: list[Problem], noun: str
) -> dict[str, bool]:
    """Read an object of yes/no answers (``{"id": true}``), keyed by the *known* ids.

    A missing id means no. An unknown id or a value that is not true or false is a problem at
    ``<field>.<id>``; a missing or non-object *answers* is a problem at *field*.

    >>> problems = []
    >>> read_yes_no({}, "answers", ("locked",), problems, "question"), problems
    ({}, [])
    >>> read_yes_no(None, "answers", ("locked",), problems, "question"), problems[0].field
    ({}, 'answers')
    """
    example = f'{{"{known[0]}": true}}'
    if answers is None:
        problems.append(
            Problem(field, f"Send your answers as an object of true (yes) or false (no), like {example}.")
        )
        return {}
    if not isinstance(answers, dict):
        problems.append(
            Problem(field, f"The {field} must be an object of true (yes) or false (no), like {example}.")
        )
        return {}
    read: dict[str, bool] = {}
    for key, value in answers.items():
        name = key if isinstance(key, str) else repr(key)
        path = f"{field}.{name[:MAX_KEY_CHARS]}"
        if name not in known:
            listed = f": the {noun}s are {words(list(known))}" if len(known) <= MAX_LISTED else ""
            problems.append(Problem(path, f"There is no {noun}{quoted(name)}{listed}."))
        elif not isinstance(value, bool):
            problems.append(Problem(path, f"Answer{quoted(name)} with true (yes) or false (no)."))
        else:
            read[name] = value
    return read


def read_amount(
    value: object,
    field: str,
    name: str,
    *,
    unit_label: str | None,
    ceiling: int | None,
    problems: list[Problem],
    missing: str | None = None,
    per: str = "",
    too_small: str | None = None,
    minutes: bool = False,
    zero_hint: str = "enter 0 for none",
    offered: tuple[str, ...] = (),
) -> int | float | None:
    """Read a distance or a time: a number, not negative, at most *ceiling* of the unit.

    *name* starts the sentences ("The planned run can't be negative."); *missing* is the message
    for an empty field. Returns the number as the reader gave it (a plain int or float, -0.0 read
    as 0.0), or None after noting a problem. With *unit_label* None (the unit itself is wrong,
    and already reported) the ceiling is not checked. *per* ends the ceiling's sentence (" a week").
    Amounts between 0 and 0.01 are refused: 0.01 is the smallest amount that counts (MIN_VOLUME);
    *too_small* is what to enter instead (by default "at least 0.01" of the unit), and names the
    unit, so it is said only when the unit is known. With *minutes*, a time written h:mm:ss or
    mm:ss is read too (`calculator.amounts`); *zero_hint* says how to enter none, for a refused
    "no value" mark such as Garmin's "--". *offered* names the units the check takes (all when
    empty), for an amount written with a unit it does not take ("90 min" where only distances are).

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
    if isinstance(value, str) and value not in ("NaN", "Infinity", "-Infinity"):
        read, message = text_amount(
            value, name, minutes=minutes, zero_hint=zero_hint, unit_label=unit_label, offered=offered
        )
        if message is not None:
            problems.append(Problem(field, message))
            return None
        value = read
    # A number too large for a float (JSON's 1e999, 400 nines) is read as infinity: over the
    # ceiling (and -1e999 is negative).
    too_large = value == math.inf and unit_label is not None and ceiling is not None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not (math.isfinite(value) or too_large or value == -math.inf)
    ):
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
                f"{ceiling} {unit_label}{per}. Check the number and the unit."
                + (" If these are seconds, divide by 60 or write the time as h:mm:ss." if minutes else ""),
            )
        )
        return None
    if 0 < exact(value) < MIN_VOLUME and (too_small is None or unit_label is not None):
        smallest = f"{plain(MIN_VOLUME)}{'' if unit_label is None else ' ' + unit_label}"
        instead = f"enter at least {smallest}" if too_small is None else too_small
        problems.append(Problem(field, f"{name} is less than {smallest}: {instead}."))
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


# --- exact rounding -------------------------------------------------------------------------------


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
