"""The plan check's rules: its step, its one recovery pattern, and what the sources do not give.

A plan's weekly limits are the ramp check's (`calculator.rules`: standard, returning,
conservative, or the reader's own custom limit): they are not written again here. What is the
plan's own: volumes are rounded *down* to PLAN_STEP of the unit (never up: a rounded plan stays
within its limit), the longest plan is MAX_WEEKS (the ramp check's ten years), and the only
recovery pattern the sources describe is a week held at the same volume after each rise (seed
002: 5 miles a run -> 5.5, then wait a week). The sources give no figures for lighter "cut-back"
weeks, so plans have none.

>>> PLAN_STEP, HOLD_WEEKS.sources
(Fraction(1, 10), ('seed-002',))
>>> plan_rules()["hold_weeks"]["key"], plan_rules()["cut_back_weeks"]["given"]
('hold_weeks', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.reading import EARLIEST_DATE, LATEST_DATE
from calculator.sources import source_names
from calculator.units import MAX_WEEKS

__all__ = [
    "CUT_BACK_NOTE",
    "HOLD_WEEKS",
    "MAX_PLAN_WEEKS",
    "PLAN_CAVEAT",
    "PLAN_CAVEAT_SOURCES",
    "PLAN_STEP",
    "HoldPattern",
    "plan_rules",
]

#: Planned volumes are rounded down to a tenth of the unit (0.1 km, 0.1 mile, 0.1 minute).
PLAN_STEP = Fraction(1, 10)
#: The longest plan, holds included: the ramp check's ten years.
MAX_PLAN_WEEKS = MAX_WEEKS


@dataclass(frozen=True)
class HoldPattern:
    """A week held at the same volume after each rise: the one recovery pattern the sources give."""

    key: str
    label: str
    description: str
    source: str
    sources: tuple[str, ...]


HOLD_WEEKS = HoldPattern(
    key="hold_weeks",
    label="Hold a week after each rise",
    description="After each rise, run the same amount for a week before the next rise.",
    source=f"{source_names('seed-002', capital=True)}: 5 miles a run becomes up to 5.5, then wait a week before "
    "the next rise",
    sources=("seed-002",),
)

#: Said in every plan's rules and in the answer's `why`: the sources give no cut-back figures.
CUT_BACK_NOTE = (
    "Our sources give no figures for lighter cut-back weeks, so plans have none: a week held "
    "at the same volume is the only recovery pattern they describe."
)

#: What to do when the knee complains, whatever the plan says (seed 001).
PLAN_CAVEAT = (
    "A plan is a guide, not a promise: if your knee starts to hurt, drop back to an amount it "
    f"copes with and build up again more slowly ({source_names('seed-001')})."
)
PLAN_CAVEAT_SOURCES = ("seed-001",)


def plan_rules() -> dict[str, Any]:
    """Return the plan check's rules, ready for JSON; its limits and units are the ramp check's.

    >>> rules = plan_rules()
    >>> rules["limits_from"], rules["step"], rules["max_weeks"], rules["dates"]["earliest"]
    ('ramp', 0.1, 520, '2000-01-01')
    """
    return {
        "limits_from": "ramp",  # profiles, the custom limit and units: rules["ramp"]
        "step": float(PLAN_STEP),
        "rounding": "down",
        "max_weeks": MAX_PLAN_WEEKS,
        "hold_weeks": {
            "key": HOLD_WEEKS.key,
            "label": HOLD_WEEKS.label,
            "description": HOLD_WEEKS.description,
            "default": False,
            "source": HOLD_WEEKS.source,
            "sources": list(HOLD_WEEKS.sources),
        },
        "cut_back_weeks": {"given": False, "note": CUT_BACK_NOTE, "sources": list(HOLD_WEEKS.sources)},
        "dates": {
            "earliest": EARLIEST_DATE.isoformat(),
            "latest": LATEST_DATE.isoformat(),
            "format": "YYYY-MM-DD",
        },
        "caveat": PLAN_CAVEAT,
        "caveat_sources": list(PLAN_CAVEAT_SOURCES),
    }
