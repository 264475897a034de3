"""Where it hurts -> the conditions it may be, and what other features point to: a rules table.

Seed 002 maps the five common causes of running knee pain by where they hurt (runner's knee at
the front and around the kneecap, ITB syndrome on the outer side, jumper's knee just below the
kneecap, hamstring tendinopathy at the back, bursitis depending on the bursa); seed 004 adds
quadriceps tendinopathy; osteoarthritis is general. After a clinical review (issue 11) the table
also holds what runners get that those five articles leave out: the injuries (meniscus tear,
ligament sprains, kneecap dislocation, which "it started with an injury" points to), bone stress
injuries, the other causes at the back (Baker's cyst) and on the inner side (pes anserine
bursitis, plica), fat pad irritation, and knee pain in children and teenagers. Each has a page;
the site's build checks that each condition page's ``pain_locations`` front matter agrees with
`CONDITIONS` (through the ``rules`` check), and the content tests that every condition page is
here.

It is never a diagnosis: `NOT_A_DIAGNOSIS` says so in every answer.

>>> [condition.key for condition in conditions_at("back")]
['hamstring-tendinopathy', 'meniscus-tear', 'bakers-cyst']
>>> FEATURES["locking"].redflag, FEATURES["stairs"].supports
('locked', ('patellofemoral-pain',))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculator.rules.redflags import QUESTIONS
from calculator.sources import source_names

__all__ = [
    "CONDITIONS",
    "CONDITIONS_BY_KEY",
    "FEATURES",
    "LOCATIONS",
    "LOCATIONS_BY_KEY",
    "NOT_A_DIAGNOSIS",
    "WHERE_FEATURES",
    "Condition",
    "Feature",
    "Location",
    "conditions_at",
    "where_rules",
]

#: Said in every answer of the where check.
NOT_A_DIAGNOSIS = (
    "These are conditions it may be, not a diagnosis: only an examination by a "
    "physiotherapist or doctor can tell what it is."
)


@dataclass(frozen=True)
class Location:
    """Where on the knee it hurts, as the reader picks it; *note* is a source-backed word of care."""

    key: str
    label: str
    phrase: str  # in a sentence: "Pain at the front of the knee"
    note: str = ""
    note_sources: tuple[str, ...] = ()


#: The locations in anatomical order (front, the kneecap from above to below, sides, back), as forms
#: and the site's tables offer them. Their keys are the only values of the pages' ``pain_locations``.
LOCATIONS: tuple[Location, ...] = (
    Location("front", "The front of the knee", "at the front of the knee"),
    Location("around-kneecap", "Around the kneecap", "around the kneecap"),
    Location("above-kneecap", "Just above the kneecap", "just above the kneecap"),
    Location("below-kneecap", "Just below the kneecap", "just below the kneecap"),
    Location("inside", "The inner side of the knee", "on the inner side of the knee"),
    Location("outside", "The outer side of the knee", "on the outer side of the knee"),
    Location(
        "back",
        "The back of the knee",
        "at the back of the knee",
        "Pain behind the knee together with pain, swelling or warmth in one calf, or red or darkened "
        "skin behind the knee, can be a blood clot (DVT): check the red flags.",
        ("nhs-dvt",),
    ),
)
LOCATIONS_BY_KEY: dict[str, Location] = {location.key: location for location in LOCATIONS}


@dataclass(frozen=True)
class Condition:
    """A condition the pain may come from: its page, where it usually hurts and how it feels."""

    key: str
    name: str
    page: str  # docs-relative
    also_called: tuple[str, ...]
    locations: tuple[str, ...]  # Location keys: must equal the page's pain_locations
    typical: str
    sources: tuple[str, ...]
    note: str = ""  # where the sources are silent, said plainly


#: The conditions: the five overuse problems the source articles name, the commonest first (runner's
#: knee: seed 002; Nielsen 2014, PLoS ONE, second only to shin pain among injured new runners), then
#: arthritis, the injuries (a medial meniscus injury was about 9 % of injuries in the same study),
#: bone stress injuries and the less common causes.
CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "patellofemoral-pain",
        "Patellofemoral pain (runner's knee)",
        "conditions/patellofemoral-pain.md",
        ("runner's knee", "PFPS", "anterior knee pain"),
        ("front", "around-kneecap"),
        "A vague ache around the front of the knee and the kneecap, often worse on long runs, going "
        "down stairs or after sitting for a while.",
        ("seed-002", "seed-004"),
    ),
    Condition(
        "itb-syndrome",
        "Iliotibial band syndrome (ITBS)",
        "conditions/itb-syndrome.md",
        ("ITB syndrome", "IT band syndrome"),
        ("outside",),
        "Pain on the outer side of the knee, sometimes with swelling or a snapping or popping feeling.",
        ("seed-002", "seed-004"),
    ),
    Condition(
        "patellar-tendinopathy",
        "Patellar tendinopathy (jumper's knee)",
        "conditions/patellar-tendinopathy.md",
        ("jumper's knee", "patellar tendonitis"),
        ("below-kneecap", "front"),
        "Pain in the tendon just below the kneecap, often tender to touch, with aching and stiffness "
        "after running and first thing in the morning.",
        ("seed-002", "seed-004"),
    ),
    Condition(
        "quadriceps-tendinopathy",
        "Quadriceps tendinopathy",
        "conditions/quadriceps-tendinopathy.md",
        ("quadriceps tendonitis",),
        ("above-kneecap", "front"),
        "An irritated tendon just above the kneecap, where the thigh muscles join it.",
        ("seed-004",),
        f"{source_names('seed-004', capital=True)} names it as a cause of running knee pain; where it hurts "
        "follows from where the tendon is.",
    ),
    Condition(
        "hamstring-tendinopathy",
        "Hamstring tendinopathy",
        "conditions/hamstring-tendinopathy.md",
        ("hamstring tendonitis",),
        ("back",),
        "Pain and stiffness at the back of the knee, often when bending the leg; one source links it "
        "with a lot of sprinting. Pain behind the knee can also be a Baker's cyst or a meniscus tear.",
        ("seed-002",),
    ),
    Condition(
        "bursitis",
        "Knee bursitis",
        "conditions/bursitis.md",
        ("bursitis",),
        ("front", "below-kneecap", "inside"),
        "An irritated, inflamed fluid-filled sac (bursa); how and where it hurts depends on which bursa: "
        "in front of the kneecap or below it (often from kneeling), or on the inner side just below "
        "the joint (pes anserine bursitis, the one most linked with running).",
        ("seed-002", "statpearls-pes-anserine"),
    ),
    Condition(
        "osteoarthritis",
        "Knee osteoarthritis",
        "conditions/osteoarthritis.md",
        ("OA", "knee arthritis"),
        ("inside", "front"),
        "An ache with activity, most often on the inner side or at the front, with short morning "
        "stiffness, usually from the mid-40s on. Recreational runners have it less often than "
        "inactive people, and many people with it keep running.",
        ("seed-003", "alentorn-geli-2017", "nice-ng226"),
    ),
    Condition(
        "meniscus-tear",
        "Meniscus tear",
        "conditions/meniscus-tear.md",
        ("torn meniscus", "torn cartilage"),
        ("inside", "outside", "back"),
        "Often after a twist on a bent knee: pain along the joint line, swelling over hours, and "
        "catching or locking. It can also come on without an injury after about 40.",
        ("nielsen-2014-recovery", "nhs-knee-pain"),
    ),
    Condition(
        "ligament-sprain",
        "Knee ligament sprain (ACL or MCL)",
        "conditions/ligament-sprain.md",
        ("ACL injury", "MCL sprain", "torn knee ligament"),
        ("inside", "outside"),
        "After a twist, a fall or a knock: a pop, swelling (within hours for the ACL), and a knee "
        "that feels loose or gives way. The MCL hurts on the inner side.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Condition(
        "kneecap-dislocation",
        "Kneecap dislocation and instability",
        "conditions/kneecap-dislocation.md",
        ("dislocated kneecap", "patellar instability"),
        ("around-kneecap", "inside"),
        "The kneecap slipped out of place, even if it went back, usually with a twist: pain and "
        "swelling around the kneecap, often along its inner edge. It always needs checking.",
        ("nhs-dislocated-kneecap",),
    ),
    Condition(
        "bone-stress-injury",
        "Bone stress injury (stress fracture)",
        "conditions/bone-stress-injury.md",
        ("stress fracture", "stress reaction", "REDs"),
        ("inside", "below-kneecap"),
        "Pain on a small spot of bone, often the inner top of the shin, that is sore to press and "
        "builds with each run, later even at rest. Stop running and get it assessed.",
        ("warden-2014", "mountjoy-2023"),
    ),
    Condition(
        "pes-anserine-bursitis",
        "Pes anserine bursitis",
        "conditions/pes-anserine-bursitis.md",
        ("pes anserinus bursitis", "goosefoot bursitis"),
        ("inside",),
        "Tender on the inner side of the shin, a little below the joint, often worse on stairs and "
        "getting up from a chair.",
        ("statpearls-pes-anserine",),
    ),
    Condition(
        "plica-syndrome",
        "Plica syndrome",
        "conditions/plica-syndrome.md",
        ("medial plica syndrome",),
        ("inside", "around-kneecap"),
        "An ache on the inner side of the kneecap with clicking or catching when the knee bends, "
        "mostly in young, active people.",
        ("lee-2017",),
    ),
    Condition(
        "fat-pad-irritation",
        "Fat pad irritation",
        "conditions/fat-pad-irritation.md",
        ("fat pad impingement", "Hoffa's syndrome"),
        ("below-kneecap", "front"),
        "Pain below the kneecap, either side of the tendon, worse with activity and when the knee "
        "is straightened fully.",
        ("genin-2017",),
    ),
    Condition(
        "bakers-cyst",
        "Baker's cyst",
        "conditions/bakers-cyst.md",
        ("popliteal cyst",),
        ("back",),
        "A soft swelling or tight feeling behind the knee, often with arthritis or a meniscus tear. "
        "A painful, swollen calf needs checking for a blood clot.",
        ("nhs-bakers-cyst", "nhs-dvt"),
    ),
    Condition(
        "children-and-teenagers",
        "Knee pain in children and teenagers (Osgood-Schlatter and others)",
        "conditions/children-and-teenagers.md",
        ("Osgood-Schlatter disease", "Sinding-Larsen-Johansson syndrome"),
        ("below-kneecap", "front"),
        "In a growing child: a sore bump just below the kneecap, or pain at its lower tip, worse with "
        "sport. A limp or hip pain needs a doctor the same day: hip problems can be felt in the knee.",
        ("nenc-knee-pain-children", "cks-knee-pain"),
    ),
)
CONDITIONS_BY_KEY: dict[str, Condition] = {condition.key: condition for condition in CONDITIONS}


def conditions_at(location: str) -> tuple[Condition, ...]:
    """The conditions that may hurt at *location*, the most common first."""
    return tuple(condition for condition in CONDITIONS if location in condition.locations)


@dataclass(frozen=True)
class Feature:
    """Something else the reader notices: a red-flag question of the red-flags check (*redflag*,
    its id: the same words, reason, sources and urgency) or a typical sign of the conditions it
    *supports*, only where a source says so."""

    key: str
    label: str
    note: str
    sources: tuple[str, ...]
    redflag: str | None = None  # a question id of calculator.rules.redflags
    supports: tuple[str, ...] = ()  # Condition keys

    @property
    def red_flag(self) -> bool:
        """Whether this feature is a sign to get checked (one of the red-flag questions)."""
        return self.redflag is not None


def _redflag_feature(key: str, question_id: str, *, supports: tuple[str, ...] = ()) -> Feature:
    """A feature that is one of the red-flag questions: its sign, reason and sources come from there."""
    question = QUESTIONS[question_id]
    return Feature(
        key, question.sign, question.reason, question.sources, redflag=question_id, supports=supports
    )


#: The features in the order a form offers them: signs to get checked first.
WHERE_FEATURES: tuple[Feature, ...] = (
    _redflag_feature("swelling", "marked_swelling", supports=("itb-syndrome",)),
    _redflag_feature("locking", "locked"),
    _redflag_feature(
        "after-injury", "injury", supports=("meniscus-tear", "ligament-sprain", "kneecap-dislocation")
    ),
    _redflag_feature("gives-way", "gives_way"),
    _redflag_feature("night-pain", "night_pain"),
    _redflag_feature("limping", "changes_walking"),
    Feature(
        "snapping",
        "A snapping or popping feeling",
        "A snapping or popping feeling on the outer side is typical of ITB syndrome "
        f"({source_names('seed-002')}).",
        ("seed-002",),
        supports=("itb-syndrome",),
    ),
    Feature(
        "stairs",
        "Worse going down stairs",
        f"Runner's knee is often worse coming down stairs ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("patellofemoral-pain",),
    ),
    Feature(
        "sitting",
        "Worse after sitting for a long time",
        f"Runner's knee often aches after sitting for a long time ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("patellofemoral-pain",),
    ),
    Feature(
        "long-runs",
        "Worse on long runs",
        f"Runner's knee is often worse with long spells of activity ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("patellofemoral-pain",),
    ),
    Feature(
        "morning-stiffness",
        "Stiff first thing in the morning",
        f"Jumper's knee often aches and feels stiff first thing in the morning ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("patellar-tendinopathy",),
    ),
    Feature(
        "tender-below-kneecap",
        "Tender to touch just below the kneecap",
        "With jumper's knee, the tendon below the kneecap is usually tender to touch "
        f"({source_names('seed-002')}).",
        ("seed-002",),
        supports=("patellar-tendinopathy",),
    ),
    Feature(
        "sprinting",
        "You do a lot of sprint work",
        f"Hamstring tendinopathy is common in runners who do a lot of sprinting ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("hamstring-tendinopathy",),
    ),
    Feature(
        "bending",
        "It hurts when you bend the leg",
        f"Hamstring tendinopathy often hurts when you bend the leg ({source_names('seed-002')}).",
        ("seed-002",),
        supports=("hamstring-tendinopathy",),
    ),
)
FEATURES: dict[str, Feature] = {feature.key: feature for feature in WHERE_FEATURES}


def where_rules() -> dict[str, Any]:
    """Return the locations, conditions and features, ready for JSON, in the order forms offer them.

    >>> rules = where_rules()
    >>> rules["locations"][0]["key"], rules["locations"][0]["conditions"][0]
    ('front', 'patellofemoral-pain')
    >>> {condition["page"]: condition["locations"] for condition in rules["conditions"]}["conditions/itb-syndrome.md"]
    ['outside']
    """
    return {
        "locations": [
            {
                "key": location.key,
                "label": location.label,
                "phrase": location.phrase,
                "conditions": [condition.key for condition in conditions_at(location.key)],
                "note": location.note,
                "note_sources": list(location.note_sources),
            }
            for location in LOCATIONS
        ],
        "conditions": [
            {
                "key": condition.key,
                "name": condition.name,
                "page": condition.page,
                "also_called": list(condition.also_called),
                "locations": list(condition.locations),
                "typical": condition.typical,
                "note": condition.note,
                "sources": list(condition.sources),
            }
            for condition in CONDITIONS
        ],
        "features": [
            {
                "key": feature.key,
                "label": feature.label,
                "red_flag": feature.red_flag,
                "redflag": feature.redflag,
                "supports": list(feature.supports),
                "note": feature.note,
                "sources": list(feature.sources),
            }
            for feature in WHERE_FEATURES
        ],
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }
