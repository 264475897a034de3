"""The ramp check's limits and caveat: the one home of every number, each with its source.

Limits are exact fractions (``Fraction(1, 10)`` is 10 %), so a week exactly at the limit is
within it: 20 -> 22 km passes the 10 % limit, and so does 2.0 -> 2.2. Pages render these rules
through the protocol's ``rules`` check (`ramp_rules`), so text and checker never disagree.

Source keys (``seed-002``, ``buist-2008``) are the bibliography's keys.

>>> PROFILES["standard"].limit
Fraction(1, 10)
>>> [profile["limit_pct"] for profile in ramp_rules()["profiles"]]
[10.0, 5.0, 2.5]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from calculator.sources import source_names
from calculator.units import DEFAULT_UNIT, MAX_WEEKS, RAMP_UNITS

__all__ = [
    "CUSTOM",
    "DEFAULT_PROFILE",
    "PROFILES",
    "RAMP_CAVEAT",
    "RAMP_CAVEAT_SOURCES",
    "RAMP_PROFILES",
    "CustomLimit",
    "RampProfile",
    "custom_profile",
    "ramp_rules",
    "shown_pct",
]

#: The decimals a custom limit in percent is shown to (its label and every sentence), and so the
#: least one the check takes (calculator.checks.weekly_limit).
LIMIT_DECIMALS = 4


def shown_pct(pct: Fraction) -> str:
    """A limit in percent as the check shows it: up to LIMIT_DECIMALS decimals, no trailing zeros.

    >>> shown_pct(Fraction(1, 10_000)), shown_pct(Fraction(10)), shown_pct(Fraction("33.33333"))
    ('0.0001', '10', '33.3333')
    """
    return f"{float(pct):.{LIMIT_DECIMALS}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class RampProfile:
    """How much a week may grow on the week before, and where that rule comes from.

    >>> PROFILES["conservative"].limit_pct
    2.5
    """

    key: str
    label: str
    limit: Fraction  # the most a week may add, as a share of the week before: 1/10 is 10 %
    description: str
    source: str
    sources: tuple[str, ...]

    @property
    def limit_pct(self) -> float:
        """The limit as a percentage, for people and JSON: 10.0 for 10 %."""
        return float(self.limit * 100)


# The sources' rules of thumb for weekly progression (evidence: "Weekly progression").
STANDARD = RampProfile(
    key="standard",
    label="Standard: up to 10 % a week",
    limit=Fraction("0.10"),  # seed 002 and seed 004: "up to 10 % more per week"
    description="The common rule of thumb: add no more than a tenth of last week.",
    source=f"A rule of thumb from {source_names('seed-002', 'seed-004')}",
    sources=("seed-002", "seed-004"),
)
RETURNING = RampProfile(
    key="returning",
    label="Returning: up to 5 % a week",
    limit=Fraction("0.05"),  # seed 002: 5 % when starting out or coming back from injury
    description="For starting out, or for coming back after an injury or a long break.",
    source=f"{source_names('seed-002', capital=True)}, for starting out or coming back from injury",
    sources=("seed-002",),
)
CONSERVATIVE = RampProfile(
    key="conservative",
    label="Conservative: up to 2.5 % a week",
    limit=Fraction("0.025"),  # seed 001: 10 miles -> +0.25 mile, 90 min -> +2-3 min
    description="A slow, steady build: 10 miles becomes 10.25 miles the week after.",
    source=f"A conservative progression from {source_names('seed-001')}",
    sources=("seed-001",),
)

#: The profiles in the order a form offers them.
RAMP_PROFILES: tuple[RampProfile, ...] = (STANDARD, RETURNING, CONSERVATIVE)
PROFILES: dict[str, RampProfile] = {profile.key: profile for profile in RAMP_PROFILES}
DEFAULT_PROFILE = STANDARD.key


@dataclass(frozen=True)
class CustomLimit:
    """The reader's own weekly limit: profile "custom" with a ``limit_pct`` above 0 and at most `max`.

    The ceiling is not advice: it catches typing mistakes (a limit of 100 % doubles every week).

    >>> CUSTOM.max_pct, custom_profile(Fraction("7.5")).limit, custom_profile(Fraction(15)).label
    (50.0, Fraction(3, 40), 'Custom: up to 15 % a week')
    """

    key: str
    label: str
    field: str  # the request field that holds the limit
    max: Fraction  # the largest limit accepted: 1/2 is 50 %
    description: str
    source: str
    sources: tuple[str, ...]

    @property
    def max_pct(self) -> float:
        """The ceiling as a percentage, for people and JSON: 50.0."""
        return float(self.max * 100)


CUSTOM = CustomLimit(
    key="custom",
    label="Custom: your own weekly limit",
    field="limit_pct",
    max=Fraction(1, 2),
    description="A limit you choose, above 0 % and up to 50 % a week.",
    source="Your own choice: the sources give only the three limits above",
    sources=(),  # no source gives other limits; the result still cites the caveat's trial
)


def custom_profile(limit_pct: Fraction) -> RampProfile:
    """Return the profile for the reader's own limit, given exactly in percent (7.5 is 7.5 %)."""
    return RampProfile(
        key=CUSTOM.key,
        label=f"Custom: up to {shown_pct(limit_pct)} % a week",
        limit=limit_pct / 100,
        description=CUSTOM.description,
        source=CUSTOM.source,
        sources=CUSTOM.sources,
    )


#: Every weekly limit is a rule of thumb; one calm sentence says how strong the evidence is.
RAMP_CAVEAT = (
    "Weekly limits like this are rules of thumb: in a trial of 532 new runners, a plan "
    "built on the 10 % rule did not lower injuries (20.8 % injured, against 20.3 % on "
    "a standard plan; Buist et al. 2008)."
)
RAMP_CAVEAT_SOURCES = ("buist-2008",)  # Am J Sports Med 36(1):33-39, randomised trial


def ramp_rules() -> dict[str, Any]:
    """Return the ramp check's profiles and units, ready for JSON, in the order forms offer them.

    >>> rules = ramp_rules()
    >>> rules["profiles"][1]["key"], rules["profiles"][1]["limit_pct"], rules["profiles"][1]["sources"]
    ('returning', 5.0, ['seed-002'])
    >>> [(unit["key"], unit["label"], unit["max"]) for unit in rules["units"]]
    [('km', 'km', 1000), ('mi', 'miles', 620), ('min', 'minutes', 10080)]
    """
    return {
        "profiles": [
            {
                "key": profile.key,
                "label": profile.label,
                "limit_pct": profile.limit_pct,
                "description": profile.description,
                "source": profile.source,
                "sources": list(profile.sources),
            }
            for profile in RAMP_PROFILES
        ],
        "default_profile": DEFAULT_PROFILE,
        "custom": {
            "key": CUSTOM.key,
            "label": CUSTOM.label,
            "field": CUSTOM.field,
            "min_pct_exclusive": 0,
            "max_pct": CUSTOM.max_pct,
            "description": CUSTOM.description,
            "source": CUSTOM.source,
            "sources": list(CUSTOM.sources),
        },
        "units": [{"key": unit.key, "label": unit.label, "max": unit.max_per_week} for unit in RAMP_UNITS],
        "default_unit": DEFAULT_UNIT,
        "max_weeks": MAX_WEEKS,
        "caveat": RAMP_CAVEAT,
        "caveat_sources": list(RAMP_CAVEAT_SOURCES),
    }
