"""Rules rendered into pages come from the calculator, and bad markers fail the build."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

import calculator.protocol
from tests.helpers import hook_module

calculator_rules = hook_module("calculator_rules")


def ramp_rules() -> dict[str, Any]:
    """The ramp's rules as the browser gets them: the protocol's ``rules`` answer."""
    answer = json.loads(calculator.protocol.handle(json.dumps({"check": "rules"})))
    ramp: dict[str, Any] = answer["result"]["ramp"]
    return ramp


def test_profile_options_follow_the_calculator() -> None:
    html = calculator_rules.render_markers("<!-- rules: ramp-profile-options -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        assert f'<option value="{profile["key"]}">' in html


def test_profile_table_states_each_limit() -> None:
    table = calculator_rules.render_markers("<!-- rules: ramp-profile-table -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        assert f"| {profile['limit_pct']:g} % |" in table


def test_text_without_markers_is_untouched() -> None:
    assert (
        calculator_rules.render_markers("10 % is a rule of thumb.", "page.md") == "10 % is a rule of thumb."
    )


def test_unknown_marker_fails_naming_the_file() -> None:
    with pytest.raises(PluginError, match=r"docs/x\.md: unknown rules marker 'ramp-colours'"):
        calculator_rules.render_markers("<!-- rules: ramp-colours -->", "docs/x.md")


def test_profile_table_cites_each_profiles_sources() -> None:
    table = calculator_rules.render_markers("<!-- rules: ramp-profile-table -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        row = next(line for line in table.splitlines() if f"| {profile['limit_pct']:g} % |" in line)
        assert all(f"[@{key}]" in row for key in profile["sources"])


def test_red_flags_page_lists_come_from_the_calculator() -> None:
    rules = calculator_rules.calculator_rules()["redflags"]
    rendered = {
        level["key"]: calculator_rules.render_markers(f"<!-- rules: redflags-list {level['key']} -->", "p.md")
        for level in rules["levels"]
    }
    for question in rules["questions"]:
        if question["asked_if"] is None:
            assert question["question"] in rendered[question["urgency"]]
    for combination in rules["combinations"]:
        assert combination["reason"] in rendered[combination["urgency"]]
    follow_ups = calculator_rules.render_markers("<!-- rules: redflags-list injury -->", "p.md")
    assert all(q["question"] in follow_ups for q in rules["questions"] if q["asked_if"] == "injury")


def test_a_pages_box_shows_the_chosen_signs_by_level_most_urgent_first() -> None:
    rules = calculator_rules.calculator_rules()["redflags"]
    questions = {question["id"]: question for question in rules["questions"]}
    box = calculator_rules.render_markers("<!-- rules: redflags-box locked numb_cold_foot -->", "p.md")
    emergency, urgent = box.split("\n\n!!! ")
    assert emergency.startswith('!!! danger kl-care kl-care-emergency "Emergency: get help now"')
    assert "Call [999](tel:999) or go to A&E now if:" in emergency
    assert questions["numb_cold_foot"]["reason"] in emergency and "[@nhs-knee-pain]" in emergency
    assert urgent.startswith("warning kl-care kl-care-urgent") and "[111](tel:111)" in urgent
    assert questions["locked"]["reason"] in urgent and questions["numb_cold_foot"]["reason"] not in urgent


def test_a_box_for_a_level_holds_all_of_its_signs() -> None:
    rules = calculator_rules.calculator_rules()["redflags"]
    box = calculator_rules.render_markers("<!-- rules: redflags-box emergency -->", "p.md")
    for entry in [*rules["questions"], *rules["combinations"]]:
        if entry["urgency"] == "emergency" and not entry.get("asked_if"):
            assert entry["reason"] in box


def test_a_box_with_an_unknown_sign_fails_naming_the_file() -> None:
    with pytest.raises(PluginError, match=r"docs/z\.md: rules marker .*unknown: kneeache"):
        calculator_rules.render_markers("<!-- rules: redflags-box locked kneeache -->", "docs/z.md")


def test_the_self_care_card_says_what_to_do_and_when_to_get_help() -> None:
    card = calculator_rules.render_markers("<!-- rules: redflags-level self-care -->", "p.md")
    assert card.startswith('!!! tip kl-care kl-care-self-care "Self-care: look after it yourself"')
    assert "20 minutes" in card and "2 weeks" in card and "[@nhs-knee-pain]" in card


def test_marker_inside_an_admonition_keeps_its_indent() -> None:
    text = '!!! danger "Now"\n    <!-- rules: redflags-list emergency -->\n'
    body = calculator_rules.render_markers(text, "p.md").splitlines()[1:]
    assert len(body) > 1 and all(line.startswith("    - ") for line in body)


def test_marker_with_a_bad_argument_fails_naming_the_file() -> None:
    with pytest.raises(PluginError, match=r"docs/y\.md: rules marker .*redflags-list soonish"):
        calculator_rules.render_markers("<!-- rules: redflags-list soonish -->", "docs/y.md")


def test_shoe_range_in_words_follows_the_calculator() -> None:
    shoes = calculator_rules.calculator_rules()["shoes"]["range"]
    words = calculator_rules.render_markers("<!-- rules: shoes-range -->", "p.md")
    assert words.startswith(f"{shoes['low_miles']:g}–{shoes['high_miles']:g} miles")
