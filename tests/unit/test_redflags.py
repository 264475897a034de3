"""The red-flags check: never under-calls, tested on clinical stories and over every combination.

The scenario table (tests/unit/redflag_scenarios.py) gives, for each story, the least urgent level
NHS or NICE guidance allows; the check may answer more urgently, never less. A yes can only raise
the level: checked for every combination of the questions the combination rules read, for every
combination of the injury question and its follow-ups over each single background answer, and by
hypothesis over all the questions at once.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redflag_scenarios import SCENARIOS, Scenario

from calculator.checks.redflags import check_redflags, urgency
from calculator.errors import CalculatorError
from calculator.rules.redflags import (
    COMBINATIONS,
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
FOLLOW_UPS = [question.id for question in REDFLAG_QUESTIONS if question.asked_if == "injury"]
OTTAWA = [
    question.id for question in REDFLAG_QUESTIONS if question.needs_lead_in and question.asked_if == "injury"
]
#: Every question a combination rule reads.
RULE_INPUTS = sorted({key for combination in COMBINATIONS for group in combination.groups for key in group})


def single_rank(yes: set[str]) -> int:
    """The most urgent single question answered yes that counts (a floor: combinations may add)."""
    counting = [QUESTIONS[key] for key in yes if not QUESTIONS[key].needs_lead_in or "injury" in yes]
    return max((RANK[question.urgency] for question in counting), default=0)


# --- the clinical stories -------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_no_story_is_under_called(scenario: Scenario) -> None:
    result = check_redflags(dict.fromkeys(scenario.ticks, True))
    assert RANK[result.level] >= RANK[scenario.minimum], (scenario.story, result.level, scenario.sources)
    if scenario.exactly:
        assert result.level == scenario.minimum, scenario.story


def test_the_table_covers_every_level_and_reaches_self_care() -> None:
    assert len(SCENARIOS) >= 30
    assert {scenario.minimum for scenario in SCENARIOS} == set(RANK)
    assert any(scenario.exactly and scenario.minimum == "self-care" for scenario in SCENARIOS)
    assert all(key in QUESTIONS for scenario in SCENARIOS for key in scenario.ticks)


# --- the questions, one at a time -----------------------------------------------------------------


@pytest.mark.parametrize("question", REDFLAG_QUESTIONS, ids=lambda question: question.id)
def test_a_single_yes_raises_the_level_to_its_questions_urgency(question: Question) -> None:
    answers = {question.id: True}
    if question.needs_lead_in:
        answers[str(question.asked_if)] = True
    result = check_redflags(answers)
    assert result.level == question.urgency
    assert result.reasons[0].id == question.id and result.reasons[0].reason == question.reason
    assert result.see_clinician is True and result.level != "self-care"


#: Each question's level on its own, as its source gives it (NHS knee pain: same day for severe
#: pain, a badly swollen knee, locking, giving way or not taking weight; emergency for a knee out of
#: shape, numbness or a cold, pale or blue leg. NHS septic arthritis: each sign, urgent same day.
#: NHS DVT: calf signs the same day, breathlessness or chest pain 999. NHS Gloucestershire: a
#: kneecap that came out, swelling within hours of an injury, a torn tendon. Ottawa knee rules:
#: X-ray. NHS knee pain: a GP if not better after 2 weeks, recurring or stopping activities.)
SOURCE_URGENCY = {
    "numb_cold_foot": "emergency",
    "fracture_dislocation": "emergency",
    "cannot_straighten": "emergency",
    "breathless": "emergency",
    "hot_swollen": "urgent",
    "fever_unwell": "urgent",
    "severe_pain": "urgent",
    "marked_swelling": "urgent",
    "locked": "urgent",
    "gives_way": "urgent",
    "kneecap_dislocated": "urgent",
    "kneecap_still_out": "emergency",
    "bone_lump": "urgent",  # NICE NG12: an X-ray within 48 hours under 25, 2 weeks for adults
    "night_pain_under_25": "urgent",  # NICE NG12: within 48 hours for children and young people
    "cannot_walk": "urgent",
    "deformity": "urgent",
    "clot_signs": "urgent",
    "swelling_within_hours": "urgent",
    "ottawa_age": "urgent",
    "ottawa_kneecap": "urgent",
    "ottawa_fibula": "urgent",
    "ottawa_bend": "urgent",
    "ottawa_steps": "urgent",
    "injury": "soon",
    "infection_risk": "soon",
    "under_16": "soon",
    "cancer_history": "soon",
    "weight_loss": "soon",
    "night_pain": "soon",
    "constant_pain": "soon",
    "changes_walking": "soon",
    "not_better_2_weeks": "soon",
    "keeps_coming_back": "soon",
    "stops_activities": "soon",
    "worse_despite_rest": "soon",
    "stays_painful": "soon",
}


def test_each_question_has_the_urgency_its_source_gives() -> None:
    assert {key: question.urgency for key, question in QUESTIONS.items()} == SOURCE_URGENCY


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("numb_cold_foot", "nhs-knee-pain"),
        ("hot_swollen", "nhs-septic-arthritis"),
        ("fever_unwell", "nhs-septic-arthritis"),
        ("infection_risk", "nhs-septic-arthritis"),
        ("breathless", "nhs-dvt"),
        ("clot_signs", "nhs-dvt"),
        ("kneecap_dislocated", "nhs-glos-knee-red-flags"),
        ("kneecap_still_out", "nhs-dislocated-kneecap"),
        ("swelling_within_hours", "nhs-glos-knee-red-flags"),
        ("ottawa_steps", "stiell-1995"),
        ("ottawa_steps", "bachmann-2004"),
        ("under_16", "cks-knee-pain"),
        ("not_better_2_weeks", "nhs-knee-pain"),
        ("injury", "seed-002"),
        ("stays_painful", "seed-003"),
    ],
)
def test_questions_cite_their_sources(key: str, source: str) -> None:
    assert source in QUESTIONS[key].sources


@pytest.mark.parametrize(
    ("yes", "level"),
    [
        ({"hot_swollen", "fever_unwell"}, "emergency"),  # NHS knee pain: hot swollen knee, unwell
        ({"hot_swollen", "infection_risk"}, "emergency"),  # NHS septic arthritis: risk factors
        # NHS septic arthritis: the same warning ticked through other questions (a break test)
        ({"severe_pain", "fever_unwell"}, "emergency"),
        ({"marked_swelling", "fever_unwell"}, "emergency"),
        ({"cannot_walk", "fever_unwell"}, "emergency"),
        ({"under_16", "fever_unwell", "changes_walking"}, "emergency"),  # CKS: a child's fever and limp
        ({"under_16", "fever_unwell"}, "urgent"),
        ({"swelling_within_hours", "marked_swelling"}, "emergency"),  # NHS dislocated kneecap: A&E
        ({"night_pain", "night_pain_under_25"}, "urgent"),  # NICE NG12: 48 hours under 25
        ({"night_pain_under_25"}, "self-care"),  # asked only after night pain: alone it is no sign
        ({"infection_risk", "marked_swelling"}, "urgent"),
        ({"infection_risk", "severe_pain"}, "urgent"),
        ({"night_pain", "weight_loss"}, "urgent"),  # NICE NG12, CKS: tumour
        ({"constant_pain", "cancer_history"}, "urgent"),
        ({"under_16", "night_pain"}, "urgent"),  # NICE NG12: X-ray within 48 hours
        ({"under_16", "changes_walking"}, "urgent"),  # CKS: a hip problem felt in the knee
        ({"under_16", "weight_loss"}, "urgent"),
        ({"night_pain", "changes_walking", "infection_risk"}, "urgent"),  # three serious signs
        ({"night_pain"}, "soon"),
        ({"not_better_2_weeks", "keeps_coming_back", "stops_activities", "worse_despite_rest"}, "soon"),
    ],
)
def test_combinations_raise_the_level(yes: set[str], level: str) -> None:
    assert check_redflags(dict.fromkeys(yes, True)).level == level


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


def test_every_combination_of_the_rules_inputs() -> None:
    """All 2^n combinations of the questions the combination rules read: a yes never lowers."""
    assert len(RULE_INPUTS) >= 10
    ranks = []
    for mask in range(1 << len(RULE_INPUTS)):
        yes = {key for bit, key in enumerate(RULE_INPUTS) if mask >> bit & 1}
        rank = urgency(dict.fromkeys(yes, True)).rank
        assert rank >= single_rank(yes)  # never below the most urgent single yes
        assert (rank == 0) == (mask == 0)  # any yes: never self-care
        ranks.append(rank)
    for mask, rank in enumerate(ranks):  # adding a yes never lowers the level
        for bit in range(len(RULE_INPUTS)):
            assert ranks[mask | 1 << bit] >= rank


@pytest.mark.parametrize("background", [None, *TOP_LEVEL])
def test_every_combination_of_injury_and_the_ottawa_questions(background: str | None) -> None:
    keys = ["injury", *FOLLOW_UPS]
    ranks = {}
    for values in itertools.product((False, True), repeat=len(keys)):
        yes = {key for key, value in zip(keys, values, strict=True) if value} | (
            {background} if background else set()
        )
        result = check_redflags(dict.fromkeys(yes, True))
        assert RANK[result.level] >= single_rank(yes)
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


def test_swelling_within_hours_counts_even_without_the_injury_box() -> None:
    assert check_redflags({"swelling_within_hours": True}).level == "urgent"


# --- and at random over all of them -----------------------------------------------------------------

answer_sets = st.dictionaries(st.sampled_from([question.id for question in REDFLAG_QUESTIONS]), st.booleans())


@PROPERTIES
@given(answers=answer_sets, extra=st.sampled_from([question.id for question in REDFLAG_QUESTIONS]))
def test_a_yes_never_lowers_the_level(answers: dict[str, bool], extra: str) -> None:
    before = check_redflags(answers)
    after = check_redflags({**answers, extra: True})
    assert RANK[after.level] >= RANK[before.level]
    yes = {key for key, value in answers.items() if value}
    assert RANK[before.level] >= single_rank(yes)
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
    assert (result.level_label, result.care_level, result.action, result.summary, result.heading) == (
        level.label,
        level.care_level,
        level.action,
        level.summary,
        level.heading,
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
    emergency, urgent, soon, self_care = (
        LEVELS_BY_KEY[key] for key in ("emergency", "urgent", "soon", "self-care")
    )
    assert "A&E" in emergency.action and "999" in emergency.heading
    assert [call.number for call in emergency.calls] == ["999", "112"]
    assert "today" in urgent.action and "111" in urgent.action and urgent.calls[0].number == "111"
    assert "not urgent" in soon.summary and "week" in soon.action
    # the NHS's self-care: ice in a towel for up to about 20 minutes, a GP after 2 weeks
    assert "20 minutes" in self_care.action and "towel" in self_care.action
    assert "2 weeks" in self_care.watch


ALARMING = re.compile(
    r"!|\b(die|death|deadly|fatal|life-threatening|immediately|panic|serious)\b", re.IGNORECASE
)


def _sentences() -> list[str]:
    texts = [text for level in LEVELS for text in (level.summary, level.action, level.watch)]
    texts += [combination.reason for combination in COMBINATIONS]
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
    assert question.question.split()[0] in {
        "Is",
        "Are",
        "Do",
        "Does",
        "Did",
        "Have",
        "Has",
        "Can",
        "Were",
        "After",
    }
    assert question.reason.endswith(".") and question.sources
    assert question.urgency in RANK and question.urgency != "self-care"
    assert question.asked_if in (None, *QUESTIONS)


def test_follow_up_questions_come_right_after_the_injury_question() -> None:
    order = [question.id for question in REDFLAG_QUESTIONS]
    start = order.index("injury")
    assert order[start + 1 : start + 1 + len(FOLLOW_UPS)] == FOLLOW_UPS
    assert len(OTTAWA) == 5 and all(
        QUESTIONS[key].sources == ("stiell-1995", "bachmann-2004") for key in OTTAWA
    )
    assert all(QUESTIONS[key].asked_if == "injury" for key in OTTAWA)


def test_the_rules_table_is_the_questions_in_form_order() -> None:
    rules = redflags_rules()
    assert json.loads(json.dumps(rules)) == rules
    assert [entry["id"] for entry in rules["questions"]] == [question.id for question in REDFLAG_QUESTIONS]
    for entry in rules["questions"]:
        assert set(entry) == {
            "id",
            "sign",
            "question",
            "urgency",
            "reason",
            "sources",
            "asked_if",
            "needs_lead_in",
        }
    assert [entry["id"] for entry in rules["combinations"]] == [
        combination.id for combination in COMBINATIONS
    ]
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
        ({"broken": True, "locked": "no", "injury": True}, ["answers.broken", "answers.locked"]),
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
