"""Clinical stories for the red-flags check: what a reader ticks, and the least urgent level allowed.

Each scenario is a realistic story, the boxes such a reader ticks (question ids of the red-flags
check), the minimum level the NHS or NICE text gives for that story, and the bibliography keys of
that text. The minimum comes from the guidance, never from the calculator: the check may answer
more urgently (over-call), never less (under-call). ``exactly`` marks the stories whose answer
must be that level and no more: the ordinary first episode must reach self-care.

Sources (docs/bibliography.yml): nhs-knee-pain (self-care first; a GP if not better after about
2 weeks, keeps coming back or stops normal activities; same day for severe pain, a badly swollen
knee, locking, giving way or not taking weight; emergency for a knee out of shape, numbness or a
cold, pale or blue leg, a hot swollen knee with feeling unwell), nhs-septic-arthritis (each sign
of a joint infection: urgent same-day advice), nhs-dvt, nice-ng12 (a very urgent X-ray within 48
hours for a child's unexplained bone pain), cks-knee-pain (red flags to rule out first: infection,
fracture, tumour, nerve or vessel injury, DVT, a hip problem felt in a child's knee),
nhs-glos-knee-red-flags, stiell-1995 and bachmann-2004 (the Ottawa knee rules).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    """A story, the boxes ticked, the least urgent level the guidance allows, and that guidance."""

    name: str
    story: str
    ticks: tuple[str, ...]
    minimum: str  # a level key: self-care, soon, urgent, emergency
    sources: tuple[str, ...]
    exactly: bool = False  # the answer must be this level, not more urgent


SCENARIOS: tuple[Scenario, ...] = (
    # --- self-care and booked assessments --------------------------------------------------------
    Scenario(
        "first-episode-runners-knee",
        "Aching around the kneecap after runs for 5 days, worse on stairs; no injury, no swelling.",
        (),
        "self-care",
        ("nhs-knee-pain",),
        exactly=True,
    ),
    Scenario(
        "stiff-after-long-run",
        "Stiff and sore knee the morning after a longer run than usual, easing as the day goes on.",
        (),
        "self-care",
        ("nhs-knee-pain",),
        exactly=True,
    ),
    Scenario(
        "not-better-after-3-weeks",
        "Runner's knee ache that has not improved after 3 weeks of easing off and ice.",
        ("not_better_2_weeks",),
        "soon",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "keeps-coming-back",
        "Pain on the outer side of the knee that settles, then returns each time the mileage goes up.",
        ("keeps_coming_back",),
        "soon",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "stops-normal-activities",
        "Knee pain that now stops the reader from walking to work or playing with the children.",
        ("stops_activities",),
        "soon",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "cancer-history-alone",
        "A runner treated for breast cancer years ago, with an ordinary ache after running.",
        ("cancer_history",),
        "soon",
        ("cks-knee-pain",),
    ),
    Scenario(
        "several-lesser-signs",
        "A limp, pain that is there all the time and pain at night, with no injury.",
        ("changes_walking", "constant_pain", "night_pain"),
        "soon",
        ("cks-knee-pain", "nhs-knee-pain"),
    ),
    # --- infection ---------------------------------------------------------------------------------
    Scenario(
        "hot-swollen-no-fever",
        "Over a day the knee became hot, swollen and very painful; no fever.",
        ("hot_swollen",),
        "urgent",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "hot-swollen-with-fever",
        "A hot, swollen, very painful knee with a high temperature and shivers.",
        ("hot_swollen", "fever_unwell"),
        "emergency",
        ("nhs-knee-pain", "nhs-septic-arthritis"),
    ),
    Scenario(
        "swollen-after-steroid-injection",
        "A swollen, painful knee two weeks after a steroid injection into it; not hot, no fever.",
        ("marked_swelling", "infection_risk"),
        "urgent",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "artificial-knee-warm-and-sore",
        "A runner with a knee replacement whose knee has become warm, swollen and sore over two days.",
        ("hot_swollen", "infection_risk"),
        "urgent",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "fever-and-aching-knee",
        "Feeling shivery and unwell with a temperature, and the knee aches more than usual.",
        ("fever_unwell",),
        "urgent",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "diabetes-and-severe-pain",
        "A runner with diabetes whose knee has become severely painful, even at rest.",
        ("infection_risk", "severe_pain"),
        "urgent",
        ("nhs-knee-pain", "nhs-septic-arthritis"),
    ),
    # --- nerves and blood vessels --------------------------------------------------------------------
    Scenario(
        "numb-foot-after-fall",
        "After a fall on the knee, pins and needles and numbness in the foot.",
        ("injury", "numb_cold_foot"),
        "emergency",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "cold-pale-foot",
        "Knee pain, and the foot below it has become cold and pale.",
        ("numb_cold_foot",),
        "emergency",
        ("nhs-knee-pain",),
    ),
    # --- acute injury ------------------------------------------------------------------------------
    Scenario(
        "twist-pop-swelling-giving-way",
        "A twist with a pop while running on a trail, swelling within 2 hours, and the knee gives way.",
        ("injury", "swelling_within_hours", "gives_way"),
        "urgent",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "swelling-within-hours",
        "A knock in a fall, and the knee swelled up within a few hours.",
        ("injury", "swelling_within_hours"),
        "urgent",
        ("nhs-glos-knee-red-flags",),
    ),
    Scenario(
        "kneecap-out-and-back",
        "On a sharp turn the kneecap slipped out to the side and went back by itself.",
        ("injury", "kneecap_dislocated"),
        "urgent",
        ("nhs-glos-knee-red-flags",),
    ),
    Scenario(
        "knee-out-of-shape",
        "After a fall from a bike, the knee looks out of shape.",
        ("injury", "fracture_dislocation"),
        "emergency",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "cannot-lift-leg-straight",
        "After landing from a jump, a tearing feeling above the kneecap; cannot lift the leg straight.",
        ("injury", "cannot_straighten"),
        "urgent",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "ottawa-age",
        "A 60-year-old runner who twisted the knee stepping off a kerb.",
        ("injury", "ottawa_age"),
        "urgent",
        ("stiell-1995", "bachmann-2004"),
    ),
    Scenario(
        "ottawa-bend",
        "After a fall on the knee, it cannot bend to a right angle.",
        ("injury", "ottawa_bend"),
        "urgent",
        ("stiell-1995", "bachmann-2004"),
    ),
    Scenario(
        "ottawa-fibula",
        "After a knock on the outer side, the bony bump below the knee is tender to press.",
        ("injury", "ottawa_fibula"),
        "urgent",
        ("stiell-1995", "bachmann-2004"),
    ),
    Scenario(
        "minor-twist",
        "A minor twist on a kerb; walking normally, a little sore, no swelling.",
        ("injury",),
        "self-care",
        ("nhs-knee-pain",),
    ),
    # --- same-day signs without an injury ----------------------------------------------------------
    Scenario(
        "severe-pain-at-rest",
        "Severe knee pain even at rest, not eased by painkillers.",
        ("severe_pain",),
        "urgent",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "locked-knee",
        "The knee got stuck bent during a run and will not straighten.",
        ("locked",),
        "urgent",
        ("nhs-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "cannot-take-weight",
        "Cannot put weight on the leg since this morning.",
        ("cannot_walk",),
        "urgent",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "gives-way-no-injury",
        "The knee keeps giving way on downhill runs, with no injury.",
        ("gives_way",),
        "urgent",
        ("nhs-knee-pain",),
    ),
    Scenario(
        "badly-swollen",
        "The knee is badly swollen, with no injury the reader remembers.",
        ("marked_swelling",),
        "urgent",
        ("nhs-knee-pain",),
    ),
    # --- blood clots -------------------------------------------------------------------------------
    Scenario(
        "calf-swollen-warm",
        "The day after a long flight to a race, one calf is painful, swollen and warm.",
        ("clot_signs",),
        "urgent",
        ("nhs-dvt",),
    ),
    Scenario(
        "calf-swollen-and-breathless",
        "A painful swollen calf, and now short of breath.",
        ("clot_signs", "breathless"),
        "emergency",
        ("nhs-dvt",),
    ),
    Scenario(
        "breathless-with-chest-pain",
        "Knee pain, and now chest pain and breathlessness; no calf symptoms noticed.",
        ("breathless",),
        "emergency",
        ("nhs-dvt",),
    ),
    # --- age, cancer and weight loss ---------------------------------------------------------------
    Scenario(
        "night-pain-and-weight-loss",
        "A 45-year-old with knee pain at night and weight lost without trying.",
        ("night_pain", "weight_loss"),
        "urgent",
        ("nice-ng12", "cks-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "cancer-history-constant-pain",
        "A runner treated for prostate cancer with knee pain that is there all the time.",
        ("cancer_history", "constant_pain"),
        "urgent",
        ("cks-knee-pain", "nhs-glos-knee-red-flags"),
    ),
    Scenario(
        "teenager-limping-no-injury",
        "A 13-year-old limping with knee pain and no injury (a hip problem can be felt only in the knee).",
        ("under_16", "changes_walking"),
        "urgent",
        ("cks-knee-pain", "nice-ng12"),
    ),
    Scenario(
        "child-night-pain",
        "A 12-year-old whose knee pain wakes them at night, with no injury.",
        ("under_16", "night_pain"),
        "urgent",
        ("nice-ng12",),
    ),
    Scenario(
        "child-unwell-with-knee-pain",
        "A 14-year-old with knee pain who has a temperature and feels unwell.",
        ("under_16", "fever_unwell"),
        "urgent",
        ("nhs-septic-arthritis", "cks-knee-pain"),
    ),
    Scenario(
        "child-losing-weight",
        "A 15-year-old with knee pain who has lost weight without trying.",
        ("under_16", "weight_loss"),
        "urgent",
        ("nice-ng12", "cks-knee-pain"),
    ),
    Scenario(
        "child-ordinary-ache",
        "A 14-year-old with an ache below the kneecap after football, no limp, no night pain.",
        ("under_16",),
        "self-care",
        ("nhs-knee-pain",),
    ),
    # --- found by a fresh-eyed review: an injury with a sign of a fracture or dislocation -------------
    Scenario(
        "fall-cannot-bear-weight",
        "Fell on the knee on a trail run; since then cannot put any weight on the leg.",
        ("injury", "cannot_walk"),
        "emergency",
        ("nhs-glos-knee-red-flags",),
    ),
    Scenario(
        "twist-knee-changing-shape",
        "Twisted the knee landing from a jump; its shape is changing quickly, but the reader does not "
        "think of it as 'out of shape' yet.",
        ("injury", "deformity"),
        "emergency",
        ("nhs-glos-knee-red-flags",),
    ),
    # --- found by the tenth pass's break test: the same warning ticked through other questions ----
    # --- found by the tenth pass's second break test -------------------------------------------------
    Scenario(
        "young-runner-night-and-rest-pain",
        "A 17-year-old runner with knee pain at night and at rest, and no injury.",
        ("night_pain", "night_pain_under_25", "constant_pain"),
        "urgent",
        ("nice-ng12",),
    ),
    Scenario(
        "hard-lump-below-the-knee",
        "A 19-year-old notices a hard lump on the shin bone just below the knee, with no knock to explain it.",
        ("bone_lump",),
        "urgent",
        ("nice-ng12",),
    ),
    Scenario(
        "injury-swelled-badly-within-hours",
        "Twisted the knee playing football; within two hours it was badly swollen.",
        ("injury", "swelling_within_hours", "marked_swelling"),
        "emergency",
        ("nhs-dislocated-kneecap",),
    ),
    Scenario(
        "pop-felt-at-a-twist",
        "Felt a pop in the knee when turning sharply on a trail, and it hurts to move.",
        ("injury", "fracture_dislocation"),
        "emergency",
        ("nhs-dislocated-kneecap",),
    ),
    Scenario(
        "crack-heard-in-a-fall",
        "Slipped on ice on a run and heard a crack from the knee as it hit the ground.",
        ("injury", "fracture_dislocation"),
        "emergency",
        ("nhs-glos-knee-red-flags",),
    ),
    Scenario(
        "very-painful-swollen-feverish-knee",
        "The knee has become very painful and badly swollen, and the reader has a fever; they tick "
        "the severe pain, swelling and fever questions, not the 'hot, swollen' one.",
        ("severe_pain", "marked_swelling", "fever_unwell"),
        "emergency",
        ("nhs-septic-arthritis", "nhs-knee-pain"),
    ),
    Scenario(
        "badly-swollen-with-fever",
        "A badly swollen knee and a temperature, with no injury.",
        ("marked_swelling", "fever_unwell"),
        "emergency",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "cannot-stand-with-fever",
        "Feverish and shivery, and since this morning cannot put weight on the painful leg.",
        ("fever_unwell", "cannot_walk"),
        "emergency",
        ("nhs-septic-arthritis",),
    ),
    Scenario(
        "kneecap-still-out",
        "The kneecap slipped out to the side on a turn and is still out of place.",
        ("kneecap_dislocated", "kneecap_still_out"),
        "emergency",
        ("nhs-dislocated-kneecap",),
    ),
    Scenario(
        "child-fever-cannot-bear-weight",
        "A 9-year-old with a fever who will not put weight on the leg with the sore knee.",
        ("under_16", "fever_unwell", "cannot_walk"),
        "emergency",
        ("cks-knee-pain", "nhs-septic-arthritis"),
    ),
    Scenario(
        "child-fever-and-limp",
        "A 7-year-old with a temperature who has started limping, with a sore knee.",
        ("under_16", "fever_unwell", "changes_walking"),
        "emergency",
        ("cks-knee-pain", "nhs-septic-arthritis"),
    ),
)
