"""Overviews rendered from all pages' front matter: locations, myths, kinds, the bibliography."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import hook_module

shared = hook_module("shared")
bibliography = hook_module("bibliography")
overviews = hook_module("overviews")
PageInfo = overviews.PageInfo


def info(src_uri: str, title: str, **meta: Any) -> Any:
    return PageInfo(src_uri, src_uri.replace(".md", ".html"), title, {"title": title, **meta})


PAGES = [
    info("conditions/index.md", "Where does it hurt?", kind="guide", description="Find it by place."),
    info(
        "conditions/itb.md",
        "ITB syndrome",
        kind="condition",
        pain_locations=["outside"],
        sources=["doe-2020"],
    ),
    info("conditions/pfp.md", "Runner's knee", kind="condition", pain_locations=["around-kneecap", "front"]),
    info("conditions/ham.md", "Hamstring tendinopathy", kind="condition", pain_locations=["back"]),
    info(
        "myths/wear.md", "Myth: wear", kind="myth", claim="Running wears out knees.", verdict="mostly-false"
    ),
    info(
        "myths/stretch.md", "Myth: stretch", kind="myth", claim="Stretching prevents injury.", verdict="false"
    ),
    info(
        "exercises/bridge.md",
        "Glute bridge",
        kind="exercise",
        description="Lift your hips.",
        sources=["doe-2020"],
    ),
]
REFS = shared.parse_bibliography({"doe-2020": shared.EXAMPLE_ENTRY}, "bib.yml")


def render(marker: str, page_url: str = "index.html") -> str:
    result: str = overviews.render_overviews(
        f"<p>Intro</p>\n<!-- overview: {marker} -->",
        "docs/x.md",
        page_url=page_url,
        pages=PAGES,
        bibliography=REFS,
    )
    return result


def test_conditions_are_listed_by_location_in_anatomical_order() -> None:
    table = render("conditions-by-location", "conditions/index.html")
    rows = [row for row in table.split("<tr>") if "<td>" in row]
    assert [row.split("</td>")[0].removeprefix("<td>") for row in rows] == [
        "The front of the knee",
        "Around the kneecap",
        "The outer side of the knee",
        "The back of the knee",
    ]
    assert '<a href="itb.html">ITB syndrome</a>' in rows[2]
    assert "Runner&#x27;s knee" in rows[0] and "Runner&#x27;s knee" in rows[1]


def test_myths_show_claim_link_and_verdict_in_words() -> None:
    html = render("myths", "myths/index.html")
    assert '<a href="wear.html">Running wears out knees.</a>' in html
    assert "Verdict: <strong>Mostly false</strong>" in html
    assert "Verdict: <strong>False</strong>" in html


def test_kind_lists_link_titles_with_descriptions() -> None:
    html = render("kind/exercise", "exercises/index.html")
    assert '<a href="bridge.html">Glute bridge</a>' in html and "Lift your hips." in html
    assert "ITB" not in html


def test_a_kind_list_leaves_out_the_page_itself() -> None:
    assert "Where does it hurt?" not in render("kind/guide", "conditions/index.html")


def test_bibliography_lists_each_reference_with_the_pages_citing_it() -> None:
    html = render("bibliography", "sources.html")
    assert '<li id="ref-doe-2020">Doe J, Roe R (2020).' in html
    assert (
        '<a href="conditions/itb.html">ITB syndrome</a>, <a href="exercises/bridge.html">Glute bridge</a>'
        in html
    )
    assert "Why it matters." in html


@pytest.mark.parametrize("marker", ["kind/blog", "sitemap", "kind/"])
def test_an_unknown_marker_fails_naming_the_file(marker: str) -> None:
    with pytest.raises(PluginError, match=rf"docs/x\.md: unknown overview marker '{marker}'"):
        render(marker)


def test_text_without_markers_is_untouched() -> None:
    assert (
        overviews.render_overviews("<p>Hi</p>", "docs/x.md", page_url="x.html", pages=[], bibliography={})
        == "<p>Hi</p>"
    )
