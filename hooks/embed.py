"""Embed pages: ``embed/<check>.html``, each calculator's form without the site around it, for an
``<iframe>`` on another site (a clinic's page, a running club's blog).

An embed page is made from its calculator page as the build rendered it (``embed_page``): that
page's stylesheets and its ``<form data-calculator>``, so the embed asks exactly what the page asks,
from the same source (never a second copy of a question or threshold), plus the disclaimer (from
the calculator), a link to the red flags and an "open on kneeload" link. Its scripts sit next to
the page's own ``page.js`` (wherever the build put it): ``embed-start.js`` (classic: the theme, the
frame's height, and a sentence when the frame may not run the calculator) and ``embed-frame.js``
(the form wired by page.js, the runtime started only when the frame is seen or touched, and the
postMessage API for the host page).

Embed pages are not pages of the site: ``on_post_build`` writes them straight into ``embed/``, so
they are in no nav, search index or sitemap, and each says ``noindex``. It also writes
``_headers`` (read by Netlify and Cloudflare Pages): embed pages may be framed by any site. The
downloaded copy (``extra.offline``) has no embed pages: a frame needs a served site.

>>> EMBED_DIR
'embed'
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data
from shared import DISCLAIMER

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

#: The embed pages' folder in the site (one level deep, as the calculator pages are).
EMBED_DIR = "embed"
#: What an embed page says when its frame may not run its scripts (a sandbox, a blocked module).
NO_SCRIPT = (
    "This calculator cannot run inside this frame: the page around it does not allow it. "
    "Open it on kneeload instead, with the link below."
)

#: Where the Embed page lists the checks (as <option>s), from the calculator pages' front matter.
CHECKS_MARKER = "<!-- embed: check-options -->"
#: Where the Embed page shows a live frame (the downloaded copy, which has no embed pages, says so).
PREVIEW_MARKER = "<!-- embed: preview -->"
PREVIEW = """<div class="kl-embed-preview" data-embed-preview>
<a data-kneeload-embed href="../embed/ramp.html">Weekly ramp check on kneeload</a>
</div>

<script src="../javascripts/embed.js" async></script>
<script type="module" src="../javascripts/embed-builder.js"></script>"""
NO_PREVIEW = (
    "This downloaded copy has no embed pages: the preview and the snippets work on the site on the web."
)

_FORM = re.compile(r'<form\b[^>]*\bdata-calculator="([a-z-]+)"[^>]*>.*?</form>', re.DOTALL)
_STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>')
_PAGE_SCRIPT = re.compile(r'<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]*)page\.js([^"]*)"[^>]*>')
_BODY_COLOURS = re.compile(r'<body\b[^>]*?((?:\s+data-md-color-(?:primary|accent)="[^"]*")+)')


def calculator_form(page_html: str, check: str) -> str:
    """Return the page's one calculator form for ``check``, exactly as the build rendered it.

    Raises PluginError when the page has none, or more than one.

    >>> calculator_form('<p>x</p><form id="f" data-calculator="ramp"><input name="weeks"></form>', "ramp")
    '<form id="f" data-calculator="ramp"><input name="weeks"></form>'
    >>> calculator_form("<p>no form</p>", "ramp")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: embed: the ramp page has 0 forms for ramp (it needs exactly one)
    """
    forms = [match.group(0) for match in _FORM.finditer(page_html) if match.group(1) == check]
    if len(forms) != 1:
        raise PluginError(
            f"embed: the {check} page has {len(forms)} forms for {check} (it needs exactly one)"
        )
    return forms[0]


def stylesheet_links(page_html: str) -> list[str]:
    """Return the page's stylesheet ``<link>`` tags, in order (Material's, then the site's).

    >>> stylesheet_links('<link rel="icon" href="i.png"><link rel="stylesheet" href="../a.css">')
    ['<link rel="stylesheet" href="../a.css">']
    """
    return _STYLESHEET.findall(page_html)


def script_folder(page_html: str) -> tuple[str, str]:
    """Return where the page loads ``page.js`` from, as (folder, suffix): the embed's scripts sit next to it.

    The suffix is whatever follows the file name (a version query, if the build adds one).
    Raises PluginError when the page loads no page.js module.

    >>> script_folder('<script type="module" src="../javascripts/page.js"></script>')
    ('../javascripts/', '')
    >>> script_folder("<p>no script</p>")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: embed: a calculator page loads no page.js module (overrides/main.html)
    """
    match = _PAGE_SCRIPT.search(page_html)
    if not match:
        raise PluginError("embed: a calculator page loads no page.js module (overrides/main.html)")
    return match.group(1), match.group(2)


def colour_attributes(page_html: str) -> str:
    """Return the body's palette attributes (primary and accent), for the embed's root element.

    >>> colour_attributes('<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="custom">')
    ' data-md-color-primary="custom"'
    >>> colour_attributes("<body>")
    ''
    """
    match = _BODY_COLOURS.search(page_html)
    return match.group(1) if match else ""


def embed_page(page_html: str, *, check: str, page_path: str, title: str, lead: str, site_name: str) -> str:
    """Return the embed page of a calculator page, from that page's rendered HTML.

    ``page_path`` is the calculator page's path in the site (``calculator/ramp.html``): it must be
    one folder deep, as the embed pages are, so that every relative address in the form and the
    stylesheets means the same from both. ``lead`` is a sentence about the check (the page's
    description). Raises PluginError for a page deeper or shallower than that, without exactly one
    form, or without page.js.

    >>> page = ('<link rel="stylesheet" href="../s.css"><body data-md-color-primary="custom">'
    ...         '<form data-calculator="shoes"></form><script type="module" src="../js/page.js"></script>')
    >>> embed = embed_page(page, check="shoes", page_path="calculator/shoes.html", title="Shoe check",
    ...                    lead="Check your shoes.", site_name="kneeload")
    >>> '<form data-calculator="shoes"></form>' in embed and '<meta name="robots" content="noindex">' in embed
    True
    >>> re.findall(r'src="([^"]+)"', embed)
    ['../js/embed-start.js', '../js/embed-frame.js']
    >>> embed_page(page, check="shoes", page_path="shoes.html", title="", lead="", site_name="")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: embed: shoes.html is not one folder deep, as embed/shoes.html is
    """
    embed_path = f"{EMBED_DIR}/{check}.html"
    if page_path.count("/") != embed_path.count("/"):
        raise PluginError(f"embed: {page_path} is not one folder deep, as {embed_path} is")
    form = calculator_form(page_html, check)
    folder, suffix = script_folder(page_html)
    up = "../" * embed_path.count("/")
    styles = "\n".join(stylesheet_links(page_html))
    name = html.escape(site_name)
    return f"""<!doctype html>
<html lang="en" dir="ltr" data-kneeload-embed="{check}" data-md-color-scheme="default"{colour_attributes(page_html)}>
<head>
<meta charset="utf-8">
<meta name="responsive-embedded-sizing">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<base target="_blank">
<title>{html.escape(title)} · {name}</title>
<link rel="icon" href="{up}assets/images/favicon.png">
{styles}
<link rel="stylesheet" href="{up}stylesheets/embed.css">
<script src="{folder}embed-start.js{suffix}"></script>
<script type="module" src="{folder}embed-frame.js{suffix}"></script>
</head>
<body>
<main class="kl-embed md-typeset">
<h1 class="kl-embed__title">{html.escape(title)}</h1>
<p class="kl-embed__lead">{html.escape(lead)}</p>
<p class="kl-status kl-embed__refused" role="status">{html.escape(NO_SCRIPT)}</p>
<fieldset class="kl-embed__gate" data-embed-gate disabled>
{form}
</fieldset>
<footer class="kl-embed__foot">
<p class="kl-embed__disclaimer">{html.escape(DISCLAIMER)}</p>
<p><a href="{up}red-flags.html" target="_blank" rel="noopener">When to see a clinician</a>
<span aria-hidden="true">·</span>
<a href="{up}{page_path}" target="_blank" rel="noopener" data-embed-open>Open this check on {name}</a></p>
</footer>
</main>
</body>
</html>
"""


def check_options(checks: list[tuple[str, str]], chosen: str = "ramp") -> str:
    """Return one ``<option>`` per check, given (check, title) pairs, in that order; ``chosen`` is
    selected (the Embed page's snippets show the ramp check until the reader picks another).

    >>> check_options([("ramp", "Weekly ramp check"), ("shoes", "Shoe <mileage>")])
    '<option value="ramp" selected>Weekly ramp check</option><option value="shoes">Shoe &lt;mileage&gt;</option>'
    """
    return "".join(
        f'<option value="{html.escape(check)}"{" selected" if check == chosen else ""}>{html.escape(title)}</option>'
        for check, title in checks
    )


def calculator_pages(files: Files) -> list[tuple[str, str]]:
    """Return (check, title) for each calculator page (front matter ``calculator:``), in path order."""
    found = []
    for file in sorted(files.documentation_pages(), key=lambda file: file.src_uri):
        meta = get_data(file.content_string)[1]
        if meta.get("calculator"):
            found.append((str(meta["calculator"]), str(meta.get("title", meta["calculator"]))))
    return found


def headers_file(embed_dir: str = EMBED_DIR) -> str:
    """Return ``_headers`` for Netlify and Cloudflare Pages: any site may frame the embed pages.

    Other static hosts need the same header set their own way; GitHub Pages sets no custom
    headers (and sends no X-Frame-Options, so framing works there anyway).

    >>> print(headers_file())  # doctest: +NORMALIZE_WHITESPACE
    # Netlify and Cloudflare Pages read this file (hooks/embed.py writes it).
    # The embed pages may be shown in a frame on any site.
    /embed/*
      Content-Security-Policy: frame-ancestors *
    """
    return (
        "# Netlify and Cloudflare Pages read this file (hooks/embed.py writes it).\n"
        "# The embed pages may be shown in a frame on any site.\n"
        f"/{embed_dir}/*\n"
        "  Content-Security-Policy: frame-ancestors *\n"
    )


def write_embeds(site_dir: Path, pages: dict[str, str]) -> None:
    """Write each embed page (check -> HTML) into ``site_dir/embed/``, and ``_headers``.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> write_embeds(site, {"ramp": "<!doctype html>"})
    >>> sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    ['_headers', 'embed/ramp.html']
    """
    folder = site_dir / EMBED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for check, text in pages.items():
        (folder / f"{check}.html").write_text(text, encoding="utf-8")
    (site_dir / "_headers").write_text(headers_file(), encoding="utf-8")


# --- MkDocs events -------------------------------------------------------------------------------

_pages: dict[str, str] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Forget the last build's embed pages (``mkdocs serve`` rebuilds in one process)."""
    _pages.clear()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the Embed page's list of checks and its live preview (none in the downloaded copy)."""
    if CHECKS_MARKER in markdown:
        markdown = markdown.replace(CHECKS_MARKER, check_options(calculator_pages(files)))
    if PREVIEW_MARKER in markdown:
        markdown = markdown.replace(PREVIEW_MARKER, NO_PREVIEW if config.extra.get("offline") else PREVIEW)
    return markdown


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Make the embed page of each calculator page (front matter ``calculator:``), from its output."""
    check = page.meta.get("calculator")
    if check and not config.extra.get("offline"):
        _pages[str(check)] = embed_page(
            output,
            check=str(check),
            page_path=page.file.dest_uri,
            title=page.title or str(check),
            lead=str(page.meta.get("description", "")),
            site_name=config.site_name,
        )
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the embed pages and ``_headers`` into the built site."""
    if not config.extra.get("offline"):
        write_embeds(Path(config.site_dir), _pages)
