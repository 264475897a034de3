"""The acute:chronic ratio: exact bands, both ways of working it out, the caveat, and its invariants."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.acwr import AcwrResult, check_acwr, shown_ratio
from calculator.errors import CalculatorError
from calculator.protocol import handle_request
from calculator.rules.acwr import (
    ACWR_BANDS,
    ACWR_CAVEAT,
    BANDS,
    EWMA_ACUTE,
    EWMA_CHRONIC,
    EWMA_SEED,
    EWMA_WEEKLY_NOTE,
    acwr_rules,
    band_for,
)

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=150, derandomize=True, database=None, deadline=None)

BAND_ORDER = {band.key: rank for rank, band in enumerate(ACWR_BANDS)}


# --- the bands, exactly ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        ("0", "low"),
        ("0.79", "low"),
        ("0.7999999", "low"),
        ("0.8", "sweet-spot"),  # exactly at the lower end: inside the sweet spot
        ("0.8000001", "sweet-spot"),
        ("1", "sweet-spot"),
        ("1.2999999", "sweet-spot"),
        ("1.3", "sweet-spot"),  # exactly at the upper end: still the sweet spot
        ("1.3000001", "caution"),
        ("1.4999999", "caution"),
        ("1.5", "danger"),  # exactly 1.5: the danger zone
        ("1.5000001", "danger"),
        ("12", "danger"),
    ],
)
def test_band_boundaries_are_exact(ratio: str, band: str) -> None:
    assert band_for(Fraction(ratio)).key == band


@pytest.mark.parametrize(
    ("weeks", "ratio", "band"),
    [
        # weekly: ratio = 4 x last / (sum of the last 4 weeks)
        ([10, 15, 15, 10], 0.8, "sweet-spot"),  # exactly 0.8
        ([10, 15, 15.01, 10], 0.79, "low"),  # 0.79984: just under, never shown as 0.8
        ([10, 15, 14.99, 10], 0.8, "sweet-spot"),  # 0.80016: just over
        ([9, 9, 9, 13], 1.3, "sweet-spot"),  # exactly 1.3
        ([9, 9, 9.01, 13], 1.3, "sweet-spot"),  # 1.29968: just under
        ([9, 9, 8.99, 13], 1.31, "caution"),  # 1.30033: just over, never shown as 1.3
        ([5, 10, 10, 15], 1.5, "danger"),  # exactly 1.5
        ([5, 10, 10.01, 15], 1.49, "caution"),  # 1.49963: just under, never shown as 1.5
        ([5, 10, 9.99, 15], 1.5, "danger"),  # 1.50038: just over
        ([0.1, 0.2, 0.3, 0.4], 1.6, "danger"),  # 0.1 + 0.2 is not 0.3 in floats; here it is
    ],
)
def test_weekly_ratio_at_under_and_over_each_boundary(weeks: list[float], ratio: float, band: str) -> None:
    result = check_acwr(weeks, period="week")
    assert (result.rolling.ratio, result.rolling.band, result.verdict) == (ratio, band, band)
    assert result.rolling.band_label == BANDS[band].label


@pytest.mark.parametrize(
    ("ratio", "band", "shown"),
    [
        ("1.3001", "caution", 1.31),
        ("1.4999", "caution", 1.49),
        ("0.7999", "low", 0.79),
        ("0.80001", "sweet-spot", 0.8),
        ("1.30001", "caution", 1.31),
        ("1.49999", "caution", 1.49),
        ("1.50001", "danger", 1.5),
        ("1.234", "sweet-spot", 1.23),
        ("1.235", "sweet-spot", 1.24),
    ],
)
def test_a_shown_ratio_never_leaves_its_band(ratio: str, band: str, shown: float) -> None:
    assert shown_ratio(Fraction(ratio), BANDS[band]) == shown
    assert band_for(Fraction(repr(shown))).key == band


def test_band_labels_are_gabbetts() -> None:
    assert [band.label for band in ACWR_BANDS] == [
        "under-prepared/low",
        "sweet spot",
        "caution",
        "danger zone",
    ]
    assert all(band.sources == ("gabbett-2016",) for band in ACWR_BANDS)


# --- rolling and weighted -------------------------------------------------------------------------


def test_daily_rolling_ratio_is_last_7_days_over_the_average_week_of_28() -> None:
    result = check_acwr([5] * 21 + [10] * 7, period="day")
    assert (result.rolling.acute, result.rolling.chronic) == (70.0, 43.75)
    assert result.rolling.ratio == 1.6 and result.rolling.band == "danger"


def test_weekly_ratio_is_last_week_over_the_mean_of_4() -> None:
    result = check_acwr([10, 20, 30, 40], period="week")
    assert (result.rolling.acute, result.rolling.chronic, result.rolling.ratio) == (40.0, 25.0, 1.6)


def test_only_the_last_4_weeks_count() -> None:
    # week 1 (30) is outside the window; 10 is more than a quarter of it, so no week is a break
    assert check_acwr([30, 10, 10, 10, 10], period="week").rolling.ratio == 1.0


def _reference_ewma(loads: list[float]) -> list[float | None]:
    """Williams et al. 2017 in plain floats, seeded as documented: an independent check."""
    acute_weight, chronic_weight = 2 / (7 + 1), 2 / (28 + 1)
    acute = chronic = sum(loads[:28]) / 28
    ratios: list[float | None] = []
    for load in loads:
        acute = acute_weight * load + (1 - acute_weight) * acute
        chronic = chronic_weight * load + (1 - chronic_weight) * chronic
        ratios.append(acute / chronic if chronic else None)
    return ratios


def test_ewma_weights_are_williams() -> None:
    assert (EWMA_ACUTE.days, EWMA_ACUTE.weight) == (7, Fraction(1, 4))
    assert (EWMA_CHRONIC.days, EWMA_CHRONIC.weight) == (28, Fraction(2, 29))
    assert "first 28 days" in EWMA_SEED


def test_ewma_matches_an_independent_float_version() -> None:
    loads = [(day * 37 % 11) * 1.5 for day in range(60)]
    result = check_acwr(loads, period="day")
    expected = _reference_ewma(loads)
    for point in result.series:
        reference = expected[point.index - 1]
        assert reference is not None and point.ewma_ratio == pytest.approx(reference, abs=0.0101)


def test_steady_load_gives_a_ratio_of_1_both_ways() -> None:
    result = check_acwr([6] * 40, period="day")
    assert {point.ratio for point in result.series} == {1.0}
    assert {point.ewma_ratio for point in result.series} == {1.0}


def test_weekly_loads_give_no_weighted_ratio_and_say_why() -> None:
    result = check_acwr([10, 10, 10, 12], period="week")
    assert result.ewma is None and result.ewma_note == EWMA_WEEKLY_NOTE
    assert "daily" in result.ewma_note and "Williams" in result.ewma_note
    assert all(point.ewma_ratio is None and point.ewma_band is None for point in result.series)
    assert "williams-2017" not in result.sources


def test_daily_loads_give_both_ratios() -> None:
    result = check_acwr([5] * 21 + [10] * 7, period="day")
    assert result.ewma is not None and result.ewma.method == "ewma"
    assert result.ewma_note == EWMA_SEED
    assert "weighted ratio" in result.summary and "williams-2017" in result.sources


# --- no chronic load ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loads", "period"), [([0, 0, 0, 0], "week"), ([0] * 28, "day"), ([5] * 4 + [0] * 4, "week")]
)
def test_no_chronic_load_gives_no_ratio_and_a_clear_message(loads: list[float], period: str) -> None:
    result = check_acwr(loads, period=period)
    assert result.verdict == "no-ratio"
    assert (result.rolling.ratio, result.rolling.band, result.rolling.band_label) == (None, None, None)
    assert "no ratio" in result.summary and "no chronic load" in result.summary
    assert result.series[-1].ratio is None
    assert result.caveat == ACWR_CAVEAT and "contested" in result.why


def test_after_4_weeks_off_the_weighted_ratio_is_still_worked_out() -> None:
    result = check_acwr([5] * 28 + [0] * 28, period="day")
    assert result.verdict == "no-ratio"
    assert result.ewma is not None and result.ewma.band == "low"


# --- the series and the chart ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "period", "first"), [(28, "day", 28), (40, "day", 28), (4, "week", 4), (9, "week", 4)]
)
def test_the_series_starts_where_a_ratio_can_be_computed(count: int, period: str, first: int) -> None:
    result = check_acwr([3] * count, period=period)
    assert [point.index for point in result.series] == list(range(first, count + 1))


def test_the_last_point_is_the_answer() -> None:
    result = check_acwr([4, 8, 2, 9, 7, 12], period="week")
    last = result.series[-1]
    assert (last.ratio, last.band, last.acute, last.chronic) == (
        result.rolling.ratio,
        result.rolling.band,
        result.rolling.acute,
        result.rolling.chronic,
    )


def test_the_chart_draws_one_bar_per_point_hatching_those_above_the_sweet_spot() -> None:
    result = check_acwr([10, 10, 10, 10, 16, 10, 30], period="week")
    svg = ET.fromstring(result.chart_svg)
    bars = [
        element
        for element in svg.iter("{http://www.w3.org/2000/svg}rect")
        if element.get("data-value") is not None
    ]
    assert len(bars) == len(result.series) == 4
    over = [bar for bar in bars if "kl-bar-over" in (bar.get("class") or "")]
    assert len(over) == sum(point.band in ("caution", "danger") for point in result.series) >= 1
    assert svg.get("role") == "img"
    assert "acute:chronic" in result.chart_svg and "Week 7" in result.chart_svg


# --- the caveat, in every answer ------------------------------------------------------------------


def test_the_caveat_names_the_critiques_and_the_spike_check() -> None:
    for fact in (
        "contested",
        "team sports",
        "Lolli",
        "Impellizzeri",
        "Frandsen",
        "5,205",
        "spike",
        "30 days",
    ):
        assert fact in ACWR_CAVEAT


@pytest.mark.parametrize(
    ("loads", "period"),
    [
        ([10, 10, 10, 10], "week"),
        ([10, 15, 15.01, 10], "week"),
        ([5, 10, 10, 15], "week"),
        ([0, 0, 0, 0], "week"),
        ([5] * 28, "day"),
        ([5] * 21 + [10] * 7, "day"),
    ],
)
def test_every_answer_carries_the_caveat_in_why_and_caveat(loads: list[float], period: str) -> None:
    data = check_acwr(loads, period=period).as_dict()
    assert data["caveat"] == ACWR_CAVEAT
    for fact in ("contested", "Frandsen", "5,205", "spike"):
        assert fact in data["why"]
    assert {"lolli-2019", "impellizzeri-2020", "frandsen-2025", "gabbett-2016"} <= set(data["sources"])
    pages = [entry["page"] for entry in data["links"]]
    assert "calculator/spike.md" in pages and "prevention/load-progression.md" in pages
    assert data["see_clinician"] is False


def test_as_dict_is_the_json_shape() -> None:
    result = check_acwr([5] * 21 + [10] * 7, period="day")
    data = json.loads(result.to_json())
    assert data == result.as_dict()
    assert set(data) == {
        "period",
        "unit",
        "unit_label",
        "rolling",
        "ewma",
        "ewma_note",
        "series",
        "chart_svg",
        "summary",
        "verdict",
        "why",
        "caveat",
        "enough_history",
        "notes",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
    }
    assert set(data["rolling"]) == {"method", "acute", "chronic", "ratio", "band", "band_label"}
    assert set(data["series"][0]) == {"index", "acute", "chronic", "ratio", "band", "ewma_ratio", "ewma_band"}


@pytest.mark.parametrize(
    ("unit", "label", "words"),
    [
        ("km", "km", "km"),
        ("mi", "miles", "miles"),
        ("min", "minutes", "minutes"),
        ("au", "AU (arbitrary units)", "AU"),
    ],
)
def test_units_are_named_in_the_answer(unit: str, label: str, words: str) -> None:
    result = check_acwr([10, 10, 10, 10], period="week", unit=unit)
    assert result.unit_label == label and f"10 {words} last week" in result.summary


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loads", "options", "fields"),
    [
        ([1, 1, 1], {"period": "week"}, ["loads"]),
        ([1] * 27, {"period": "day"}, ["loads"]),
        ([1] * 731, {"period": "day"}, ["loads"]),
        ([1] * 521, {"period": "week"}, ["loads"]),
        (None, {"period": "day"}, ["loads"]),
        ("1, 2", {"period": "day"}, ["loads"]),
        ([1, 1, 1, -1], {"period": "week"}, ["loads[3]"]),
        ([1, None, "x", True], {"period": "week"}, ["loads[1]", "loads[2]", "loads[3]"]),
        ([1, 1, 1, float("nan")], {"period": "week"}, ["loads[3]"]),
        ([1, 1, 1, 1000.01], {"period": "week"}, ["loads[3]"]),
        ([1, 1, 1, 621], {"period": "week", "unit": "mi"}, ["loads[3]"]),
        ([1] * 27 + [221], {"period": "day", "unit": "mi"}, ["loads[27]"]),
        ([1] * 27 + [1441], {"period": "day", "unit": "min"}, ["loads[27]"]),
        ([1, 1, 1, 1], {"period": "month"}, ["period"]),
        ([1, 1, 1, 1], {"period": None}, ["period"]),
        ([1, 1, 1, 1], {"period": "week", "unit": "furlongs"}, ["unit"]),
        ([1, -1], {"period": "fortnight", "unit": "yd"}, ["period", "unit", "loads[1]"]),
        ([1, -1], {"period": "week"}, ["loads", "loads[1]"]),
    ],
)
def test_bad_input_raises_naming_every_field(
    loads: object, options: dict[str, object], fields: list[str]
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_acwr(loads, **options)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields


@pytest.mark.parametrize(
    ("loads", "period", "message"),
    [
        ([1, 1, 1], "week", "Enter at least 4 weeks of weekly loads: the chronic load needs 4 weeks."),
        ([1] * 20, "day", "Enter at least 28 days (4 weeks) of daily loads: the chronic load needs 4 weeks."),
        ([1, 1, -1, 1], "week", "Week 3 can't be negative."),
        ([1, 1, None, 1], "week", "Week 3 is empty: enter 0 for a rest week."),
        (
            [1] * 27 + [400],
            "day",
            "Day 28 is over 350 km: the check takes up to 350 km. Check the number and the unit.",
        ),
    ],
)
def test_refusals_speak_plainly(loads: list[object], period: str, message: str) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_acwr(loads, period=period)  # type: ignore[arg-type]
    assert raised.value.message == message


@pytest.mark.parametrize(
    ("unit", "day", "week"),
    [("km", 350, 1000), ("mi", 220, 620), ("min", 1440, 10080), ("au", 14400, 100800)],
)
def test_the_ceilings_themselves_are_accepted(unit: str, day: int, week: int) -> None:
    assert check_acwr([day] * 28, period="day", unit=unit).rolling.ratio == 1.0
    assert check_acwr([week] * 4, period="week", unit=unit).rolling.ratio == 1.0


def test_the_rules_table_matches_the_constants() -> None:
    rules = acwr_rules()
    assert json.loads(json.dumps(rules, allow_nan=False)) == rules
    assert [
        (band["low"], band["low_included"], band["high"], band["high_included"]) for band in rules["bands"]
    ] == [(0.0, True, 0.8, False), (0.8, True, 1.3, True), (1.3, False, 1.5, False), (1.5, True, None, False)]
    assert [band["range"] for band in rules["bands"]] == [
        "below 0.8",
        "from 0.8 to 1.3",
        "above 1.3 and below 1.5",
        "1.5 or more",
    ]
    assert rules["ewma"]["chronic"] == {"days": 28, "lambda": pytest.approx(2 / 29)}
    assert [(period["key"], period["min_loads"]) for period in rules["periods"]] == [("day", 28), ("week", 4)]
    assert rules["caveat"] == ACWR_CAVEAT


# --- invariants -----------------------------------------------------------------------------------

#: Loads as readers type them: up to 2 decimals, within every unit's daily ceiling.
typed_load = st.integers(min_value=0, max_value=20_000).map(lambda hundredths: hundredths / 100)
periods = st.sampled_from([("day", 28), ("week", 4)])


@st.composite
def requests(draw: st.DrawFn) -> tuple[list[float], str]:
    period, fewest = draw(periods)
    loads = draw(st.lists(typed_load, min_size=fewest, max_size=fewest + 30))
    return loads, period


@PROPERTIES
@given(request=requests())
def test_every_shown_ratio_stays_in_its_band(request: tuple[list[float], str]) -> None:
    loads, period = request
    result: AcwrResult = check_acwr(loads, period=period)
    for point in result.series:
        for ratio, band in ((point.ratio, point.band), (point.ewma_ratio, point.ewma_band)):
            if ratio is not None:
                assert band_for(Fraction(repr(ratio))).key == band
    assert json.loads(result.to_json()) == result.as_dict()


@PROPERTIES
@given(request=requests(), extra=typed_load)
def test_more_load_in_the_last_period_never_lowers_the_ratio(
    request: tuple[list[float], str], extra: float
) -> None:
    loads, period = request
    before = check_acwr(loads, period=period).rolling
    after = check_acwr([*loads[:-1], min(loads[-1] + extra, 200.0)], period=period).rolling
    if loads[-1] + extra > 200 or before.ratio is None:
        return
    assert after.ratio is not None and after.ratio >= before.ratio
    assert BAND_ORDER[after.band or ""] >= BAND_ORDER[before.band or ""]


@PROPERTIES
@given(request=requests())
def test_the_ratio_does_not_depend_on_the_unit_of_load(request: tuple[list[float], str]) -> None:
    loads, period = request
    kilometres = check_acwr(loads, period=period)
    doubled = check_acwr([load * 2 for load in loads], period=period, unit="au")
    assert [point.ratio for point in kilometres.series] == [point.ratio for point in doubled.series]
    assert [point.ewma_band for point in kilometres.series] == [point.ewma_band for point in doubled.series]


@PROPERTIES
@given(request=requests())
def test_each_point_is_the_answer_for_the_loads_up_to_it(request: tuple[list[float], str]) -> None:
    loads, period = request
    result = check_acwr(loads, period=period)
    point = result.series[len(result.series) // 2]
    earlier = check_acwr(loads[: point.index], period=period).rolling
    assert (point.ratio, point.band) == (earlier.ratio, earlier.band)


def test_two_columns_of_a_table_are_refused_as_one_message() -> None:
    # A break test pasted a week number beside each load (1<tab>20, 2<tab>22, ...): read cell by
    # cell, it was eight "weeks" (1, 20, 2, 22, ...) and a wrong answer with no word of why. The
    # form sends such lines whole (form.js); the check asks for the one column it takes.
    answer = handle_request(
        {"check": "acwr", "period": "week", "loads": ["1\t20", "2\t22", "3\t24", "4\t26"]}
    )
    assert answer["errors"] == [
        {
            "field": "loads",
            "message": "Each line holds 2 cells, as a table with 2 columns does (line 1: 1, 20): "
            "paste only the column of loads, one load per line, oldest first.",
        }
    ]
    # A second break test: a blank cell for a rest day, and three columns, were still read as loads.
    blank = handle_request({"check": "acwr", "period": "day", "loads": ["1\t5", "2\t", "3\t6"] * 10})
    assert blank["errors"][0]["message"].startswith("Each line holds 2 cells")
    three = handle_request({"check": "acwr", "period": "day", "loads": ["1\t5\t30", "2\t6\t35"] * 14})
    assert three["errors"][0]["message"].startswith("Each line holds 3 cells, as a table with 3 columns")
    # The loads alone answer: by hand, acute 26, chronic (20 + 22 + 24 + 26) / 4 = 23, ratio 1.13.
    alone = handle_request({"check": "acwr", "period": "week", "loads": [20, 22, 24, 26]})
    assert alone["ok"] and alone["result"]["summary"].startswith("Your acute:chronic ratio is 1.13")
