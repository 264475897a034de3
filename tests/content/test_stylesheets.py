"""The site's own stylesheets are well formed: a lost brace makes browsers drop every rule after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

STYLESHEETS = sorted((PROJECT_ROOT / "docs" / "stylesheets").glob("*.css"))


def unbalanced_line(css: str) -> int | None:
    """Return the line where a closing brace has no opening one, or the last line if one is left open.

    >>> unbalanced_line("a { b: c; }")
    >>> unbalanced_line("@media print {\\n  a { b: c; }\\n\\nd { e: f; }")
    4
    >>> unbalanced_line("a { b: c; }\\n}")
    2
    """
    depth, line = 0, 1
    for text in re.split(
        r"(\n)", re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
    ):
        if text == "\n":
            line += 1
            continue
        for char in text:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                return line
    return line if depth else None


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_every_brace_is_closed(stylesheet: Path) -> None:
    assert unbalanced_line(stylesheet.read_text()) is None, f"{stylesheet.name}: unbalanced braces"
