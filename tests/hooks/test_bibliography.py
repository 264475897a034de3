"""Bibliography entries, citations, the numbered source list and the appended sections."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import PROJECT_ROOT, hook_module

shared = hook_module("shared")
bibliography = hook_module("bibliography")
frontmatter = hook_module("frontmatter")

BIBLIOGRAPHY_YML = PROJECT_ROOT / "docs" / "bibliography.yml"
ENTRY: dict[str, Any] = dict(shared.EXAMPLE_ENTRY)
SEED: dict[str, Any] = {key: value for key, value in ENTRY.items() if key != "doi"} | {
    "authors": [],
    "year": "n.d.",
    "title": "The Truth",
    "published_in": "Physiotherapy clinic blog",
    "kind": "article",
    "publisher": "A clinic",
}
REFS = shared.parse_bibliography({"doe-2020": ENTRY, "seed-000": SEED}, "bib.yml")


def real_bibliography() -> dict[str, Any]:
    return dict(shared.load_bibliography(BIBLIOGRAPHY_YML, "docs/bibliography.yml"))


def test_checked_identifiers_are_kept() -> None:
    refs = real_bibliography()
    assert refs["dhillon-2023"].doi == "10.1177/23259671231152900"
    assert refs["miller-2020"].doi == "10.7717/peerj.9676"
    assert refs["impellizzeri-2020"].doi == "10.1007/s40279-020-01378-6"
    assert refs["frandsen-2025"].pmid == "40623829"
    assert refs["seed-001"].publisher == "Hinge Health"
    # the seeds' addresses, each checked against the seed's own text (../shared/seeds)
    assert (
        refs["seed-000"].url
        == "https://www.head2toeosteopathy.com/post/the-truth-about-running-and-knee-pain"
    )
    assert refs["seed-002"].url == "https://www.knee-pain-explained.com/knee-pain-from-running.html"
    assert refs["seed-004"].url == (
        "https://www.newcastle-physiotherapy.com.au/n/-knee-pain-from-running:-what-you-need-t"
    )
    assert refs["malliaras-2015"].doi == "10.2519/jospt.2015.5987"
    assert refs["silbernagel-2007"].doi == "10.1177/0363546506298279"


def test_every_source_names_a_link_or_a_publisher() -> None:
    # issue 9: a physio could not check "Self-help knee site, no date"
    for key, ref in real_bibliography().items():
        assert ref.doi or ref.pmid or ref.url or ref.publisher, key


def test_an_entry_with_neither_link_nor_publisher_fails_the_build() -> None:
    unnamed = {key: value for key, value in SEED.items() if key != "publisher"}
    with pytest.raises(PluginError, match=r"entry 'seed-000' field 'publisher': missing: give a link"):
        shared.parse_bibliography({"seed-000": unnamed}, "docs/bibliography.yml")
    named = shared.parse_bibliography({"seed-000": SEED}, "docs/bibliography.yml")["seed-000"]
    assert named.publisher == "A clinic"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": None}, "title", "missing"),
        ({"note": ""}, "note", "non-empty text"),
        ({"kind": "blog"}, "kind", "must be one of"),
        ({"year": 20}, "year", "must be a year"),
        ({"authors": "Doe J"}, "authors", "list of names"),
        ({"doi": "https://doi.org/10.1/x"}, "doi", "bare DOI"),
        ({"url": "http://example.org"}, "url", "https://"),
        ({"journal": "J Run"}, "journal", "unknown field"),
    ],
)
def test_a_broken_entry_fails_naming_file_key_and_field(
    change: dict[str, Any], field: str, message: str
) -> None:
    entry = {key: value for key, value in {**ENTRY, **change}.items() if value is not None}
    with pytest.raises(
        PluginError, match=rf"docs/bibliography\.yml: entry 'doe-2020' field '{field}': .*{message}"
    ):
        shared.parse_bibliography({"doe-2020": entry}, "docs/bibliography.yml")


def test_a_field_given_twice_fails_naming_file_line_and_field(tmp_path: Path) -> None:
    """A rebase once left two `doi:` lines in one entry; YAML kept the second without a word."""
    path = tmp_path / "bibliography.yml"
    lines = ["doe-2020:"] + [f"  {key}: {value!r}" for key, value in ENTRY.items()]
    path.write_text("\n".join([*lines, "  doi: 10.1000/again"]) + "\n", encoding="utf-8")
    repeat = len(lines) + 1
    with pytest.raises(
        PluginError,
        match=rf"^docs/bibliography\.yml: line {repeat}: field 'doi' is given twice in one entry$",
    ):
        shared.load_bibliography(path, "docs/bibliography.yml")


def test_the_bibliography_gives_no_field_twice() -> None:
    assert shared.repeated_keys(BIBLIOGRAPHY_YML.read_text(encoding="utf-8")) == []


def test_a_missing_file_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"docs/bibliography\.yml: cannot be read"):
        shared.load_bibliography(tmp_path / "bibliography.yml", "docs/bibliography.yml")


def test_references_read_as_a_reference_list() -> None:
    assert shared.reference_html(REFS["doe-2020"]) == (
        "Doe J, Roe R (2020). A study. J Run 1(2):3-4. "
        '<a class="kl-ref-link" href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>'
    )
    assert shared.reference_html(REFS["seed-000"]) == (
        "The Truth. Physiotherapy clinic blog, no date. Published by A clinic."
    )


@pytest.mark.parametrize(
    ("authors", "label"),
    [
        (["Gabbett TJ"], "Gabbett 2020"),
        (["Miller RH", "Krupenevich RL"], "Miller and Krupenevich 2020"),
        (["Frandsen JSB", "et al."], "Frandsen et al. 2020"),
        (["van Mechelen W", "Buist I", "Doe J"], "van Mechelen et al. 2020"),
        (["NHS England"], "NHS England 2020"),
    ],
)
def test_short_labels(authors: list[str], label: str) -> None:
    ref = shared.parse_bibliography({"k": {**ENTRY, "authors": authors}}, "b")["k"]
    assert shared.short_label(ref) == label


def test_more_than_six_authors_end_with_et_al() -> None:
    ref = shared.parse_bibliography({"k": {**ENTRY, "authors": [f"A{n} B" for n in range(8)]}}, "b")["k"]
    assert shared.author_text(ref) == "A0 B, A1 B, A2 B, A3 B, A4 B, A5 B, et al."


def test_citations_are_numbered_in_order_of_first_citation() -> None:
    text, order = bibliography.render_citations(
        "One [@seed-000]. Two [@doe-2020; @seed-000]. Again [@seed-000].",
        "docs/p.md",
        sources=["doe-2020", "seed-000"],
        bibliography=REFS,
    )
    assert order == ["seed-000", "doe-2020"]
    assert text.count('href="#source-seed-000"') == 3
    assert '<span class="kl-sr">source </span>2</a>' in text
    assert "[@" not in text


def test_uncited_sources_are_numbered_after_the_cited_ones() -> None:
    _, order = bibliography.render_citations(
        "Only [@doe-2020].", "docs/p.md", sources=["seed-000", "doe-2020"], bibliography=REFS
    )
    assert order == ["doe-2020", "seed-000"]


def test_citations_in_code_blocks_are_left_alone() -> None:
    text, order = bibliography.render_citations(
        "```\n[@nobody]\n```\n", "docs/p.md", sources=[], bibliography=REFS
    )
    assert "[@nobody]" in text and order == []


def test_an_unknown_citation_fails_naming_file_and_key() -> None:
    with pytest.raises(PluginError, match=r"docs/p\.md: citation \[@smith-1999\]: unknown key 'smith-1999'"):
        bibliography.render_citations(
            "A [@smith-1999].", "docs/p.md", sources=["smith-1999"], bibliography=REFS
        )


def test_a_citation_missing_from_sources_fails_naming_file_and_key() -> None:
    with pytest.raises(PluginError, match=r"docs/p\.md: citation \[@doe-2020\]: .*'sources'"):
        bibliography.render_citations("A [@doe-2020].", "docs/p.md", sources=["seed-000"], bibliography=REFS)


@pytest.mark.parametrize("text", ["A [@doe-2020, @seed-000].", "A [@ doe-2020].", "A [@doe 2020]."])
def test_a_malformed_citation_fails_naming_file_and_text(text: str) -> None:
    with pytest.raises(PluginError, match=r"docs/p\.md: citation '\[@.*write it as \[@key\]"):
        bibliography.render_citations(text, "docs/p.md", sources=["doe-2020", "seed-000"], bibliography=REFS)


def test_the_appendix_has_related_pages_sources_and_review_date_in_order() -> None:
    meta = {"related": ["a.md"], "reviewed": datetime.date(2026, 11, 23)}
    text = bibliography.appendix(meta, ["doe-2020"], REFS)
    assert text.index("## Related pages") < text.index("## Sources") < text.index("Last reviewed")
    assert '<li id="source-doe-2020">' in text
    assert "23 November 2026" in text


def test_a_page_without_sources_or_related_gets_only_the_review_date() -> None:
    text = bibliography.appendix({"reviewed": datetime.date(2026, 11, 23)}, [], REFS)
    assert "##" not in text and "Last reviewed" in text


def test_related_pages_link_relatively_by_title() -> None:
    pages = {"conditions/b.md": ("conditions/b.html", "Runner's knee"), "index.md": ("index.html", "Home")}
    html = bibliography.related_html("conditions/a.html", ["conditions/b.md", "index.md"], pages)
    assert '<a href="b.html">Runner&#x27;s knee</a>' in html
    assert '<a href="../index.html">Home</a>' in html
