"""The ramp check's limits, units and caveat: the one home of every number, each with its source.

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

from calculator.readers import words

__all__ = [
    "CUSTOM",
    "DEFAULT_PROFILE",
    "DEFAULT_UNIT",
    "DISCLAIMER",
    "MAX_WEEKS",
    "MIN_VOLUME",
    "PAGE_TITLES",
    "PROFILES",
    "RAMP_CAVEAT",
    "RAMP_CAVEAT_SOURCES",
    "RAMP_PROFILES",
    "RAMP_UNITS",
    "SOURCE_NAMES",
    "UNITS",
    "CustomLimit",
    "RampProfile",
    "Unit",
    "custom_profile",
    "link",
    "ramp_rules",
    "source_names",
]

# --- shared by every check --------------------------------------------------------------------------

#: The one-line disclaimer every answer carries (result["disclaimer"]).
DISCLAIMER = "A guide, not a diagnosis or medical advice."

#: The pages an answer may link to (docs-relative path -> the page's title), for result["links"].
PAGE_TITLES: dict[str, str] = {
    "red-flags.md": "When to see a clinician",
    "calculator/ramp.md": "Weekly ramp check",
    "calculator/spike.md": "Long-run spike check",
    "prevention/load-progression.md": "Building up your running gradually",
    "prevention/footwear.md": "Running shoes and knee pain",
    "prevention/overtraining.md": "Overtraining: the warning signs",
    "prevention/rest-and-recovery.md": "Rest and recovery between runs",
    "causes/training-errors.md": "Training errors that lead to knee pain",
    "causes/load-and-capacity.md": "Load and capacity, the idea behind most knee pain",
    "conditions/index.md": "Where does it hurt?",
    "conditions/patellofemoral-pain.md": "Patellofemoral pain (runner's knee)",
    "conditions/itb-syndrome.md": "Iliotibial band syndrome (ITBS)",
    "conditions/patellar-tendinopathy.md": "Patellar tendinopathy (jumper's knee)",
    "conditions/quadriceps-tendinopathy.md": "Quadriceps tendinopathy",
    "conditions/hamstring-tendinopathy.md": "Hamstring tendinopathy",
    "conditions/bursitis.md": "Knee bursitis",
    "conditions/osteoarthritis.md": "Knee osteoarthritis in runners",
    "treatment/returning-to-running.md": "Returning to running",
    "myths/pain-means-damage.md": "Myth: if your knee hurts, it is damaged",
}


#: How reader-facing text names the five source articles the knowledge base grew from, keyed by
#: their bibliography keys (docs/bibliography.yml; the articles are ../shared/seeds/000-004).
#: Readers do not know what a "seed" is, so every summary, why, caveat, label, description, note
#: and reason names a source article only through this mapping (usually with `source_names`);
#: the ``sources`` lists keep the keys. The two physiotherapy clinics' articles are told apart by
#: what they are: seed 000 is a clinic's myth-busting blog post (our red flags come from it),
#: seed 004 a clinic's guide to treating running knee pain.
SOURCE_NAMES: dict[str, str] = {
    "seed-000": "a physiotherapy clinic's blog",
    "seed-001": "Hinge Health's physical therapists",
    "seed-002": "a self-help knee site",
    "seed-003": "an occupational therapist's article",
    "seed-004": "a physiotherapy clinic's treatment guide",
}


def source_names(*keys: str, capital: bool = False) -> str:
    """Name the source articles with these bibliography keys, as a sentence does (`SOURCE_NAMES`).

    *capital* starts the words with a capital letter, for the start of a sentence.

    >>> source_names("seed-002", "seed-004")
    "a self-help knee site and a physiotherapy clinic's treatment guide"
    >>> source_names("seed-000", capital=True)
    "A physiotherapy clinic's blog"
    """
    named = words([SOURCE_NAMES[key] for key in keys])
    return named[:1].upper() + named[1:] if capital else named


def link(page: str) -> dict[str, str]:
    """Return one entry of result["links"]: the page's title and its docs-relative path.

    >>> link("prevention/footwear.md")
    {'title': 'Running shoes and knee pain', 'page': 'prevention/footwear.md'}
    """
    return {"title": PAGE_TITLES[page], "page": page}


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
    shown = f"{float(limit_pct):.4f}".rstrip("0").rstrip(".")
    return RampProfile(
        key=CUSTOM.key,
        label=f"Custom: up to {shown} % a week",
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

#: The most weeks one request may hold: ten years.
MAX_WEEKS = 520
#: The smallest week that counts as running (the page shows two decimals); 0 is a week off.
MIN_VOLUME = Fraction("0.01")


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
