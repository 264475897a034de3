"""Units of training volume, and the bounds every load check puts on amounts and history.

The ceilings are not training limits: they catch typing mistakes (2000 for 20.00).

>>> [unit.key for unit in RAMP_UNITS], DEFAULT_UNIT, MAX_WEEKS
(['km', 'mi', 'min'], 'km', 520)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "AU_SHORT",
    "DEFAULT_UNIT",
    "KM",
    "MAX_WEEKS",
    "MI",
    "MINUTES",
    "MIN_VOLUME",
    "OTHER_UNIT_WORDS",
    "RAMP_UNITS",
    "UNITS",
    "UNIT_WORDS",
    "Unit",
]


@dataclass(frozen=True)
class Unit:
    """A unit of weekly volume, with the largest week the check accepts in it.

    The ceiling is not a training limit: it catches typing mistakes (2000 for 20.00).

    >>> UNITS["min"].label, UNITS["min"].max_per_week
    ('minutes', 10080)
    """

    key: str
    label: str
    max_per_week: int


KM = Unit(key="km", label="km", max_per_week=1000)
MI = Unit(key="mi", label="miles", max_per_week=620)  # 1000 km is about 621 miles
MINUTES = Unit(key="min", label="minutes", max_per_week=7 * 24 * 60)  # every minute of a week

#: The units in the order a form offers them.
RAMP_UNITS: tuple[Unit, ...] = (KM, MI, MINUTES)
UNITS: dict[str, Unit] = {unit.key: unit for unit in RAMP_UNITS}
DEFAULT_UNIT = KM.key
#: Arbitrary units (the acute:chronic check's session effort x minutes), as sentences write them.
AU_SHORT = "AU"

#: The words runners write after an amount ("20 km", "20km", "12 miles", "45 min"), lower case,
#: each to the unit's name in sentences: an amount so written in the unit chosen is read as the
#: number, and in another unit it is refused with both named (calculator.amounts.text_amount).
#: "m" is left out: metres, miles and minutes all write it.
UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys(("km", "kms", "k", "kilometre", "kilometres", "kilometer", "kilometers"), KM.label),
    **dict.fromkeys(("mi", "mile", "miles"), MI.label),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), MINUTES.label),
    "au": AU_SHORT,
}

#: Words of units the calculator does not read ("20 m": metres, miles or minutes?), lower case: a
#: form keeps one with the number before it, as it keeps a unit word, so that the message names
#: the amount and its unit (calculator.amounts.text_amount) instead of counting the word as an
#: entry of its own ("Week 2 must be a number" for the "m" of week 1).
OTHER_UNIT_WORDS: tuple[str, ...] = (
    *("m", "metre", "metres", "meter", "meters"),
    *("h", "hr", "hrs", "hour", "hours", "s", "sec", "secs", "second", "seconds"),
    *("yd", "yds", "yard", "yards"),
)

#: The most weeks one request may hold: ten years.
MAX_WEEKS = 520
#: The smallest week that counts as running (the page shows two decimals); 0 is a week off.
MIN_VOLUME = Fraction("0.01")
