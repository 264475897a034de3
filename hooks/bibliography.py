"""Cite sources in pages and append each page's "Related pages", "Sources" and "Last reviewed".

``docs/bibliography.yml`` is loaded and checked once per build (``on_config``). In a page, ``[@key]``
(or ``[@a; @b]``) becomes a small numbered link to the page's source list, and the build appends:

- "Related pages": the titles of the pages in ``related``, linked relatively (filled in once every
  page's title is known, ``on_page_context``);
- "Sources": the page's ``sources``, numbered in order of first citation, then the rest, each a
  full reference with its DOI link;
- "Last reviewed: 23 November 2026", from ``reviewed``.

>>> refs = parse_bibliography({"a-2020": EXAMPLE_ENTRY}, "bib.yml")
>>> text, order = render_citations("Most [@a-2020].", "docs/p.md", sources=["a-2020"], bibliography=refs)
>>> order, text.count('href="#source-a-2020"')
(['a-2020'], 1)
"""

from __future__ import annotations

import datetime
import functools
import html
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

BIBLIOGRAPHY_FILE = "bibliography.yml"
REFERENCE_KINDS = ("study", "review", "article", "guidance", "model")
REQUIRED_FIELDS = ("authors", "year", "title", "published_in", "kind", "note")
OPTIONAL_FIELDS = ("doi", "pmid", "url")
NO_DATE = "n.d."
#: One citation: ``[@key]`` or several, ``[@a; @b]``.
CITATION = re.compile(r"\[@([\w.-]+(?:\s*;\s*@[\w.-]+)*)\]")
_MALFORMED = re.compile(r"\[@[^\]\n]{0,40}\]?")
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
RELATED_MARKER = "<!-- kl-related -->"
EXAMPLE_ENTRY = {
    "authors": ["Doe J", "Roe R"],
    "year": 2020,
    "title": "A study",
    "kind": "study",
    "published_in": "J Run 1(2):3-4",
    "note": "Why it matters.",
    "doi": "10.1/x",
}


@dataclass(frozen=True)
class Reference:
    """One entry of the bibliography."""

    key: str
    authors: tuple[str, ...]
    year: int | str
    title: str
    published_in: str
    kind: str
    note: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None


def display_path(src_uri: str, docs_dir: str, project_root: str) -> str:
    """Name a page file as a writer sees it, relative to the project root.

    >>> display_path("myths/a.md", "/site/docs", "/site")
    'docs/myths/a.md'
    """
    return Path(os.path.relpath(os.path.join(docs_dir, src_uri), project_root)).as_posix()


def _entry(key: str, raw: Any, label: str) -> Reference:
    """Check one bibliography entry and build its Reference; fail naming the file, key and field."""

    def fail(field: str, problem: str) -> PluginError:
        return PluginError(f"{label}: entry '{key}' field '{field}': {problem}")

    if not isinstance(raw, dict):
        raise fail("*", "the entry must be a mapping of fields")
    for field in raw:
        if field not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            raise fail(str(field), "unknown field")
    for field in REQUIRED_FIELDS:
        if field not in raw:
            raise fail(field, "missing")
    authors = raw["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        raise fail("authors", "must be a list of names ([] when no author is named)")
    year = raw["year"]
    if not (isinstance(year, int) and 1800 < year < 2100) and year != NO_DATE:
        raise fail("year", f"must be a year or '{NO_DATE}'")
    for field in ("title", "published_in", "note", *(f for f in OPTIONAL_FIELDS if f in raw)):
        if not isinstance(raw[field], str) or not raw[field].strip():
            raise fail(field, "must be non-empty text")
    if raw["kind"] not in REFERENCE_KINDS:
        raise fail("kind", f"must be one of {', '.join(REFERENCE_KINDS)}")
    if "doi" in raw and not raw["doi"].startswith("10."):
        raise fail("doi", "write the bare DOI, starting '10.'")
    if "url" in raw and not raw["url"].startswith("https://"):
        raise fail("url", "must start with https://")
    return Reference(
        key=key,
        authors=tuple(authors),
        year=year,
        title=raw["title"],
        published_in=raw["published_in"],
        kind=raw["kind"],
        note=raw["note"],
        doi=raw.get("doi"),
        pmid=raw.get("pmid"),
        url=raw.get("url"),
    )


def parse_bibliography(data: Any, label: str) -> dict[str, Reference]:
    """Check parsed bibliography data and return its references by key.

    >>> parse_bibliography({"x": {"year": 2020}}, "docs/bibliography.yml")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/bibliography.yml: entry 'x' field 'authors': missing
    """
    if not isinstance(data, dict) or not data:
        raise PluginError(f"{label}: must be a mapping of keys to references")
    return {str(key): _entry(str(key), raw, label) for key, raw in data.items()}


@functools.lru_cache(maxsize=4)
def _load(path: Path, label: str, _stamp: int) -> dict[str, Reference]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{label}: cannot be read: {error}") from error
    return parse_bibliography(data, label)


def load_bibliography(path: Path, label: str) -> dict[str, Reference]:
    """Read and check the bibliography file (parsed again only when the file changes)."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    return _load(path, label, stamp)


def author_text(ref: Reference) -> str:
    """List the authors as in a reference list: up to six, then "et al.".

    >>> author_text(Reference("k", ("A B", "C D", "et al."), 2000, "T", "J", "study", "n"))
    'A B, C D, et al.'
    """
    names = [name for name in ref.authors if name != "et al."]
    text = ", ".join(names[:6])
    return text + ", et al." if len(names) > 6 or len(names) < len(ref.authors) else text


def _surname(name: str) -> str:
    """ "van Mechelen W" -> "van Mechelen"; an organisation ("NHS England") stays whole."""
    head, _, initials = name.rpartition(" ")
    return head if head and initials.isupper() and len(initials) <= 4 else name


def _year(ref: Reference) -> str:
    return "no date" if ref.year == NO_DATE else str(ref.year)


def short_label(ref: Reference) -> str:
    """A short name for a reference, for tooltips: "Doe and Roe 2020", or the title when unsigned.

    >>> short_label(parse_bibliography({"a": EXAMPLE_ENTRY}, "b")["a"])
    'Doe and Roe 2020'
    """
    if not ref.authors:
        return f"{ref.title} ({ref.published_in.lower()}, {_year(ref)})"
    names = [_surname(name) for name in ref.authors]
    if len(names) == 2 and names[1] != "et al.":
        return f"{names[0]} and {names[1]} {_year(ref)}"
    return f"{names[0]}{' et al.' if len(names) > 1 else ''} {_year(ref)}"


def reference_html(ref: Reference) -> str:
    """Format a reference: authors (year). Title. Where published. Links.

    >>> reference_html(parse_bibliography({"a": EXAMPLE_ENTRY}, "b")["a"])[:45]
    'Doe J, Roe R (2020). A study. J Run 1(2):3-4.'
    """
    title = html.escape(ref.title) + ("" if ref.title.endswith(("?", ".", "!")) else ".")
    where = html.escape(ref.published_in)
    if ref.authors:
        text = f"{html.escape(author_text(ref))} ({_year(ref)}). {title} {where}."
    else:
        text = f"{title} {where}, {_year(ref)}."
    links = [
        f"https://doi.org/{ref.doi}" if ref.doi else None,
        f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else None,
        ref.url,
    ]
    for link in filter(None, links):
        text += f' <a class="kl-ref-link" href="{html.escape(link)}">{html.escape(link)}</a>'
    return text


def _outside_code(markdown: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to the text outside fenced code blocks."""
    parts, last = [], 0
    for fence in _FENCE.finditer(markdown):
        parts += [transform(markdown[last : fence.start()]), fence.group(0)]
        last = fence.end()
    return "".join([*parts, transform(markdown[last:])])


def _keys(match: re.Match[str]) -> list[str]:
    return list(dict.fromkeys(key.strip().lstrip("@") for key in match.group(1).split(";")))


def cited_keys(markdown: str) -> list[str]:
    """Return the cited keys in order of first citation (code blocks are skipped).

    >>> cited_keys("a [@x] b [@y; @x] c [@z]")
    ['x', 'y', 'z']
    """
    keys: list[str] = []

    def collect(text: str) -> str:
        keys.extend(key for match in CITATION.finditer(text) for key in _keys(match))
        return text

    _outside_code(markdown, collect)
    return list(dict.fromkeys(keys))


def source_order(cited: list[str], sources: list[str]) -> list[str]:
    """Number the sources: cited ones in order of first citation, then the rest as listed.

    >>> source_order(["b"], ["a", "b", "c"])
    ['b', 'a', 'c']
    """
    return list(dict.fromkeys([*cited, *sources]))


def _citation_html(keys: list[str], order: list[str], bibliography: dict[str, Reference]) -> str:
    links = [
        f'<a href="#source-{key}" title="{html.escape(short_label(bibliography[key]))}">'
        f'<span class="kl-sr">source </span>{order.index(key) + 1}</a>'
        for key in keys
    ]
    return (
        '<sup class="kl-cite"><span aria-hidden="true">&#91;</span>'
        + ", ".join(links)
        + '<span aria-hidden="true">&#93;</span></sup>'
    )


def render_citations(
    markdown: str, src_path: str, *, sources: list[str], bibliography: dict[str, Reference]
) -> tuple[str, list[str]]:
    """Replace every citation by its numbered link; return the text and the numbered source order.

    A key missing from the bibliography, or from the page's ``sources``, fails naming file and key;
    so does a citation written another way (``[@a, @b]``).
    """
    cited = cited_keys(markdown)
    for key in cited:
        if key not in bibliography:
            raise PluginError(
                f"{src_path}: citation [@{key}]: unknown key '{key}' (not in docs/{BIBLIOGRAPHY_FILE})"
            )
        if key not in sources:
            raise PluginError(
                f"{src_path}: citation [@{key}]: key '{key}' is missing from the front matter field 'sources'"
            )
    order = source_order(cited, sources)

    def replace(match: re.Match[str]) -> str:
        return _citation_html(_keys(match), order, bibliography)

    def replace_all(text: str) -> str:
        text = CITATION.sub(replace, text)
        if leftover := _MALFORMED.search(text):
            raise PluginError(
                f"{src_path}: citation '{leftover.group(0)}': write it as [@key] or [@key1; @key2]"
            )
        return text

    return _outside_code(markdown, replace_all), order


def sources_section(order: list[str], bibliography: dict[str, Reference]) -> str:
    """The numbered "Sources" section, as Markdown with an HTML list ("" without sources)."""
    if not order:
        return ""
    items = "\n".join(f'<li id="source-{key}">{reference_html(bibliography[key])}</li>' for key in order)
    return f'## Sources\n\n<ol class="kl-sources">\n{items}\n</ol>\n'


def reviewed_line(reviewed: datetime.date) -> str:
    """The "Last reviewed" line.

    >>> reviewed_line(datetime.date(2026, 11, 23))
    '<p class="kl-reviewed">Last reviewed: <time datetime="2026-11-23">23 November 2026</time></p>'
    """
    return (
        f'<p class="kl-reviewed">Last reviewed: <time datetime="{reviewed.isoformat()}">'
        f"{reviewed.day} {reviewed:%B %Y}</time></p>"
    )


def appendix(meta: Mapping[str, Any], order: list[str], bibliography: dict[str, Reference]) -> str:
    """What the build appends to a page: Related pages (a marker for now), Sources, Last reviewed."""
    parts = []
    if meta.get("related"):
        parts.append(f"## Related pages\n\n{RELATED_MARKER}\n")
    parts.append(sources_section(order, bibliography))
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, datetime.date):
        parts.append(reviewed_line(reviewed) + "\n")
    return "\n\n" + "\n".join(part for part in parts if part)


def related_html(page_url: str, related: list[str], pages: dict[str, tuple[str, str]]) -> str:
    """List the related pages by title, linked relative to the page (pages: src path -> url, title).

    >>> related_html("myths/a.html", ["conditions/b.md"], {"conditions/b.md": ("conditions/b.html", "B & C")})
    '<ul class="kl-related">\\n<li><a href="../conditions/b.html">B &amp; C</a></li>\\n</ul>'
    """
    items = [
        f'<li><a href="{html.escape(get_relative_url(pages[path][0], page_url))}">'
        f"{html.escape(pages[path][1])}</a></li>"
        for path in related
        if path in pages
    ]
    return '<ul class="kl-related">\n' + "\n".join(items) + "\n</ul>"


# --- MkDocs events -------------------------------------------------------------------------------

_bibliography: dict[str, Reference] = {}
_pages: dict[str, tuple[str, str]] = {}


def _root(config: MkDocsConfig) -> str:
    return str(Path(config.config_file_path or ".").resolve().parent)


def on_config(config: MkDocsConfig) -> None:
    """Load and check docs/bibliography.yml once per build."""
    path = Path(config.docs_dir) / BIBLIOGRAPHY_FILE
    _bibliography.clear()
    _bibliography.update(
        load_bibliography(path, display_path(BIBLIOGRAPHY_FILE, config.docs_dir, _root(config)))
    )


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Number the page's citations and append its related pages, sources and review date."""
    src_path = display_path(page.file.src_uri, config.docs_dir, _root(config))
    sources = [str(key) for key in page.meta.get("sources") or []]
    text, order = render_citations(markdown, src_path, sources=sources, bibliography=_bibliography)
    return text.rstrip() + "\n" + appendix(page.meta, order, _bibliography)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Record every page's URL and title (its front matter title), known once all pages are read."""
    _pages.clear()
    _pages.update(
        {
            file.src_uri: (file.page.url, str(file.page.meta.get("title") or file.page.title or file.src_uri))
            for file in files.documentation_pages()
            if file.page is not None
        }
    )
    return env


@event_priority(50)  # before the search plugin indexes the page
def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Fill in the "Related pages" list."""
    if page.content and RELATED_MARKER in page.content:
        related = [str(path) for path in page.meta.get("related") or []]
        page.content = page.content.replace(RELATED_MARKER, related_html(page.url, related, _pages))
    return context
