"""Pages are written in our own words: no run of words copied from a source article.

The seeds live in ../shared/seeds (read-only, beside the project on every machine and in CI).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
#: A run this long shared with a seed is copying, not a common phrase ("pain at the front of the knee").
RUN = 8


def words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes made straight.

    >>> words("Runner’s knee: 10 % of cases.")
    ["runner's", 'knee', '10', '%', 'of', 'cases']
    """
    return re.findall(r"[a-z0-9%']+", text.lower().replace("\u2019", "'"))


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive words."""
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


@functools.cache
def _seed_runs() -> set[tuple[str, ...]]:
    if not SEEDS.is_dir():
        pytest.fail(f"The source articles are missing: expected {SEEDS} (shared/ beside the project).")
    return set().union(*(runs(seed.read_text(encoding="utf-8")) for seed in sorted(SEEDS.glob("*.txt"))))


PAGES = sorted((PROJECT_ROOT / "docs").rglob("*.md"))


def test_runs_finds_a_copied_sentence() -> None:
    seed = "Running is good for your knees because cartilage adapts to the load it gets."
    page = "We say: knees do well because cartilage adapts to the load it gets, over time."
    assert runs(seed) & runs(page)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(PROJECT_ROOT / "docs").as_posix())
def test_page_shares_no_run_of_words_with_a_source(page: Path) -> None:
    copied = runs(page.read_text(encoding="utf-8")) & _seed_runs()
    assert not copied, f"{page.name} repeats a source word for word: {[' '.join(run) for run in copied]}"
