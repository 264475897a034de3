"""The ramp rules: exact limits, their sources, units and the JSON the build renders."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import pytest

from calculator.rules.ramp import (
    DEFAULT_PROFILE,
    PROFILES,
    RAMP_CAVEAT,
    RAMP_CAVEAT_SOURCES,
    RAMP_PROFILES,
    RampProfile,
    ramp_rules,
)
from calculator.units import DEFAULT_UNIT, MAX_WEEKS, RAMP_UNITS, UNITS


@pytest.mark.parametrize(
    ("key", "limit", "limit_pct", "sources"),
    [
        ("standard", Fraction(1, 10), 10.0, ("seed-002", "seed-004")),
        ("returning", Fraction(1, 20), 5.0, ("seed-002",)),
        ("conservative", Fraction(1, 40), 2.5, ("seed-001",)),
    ],
)
def test_profile_limits_are_exact_and_sourced(
    key: str, limit: Fraction, limit_pct: float, sources: tuple[str, ...]
) -> None:
    profile = PROFILES[key]
    assert profile.limit == limit
    assert isinstance(profile.limit, Fraction)
    assert profile.limit_pct == limit_pct
    assert profile.sources == sources
    assert profile.source


def test_profiles_come_in_form_order_with_standard_first() -> None:
    assert [profile.key for profile in RAMP_PROFILES] == ["standard", "returning", "conservative"]
    assert DEFAULT_PROFILE == "standard"


@pytest.mark.parametrize("profile", RAMP_PROFILES, ids=lambda profile: profile.key)
def test_each_label_states_its_own_limit(profile: RampProfile) -> None:
    assert f"up to {profile.limit_pct:g} % a week" in profile.label
    assert profile.label.split(":")[0] == profile.key.capitalize()
    assert profile.description.endswith(".") and profile.description.count(". ") == 0


@pytest.mark.parametrize(
    ("key", "label", "ceiling"),
    [
        ("km", "km", 1000),
        ("mi", "miles", 620),
        ("min", "minutes", 10080),
    ],
)
def test_units_and_their_ceilings(key: str, label: str, ceiling: int) -> None:
    assert UNITS[key].label == label
    assert UNITS[key].max_per_week == ceiling


def test_minutes_ceiling_is_every_minute_of_a_week() -> None:
    assert UNITS["min"].max_per_week == 7 * 24 * 60
    assert DEFAULT_UNIT == "km"
    assert [unit.key for unit in RAMP_UNITS] == ["km", "mi", "min"]
    assert MAX_WEEKS == 520


def test_rules_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROFILES["standard"].limit = Fraction(1, 2)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        UNITS["km"].max_per_week = 5  # type: ignore[misc]


def test_caveat_says_the_ten_percent_rule_is_a_rule_of_thumb() -> None:
    assert "rule" in RAMP_CAVEAT and "of thumb" in RAMP_CAVEAT
    for fact in ("532", "20.8 %", "20.3 %", "Buist et al. 2008"):
        assert fact in RAMP_CAVEAT
    assert RAMP_CAVEAT.replace("et al.", "et al").count(". ") == 0, "one sentence"
    assert RAMP_CAVEAT_SOURCES == ("buist-2008",)


def test_ramp_rules_is_json_ready_and_matches_the_constants() -> None:
    rules = ramp_rules()
    assert json.loads(json.dumps(rules, allow_nan=False)) == rules
    assert [(p["key"], p["label"], p["limit_pct"]) for p in rules["profiles"]] == [
        (p.key, p.label, p.limit_pct) for p in RAMP_PROFILES
    ]
    for entry in rules["profiles"]:
        assert set(entry) >= {"key", "label", "limit_pct", "description", "source", "sources"}
        assert isinstance(entry["limit_pct"], float)
        assert isinstance(entry["sources"], list) and entry["sources"]
    assert rules["units"] == [
        {"key": "km", "label": "km", "max": 1000},
        {"key": "mi", "label": "miles", "max": 620},
        {"key": "min", "label": "minutes", "max": 10080},
    ]
    assert rules["max_weeks"] == 520
    assert rules["caveat"] == RAMP_CAVEAT


def test_ramp_rules_returns_a_fresh_copy() -> None:
    rules = ramp_rules()
    rules["profiles"].clear()
    assert len(ramp_rules()["profiles"]) == 3


# --- the custom limit, and what every check shares ----------------------------------------------------


def test_the_custom_limit_is_offered_apart_from_the_fixed_profiles() -> None:
    from calculator.rules.ramp import CUSTOM, custom_profile

    custom = ramp_rules()["custom"]
    assert custom == {
        "key": "custom",
        "label": "Custom: your own weekly limit",
        "field": "limit_pct",
        "min_pct_exclusive": 0,
        "max_pct": 50.0,
        "description": CUSTOM.description,
        "source": CUSTOM.source,
        "sources": [],
    }
    assert "custom" not in PROFILES  # forms list the fixed profiles; the custom limit needs its own field
    assert CUSTOM.max == Fraction(1, 2)
    profile = custom_profile(Fraction("7.5"))
    assert (profile.key, profile.limit, profile.limit_pct) == ("custom", Fraction(3, 40), 7.5)
    assert profile.label == "Custom: up to 7.5 % a week"


def test_links_are_built_from_the_page_titles() -> None:
    from calculator.sources import PAGE_TITLES, link

    assert all(title and title == title.strip() for title in PAGE_TITLES.values())
    assert link("prevention/footwear.md") == {
        "title": "Running shoes and knee pain",
        "page": "prevention/footwear.md",
    }
    with pytest.raises(KeyError):
        link("prevention/made-up.md")


def test_one_disclaimer_for_every_check() -> None:
    from calculator.sources import DISCLAIMER

    assert DISCLAIMER == "A guide, not a diagnosis or medical advice."
