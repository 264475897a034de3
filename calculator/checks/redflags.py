"""The red-flags check: the reader's yes/no answers give how urgently to get help, and why.

Conservative by construction: the level is the most urgent of the questions answered yes, so a
yes can only raise it, never lower it, and any yes is at least "soon" (book an assessment). An
unanswered question counts as no. The Ottawa knee rules' questions count only after an injury
(a yes to ``injury``); a yes to one of them without it is listed in ``ignored``.

>>> result = check_redflags({"marked_swelling": True, "locked": True})
>>> result.level, result.care_level, [reason.id for reason in result.reasons]
('urgent', 'urgent', ['locked', 'marked_swelling'])
>>> check_redflags({}).level
'self-care'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculator.answer import Answer, Record
from calculator.errors import Problem, raise_problems
from calculator.reading import read_yes_no, words
from calculator.rules.redflags import LEVELS_BY_KEY, QUESTIONS, REDFLAG_QUESTIONS, SELF_CARE, Level, Question
from calculator.sources import source_names
from calculator.tables import Table, row, table

__all__ = ["RedflagReason", "RedflagsResult", "check_redflags", "urgency"]

#: How the answer names the evidence behind the signs it found, by source key.
_EVIDENCE = {
    "nhs-glos-knee-red-flags": "NHS Gloucestershire's red flags for knee conditions",
    "nhs-dvt": "the NHS's advice on deep vein thrombosis",
    "stiell-1995": "the Ottawa knee rules (Stiell et al. 1995)",
    "seed-000": "our source articles",
    "seed-002": "our source articles",
    "seed-003": "our source articles",
}


@dataclass(frozen=True)
class RedflagReason(Record):
    """A question answered yes that counts: the question, the urgency it raises to and why.

    >>> check_redflags({"locked": True}).reasons[0].as_dict()["urgency"]
    'urgent'
    """

    id: str
    question: str
    urgency: str
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedflagsResult(Answer):
    """The answer of `check_redflags`: the level, what to do, and each sign behind it."""

    level: str
    level_label: str
    care_level: str | None
    action: str
    reasons: tuple[RedflagReason, ...]
    ignored: tuple[str, ...]

    def table(self) -> Table | None:
        """The signs answered yes that count, each flagged; none when there are none."""
        if not self.reasons:
            return None
        rows = [
            row([reason.question, reason.urgency.replace("-", " "), reason.reason], True)
            for reason in self.reasons
        ]
        return table("The signs you said yes to", ["Sign", "Urgency", "Why it matters"], rows)


def check_redflags(answers: Mapping[str, bool], /) -> RedflagsResult:
    """Answer how urgently to get help from yes/no *answers* keyed by question id.

    >>> result = check_redflags({"hot_swollen_fever": True, "new_pain": True})
    >>> result.level, result.see_clinician, result.action
    ('emergency', True, 'Call 999 (112 in much of Europe) or go to A&E now.')

    An Ottawa question counts only after an injury:

    >>> check_redflags({"ottawa_age": True}).level, check_redflags({"ottawa_age": True}).ignored
    ('self-care', ('ottawa_age',))
    >>> check_redflags({"injury": True, "ottawa_age": True}).level
    'urgent'

    Raises `CalculatorError` naming ``answers.<id>`` for an unknown id or an answer that is not
    true or false, and ``answers`` when the answers are missing or not an object.

    >>> check_redflags({"locked": "yes"})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: answers.locked: Answer 'locked' with true (yes) or false (no).
    """
    problems: list[Problem] = []
    read = read_yes_no(answers, "answers", tuple(QUESTIONS), problems, "question")
    raise_problems(problems)
    flagged = [
        question for question in REDFLAG_QUESTIONS if read.get(question.id) and _counts(question, read)
    ]
    ignored = tuple(
        question.id for question in REDFLAG_QUESTIONS if read.get(question.id) and not _counts(question, read)
    )
    level = urgency(read)
    flagged.sort(
        key=lambda question: -LEVELS_BY_KEY[question.urgency].rank
    )  # stable: form order within a level
    reasons = tuple(
        RedflagReason(question.id, question.question, question.urgency, question.reason, question.sources)
        for question in flagged
    )
    return RedflagsResult(
        level=level.key,
        level_label=level.label,
        care_level=level.care_level,
        action=level.action,
        reasons=reasons,
        ignored=ignored,
        summary=level.summary,
        verdict=level.key,
        why=_why(level, flagged),
        links=_links(level),
        sources=_sources(level, flagged),
        see_clinician=level is not SELF_CARE,
    )


def urgency(answers: Mapping[str, bool]) -> Level:
    """The level for already-read answers: the most urgent question that is answered yes and counts.

    >>> urgency({"weight_loss": True}).key, urgency({}).key
    ('soon', 'self-care')
    """
    levels = [
        LEVELS_BY_KEY[question.urgency]
        for question in REDFLAG_QUESTIONS
        if answers.get(question.id) and _counts(question, answers)
    ]
    return max(levels, key=lambda level: level.rank, default=SELF_CARE)


def _counts(question: Question, answers: Mapping[str, bool]) -> bool:
    """Whether a yes to *question* counts: always, or only after a yes to the question it depends on."""
    return question.asked_if is None or bool(answers.get(question.asked_if))


def _why(level: Level, flagged: list[Question]) -> str:
    """The most urgent sign's reason, then how the level is chosen and where the signs come from."""
    if not flagged:
        return (
            "You said no to every warning sign from NHS guidance and our sources, and most sore knees from "
            f"running settle with a change in training rather than treatment ({source_names('seed-000')})."
        )
    named = list(dict.fromkeys(_EVIDENCE[key] for question in flagged for key in question.sources))
    count = "the sign" if len(flagged) == 1 else f"the most urgent of the {len(flagged)} signs"
    return f"{flagged[0].reason} The answer goes by {count} you said yes to, from {words(named)}."


def _links(level: Level) -> tuple[str, ...]:
    if level is SELF_CARE:
        return ("red-flags.md", "treatment/returning-to-running.md", "conditions/index.md")
    if level.key == "soon":
        return ("red-flags.md", "conditions/index.md")
    return ("red-flags.md",)


def _sources(level: Level, flagged: list[Question]) -> tuple[str, ...]:
    keys = [key for question in flagged for key in question.sources]
    return tuple(dict.fromkeys([*keys, *level.sources, "nhs-care-levels"]))
