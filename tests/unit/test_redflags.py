"""The red-flags check: conservative by construction, tested over every combination of answers.

The level must be the most urgent of the questions answered yes (that count), so a yes can only
raise it; any yes is at least "soon". These are checked for every one of the 2^16 combinations of
the questions asked of everyone, for every combination of the injury question and the Ottawa
questions over each single background answer, and by hypothesis over all the questions at once.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.redflags import check_redflags, urgency
from calculator.errors import CalculatorError
from calculator.rules.redflags import (
    LEVELS,
    LEVELS_BY_KEY,
    QUESTIONS,
    REDFLAG_QUESTIONS,
    Level,
    Question,
    redflags_rules,
)

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)

RANK = {level.key: level.rank for level in LEVELS}
TOP_LEVEL = [question.id for question in REDFLAG_QUESTIONS if question.asked_if is None]
OTTAWA = [question.id for question in REDFLAG_QUESTIONS if question.asked_if == "injury"]


def expected_rank(yes: set[str]) -> int:
    """The level the rules table implies: the most urgent question answered yes that counts."""
    counting = [
        QUESTIONS[key] for key in yes if QUESTIONS[key].asked_if is None or QUESTIONS[key].asked_if in yes
    ]
    return max((RANK[question.urgency] for question in counting), default=0)


# --- the questions, one at a time -----------------------------------------------------------------


@pytest.mark.parametrize("question", REDFLAG_QUESTIONS, ids=lambda question: question.id)
def test_a_single_yes_raises_the_level_to_its_questions_urgency(question: Question) -> None:
    answers = {question.id: True}
    if question.asked_if:
        answers[question.asked_if] = True
    result = check_redflags(answers)
    assert result.level == question.urgency
    assert result.reasons[0].id == question.id and result.reasons[0].reason == question.reason
    assert result.see_clinician is True and result.level != "self-care"


@pytest.mark.parametrize(
    ("key", "urgency"),
    [
        ("hot_swollen_fever", "emergency"),
        ("fracture_dislocation", "emergency"),
        ("clot_breathless", "emergency"),
        ("clot_signs", "urgent"),
        ("locked", "urgent"),
        ("cannot_walk", "urgent"),
        ("deformity", "urgent"),
        ("ottawa_age", "urgent"),
        ("ottawa_kneecap", "urgent"),
        ("ottawa_fibula", "urgent"),
        ("ottawa_bend", "urgent"),
        ("ottawa_steps", "urgent"),
        ("injury", "soon"),
        ("constant_pain", "soon"),
        ("night_pain", "soon"),
        ("weight_loss", "soon"),
        ("worse_despite_rest", "soon"),
        ("marked_swelling", "soon"),
        ("changes_walking", "soon"),
        ("new_pain", "soon"),
        ("stays_painful", "soon"),
    ],
)
def test_each_question_has_the_urgency_its_source_gives(key: str, urgency: str) -> None:
    assert QUESTIONS[key].urgency == urgency


@pytest.mark.parametrize(
    ("key", "sources"),
    [
        ("hot_swollen_fever", ("nhs-glos-knee-red-flags",)),
        ("fracture_dislocation", ("nhs-glos-knee-red-flags",)),
        ("clot_breathless", ("nhs-dvt",)),
        ("clot_signs", ("nhs-dvt",)),
        ("locked", ("nhs-glos-knee-red-flags",)),
        ("ottawa_steps", ("stiell-1995",)),
        ("night_pain", ("seed-000",)),
        ("new_pain", ("seed-002",)),
        ("injury", ("seed-002",)),
        ("stays_painful", ("seed-003",)),
        ("weight_loss", ("nhs-glos-knee-red-flags",)),
    ],
)
def test_questions_cite_their_sources(key: str, sources: tuple[str, ...]) -> None:
    assert QUESTIONS[key].sources == sources


def test_no_answers_is_self_care() -> None:
    result = check_redflags({})
    assert (result.level, result.care_level, result.see_clinician, result.reasons) == (
        "self-care",
        None,
        False,
        (),
    )
    assert "look after" in result.summary


def test_every_no_is_self_care() -> None:
    assert check_redflags({question.id: False for question in REDFLAG_QUESTIONS}).level == "self-care"


# --- exhaustively: every combination --------------------------------------------------------------


def test_every_combination_of_the_top_level_questions() -> None:
    assert len(TOP_LEVEL) == 16
    ranks = []
    for mask in range(1 << len(TOP_LEVEL)):
        yes = {key for bit, key in enumerate(TOP_LEVEL) if mask >> bit & 1}
        rank = urgency(dict.fromkeys(yes, True)).rank
        assert rank == expected_rank(yes)  # the level is the most urgent flagged question
        assert (rank == 0) == (mask == 0)  # any flag: never self-care
        ranks.append(rank)
    for mask, rank in enumerate(ranks):  # adding a yes never lowers the level
        for bit in range(len(TOP_LEVEL)):
            assert ranks[mask | 1 << bit] >= rank


@pytest.mark.parametrize("background", [None, *TOP_LEVEL])
def test_every_combination_of_injury_and_the_ottawa_questions(background: str | None) -> None:
    keys = ["injury", *OTTAWA]
    ranks = {}
    for values in itertools.product((False, True), repeat=len(keys)):
        yes = {key for key, value in zip(keys, values, strict=True) if value} | (
            {background} if background else set()
        )
        result = check_redflags(dict.fromkeys(yes, True))
        assert RANK[result.level] == expected_rank(yes)
        assert (result.level == "self-care") == (not yes - set(result.ignored))
        assert set(result.ignored) == (set(OTTAWA) & yes if "injury" not in yes else set())
        ranks[frozenset(yes)] = RANK[result.level]
    for yes, rank in ranks.items():
        for key in keys:
            assert ranks[yes | {key}] >= rank


def test_an_ottawa_yes_counts_only_after_an_injury() -> None:
    alone = check_redflags({"ottawa_bend": True})
    assert (alone.level, alone.ignored, alone.reasons) == ("self-care", ("ottawa_bend",), ())
    injured = check_redflags({"ottawa_bend": True, "injury": True})
    assert injured.level == "urgent" and injured.ignored == ()
    assert [reason.id for reason in injured.reasons] == ["ottawa_bend", "injury"]


# --- and at random over all of them -----------------------------------------------------------------

answer_sets = st.dictionaries(st.sampled_from([question.id for question in REDFLAG_QUESTIONS]), st.booleans())


@PROPERTIES
@given(answers=answer_sets, extra=st.sampled_from([question.id for question in REDFLAG_QUESTIONS]))
def test_a_yes_never_lowers_the_level(answers: dict[str, bool], extra: str) -> None:
    before = check_redflags(answers)
    after = check_redflags({**answers, extra: True})
    assert RANK[after.level] >= RANK[before.level]
    yes = {key for key, value in answers.items() if value}
    assert RANK[before.level] == expected_rank(yes)
    if yes - set(before.ignored):
        assert before.level != "self-care"


@PROPERTIES
@given(answers=answer_sets)
def test_the_answer_agrees_with_itself(answers: dict[str, bool]) -> None:
    result = check_redflags(answers)
    assert result.verdict == result.level
    assert result.see_clinician is (result.level != "self-care")
    assert all(RANK[reason.urgency] <= RANK[result.level] for reason in result.reasons)
    if result.reasons:
        assert result.reasons[0].urgency == result.level
        assert [RANK[reason.urgency] for reason in result.reasons] == sorted(
            (RANK[reason.urgency] for reason in result.reasons), reverse=True
        )
        assert result.why.startswith(result.reasons[0].reason)
    level = LEVELS_BY_KEY[result.level]
    assert (result.level_label, result.care_level, result.action, result.summary) == (
        level.label,
        level.care_level,
        level.action,
        level.summary,
    )
    assert json.loads(result.to_json()) == result.as_dict()
    assert result.links[0] == "red-flags.md"


# --- the words: the NHS's care levels, calm -------------------------------------------------------


def test_levels_use_the_nhs_care_level_words() -> None:
    assert [(level.key, level.care_level) for level in LEVELS] == [
        ("self-care", None),
        ("soon", "non-urgent"),
        ("urgent", "urgent"),
        ("emergency", "emergency"),
    ]
    assert "A&E" in LEVELS_BY_KEY["emergency"].action and "999" in LEVELS_BY_KEY["emergency"].action
    assert "today" in LEVELS_BY_KEY["urgent"].action
    assert "not urgent" in LEVELS_BY_KEY["soon"].action


ALARMING = re.compile(
    r"!|\b(die|death|deadly|fatal|life-threatening|immediately|panic|serious)\b", re.IGNORECASE
)


def _sentences() -> list[str]:
    texts = [text for level in LEVELS for text in (level.summary, level.action)]
    return texts + [text for question in REDFLAG_QUESTIONS for text in (question.question, question.reason)]


@pytest.mark.parametrize("text", _sentences())
def test_the_words_are_calm_and_plain(text: str) -> None:
    assert not ALARMING.search(text), text
    assert text[0].isupper() and text.endswith((".", "?")) and "  " not in text


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.key)
def test_each_level_label_says_what_to_do_calmly(level: Level) -> None:
    label = level.label
    assert not ALARMING.search(label) and label[0].isupper() and ": " in label


@pytest.mark.parametrize("question", REDFLAG_QUESTIONS, ids=lambda question: question.id)
def test_each_question_is_a_yes_no_question_with_a_reason_and_a_source(question: Question) -> None:
    assert question.question.endswith("?")
    assert question.question.split()[0] in {"Is", "Are", "Do", "Does", "Did", "Have", "Were", "After"}
    assert question.reason.endswith(".") and question.sources
    assert question.urgency in RANK and question.urgency != "self-care"
    assert question.asked_if in (None, *QUESTIONS)


def test_ottawa_questions_come_right_after_the_injury_question() -> None:
    order = [question.id for question in REDFLAG_QUESTIONS]
    start = order.index("injury")
    assert order[start + 1 : start + 1 + len(OTTAWA)] == OTTAWA
    assert len(OTTAWA) == 5 and all(QUESTIONS[key].sources == ("stiell-1995",) for key in OTTAWA)


def test_the_rules_table_is_the_questions_in_form_order() -> None:
    rules = redflags_rules()
    assert json.loads(json.dumps(rules)) == rules
    assert [entry["id"] for entry in rules["questions"]] == [question.id for question in REDFLAG_QUESTIONS]
    for entry in rules["questions"]:
        assert set(entry) == {"id", "question", "urgency", "reason", "sources", "asked_if"}
    assert [level["key"] for level in rules["levels"]] == ["self-care", "soon", "urgent", "emergency"]
    assert rules["questions"][OTTAWA_INDEX]["asked_if"] == "injury"


OTTAWA_INDEX = [question.id for question in REDFLAG_QUESTIONS].index("ottawa_age")


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        (None, ["answers"]),
        ([True], ["answers"]),
        ("locked", ["answers"]),
        ({"locked": "yes"}, ["answers.locked"]),
        ({"locked": 1}, ["answers.locked"]),
        ({"locked": None}, ["answers.locked"]),
        ({"broken": True}, ["answers.broken"]),
        ({"broken": True, "locked": "no", "new_pain": True}, ["answers.broken", "answers.locked"]),
        ({5: True}, ["answers.5"]),
    ],
)
def test_bad_answers_raise_naming_every_field(answers: object, fields: list[str]) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_redflags(answers)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields


def test_refusals_speak_plainly() -> None:
    with pytest.raises(CalculatorError) as raised:
        check_redflags({"locked": "yes", "broken": True})  # type: ignore[dict-item]
    assert [problem.message for problem in raised.value.problems] == [
        "Answer 'locked' with true (yes) or false (no).",
        "There is no question 'broken'.",
    ]
