"""Answers a reader can read on a phone and a desk, while the calculator loads and when it fails (issue 9).

Geometry is measured in Chromium, not guessed: at 390 px (a phone; its column is 358 px) and
1280 px, every answer table fits its column with no cell cut, and charts fill the column with text
of at least 12 px on a 360 px phone (WCAG 1.4.4 and the chart module's own minimum). The loading
and failure messages are measured against the submit button the reader pressed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.reader import READY_TIMEOUT_MS, answer, fill_weeks, open_calculator

#: An answer with a table on each calculator that has one, and a chart where there is one.
ANSWERS = {
    "ramp": "calculator/ramp.html#weeks=20&weeks=25&weeks=30&weeks=0&weeks=12",
    "acwr": "calculator/acwr.html#period=day&loads=" + "%2C".join(["5"] * 21 + ["10"] * 7),
    "plan": "calculator/plan.html#current=20&target=30&start_date=2026-11-30",
    "spike": "calculator/spike.html#planned=16&longest_30d=12",
    "shoes": "calculator/shoes.html#distance_on_pair=450&weekly=20&today=2026-11-23",
    "overtraining": "calculator/overtraining.html#signs.sleep=yes&signs.mood=yes",
}

MEASURE = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const wrapper = document.querySelector('.kl-answer .kl-table-scroll');
  const out = {columnLeft: column.left, columnRight: column.right};
  if (wrapper) {
    const table = wrapper.querySelector('table');
    out.tableWidth = table.scrollWidth;
    out.boxWidth = wrapper.clientWidth;
    out.cellsOutside = [...table.querySelectorAll('tbody th, tbody td')].filter((cell) => {
      const box = cell.getBoundingClientRect();
      return box.width > 0 && (box.left < column.left - 1 || box.right > column.right + 1);
    }).length;
    out.smallestText = Math.min(...[...table.querySelectorAll('tbody th, tbody td')]
      .map((cell) => parseFloat(getComputedStyle(cell).fontSize)));
  }
  const svg = document.querySelector('.kl-answer svg');
  if (svg) {
    const box = svg.getBoundingClientRect();
    out.chartWidth = box.width;
    out.chartText = box.width / svg.viewBox.baseVal.width * parseFloat(svg.getAttribute('font-size'));
  }
  return out;
}"""


@pytest.mark.parametrize("name", ANSWERS)
def test_answer_tables_and_charts_fit_and_read(page: Page, requests_seen: list[str], name: str) -> None:
    # One start of Python per answer, measured at each width in turn (the page is laid out again
    # at each, as when a phone turns).
    page.set_viewport_size({"width": 360, "height": 900})
    open_calculator(page, ANSWERS[name])
    expect(answer(page).locator(".kl-summary")).not_to_be_empty()
    for width in (360, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        seen = page.evaluate(MEASURE)
        column = seen["columnRight"] - seen["columnLeft"]
        if "tableWidth" in seen:
            assert seen["tableWidth"] <= seen["boxWidth"] + 1, (
                f"{name} at {width} px: table {seen['tableWidth']} px in {seen['boxWidth']}"
            )
            assert seen["cellsOutside"] == 0, f"{name} at {width} px"
            assert seen["smallestText"] >= 12, f"{name} at {width} px"
        if "chartWidth" in seen:
            if width < 600:
                assert seen["chartWidth"] >= column - 1, (
                    f"{name} at {width} px: a chart fills a phone's column"
                )
            assert seen["chartWidth"] <= column + 1, f"{name} at {width} px"
            assert seen["chartText"] >= 12, f"{name} at {width} px"


def test_on_a_phone_each_cell_says_its_column(page: Page, requests_seen: list[str]) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_calculator(page, ANSWERS["ramp"])
    cell = answer(page).locator("tbody tr").nth(1).locator("td").last
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label.strip('"').startswith(cell.get_attribute("data-label") or "?")
    expect(answer(page).locator("th[scope=col]").first).to_be_attached()  # headers stay for screen readers
    # A card leaves out a column empty for its row: the spike check's "Your run" is filled in the
    # run's band only (a break test found a bare "Your run:" in each other card). By hand, 16 km
    # after a longest of 12 is 33 % longer: the over-30 % band.
    open_calculator(page, ANSWERS["spike"])
    rows = answer(page).locator("tbody tr")
    expect(rows).to_have_count(4)
    shown = [
        row.locator("td").evaluate_all("(cells) => cells.filter((td) => td.offsetHeight > 0).length")
        for row in rows.all()
    ]
    assert shown == [1, 1, 2, 1], shown
    expect(rows.nth(2).locator("td").last).to_contain_text("Your planned run")


def test_the_screen_reader_hears_the_answer_itself(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    fill_weeks(page, ["20", "22", "26"])
    page.get_by_role("button", name="Check my weeks").click()
    summary = answer(page).locator(".kl-summary").inner_text()
    # The live region (found by its role in the accessibility tree) now holds the summary sentence,
    # not "The calculator is ready.".
    expect(page.get_by_role("status").first).to_have_text(summary)
    # A later entry that is refused hides the answer: the live region no longer holds its summary.
    fill_weeks(page, ["20", "x", "26"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#week-2-error")).to_be_visible()
    expect(page.get_by_role("status").first).to_have_text("")


def test_where_asks_in_the_words_it_shows_and_marks_the_group(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page, "calculator/where.html")
    page.get_by_role("button", name="Show what it may be").click()
    group = page.locator("#where-form fieldset:has(input[type=radio])")
    expect(group).to_have_attribute("aria-invalid", "true")
    for radio in page.locator("#where-form input[type=radio]").all():
        expect(radio).to_have_attribute("aria-invalid", "true")
    message = page.locator(".kl-field-error[data-for]").first
    expect(message).to_contain_text("the front of the knee")
    expect(message).not_to_contain_text("around-kneecap")


@pytest.fixture
def held_runtime(page: Page) -> Iterator[list[Route]]:
    """Hold the runtime's WebAssembly request until the test lets it go."""
    held: list[Route] = []
    page.context.route(re.compile(r".*/pyodide/.*pyodide\.asm\.wasm$"), lambda route: held.append(route))
    yield held


def vertical_gap(page: Page, upper: str, lower: str) -> float:
    """Pixels between the bottom of *upper* and the top of *lower*."""
    return float(
        page.evaluate(
            "([a, b]) => document.querySelector(b).getBoundingClientRect().top"
            " - document.querySelector(a).getBoundingClientRect().bottom",
            [upper, lower],
        )
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_a_failed_runtime_is_said_where_the_reader_is(
    page: Page, requests_seen: list[str], held_runtime: list[Route], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("calculator/ramp.html")
    fill_weeks(page, ["20", "22"])
    page.get_by_role("button", name="Check my weeks").click()
    loading = page.locator("[data-loading]")
    expect(loading).to_be_visible()
    expect(loading).to_contain_text("Your answer is coming")
    assert 0 <= vertical_gap(page, "#ramp-form [type=submit]", "[data-loading]") < 48
    for _ in range(READY_TIMEOUT_MS // 100):  # until the worker asks for the runtime's WebAssembly
        if held_runtime:
            break
        page.wait_for_timeout(100)
    assert held_runtime, "the worker never asked for the runtime"
    held_runtime[0].fulfill(status=404)  # then it fails: the reader is waiting beside the button
    error = page.locator("[data-form-error]")
    expect(error).to_contain_text("could not start", timeout=READY_TIMEOUT_MS)
    expect(error).to_be_focused()
    expect(error).to_be_in_viewport()
    expect(loading).to_be_hidden()
    assert 0 <= vertical_gap(page, "#ramp-form [type=submit]", "[data-form-error]") < 48


def test_a_slow_download_shows_its_progress_beside_the_button(page: Page, requests_seen: list[str]) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    # About a 3G connection: 1.5 Mbit/s down, 300 ms round trips (Chrome DevTools' "Slow 4G" is faster).
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": 1.5e6 / 8, "uploadThroughput": 0.75e6 / 8},
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("calculator/ramp.html")
    fill_weeks(page, ["20", "22"])
    page.get_by_role("button", name="Check my weeks").click()
    # A connection this slow reads as 3G to the page: it asks first, where the reader is.
    go = page.get_by_role("button", name=re.compile(r"^Download the calculator"))
    expect(go).to_be_focused()
    go.click()
    loading = page.locator("[data-loading]")
    expect(loading).to_be_visible()
    assert 0 <= vertical_gap(page, "#ramp-form [type=submit]", "[data-loading]") < 48
    # Real progress: the bytes arrived so far, read from the download itself, and the share of the
    # whole (its size from the build).
    expect(loading).to_contain_text(
        re.compile(r"\d+\.\d\u00a0MB of \d+\.\d\u00a0MB \(\d+\u00a0%\)"), timeout=READY_TIMEOUT_MS
    )
    first = loading.inner_text()
    expect(loading).not_to_have_text(first, timeout=READY_TIMEOUT_MS)  # it moves on
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    expect(page.locator("#ramp-form")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("#ramp-answer")).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(loading).to_be_hidden()


#: A browser told to save data (Network Information API), as a phone on a metered plan would be.
SAVE_DATA = """Object.defineProperty(Navigator.prototype, 'connection',
  {configurable: true, get: () => ({saveData: true, effectiveType: '4g'})});"""


def test_on_a_metered_connection_the_download_waits_for_the_readers_go(
    page: Page, requests_seen: list[str], built_site: Path
) -> None:
    # The size the page says is the runtime's files as built (site/pyodide/<version>/), counted here on
    # disk, without the compressed siblings a host may send instead (.br, .gz), nor Pyodide's whole
    # standard library (fetched only for a module the smaller one the worker starts with lacks).
    files = [path for path in (built_site / "pyodide").rglob("*") if path.is_file()]
    fetched = [
        path for path in files if path.suffix not in (".br", ".gz") and path.name != "python_stdlib.zip"
    ]
    size = sum(path.stat().st_size for path in fetched)
    page.add_init_script(SAVE_DATA)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("calculator/ramp.html")
    ask = page.locator("#ramp-form [data-download-ask]")
    expect(ask).to_contain_text(f"{size / 1e6:.1f}\u00a0MB")
    go = ask.get_by_role("button", name=f"Download the calculator ({size / 1e6:.1f}\u00a0MB)")
    fill_weeks(page, ["20", "22"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(go).to_be_focused()
    assert 0 <= vertical_gap(page, "#ramp-form [type=submit]", "#ramp-form [data-download-ask]") < 48
    assert not [url for url in requests_seen if "/pyodide/" in url], "downloaded before the reader said go"
    go.click()
    expect(page.locator("#ramp-answer")).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(ask).to_have_count(0)
    assert [url for url in requests_seen if url.endswith("pyodide.asm.wasm")]


def test_a_printed_answer_says_what_it_was_for_and_where_help_is(
    page: Page, requests_seen: list[str]
) -> None:
    open_calculator(page, "calculator/spike.html#planned=16&longest_30d=12")
    section = answer(page)
    page.emulate_media(media="print")
    entries = section.locator(".kl-print-inputs")
    expect(entries).to_be_visible()
    expect(entries).to_contain_text("16")
    expect(entries).to_contain_text("12")
    after = section.locator("a").evaluate_all(
        "(links) => links.map((a) => getComputedStyle(a, '::after').content)"
    )
    assert after and all("http" not in content for content in after), after
    expect(page.locator(".kl-print-help")).to_be_visible()
    expect(page.locator(".kl-print-help")).to_contain_text("When to see a clinician")


@pytest.mark.parametrize("width", [390, 1280])
def test_help_is_one_step_away_at_every_scroll_position(
    page: Page, requests_seen: list[str], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("calculator/ramp.html")
    height = page.evaluate("document.documentElement.scrollHeight")
    for fraction in (0, 0.5, 1):
        page.evaluate("(y) => window.scrollTo(0, y)", height * fraction)
        visible = [
            link.is_visible()
            and link.evaluate(
                "(a) => { const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
            )
            for link in page.get_by_role("link", name="When to see a clinician").all()
        ]
        assert any(visible), f"no help link in view at {fraction:.0%} of the page"


def test_search_finds_calculators_by_purpose_with_no_citation_noise(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    assert not [doc["location"] for doc in docs if "[source" in doc["text"] or "source 1" in doc["text"]]
    where = next(doc for doc in docs if doc["location"] == "calculator/where.html")
    assert "clue" in where["text"]  # its purpose is indexed
    assert "Around the kneecap" not in where["text"]  # its form is not
    labels = ("Check my weeks", "Measured in", "Add a week")
    ramp = " ".join(doc["text"] for doc in docs if doc["location"].startswith("calculator/ramp.html"))
    assert not [label for label in labels if label in ramp]


#: The site's own search (Material's lunr worker, fed the built search/search_index.json as the
#: search box feeds it): the pages a query finds, best first, one entry per page.
SEARCH = """async (query) => {
  const index = await (await fetch('search/search_index.json')).json();
  const worker = new Worker(JSON.parse(document.getElementById('__config').textContent).search);
  const answer = (type) => new Promise((done) =>
    worker.addEventListener('message', (event) => { if (event.data.type === type) done(event.data); }));
  const ready = answer(1);
  worker.postMessage({type: 0, data: {...index, options: {suggest: false}}});
  await ready;
  const result = answer(3);
  worker.postMessage({type: 2, data: query});
  const found = (await result).data.items;
  worker.terminate();
  return found.map((group) => group[0].location.split('#')[0]);
}"""


@pytest.mark.parametrize(
    ("query", "first", "below"),
    [
        # issue 9: the where checker ranked above the patellofemoral page for "stairs", and Sources
        # and What's next above the ACWR calculator for "acwr"
        ("stairs", "conditions/patellofemoral-pain.html", ["calculator/where.html"]),
        ("acwr", "calculator/acwr.html", ["sources.html", "whats-next.html"]),
    ],
)
def test_search_ranks_the_page_a_reader_wants_above_the_others(
    page: Page, requests_seen: list[str], query: str, first: str, below: list[str]
) -> None:
    page.goto("index.html")
    found = page.evaluate(SEARCH, query)
    assert first in found, found
    for other in below:
        assert other not in found or found.index(first) < found.index(other), found


#: How each care level's box prints (the style sheet's print rules): told apart in black and white.
PRINTED_BORDER = """(boxes) => boxes.map((box) => {
  const style = getComputedStyle(box);
  return [box.className.match(/kl-care-(emergency|urgent|soon|self-care)/)[1],
          style.borderTopStyle, style.borderTopWidth, style.borderLeftStyle, style.borderLeftWidth,
          style.borderTopColor, style.borderLeftColor];
})"""


def _told_apart_in_black_and_white(boxes: list[list[str]]) -> None:
    """Each level's border differs in style or width, and every border is black: not colour alone."""
    by_level = {level: tuple(rest[:4]) for level, *rest in boxes}
    assert len(set(by_level.values())) == len(by_level), by_level
    assert all(top == left == "rgb(0, 0, 0)" for *_, top, left in boxes), boxes
    assert by_level["emergency"][0] == "double", "an emergency prints with a double rule"


def test_printed_care_levels_are_told_apart_without_colour(page: Page, requests_seen: list[str]) -> None:
    # the red-flags page has one box of each level: emergency, urgent, soon and self-care
    page.goto("red-flags.html")
    page.emulate_media(media="print")
    boxes = page.locator(".admonition.kl-care").evaluate_all(PRINTED_BORDER)
    assert sorted(level for level, *_ in boxes) == ["emergency", "self-care", "soon", "urgent"]
    _told_apart_in_black_and_white(boxes)


def test_printed_care_cards_are_told_apart_without_colour(page: Page, requests_seen: list[str]) -> None:
    # one answer at each level: a numb or cold foot (emergency), a hot swollen knee (urgent), an
    # injury (soon) and no yes at all (self-care), as the red-flag rules grade them
    cards = []
    for question in ("numb_cold_foot", "hot_swollen", "injury", None):
        page.emulate_media(media="screen")
        page.goto("about:blank")  # a new document each time: only the fragment changes
        open_calculator(page, "calculator/redflags.html" + (f"#answers.{question}=yes" if question else ""))
        if question is None:
            page.locator("form[data-calculator] button[type=submit]").click()
        card = answer(page).locator(".kl-care-card")
        expect(card).to_be_visible()
        page.emulate_media(media="print")
        cards += card.evaluate_all(PRINTED_BORDER)
    assert [level for level, *_ in cards] == ["emergency", "urgent", "soon", "self-care"]
    _told_apart_in_black_and_white(cards)
