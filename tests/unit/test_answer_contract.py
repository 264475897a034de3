"""What every answer of the acwr, redflags, where and overtraining checks carries, through the protocol.

summary (one sentence), verdict (a short key), why (one or two sentences), links (pages an answer
may link, with their titles), sources (bibliography keys), the one disclaimer, and see_clinician
(true -> a link to red-flags.md). Every source key in their rules tables is a bibliography key.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from calculator.protocol import handle
from calculator.rules import DISCLAIMER, PAGE_TITLES

REQUESTS: list[dict[str, Any]] = [
    {"check": "acwr", "loads": [10, 10, 10, 16], "period": "week"},
    {"check": "acwr", "loads": [0, 0, 0, 0], "period": "week", "unit": "mi"},
    {"check": "acwr", "loads": [5] * 21 + [10] * 7, "period": "day", "unit": "min"},
    {"check": "acwr", "loads": [3] * 30, "period": "day", "unit": "au"},
    {"check": "redflags", "answers": {}},
    {"check": "redflags", "answers": {"new_pain": True}},
    {"check": "redflags", "answers": {"injury": True, "ottawa_age": True, "marked_swelling": True}},
    {"check": "redflags", "answers": {"clot_breathless": True, "locked": True}},
    {"check": "redflags", "answers": {"ottawa_fibula": True}},
    {"check": "where", "location": "front"},
    {"check": "where", "location": "back", "features": ["bending", "sprinting"]},
    {"check": "where", "location": "outside", "features": ["snapping", "swelling", "after-injury"]},
    {"check": "overtraining", "signs": {}},
    {"check": "overtraining", "signs": {"sleep": True}},
    {"check": "overtraining", "signs": {"fatigue": True, "mood": True, "aches": True, "appetite": False}},
]

COMMON = ("summary", "verdict", "why", "links", "sources", "disclaimer", "see_clinician")


def sentences(text: str) -> int:
    """Count sentences, not the full stops of "et al." or a decimal."""
    return len(re.findall(r"[.?!](?:\s|$)", text.replace("et al.", "et al")))


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: json.dumps(request)[:60])
def test_every_answer_carries_the_common_fields(request_: dict[str, Any]) -> None:
    answer = json.loads(handle(json.dumps(request_)))
    assert answer["ok"] is True, answer
    result = answer["result"]
    assert set(COMMON) <= set(result)
    assert isinstance(result["summary"], str) and sentences(result["summary"]) == 1, result["summary"]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", result["verdict"])
    assert 1 <= sentences(result["why"]) <= 2, result["why"]
    assert result["links"] and all(link == {"title": PAGE_TITLES[link["page"]], "page": link["page"]}
                                   for link in result["links"])
    assert result["sources"] and all(isinstance(key, str) for key in result["sources"])  # keys: tests/content
    assert len(result["sources"]) == len(set(result["sources"]))
    assert result["disclaimer"] == DISCLAIMER == "A guide, not a diagnosis or medical advice."
    assert isinstance(result["see_clinician"], bool)
    if result["see_clinician"]:
        assert "red-flags.md" in [link["page"] for link in result["links"]]
