"""The where check: the location table from the sources, never a diagnosis, and what features add."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.redflags import check_redflags
from calculator.checks.where import check_where
from calculator.errors import CalculatorError
from calculator.rules.redflags import LEVELS_BY_KEY, QUESTIONS
from calculator.rules.where import (
    CONDITIONS,
    CONDITIONS_BY_KEY,
    FEATURES,
    LOCATIONS,
    NOT_A_DIAGNOSIS,
    WHERE_FEATURES,
    conditions_at,
    where_rules,
)
from calculator.sources import PAGE_TITLES

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)


# --- the table, from the sources -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "conditions"),
    [
        (
            "front",
            [
                "patellofemoral-pain",
                "patellar-tendinopathy",
                "quadriceps-tendinopathy",
                "bursitis",
                "osteoarthritis",
                "fat-pad-irritation",  # Genin 2017: pain below the kneecap, at the front
                "children-and-teenagers",  # Osgood-Schlatter and SLJ, below and at the front
            ],
        ),
        (
            "around-kneecap",
            ["patellofemoral-pain", "kneecap-dislocation", "plica-syndrome"],
        ),  # seed 002: runner's knee; NHS: a dislocated kneecap; Lee 2017: the medial plica beside the kneecap
        (
            "below-kneecap",
            [
                "patellar-tendinopathy",
                "bursitis",
                "bone-stress-injury",
                "fat-pad-irritation",
                "children-and-teenagers",
            ],
        ),  # seed 002: the patellar tendon; Warden 2014: the top of the shin bone; Osgood-Schlatter's bump
        ("above-kneecap", ["quadriceps-tendinopathy"]),  # seed 004 names it; the tendon is above the kneecap
        (
            "outside",
            ["itb-syndrome", "meniscus-tear", "ligament-sprain"],
        ),  # seed 002: ITBS without an injury; the outer meniscus and ligament after one
        (
            "inside",
            [
                "bursitis",
                "osteoarthritis",
                "meniscus-tear",  # Nielsen 2014 (PLoS ONE): a medial meniscus injury in about 9 % of injured runners
                "ligament-sprain",  # the MCL, on the inner side
                "kneecap-dislocation",  # the tissue holding the kneecap on its inner side
                "bone-stress-injury",  # Warden 2014: the inner top of the shin
                "pes-anserine-bursitis",  # StatPearls: inner side, just below the joint
                "plica-syndrome",  # Lee 2017: the medial plica
            ],
        ),  # issue 11: the inside is not only bursitis and arthritis
        (
            "back",
            ["hamstring-tendinopathy", "meniscus-tear", "bakers-cyst"],
        ),  # issue 11: the back is not only hamstring tendinopathy (NHS: Baker's cyst, with a meniscus tear)
    ],
)
def test_each_location_lists_the_conditions_the_sources_give(location: str, conditions: list[str]) -> None:
    assert [condition.key for condition in check_where(location).conditions] == conditions


@pytest.mark.parametrize(
    ("key", "locations"),
    [
        ("patellofemoral-pain", ("front", "around-kneecap")),
        ("itb-syndrome", ("outside",)),
        ("patellar-tendinopathy", ("below-kneecap", "front")),
        ("quadriceps-tendinopathy", ("above-kneecap", "front")),
        ("hamstring-tendinopathy", ("back",)),
        ("bursitis", ("front", "below-kneecap", "inside")),
        ("osteoarthritis", ("inside", "front")),
        ("meniscus-tear", ("inside", "outside", "back")),
        ("ligament-sprain", ("inside", "outside")),
        ("kneecap-dislocation", ("around-kneecap", "inside")),
        ("bone-stress-injury", ("inside", "below-kneecap")),
        ("pes-anserine-bursitis", ("inside",)),
        ("plica-syndrome", ("inside", "around-kneecap")),
        ("fat-pad-irritation", ("below-kneecap", "front")),
        ("bakers-cyst", ("back",)),
        ("children-and-teenagers", ("below-kneecap", "front")),
    ],
)
def test_each_condition_has_the_locations_its_page_declares(key: str, locations: tuple[str, ...]) -> None:
    """The site's build checks these against each page's pain_locations front matter."""
    assert CONDITIONS_BY_KEY[key].locations == locations


def test_every_condition_links_its_own_page_and_every_location_has_a_condition() -> None:
    location_keys = {location.key for location in LOCATIONS}
    for condition in CONDITIONS:
        assert condition.page == f"conditions/{condition.key}.md" and condition.page in PAGE_TITLES
        assert set(condition.locations) <= location_keys and condition.sources
    for location in LOCATIONS:
        assert conditions_at(location.key)
    assert [location.key for location in LOCATIONS] == [
        "front",
        "around-kneecap",
        "above-kneecap",
        "below-kneecap",
        "inside",
        "outside",
        "back",
    ]


def test_every_feature_is_sourced_and_supports_only_known_conditions() -> None:
    for feature in WHERE_FEATURES:
        assert feature.sources and set(feature.supports) <= set(CONDITIONS_BY_KEY)
        assert feature.red_flag or feature.supports, feature.key
    assert {feature.key for feature in WHERE_FEATURES if feature.red_flag} == {
        "swelling",
        "locking",
        "after-injury",
        "gives-way",
        "night-pain",
        "limping",
    }


def test_the_rules_table_is_json_ready_and_derived_from_the_conditions() -> None:
    rules = where_rules()
    assert json.loads(json.dumps(rules)) == rules
    for location in rules["locations"]:
        assert location["conditions"] == [condition.key for condition in conditions_at(location["key"])]
    assert {condition["page"]: condition["locations"] for condition in rules["conditions"]} == {
        condition.page: list(condition.locations) for condition in CONDITIONS
    }
    assert rules["not_a_diagnosis"] == NOT_A_DIAGNOSIS


# --- never a diagnosis ----------------------------------------------------------------------------

feature_lists = st.lists(st.sampled_from([feature.key for feature in WHERE_FEATURES]), max_size=6)
locations = st.sampled_from([location.key for location in LOCATIONS])


@PROPERTIES
@given(location=locations, features=feature_lists)
def test_every_answer_says_it_is_not_a_diagnosis(location: str, features: list[str]) -> None:
    result = check_where(location, features=features)
    assert result.not_a_diagnosis == NOT_A_DIAGNOSIS
    assert "not a diagnosis" in result.summary and "may come from" in result.summary
    assert "diagnosis" not in result.summary.replace("not a diagnosis", "")
    assert {condition.key for condition in result.conditions} == {c.key for c in conditions_at(location)}
    pages = list(result.links)
    assert [condition.page for condition in result.conditions] == pages[: len(result.conditions)]
    assert "conditions/index.md" in pages
    assert json.loads(result.to_json()) == result.as_dict()


@PROPERTIES
@given(location=locations, features=feature_lists, extra=st.sampled_from(list(FEATURES)))
def test_a_feature_never_makes_the_answer_less_cautious(
    location: str, features: list[str], extra: str
) -> None:
    before = check_where(location, features=features)
    after = check_where(location, features=[*features, extra])
    assert after.see_clinician >= before.see_clinician
    assert before.see_clinician is any(FEATURES[key].red_flag for key in features)
    assert before.verdict == ("see-clinician" if before.see_clinician else "may-be")


# --- features -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "feature", ["swelling", "locking", "after-injury", "gives-way", "night-pain", "limping"]
)
def test_a_red_flag_feature_points_to_a_clinician_and_the_red_flags(feature: str) -> None:
    result = check_where("front", features=[feature])
    assert result.see_clinician is True and result.verdict == "see-clinician"
    assert "red-flags.md" in result.links
    assert "some of what you describe points to" in result.summary
    assert result.why.startswith(FEATURES[feature].note)


def test_after_an_injury_a_doctors_opinion_is_advised() -> None:
    result = check_where("outside", features=["after-injury"])
    assert "doctor's opinion" in result.why and "seed-002" in result.sources


@pytest.mark.parametrize("location", ["inside", "outside", "back", "around-kneecap"])
def test_pain_that_started_with_an_injury_points_first_to_the_injury_pages(location: str) -> None:
    """Issue 11: "it started with a twist" points to the injury pages, wherever they can hurt."""
    injuries = {"meniscus-tear", "ligament-sprain", "kneecap-dislocation"}
    result = check_where(location, features=["after-injury"])
    here = [condition.key for condition in result.conditions if condition.key in injuries]
    assert here and [condition.key for condition in result.conditions[: len(here)]] == here
    assert all(
        condition.matching_features == ("after-injury",) for condition in result.conditions[: len(here)]
    )
    assert result.see_clinician is True


@pytest.mark.parametrize(
    ("location", "features", "first"),
    [
        ("front", ["morning-stiffness"], "patellar-tendinopathy"),
        ("front", ["stairs"], "patellofemoral-pain"),
        ("below-kneecap", ["tender-below-kneecap"], "patellar-tendinopathy"),
        ("front", [], "patellofemoral-pain"),
    ],
)
def test_a_supporting_feature_moves_its_condition_up(location: str, features: list[str], first: str) -> None:
    result = check_where(location, features=features)
    assert result.conditions[0].key == first
    assert result.conditions[0].matching_features == tuple(features)


def test_a_feature_for_a_condition_elsewhere_changes_nothing() -> None:
    assert check_where("back", features=["stairs"]).conditions == check_where("back").conditions


def test_a_repeated_feature_counts_once() -> None:
    result = check_where("outside", features=["snapping", "snapping"])
    assert [feature.key for feature in result.features] == ["snapping"]
    assert result.conditions[0].matching_features == ("snapping",)


def test_a_quiet_answer_does_not_point_to_a_clinician() -> None:
    result = check_where("around-kneecap", features=["stairs", "sitting"])
    assert (result.see_clinician, result.verdict) == (False, "may-be")
    assert "red-flags.md" not in result.links


def test_the_back_of_the_knee_mentions_a_clot_and_links_the_red_flags() -> None:
    result = check_where("back")
    assert "blood clot" in result.location_note and "red-flags.md" in result.links
    assert "nhs-dvt" in result.sources and result.see_clinician is False


def test_as_dict_is_the_json_shape() -> None:
    data = check_where("front", features=["stairs", "swelling"]).as_dict()
    assert set(data) == {
        "location",
        "location_label",
        "location_note",
        "conditions",
        "features",
        "not_a_diagnosis",
        "summary",
        "verdict",
        "why",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
        "urgency",
    }
    assert data["urgency"]["level"] == "urgent"  # a badly swollen knee: the same day (NHS knee pain)
    assert set(data["conditions"][0]) == {
        "key",
        "name",
        "page",
        "also_called",
        "typical",
        "note",
        "matching_features",
        "sources",
    }
    assert data["links"][0] == {
        "title": PAGE_TITLES["conditions/patellofemoral-pain.md"],
        "page": "conditions/patellofemoral-pain.md",
    }


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "features", "fields"),
    [
        ("knee", (), ["location"]),
        (None, (), ["location"]),
        (["front"], (), ["location"]),
        ("front", "stairs", ["features"]),
        ("front", {"stairs": True}, ["features"]),
        ("front", ["stairs", "itchy", 5], ["features[1]", "features[2]"]),
        ("front", ["stairs"] * 51, ["features"]),
        ("nose", ["itchy"], ["location", "features[0]"]),
    ],
)
def test_bad_input_raises_naming_every_field(location: object, features: object, fields: list[str]) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_where(location, features=features)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields


def test_no_features_is_fine() -> None:
    assert check_where("inside", features=None).features == ()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "features", [[key] for key in FEATURES if FEATURES[key].red_flag] + [["locking", "after-injury"]]
)
def test_red_flag_features_give_the_red_flags_checks_urgency(features: list[str]) -> None:
    """Issue 8: the where check's red-flag features are the red-flags check's questions, with its level."""
    result = check_where("front", features=features)
    same = check_redflags({FEATURES[key].redflag: True for key in features})
    assert result.urgency is not None and result.urgency["level"] == same.level
    assert result.summary.endswith(same.summary.removeprefix("Your answers point to "))
    assert FEATURES[features[0]].label == QUESTIONS[FEATURES[features[0]].redflag or ""].sign


def test_locking_after_an_injury_is_seen_today() -> None:
    assert check_where("inside", features=["after-injury", "locking"]).urgency == {
        "level": "urgent",
        "level_label": "Urgent: get seen today",
        "heading": LEVELS_BY_KEY["urgent"].heading,
        "action": LEVELS_BY_KEY["urgent"].action,
        "watch": LEVELS_BY_KEY["urgent"].watch,
        "calls": [{"number": "111", "label": LEVELS_BY_KEY["urgent"].calls[0].label}],
    }


def test_a_missing_place_is_asked_for_in_the_words_the_form_shows() -> None:
    # Issue 9: the reader sees the labels ("The front of the knee"), never the keys ("around-kneecap").
    with pytest.raises(CalculatorError) as raised:
        check_where(None)
    message = str(raised.value)
    assert "the front of the knee" in message and "around the kneecap" in message
    assert "around-kneecap" not in message and "above-kneecap" not in message
