"""The red-flag questions, the rules that combine them and the care levels: one home for each, with sources.

Each question is a yes/no question for the reader with the level a yes to it leads to on its own
(its ``urgency``). Some signs matter more together than alone: a `Combination` raises the level
when each of its groups of questions has a yes (a hot, swollen knee with a fever is an
emergency; night pain with weight loss is urgent), or three of its group, for several signs. The answer is
the most urgent of every single yes and every combination that applies (`calculator.checks.redflags`).
Every condition is a yes, never a no, so a yes can only raise the answer, never lower it.

The levels are self-care plus the NHS's three care levels (non-urgent, urgent, emergency), each
saying what to do, when and where, in the NHS care cards' calm style (nhs-care-levels): the
aim is to help a reader decide where to go, not to scare them. When the guidance leaves room,
the rules pick the more urgent level: a red-flag check may over-call, never under-call.

Follow-up questions (``asked_if``) appear on the form after a yes to their lead-in. The Ottawa
knee rules' questions count only after an injury (``needs_lead_in``: being 55 or older means
nothing without one); the other follow-ups count on their own, because a reader who ticks one
has told us what it needs.

>>> [level.key for level in LEVELS]
['self-care', 'soon', 'urgent', 'emergency']
>>> QUESTIONS["locked"].urgency, QUESTIONS["ottawa_steps"].asked_if
('urgent', 'injury')
>>> COMBINATIONS[0].id, COMBINATIONS[0].urgency
('infection-with-fever-or-risk', 'emergency')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculator.answer import sendable

__all__ = [
    "COMBINATIONS",
    "LEVELS",
    "LEVELS_BY_KEY",
    "QUESTIONS",
    "REDFLAG_QUESTIONS",
    "SELF_CARE",
    "Call",
    "Combination",
    "Level",
    "Question",
    "redflags_rules",
]


@dataclass(frozen=True)
class Call:
    """A number to call (a ``tel:`` link on the page) and who answers it."""

    number: str
    label: str


@dataclass(frozen=True)
class Level:
    """How urgently to get help: its rank (higher is more urgent), words and what to do, when and where.

    *heading* is the care card's heading ("Call 999 or go to A&E now"); *action* what to do and
    where; *watch* what would change the answer; *calls* the numbers the page links with ``tel:``.
    """

    key: str
    rank: int
    label: str
    care_level: str | None  # the NHS's words: "non-urgent", "urgent", "emergency"; None for self-care
    heading: str
    summary: str  # the answer's one sentence at this level
    action: str
    watch: str
    calls: tuple[Call, ...]
    sources: tuple[str, ...]


_CALL_999 = Call("999", "999 (UK)")
_CALL_112 = Call("112", "112 (most of Europe)")
_CALL_111 = Call("111", "111 (NHS 111, UK)")

SELF_CARE = Level(
    "self-care",
    0,
    "Self-care: look after it yourself",
    None,
    "Look after your knee yourself for now",
    "None of the warning signs apply, so you can look after your knee yourself for now.",
    "Ease off the running that hurts for a few days rather than stopping everything; put ice or a "
    "bag of frozen peas, wrapped in a towel, on the knee for up to about 20 minutes every 2 to 3 "
    "hours; take pain relief as a pharmacist or the leaflet says. Then build back up gradually.",
    "See a GP or physiotherapist if it is not better after 2 weeks, keeps coming back or stops you "
    "doing your normal things. Check these questions again sooner if anything changes: a new sign "
    "can change the answer.",
    (),
    ("nhs-knee-pain", "seed-000"),
)
SOON = Level(
    "soon",
    1,
    "Non-urgent: book an assessment",
    "non-urgent",
    "Book an appointment with a GP or physiotherapist",
    "Your answers point to booking an assessment with a GP or physiotherapist: it is not urgent.",
    "Book an appointment with your GP or a physiotherapist in the next week or two (in many areas "
    "you can refer yourself to a physiotherapist). Until then, ease off what makes it hurt.",
    "Get seen today instead if the knee becomes hot, badly swollen, locks, gives way or you cannot "
    "put weight on it; call 999 if your foot goes numb, cold or blue.",
    (),
    ("nhs-knee-pain", "nhs-care-levels"),
)
URGENT = Level(
    "urgent",
    2,
    "Urgent: get seen today",
    "urgent",
    "Get seen today: ask your GP for an urgent appointment or call 111",
    "Your answers point to getting seen today, by your GP or an urgent care service.",
    "Ask your GP surgery for an appointment today, or get help from NHS 111 (call 111 or use 111 "
    "online) or an urgent treatment centre. Outside the UK, contact your doctor or an urgent care "
    "service today.",
    "Call 999 or go to A&E if you become very unwell, your foot goes numb, cold, pale or blue, or "
    "you get short of breath or chest pain.",
    (_CALL_111,),
    ("nhs-knee-pain", "nhs-septic-arthritis", "nhs-care-levels"),
)
EMERGENCY = Level(
    "emergency",
    3,
    "Emergency: get help now",
    "emergency",
    "Call 999 or go to A&E now",
    "Your answers point to getting help now: call 999 (112 in much of Europe) or go to A&E.",
    "Call 999 (112 in much of Europe) or go to A&E now. Do not drive yourself: ask someone to take "
    "you, or call for an ambulance.",
    "Do not wait to see whether it settles. If you are not sure, call 999 anyway: they will tell you "
    "what to do.",
    (_CALL_999, _CALL_112),
    ("nhs-knee-pain", "nhs-dvt", "nhs-care-levels"),
)

#: The levels, least urgent first.
LEVELS: tuple[Level, ...] = (SELF_CARE, SOON, URGENT, EMERGENCY)
LEVELS_BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}


@dataclass(frozen=True)
class Question:
    """One yes/no question: a yes raises the answer to *urgency*, for *reason*.

    *sign* names the sign in a few words (the answer's table, the where check's features).
    *asked_if* is the question whose yes shows this one on the form; *needs_lead_in* makes a yes
    count only with a yes to that question too (the Ottawa knee rules).
    """

    id: str
    sign: str
    question: str
    urgency: str  # a Level key, never "self-care"
    reason: str
    sources: tuple[str, ...]
    asked_if: str | None = None
    needs_lead_in: bool = False


_OTTAWA = (
    "After a knee injury, {sign} is one of the Ottawa knee rules' signs that a bone may be broken: "
    "get an X-ray or assessment today."
)

#: The questions in the order a form asks them: the most urgent first, the injury's follow-up
#: questions after the injury question.
REDFLAG_QUESTIONS: tuple[Question, ...] = (
    # emergency on its own
    Question(
        "numb_cold_foot",
        "Numb, tingling, weak, cold, pale or blue foot",
        "Is your foot or lower leg numb, tingling (pins and needles) or weak, or is it cold, pale or blue?",
        "emergency",
        "These can mean a nerve or the blood supply to the leg has been damaged or squeezed, which "
        "needs help straight away.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags", "cks-knee-pain"),
    ),
    Question(
        "fracture_dislocation",
        "Knee out of shape, a crack, pop or snap, or a bone may be broken",
        "After an injury, does your knee or kneecap look out of shape, did you hear or feel a crack, pop "
        "or snap, or do you think a bone could be broken?",
        "emergency",
        "A knee out of shape, or a crack, pop or snap at the injury, can be a broken bone, a torn "
        "ligament or a joint out of place, which is treated in A&E.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags", "nhs-dislocated-kneecap"),
    ),
    Question(
        "cannot_straighten",
        "Cannot straighten the leg or lift it straight",
        "Are you unable to straighten your leg by yourself, or to lift it off the bed with the knee straight?",
        "emergency",
        "Losing the power to straighten the knee can mean the tendon above or below the kneecap has "
        "torn, which needs to be seen in A&E.",
        ("nhs-glos-knee-red-flags", "nhs-knee-pain"),
    ),
    Question(
        "breathless",
        "Short of breath or chest pain",
        "Are you short of breath, or do you have chest pain?",
        "emergency",
        "With leg pain, breathlessness or chest pain can mean a blood clot has moved to the lungs, "
        "which needs help straight away.",
        ("nhs-dvt",),
    ),
    # urgent on its own: get seen today
    Question(
        "hot_swollen",
        "Hot, swollen or very painful knee",
        "Has your knee become hot, swollen or very painful over a few hours or days, with or without a fever?",
        "urgent",
        "A knee that turns hot, swollen or very painful over hours or days can be an infection in "
        "the joint, even without a fever: it needs checking today.",
        ("nhs-septic-arthritis",),
    ),
    Question(
        "fever_unwell",
        "Fever, shivers or feeling unwell",
        "Do you have a fever, feel hot and shivery, or feel generally unwell?",
        "urgent",
        "A fever or feeling unwell with a painful joint can be a sign of infection: get it checked today.",
        ("nhs-septic-arthritis",),
    ),
    Question(
        "severe_pain",
        "Severe pain",
        "Is the pain severe: there even when you rest, or not eased by painkillers?",
        "urgent",
        "Severe knee pain should be checked the same day.",
        ("nhs-knee-pain",),
    ),
    Question(
        "marked_swelling",
        "Badly swollen knee",
        "Is your knee badly swollen?",
        "urgent",
        "A badly swollen knee should be checked the same day.",
        ("nhs-knee-pain",),
    ),
    Question(
        "locked",
        "Knee locked or stuck",
        "Is your knee locked, stuck so that you cannot straighten it (even with help)?",
        "urgent",
        "A knee that is locked should be assessed today.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Question(
        "gives_way",
        "Knee gives way",
        "Does your knee give way, so that it buckles or lets you down?",
        "urgent",
        "A knee that gives way can have a torn ligament or cartilage: get it checked today.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Question(
        "kneecap_dislocated",
        "Kneecap came out of place",
        "Has your kneecap come out of place, even if it went back by itself?",
        "urgent",
        "A kneecap that has come out of place, even for a moment, should be assessed today.",
        ("nhs-glos-knee-red-flags", "nhs-dislocated-kneecap"),
    ),
    Question(
        "kneecap_still_out",
        "Kneecap still out of place",
        "Is your kneecap still out of place now?",
        "emergency",
        "A kneecap that is still out of place is put back in hospital, after checking for a broken "
        "bone: do not try to push it back yourself, and keep the knee still.",
        ("nhs-dislocated-kneecap",),
        asked_if="kneecap_dislocated",
    ),
    Question(
        "cannot_walk",
        "Cannot take weight or move the knee",
        "Are you unable to put weight on your leg or walk on it, or unable to move your knee?",
        "urgent",
        "Not being able to put weight on your leg or move your knee should be checked today.",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Question(
        "deformity",
        "Shape of the knee changing quickly",
        "Is the shape of your knee changing quickly?",
        "urgent",
        "A knee whose shape is changing quickly should be checked today.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "clot_signs",
        "Painful, swollen or warm calf",
        "Do you have pain, swelling or warmth in one calf, or red or darkened skin behind your knee?",
        "urgent",
        "These can be signs of a blood clot in a deep vein of the leg (deep vein thrombosis, DVT), "
        "which should be checked today.",
        ("nhs-dvt",),
    ),
    Question(
        "bone_lump",
        "Lump or swelling on a bone",
        "Is there a lump or swelling on a bone around your knee that you cannot explain?",
        "urgent",
        "An unexplained lump or swelling on a bone needs an X-ray soon: within 48 hours for anyone "
        "under 25 and within 2 weeks for adults, NICE advises, so get seen today.",
        ("nice-ng12",),
    ),
    # an injury, what followed it, and the Ottawa knee rules
    Question(
        "injury",
        "Started with an injury",
        "Did the pain start with an injury, such as a fall, a twist or a knock?",
        "soon",
        "Pain that began with an injury deserves a doctor's opinion.",
        ("seed-002",),
    ),
    Question(
        "swelling_within_hours",
        "Swelled within hours of the injury",
        "Did your knee swell up within a few hours of the injury?",
        "urgent",
        "Swelling within hours of an injury can mean bleeding into the joint from a torn ligament or "
        "a broken bone: get it assessed today.",
        ("nhs-glos-knee-red-flags",),
        asked_if="injury",
    ),
    Question(
        "ottawa_age",
        "Injured at 55 or older",
        "Are you 55 or older?",
        "urgent",
        _OTTAWA.format(sign="being 55 or older"),
        ("stiell-1995", "bachmann-2004"),
        asked_if="injury",
        needs_lead_in=True,
    ),
    Question(
        "ottawa_kneecap",
        "Only the kneecap tender",
        "Is your kneecap the only part of the knee that hurts when you press on it?",
        "urgent",
        _OTTAWA.format(sign="tenderness over the kneecap alone"),
        ("stiell-1995", "bachmann-2004"),
        asked_if="injury",
        needs_lead_in=True,
    ),
    Question(
        "ottawa_fibula",
        "Bony bump below the knee tender",
        "Does the bony bump on the outer side of your leg, just below the knee (the head of the fibula), "
        "hurt when you press on it?",
        "urgent",
        _OTTAWA.format(sign="tenderness at the head of the fibula"),
        ("stiell-1995", "bachmann-2004"),
        asked_if="injury",
        needs_lead_in=True,
    ),
    Question(
        "ottawa_bend",
        "Cannot bend the knee to a right angle",
        "Are you unable to bend your knee to a right angle (90 degrees)?",
        "urgent",
        _OTTAWA.format(sign="not being able to bend the knee to 90 degrees"),
        ("stiell-1995", "bachmann-2004"),
        asked_if="injury",
        needs_lead_in=True,
    ),
    Question(
        "ottawa_steps",
        "Could not take 4 steps",
        "Were you unable to take 4 steps on the leg straight after the injury, and are you still unable to?",
        "urgent",
        _OTTAWA.format(sign="not being able to take 4 steps"),
        ("stiell-1995", "bachmann-2004"),
        asked_if="injury",
        needs_lead_in=True,
    ),
    # non-urgent on their own: book an assessment
    Question(
        "infection_risk",
        "Higher risk of a joint infection",
        "Have you had an injection or an operation on this knee in the last few months, or do you have "
        "an artificial knee, diabetes or a weakened immune system (for example from chemotherapy or "
        "steroid tablets)?",
        "soon",
        "These make a joint infection more likely, so a knee that is also swollen, hot or very "
        "painful needs checking sooner.",
        ("nhs-septic-arthritis",),
    ),
    Question(
        "under_16",
        "Under 16",
        "Are you under 16?",
        "soon",
        "In children and teenagers, knee pain can come from the hip or a growing bone, so it is "
        "worth a check by a GP.",
        ("cks-knee-pain",),
    ),
    Question(
        "cancer_history",
        "Have had cancer",
        "Have you ever had cancer?",
        "soon",
        "After cancer, new bone or joint pain is worth having checked.",
        ("cks-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Question(
        "weight_loss",
        "Weight loss without trying",
        "Have you lost weight without trying?",
        "soon",
        "Losing weight without trying, together with knee pain, is worth having checked.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "night_pain",
        "Pain at night",
        "Does the pain come at night, or when you have not been active?",
        "soon",
        "Pain at night, or pain that has nothing to do with activity, is worth having assessed.",
        ("seed-000", "cks-knee-pain"),
    ),
    Question(
        "night_pain_under_25",
        "Under 25 with pain at night",
        "Are you under 25?",
        "urgent",
        "In children and young people (up to 24), unexplained bone pain needs an X-ray within 48 "
        "hours, NICE advises, to rule out a rare bone tumour: get seen today.",
        ("nice-ng12",),
        asked_if="night_pain",
        needs_lead_in=True,
    ),
    Question(
        "constant_pain",
        "Pain all the time",
        "Is the pain there all the time, even when you rest?",
        "soon",
        "Pain that does not let up, even at rest, is worth having assessed.",
        ("nhs-glos-knee-red-flags",),
    ),
    Question(
        "changes_walking",
        "Limping",
        "Does the pain change the way you walk, for example make you limp?",
        "soon",
        "Pain that changes the way you walk is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "not_better_2_weeks",
        "Not better after 2 weeks",
        "Is it still no better after 2 weeks of looking after it yourself?",
        "soon",
        "Knee pain that has not improved after about 2 weeks of self-care is worth seeing a GP or "
        "physiotherapist about.",
        ("nhs-knee-pain",),
    ),
    Question(
        "keeps_coming_back",
        "Keeps coming back",
        "Does the pain keep coming back?",
        "soon",
        "Knee pain that keeps coming back is worth having assessed.",
        ("nhs-knee-pain",),
    ),
    Question(
        "stops_activities",
        "Stops your normal activities",
        "Does the pain stop you doing your normal activities, such as walking, work or sleep?",
        "soon",
        "Knee pain that stops your normal activities is worth having assessed.",
        ("nhs-knee-pain",),
    ),
    Question(
        "worse_despite_rest",
        "Worse despite cutting back",
        "Is the pain getting worse even though you have cut back your running?",
        "soon",
        "Pain that keeps getting worse although you have cut back is worth having assessed.",
        ("seed-000",),
    ),
    Question(
        "stays_painful",
        "Stays painful off running",
        "Does your knee stay painful even when you stop running on it?",
        "soon",
        "If your knee stays painful, stop running on it and get advice.",
        ("seed-003",),
    ),
)
QUESTIONS: dict[str, Question] = {question.id: question for question in REDFLAG_QUESTIONS}


@dataclass(frozen=True)
class Combination:
    """Signs that together lead to *urgency*: at least *at_least* yes answers in every one of *groups*."""

    id: str
    sign: str
    groups: tuple[tuple[str, ...], ...]
    urgency: str
    reason: str
    sources: tuple[str, ...]
    at_least: int = 1

    def applies(self, yes: frozenset[str] | set[str]) -> bool:
        """Whether the question ids answered yes meet this combination.

        >>> COMBINATIONS[0].applies({"hot_swollen", "fever_unwell"}), COMBINATIONS[0].applies({"hot_swollen"})
        (True, False)
        """
        return all(sum(key in yes for key in group) >= self.at_least for group in self.groups)


#: The signs that point to serious disease elsewhere than the knee's own overuse (a tumour, an
#: infection, a hip problem): three of them together are worth seeing a clinician about today.
_SERIOUS_SIGNS = (
    "night_pain",
    "constant_pain",
    "weight_loss",
    "cancer_history",
    "changes_walking",
    "under_16",
    "infection_risk",
)

#: The combinations, most urgent first.
COMBINATIONS: tuple[Combination, ...] = (
    Combination(
        "infection-with-fever-or-risk",
        "Hot, swollen or very painful knee with a fever or a higher risk of infection",
        (("hot_swollen",), ("fever_unwell", "infection_risk")),
        "emergency",
        "A hot, swollen or very painful knee with a fever, feeling unwell, a recent injection or "
        "operation, an artificial knee, diabetes or a weakened immune system can be a joint "
        "infection, which is treated in hospital straight away.",
        ("nhs-knee-pain", "nhs-septic-arthritis"),
    ),
    Combination(
        "painful-or-swollen-with-fever",
        "Very painful or badly swollen knee, or one you cannot stand on, with a fever",
        (("severe_pain", "marked_swelling", "cannot_walk"), ("fever_unwell",)),
        "emergency",
        "Severe pain, a badly swollen knee or a leg you cannot put weight on, with a fever or "
        "feeling unwell, is the same warning as a hot, swollen knee with a fever: it can be a joint "
        "infection, which is treated in hospital straight away.",
        ("nhs-septic-arthritis", "nhs-knee-pain"),
    ),
    Combination(
        "child-fever-and-limp",
        "Under 16 with a fever and a limp",
        (("under_16",), ("fever_unwell",), ("changes_walking",)),
        "emergency",
        "A child or teenager with a fever who has started to limp may have an infection in a joint "
        "or a bone, which doctors rule out first and treat in hospital straight away.",
        ("cks-knee-pain", "nhs-septic-arthritis"),
    ),
    Combination(
        "injury-swelled-fast",
        "After an injury, the knee swelled badly within hours",
        (("swelling_within_hours",), ("marked_swelling",)),
        "emergency",
        "A knee that becomes badly swollen within hours of an injury can be bleeding into the joint "
        "from a torn ligament, a broken bone or a kneecap that came out: NHS advice is to go to A&E.",
        ("nhs-dislocated-kneecap",),
    ),
    Combination(
        "injury-cannot-bear-weight-or-misshapen",
        "After an injury, cannot take weight or the knee's shape is changing",
        (("injury",), ("cannot_walk", "deformity")),
        "emergency",
        "After an injury, a leg you cannot put weight on, or a knee whose shape is changing, can be a "
        "broken bone or a joint out of place: NHS pathways send a suspected fracture or dislocation "
        "to A&E.",
        ("nhs-glos-knee-red-flags", "nhs-knee-pain"),
    ),
    Combination(
        "infection-risk-and-signs",
        "Higher risk of infection with a swollen, very painful or feverish knee",
        (("infection_risk",), ("marked_swelling", "severe_pain", "fever_unwell", "cannot_walk")),
        "urgent",
        "With a higher risk of a joint infection, a knee that is swollen or very painful, or a "
        "fever, needs checking today even when the knee is not hot.",
        ("nhs-septic-arthritis",),
    ),
    Combination(
        "bone-pain-with-weight-loss-or-cancer",
        "Night or constant pain with weight loss or a history of cancer",
        (("night_pain", "constant_pain", "severe_pain"), ("weight_loss", "cancer_history")),
        "urgent",
        "Pain at night or all the time, with weight loss or after cancer, can rarely come from a "
        "growth in the bone: a doctor should see you today and decide on an X-ray.",
        ("nice-ng12", "cks-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Combination(
        "child-with-warning-signs",
        "Under 16 with night pain, a limp, feeling unwell or weight loss",
        (
            ("under_16",),
            ("night_pain", "constant_pain", "changes_walking", "cannot_walk", "fever_unwell", "weight_loss"),
        ),
        "urgent",
        "In a child or teenager, knee pain with pain at night, a limp, feeling unwell or weight "
        "loss can come from the hip, an infection or a bone problem: NICE advises a very urgent "
        "X-ray (within 48 hours) for unexplained bone pain, so get seen today.",
        ("nice-ng12", "cks-knee-pain"),
    ),
    Combination(
        "several-serious-signs",
        "Three or more signs of a problem beyond overuse",
        (_SERIOUS_SIGNS,),
        "urgent",
        "Three or more of these together make a problem beyond overuse more likely: "
        + ", ".join(QUESTIONS[key].sign.lower() for key in _SERIOUS_SIGNS)
        + ". When in doubt, get seen today rather than waiting.",
        ("cks-knee-pain", "nhs-care-levels"),
        at_least=3,
    ),
)


def redflags_rules() -> dict[str, Any]:
    """Return the levels, the questions and the combinations, ready for JSON, in the order a form asks them.

    >>> rules = redflags_rules()
    >>> [level["care_level"] for level in rules["levels"]]
    [None, 'non-urgent', 'urgent', 'emergency']
    >>> rules["questions"][0]["id"], rules["questions"][0]["urgency"], rules["questions"][0]["asked_if"]
    ('numb_cold_foot', 'emergency', None)
    >>> rules["levels"][3]["calls"][0]
    {'number': '999', 'label': '999 (UK)'}
    """
    return {
        "levels": sendable(LEVELS),
        "questions": sendable(REDFLAG_QUESTIONS),
        "combinations": sendable(COMBINATIONS),
    }
