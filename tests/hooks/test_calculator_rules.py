"""Rules rendered into pages come from the calculator, and bad markers fail the build."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from calculator.rules import ramp_rules
from tests.helpers import hook_module

calculator_rules = hook_module("calculator_rules")


def test_profile_options_follow_the_calculator() -> None:
    html = calculator_rules.render_markers("<!-- rules: ramp-profile-options -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        assert f'<option value="{profile["key"]}">' in html


def test_profile_table_states_each_limit() -> None:
    table = calculator_rules.render_markers("<!-- rules: ramp-profile-table -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        assert f"| {profile['limit_pct']:g} % |" in table


def test_text_without_markers_is_untouched() -> None:
    assert calculator_rules.render_markers("10 % is a rule of thumb.", "page.md") == "10 % is a rule of thumb."


def test_unknown_marker_fails_naming_the_file() -> None:
    with pytest.raises(PluginError, match=r"docs/x\.md: unknown rules marker 'ramp-colours'"):
        calculator_rules.render_markers("<!-- rules: ramp-colours -->", "docs/x.md")


def test_profile_table_cites_each_profiles_sources() -> None:
    table = calculator_rules.render_markers("<!-- rules: ramp-profile-table -->", "page.md")
    for profile in ramp_rules()["profiles"]:
        row = next(line for line in table.splitlines() if f"| {profile['limit_pct']:g} % |" in line)
        assert all(f"[@{key}]" in row for key in profile["sources"])
