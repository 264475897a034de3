"""Overtraining's warning signs and what to do about them: the one home of each, with its source.

Seed 002 lists the warning signs that you might be overtraining (exercising beyond what your
body can recover from) and says the body needs rest and recovery. Talking to a GP when there are
several signs, or when low mood stays, is our own cautious advice, not the source's: the answer
marks it so (``ours``).

>>> [sign.key for sign in OVERTRAINING_SIGNS][:4]
['fatigue', 'mood', 'appetite', 'enthusiasm']
>>> [verdict.key for verdict in VERDICTS]
['carry-on', 'ease-off', 'ease-off-talk-to-gp']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculator.answer import sendable

__all__ = [
    "CARRY_ON",
    "EASE_OFF",
    "LASTING_LOW_MOOD",
    "OVERTRAINING_SIGNS",
    "SEVERAL_SIGNS",
    "SIGNS",
    "TALK_TO_GP",
    "VERDICTS",
    "Advice",
    "OvertrainingVerdict",
    "Sign",
    "overtraining_rules",
]


@dataclass(frozen=True)
class Sign:
    """A warning sign, as a form shows it and asks about it; *ours* marks a sign not from a source."""

    key: str
    label: str
    short: str  # in a sentence: "tiredness, poor sleep and headaches"
    question: str
    sources: tuple[str, ...]
    ours: bool = False


#: Seed 002's warning signs, in its order, then our own question about low mood that stays.
OVERTRAINING_SIGNS: tuple[Sign, ...] = (
    Sign("fatigue", "Tiredness (fatigue)", "tiredness", "Do you feel tired much of the time?", ("seed-002",)),
    Sign(
        "mood",
        "Mood changes, such as irritability or low mood",
        "mood changes",
        "Have you been more irritable or low in mood than usual?",
        ("seed-002",),
    ),
    Sign("appetite", "Less appetite", "less appetite", "Are you less hungry than usual?", ("seed-002",)),
    Sign(
        "enthusiasm",
        "Losing enthusiasm",
        "less enthusiasm",
        "Have you lost some of your enthusiasm for training?",
        ("seed-002",),
    ),
    Sign("headaches", "Headaches", "headaches", "Have you been getting headaches?", ("seed-002",)),
    Sign(
        "aches",
        "General aches and pains",
        "general aches",
        "Do you have aches and pains all over?",
        ("seed-002",),
    ),
    Sign(
        "performance",
        "Falling performance",
        "falling performance",
        "Has your running been getting worse, not better?",
        ("seed-002",),
    ),
    Sign("sleep", "Poor sleep", "poor sleep", "Have you been sleeping badly?", ("seed-002",)),
    Sign(
        "lasting_low_mood",
        "Low mood that stays",
        "a low mood that stays",
        "Has a low mood stayed with you, even on easy days and rest days?",
        (),
        ours=True,
    ),
)
SIGNS: dict[str, Sign] = {sign.key: sign for sign in OVERTRAINING_SIGNS}
LASTING_LOW_MOOD = "lasting_low_mood"

#: From this many signs on, the answer also suggests talking to a GP (our cautious choice).
SEVERAL_SIGNS = 3


@dataclass(frozen=True)
class Advice:
    """One thing to do; *ours* marks our own cautious advice rather than the source's."""

    text: str
    sources: tuple[str, ...]
    ours: bool = False


@dataclass(frozen=True)
class OvertrainingVerdict:
    """What to do, from least to most cautious (*rank*), with its advice."""

    key: str
    rank: int
    label: str
    advice: tuple[Advice, ...]


_WATCH = Advice(
    "Keep an eye out for the warning signs as your training builds, and build up gradually.", ("seed-002",)
)
_EASE = Advice(
    "Ease off: cut back your training and add rest days, so your body can recover before you build up again.",
    ("seed-002",),
)
_GP = Advice(
    "Consider talking to your GP, especially about a low mood that stays. This is our own cautious "
    "advice, not from our sources.",
    (),
    ours=True,
)

CARRY_ON = OvertrainingVerdict("carry-on", 0, "Carry on and keep watching", (_WATCH,))
EASE_OFF = OvertrainingVerdict("ease-off", 1, "Ease off and add rest", (_EASE,))
TALK_TO_GP = OvertrainingVerdict(
    "ease-off-talk-to-gp", 2, "Ease off, and consider talking to your GP", (_EASE, _GP)
)
#: The verdicts, least cautious first.
VERDICTS: tuple[OvertrainingVerdict, ...] = (CARRY_ON, EASE_OFF, TALK_TO_GP)


def overtraining_rules() -> dict[str, Any]:
    """Return the signs, the threshold for "several" and the verdicts, ready for JSON.

    >>> rules = overtraining_rules()
    >>> rules["several_signs"], rules["signs"][-1]["ours"], rules["verdicts"][2]["advice"][1]["ours"]
    (3, True, True)
    """
    return {
        "signs": sendable(OVERTRAINING_SIGNS),
        "several_signs": SEVERAL_SIGNS,
        "several_signs_ours": True,
        "verdicts": sendable(VERDICTS),
    }
