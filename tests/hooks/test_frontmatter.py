"""The content schema: validate_meta accepts good front matter and names every broken field."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import hook_module

frontmatter = hook_module("frontmatter")

TODAY = datetime.date(2026, 11, 23)
KEYS = frozenset({"seed-000", "seed-004", "buist-2008"})
PAGES = frozenset({"myths/a.md", "conditions/b.md", "exercises/c.md", "red-flags.md", "calculator/ramp.md"})
GUIDE: dict[str, Any] = {
    "title": "Load and capacity",
    "description": "Why knees hurt when running grows faster than the knee can adapt to it.",
    "kind": "guide",
    "reviewed": datetime.date(2026, 11, 23),
    "sources": ["seed-000", "buist-2008"],
    "related": ["red-flags.md"],
    "tags": ["causes"],
}
KIND_EXTRAS: dict[str, dict[str, Any]] = {
    "myth": {"claim": "Running wears out your knees.", "verdict": "mostly-false"},
    "condition": {"aliases": ["runner's knee", "PFPS"], "pain_locations": ["front", "around-kneecap"]},
    "exercise": {"exercise_type": "strength", "targets": ["glutes", "hips"]},
}


def check(meta: dict[str, Any], src_path: str = "docs/causes/x.md") -> None:
    frontmatter.validate_meta(meta, src_path, bibliography_keys=KEYS, page_paths=PAGES, today=TODAY)


def page(kind: str = "guide", **changes: Any) -> dict[str, Any]:
    """A valid page of a kind, with some fields changed (None removes a field)."""
    meta = {**GUIDE, "kind": kind, **KIND_EXTRAS.get(kind, {})}
    meta.update(changes)
    return {field: value for field, value in meta.items() if value is not None}


@pytest.mark.parametrize("kind", frontmatter.KINDS)
def test_a_valid_page_of_every_kind_passes(kind: str) -> None:
    check(page(kind))


def test_reference_pages_may_have_no_sources() -> None:
    check(page("reference", sources=[]))
    check(page("reference", sources=None))


def test_review_date_may_be_quoted_text_and_today() -> None:
    check(page(reviewed="2026-11-23"))


def test_calculator_field_on_a_calculator_page() -> None:
    check(page(calculator="ramp"), "docs/calculator/ramp.md")


def test_theme_fields_are_allowed() -> None:
    check(page(hide=["toc"]))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": None}, "title", "missing"),
        ({"title": "x" * 71}, "title", "at most 70 characters"),
        ({"description": None}, "description", "missing"),
        ({"description": "Too short."}, "description", "50-160 characters (it has 10)"),
        ({"description": "x" * 161}, "description", "(it has 161)"),
        ({"kind": "blog"}, "kind", "unknown kind 'blog'"),
        ({"kind": None}, "kind", "missing"),
        ({"reviewed": None}, "reviewed", "missing"),
        ({"reviewed": "23/11/2026"}, "reviewed", "not a date written YYYY-MM-DD"),
        ({"reviewed": "2026-02-30"}, "reviewed", "not a date"),
        ({"reviewed": datetime.date(2026, 11, 24)}, "reviewed", "in the future"),
        ({"reviewed": datetime.datetime(2026, 11, 1, 9, 0)}, "reviewed", "must be a date"),
        ({"sources": None}, "sources", "missing"),
        ({"sources": []}, "sources", "must not be empty"),
        ({"sources": "seed-000"}, "sources", "must be a list"),
        ({"sources": ["seed-000", "smith-1999"]}, "sources", "unknown source key 'smith-1999'"),
        ({"sources": ["seed-000", "seed-000"]}, "sources", "twice"),
        ({"related": ["conditions/nowhere.md"]}, "related", "unknown page 'conditions/nowhere.md'"),
        ({"related": ["../red-flags.md"]}, "related", "unknown page '../red-flags.md'"),
        ({"related": ["causes/x.md"]}, "related", "unknown page"),
        ({"tags": "causes"}, "tags", "must be a list"),
        ({"calculator": "ramp"}, "calculator", "only calculator pages"),
        ({"sourcs": ["seed-000"]}, "sourcs", "unknown field (did you mean 'sources'?)"),
        ({"claim": "Knees wear out."}, "claim", "only pages of kind 'myth'"),
    ],
)
def test_a_broken_field_is_named(changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(PluginError) as failure:
        check(page(**changes))
    assert f"docs/causes/x.md: front matter field '{field}': " in str(failure.value)
    assert message in str(failure.value)


@pytest.mark.parametrize(
    ("kind", "changes", "field", "message"),
    [
        ("myth", {"claim": None}, "claim", "missing"),
        ("myth", {"verdict": "wrong"}, "verdict", "'wrong' is not one of false, mostly-false, partly-true"),
        ("myth", {"verdict": False}, "verdict", 'quote it in YAML: verdict: "false"'),
        ("condition", {"aliases": []}, "aliases", "must not be empty"),
        ("condition", {"pain_locations": ["front", "shin"]}, "pain_locations", "unknown location 'shin'"),
        ("condition", {"pain_locations": None}, "pain_locations", "missing"),
        ("exercise", {"exercise_type": "cardio"}, "exercise_type", "'cardio' is not one of strength"),
        ("exercise", {"targets": [""]}, "targets", "non-empty text"),
        ("exercise", {"verdict": "false"}, "verdict", "only pages of kind 'myth'"),
    ],
)
def test_a_broken_kind_field_is_named(kind: str, changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(PluginError) as failure:
        check(page(kind, **changes))
    assert f"front matter field '{field}': " in str(failure.value)
    assert message in str(failure.value)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(PluginError) as failure:
        check(page(kind="blog", sourcs=["seed-000"], sources=None))
    lines = str(failure.value).splitlines()
    assert {line.split("'")[1] for line in lines} == {"kind", "sourcs", "sources"}


def test_pain_locations_are_in_anatomical_order() -> None:
    assert list(frontmatter.PAIN_LOCATIONS) == [
        "front",
        "around-kneecap",
        "above-kneecap",
        "below-kneecap",
        "inside",
        "outside",
        "back",
    ]


def test_a_field_given_twice_fails_naming_file_field_and_line() -> None:
    """YAML keeps the last of two equal keys without a word: the build must not."""
    source = "---\ntitle: Load and capacity\nkind: guide\ntitle: Load\n---\n# Load\n"
    with pytest.raises(
        PluginError, match=r"^docs/a\.md: front matter field 'title': given twice \(line 4\)$"
    ):
        frontmatter.check_repeated_fields(source, "docs/a.md")
    frontmatter.check_repeated_fields(source.replace("title: Load\n---", "---"), "docs/a.md")
