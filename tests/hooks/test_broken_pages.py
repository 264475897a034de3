"""Deliberately broken pages fail a real ``mkdocs build --strict`` naming the file and the field.

Each page in tests/fixtures/broken_pages/ breaks one rule. It is built alone, with a copy of the
bibliography and the project's content hooks, through MkDocs itself (a subprocess), so the test
covers the events as well as the plain functions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "broken_pages"
CONTENT_HOOKS = ("frontmatter", "bibliography", "overviews")
MINIMAL_CONFIG = """\
site_name: broken page
docs_dir: docs
use_directory_urls: false
strict: true
theme:
  name: mkdocs
exclude_docs: |
  /bibliography.yml
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - toc
hooks:
{hooks}
"""

CASES = [
    ("unknown-kind", "front matter field 'kind': unknown kind 'blog'"),
    ("missing-description", "front matter field 'description': missing"),
    ("bad-date", "front matter field 'reviewed': '23/11/2026' is not a date"),
    ("future-date", "front matter field 'reviewed': is in the future (2999-01-01)"),
    ("unknown-source-key", "front matter field 'sources': unknown source key 'smith-1999'"),
    ("empty-sources", "front matter field 'sources': must not be empty"),
    ("unknown-related-page", "front matter field 'related': unknown page 'conditions/nowhere.md'"),
    ("bad-verdict", "front matter field 'verdict': 'wrong' is not one of"),
    ("unquoted-verdict", "front matter field 'verdict': 'False' is not one of"),
    ("bad-pain-location", "front matter field 'pain_locations': unknown location 'shin'"),
    ("bad-exercise-type", "front matter field 'exercise_type': 'cardio' is not one of"),
    ("typo-field", "front matter field 'sourcs': unknown field (did you mean 'sources'?)"),
    ("unknown-citation", "citation [@smith-1999]: unknown key 'smith-1999'"),
    (
        "citation-not-in-sources",
        "citation [@buist-2008]: key 'buist-2008' is missing from the front matter field 'sources'",
    ),
    ("unknown-overview-marker", "unknown overview marker 'kind/blog'"),
]


def build_alone(page: Path, tmp_path: Path) -> tuple[int, str]:
    """Build one page with the content hooks; return the exit code and the build log."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(page, docs / page.name)
    shutil.copy(PROJECT_ROOT / "docs" / "bibliography.yml", docs / "bibliography.yml")
    hooks = "\n".join(f"  - {PROJECT_ROOT / 'hooks' / name}.py" for name in CONTENT_HOOKS)
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_CONFIG.format(hooks=hooks), encoding="utf-8")
    log = tmp_path / "build.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    return done.returncode, log.read_text(encoding="utf-8")


def test_every_fixture_has_a_case() -> None:
    assert sorted(page.stem for page in FIXTURES.glob("*.md")) == sorted(name for name, _ in CASES)


@pytest.mark.parametrize(("name", "message"), CASES)
def test_a_broken_page_fails_the_build_naming_file_and_field(name: str, message: str, tmp_path: Path) -> None:
    code, log = build_alone(FIXTURES / f"{name}.md", tmp_path)
    assert code != 0, log
    assert f"docs/{name}.md: {message}" in log, log


def test_the_same_page_fixed_builds(tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.md"
    fixed.write_text(
        (FIXTURES / "citation-not-in-sources.md")
        .read_text()
        .replace("sources: [seed-000]", "sources: [seed-000, buist-2008]")
    )
    site = tmp_path / "site-root"
    site.mkdir()
    code, log = build_alone(fixed, site)
    assert code == 0, log
    html = (site / "site" / "fixed.html").read_text(encoding="utf-8")
    assert '<li id="source-buist-2008">' in html and "Last reviewed" in html
