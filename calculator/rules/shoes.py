"""The shoes check's replacement range: about 400-500 miles (seed 002), a rule of thumb.

The range is kept in miles, as the source gives it, and converted exactly (1 mile is exactly
1.609344 km), so a pair at exactly 400 miles, or exactly 643.7376 km, is in the range. It is
convention, not injury evidence: `SHOES_WHY` says so, and every answer carries it.

>>> [float(edge) for edge in range_in("km")], [float(edge) for edge in range_in("mi")]
([643.7376, 804.672], [400.0, 500.0])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.sources import source_names
from calculator.units import UNITS, Unit

__all__ = [
    "KM_PER_MILE",
    "SHOES_RANGE",
    "SHOES_SOURCES",
    "SHOES_UNITS",
    "SHOES_WHY",
    "ShoeUnit",
    "ShoesRange",
    "range_in",
    "shoes_rules",
]

#: The international mile, exactly.
KM_PER_MILE = Fraction("1.609344")


@dataclass(frozen=True)
class ShoesRange:
    """When a pair is usually replaced, in miles as the source gives it."""

    low_miles: Fraction
    high_miles: Fraction
    label: str
    source: str
    sources: tuple[str, ...]


SHOES_RANGE = ShoesRange(
    low_miles=Fraction(400),
    high_miles=Fraction(500),
    label="Usually replaced after about 400-500 miles (about 650-800 km)",
    # 25 miles a week reaches 400-500 miles in 16-20 weeks, about 4-5 months (seed 002 says 3-4).
    source=f"{source_names('seed-002', capital=True)}; at 5 miles a day, 5 days a week, that is a new pair about every 4-5 months",
    sources=("seed-002",),
)

#: How strong that is, in plain words: a rule of thumb; comfort is the guide (seed 001).
SHOES_WHY = (
    f"The 400-500 mile range is a rule of thumb ({source_names('seed-002')}), not injury evidence: "
    "tests have reported cushioning wearing down with mileage, but no study links a set mileage to "
    f"injury. How the shoes feel is the better guide ({source_names('seed-001')})."
)
SHOES_SOURCES = ("seed-002", "seed-001")


@dataclass(frozen=True)
class ShoeUnit:
    """A unit of distance for shoes, with the most a pair may have on it (a typing-mistake catch)."""

    unit: Unit
    max_on_pair: int


#: Shoes wear with distance, so minutes are not offered. 5000 miles is ten times the range's top.
SHOES_UNITS: dict[str, ShoeUnit] = {
    "km": ShoeUnit(UNITS["km"], 8000),
    "mi": ShoeUnit(UNITS["mi"], 5000),
}


def range_in(unit: str) -> tuple[Fraction, Fraction]:
    """The replacement range in a unit ("km" or "mi"), exactly."""
    factor = KM_PER_MILE if unit == "km" else Fraction(1)
    return SHOES_RANGE.low_miles * factor, SHOES_RANGE.high_miles * factor


def shoes_rules() -> dict[str, Any]:
    """Return the shoes check's range, units and caveat, ready for JSON.

    >>> rules = shoes_rules()
    >>> rules["range"]["low_miles"], rules["range"]["km"], [unit["key"] for unit in rules["units"]]
    (400.0, [643.7376, 804.672], ['km', 'mi'])
    """
    low_km, high_km = range_in("km")
    return {
        "range": {
            "low_miles": float(SHOES_RANGE.low_miles),
            "high_miles": float(SHOES_RANGE.high_miles),
            "km": [float(low_km), float(high_km)],
            "km_per_mile": float(KM_PER_MILE),
            "label": SHOES_RANGE.label,
            "source": SHOES_RANGE.source,
            "sources": list(SHOES_RANGE.sources),
        },
        "units": [
            {
                "key": key,
                "label": entry.unit.label,
                "max_on_pair": entry.max_on_pair,
                "max_per_week": entry.unit.max_per_week,
            }
            for key, entry in SHOES_UNITS.items()
        ],
        "default_unit": "km",
        "why": SHOES_WHY,
        "sources": list(SHOES_SOURCES),
    }
