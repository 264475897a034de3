"""The weekly limit the ramp and plan checks share: reading it, and saying it in words.

A limit is a named profile (`calculator.rules.ramp.PROFILES`) or the reader's own ("custom",
with ``limit_pct``); amounts are in a unit of weekly volume (`calculator.units.UNITS`).

>>> problems = []
>>> profile = read_profile("returning", None, problems)
>>> limit_words(profile), limit_source(profile), read_unit("mi", problems).label, problems
('5', 'a rule of thumb from a self-help knee site', 'miles', [])
"""

from __future__ import annotations

import math
from fractions import Fraction

from calculator.amounts import ascii_digits, plain_number
from calculator.errors import Problem
from calculator.reading import exact, plain, read_choice, read_flag, words
from calculator.rules.ramp import CUSTOM, LIMIT_DECIMALS, PROFILES, RampProfile, custom_profile, shown_pct
from calculator.sources import source_names
from calculator.units import UNITS, Unit

__all__ = ["limit_source", "limit_words", "read_profile", "read_unit"]

#: The least custom limit taken: the least the check shows (rules.ramp.shown_pct).
SMALLEST_SHOWN_PCT = Fraction(1, 10**LIMIT_DECIMALS)


#: The units of weekly volume by their names in sentences: what an amount written with another is
#: told (calculator.amounts.text_amount).
UNIT_NAMES = tuple(unit.label for unit in UNITS.values())


def read_unit(unit: object, problems: list[Problem]) -> Unit | None:
    """Read the unit of weekly volume (km, mi or min); note a problem for any other."""
    return read_choice(
        unit, UNITS, "unit", "Unknown unit{}: choose km, mi (miles) or min (minutes).", problems
    )


def read_profile(profile: object, limit_pct: object, problems: list[Problem]) -> RampProfile | None:
    """Read a weekly limit: a named profile, or "custom" with the reader's ``limit_pct``.

    ``limit_pct`` is required with "custom" (a number above 0, at most 50) and refused with any
    other profile; null counts as not sent.

    >>> problems = []
    >>> read_profile("custom", 7.5, problems).limit, read_profile("standard", None, problems).limit, problems
    (Fraction(3, 40), Fraction(1, 10), [])
    >>> read_profile("custom", 0, problems), problems[0].as_json()
    (None, {'field': 'limit_pct', 'message': 'Your own weekly limit must be more than 0 %.'})
    """
    names = words([*PROFILES, CUSTOM.key], "or")
    if profile == CUSTOM.key:
        return _custom_limit(limit_pct, problems)
    chosen = read_choice(
        profile, PROFILES, "profile", "Unknown weekly limit{}: choose " + names + ".", problems
    )
    if chosen is not None and limit_pct is not None:
        problems.append(
            Problem(
                CUSTOM.field,
                f"Your own limit in percent goes with the custom profile only: choose "
                f"custom, or leave the limit out to use the {chosen.key} limit.",
            )
        )
        return None
    return chosen


def _custom_limit(limit_pct: object, problems: list[Problem]) -> RampProfile | None:
    """Read the reader's own limit in percent: above 0, at most CUSTOM.max_pct."""
    field, most = CUSTOM.field, plain(CUSTOM.max * 100)
    if limit_pct is None:
        problems.append(
            Problem(field, f"Enter your own weekly limit in percent, above 0 and up to {most}, like 7.5.")
        )
        return None
    if (
        isinstance(limit_pct, str)
        and (number := plain_number(ascii_digits(limit_pct).strip().removesuffix("%"))) is not None
    ):
        limit_pct = number  # "7.5" or "7.5 %", as a script or a form may send it
    too_large = limit_pct == math.inf  # JSON's 1e999, 400 nines: over the most
    if (
        isinstance(limit_pct, bool)
        or not isinstance(limit_pct, (int, float))
        or not (math.isfinite(limit_pct) or too_large)
    ):
        problems.append(Problem(field, "Your own weekly limit must be a number of percent, like 7.5."))
        return None
    if too_large:
        problems.append(Problem(field, f"Your own weekly limit can be at most {most} % a week."))
        return None
    pct = exact(limit_pct)
    if pct <= 0:
        problems.append(Problem(field, "Your own weekly limit must be more than 0 %."))
        return None
    if pct < SMALLEST_SHOWN_PCT:
        # Shown as 0 % in every sentence, a limit below it would read as no growth at all.
        problems.append(
            Problem(
                field,
                f"Your own weekly limit must be at least {shown_pct(SMALLEST_SHOWN_PCT)} %, the least the check shows.",
            )
        )
        return None
    if pct > CUSTOM.max * 100:
        problems.append(Problem(field, f"Your own weekly limit can be at most {most} % a week."))
        return None
    return custom_profile(pct)


def read_unfinished(value: object, problems: list[Problem]) -> bool:
    """Read ``last_week_unfinished`` (ramp and history): true when the last week is still going on.

    >>> problems = []
    >>> read_unfinished(True, problems), read_unfinished("yes", problems), problems[0].field
    (True, False, 'last_week_unfinished')
    """
    return read_flag(
        value, "last_week_unfinished", "Say true if the last week is not finished yet, or false.", problems
    )


def limit_words(profile: RampProfile) -> str:
    """The profile's limit in percent, as a sentence shows it: up to 4 decimals for a custom limit.

    >>> from fractions import Fraction
    >>> limit_words(PROFILES["conservative"]), limit_words(custom_profile(Fraction("33.33333")))
    ('2.5', '33.3333')
    """
    return shown_pct(profile.limit * 100)


def limit_source(profile: RampProfile) -> str:
    """Where a weekly limit comes from, in words for a sentence.

    >>> from fractions import Fraction
    >>> limit_source(PROFILES["standard"])
    "a rule of thumb from a self-help knee site and a physiotherapy clinic's treatment guide"
    >>> limit_source(custom_profile(Fraction(15)))
    'your own, which no study gives'
    """
    if profile.key == CUSTOM.key:
        return "your own, which no study gives"
    return "a rule of thumb from " + source_names(*profile.sources)
