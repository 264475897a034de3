"""The red-flags check: the reader's yes/no answers give how urgently to get help, and why.

Conservative by construction: the level is the most urgent of the questions answered yes and of
the combinations of them that apply (`calculator.rules.redflags`), and every rule asks only for
yes answers, so a yes can only raise the level, never lower it. An unanswered question counts as
no. The Ottawa knee rules' questions count only after an injury (a yes to ``injury``); a yes to
one of them without it is listed in ``ignored``.

>>> result = check_redflags({"marked_swelling": True, "locked": True})
>>> result.level, result.care_level, [reason.id for reason in result.reasons]
('urgent', 'urgent', ['marked_swelling', 'locked'])
>>> check_redflags({}).level
'self-care'
>>> check_redflags({"hot_swollen": True, "fever_unwell": True}).reasons[0].id
'infection-with-fever-or-risk'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculator.answer import Answer, Record
from calculator.errors import Problem, raise_problems
from calculator.reading import read_yes_no, words
from calculator.rules.redflags import (
    COMBINATIONS,
    LEVELS_BY_KEY,
    QUESTIONS,
    REDFLAG_QUESTIONS,
    SELF_CARE,
    Level,
    Question,
)
from calculator.sources import source_names
from calculator.tables import Table, row, table

__all__ = ["RedflagReason", "RedflagsResult", "check_redflags", "urgency"]

#: How the answer names the evidence behind the signs it found, by source key.
_EVIDENCE = {
    "nhs-knee-pain": "the NHS's advice on knee pain",
    "nhs-septic-arthritis": "the NHS's advice on joint infection (septic arthritis)",
    "nhs-glos-knee-red-flags": "NHS Gloucestershire's red flags for knee conditions",
    "nhs-dvt": "the NHS's advice on deep vein thrombosis",
    "nhs-dislocated-kneecap": "the NHS's advice on a dislocated kneecap",
    "nice-ng12": "NICE's guideline on suspected cancer (NG12)",
    "cks-knee-pain": "NICE's clinical summary on assessing knee pain",
    "nhs-care-levels": "the NHS's care levels",
    "stiell-1995": "the Ottawa knee rules (Stiell et al. 1995)",
    "bachmann-2004": "a review of the Ottawa knee rules (Bachmann et al. 2004)",
    "seed-000": "our source articles",
    "seed-002": "our source articles",
    "seed-003": "our source articles",
}


@dataclass(frozen=True)
class RedflagReason(Record):
    """A question answered yes that counts, or a combination of them that applies: the sign in a
    few words, the question (or the combination's sign), the urgency it raises to and why.

    >>> check_redflags({"locked": True}).reasons[0].as_dict()["urgency"]
    'urgent'
    """

    id: str
    kind: str  # "question" or "combination"
    sign: str
    question: str
    urgency: str
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedflagsResult(Answer):
    """The answer of `check_redflags`: the level, what to do, when and where, and each sign behind it."""

    level: str
    level_label: str
    care_level: str | None
    heading: str
    action: str
    watch: str
    calls: tuple[dict[str, str], ...]
    reasons: tuple[RedflagReason, ...]
    ignored: tuple[str, ...]

    def table(self) -> Table | None:
        """Two short columns, so the table fits a phone: each sign in a few words and its level;
        none when nothing was answered yes.

        >>> check_redflags({"numb_cold_foot": True}).table()["rows"][0]["cells"]
        ['Numb, tingling, weak, cold, pale or blue foot', 'Emergency: get help now']
        """
        if not self.reasons:
            return None
        rows = [row([reason.sign, LEVELS_BY_KEY[reason.urgency].label], True) for reason in self.reasons]
        return table("The signs you said yes to, most urgent first", ["Sign", "What it means"], rows)


def check_redflags(answers: Mapping[str, bool], /) -> RedflagsResult:
    """Answer how urgently to get help from yes/no *answers* keyed by question id.

    >>> result = check_redflags({"numb_cold_foot": True, "not_better_2_weeks": True})
    >>> result.level, result.see_clinician, result.heading
    ('emergency', True, 'Call 999 or go to A&E now')

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
    yes = _counting(read)
    ignored = tuple(
        question.id for question in REDFLAG_QUESTIONS if read.get(question.id) and question.id not in yes
    )
    reasons = _reasons(yes)
    level = max((LEVELS_BY_KEY[reason.urgency] for reason in reasons), key=_rank, default=SELF_CARE)
    return RedflagsResult(
        level=level.key,
        level_label=level.label,
        care_level=level.care_level,
        heading=level.heading,
        action=level.action,
        watch=level.watch,
        calls=tuple({"number": call.number, "label": call.label} for call in level.calls),
        reasons=reasons,
        ignored=ignored,
        summary=level.summary,
        verdict=level.key,
        why=_why(reasons),
        links=_links(level),
        sources=_sources(level, reasons),
        see_clinician=level is not SELF_CARE,
    )


def urgency(answers: Mapping[str, bool]) -> Level:
    """The level for already-read answers: the most urgent question answered yes that counts, or
    combination that applies.

    >>> urgency({"weight_loss": True}).key, urgency({"weight_loss": True, "night_pain": True}).key
    ('soon', 'urgent')
    >>> urgency({}).key
    'self-care'
    """
    yes = _counting(answers)
    levels = [LEVELS_BY_KEY[QUESTIONS[key].urgency] for key in yes]
    levels += [LEVELS_BY_KEY[combination.urgency] for combination in COMBINATIONS if combination.applies(yes)]
    return max(levels, key=_rank, default=SELF_CARE)


def _rank(level: Level) -> int:
    return level.rank


def _counting(answers: Mapping[str, bool]) -> frozenset[str]:
    """The ids answered yes that count: a follow-up that needs its lead-in counts only with it."""
    return frozenset(
        question.id
        for question in REDFLAG_QUESTIONS
        if answers.get(question.id) and _counts(question, answers)
    )


def _counts(question: Question, answers: Mapping[str, bool]) -> bool:
    return not question.needs_lead_in or bool(question.asked_if and answers.get(question.asked_if))


def _reasons(yes: frozenset[str]) -> tuple[RedflagReason, ...]:
    """The combinations that apply, then the questions answered yes, the most urgent first (stable)."""
    found = [
        RedflagReason(c.id, "combination", c.sign, c.sign, c.urgency, c.reason, c.sources)
        for c in COMBINATIONS
        if c.applies(yes)
    ]
    found += [
        RedflagReason(q.id, "question", q.sign, q.question, q.urgency, q.reason, q.sources)
        for q in REDFLAG_QUESTIONS
        if q.id in yes
    ]
    return tuple(sorted(found, key=lambda reason: -LEVELS_BY_KEY[reason.urgency].rank))


def _why(reasons: tuple[RedflagReason, ...]) -> str:
    """The most urgent sign's reason, then how the level is chosen and where the signs come from."""
    if not reasons:
        return (
            "You said yes to none of the warning signs from NHS guidance and our sources (if one applies, "
            "say yes to it and check again), and most sore knees from "
            f"running settle with a change in training rather than treatment ({source_names('seed-000')})."
        )
    named = list(dict.fromkeys(_EVIDENCE[key] for reason in reasons for key in reason.sources))
    count = "the sign" if len(reasons) == 1 else f"the most urgent of the {len(reasons)} signs"
    return f"{reasons[0].reason} The answer goes by {count} you said yes to, from {words(named)}."


def _links(level: Level) -> tuple[str, ...]:
    if level is SELF_CARE:
        return ("red-flags.md", "treatment/returning-to-running.md", "conditions/index.md")
    if level.key == "soon":
        return ("red-flags.md", "conditions/index.md")
    return ("red-flags.md",)


def _sources(level: Level, reasons: tuple[RedflagReason, ...]) -> tuple[str, ...]:
    keys = [key for reason in reasons for key in reason.sources]
    return tuple(dict.fromkeys([*keys, *level.sources, "nhs-care-levels"]))
