"""The content schema: every page's front matter, checked before anything else reads it.

This module is the one home of the rules written down in CONTENT-SCHEMA.md: the fields every page
has, the fields of each kind, and their allowed values (with the plain words the overviews show for
them). ``validate_meta`` does the checking; the MkDocs event below only hands it ``page.meta``.

A page that breaks a rule fails the build with every problem listed, each as
``docs/<path>: front matter field '<field>': <what is wrong>``.

>>> validate_meta({"title": "T", "kind": "guide"}, "docs/a.md", bibliography_keys=set(),
...               page_paths={"a.md"}, today=datetime.date(2026, 11, 23))
Traceback (most recent call last):
...
mkdocs.exceptions.PluginError: docs/a.md: front matter field 'description': missing
docs/a.md: front matter field 'reviewed': missing
docs/a.md: front matter field 'sources': missing
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from shared import (
    BIBLIOGRAPHY_FILE,
    KINDS,
    PAIN_LOCATIONS,
    VERDICTS,
    bibliography,
    display_path,
    project_root,
    repeated_keys,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

TITLE_MAX = 70
DESCRIPTION_LENGTH = (50, 160)
REQUIRED_FIELDS = ("title", "description", "kind", "reviewed", "sources")
OPTIONAL_FIELDS = ("related", "tags", "calculator")
#: Page settings Material for MkDocs reads from front matter; allowed so pages may use them.
THEME_FIELDS = ("hide", "search", "template", "status", "subtitle", "icon")
EXERCISE_TYPES = ("strength", "stretch", "mobility", "balance")
#: Fields each kind requires, on top of REQUIRED_FIELDS.
KIND_FIELDS = {
    "myth": ("claim", "verdict"),
    "condition": ("aliases", "pain_locations"),
    "exercise": ("exercise_type", "targets"),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text_list(value: Any, *, allow_empty: bool = False) -> str | None:
    """Say what is wrong with a list of text, or None when it is fine."""
    if not isinstance(value, list):
        return "must be a list (one '- item' a line)"
    if not value and not allow_empty:
        return "must not be empty"
    if not all(_is_text(item) for item in value):
        return "every item must be non-empty text"
    if len(set(value)) < len(value):
        return "lists an item twice"
    return None


def _known_list(
    value: Any, known: Collection[str], unknown: Callable[[str], str], *, allow_empty: bool = False
) -> str | None:
    """Say what is wrong with a list of text whose items must be ``known``, or None when it is fine.

    >>> _known_list(["front", "top"], ("front", "back"), lambda item: f"unknown location '{item}'")
    "unknown location 'top'"
    """
    problem = _text_list(value, allow_empty=allow_empty)
    if problem:
        return problem
    strangers = [item for item in value if item not in known]
    return unknown(strangers[0]) if strangers else None


def _review_date(value: Any, today: datetime.date) -> str | None:
    """Say what is wrong with a review date, or None when it is fine.

    >>> _review_date(datetime.date(2027, 1, 1), datetime.date(2026, 11, 23))
    'is in the future (2027-01-01); use the date the page was last reviewed'
    """
    if isinstance(value, datetime.datetime) or not isinstance(value, (datetime.date, str)):
        return "must be a date written YYYY-MM-DD"
    if isinstance(value, str):
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a date written YYYY-MM-DD"
    if value > today:
        return f"is in the future ({value.isoformat()}); use the date the page was last reviewed"
    return None


def _common_problems(
    meta: Mapping[str, Any],
    src_path: str,
    bibliography_keys: set[str] | frozenset[str],
    page_paths: set[str] | frozenset[str],
    today: datetime.date,
) -> dict[str, str]:
    """Check the fields every page has; return field -> problem."""
    problems: dict[str, str] = {}
    for field in REQUIRED_FIELDS:
        if field not in meta and not (field == "sources" and meta.get("kind") == "reference"):
            problems[field] = "missing"
    title, description = meta.get("title"), meta.get("description")
    if "title" in meta and not (isinstance(title, str) and title.strip() and len(title) <= TITLE_MAX):
        problems["title"] = f"must be text of at most {TITLE_MAX} characters"
    low, high = DESCRIPTION_LENGTH
    if "description" in meta and not (
        isinstance(description, str) and low <= len(description.strip()) <= high
    ):
        length = len(description) if isinstance(description, str) else 0
        problems["description"] = f"must be text of {low}-{high} characters (it has {length})"
    if "kind" in meta and meta["kind"] not in KINDS:
        problems["kind"] = f"unknown kind '{meta['kind']}' (one of: {', '.join(KINDS)})"
    if "reviewed" in meta and (problem := _review_date(meta["reviewed"], today)):
        problems["reviewed"] = problem
    if "sources" in meta and (
        problem := _known_list(
            meta["sources"],
            bibliography_keys,
            allow_empty=meta.get("kind") == "reference",
            unknown=lambda key: f"unknown source key '{key}' (not in docs/{BIBLIOGRAPHY_FILE})",
        )
    ):
        problems["sources"] = problem
    if "related" in meta:
        related = meta["related"]
        problem = _known_list(
            related,
            page_paths,
            unknown=lambda path: (
                f"unknown page '{path}' (write a path relative to docs/, e.g. conditions/itb-syndrome.md)"
            ),
        )
        if not problem and any(src_path.endswith("/" + path) for path in related):
            problem = "lists the page itself"
        if problem:
            problems["related"] = problem
    if "tags" in meta and (problem := _text_list(meta["tags"])):
        problems["tags"] = problem
    if "calculator" in meta and not (_is_text(meta["calculator"]) and "/calculator/" in f"/{src_path}"):
        problems["calculator"] = "only calculator pages (in calculator/) name a calculator"
    return problems


def _kind_problems(meta: Mapping[str, Any]) -> dict[str, str]:
    """Check the fields of the page's kind; return field -> problem."""
    kind = meta.get("kind")
    problems = {field: "missing" for field in KIND_FIELDS.get(str(kind), ()) if field not in meta}
    if kind == "myth":
        if "claim" in meta and not _is_text(meta["claim"]):
            problems["claim"] = "must be the myth as people say it, as text"
        if "verdict" in meta and meta["verdict"] not in VERDICTS:
            problems["verdict"] = (
                f"'{meta['verdict']}' is not one of {', '.join(VERDICTS)}"
                ' (quote it in YAML: verdict: "false")'
            )
    elif kind == "condition":
        if "aliases" in meta and (problem := _text_list(meta["aliases"])):
            problems["aliases"] = problem
        if "pain_locations" in meta and (
            problem := _known_list(
                meta["pain_locations"],
                PAIN_LOCATIONS,
                unknown=(lambda place: f"unknown location '{place}' (one of: {', '.join(PAIN_LOCATIONS)})"),
            )
        ):
            problems["pain_locations"] = problem
    elif kind == "exercise":
        if "exercise_type" in meta and meta["exercise_type"] not in EXERCISE_TYPES:
            problems["exercise_type"] = f"'{meta['exercise_type']}' is not one of {', '.join(EXERCISE_TYPES)}"
        if "targets" in meta and (problem := _text_list(meta["targets"])):
            problems["targets"] = problem
    return problems


def _unknown_fields(meta: Mapping[str, Any]) -> dict[str, str]:
    """Name fields the schema does not know (typos such as 'sourcs'), or that belong to another kind."""
    kind_fields = KIND_FIELDS.get(str(meta.get("kind")), ())
    known = (*REQUIRED_FIELDS, *OPTIONAL_FIELDS, *THEME_FIELDS, *kind_fields)
    every_kind_field = {field for fields in KIND_FIELDS.values() for field in fields}
    problems = {}
    for field in map(str, meta):
        if field in known:
            continue
        if field in every_kind_field:
            owner = next(kind for kind, fields in KIND_FIELDS.items() if field in fields)
            problems[field] = f"only pages of kind '{owner}' have this field"
            continue
        guess = difflib.get_close_matches(field, [*known, *every_kind_field], n=1)
        problems[field] = "unknown field" + (f" (did you mean '{guess[0]}'?)" if guess else "")
    return problems


def validate_meta(
    meta: Mapping[str, Any],
    src_path: str,
    *,
    bibliography_keys: set[str] | frozenset[str],
    page_paths: set[str] | frozenset[str],
    today: datetime.date,
) -> None:
    """Check one page's front matter against the schema; raise PluginError listing every problem.

    ``src_path`` names the file in messages (``docs/myths/x.md``); ``page_paths`` are the pages
    that exist, relative to docs/; ``today`` bounds the review date.

    >>> validate_meta({"title": "T", "description": "Every reference the site cites, with the pages that cite it.",
    ...                "kind": "reference", "reviewed": datetime.date(2026, 11, 23), "sources": []},
    ...               "docs/sources.md", bibliography_keys=set(), page_paths=set(), today=datetime.date(2026, 11, 23))
    """
    problems = {
        **_unknown_fields(meta),
        **_common_problems(meta, src_path, bibliography_keys, page_paths, today),
        **_kind_problems(meta),
    }
    if problems:
        raise PluginError(
            "\n".join(
                f"{src_path}: front matter field '{field}': {problem}" for field, problem in problems.items()
            )
        )


#: A page's front matter block, as MkDocs finds it (``mkdocs.utils.meta``): between two --- lines.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def check_repeated_fields(source: str, src_path: str) -> None:
    r"""Fail for a front matter field written twice (YAML keeps the last one without a word).

    *source* is the page's Markdown file as written. Raises ``PluginError`` naming the file,
    the field and its line.

    >>> check_repeated_fields("---\ntitle: A\nkind: guide\n---\nText", "docs/a.md")
    >>> check_repeated_fields("---\ntitle: A\ntitle: B\n---\nText", "docs/a.md")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/a.md: front matter field 'title': given twice (line 3)
    """
    block = _FRONT_MATTER.match(source)
    if block is None:
        return
    try:
        repeated = repeated_keys(block.group(1))
    except yaml.YAMLError:
        return  # MkDocs reports front matter that is not YAML itself
    if repeated:
        raise PluginError(
            "\n".join(
                f"{src_path}: front matter field '{key}': given twice (line {line + 1})"
                for key, line in repeated
            )
        )


# --- MkDocs events -------------------------------------------------------------------------------

_keys: set[str] = set()
_page_paths: set[str] = set()


def on_config(config: MkDocsConfig) -> None:
    """Learn the bibliography's keys (``shared.bibliography``: parsed once per build)."""
    _keys.clear()
    _keys.update(bibliography(config))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Learn which pages exist, for ``related``."""
    _page_paths.clear()
    _page_paths.update(file.src_uri for file in files.documentation_pages())
    return files


@event_priority(100)  # check the front matter before any other hook reads it
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Validate the page's front matter (``page.meta``); the Markdown passes through unchanged."""
    src_path = display_path(page.file.src_uri, config.docs_dir, str(project_root(config)))
    check_repeated_fields(page.file.content_string, src_path)
    validate_meta(
        page.meta,
        src_path,
        bibliography_keys=_keys,
        page_paths=_page_paths,
        today=datetime.date.today(),
    )
    return markdown
