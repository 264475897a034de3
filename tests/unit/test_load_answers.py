"""What every answer of the ramp, plan, spike and shoes checks carries, through the protocol.

summary (one sentence or two), verdict (a short key), why (one or two sentences naming the
evidence), links (pages an answer may link, with their titles), sources (bibliography keys), the
one disclaimer, and see_clinician (false: none of these checks points to red-flags.md). Every
source key in their rules tables is a bibliography key.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from calculator.protocol import handle
from calculator.sources import DISCLAIMER, PAGE_TITLES, SOURCE_NAMES

REQUESTS: list[tuple[dict[str, Any], str]] = [
    ({"check": "ramp", "weeks": [20, 22, 26]}, "over"),
    ({"check": "ramp", "weeks": [20, 22]}, "within"),
    ({"check": "ramp", "weeks": [20], "unit": "mi", "profile": "returning"}, "within"),
    ({"check": "ramp", "weeks": [20, 23], "profile": "custom", "limit_pct": 15}, "within"),
    ({"check": "plan", "current": 20, "target": 30}, "plan"),
    (
        {
            "check": "plan",
            "current": 5,
            "target": 6,
            "unit": "mi",
            "hold_weeks": True,
            "start_date": "2026-11-30",
        },
        "plan",
    ),
    ({"check": "plan", "current": 30, "target": 20}, "already-there"),
    ({"check": "plan", "current": 20, "target": 30, "profile": "custom", "limit_pct": 7.5}, "plan"),
    ({"check": "spike", "planned": 10, "longest_30d": 10}, "reference"),
    ({"check": "spike", "planned": 12, "longest_30d": 10}, "over-10"),
    ({"check": "spike", "planned": 16, "longest_30d": 12}, "over-30"),
    ({"check": "spike", "planned": 25, "longest_30d": 10, "unit": "mi"}, "over-100"),
    ({"check": "spike", "planned": 5, "longest_30d": 0}, "no-comparison"),
    ({"check": "shoes", "distance_on_pair": 250, "weekly": 30}, "before-range"),
    (
        {"check": "shoes", "distance_on_pair": 450, "weekly": 20, "unit": "mi", "today": "2026-11-23"},
        "in-range",
    ),
    ({"check": "shoes", "distance_on_pair": 900, "weekly": 0}, "past-range"),
    ({"check": "shoes", "distance_on_pair": 100, "weekly": 0}, "before-range"),
]

COMMON = ("summary", "verdict", "why", "links", "sources", "disclaimer", "see_clinician")


def sentences(text: str) -> int:
    """Count sentences, not the full stops of "et al." or a decimal."""
    return len(re.findall(r"[.?!](?:\s|$)", text.replace("et al.", "et al")))


def ask(request: dict[str, Any]) -> dict[str, Any]:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in an answer")

    answer = json.loads(handle(json.dumps(request)), parse_constant=refuse)
    assert answer["ok"] is True, answer
    result: dict[str, Any] = answer["result"]
    return result


@pytest.mark.parametrize(("request_", "verdict"), REQUESTS, ids=lambda value: json.dumps(value)[:60])
def test_every_answer_carries_the_common_fields(request_: dict[str, Any], verdict: str) -> None:
    result = ask(request_)
    for name in COMMON:
        assert name in result, name
    assert result["verdict"] == verdict
    assert isinstance(result["summary"], str) and 1 <= sentences(result["summary"]) <= 2, result["summary"]
    assert isinstance(result["why"], str) and 1 <= sentences(result["why"]) <= 2, result["why"]
    evidence = "|".join([*map(re.escape, SOURCE_NAMES.values()), r"et al\. \d{4}"])
    assert re.search(evidence, result["why"]), "the why names its evidence"
    assert result["links"] and all(
        link == {"title": PAGE_TITLES[link["page"]], "page": link["page"]} for link in result["links"]
    )
    assert result["sources"] and all(isinstance(key, str) for key in result["sources"])  # keys: tests/content
    assert len(result["sources"]) == len(set(result["sources"]))
    assert result["disclaimer"] == DISCLAIMER
    assert result["see_clinician"] is False
