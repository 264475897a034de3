"""Reader-facing text names its source articles, never by their "seed" file numbers.

Readers do not know what a "seed" is: every string in the ``rules`` answer and in the answers of
every check (summaries, whys, caveats, labels, descriptions, notes, messages, reasons, charts)
names a source article through `calculator.sources.SOURCE_NAMES`. Only the ``sources`` lists
(``sources``, ``caveat_sources``, ``note_sources``...) hold bibliography keys such as ``seed-002``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sample_requests import RULES, SAMPLE_REQUESTS, request_id

from calculator.checks.registry import CHECKS
from calculator.protocol import handle
from calculator.sources import SOURCE_NAMES, source_names

#: A source named by its file number: "seed 002", "Seed 001", "seed-004", "seed000".
SEED = re.compile(r"\bseed[ -]?\d", re.IGNORECASE)


def ask(request: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(handle(json.dumps(request)))
    return answer


def reader_strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in *value* with its path, leaving out the lists of bibliography keys."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if not key.endswith("sources"):  # sources, caveat_sources, note_sources: bibliography keys
                yield from reader_strings(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from reader_strings(inner, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def seed_mentions(value: Any) -> list[tuple[str, str]]:
    return [(path, text) for path, text in reader_strings(value) if SEED.search(text)]


#: Every sample answer, and two refusals (their messages are reader text too).
REQUESTS: list[dict[str, Any]] = [
    *SAMPLE_REQUESTS,
    {"check": "ramp", "weeks": [20, -1], "profile": "fast"},
    {"check": "overtraining", "signs": {"grumpy": True}},
]


def test_the_walk_finds_a_seed_number_but_not_a_source_key() -> None:
    planted = {
        "why": "A rule of thumb (Seed 002).",
        "note": "as seed-004 says",
        "sources": ["seed-002"],
        "rows": [{"label": "seed 000 and seed 004"}],
        "caveat_sources": ["seed-001"],
    }
    assert [path for path, _ in seed_mentions(planted)] == [".why", ".note", ".rows[0].label"]


def test_every_check_is_asked() -> None:
    assert {request["check"] for request in REQUESTS} | {"rules"} == set(CHECKS)


def test_the_rules_answer_names_no_seed() -> None:
    assert seed_mentions(RULES) == []


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: request_id(request, 70))
def test_no_answer_names_a_seed(request_: dict[str, Any]) -> None:
    answer = ask(request_)
    assert seed_mentions(answer) == []


def test_each_source_article_has_one_distinct_name() -> None:
    assert sorted(SOURCE_NAMES) == [f"seed-00{number}" for number in range(5)]
    names = list(SOURCE_NAMES.values())
    assert len(set(names)) == len(names)
    assert not any(SEED.search(name) for name in names)


def test_the_names_reach_the_answers() -> None:
    assert source_names("seed-002", "seed-004") in RULES["ramp"]["profiles"][0]["source"]
    assert (
        source_names("seed-002", capital=True) + " lists these warning signs"
        in ask({"check": "overtraining", "signs": {"sleep": True}})["result"]["why"]
    )
    assert f"({SOURCE_NAMES['seed-000']})" in ask({"check": "redflags", "answers": {}})["result"]["why"]
