"""The single-run spike bands of Frandsen et al. 2025, with their hazard ratios, each with its source.

Each run is compared with the longest run of the previous 30 days. A band includes its upper end
and excludes its lower one, exactly as the study's groups read: exactly +10 % is in the reference
group, exactly +30 % in the 10-30 % band, exactly +100 % (twice as long) in the 30-100 % band.
Boundaries are exact fractions (``Fraction(1, 10)`` is +10 %).

>>> [band_for(Fraction(spike)).key for spike in ("-0.5", "0.1", "0.1001", "0.3", "1", "1.01")]
['reference', 'reference', 'over-10', 'over-10', 'over-30', 'over-100']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.units import UNITS, Unit

__all__ = [
    "REFERENCE_LIMIT",
    "SPIKE_BANDS",
    "SPIKE_CITATION",
    "SPIKE_SOURCES",
    "SPIKE_STUDY",
    "SPIKE_UNITS",
    "SpikeBand",
    "band_for",
    "spike_rules",
]


@dataclass(frozen=True)
class SpikeBand:
    """One group of the study: runs longer than the 30-day longest by more than *above*, up to *up_to*.

    *above* None means no lower end (shorter runs are in the reference group); *up_to* None means
    no upper end. The hazard ratio compares the injury rate with the reference group's (95 % CI).
    *name* is the band in a sentence ("the study's 10-30 % band"); *runs* completes "runs ...
    the longest run of the previous 30 days".
    """

    key: str
    label: str
    name: str
    runs: str
    above: Fraction | None
    up_to: Fraction | None
    hazard_ratio: Fraction
    ci_low: Fraction | None
    ci_high: Fraction | None
    sources: tuple[str, ...]

    def holds(self, spike: Fraction) -> bool:
        """Whether a spike (0.1 is 10 % longer) falls in this band."""
        return (self.above is None or spike > self.above) and (self.up_to is None or spike <= self.up_to)


#: Frandsen J.S.B. et al. (2025) Br J Sports Med 59(17):1203-1210: 5,205 runners, 588,071 runs.
SPIKE_SOURCES = ("frandsen-2025",)
SPIKE_STUDY = {"runners": 5205, "runs": 588071, "injured": 1820, "months": 18, "window_days": 30}
SPIKE_CITATION = "Frandsen et al. 2025"

#: The reference group's upper end: a run up to 10 % longer than the 30-day longest.
REFERENCE_LIMIT = Fraction(1, 10)

SPIKE_BANDS: tuple[SpikeBand, ...] = (
    SpikeBand(
        "reference",
        "Up to 10 % longer (the reference group)",
        "the study's reference group",
        "up to 10 % longer than",
        None,
        REFERENCE_LIMIT,
        Fraction(1),
        None,
        None,
        SPIKE_SOURCES,
    ),
    SpikeBand(
        "over-10",
        "More than 10 % and up to 30 % longer",
        "the study's 10-30 % band",
        "more than 10 % and up to 30 % longer than",
        REFERENCE_LIMIT,
        Fraction(3, 10),
        Fraction("1.64"),
        Fraction("1.31"),
        Fraction("2.05"),
        SPIKE_SOURCES,
    ),
    SpikeBand(
        "over-30",
        "More than 30 % and up to 100 % longer (up to twice as long)",
        "the study's 30-100 % band",
        "more than 30 % and up to 100 % longer than",
        Fraction(3, 10),
        Fraction(1),
        Fraction("1.52"),
        Fraction("1.16"),
        Fraction("2.00"),
        SPIKE_SOURCES,
    ),
    SpikeBand(
        "over-100",
        "More than 100 % longer (more than twice as long)",
        "the study's over-100 % band",
        "more than twice as long as",
        Fraction(1),
        None,
        Fraction("2.28"),
        Fraction("1.50"),
        Fraction("3.48"),
        SPIKE_SOURCES,
    ),
)
#: The study compared distances; minutes are not offered.
SPIKE_UNITS: dict[str, Unit] = {key: UNITS[key] for key in ("km", "mi")}


def band_for(spike: Fraction) -> SpikeBand:
    """Return the band of a spike: the planned run over the 30-day longest, minus 1 (0.1 is +10 %).

    >>> band_for(Fraction(1, 10)).key, band_for(Fraction(3, 10)).key, band_for(Fraction(1)).key
    ('reference', 'over-10', 'over-30')
    """
    return next(band for band in SPIKE_BANDS if band.holds(spike))


def spike_rules() -> dict[str, Any]:
    """Return the spike check's bands, units and study, ready for JSON, in order of size.

    >>> [(band["key"], band["above_pct"], band["up_to_pct"], band["hazard_ratio"]) for band in spike_rules()["bands"]]
    [('reference', None, 10.0, 1.0), ('over-10', 10.0, 30.0, 1.64), ('over-30', 30.0, 100.0, 1.52), ('over-100', 100.0, None, 2.28)]
    """
    return {
        "bands": [
            {
                "key": band.key,
                "label": band.label,
                "name": band.name,
                "above_pct": None if band.above is None else float(band.above * 100),
                "up_to_pct": None if band.up_to is None else float(band.up_to * 100),
                "hazard_ratio": float(band.hazard_ratio),
                "ci": None
                if band.ci_low is None or band.ci_high is None
                else {"low": float(band.ci_low), "high": float(band.ci_high), "level": 95},
                "sources": list(band.sources),
            }
            for band in SPIKE_BANDS
        ],
        "compared_with": "the longest run of the previous 30 days",
        "study": {**SPIKE_STUDY, "citation": SPIKE_CITATION},
        "units": [
            {"key": unit.key, "label": unit.label, "max": unit.max_per_week} for unit in SPIKE_UNITS.values()
        ],
        "default_unit": "km",
        "sources": list(SPIKE_SOURCES),
    }
