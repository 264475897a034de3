"""Render overview markers from every page's front matter, so lists never fall out of date.

A page asks for an overview with an HTML comment, which survives Markdown into ``page.content``:

- ``<!-- overview: conditions-by-location -->`` a table: where it hurts -> the conditions;
- ``<!-- overview: myths -->`` each myth's claim, linked, with its verdict in words;
- ``<!-- overview: kind/KIND -->`` the pages of one kind: title link and description;
- ``<!-- overview: bibliography -->`` every reference, and the pages that cite it.

Markers are replaced in ``on_page_context``, when every page's front matter is known; links are
relative to the page. An unknown marker fails the build naming the file.

>>> pages = [PageInfo("myths/a.md", "myths/a.html", "A", {"kind": "myth", "claim": "Knees wear out.",
...                                                      "verdict": "false"})]
>>> print(render_overviews("<!-- overview: myths -->", "docs/index.md", page_url="index.html",
...                        pages=pages, bibliography={}))
<ul class="kl-myths">
<li><a href="myths/a.html">Knees wear out.</a> <span class="kl-verdict">Verdict: <strong>False</strong></span></li>
</ul>
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from shared import (
    KINDS,
    PAIN_LOCATIONS,
    VERDICTS,
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

MARKER = re.compile(r"<!--\s*overview:\s*([\w/-]+)\s*-->")
#: How the bibliography overview groups references, strongest kinds of evidence first.
REFERENCE_GROUPS = (
    ("review", "Reviews of many studies"),
    ("study", "Studies"),
    ("model", "Models"),
    ("guidance", "Health service guidance"),
    ("article", "Articles and letters"),
)


@dataclass(frozen=True)
class PageInfo:
    """What an overview needs to know about a page."""

    src_uri: str
    url: str
    title: str
    meta: dict[str, Any]


def _link(target: PageInfo, page_url: str, text: str | None = None) -> str:
    """An HTML link from the page at ``page_url`` to ``target``.

    >>> _link(PageInfo("b/c.md", "b/c.html", "C & D", {}), "a/x.html")
    '<a href="../b/c.html">C &amp; D</a>'
    """
    href = html.escape(get_relative_url(target.url, page_url))
    return f'<a href="{href}">{html.escape(target.title if text is None else text)}</a>'


def conditions_by_location(pages: list[PageInfo], page_url: str) -> str:
    """A table of where it hurts, in anatomical order, and the conditions that hurt there."""
    rows = []
    for location, words in PAIN_LOCATIONS.items():
        found = [
            page
            for page in pages
            if page.meta.get("kind") == "condition" and location in (page.meta.get("pain_locations") or [])
        ]
        if found:
            links = ", ".join(_link(page, page_url) for page in found)
            rows.append(f"<tr><td>{html.escape(words)}</td><td>{links}</td></tr>")
    return (
        '<div class="kl-locations"><table>\n<thead><tr><th scope="col">Where it hurts</th>'
        '<th scope="col">What it may be</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>"
    )


def myths_list(pages: list[PageInfo], page_url: str) -> str:
    """Each myth's claim, linked to its page, with the verdict in words."""
    items = [
        f"<li>{_link(page, page_url, str(page.meta.get('claim', page.title)))} "
        f'<span class="kl-verdict">Verdict: <strong>{VERDICTS.get(str(page.meta.get("verdict")), "")}'
        "</strong></span></li>"
        for page in pages
        if page.meta.get("kind") == "myth"
    ]
    return '<ul class="kl-myths">\n' + "\n".join(items) + "\n</ul>"


def kind_list(pages: list[PageInfo], kind: str, page_url: str) -> str:
    """The pages of one kind (not the page itself): title link and description.

    >>> kind_list([PageInfo("e/a.md", "e/a.html", "A", {"kind": "exercise", "description": "Do it."})],
    ...           "exercise", "e/index.html")
    '<ul class="kl-overview">\\n<li><a href="a.html">A</a> <span class="kl-overview-text">Do it.</span></li>\\n</ul>'
    """
    items = [
        f'<li>{_link(page, page_url)} <span class="kl-overview-text">'
        f"{html.escape(str(page.meta.get('description', '')))}</span></li>"
        for page in pages
        if page.meta.get("kind") == kind and page.url != page_url
    ]
    return '<ul class="kl-overview">\n' + "\n".join(items) + "\n</ul>"


def bibliography_list(bibliography: dict[str, Reference], pages: list[PageInfo], page_url: str) -> str:
    """Every reference, grouped by kind, each with what it gives the site and the pages citing it."""
    parts = []
    for kind, heading in REFERENCE_GROUPS:
        refs = sorted(
            (ref for ref in bibliography.values() if ref.kind == kind),
            key=lambda ref: short_label(ref).casefold(),
        )
        if not refs:
            continue
        items = []
        for ref in refs:
            citing = [page for page in pages if ref.key in (page.meta.get("sources") or [])]
            cited = ", ".join(_link(page, page_url) for page in citing) or "no page yet"
            items.append(
                f'<li id="ref-{ref.key}">{reference_html(ref)}'
                f'<br><span class="kl-note">{html.escape(ref.note)}</span>'
                f'<br><span class="kl-cited-on">Cited on: {cited}</span></li>'
            )
        parts.append(
            f'<h2 id="{kind}">{heading}</h2>\n<ul class="kl-bibliography">\n' + "\n".join(items) + "\n</ul>"
        )
    return "\n".join(parts)


def render_overviews(
    content: str, src_path: str, *, page_url: str, pages: list[PageInfo], bibliography: dict[str, Reference]
) -> str:
    """Replace every overview marker in a page's HTML; an unknown marker fails naming the file.

    >>> render_overviews("<!-- overview: kind/unicorn -->", "docs/x.md", page_url="x.html", pages=[], bibliography={})
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/x.md: unknown overview marker 'kind/unicorn' (kinds: guide, myth, cause, condition, prevention, treatment, exercise, reference)
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "conditions-by-location":
            return conditions_by_location(pages, page_url)
        if name == "myths":
            return myths_list(pages, page_url)
        if name == "bibliography":
            return bibliography_list(bibliography, pages, page_url)
        if name.startswith("kind/"):
            if name[5:] not in KINDS:
                raise PluginError(f"{src_path}: unknown overview marker '{name}' (kinds: {', '.join(KINDS)})")
            return kind_list(pages, name[5:], page_url)
        raise PluginError(
            f"{src_path}: unknown overview marker '{name}' (known: conditions-by-location, "
            "myths, kind/KIND, bibliography)"
        )

    return MARKER.sub(replace, content)


def page_infos(pages: list[Page], nav_order: list[str]) -> list[PageInfo]:
    """Describe the pages, in navigation order (pages outside the navigation last, by title)."""
    rank = {src_uri: index for index, src_uri in enumerate(nav_order)}
    infos = [
        PageInfo(
            page.file.src_uri,
            page.url,
            str(page.meta.get("title") or page.title or page.file.src_uri),
            dict(page.meta),
        )
        for page in pages
    ]
    return sorted(infos, key=lambda info: (rank.get(info.src_uri, len(rank)), info.title.casefold()))


# --- MkDocs events -------------------------------------------------------------------------------

_bibliography: dict[str, Reference] = {}
_pages: list[Page] = []


def on_config(config: MkDocsConfig) -> None:
    """Take the build's bibliography (``shared.bibliography``: parsed once per build), for the
    Sources page's overview."""
    _bibliography.clear()
    _bibliography.update(bibliography(config))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Collect every page, now that all front matter has been read."""
    _pages[:] = [file.page for file in files.documentation_pages() if file.page is not None]
    return env


@event_priority(50)  # before the search plugin indexes the page
def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Render the page's overview markers from all pages' front matter."""
    if page.content and "overview:" in page.content:
        infos = page_infos(_pages, [item.file.src_uri for item in nav.pages])
        page.content = render_overviews(
            page.content,
            display_path(page.file.src_uri, config.docs_dir, str(project_root(config))),
            page_url=page.url,
            pages=infos,
            bibliography=_bibliography,
        )
    return context
