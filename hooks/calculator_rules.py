"""Render the calculator's rules into pages at build time, so text and checker never disagree.

A page asks for a rendering with a marker, ``<!-- rules: NAME -->``; NAME is one of RENDERERS.
The data comes from the calculator's own ``rules`` check, the same answer the browser gets, asked
once per build (``shared.calculator_rules``).

>>> render_markers("Limits: <!-- rules: ramp-unit-options -->", "p.md")[:41]
'Limits: <option value="km">km</option><op'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from shared import calculator_rules

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!--\s*rules:\s*([\w-]+)((?:\s+[\w-]+)*)\s*-->")


def _number(value: float) -> str:
    """Format a limit without a useless decimal: 10.0 -> '10', 2.5 -> '2.5'."""
    return f"{value:g}"


def _options(items: list[dict[str, Any]]) -> str:
    return "".join(
        f'<option value="{html.escape(item["key"])}">{html.escape(item["label"])}</option>' for item in items
    )


def ramp_profile_options(rules: dict[str, Any]) -> str:
    """``<option>`` elements for the ramp profiles, in the calculator's order, then "custom"."""
    return _options([*rules["ramp"]["profiles"], rules["ramp"]["custom"]])


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
        rows.append(
            f"| {profile['label'].split(':')[0]} | {_number(profile['limit_pct'])} % "
            f"| {profile['description']} | {citations} |"
        )
    return "\n".join(rows)


def _check(
    field: str,
    label: str,
    *,
    value: str | None = None,
    kind: str | None = None,
    type_: str = "checkbox",
    hint: str = "",
) -> str:
    """One checkbox or radio with its label (and an optional hint tied to it)."""
    ident = re.sub(r"\W+", "-", f"{field}-{value}" if value else field)
    attributes = f' type="{type_}" id="{ident}" name="{html.escape(field)}"'
    attributes += f' value="{html.escape(value)}"' if value else ""
    attributes += f' data-kind="{kind}"' if kind else ""
    attributes += f' aria-describedby="{ident}-hint"' if hint else ""
    hint_html = f'<span class="kl-hint" id="{ident}-hint">{html.escape(hint)}</span>' if hint else ""
    return f'<div class="kl-check"><input{attributes}><label for="{ident}">{html.escape(label)}</label>{hint_html}</div>'


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _cite(keys: list[str]) -> str:
    """Citations the bibliography hook links to the page's sources (the page must list them)."""
    return " ".join(f"[@{key}]" for key in keys)


def spike_bands_table(rules: dict[str, Any]) -> str:
    """The single-run spike bands with their hazard ratios (Frandsen et al. 2025)."""
    rows = []
    for band in rules["spike"]["bands"]:
        ci = band["ci"]
        risk = (
            "1 (the comparison group)"
            if ci is None
            else (f"{band['hazard_ratio']:.2f} (95 % CI {ci['low']:.2f} to {ci['high']:.2f})")
        )
        rows.append([band["label"], risk, _cite(band["sources"])])
    return _markdown_table(
        ["A run longer than your longest of the last 30 days by", "Injury hazard ratio", "Source"], rows
    )


def acwr_bands_table(rules: dict[str, Any]) -> str:
    """The acute:chronic bands (Gabbett 2016, from team sports)."""
    rows = [
        [band["label"], band["range"], band["description"], _cite(band["sources"])]
        for band in rules["acwr"]["bands"]
    ]
    return _markdown_table(["Band", "Ratio", "What it means", "Source"], rows)


def redflags_questions(rules: dict[str, Any]) -> str:
    """The red-flag questions as checkboxes; follow-up questions show only after their lead-in's yes."""
    items = []
    for question in rules["redflags"]["questions"]:
        box = _check(f"answers.{question['id']}", question["question"])
        if question["asked_if"]:
            box = f'<div class="kl-follow-up" data-show-if="answers.{question["asked_if"]}">{box}</div>'
        items.append(box)
    return "".join(items)


def redflags_list(rules: dict[str, Any], which: str) -> str:
    """A Markdown list of red flags, each with its reason and citation: the questions and the
    combinations of one urgency (``urgent``), or the follow-up questions of one question
    (``injury``: what followed it, and the Ottawa knee rules).
    """
    redflags = rules["redflags"]
    questions = redflags["questions"]
    if which in {level["key"] for level in redflags["levels"]}:
        chosen = [q for q in questions if q["urgency"] == which and q["asked_if"] is None]
        items = [f"- {q['question']} {q['reason']} {_cite(q['sources'])}" for q in chosen]
        items += [
            f"- Together: {c['sign'][0].lower()}{c['sign'][1:]}. {c['reason']} {_cite(c['sources'])}"
            for c in redflags["combinations"]
            if c["urgency"] == which
        ]
        return "\n".join(items)
    if which in {
        q["asked_if"] for q in questions
    }:  # the Ottawa follow-ups share one reason: the page states it
        return "\n".join(
            f"- {q['question']} {_cite(q['sources'])}" for q in questions if q["asked_if"] == which
        )
    raise ValueError(f"'{which}' is neither an urgency nor a question with follow-ups")


#: The admonition each level is shown in (Material's types; the class kl-care-KEY styles it).
_ADMONITION = {"emergency": "danger", "urgent": "warning", "soon": "info", "self-care": "tip"}


def _call_links(text: str, calls: list[dict[str, str]]) -> str:
    """Link each number to call in *text* with ``tel:`` (the first time it appears)."""
    for call in calls:
        text = re.sub(rf"\b{call['number']}\b", f"[{call['number']}](tel:{call['number']})", text, count=1)
    return text


def redflags_box(rules: dict[str, Any], *ids: str) -> str:
    """A page's "get it checked" box: the chosen red flags, one admonition per level, most urgent
    first, each sign with its reason and citation, the numbers to call linked with ``tel:``.

    *ids* are question or combination ids, or a level key for all of that level's questions
    (those asked of everyone) and combinations. Raises `ValueError` for no ids or an unknown id.
    """
    redflags = rules["redflags"]
    signs = {entry["id"]: entry for entry in [*redflags["questions"], *redflags["combinations"]]}
    levels = {level["key"] for level in redflags["levels"]}
    ids = tuple(
        entry
        for key in ids
        for entry in (
            [s["id"] for s in signs.values() if s["urgency"] == key and not s.get("asked_if")]
            if key in levels
            else [key]
        )
    )
    unknown = [key for key in ids if key not in signs]
    if not ids or unknown:
        raise ValueError(f"name red flags by id (unknown: {', '.join(unknown) or 'none given'})")
    blocks = []
    for level in reversed(redflags["levels"]):
        chosen = [signs[key] for key in ids if signs[key]["urgency"] == level["key"]]
        if not chosen:
            continue
        items = "\n".join(f"    - **{s['sign']}.** {s['reason']} {_cite(s['sources'])}" for s in chosen)
        title = html.escape(level["label"], quote=True)
        blocks.append(
            f'!!! {_ADMONITION[level["key"]]} kl-care kl-care-{level["key"]} "{title}"\n'
            f"    {_call_links(level['heading'], level['calls'])} if:\n\n{items}"
        )
    return "\n\n".join(blocks)


def redflags_level(rules: dict[str, Any], key: str) -> str:
    """One level's care card: what to do, when and where, and what would change the answer."""
    levels = {level["key"]: level for level in rules["redflags"]["levels"]}
    if key not in levels:
        raise ValueError(f"'{key}' is not a level (choose {', '.join(levels)})")
    level = levels[key]
    title = html.escape(level["label"], quote=True)
    return (
        f'!!! {_ADMONITION[key]} kl-care kl-care-{key} "{title}"\n'
        f"    **{_call_links(level['heading'], level['calls'])}.** {level['action']}\n\n"
        f"    {level['watch']} {_cite(level['sources'])}"
    )


def where_locations(rules: dict[str, Any]) -> str:
    """Radio buttons for where the knee hurts."""
    return "".join(
        _check("location", location["label"], value=location["key"], type_="radio")
        for location in rules["where"]["locations"]
    )


def where_features(rules: dict[str, Any]) -> str:
    """Checkboxes for what else the reader notices."""
    return "".join(
        _check("features", feature["label"], value=feature["key"], kind="list")
        for feature in rules["where"]["features"]
    )


def overtraining_signs(rules: dict[str, Any]) -> str:
    """Checkboxes for the overtraining warning signs."""
    return "".join(
        _check(f"signs.{sign['key']}", sign["question"]) for sign in rules["overtraining"]["signs"]
    )


def plan_hold_weeks(rules: dict[str, Any]) -> str:
    """The hold-weeks checkbox with its description."""
    hold = rules["plan"]["hold_weeks"]
    return _check(hold["key"], hold["label"], hint=hold["description"])


def plan_easier_weeks(rules: dict[str, Any]) -> str:
    """The easier-weeks checkbox with its description and where the pattern comes from."""
    easier = rules["plan"]["cut_back_weeks"]
    return _check(easier["key"], easier["label"], hint=f"{easier['description']} {easier['source']}.")


def shoes_range(rules: dict[str, Any]) -> str:
    """The shoe replacement range in words, miles then km: '400–500 miles (about 644–805 km)'."""
    shoes = rules["shoes"]["range"]
    low_km, high_km = (round(km) for km in shoes["km"])
    return f"{shoes['low_miles']:g}–{shoes['high_miles']:g} miles (about {low_km}–{high_km} km)"


def training_rules(rules: dict[str, Any], check: str) -> str:
    """How a check reads real training (easier weeks, breaks, rounding, ...): one paragraph per
    rule, with its citations; a rule that is our own choice says so. *check* names the check.
    """
    chosen = [rule for rule in rules["training"]["rules"] if check in rule["checks"]]
    if not chosen:
        raise ValueError(f"no training rules apply to the check '{check}'")
    paragraphs = []
    for rule in chosen:
        cited = f" {_cite(rule['sources'])}" if rule["sources"] else ""
        paragraphs.append(f"**{rule['title']}.** {rule['text']}{cited}")
    return "\n\n".join(paragraphs)


def _unit_options(check: str) -> Callable[[dict[str, Any]], str]:
    return lambda rules: _options(rules[check]["units"])


RENDERERS: dict[str, Callable[..., str]] = {
    "ramp-profile-options": ramp_profile_options,
    "ramp-unit-options": ramp_unit_options,
    "ramp-profile-table": ramp_profile_table,
    "spike-unit-options": _unit_options("spike"),
    "shoes-unit-options": _unit_options("shoes"),
    "acwr-unit-options": _unit_options("acwr"),
    "acwr-period-options": lambda rules: _options(rules["acwr"]["periods"]),
    "spike-bands-table": spike_bands_table,
    "acwr-bands-table": acwr_bands_table,
    "plan-hold-weeks": plan_hold_weeks,
    "plan-easier-weeks": plan_easier_weeks,
    "shoes-range": shoes_range,
    "redflags-questions": redflags_questions,
    "redflags-list": redflags_list,
    "redflags-box": redflags_box,
    "redflags-level": redflags_level,
    "where-locations": where_locations,
    "where-features": where_features,
    "overtraining-signs": overtraining_signs,
    "training-rules": training_rules,
}


def render_markers(markdown: str, src_path: str) -> str:
    """Replace every ``<!-- rules: NAME -->`` marker; an unknown NAME fails naming the file."""
    rules = calculator_rules()

    def replace(match: re.Match[str]) -> str:
        name, arguments = match.group(1), match.group(2).split()
        if name not in RENDERERS:
            known = ", ".join(sorted(RENDERERS))
            raise PluginError(f"{src_path}: unknown rules marker '{name}' (known: {known})")
        try:
            rendered = RENDERERS[name](rules, *arguments)
        except (TypeError, ValueError) as error:
            raise PluginError(f"{src_path}: rules marker '{match.group(0)}': {error}") from None
        # A marker alone on an indented line (inside an admonition) keeps every line indented.
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        indent = markdown[line_start : match.start()]
        return rendered.replace("\n", "\n" + indent) if indent.isspace() else rendered

    return MARKER.sub(replace, markdown)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the rules markers of one page."""
    if "rules:" not in markdown:
        return markdown
    return render_markers(markdown, page.file.src_uri)
