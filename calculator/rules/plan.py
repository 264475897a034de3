"""The plan check's rules: its step, its two recovery patterns, and what the sources do not give.

A plan's weekly limits are the ramp check's (`calculator.rules`: standard, returning,
conservative, or the reader's own custom limit): they are not written again here. What is the
plan's own: volumes are rounded *down* to the unit's step (`plan_step`: never up, so a rounded plan
stays within its limit), the longest plan is MAX_WEEKS (the ramp check's ten years), and the only
recovery pattern the sources describe is a week held at the same volume after each rise (seed
002: 5 miles a run -> 5.5, then wait a week). The sources give no figures for lighter "cut-back"
weeks; a plan may still have one after every three rises (EASIER_WEEKS), back at the amount those
rises started from, since going back afterwards to the level before an easier week is not a spike
by the ramp check's baseline (the most of the 4 weeks before, Frandsen et al. 2025).

>>> plan_step("km"), plan_step("min"), HOLD_WEEKS.sources
(Fraction(1, 10), Fraction(1, 1), ('seed-002',))
>>> plan_rules()["hold_weeks"]["key"], plan_rules()["cut_back_weeks"]["key"]
('hold_weeks', 'easier_weeks')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.reading import AMOUNT_STEPS, EARLIEST_DATE, LATEST_DATE
from calculator.sources import source_names
from calculator.units import MAX_WEEKS, RAMP_UNITS

__all__ = [
    "CUT_BACK_NOTE",
    "EASIER_WEEKS",
    "HOLD_WEEKS",
    "MAX_PLAN_WEEKS",
    "PLAN_CAVEAT",
    "PLAN_CAVEAT_SOURCES",
    "EasierPattern",
    "HoldPattern",
    "plan_rules",
    "plan_step",
]


def plan_step(unit: str) -> Fraction:
    """The step planned volumes are rounded down to: the precision the unit's amounts are shown to
    (`calculator.reading.AMOUNT_STEPS`: 0.1 km, 0.1 mile, a whole minute), so a plan never reads
    "20.9 minutes" (issue 9). *unit* is a unit key; raises KeyError for another.

    >>> plan_step("mi")
    Fraction(1, 10)
    """
    return AMOUNT_STEPS[unit]


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


@dataclass(frozen=True)
class EasierPattern:
    """An easier week after every few rises, and the week after it back at the level before it.

    ``ours``: the pattern is common coaching practice that trials have not tested; what makes it
    safe to plan is the ramp check's baseline (the most of the 4 weeks before, Frandsen et al.
    2025), under which going back to the level before an easier week is not a spike.
    """

    key: str
    label: str
    description: str
    rises: int  # rises before each easier week
    source: str
    sources: tuple[str, ...]
    ours: bool


EASIER_WEEKS = EasierPattern(
    key="easier_weeks",
    label="An easier week after every three rises",
    description=(
        "After three rises, one easier week back at the amount the three rises started from; the week "
        "after it builds on the level before the easier week, not on the easier week."
    ),
    rises=3,
    source=(
        "Common coaching practice, not tested in trials; the week after it is judged as the largest study "
        "of runners judged a run, against the most of the weeks before"
    ),
    sources=("frandsen-2025",),
    ours=True,
)

#: Said in every plan's rules: where easier weeks come from, and how strong that is.
CUT_BACK_NOTE = (
    "Planned easier (cut-back) weeks every third or fourth week are common coaching practice that "
    "trials have not tested; the sources give no figures for them. A plan offers one after every "
    "three rises, back at the amount those rises started from, so it needs no new number."
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
    ('ramp', {'km': 0.1, 'mi': 0.1, 'min': 1.0}, 520, '2000-01-01')
    """
    return {
        "limits_from": "ramp",  # profiles, the custom limit and units: rules["ramp"]
        "step": {unit.key: float(plan_step(unit.key)) for unit in RAMP_UNITS},
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
        "cut_back_weeks": {
            "given": True,
            "key": EASIER_WEEKS.key,
            "label": EASIER_WEEKS.label,
            "description": EASIER_WEEKS.description,
            "default": False,
            "rises": EASIER_WEEKS.rises,
            "note": CUT_BACK_NOTE,
            "source": EASIER_WEEKS.source,
            "sources": list(EASIER_WEEKS.sources),
            "ours": EASIER_WEEKS.ours,
        },
        "dates": {
            "earliest": EARLIEST_DATE.isoformat(),
            "latest": LATEST_DATE.isoformat(),
            "format": "YYYY-MM-DD",
        },
        "caveat": PLAN_CAVEAT,
        "caveat_sources": list(PLAN_CAVEAT_SOURCES),
    }
