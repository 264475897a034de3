"""Cite sources in pages and append each page's "Related pages", "Sources" and "Last reviewed".

``docs/bibliography.yml`` is loaded and checked once per build (by hooks/shared.py). In a page, ``[@key]``
(or ``[@a; @b]``) becomes a small numbered link to the page's source list, and the build appends:

- "Related pages": the titles of the pages in ``related``, linked relatively (filled in once every
  page's title is known, ``on_page_context``);
- "Sources": the page's ``sources``, numbered in order of first citation, then the rest, each a
  full reference with its DOI link;
- "Last reviewed: 23 November 2026", from ``reviewed``.

>>> from shared import EXAMPLE_ENTRY, parse_bibliography
>>> refs = parse_bibliography({"a-2020": EXAMPLE_ENTRY}, "bib.yml")
>>> text, order = render_citations("Most [@a-2020].", "docs/p.md", sources=["a-2020"], bibliography=refs)
>>> order, text.count('href="#source-a-2020"')
(['a-2020'], 1)
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from shared import (
    BIBLIOGRAPHY_FILE,
    Reference,
    bibliography,
    display_path,
    project_root,
    reference_html,
    short_label,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

CITATION = re.compile(r"\[@([\w.-]+(?:\s*;\s*@[\w.-]+)*)\]")
_MALFORMED = re.compile(r"\[@[^\]\n]{0,40}\]?")
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
RELATED_MARKER = "<!-- kl-related -->"


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
        # Left out of search snippets ("[source 1]" is noise there); the sources list is indexed.
        '<sup class="kl-cite" data-search-exclude><span aria-hidden="true">&#91;</span>'
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


def on_config(config: MkDocsConfig) -> None:
    """Take the build's checked bibliography (``shared.bibliography``: parsed once per build)."""
    _bibliography.clear()
    _bibliography.update(bibliography(config))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Number the page's citations and append its related pages, sources and review date."""
    src_path = display_path(page.file.src_uri, config.docs_dir, str(project_root(config)))
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
