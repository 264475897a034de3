"""The embed pages (hooks/embed.py): each calculator page's own form, chrome-less, in embed/<check>.html."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from calculator.sources import DISCLAIMER
from tests.helpers import hook_module

embed = hook_module("embed")

#: Every check with a calculator page (docs/calculator/*.md with `calculator:` in its front matter).
CHECKS = ("ramp", "plan", "spike", "acwr", "redflags", "where", "shoes", "overtraining")


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The site as `make site` builds it (strict), shared with the other suites (tests/site_build.py)."""
    return built_site


@pytest.mark.parametrize("check", CHECKS)
def test_each_embed_page_holds_its_calculator_pages_form_as_built(site: Path, check: str) -> None:
    page = (site / "calculator" / f"{check}.html").read_text(encoding="utf-8")
    embedded = (site / "embed" / f"{check}.html").read_text(encoding="utf-8")
    assert embed.calculator_form(page, check) == embed.calculator_form(embedded, check)


@pytest.mark.parametrize("check", CHECKS)
def test_each_embed_page_has_the_disclaimer_and_the_links_out_and_no_site_around_it(
    site: Path, check: str
) -> None:
    embedded = (site / "embed" / f"{check}.html").read_text(encoding="utf-8")
    assert f'<p class="kl-embed__disclaimer">{DISCLAIMER}</p>' in embedded
    assert '<a href="../red-flags.html" target="_blank" rel="noopener">' in embedded
    assert f'<a href="../calculator/{check}.html" target="_blank" rel="noopener" data-embed-open>' in embedded
    assert '<meta name="color-scheme" content="light dark">' in embedded
    assert '<meta name="robots" content="noindex">' in embedded
    assert '<base target="_blank">' in embedded
    for chrome in ("md-header", "md-nav", "md-footer", "md-search", "md-sidebar", "kl-help-banner"):
        assert chrome not in embedded, chrome


@pytest.mark.parametrize("check", CHECKS)
def test_everything_an_embed_page_loads_is_in_the_site(site: Path, check: str) -> None:
    embedded = (site / "embed" / f"{check}.html").read_text(encoding="utf-8")
    addresses = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"', embedded)
    assert len(addresses) >= 4
    for address in addresses:
        assert (site / "embed" / address).resolve().is_file(), address


def test_embed_pages_are_in_no_nav_search_or_sitemap(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("embed/")]
    assert "/embed/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "embed/" not in "".join(re.findall(r"<nav\b.*?</nav>", home, re.DOTALL))


def test_the_headers_file_lets_any_site_frame_the_embed_pages(site: Path) -> None:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    rule = lines.index("/embed/*")
    assert lines[rule + 1] == "  Content-Security-Policy: frame-ancestors *"


def test_a_page_with_two_forms_for_one_check_fails_the_build() -> None:
    page = '<form data-calculator="ramp"></form><form data-calculator="ramp"></form>'
    with pytest.raises(PluginError, match="the ramp page has 2 forms for ramp"):
        embed.calculator_form(page, "ramp")


def test_the_embed_scripts_sit_next_to_page_js_wherever_it_is() -> None:
    page = '<script type="module" src="../assets/v3/page.js?v=abc"></script>'
    assert embed.script_folder(page) == ("../assets/v3/", "?v=abc")


def test_a_calculator_page_at_another_depth_is_refused() -> None:
    page = '<form data-calculator="ramp"></form><script type="module" src="../js/page.js"></script>'
    with pytest.raises(PluginError, match="not one folder deep"):
        embed.embed_page(page, check="ramp", page_path="a/b/ramp.html", title="", lead="", site_name="")


def test_the_embed_page_previews_a_frame_on_the_site_and_says_why_not_in_the_downloaded_copy() -> None:
    hosted = SimpleNamespace(extra={})
    offline = SimpleNamespace(extra={"offline": True})
    marker = embed.PREVIEW_MARKER
    assert 'data-kneeload-embed href="../embed/ramp.html"' in embed.on_page_markdown(
        marker, page=None, config=hosted, files=None
    )
    assert embed.on_page_markdown(marker, page=None, config=offline, files=None) == embed.NO_PREVIEW
