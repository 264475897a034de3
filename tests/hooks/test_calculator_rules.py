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
    follow_ups = calculator_rules.render_markers("<!-- rules: redflags-list injury -->", "p.md")
    assert all(q["question"] in follow_ups for q in rules["questions"] if q["asked_if"] == "injury")


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
