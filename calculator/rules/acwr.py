"""The acute:chronic workload ratio's windows, weights, bands, units and caveat, each with its source.

Band boundaries are exact fractions, and each band says which of its ends it includes, so a
ratio of exactly 0.8 or 1.3 is in the sweet spot and exactly 1.5 is in the danger zone
(Gabbett 2016). The bands come from team sports, not runners, and the ratio itself is contested:
`ACWR_CAVEAT` says so, and every answer carries it.

>>> [band_for(Fraction(ratio)).key for ratio in ("0.79", "0.8", "1.3", "1.31", "1.5")]
['low', 'sweet-spot', 'sweet-spot', 'caution', 'danger']
>>> EWMA_ACUTE.weight, EWMA_CHRONIC.weight
(Fraction(1, 4), Fraction(2, 29))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.answer import sendable
from calculator.units import AU_SHORT, MAX_WEEKS, UNITS

__all__ = [
    "ACUTE_DAYS",
    "ACUTE_WEEKS",
    "ACWR_BANDS",
    "ACWR_CAVEAT",
    "ACWR_CAVEAT_SHORT",
    "ACWR_CAVEAT_SOURCES",
    "ACWR_UNITS",
    "BANDS",
    "CHRONIC_DAYS",
    "CHRONIC_WEEKS",
    "DEFAULT_ACWR_UNIT",
    "EWMA_ACUTE",
    "EWMA_CHRONIC",
    "EWMA_SEED",
    "EWMA_WEEKLY_NOTE",
    "MAX_DAYS",
    "MAX_LOAD_WEEKS",
    "PERIODS",
    "UNITS_BY_KEY",
    "AcwrUnit",
    "Band",
    "Ewma",
    "Period",
    "acwr_rules",
    "band_for",
]


# --- windows and weights --------------------------------------------------------------------------

#: Rolling windows (Gabbett 2016): acute = the last 7 days, chronic = the average 7-day load over 28.
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
#: The same windows in weeks: acute = the last week, chronic = the mean of the last 4 weeks.
ACUTE_WEEKS = 1
CHRONIC_WEEKS = 4


@dataclass(frozen=True)
class Ewma:
    """An exponentially weighted moving average over N days: weight (lambda) = 2 / (N + 1).

    >>> Ewma("acute", 7).weight
    Fraction(1, 4)
    """

    key: str
    days: int

    @property
    def weight(self) -> Fraction:
        """Lambda, the share of each new day's load (Williams et al. 2017): 2 / (N + 1)."""
        return Fraction(2, self.days + 1)


EWMA_ACUTE = Ewma("acute", ACUTE_DAYS)  # Williams et al. 2017: N = 7, lambda = 0.25
EWMA_CHRONIC = Ewma("chronic", CHRONIC_DAYS)  # Williams et al. 2017: N = 28, lambda = 2/29

#: How the weighted averages start. Williams et al. (2017) give the formula but no starting value:
#: starting from 0 would make the first ratios far too high, and starting from day 1's load would
#: hang everything on one day (a rest day would give a chronic load near 0).
EWMA_SEED = (
    "Both weighted averages start from the mean daily load of the first 28 days, then take "
    "each day in turn from day 1; a ratio is given from day 28, once 4 weeks are in."
)
#: Why weekly loads get no weighted ratio.
EWMA_WEEKLY_NOTE = (
    "The weighted (EWMA) ratio needs daily loads: its weights fade day by day "
    "(lambda = 2 / (N + 1) with N = 7 and 28 days; Williams et al. 2017), and a week's "
    "total does not say on which days the running fell. With weekly loads, only the "
    "rolling ratio is given."
)


@dataclass(frozen=True)
class Period:
    """How often a load is entered: each day or each week, with the windows that period uses."""

    key: str
    label: str  # "Day", "Week": the first word of a load's name ("Day 3")
    acute: int  # loads in the acute window
    chronic: int  # loads in the chronic window; also the fewest loads a ratio needs
    per_week: int  # loads in a week: 7 days or 1 week
    max_loads: int


#: The most loads one request may hold.
MAX_DAYS = 730  # two years of days
MAX_LOAD_WEEKS = MAX_WEEKS  # ten years of weeks, as the ramp check

DAY = Period("day", "Day", ACUTE_DAYS, CHRONIC_DAYS, 7, MAX_DAYS)
WEEK = Period("week", "Week", ACUTE_WEEKS, CHRONIC_WEEKS, 1, MAX_LOAD_WEEKS)
PERIODS: dict[str, Period] = {period.key: period for period in (DAY, WEEK)}


# --- bands ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A range of the ratio with a name (Gabbett 2016); each end says whether it is included.

    >>> BANDS["caution"].contains(Fraction("1.3")), BANDS["caution"].contains(Fraction("1.49"))
    (False, True)
    """

    key: str
    label: str
    low: Fraction
    low_included: bool
    high: Fraction | None  # None: no upper end
    high_included: bool
    description: str
    sources: tuple[str, ...]

    @property
    def range_words(self) -> str:
        """The band's range in words: "below 0.8", "from 0.8 to 1.3", "of 1.5 or more".

        >>> [band.range_words for band in ACWR_BANDS]
        ['below 0.8', 'from 0.8 to 1.3', 'above 1.3 and below 1.5', '1.5 or more']
        """
        low, high = _number(self.low), None if self.high is None else _number(self.high)
        if high is None:
            return f"{low} or more" if self.low_included else f"above {low}"
        if self.low == 0 and self.low_included:
            return f"up to {high}" if self.high_included else f"below {high}"
        if self.low_included and self.high_included:
            return f"from {low} to {high}"
        start = f"from {low}" if self.low_included else f"above {low}"
        return f"{start} {'up to' if self.high_included else 'and below'} {high}"

    def contains(self, ratio: Fraction) -> bool:
        """Whether *ratio* is in this band, ends as the band says."""
        above_low = ratio >= self.low if self.low_included else ratio > self.low
        if self.high is None:
            return above_low
        below_high = ratio <= self.high if self.high_included else ratio < self.high
        return above_low and below_high


SWEET_LOW = Fraction("0.8")  # Gabbett 2016: the "sweet spot" is 0.8-1.3
SWEET_HIGH = Fraction("1.3")
DANGER_FROM = Fraction("1.5")  # Gabbett 2016: the "danger zone" is 1.5 and above

#: The bands, lowest first; together they cover every ratio from 0 up, with no overlap.
ACWR_BANDS: tuple[Band, ...] = (
    Band(
        "low",
        "under-prepared/low",
        Fraction(0),
        True,
        SWEET_LOW,
        False,
        "Your recent load is well below what you are used to: fine for an easy week, though in team "
        "sports low ratios went with slightly more injuries, as if less prepared for load.",
        ("gabbett-2016",),
    ),
    Band(
        "sweet-spot",
        "sweet spot",
        SWEET_LOW,
        True,
        SWEET_HIGH,
        True,
        "Your recent load is in line with what you are used to.",
        ("gabbett-2016",),
    ),
    Band(
        "caution",
        "caution",
        SWEET_HIGH,
        False,
        DANGER_FROM,
        False,
        "Your recent load is somewhat above what you are used to.",
        ("gabbett-2016",),
    ),
    Band(
        "danger",
        "danger zone",
        DANGER_FROM,
        True,
        None,
        False,
        "Your recent load is well above what you are used to: in team sports, injuries were most "
        "common from 1.5 up.",
        ("gabbett-2016",),
    ),
)
BANDS: dict[str, Band] = {band.key: band for band in ACWR_BANDS}


def _number(value: Fraction) -> str:
    """Write a boundary without useless zeros: 0.8, 1.3, 1.5."""
    return f"{float(value):g}"


def band_for(ratio: Fraction) -> Band:
    """Return the band a ratio (0 or more) falls in.

    >>> band_for(Fraction(149, 100)).label
    'caution'
    """
    for band in ACWR_BANDS:
        if band.contains(ratio):
            return band
    raise ValueError(f"a ratio of {ratio} is in no band")  # only a negative ratio, which loads can't give


# --- the caveat -----------------------------------------------------------------------------------

#: Every ACWR answer carries this, in `caveat` and, shorter, in `why`.
ACWR_CAVEAT = (
    "The acute:chronic ratio is contested evidence, and its bands come from team sports, not runners "
    "(Gabbett 2016). This week is also part of the 4-week average it is compared with, a "
    '"mathematical coupling" that can make the ratio look more telling than it is (Lolli et al. 2019); '
    "ratios built from random chronic loads predicted injuries about as well as the real ones "
    "(Impellizzeri et al. 2020); and in 5,205 runners the weekly ratio was not linked to more injuries "
    "(Frandsen et al. 2025). For runners, the stronger evidence is about single runs: the spike check "
    "compares each run with your longest run of the last 30 days (Frandsen et al. 2025)."
)
ACWR_CAVEAT_SOURCES = ("gabbett-2016", "lolli-2019", "impellizzeri-2020", "frandsen-2025")
#: The caveat in one sentence, for `why`.
ACWR_CAVEAT_SHORT = (
    "The ratio is contested evidence (Lolli et al. 2019; Impellizzeri et al. 2020), and in "
    "5,205 runners it was not linked to more injuries (Frandsen et al. 2025): the single-run "
    "spike check is the stronger guide."
)


# --- units ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AcwrUnit:
    """A unit of training load, with the largest day and week the check accepts in it.

    The ceilings are not training limits: they catch typing mistakes (2000 for 20.00).

    >>> ACWR_UNITS[3].label, ACWR_UNITS[3].max_per_day
    ('AU (arbitrary units)', 14400)
    """

    key: str
    label: str
    short: str  # in sentences: "42 km", "42 AU"
    max_per_day: int
    max_per_week: int

    def ceiling(self, period: Period) -> int:
        """The largest load of one *period* (a day or a week)."""
        return self.max_per_day if period.key == "day" else self.max_per_week


MINUTES_PER_DAY = 24 * 60
#: km, miles and minutes as the ramp check has them (their weekly ceilings), with a daily ceiling;
#: AU are arbitrary units, e.g. session effort (0-10) x minutes, so 10 x every minute of the day.
ACWR_UNITS: tuple[AcwrUnit, ...] = (
    AcwrUnit("km", UNITS["km"].label, UNITS["km"].label, 350, UNITS["km"].max_per_week),
    AcwrUnit("mi", UNITS["mi"].label, UNITS["mi"].label, 220, UNITS["mi"].max_per_week),  # 350 km ~ 217 miles
    AcwrUnit("min", UNITS["min"].label, UNITS["min"].label, MINUTES_PER_DAY, UNITS["min"].max_per_week),
    AcwrUnit(
        "au", f"{AU_SHORT} (arbitrary units)", AU_SHORT, 10 * MINUTES_PER_DAY, 10 * UNITS["min"].max_per_week
    ),
)
UNITS_BY_KEY: dict[str, AcwrUnit] = {unit.key: unit for unit in ACWR_UNITS}
DEFAULT_ACWR_UNIT = "km"


def acwr_rules() -> dict[str, Any]:
    """Return the ACWR check's windows, bands, units and caveat, ready for JSON.

    >>> rules = acwr_rules()
    >>> [(band["key"], band["low"], band["high"]) for band in rules["bands"]]
    [('low', 0.0, 0.8), ('sweet-spot', 0.8, 1.3), ('caution', 1.3, 1.5), ('danger', 1.5, None)]
    >>> rules["ewma"]["acute"]["lambda"], rules["periods"][0]["min_loads"]
    (0.25, 28)
    """
    return {
        "periods": [
            {
                "key": period.key,
                "label": period.label,
                "acute": period.acute,
                "chronic": period.chronic,
                "min_loads": period.chronic,
                "max_loads": period.max_loads,
            }
            for period in PERIODS.values()
        ],
        "bands": [
            {
                "key": band.key,
                "label": band.label,
                "low": float(band.low),
                "low_included": band.low_included,
                "high": None if band.high is None else float(band.high),
                "high_included": band.high_included,
                "range": band.range_words,
                "description": band.description,
                "sources": list(band.sources),
            }
            for band in ACWR_BANDS
        ],
        "ewma": {
            "acute": {"days": EWMA_ACUTE.days, "lambda": float(EWMA_ACUTE.weight)},
            "chronic": {"days": EWMA_CHRONIC.days, "lambda": float(EWMA_CHRONIC.weight)},
            "seed": EWMA_SEED,
            "weekly_note": EWMA_WEEKLY_NOTE,
            "sources": ["williams-2017", "murray-2017"],
        },
        "units": sendable(ACWR_UNITS),
        "default_unit": DEFAULT_ACWR_UNIT,
        "caveat": ACWR_CAVEAT,
        "caveat_sources": list(ACWR_CAVEAT_SOURCES),
    }
