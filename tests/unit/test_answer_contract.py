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
from sample_requests import SAMPLE_REQUESTS, request_id

from calculator.protocol import handle
from calculator.sources import DISCLAIMER, PAGE_TITLES

#: The checks whose answers this contract covers (summary in one sentence, and so on).
CONTRACT_CHECKS = ("acwr", "redflags", "where", "overtraining")
REQUESTS = [request for request in SAMPLE_REQUESTS if request["check"] in CONTRACT_CHECKS]

COMMON = ("summary", "verdict", "why", "links", "sources", "disclaimer", "see_clinician")


def sentences(text: str) -> int:
    """Count sentences, not the full stops of "et al." or a decimal."""
    return len(re.findall(r"[.?!](?:\s|$)", text.replace("et al.", "et al")))


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: request_id(request, 60))
def test_every_answer_carries_the_common_fields(request_: dict[str, Any]) -> None:
    answer = json.loads(handle(json.dumps(request_)))
    assert answer["ok"] is True, answer
    result = answer["result"]
    assert set(COMMON) <= set(result)
    assert isinstance(result["summary"], str) and sentences(result["summary"]) == 1, result["summary"]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", result["verdict"])
    assert 1 <= sentences(result["why"]) <= 2, result["why"]
    assert result["links"] and all(
        link == {"title": PAGE_TITLES[link["page"]], "page": link["page"]} for link in result["links"]
    )
    assert result["sources"] and all(isinstance(key, str) for key in result["sources"])  # keys: tests/content
    assert len(result["sources"]) == len(set(result["sources"]))
    assert result["disclaimer"] == DISCLAIMER == "A guide, not a diagnosis or medical advice."
    assert isinstance(result["see_clinician"], bool)
    if result["see_clinician"]:
        assert "red-flags.md" in [link["page"] for link in result["links"]]
