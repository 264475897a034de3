"""The answer contract every check's result carries, and how results become the protocol's JSON.

Every result (`RampResult`, `PlanResult`, ... `OvertrainingResult`) is an `Answer`: its own
fields, then the contract's. ``summary`` is one plain sentence, ``verdict`` a short key, ``why``
the reason and how strong the evidence is, ``links`` the docs-relative pages that explain the
answer, ``sources`` bibliography keys, ``disclaimer`` the one disclaimer, and ``see_clinician``
is true when the answer links the red flags. The contract's fields are keyword-only, so a
result declares its own fields first and every check passes these by name.

A result's ``as_dict`` sends its own fields, then ``super().as_dict()``; a part of an answer
with only plain fields (a week, a ratio, a reason) is a `Record` and sends all of them.

>>> answer = Answer(summary="New shoes.", verdict="before-range", why="A rule of thumb.",
...                 links=("prevention/footwear.md",), sources=("seed-002",))
>>> answer.as_dict()["links"], answer.as_dict()["see_clinician"]
([{'title': 'Running shoes and knee pain', 'page': 'prevention/footwear.md'}], False)
>>> answer.to_json()[:36]
'{"summary": "New shoes.", "verdict":'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from calculator.sources import DISCLAIMER, link

__all__ = ["Answer", "Record"]


@dataclass(frozen=True)
class Record:
    """A part of an answer with plain fields: the protocol gets every field, in order.

    >>> @dataclass(frozen=True)
    ... class Reason(Record):
    ...     id: str
    ...     sources: tuple[str, ...]
    >>> Reason("locked", ("nhs-glos-knee-red-flags",)).as_dict()
    {'id': 'locked', 'sources': ['nhs-glos-knee-red-flags']}
    """

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as the protocol sends them: tuples become lists."""
        return {field.name: _sendable(getattr(self, field.name)) for field in fields(self)}


@dataclass(frozen=True, kw_only=True)
class Answer:
    """What every answer carries, whatever the check (see the module docstring).

    *links* are docs-relative pages (keys of `calculator.sources.PAGE_TITLES`); the JSON gives
    each with its title. An unknown page raises `KeyError` when the answer is sent.
    """

    summary: str
    verdict: str
    why: str
    links: tuple[str, ...]
    sources: tuple[str, ...]
    disclaimer: str = DISCLAIMER
    see_clinician: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the contract's fields as the protocol sends them (a result adds its own first)."""
        return {
            "summary": self.summary,
            "verdict": self.verdict,
            "why": self.why,
            "links": [link(page) for page in self.links],
            "sources": list(self.sources),
            "disclaimer": self.disclaimer,
            "see_clinician": self.see_clinician,
        }

    def to_json(self) -> str:
        """Return the whole answer (``self.as_dict()``) as JSON text, never NaN."""
        return json.dumps(self.as_dict(), allow_nan=False)


def _sendable(value: object) -> object:
    """A field's value for JSON: a tuple as a list, anything else as it is."""
    return list(value) if isinstance(value, tuple) else value
