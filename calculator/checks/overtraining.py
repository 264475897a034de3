"""The overtraining check: warning signs (seed 002) -> carry on, ease off, or also talk to a GP.

No sign: carry on and keep watching. Any sign: ease off and add rest, as the source says. Several
signs (`SEVERAL_SIGNS`) or a low mood that stays: also consider talking to a GP, which is our own
cautious advice and marked so (``ours``). More signs never give a milder verdict.

>>> check_overtraining({"fatigue": True, "sleep": True}).verdict
'ease-off'
>>> check_overtraining({"lasting_low_mood": True}).verdict
'ease-off-talk-to-gp'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from calculator.answer import SEND, Answer
from calculator.errors import Problem, raise_problems
from calculator.reading import read_yes_no, words
from calculator.rules.overtraining import (
    CARRY_ON,
    EASE_OFF,
    LASTING_LOW_MOOD,
    OVERTRAINING_SIGNS,
    SEVERAL_SIGNS,
    SIGNS,
    TALK_TO_GP,
    Advice,
    OvertrainingVerdict,
    Sign,
)
from calculator.sources import source_names
from calculator.tables import Table, row, table

__all__ = ["OvertrainingResult", "check_overtraining", "verdict_for"]

#: Where the warning signs and the advice to rest come from.
_SOURCES = ("seed-002",)


@dataclass(frozen=True)
class OvertrainingResult(Answer):
    """The answer of `check_overtraining`: the signs present, the verdict and its advice."""

    signs: tuple[Sign, ...] = field(metadata={SEND: ("key", "label", "ours")})
    count: int
    verdict_label: str
    advice: tuple[Advice, ...]

    def table(self) -> Table | None:
        """The warning signs noticed; none when there are none."""
        if not self.signs:
            return None
        return table(
            "The warning signs you noticed", ["Warning sign"], [row([sign.label]) for sign in self.signs]
        )


def check_overtraining(signs: Mapping[str, bool], /) -> OvertrainingResult:
    """Say whether to back off, from yes/no answers about the warning signs (missing is no).

    >>> result = check_overtraining({"fatigue": True, "mood": True, "headaches": True})
    >>> result.verdict, result.see_clinician, [advice.ours for advice in result.advice]
    ('ease-off-talk-to-gp', True, [False, True])
    >>> result.summary
    '3 warning signs of overtraining (tiredness, mood changes and headaches): ease off and add rest, and consider talking to your GP.'

    Raises `CalculatorError` naming ``signs.<key>`` for an unknown sign or an answer that is not
    true or false, and ``signs`` when the signs are missing or not an object.

    >>> check_overtraining({"grumpy": True})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: signs.grumpy: There is no sign 'grumpy': the signs are fatigue, mood, appetite, enthusiasm, headaches, aches, performance, sleep and lasting_low_mood.
    """
    problems: list[Problem] = []
    read = read_yes_no(signs, "signs", tuple(SIGNS), problems, "sign")
    raise_problems(problems)
    present = tuple(sign for sign in OVERTRAINING_SIGNS if read.get(sign.key))
    chosen = verdict_for(read)
    links = ["prevention/overtraining.md", "prevention/rest-and-recovery.md"]
    if chosen is TALK_TO_GP:
        links.append("red-flags.md")
    return OvertrainingResult(
        signs=present,
        count=len(present),
        verdict_label=chosen.label,
        advice=chosen.advice,
        summary=_summary(present, chosen),
        verdict=chosen.key,
        why=_why(chosen),
        links=tuple(links),
        sources=_SOURCES,
        see_clinician=chosen is TALK_TO_GP,
    )


def verdict_for(signs: Mapping[str, bool]) -> OvertrainingVerdict:
    """The verdict for already-read answers: none, some, or several signs (or a low mood that stays).

    >>> [verdict_for(answers).key for answers in ({}, {"sleep": True}, {"sleep": True, "aches": True, "mood": True})]
    ['carry-on', 'ease-off', 'ease-off-talk-to-gp']
    """
    count = sum(1 for sign in OVERTRAINING_SIGNS if signs.get(sign.key))
    if count == 0:
        return CARRY_ON
    if count >= SEVERAL_SIGNS or signs.get(LASTING_LOW_MOOD):
        return TALK_TO_GP
    return EASE_OFF


def _summary(present: tuple[Sign, ...], verdict: OvertrainingVerdict) -> str:
    if not present:
        return "No warning signs of overtraining: carry on, and keep watching for them."
    named = words([sign.short for sign in present])
    count = "1 warning sign" if len(present) == 1 else f"{len(present)} warning signs"
    also = ", and consider talking to your GP" if verdict is TALK_TO_GP else ""
    return f"{count} of overtraining ({named}): ease off and add rest{also}."


def _why(verdict: OvertrainingVerdict) -> str:
    basis = (
        f"{source_names(*_SOURCES, capital=True)} lists these warning signs of training beyond what your "
        "body can recover from and says the body needs rest to recover: advice, not a tested rule."
    )
    if verdict is CARRY_ON:
        return basis.replace("lists these warning signs", "lists the warning signs") + " You reported none."
    if verdict is TALK_TO_GP:
        return f"{basis} Suggesting a GP is our own cautious advice, not the source's."
    return basis
