"""How answers and messages join words into a sentence: one place, used by the input readers
(``reading``, ``amounts``) and every check (through ``reading.words``)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["words"]


def words(items: Sequence[str], joiner: str = "and") -> str:
    """Join words as a sentence does.

    >>> words(["a"]), words(["a", "b"], "or"), words(["a", "b", "c"])
    ('a', 'a or b', 'a, b and c')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"
