"""The red-flag questions and the urgency levels they lead to: the one home of each, with sources.

Each question is a yes/no question for the reader; a yes raises the answer to the question's
urgency, and the answer is the most urgent of them (`calculator.checks.redflags`). The levels are
self-care plus the NHS's three care levels (non-urgent, urgent, emergency), worded calmly: the
aim is to help a reader decide where to go, not to scare them (nhs-care-levels).

The Ottawa knee rules' questions (Stiell et al. 1995) count only after an injury: they are asked
only when the reader says yes to ``injury`` (their ``asked_if``).

>>> [level.key for level in LEVELS]
['self-care', 'soon', 'urgent', 'emergency']
>>> QUESTIONS["locked"].urgency, QUESTIONS["ottawa_steps"].asked_if
('urgent', 'injury')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculator.answer import sendable

__all__ = [
    "LEVELS",
    "LEVELS_BY_KEY",
    "QUESTIONS",
    "REDFLAG_QUESTIONS",
    "SELF_CARE",
    "Level",
    "Question",
    "redflags_rules",
]


@dataclass(frozen=True)
class Level:
    """How urgently to get help: its rank (higher is more urgent), words and what to do."""

    key: str
    rank: int
    label: str
    care_level: str | None  # the NHS's words: "non-urgent", "urgent", "emergency"; None for self-care
    summary: str  # the answer's one sentence at this level
    action: str
    sources: tuple[str, ...]


SELF_CARE = Level(
    "self-care",
    0,
    "Self-care: look after it yourself",
    None,
    "None of the warning signs apply, so you can look after your knee yourself for now.",
    "You can look after your knee yourself for now: change your training for a while rather than "
    "stopping, build back up gradually, and check these signs again if anything changes.",
    ("seed-000", "seed-003"),
)
SOON = Level(
    "soon",
    1,
    "Non-urgent: book an assessment",
    "non-urgent",
    "Your answers point to booking an assessment with a physiotherapist or your GP: it is not urgent.",
    "Book an appointment with a physiotherapist or your GP. It is not urgent, but it is worth "
    "having checked.",
    ("nhs-care-levels",),
)
URGENT = Level(
    "urgent",
    2,
    "Urgent: get seen today",
    "urgent",
    "Your answers point to getting seen today, by your GP or an urgent care service.",
    "Contact your GP or an urgent care service today (in the UK, NHS 111 can tell you where to go).",
    ("nhs-care-levels",),
)
EMERGENCY = Level(
    "emergency",
    3,
    "Emergency: get help now",
    "emergency",
    "Your answers point to getting help now: call 999 (112 in much of Europe) or go to A&E.",
    "Call 999 (112 in much of Europe) or go to A&E now.",
    ("nhs-care-levels",),
)

#: The levels, least urgent first.
LEVELS: tuple[Level, ...] = (SELF_CARE, SOON, URGENT, EMERGENCY)
LEVELS_BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}


@dataclass(frozen=True)
class Question:
    """One yes/no question: a yes raises the answer to *urgency*, for *reason*."""

    id: str
    question: str
    urgency: str  # a Level key, never "self-care"
    reason: str
    sources: tuple[str, ...]
    asked_if: str | None = None  # the id of the question whose yes makes this one count


_OTTAWA = (
    "After a knee injury, {sign} is one of the signs in the Ottawa knee rules, which doctors use to "
    "decide who needs an X-ray: get an X-ray or assessment today."
)

#: The questions in the order a form asks them: the most urgent first, the Ottawa questions after
#: the injury question they depend on.
REDFLAG_QUESTIONS: tuple[Question, ...] = (
    # emergency
    Question(
        "hot_swollen_fever",
        "Is your knee hot, red and swollen, and do you have a fever or feel unwell?",
        "emergency",
        "A hot, red, swollen knee with a fever or feeling unwell can be an infection in the joint, "
        "which needs treatment straight away.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "fracture_dislocation",
        "After an injury, could you have broken a bone, put your knee or kneecap out of place, or torn "
        "a tendon? For example, does your knee look out of shape, or can you not straighten your leg?",
        "emergency",
        "A suspected broken bone, dislocation or torn tendon needs to be seen in A&E.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "clot_breathless",
        "Do you have pain, swelling or warmth in one calf, and are you also short of breath or have "
        "chest pain?",
        "emergency",
        "Together these can mean a blood clot from the leg has moved to the lungs, which needs help "
        "straight away.",
        ("nhs-dvt",),
    ),
    # urgent
    Question(
        "clot_signs",
        "Do you have pain, swelling or warmth in one calf, or red or darkened skin behind your knee?",
        "urgent",
        "These can be signs of a blood clot in a deep vein of the leg (deep vein thrombosis, DVT), "
        "which should be checked today.",
        ("nhs-dvt",),
    ),
    Question(
        "locked",
        "Is your knee locked, stuck so that you cannot straighten it?",
        "urgent",
        "A knee that is locked should be assessed today.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "cannot_walk",
        "Are you unable to walk on your leg, or unable to move your knee?",
        "urgent",
        "Not being able to walk on your leg or move your knee should be checked today.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "deformity",
        "Is the shape of your knee changing quickly?",
        "urgent",
        "A knee whose shape is changing quickly should be checked today.",
        ("nhs-glos-knee-red-flags",),
    ),
    # an injury, and the Ottawa knee rules that follow it
    Question(
        "injury",
        "Did the pain start with an injury, such as a fall, a twist or a knock?",
        "soon",
        "Pain that began with an injury deserves a doctor's opinion.",
        ("seed-002",),
    ),
    Question(
        "ottawa_age",
        "Are you 55 or older?",
        "urgent",
        _OTTAWA.format(sign="being 55 or older"),
        ("stiell-1995",),
        asked_if="injury",
    ),
    Question(
        "ottawa_kneecap",
        "Is your kneecap the only part of the knee that hurts when you press on it?",
        "urgent",
        _OTTAWA.format(sign="tenderness over the kneecap alone"),
        ("stiell-1995",),
        asked_if="injury",
    ),
    Question(
        "ottawa_fibula",
        "Does the bony bump on the outer side of your leg, just below the knee (the head of the fibula), "
        "hurt when you press on it?",
        "urgent",
        _OTTAWA.format(sign="tenderness at the head of the fibula"),
        ("stiell-1995",),
        asked_if="injury",
    ),
    Question(
        "ottawa_bend",
        "Are you unable to bend your knee to a right angle (90 degrees)?",
        "urgent",
        _OTTAWA.format(sign="not being able to bend the knee to 90 degrees"),
        ("stiell-1995",),
        asked_if="injury",
    ),
    Question(
        "ottawa_steps",
        "Were you unable to take 4 steps on the leg straight after the injury, and are you still unable to?",
        "urgent",
        _OTTAWA.format(sign="not being able to take 4 steps"),
        ("stiell-1995",),
        asked_if="injury",
    ),
    # non-urgent: book an assessment
    Question(
        "constant_pain",
        "Is the pain there all the time, even when you rest?",
        "soon",
        "Pain that does not let up, even at rest, is worth having assessed.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "night_pain",
        "Does the pain come at night, or when you have not been active?",
        "soon",
        "Pain at night, or pain that has nothing to do with activity, is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "weight_loss",
        "Have you lost weight without trying?",
        "soon",
        "Losing weight without trying, together with knee pain, is worth having checked.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "worse_despite_rest",
        "Is the pain getting worse even though you have cut back your running?",
        "soon",
        "Pain that keeps getting worse although you have cut back is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "marked_swelling",
        "Does your knee swell up a lot?",
        "soon",
        "Marked swelling is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "changes_walking",
        "Does the pain change the way you walk, for example make you limp?",
        "soon",
        "Pain that changes the way you walk is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "new_pain",
        "Is this a new pain, one you have not had before?",
        "soon",
        "A new pain deserves a doctor's opinion.",
        ("seed-002",),
    ),
    Question(
        "stays_painful",
        "Does your knee stay painful even when you stop running on it?",
        "soon",
        "If your knee stays painful, stop running on it and get advice.",
        ("seed-003",),
    ),
)
QUESTIONS: dict[str, Question] = {question.id: question for question in REDFLAG_QUESTIONS}


def redflags_rules() -> dict[str, Any]:
    """Return the levels and the questions, ready for JSON, in the order a form asks them.

    >>> rules = redflags_rules()
    >>> [level["care_level"] for level in rules["levels"]]
    [None, 'non-urgent', 'urgent', 'emergency']
    >>> rules["questions"][0]["id"], rules["questions"][0]["urgency"], rules["questions"][0]["asked_if"]
    ('hot_swollen_fever', 'emergency', None)
    """
    return {"levels": sendable(LEVELS), "questions": sendable(REDFLAG_QUESTIONS)}
