"""The calculator and the pages state the same facts: its links exist, its locations match."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from calculator.protocol import handle_request
from calculator.sources import PAGE_TITLES
from tests.helpers import PROJECT_ROOT, module_from_path

REQUESTS = module_from_path(
    "sample_requests", PROJECT_ROOT / "tests" / "unit" / "sample_requests.py"
).SAMPLE_REQUESTS

DOCS = PROJECT_ROOT / "docs"


def front_matter(page: str) -> dict[str, Any]:
    """The YAML front matter of a docs page."""
    text = (DOCS / page).read_text(encoding="utf-8")
    meta: dict[str, Any] = yaml.safe_load(text.split("---", 2)[1])
    return meta


def _links(value: Any) -> list[str]:
    """Every page named in a JSON value (any "page" key, at any depth)."""
    if isinstance(value, dict):
        own = [value["page"]] if isinstance(value.get("page"), str) else []
        return own + [page for item in value.values() for page in _links(item)]
    if isinstance(value, list):
        return [page for item in value for page in _links(item)]
    return []


@pytest.mark.parametrize("request_", [*REQUESTS, {"check": "rules"}], ids=lambda request: request["check"])
def test_every_page_the_calculator_links_exists(request_: dict[str, Any]) -> None:
    answer = handle_request(request_)
    missing = [page for page in _links(answer["result"]) if not (DOCS / page).is_file()]
    assert not missing


def test_condition_pages_agree_with_the_where_check() -> None:
    rules = handle_request({"check": "rules"})["result"]["where"]
    for condition in rules["conditions"]:
        meta = front_matter(condition["page"])
        assert meta["kind"] == "condition"
        assert sorted(meta["pain_locations"]) == sorted(condition["locations"]), condition["page"]


def test_every_condition_page_is_in_the_where_check() -> None:
    rules = handle_request({"check": "rules"})["result"]["where"]
    pages = {condition["page"] for condition in rules["conditions"]}
    for path in (DOCS / "conditions").glob("*.md"):
        if front_matter(f"conditions/{path.name}")["kind"] == "condition":
            assert f"conditions/{path.name}" in pages


def test_link_titles_are_the_pages_titles() -> None:
    for page, title in PAGE_TITLES.items():
        assert front_matter(page)["title"] == title, page


def _source_keys(value: Any) -> set[str]:
    """Every key in any "...sources" list of a JSON value, at any depth."""
    if isinstance(value, dict):
        own = {
            key
            for name, item in value.items()
            if name.endswith("sources") and isinstance(item, list)
            for key in item
        }
        return own.union(*(_source_keys(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_source_keys(item) for item in value))
    return set()


def test_every_source_the_calculator_cites_is_in_the_bibliography() -> None:
    bibliography = yaml.safe_load((DOCS / "bibliography.yml").read_text(encoding="utf-8"))
    cited = _source_keys(handle_request({"check": "rules"})["result"])
    for request in REQUESTS:
        cited |= _source_keys(handle_request(request)["result"])
    assert cited and cited <= set(bibliography)


def test_every_bibliography_entry_is_cited_by_a_page_or_the_calculator() -> None:
    bibliography = set(yaml.safe_load((DOCS / "bibliography.yml").read_text(encoding="utf-8")))
    by_pages = {
        key
        for path in DOCS.rglob("*.md")
        if path.read_text(encoding="utf-8").startswith("---")
        for key in front_matter(path.relative_to(DOCS).as_posix()).get("sources") or []
    }
    by_calculator = _source_keys(handle_request({"check": "rules"})["result"])
    assert by_pages <= bibliography
    assert bibliography == by_pages | by_calculator


#: Every page that tells readers when to get their knee checked: its box is rendered from the
#: red-flag rules (a `redflags-box` marker picking signs by id), never written by hand (issue 8).
RED_FLAG_PAGES = [
    *(
        path.relative_to(DOCS).as_posix()
        for path in sorted((DOCS / "conditions").glob("*.md"))
        if path.name != "index.md"
    ),
    "myths/pain-means-damage.md",
    "myths/scans-explain-pain.md",
    "red-flags.md",
]


@pytest.mark.parametrize("page", RED_FLAG_PAGES)
def test_red_flag_boxes_are_rendered_from_the_rules(page: str) -> None:
    text = (DOCS / page).read_text()
    assert "<!-- rules: redflags-box" in text, page
    assert not re.search(
        r"^\s*!!! (danger|warning)\b.*(red flag|999|A&E|emergency|today)", text, re.I | re.M
    ), page
