"""The answer contract every check's result carries, and how results become the protocol's JSON.

Every result (`RampResult`, `PlanResult`, ... `OvertrainingResult`) is an `Answer`: its own
fields, then the contract's. ``summary`` is one plain sentence, ``verdict`` a short key, ``why``
the reason and how strong the evidence is, ``links`` the docs-relative pages that explain the
answer, ``sources`` bibliography keys, ``disclaimer`` the one disclaimer, and ``see_clinician``
is true when the answer links the red flags. The contract's fields are keyword-only, so a
result declares its own fields first and every check passes these by name.

A result's ``as_dict`` is derived from its fields (`sendable`): its own fields in order, then the
contract's; tuples become lists, a part of an answer (a `Record`: a week, a ratio, a reason, or a
rule such as a piece of advice) becomes an object of its fields. A field whose metadata names
``SEND`` fields sends only those of each item (a warning sign's key, label and ``ours``).

>>> answer = Answer(summary="New shoes.", verdict="before-range", why="A rule of thumb.",
...                 links=("prevention/footwear.md",), sources=("seed-002",))
>>> answer.as_dict()["links"], answer.as_dict()["see_clinician"]
([{'title': 'Running shoes and knee pain', 'page': 'prevention/footwear.md'}], False)
>>> answer.to_json()[:36]
'{"summary": "New shoes.", "verdict":'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import Field, dataclass, fields, is_dataclass
from typing import Any

from calculator.sources import DISCLAIMER, link
from calculator.tables import Table

__all__ = ["SEND", "Answer", "Record", "sendable"]

#: The metadata key of a field that sends only some fields of each item: ``field(metadata={SEND: ("key",)})``.
SEND = "send"


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
        """Return the fields as the protocol sends them (`sendable`)."""
        return _send_fields(self, fields(self))


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
        """Return the answer as the protocol sends it: the result's own fields, then the contract's.

        Each field is sent as `sendable` makes it; each link as its title and page.
        """
        contract = fields(Answer)
        names = {field.name for field in contract}
        sent = _send_fields(self, [*(field for field in fields(self) if field.name not in names), *contract])
        sent["links"] = [link(page) for page in self.links]
        return sent

    def table(self) -> Table | None:
        """The table this answer shows a reader (`calculator.tables`), or None; each result has its own."""
        return None

    def to_json(self) -> str:
        """Return the whole answer (``self.as_dict()``) as JSON text, never NaN."""
        return json.dumps(self.as_dict(), allow_nan=False)


def sendable(value: object, only: Sequence[str] | None = None) -> Any:
    """Return a value as JSON sends it: a dataclass (a `Record`, a rule) as an object of its fields
    in order (or of the fields named in *only*), a tuple as a list, a dict copied; the rest as it is.

    >>> @dataclass(frozen=True)
    ... class Advice:
    ...     text: str
    ...     sources: tuple[str, ...]
    ...     ours: bool = False
    >>> sendable((Advice("Rest.", ("seed-002",)),)), sendable(Advice("Rest.", ()), only=("ours",))
    ([{'text': 'Rest.', 'sources': ['seed-002'], 'ours': False}], {'ours': False})
    """
    if is_dataclass(value) and not isinstance(value, type):
        names = only if only is not None else [field.name for field in fields(value)]
        return {name: sendable(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [sendable(item, only) for item in value]
    if isinstance(value, dict):
        return {key: sendable(item) for key, item in value.items()}
    return value


def _send_fields(owner: object, chosen: Sequence[Field[Any]]) -> dict[str, Any]:
    """Send *owner*'s *chosen* fields, each as `sendable` makes it (with its ``SEND`` metadata)."""
    return {field.name: sendable(getattr(owner, field.name), field.metadata.get(SEND)) for field in chosen}
