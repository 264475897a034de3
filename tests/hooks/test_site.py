"""The real pages: every page is reviewed and sourced, and the whole site builds with --strict."""

from __future__ import annotations

import datetime
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.meta import get_data

from tests.helpers import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
PAGES = sorted(path for path in DOCS.rglob("*.md") if "includes" not in path.relative_to(DOCS).parts)
#: Hooks that ship or render the calculator: they need the calculator package in the checkout.
#: The first two ship it (the runtime, and the downloaded copy built with it).
CALCULATOR_HOOKS = ("hooks/runtime.py", "hooks/offline.py", "hooks/calculator_rules.py", "hooks/embed.py")


def front_matter(path: Path) -> dict[str, Any]:
    """Parse a page's front matter as MkDocs does."""
    meta: dict[str, Any] = get_data(path.read_text(encoding="utf-8"))[1]
    return meta


def calculator_in_checkout() -> bool:
    return (PROJECT_ROOT / "calculator" / "protocol.py").is_file()


def mkdocs_build(config: Path, site_dir: Path) -> tuple[int, str]:
    """Run ``mkdocs build --strict``; the log goes to a file, not a pipe."""
    log = site_dir.parent / f"{site_dir.name}.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
            cwd=config.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
    return done.returncode, log.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.relative_to(DOCS).as_posix())
def test_every_page_is_reviewed_and_sourced(path: Path) -> None:
    meta = front_matter(path)
    assert isinstance(meta.get("reviewed"), datetime.date), "reviewed: YYYY-MM-DD is missing"
    if meta.get("kind") != "reference":
        assert meta.get("sources"), "sources: is missing or empty"


def test_the_site_builds_strict(request: pytest.FixtureRequest) -> None:
    if not calculator_in_checkout():
        pytest.skip("calculator/ is not in this checkout, so hooks/runtime.py cannot build its wheel")
    # The shared build (tests/site_build.py) fails with its log when `mkdocs build --strict` does.
    site: Path = request.getfixturevalue("built_site")
    assert (site / "index.html").is_file() and (site / "calculator" / "worker.js").is_file()


def test_the_pages_build_strict_with_the_content_hooks(tmp_path: Path) -> None:
    """The same build without the calculator hooks (when the calculator is absent): pages, front
    matter, citations and overviews all pass --strict."""
    dropped = (
        CALCULATOR_HOOKS if importlib.util.find_spec("calculator.protocol") is None else CALCULATOR_HOOKS[:2]
    )
    config = tmp_path / "mkdocs.yml"
    lines = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    config.write_text(
        "\n".join(line for line in lines if line.strip("- ") not in dropped) + "\n", encoding="utf-8"
    )
    for folder in ("docs", "hooks"):
        (tmp_path / folder).symlink_to(PROJECT_ROOT / folder)
    code, log = mkdocs_build(config, tmp_path / "site")
    assert code == 0, log
    html = (tmp_path / "site" / "conditions" / "index.html").read_text(encoding="utf-8")
    assert "overview:" not in html and "[@" not in html
    assert 'class="kl-locations"' in html and "Last reviewed" in html
