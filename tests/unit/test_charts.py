"""SVG charts: well-formed, accessible, one bar per week, markers only on over-limit bars, lines in place."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.charts import FONT_SIZE, MIN_COLUMN_PX, VIEW_WIDTH, Band, Bar, Line, bar_chart
from calculator.checks.acwr import check_acwr
from calculator.checks.plan import check_plan
from calculator.checks.ramp import check_ramp

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=100, derandomize=True, database=None, deadline=None)
SVG = "{http://www.w3.org/2000/svg}"
NUMERIC = ("x", "y", "x1", "x2", "y1", "y2", "width", "height", "data-value", "data-low", "data-high")


def parse(svg: str) -> ET.Element:
    """Parse a chart strictly (xml.etree raises on anything that is not well-formed)."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def bars(root: ET.Element) -> list[ET.Element]:
    """The chart's bars, in order (the legend's swatches aside)."""
    return [
        rect
        for rect in root.iter(f"{SVG}rect")
        if "kl-bar" in classes(rect) and "kl-key" not in classes(rect)
    ]


def markers(root: ET.Element) -> list[ET.Element]:
    return [
        path
        for path in root.iter(f"{SVG}path")
        if classes(path) >= {"kl-over-marker"} and "kl-key" not in classes(path)
    ]


def caps(root: ET.Element) -> list[ET.Element]:
    return [
        line
        for line in root.iter(f"{SVG}line")
        if "kl-cap" in classes(line) and "kl-key" not in classes(line)
    ]


def number(element: ET.Element, name: str) -> float:
    return float(element.get(name, "nan"))


def assert_accessible(root: ET.Element) -> None:
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and (title.text or "").strip() and (desc.text or "").strip()
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox", "").startswith(f"0 0 {VIEW_WIDTH} ")
    assert root.get("width") is None and root.get("height") is None, "no fixed size: the chart scales"


def assert_finite(root: ET.Element) -> None:
    """Every number drawn is finite (words may say anything: the checks' own words are tested elsewhere)."""
    for element in root.iter():
        for name in NUMERIC:
            if element.get(name) is not None:
                assert math.isfinite(float(element.get(name, ""))), (element.tag, name, element.get(name))
    for path in root.iter(f"{SVG}path"):
        for value in re.findall(r"-?[\d.]+", path.get("d", "")):
            assert math.isfinite(float(value))


def y_of(root: ET.Element, value: float) -> float:
    """Where a value sits, from the chart's own geometry: the axis is 0, a drawn bar gives the scale."""
    axis = next(line for line in root.iter(f"{SVG}line") if "kl-axis" in classes(line))
    bottom = number(axis, "y1")
    grid = [line for line in root.iter(f"{SVG}line") if "kl-grid" in classes(line)]
    top = min(number(line, "y1") for line in grid)
    labels = [text for text in root.iter(f"{SVG}text") if "kl-tick" in classes(text)]
    y_max = max(float(text.text or "0") for text in labels)
    return bottom - (bottom - top) * value / y_max


# --- the ramp chart ---------------------------------------------------------------------------------


def test_the_ramp_chart_is_well_formed_and_accessible() -> None:
    result = check_ramp([20, 22, 26, 25])
    root = parse(result.chart_svg)
    assert_accessible(root)
    assert_finite(root)
    assert (
        "NaN" not in result.chart_svg and "Infinity" not in result.chart_svg and "inf" not in result.chart_svg
    )
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    for words in (
        "Week 1: 20 km.",
        "Week 2: 22 km, within the limit (at most 22).",
        "Week 3: 26 km, over the limit (at most 24.2).",
        "Week 4: 25 km, within the limit (at most 28.6).",
    ):
        assert words in desc.text
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Weekly running against the 10 % limit"


@pytest.mark.parametrize(
    "weeks", [[20], [20, 22, 26, 25], [0, 0, 5], [10] * 52, [10 + i % 7 for i in range(520)]]
)
def test_one_bar_per_week_and_a_marker_on_over_limit_weeks_only(weeks: list[float]) -> None:
    result = check_ramp(weeks)
    root = parse(result.chart_svg)
    drawn = bars(root)
    assert len(drawn) == len(weeks)
    over = [week.over_limit for week in result.weeks]
    assert ["kl-bar-over" in classes(rect) for rect in drawn] == over
    assert len(markers(root)) == sum(over)
    centres = [
        number(rect, "x") + number(rect, "width") / 2
        for rect, flagged in zip(drawn, over, strict=True)
        if flagged
    ]
    for marker, centre in zip(markers(root), centres, strict=True):
        start = [float(value) for value in re.findall(r"-?[\d.]+", marker.get("d", ""))[:2]]
        assert start[0] + 5 == pytest.approx(centre, abs=0.02), "the marker sits over its bar"
    assert len(caps(root)) == sum(1 for index in range(1, len(weeks)) if weeks[index - 1] > 0)
    labels = [text for text in root.iter(f"{SVG}text") if "kl-label" in classes(text)]
    assert 1 <= len(labels) <= 12


def test_over_limit_is_shown_by_pattern_and_marker_not_colour_alone() -> None:
    svg = check_ramp([20, 26]).chart_svg
    root = parse(svg)
    style = root.find(f"{SVG}style")
    assert style is not None and style.text is not None
    chart_id = root.get("id")
    assert f"#{chart_id} .kl-bar-over{{fill:url(#{chart_id}-hatch)}}" in style.text
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert pattern is not None and pattern.get("id") == f"{chart_id}-hatch"
    assert pattern.find(f"{SVG}line") is not None, "hatched, not a flat colour"
    assert len(markers(root)) == 1


def test_colours_come_from_custom_properties_with_fallbacks_or_current_colour() -> None:
    root = parse(check_ramp([20, 26]).chart_svg)
    style = root.find(f"{SVG}style")
    assert style is not None and style.text is not None
    for prop in ("--kl-chart-bar", "--kl-chart-over", "--kl-chart-hatch", "--kl-chart-band"):
        assert re.search(rf"var\({prop},[^)]+\)", style.text), prop
    assert "text{fill:currentColor" in style.text
    colours = re.findall(r"#[0-9a-fA-F]{3,6}\b", style.text)
    assert all(re.search(rf"var\(--kl-chart-[a-z]+,{colour}\)", style.text) for colour in colours), (
        "every fixed colour is only a fallback"
    )
    assert all(rule.startswith(f"#{root.get('id')}") for rule in style.text.split("}") if rule), "scoped"
    for element in root.iter():
        assert element.get("fill") is None and element.get("stroke") is None, "colours only through CSS"


def test_text_is_at_least_12px_on_a_small_phone() -> None:
    root = parse(check_ramp([20, 22, 26]).chart_svg)
    # The chart fills the page's column: on a 360 px phone that is 328 px (Material keeps 0.8rem,
    # 16 px, either side), measured in tests/e2e/test_readable_answers.py.
    assert MIN_COLUMN_PX == 328
    assert FONT_SIZE * MIN_COLUMN_PX / VIEW_WIDTH >= 12
    assert float(root.get("font-size", "0")) >= FONT_SIZE
    for element in root.iter():
        if element.get("font-size") is not None:
            assert float(element.get("font-size", "0")) >= FONT_SIZE


@pytest.mark.parametrize(
    ("weeks", "profile", "limit_pct"),
    [
        ([20, 22], "standard", None),
        ([40, 41], "conservative", None),
        ([20, 21], "returning", None),
        ([20, 23], "custom", 15),
        ([33.3, 36.63], "standard", None),
    ],
)
def test_a_week_exactly_at_the_limit_reaches_its_limit_line(
    weeks: list[float], profile: str, limit_pct: float | None
) -> None:
    root = parse(check_ramp(weeks, profile=profile, limit_pct=limit_pct).chart_svg)
    bar, cap = bars(root)[1], caps(root)[0]
    assert number(cap, "y1") == number(cap, "y2") == number(bar, "y")
    assert "kl-bar-over" not in classes(bar)


def test_the_limit_line_sits_at_the_most_of_the_weeks_before_plus_the_limit() -> None:
    root = parse(check_ramp([20, 26, 10, 0, 8]).chart_svg)
    # 20 * 1.1; 26 * 1.1 twice (week 3 is an easier week after week 2's 26); none at the break
    # (week 4) nor at the first week back (week 5), which no percentage judges
    expected = [22, 28.6]
    assert [float(cap.get("data-value", "")) for cap in caps(root)] == expected
    for cap, value in zip(caps(root), expected, strict=True):
        assert number(cap, "y1") == pytest.approx(y_of(root, value), abs=0.02)
    for rect, week in zip(bars(root), [20, 26, 10, 0, 8], strict=True):
        assert number(rect, "y") == pytest.approx(y_of(root, week), abs=0.02)
        assert number(rect, "height") >= 0


# --- the plan chart ---------------------------------------------------------------------------------


def test_the_plan_chart_has_this_week_every_planned_week_and_the_target_line() -> None:
    plan = check_plan(20, 30, hold_weeks=True)
    root = parse(plan.chart_svg)
    assert_accessible(root)
    drawn = bars(root)
    assert len(drawn) == plan.week_count + 1
    assert "kl-bar-muted" in classes(drawn[0]) and all(
        "kl-bar-muted" not in classes(rect) for rect in drawn[1:]
    )
    assert markers(root) == [], "a plan never goes over its limit"
    line = next(
        line
        for line in root.iter(f"{SVG}line")
        if "kl-line" in classes(line) and "kl-key" not in classes(line)
    )
    assert line.get("data-value") == "30"
    assert number(line, "y1") == number(line, "y2") == number(drawn[-1], "y"), (
        "the last week meets the target"
    )
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "Week 2: 22 km, held." in (desc.text or "")


def test_an_already_there_plan_still_draws() -> None:
    root = parse(check_plan(30, 20).chart_svg)
    assert len(bars(root)) == 1


# --- the generic chart, for other checks ------------------------------------------------------------


def test_a_ratio_chart_with_its_band_for_the_acwr_check() -> None:
    svg = bar_chart(
        [Bar("1", 0.9), Bar("2", 1.1), Bar("3", Fraction(8, 5), over=True), Bar("4", 0.7)],
        title="Your acute:chronic ratio, week by week",
        description="The ratio, week by week.",
        band=Band(0.8, 1.3, "0.8 to 1.3"),
        within_label="Inside the band",
        over_label="Above the band",
    )
    root = parse(svg)
    assert_accessible(root)
    band = next(
        rect
        for rect in root.iter(f"{SVG}rect")
        if "kl-band" in classes(rect) and "kl-key" not in classes(rect)
    )
    assert number(band, "y") == pytest.approx(y_of(root, 1.3), abs=0.02)
    assert number(band, "y") + number(band, "height") == pytest.approx(y_of(root, 0.8), abs=0.02)
    assert len(markers(root)) == 1 and len(bars(root)) == 4
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "3: 1.6, above the band." in (desc.text or "")
    legend = [text.text for text in root.iter(f"{SVG}text") if "kl-legend" in classes(text)]
    assert legend == ["Inside the band", "Above the band", "0.8 to 1.3"]


def test_every_value_is_escaped() -> None:
    nasty = "<script>alert(\"x\")</script> & \x00\x07 'quotes' \ud800"
    svg = bar_chart(
        [Bar(nasty, 1, words=nasty)],
        title=nasty,
        description=nasty,
        unit=nasty,
        line=Line(2, nasty),
        band=Band(0, 1, nasty),
    )
    root = parse(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "<script>alert(\"x\")</script> &  'quotes' "
    assert "<script>" not in svg
    assert root.find(f".//{SVG}script") is None


@pytest.mark.parametrize(
    "bad",
    [[], [Bar("1", float("nan"))], [Bar("1", float("inf"))], [Bar("1", -1)], [Bar("1", 1, cap=float("nan"))]],
)
def test_a_chart_refuses_what_it_cannot_draw(bad: list[Bar]) -> None:
    with pytest.raises(ValueError):
        bar_chart(bad, title="t", description="d")


@pytest.mark.parametrize("title", ["", "   ", "\x1b"])
def test_a_chart_needs_a_title(title: str) -> None:
    with pytest.raises(ValueError, match="title"):
        bar_chart([Bar("1", 1)], title=title, description="d")


def test_charts_are_deterministic_and_their_ids_differ() -> None:
    first, again, other = (
        check_ramp([20, 22]).chart_svg,
        check_ramp([20, 22]).chart_svg,
        check_ramp([20, 23]).chart_svg,
    )
    assert first == again
    assert parse(first).get("id") != parse(other).get("id")


def test_an_empty_week_and_all_zero_weeks_still_draw() -> None:
    root = parse(check_ramp([0, 0, 0]).chart_svg)
    assert len(bars(root)) == 3 and all(number(rect, "height") == 0 for rect in bars(root))


# --- invariants -------------------------------------------------------------------------------------

values = st.one_of(
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=10_000),
    st.fractions(min_value=0, max_value=10_000, max_denominator=1000),
)
bar_strategy = st.builds(
    Bar,
    label=st.text(max_size=8),
    value=values,
    over=st.booleans(),
    cap=st.none() | values,
    muted=st.booleans(),
    words=st.text(max_size=20),
)


@PROPERTIES
@given(
    drawn=st.lists(bar_strategy, min_size=1, max_size=60),
    title=st.text(max_size=40).map("Chart ".__add__),
    line=st.none() | st.builds(Line, value=values, label=st.text(max_size=10)),
    band=st.none() | st.tuples(values, values).map(lambda pair: Band(min(pair), max(pair), "band")),
)
def test_any_bars_make_a_well_formed_chart(
    drawn: list[Bar], title: str, line: Line | None, band: Band | None
) -> None:
    svg = bar_chart(drawn, title=title, description="Some bars.", unit="km", line=line, band=band)
    root = parse(svg)
    assert_accessible(root)
    assert_finite(root)
    assert len(bars(root)) == len(drawn)
    assert ["kl-bar-over" in classes(rect) for rect in bars(root)] == [bar.over for bar in drawn]
    assert len(markers(root)) == sum(bar.over for bar in drawn)
    assert len(caps(root)) == sum(bar.cap is not None for bar in drawn)
    for rect in bars(root):
        assert number(rect, "height") >= 0 and number(rect, "width") > 0


@PROPERTIES
@given(
    weeks=st.lists(
        st.integers(min_value=0, max_value=100_000).map(lambda h: h / 100), min_size=1, max_size=40
    ),
    profile=st.sampled_from(["standard", "returning", "conservative"]),
)
def test_over_limit_bars_rise_above_their_limit_line(weeks: list[float], profile: str) -> None:
    result = check_ramp(weeks, profile=profile)
    root = parse(result.chart_svg)
    drawn, lines = bars(root), iter(caps(root))
    for rect, week in zip(drawn, result.weeks, strict=True):
        if week.kind in ("first", "start", "break", "return"):
            continue  # no limit line: nothing to compare with, or no percentage judges it
        cap = next(lines)
        if week.rounding_allowed is not None:
            continue  # within by rounding: the bar may stand a hair above its line
        if week.over_limit:
            assert number(rect, "y") <= number(cap, "y1")  # the bar reaches above its limit (smaller y)
        else:
            assert number(rect, "y") >= number(cap, "y1")


def test_the_bars_axis_says_what_the_bars_are() -> None:
    # Issue 9: the ACWR chart's "28 ... 58" are days, and nothing said so.
    root = parse(check_acwr([5] * 21 + [10] * 7, period="day").chart_svg)
    titles = [element.text for element in root.iter() if element.get("class") == "kl-axis-title"]
    assert titles == ["Day, counted from your first entry"]
    assert [
        e.text for e in parse(check_ramp([20, 22]).chart_svg).iter() if e.get("class") == "kl-axis-title"
    ] == ["Week, oldest first"]
