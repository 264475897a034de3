"""The clinical review's corrections stay made (issue 11), in the pages and in what the calculator says.

Each test guards one kind of correction wherever it could come back: every page in docs/ and every
text the calculator's ``rules`` answer carries (the where check's notes are shown to readers too).
The right wording comes from outside the code: the 2016 and 2018 patellofemoral pain consensus
statements and Nielsen et al. 2014 (PLoS ONE 9:e99877) for recovery times, the 2015 exercise-
associated hyponatraemia consensus for drinking, Alentorn-Geli et al. 2017 for running and
arthritis, Lauersen et al. 2014 for strength training, Bachmann et al. 2004 for the Ottawa rules'
98.5 %, Nielsen et al. 2014 (JOSPT 44:739) for "distance-related" injuries, Impellizzeri et al.
2020 for the ACWR, the NHS knee pain page for ice, and plain arithmetic for shoe mileage.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from calculator.protocol import handle_request
from tests.helpers import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
PAGES = sorted(path for path in DOCS.rglob("*.md") if "includes" not in path.parts)
CONDITION_PAGES = sorted(path for path in (DOCS / "conditions").glob("*.md") if path.name != "index.md")
STRENGTH_PAGE = DOCS / "prevention" / "strength-training.md"


def _strings(value: Any) -> list[str]:
    """Every string in a JSON value, at any depth."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _flat(text: str) -> str:
    """Text with every run of white space made one space, so a phrase may wrap across lines."""
    return re.sub(r"\s+", " ", text)


def _texts() -> dict[str, str]:
    """Every page's text and the calculator's reader-facing rules, by name."""
    texts = {path.relative_to(DOCS).as_posix(): _flat(path.read_text(encoding="utf-8")) for path in PAGES}
    texts["calculator rules"] = _flat(" ".join(_strings(handle_request({"check": "rules"})["result"])))
    return texts


TEXTS = _texts()


def _paragraphs(text: str) -> list[str]:
    return [_flat(block) for block in re.split(r"\n\s*\n", text)]


def _section(text: str, heading: str) -> str | None:
    """The body of the ``## heading`` section of a page, or None."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return _flat(found.group(1)) if found else None


def _offending(pattern: str) -> list[str]:
    regex = re.compile(pattern, re.I)
    return [name for name, text in TEXTS.items() if regex.search(text)]


def test_the_checks_see_the_pages_and_the_calculator() -> None:
    assert len(PAGES) > 50
    assert "conditions/patellofemoral-pain.md" in TEXTS
    assert "where" in TEXTS["calculator rules"].lower()


# --- Recovery time: ranges, never one clinic's 6-8 weeks as THE prognosis --------------------------


def test_no_page_gives_one_recovery_time_for_everything() -> None:
    assert _offending(r"\b6\s*(?:-|–|to)\s*8\s*weeks\b") == []


@pytest.mark.parametrize("page", CONDITION_PAGES, ids=lambda page: page.name)
def test_every_condition_says_how_long_as_a_range_and_that_slow_progress_is_normal(page: Path) -> None:
    section = _section(page.read_text(encoding="utf-8"), "How long it usually takes")
    assert section, f"{page.name} has no 'How long it usually takes' section"
    assert re.search(r"not a sign|does not mean", section), f"{page.name}: say slow progress is not damage"
    assert "[@seed-004]" not in section, f"{page.name}: the clinic's estimate is not a prognosis"


def test_the_71_day_median_is_given_with_its_range() -> None:
    for name, text in TEXTS.items():
        if "71 days" in text:
            assert re.search(r"9 days", text), f"{name} gives the median without its range"
            assert "[@nielsen-2014-recovery]" in text, name


# --- Hydration: drink to thirst ------------------------------------------------------------------


def test_no_page_tells_runners_to_drink_lots() -> None:
    assert _offending(r"\bdrink (?:lots|plenty|a lot)\b|\blots of it\b|joints need fluid") == []


def test_the_food_and_drink_page_says_drink_to_thirst_with_the_consensus() -> None:
    text = TEXTS["prevention/nutrition-and-hydration.md"]
    assert "thirst" in text and "hyponatraemia" in text and "[@hew-butler-2015]" in text


# --- Running and arthritis: associations, not causes ---------------------------------------------


def test_no_causal_claim_that_running_spares_the_knees() -> None:
    causal = (
        r"does(?: not|n't) harm (?:your|healthy) knees|does not cause or worsen|no harm either"
        r"|running does not cause|does not cause it in healthy|does not make it more likely"
    )
    assert _offending(causal) == []


def test_the_arthritis_pages_name_the_risks_a_runner_can_act_on_and_the_competitive_rate() -> None:
    for name in ("conditions/osteoarthritis.md", "myths/running-wears-out-knees.md"):
        text = TEXTS[name]
        assert re.search(r"injury or operation", text) and "weight" in text, name
        assert "13.3 %" in text, name


# --- Strength training's headline, once, with its caveat -----------------------------------------


def test_the_26610_figure_is_only_on_the_strength_page_with_its_caveat() -> None:
    assert _offending(r"26,?610") == ["prevention/strength-training.md"]
    text = TEXTS["prevention/strength-training.md"]
    assert "not on all 26,610 people" in text
    assert "mostly in other sports" in text and "not treating" in text


def test_only_the_strength_page_turns_the_review_into_a_third_of_injuries() -> None:
    for name, text in TEXTS.items():
        for paragraph in re.split(r"(?<=[.!?])\s+", text):
            if "[@lauersen-2014]" in paragraph and "third" in paragraph:
                assert name == "prevention/strength-training.md", (name, paragraph)


# --- Citations -----------------------------------------------------------------------------------


def test_the_ottawa_98_5_percent_is_bachmanns_not_stiells() -> None:
    for name, text in TEXTS.items():
        for paragraph in _paragraphs(text):
            if "98.5" in paragraph:
                assert "bachmann-2004" in paragraph or "Bachmann" in paragraph, (name, paragraph)
                assert "stiell-1995" not in paragraph.split("98.5", 1)[1][:200], (name, paragraph)


def test_distance_related_injuries_are_never_only_knee_ones() -> None:
    for name, text in TEXTS.items():
        for paragraph in _paragraphs(text):
            if "distance-related" in paragraph and name != "calculator rules":
                assert "shin" in paragraph and "hip" in paragraph, (name, paragraph)


def test_impellizzeri_is_not_said_to_find_barely_better_than_chance() -> None:
    assert _offending(r"barely (?:better|above) than chance") == []


# --- One blog's claims hedged, and the arithmetic -------------------------------------------------


def test_one_blogs_claims_are_not_stated_as_facts() -> None:
    stated = (
        r"over-?pronation is the most common|the most frequent reason for pain at the back"
        r"|weak glutes, for instance, can lower|if a runner's knee hurts on the outer side, ITBS is the usual"
    )
    assert _offending(stated) == []


def test_25_miles_a_week_reaches_400_to_500_miles_in_4_to_5_months() -> None:
    weeks = (400 / 25, 500 / 25)  # 16 and 20 weeks
    months = tuple(week * 7 / (365.25 / 12) for week in weeks)  # about 3.7 and 4.6 months
    assert weeks == (16, 20) and round(months[0]) == 4 and round(months[1]) == 5
    assert _offending(r"\b3\s*(?:-|–|to)\s*4 months\b") == []


# --- Ice: the NHS's plain instructions ------------------------------------------------------------


def test_ice_comes_with_the_nhs_instructions_not_ask_a_pharmacist_first() -> None:
    text = TEXTS["prevention/knee-supports-and-ice.md"]
    assert "[@nhs-knee-pain]" in text and "20 minutes" in text and "towel" in text
    assert not re.search(r"Ask a pharmacist or physiotherapist for advice before you start", text)


# --- Treatment that includes the core -----------------------------------------------------------


def test_tendon_pages_give_staged_tendon_loading() -> None:
    for name in ("conditions/patellar-tendinopathy.md", "conditions/quadriceps-tendinopathy.md"):
        text = TEXTS[name].lower()
        assert "heavy slow" in text or "heavy, slow" in text, name
        assert "[@malliaras-2015]" in text, name


def test_kneecap_pain_gives_the_consensus_treatment() -> None:
    text = TEXTS["conditions/patellofemoral-pain.md"]
    assert "orthoses" in text and "[@crossley-2016]" in text and "[@collins-2018]" in text
    assert re.search(r"only alongside exercise", text)
