"""Render the calculator's rules into pages at build time, so text and checker never disagree.

A page asks for a rendering with a marker, ``<!-- rules: NAME -->``; NAME is one of RENDERERS.
The data comes from the calculator's own ``rules`` check, the same answer the browser gets.

>>> render_markers("Limits: <!-- rules: ramp-unit-options -->", "p.md")[:41]
'Limits: <option value="km">km</option><op'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from calculator.protocol import handle_request

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!--\s*rules:\s*([\w-]+)\s*-->")


def calculator_rules() -> dict[str, Any]:
    """Return the rule tables from the calculator's ``rules`` check.

    >>> [profile["key"] for profile in calculator_rules()["ramp"]["profiles"]]
    ['standard', 'returning', 'conservative']
    """
    answer = handle_request({"check": "rules"})
    if not answer["ok"]:
        raise PluginError(f"The calculator refused its own rules request: {answer['errors']}")
    result: dict[str, Any] = answer["result"]
    return result


def _number(value: float) -> str:
    """Format a limit without a useless decimal: 10.0 -> '10', 2.5 -> '2.5'."""
    return f"{value:g}"


def _options(items: list[dict[str, Any]]) -> str:
    return "".join(f'<option value="{html.escape(item["key"])}">{html.escape(item["label"])}</option>'
                   for item in items)


def ramp_profile_options(rules: dict[str, Any]) -> str:
    """``<option>`` elements for the ramp profiles, in the calculator's order."""
    return _options(rules["ramp"]["profiles"])


def ramp_unit_options(rules: dict[str, Any]) -> str:
    """``<option>`` elements for the units of weekly volume."""
    return _options(rules["ramp"]["units"])


def ramp_profile_table(rules: dict[str, Any]) -> str:
    """A Markdown table of the ramp profiles: limit, when to use it, where it comes from.

    Sources are written as citations (``[@key]``), which the bibliography hook turns into links
    to the page's numbered sources, so the page must list them in its front matter.
    """
    rows = ["| Profile | Most added per week | When it fits | Sources |", "| --- | --- | --- | --- |"]
    for profile in rules["ramp"]["profiles"]:
        citations = " ".join(f"[@{key}]" for key in profile["sources"])
        rows.append(f"| {profile['label'].split(':')[0]} | {_number(profile['limit_pct'])} % "
                    f"| {profile['description']} | {citations} |")
    return "\n".join(rows)


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "ramp-profile-options": ramp_profile_options,
    "ramp-unit-options": ramp_unit_options,
    "ramp-profile-table": ramp_profile_table,
}


def render_markers(markdown: str, src_path: str) -> str:
    """Replace every ``<!-- rules: NAME -->`` marker; an unknown NAME fails naming the file."""
    rules = calculator_rules()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            known = ", ".join(sorted(RENDERERS))
            raise PluginError(f"{src_path}: unknown rules marker '{name}' (known: {known})")
        return RENDERERS[name](rules)

    return MARKER.sub(replace, markdown)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the rules markers of one page."""
    if "rules:" not in markdown:
        return markdown
    return render_markers(markdown, page.file.src_uri)
