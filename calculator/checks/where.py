"""The where check: where it hurts, and what else you notice -> the conditions it MAY be.

Never a diagnosis: every answer says so (``not_a_diagnosis``, and in its summary). The
conditions come from the rules table (`calculator.rules.where`), each linked to its page; a
feature the sources tie to a condition moves that condition up, and a feature that is a sign
to get checked (swelling, locking, an injury, ...) is one of the red-flags check's questions: it
sets ``see_clinician``, links the red flags and gives the red-flags check's level for those
signs (``urgency``), so the two checks never disagree.

>>> result = check_where("outside", features=["snapping"])
>>> [condition.key for condition in result.conditions], result.verdict
(['itb-syndrome', 'meniscus-tear', 'ligament-sprain'], 'may-be')
>>> result = check_where("front", features=["locking", "after-injury"])
>>> result.see_clinician, result.urgency["level"]
(True, 'urgent')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from calculator.answer import SEND, Answer, Record
from calculator.checks.redflags import RedflagsResult, check_redflags
from calculator.errors import Problem, raise_problems
from calculator.reading import quoted, read_choice, words
from calculator.rules.where import (
    FEATURES,
    LOCATIONS_BY_KEY,
    NOT_A_DIAGNOSIS,
    Condition,
    Feature,
    conditions_at,
)
from calculator.sources import source_names
from calculator.tables import Table, row, table

__all__ = ["WhereCondition", "WhereResult", "check_where"]

#: At most this many features in one request (there are fewer kinds; duplicates count once).
MAX_FEATURES = 50


@dataclass(frozen=True)
class WhereCondition(Record):
    """A condition the pain may come from, with the reader's features that fit it.

    >>> check_where("back").conditions[0].as_dict()["page"]
    'conditions/hamstring-tendinopathy.md'
    """

    key: str
    name: str
    page: str
    also_called: tuple[str, ...]
    typical: str
    note: str
    matching_features: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class WhereResult(Answer):
    """The answer of `check_where`: the conditions it may be, the features read, and what to do."""

    location: str
    location_label: str
    location_note: str
    conditions: tuple[WhereCondition, ...]
    features: tuple[Feature, ...] = field(
        metadata={SEND: ("key", "label", "note", "red_flag", "redflag", "sources")}
    )
    not_a_diagnosis: str
    urgency: dict[str, Any] | None  # the red-flags check's level for the red-flag features, or None

    def table(self) -> Table | None:
        """The conditions pain here may come from; none when there are none."""
        if not self.conditions:
            return None
        rows = [
            row([condition.name, ", ".join(condition.also_called) or "—", condition.typical])
            for condition in self.conditions
        ]
        return table(
            f"What pain here may come from ({self.location_label.lower()}): not a diagnosis",
            ["Condition", "Also called", "What it is usually like"],
            rows,
        )


def check_where(location: str, /, *, features: Sequence[str] = ()) -> WhereResult:
    """List the conditions pain at *location* may come from, with what *features* add.

    >>> result = check_where("front", features=["stairs", "after-injury"])
    >>> result.conditions[0].key, result.conditions[0].matching_features, result.see_clinician
    ('patellofemoral-pain', ('stairs',), True)
    >>> result.summary
    "Pain at the front of the knee may come from patellofemoral pain (runner's knee), patellar tendinopathy (jumper's knee), quadriceps tendinopathy, knee bursitis, knee osteoarthritis, fat pad irritation or knee pain in children and teenagers (Osgood-Schlatter and others): this is not a diagnosis, and some of what you describe points to booking an assessment with a GP or physiotherapist: it is not urgent."

    Raises `CalculatorError` for an unknown location (``location``), features that are not a
    list (``features``) or an unknown feature (``features[i]``).

    >>> check_where("knee", features=["stairs", "itchy"])
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: location: Unknown location 'knee': choose front, around-kneecap, above-kneecap, below-kneecap, inside, outside or back.; features[1]: Unknown feature 'itchy': choose from swelling, locking, after-injury, gives-way, night-pain, limping, snapping, stairs, sitting, long-runs, morning-stiffness, tender-below-kneecap, sprinting or bending.
    """
    problems: list[Problem] = []
    choices = words(list(LOCATIONS_BY_KEY), "or")
    # A reader who chose nothing is told the places as the form shows them, not their keys.
    shown = words([place.label[0].lower() + place.label[1:] for place in LOCATIONS_BY_KEY.values()], "or")
    place = read_choice(
        location,
        LOCATIONS_BY_KEY,
        "location",
        f"Say where it hurts: choose {shown}."
        if location is None
        else f"Unknown location{{}}: choose {choices}.",
        problems,
    )
    chosen = _read_features(features, problems)
    raise_problems(problems)
    assert place is not None
    conditions = _ranked(conditions_at(place.key), chosen)
    flags = [feature for feature in chosen if feature.redflag]
    redflags = (
        check_redflags({feature.redflag: True for feature in flags if feature.redflag}) if flags else None
    )
    see_clinician = bool(flags)
    names = words([_in_sentence(condition.name) for condition in conditions], "or")
    # one sentence: "..., and some of what you describe points to getting seen today, ..."
    points_to = redflags.summary.removeprefix("Your answers point to ") if redflags else ""
    checked = f", and some of what you describe points to {points_to}" if redflags else "."
    links = [condition.page for condition in conditions] + ["conditions/index.md"]
    if see_clinician or place.note:
        links.append("red-flags.md")
    sources = [key for condition in conditions for key in condition.sources]
    sources += [key for feature in chosen for key in feature.sources] + list(place.note_sources)
    return WhereResult(
        location=place.key,
        location_label=place.label,
        location_note=place.note,
        conditions=conditions,
        features=tuple(chosen),
        not_a_diagnosis=NOT_A_DIAGNOSIS,
        summary=f"Pain {place.phrase} may come from {names}: this is not a diagnosis{checked}",
        urgency=_urgency(redflags),
        verdict="see-clinician" if see_clinician else "may-be",
        why=_why(redflags),
        links=tuple(links),
        sources=tuple(dict.fromkeys(sources)),
        see_clinician=see_clinician,
    )


def _read_features(features: object, problems: list[Problem]) -> list[Feature]:
    """Read the features: a list of known keys; a repeated key counts once."""
    if features is None:
        return []
    if not isinstance(features, (list, tuple)):
        problems.append(
            Problem("features", 'Features must be a list, like ["swelling", "stairs"], or left out.')
        )
        return []
    if len(features) > MAX_FEATURES:
        problems.append(Problem("features", f"Enter at most {MAX_FEATURES} features."))
        return []
    known = words(list(FEATURES), "or")
    chosen: dict[str, Feature] = {}
    for index, key in enumerate(features):
        if isinstance(key, str) and key in FEATURES:
            chosen.setdefault(key, FEATURES[key])
        else:
            problems.append(
                Problem(f"features[{index}]", f"Unknown feature{quoted(key)}: choose from {known}.")
            )
    return list(chosen.values())


def _ranked(conditions: tuple[Condition, ...], features: list[Feature]) -> tuple[WhereCondition, ...]:
    """The conditions with the features that fit them, those with more fitting features first."""
    found = [
        WhereCondition(
            key=condition.key,
            name=condition.name,
            page=condition.page,
            also_called=condition.also_called,
            typical=condition.typical,
            note=condition.note,
            matching_features=tuple(feature.key for feature in features if condition.key in feature.supports),
            sources=condition.sources,
        )
        for condition in conditions
    ]
    return tuple(sorted(found, key=lambda condition: -len(condition.matching_features)))


def _urgency(redflags: RedflagsResult | None) -> dict[str, Any] | None:
    """The red-flags check's level for the red-flag features, as the protocol sends it."""
    if redflags is None:
        return None
    return {
        "level": redflags.level,
        "level_label": redflags.level_label,
        "heading": redflags.heading,
        "action": redflags.action,
        "watch": redflags.watch,
        "calls": [dict(call) for call in redflags.calls],
    }


def _why(redflags: RedflagsResult | None) -> str:
    """Where the mapping comes from and how strong it is; the most urgent sign to get checked first, if any."""
    basis = (
        f"The list follows where {source_names('seed-002', 'seed-004')} say each common cause of "
        "running knee pain hurts: a rough guide, as pains overlap."
    )
    return f"{redflags.reasons[0].reason} {basis}" if redflags else basis


def _in_sentence(name: str) -> str:
    """A condition's name inside a sentence: a common noun in lower case, a name after a person
    (Baker's cyst) or an abbreviation (ITB) as it is.

    >>> _in_sentence("Meniscus tear"), _in_sentence("Baker's cyst"), _in_sentence("ITB syndrome")
    ('meniscus tear', "Baker's cyst", 'ITB syndrome')
    """
    first = name.split()[0]
    if first.endswith("'s") or (len(first) > 1 and first[1].isupper()):
        return name
    return name[0].lower() + name[1:]
