"""The spike check: exact band boundaries, the study's hazard ratios, no comparison, and invariants."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.checks.spike import check_spike
from calculator.errors import CalculatorError
from calculator.protocol import handle_request
from calculator.rules.spike import REFERENCE_LIMIT, SPIKE_BANDS, band_for, spike_rules

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=200, derandomize=True, database=None, deadline=None)
BAND_ORDER = [band.key for band in SPIKE_BANDS]


# --- the bands, exactly -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "longest", "band"),
    [
        (5, 10, "reference"),  # shorter runs are in the reference group
        (10, 10, "reference"),
        (10.99, 10, "reference"),
        (11, 10, "reference"),  # exactly +10 %
        (11.01, 10, "over-10"),
        (2.2, 2.0, "reference"),  # 2.2 / 2.0 - 1 is 0.10000000000000009 in floats
        (2.21, 2.0, "over-10"),
        (12.99, 10, "over-10"),
        (13, 10, "over-10"),  # exactly +30 %
        (13.01, 10, "over-30"),
        (1.3, 1.0, "over-10"),
        (19.99, 10, "over-30"),
        (20, 10, "over-30"),  # exactly +100 %
        (20.01, 10, "over-100"),
        (0.2, 0.1, "over-30"),
        (1000, 0.01, "over-100"),
    ],
)
def test_band_boundaries_are_exact(planned: float, longest: float, band: str) -> None:
    assert check_spike(planned, longest).band == {
        "key": band,
        "label": next(b.label for b in SPIKE_BANDS if b.key == band),
    }


@pytest.mark.parametrize(
    ("planned", "hazard_ratio", "ci"),
    [
        (11, 1.0, None),
        (12, 1.64, {"low": 1.31, "high": 2.05, "level": 95}),
        (15, 1.52, {"low": 1.16, "high": 2.0, "level": 95}),
        (25, 2.28, {"low": 1.5, "high": 3.48, "level": 95}),
    ],
)
def test_each_band_carries_the_studys_hazard_ratio(
    planned: float, hazard_ratio: float, ci: dict[str, float] | None
) -> None:
    result = check_spike(planned, 10)
    assert result.hazard_ratio == hazard_ratio
    assert result.ci == ci
    assert result.verdict == result.band["key"]  # type: ignore[index]
    assert result.sources == ("frandsen-2025",)


@pytest.mark.parametrize(
    ("planned", "longest", "spike_pct"),
    [
        (16, 12, 33.4),  # 33.33... rounded up
        (11, 10, 10.0),
        (11.01, 10, 10.1),  # just over 10 % never shows as 10 %
        (10, 10, 0.0),
        (8, 10, -20.0),
        (30, 10, 200.0),
    ],
)
def test_spike_pct(planned: float, longest: float, spike_pct: float) -> None:
    assert check_spike(planned, longest).spike_pct == pytest.approx(spike_pct)


@pytest.mark.parametrize(("longest", "within"), [(12, 13.2), (10.09, 11.09), (12.35, 13.58), (0.01, 0.01)])
def test_longest_within_reference_is_rounded_down(longest: float, within: float) -> None:
    result = check_spike(1, longest)
    assert result.longest_within_reference == pytest.approx(within)
    assert check_spike(within, longest).band["key"] == "reference"  # type: ignore[index]


# --- words ------------------------------------------------------------------------------------------


def test_why_explains_the_hazard_ratio_plainly_and_its_limits() -> None:
    why = check_spike(12, 10).why
    assert "about a 64 % higher injury rate than runs within 10 %" in why
    assert "hazard ratio 1.64, 95 % CI 1.31-2.05" in why
    assert "5,205 runners" in why and "Frandsen et al. 2025" in why
    assert "association" in why and "not proof" in why


def test_the_30_to_100_band_is_not_called_safer() -> None:
    why = check_spike(15, 10).why
    assert "about a 52 % higher injury rate" in why and "1.16-2.00" in why
    assert "no safer than one in the study's 10-30 % band" in why


def test_more_than_double_is_said_as_times() -> None:
    assert "about 2.3 times the injury rate of runs within 10 %" in check_spike(25, 10).why


@pytest.mark.parametrize(
    ("planned", "longest", "summary"),
    [
        (
            16,
            12,
            "Your planned 16 km run is 33.4 % longer than your longest run of the last 30 days (12 km), in the "
            "study's 30-100 % band. Up to 13.2 km stays within 10 %.",
        ),
        (
            10,
            10,
            "Your planned 10 km run is as long as your longest run of the last 30 days (10 km), in the study's "
            "reference group. Up to 11 km stays within 10 %.",
        ),
        (
            8,
            10,
            "Your planned 8 km run is 20 % shorter than your longest run of the last 30 days (10 km), in the "
            "study's reference group. Up to 11 km stays within 10 %.",
        ),
        (
            999.99,
            1000,
            "Your planned 999.99 km run is about as long as your longest run of the last 30 days (1000 km), "
            "in the study's reference group. Up to 1100 km stays within 10 %.",
        ),
    ],
)
def test_summary(planned: float, longest: float, summary: str) -> None:
    assert check_spike(planned, longest).summary == summary


def test_no_run_in_30_days_is_an_answer_not_a_crash() -> None:
    result = check_spike(5, 0)
    assert result.verdict == "no-comparison"
    assert (
        result.band,
        result.hazard_ratio,
        result.ci,
        result.spike_pct,
        result.longest_within_reference,
    ) == (None, None, None, None, None)
    assert "first run in 30 days" in result.summary and "short" in result.summary
    assert "no band" in result.why
    assert json.loads(result.to_json()) == result.as_dict()


def test_miles_work_the_same() -> None:
    result = check_spike(11, 10, unit="mi")
    assert (result.unit, result.unit_label, result.band["key"]) == ("mi", "miles", "reference")  # type: ignore[index]


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "longest", "unit", "fields", "message"),
    [
        (0, 10, "km", ["planned"], "Enter the length of the run you plan, more than 0."),
        (None, 10, "km", ["planned"], "Enter the length of the run you plan, like 16."),
        (
            16,
            None,
            "km",
            ["longest_30d"],
            "Enter your longest run of the last 30 days, or 0 if you have not run.",
        ),
        (-1, 10, "km", ["planned"], "The planned run can't be negative."),
        (16, -1, "km", ["longest_30d"], "The longest run of the last 30 days can't be negative."),
        (
            1001,
            10,
            "km",
            ["planned"],
            "The planned run is over 1000 km: the check takes up to 1000 km. Check the number and the unit.",
        ),
        (
            621,
            10,
            "mi",
            ["planned"],
            "The planned run is over 620 miles: the check takes up to 620 miles. Check the "
            "number and the unit.",
        ),
        (
            16,
            12,
            "min",
            ["unit"],
            "Unknown unit 'min': choose km or mi (miles); the study compared distances, not times.",
        ),
        (
            "sixteen",
            True,
            None,
            ["unit", "planned", "longest_30d"],
            "Unknown unit: choose km or mi (miles); the study compared distances, not times.",
        ),
        (0.001, 10, "km", ["planned"], "The planned run is less than 0.01 km: enter at least 0.01 km."),
    ],
)
def test_bad_input_is_refused_at_its_field(
    planned: object, longest: object, unit: object, fields: list[str], message: str
) -> None:
    with pytest.raises(CalculatorError) as raised:
        check_spike(planned, longest, unit=unit)  # type: ignore[arg-type]
    assert [problem.field for problem in raised.value.problems] == fields
    assert raised.value.message == message


def test_the_protocol_answers_a_spike() -> None:
    answer = handle_request({"check": "spike", "planned": 16, "longest_30d": 12, "unit": "km"})
    assert answer["ok"] is True
    result = answer["result"]
    assert set(result) == {
        "planned",
        "longest_30d",
        "unit",
        "unit_label",
        "spike_pct",
        "band",
        "hazard_ratio",
        "ci",
        "longest_within_reference",
        "summary",
        "verdict",
        "why",
        "links",
        "sources",
        "disclaimer",
        "see_clinician",
        "table",
    }
    assert result["band"] == {
        "key": "over-30",
        "label": "More than 30 % and up to 100 % longer (up to twice as long)",
    }
    assert result["see_clinician"] is False
    assert [entry["page"] for entry in result["links"]] == [
        "prevention/load-progression.md",
        "causes/training-errors.md",
    ]
    assert (
        handle_request({"check": "spike", "planned": 5, "longest_30d": 0})["result"]["verdict"]
        == "no-comparison"
    )


def test_the_rules_table_matches_the_bands() -> None:
    rules = spike_rules()
    assert (
        [band["key"] for band in rules["bands"]]
        == BAND_ORDER
        == ["reference", "over-10", "over-30", "over-100"]
    )
    assert rules["bands"][0]["up_to_pct"] == float(REFERENCE_LIMIT * 100) == 10.0
    assert [unit["key"] for unit in rules["units"]] == ["km", "mi"]
    assert rules["study"]["runners"] == 5205
    assert json.loads(json.dumps(rules, allow_nan=False)) == rules
    assert handle_request({"check": "rules"})["result"]["spike"] == rules


# --- invariants -------------------------------------------------------------------------------------

distances = st.integers(min_value=1, max_value=100_000).map(lambda hundredths: hundredths / 100)


@PROPERTIES
@given(planned=distances, longest=distances, extra=distances)
def test_a_longer_planned_run_never_gets_a_lower_band(planned: float, longest: float, extra: float) -> None:
    longer = min(round(planned + extra, 2), 1000.0)
    before = BAND_ORDER.index(check_spike(planned, longest).verdict)
    after = BAND_ORDER.index(check_spike(longer, longest).verdict)
    assert after >= before


@PROPERTIES
@given(planned=distances, longest=distances, shorter=distances)
def test_a_shorter_longest_run_never_gives_a_lower_band(
    planned: float, longest: float, shorter: float
) -> None:
    smaller = round(longest - shorter, 2)
    if smaller < 0.01:
        return
    assert BAND_ORDER.index(check_spike(planned, smaller).verdict) >= BAND_ORDER.index(
        check_spike(planned, longest).verdict
    )


@PROPERTIES
@given(planned=distances | st.floats(min_value=0.01, max_value=1000), longest=distances)
def test_the_band_agrees_with_the_exact_spike(planned: float, longest: float) -> None:
    result = check_spike(planned, longest)
    spike = Fraction(repr(planned)) / Fraction(repr(longest)) - 1
    assert result.verdict == band_for(spike).key
    band = band_for(spike)
    assert (band.above is None or spike > band.above) and (band.up_to is None or spike <= band.up_to)
    within = result.longest_within_reference
    assert within is not None and Fraction(repr(within)) <= Fraction(repr(longest)) * (1 + REFERENCE_LIMIT)
    assert json.loads(result.to_json()) == result.as_dict()


json_values = (
    st.none()
    | st.booleans()
    | st.integers(-10, 5000)
    | st.floats()
    | st.text(max_size=8)
    | st.lists(st.integers(), max_size=2)
)


@PROPERTIES
@given(
    request=st.fixed_dictionaries(
        {},
        optional={
            "planned": distances | json_values,
            "longest_30d": distances | st.just(0) | json_values,
            "unit": st.sampled_from(["km", "mi", "min"]) | json_values,
        },
    )
)
def test_any_spike_request_is_answered_and_every_refusal_names_a_field(request: dict[str, object]) -> None:
    answer = handle_request({"check": "spike", **request})
    json.dumps(answer, allow_nan=False)
    if not answer["ok"]:
        assert answer["errors"] and all(
            error["field"] in ("planned", "longest_30d", "unit") for error in answer["errors"]
        )
