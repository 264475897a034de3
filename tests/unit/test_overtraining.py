"""The overtraining check: seed 002's signs, a monotonic verdict, and our own advice marked as ours."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.overtraining import check_overtraining
from calculator.errors import CalculatorError
from calculator.rules.overtraining import (
    OVERTRAINING_SIGNS,
    SEVERAL_SIGNS,
    SIGNS,
    VERDICTS,
    overtraining_rules,
)

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)

RANK = {verdict.key: verdict.rank for verdict in VERDICTS}
SOURCE_SIGNS = [sign.key for sign in OVERTRAINING_SIGNS if not sign.ours]


def test_the_signs_are_seed_002s() -> None:
    assert SOURCE_SIGNS == [
        "fatigue",
        "mood",
        "appetite",
        "enthusiasm",
        "headaches",
        "aches",
        "performance",
        "sleep",
    ]
    assert all(SIGNS[key].sources == ("seed-002",) for key in SOURCE_SIGNS)
    assert SIGNS["lasting_low_mood"].ours is True and SIGNS["lasting_low_mood"].sources == ()


def test_no_sign_carries_on_and_keeps_watching() -> None:
    result = check_overtraining({})
    assert (result.verdict, result.count, result.see_clinician) == ("carry-on", 0, False)
    assert "keep watching" in result.summary


@pytest.mark.parametrize("sign", SOURCE_SIGNS)
def test_any_one_sign_eases_off(sign: str) -> None:
    result = check_overtraining({sign: True})
    assert result.verdict == "ease-off" and result.count == 1
    assert "ease off" in result.summary.lower() and "rest" in result.summary
    assert [advice.sources for advice in result.advice] == [("seed-002",)]


@pytest.mark.parametrize(
    ("count", "verdict"),
    [
        (SEVERAL_SIGNS - 1, "ease-off"),  # just under "several"
        (SEVERAL_SIGNS, "ease-off-talk-to-gp"),  # exactly several
        (SEVERAL_SIGNS + 1, "ease-off-talk-to-gp"),  # over
    ],
)
def test_several_signs_also_suggest_a_gp(count: int, verdict: str) -> None:
    assert check_overtraining(dict.fromkeys(SOURCE_SIGNS[:count], True)).verdict == verdict


def test_a_low_mood_that_stays_suggests_a_gp_on_its_own() -> None:
    result = check_overtraining({"lasting_low_mood": True})
    assert result.verdict == "ease-off-talk-to-gp" and result.see_clinician is True
    assert "red-flags.md" in result.links


def test_the_gp_advice_is_marked_as_ours() -> None:
    result = check_overtraining(dict.fromkeys(SOURCE_SIGNS[:SEVERAL_SIGNS], True))
    ours = [advice for advice in result.advice if advice.ours]
    assert len(ours) == 1 and "GP" in ours[0].text and "our own cautious advice" in ours[0].text
    assert ours[0].sources == ()
    assert "our own cautious advice" in result.why
    assert [advice.ours for advice in result.advice] == [False, True]


def test_false_answers_count_as_no_sign() -> None:
    assert check_overtraining(dict.fromkeys(SIGNS, False)).verdict == "carry-on"


# --- every combination, and at random -------------------------------------------------------------


def test_every_combination_is_monotonic() -> None:
    keys = list(SIGNS)
    verdicts = {}
    for values in itertools.product((False, True), repeat=len(keys)):
        yes = frozenset(key for key, value in zip(keys, values, strict=True) if value)
        verdict = check_overtraining(dict.fromkeys(yes, True)).verdict
        assert (verdict == "carry-on") == (not yes)
        verdicts[yes] = RANK[verdict]
    for yes, rank in verdicts.items():
        for key in keys:
            assert verdicts[yes | {key}] >= rank  # more signs never give a milder verdict


@PROPERTIES
@given(signs=st.dictionaries(st.sampled_from(list(SIGNS)), st.booleans()), extra=st.sampled_from(list(SIGNS)))
def test_more_signs_never_give_a_milder_verdict(signs: dict[str, bool], extra: str) -> None:
    before = check_overtraining(signs)
    after = check_overtraining({**signs, extra: True})
    assert RANK[after.verdict] >= RANK[before.verdict]
    assert before.count == sum(signs.values())
    assert json.loads(before.to_json()) == before.as_dict()
    assert before.see_clinician is (before.verdict == "ease-off-talk-to-gp")


def test_the_summary_names_the_signs() -> None:
    result = check_overtraining({"fatigue": True, "sleep": True})
    assert (
        result.summary == "2 warning signs of overtraining (tiredness and poor sleep): ease off and add rest."
    )


def test_as_dict_is_the_json_shape() -> None:
    data = check_overtraining({"headaches": True}).as_dict()
    assert set(data) == {
        "signs",
        "count",
        "verdict_label",
        "advice",
        "summary",
        "verdict",
        "why",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
    }
    assert data["signs"] == [{"key": "headaches", "label": "Headaches", "ours": False}]
    assert [link["page"] for link in data["links"]] == [
        "prevention/overtraining.md",
        "prevention/rest-and-recovery.md",
    ]


def test_the_rules_table_is_json_ready() -> None:
    rules = overtraining_rules()
    assert json.loads(json.dumps(rules)) == rules
    assert [sign["key"] for sign in rules["signs"]] == list(SIGNS)
    assert rules["several_signs"] == SEVERAL_SIGNS and rules["several_signs_ours"] is True
    assert [verdict["key"] for verdict in rules["verdicts"]] == [
        "carry-on",
        "ease-off",
        "ease-off-talk-to-gp",
    ]


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signs", "fields"),
    [
        (None, ["signs"]),
        (["fatigue"], ["signs"]),
        ({"fatigue": "yes"}, ["signs.fatigue"]),
        ({"fatigue": 1}, ["signs.fatigue"]),
        ({"grumpy": True, "sleep": None}, ["signs.grumpy", "signs.sleep"]),
    ],
)
def test_bad_input_raises_naming_every_field(signs: object, fields: list[str]) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_overtraining(signs)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields
