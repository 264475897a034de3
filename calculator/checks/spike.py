"""The spike check: a planned run against the longest run of the last 30 days (Frandsen et al. 2025).

The spike is exact (``planned / longest - 1`` in fractions) and falls in one of the study's four
groups (`calculator.rules.spike`): exactly +10 % is in the reference group, exactly +30 % in the
10-30 % band, exactly +100 % in the 30-100 % band. A longer planned run never gets a lower band.
The hazard ratios are an association in one large cohort, not proof of cause: the answer says so.

>>> result = check_spike(16, 12)
>>> result.spike_pct, result.band["key"], result.hazard_ratio, result.longest_within_reference
(33.4, 'over-30', 1.52, 13.2)
>>> check_spike(11, 10).band["key"], check_spike(13, 10).band["key"], check_spike(20, 10).band["key"]
('reference', 'over-10', 'over-30')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from calculator.answer import Answer
from calculator.errors import Problem, raise_problems
from calculator.reading import exact, floor_to, plain, read_amount, read_choice, rounded_pct, shown
from calculator.rules.spike import (
    REFERENCE_LIMIT,
    SPIKE_BANDS,
    SPIKE_CITATION,
    SPIKE_SOURCES,
    SPIKE_STUDY,
    SPIKE_UNITS,
    SpikeBand,
    band_for,
)
from calculator.tables import Table, row, table
from calculator.units import Unit

#: The units the spike check takes, by their names in sentences.
SPIKE_UNIT_NAMES = tuple(unit.label for unit in SPIKE_UNITS.values())

__all__ = ["SpikeResult", "check_spike"]

#: The pages that explain a spike answer.
SPIKE_LINKS = ("prevention/load-progression.md", "causes/training-errors.md")


@dataclass(frozen=True)
class SpikeResult(Answer):
    """The answer of `check_spike`: how much longer the run is, its band, and the study's hazard ratio.

    Its verdict is the band's key, or "no-comparison".
    """

    planned: int | float
    longest_30d: int | float
    unit: str
    unit_label: str
    spike_pct: float | None
    band: dict[str, str] | None
    hazard_ratio: float | None
    ci: dict[str, float] | None
    longest_within_reference: float | None

    def table(self) -> Table | None:
        """The study's bands with their injury rates; the reader's band is flagged unless it is the reference."""
        if self.verdict == "no-comparison":
            return None
        rows = []
        for band in SPIKE_BANDS:
            if band.hazard_ratio == 1 or band.ci_low is None or band.ci_high is None:
                risk = "the comparison (reference)"
            else:
                risk = f"{float(band.hazard_ratio):.2f} times ({float(band.ci_low):.2f}–{float(band.ci_high):.2f})"
            yours = band.key == self.verdict
            rows.append(
                row([band.label, risk, "Your planned run" if yours else ""], yours and band.hazard_ratio != 1)
            )
        return table(
            "Injury rate by how much longer a run is than the longest of the last 30 days "
            "(Frandsen et al. 2025, 95 % confidence interval in brackets)",
            ["How much longer", "Injury rate against runs within 10 %", "Your run"],
            rows,
        )


def check_spike(planned: float, longest_30d: float, /, *, unit: str = "km") -> SpikeResult:
    """Compare a planned run with the longest run of the last 30 days, in the study's bands.

    A *longest_30d* of 0 (no run in 30 days) is an answer, not an error: there is nothing to
    compare with, so there is no band.

    >>> check_spike(5, 0).verdict
    'no-comparison'

    Raises `CalculatorError` listing every problem: a missing, negative or too large distance,
    a planned run of 0, a unit other than km or mi (the study compared distances).

    >>> check_spike(0, 10, unit="min")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unit: Unknown unit 'min': choose km or mi (miles); the study compared distances, not times.; planned: Enter the length of the run you plan, more than 0.
    """
    problems: list[Problem] = []
    measure = read_choice(
        unit,
        SPIKE_UNITS,
        "unit",
        "Unknown unit{}: choose km or mi (miles); the study compared distances, not times.",
        problems,
    )
    label = None if measure is None else measure.label
    ceiling = None if measure is None else measure.max_per_week
    run = read_amount(
        planned,
        "planned",
        "The planned run",
        unit_label=label,
        offered=SPIKE_UNIT_NAMES,
        ceiling=ceiling,
        problems=problems,
        missing="Enter the length of the run you plan, like 16.",
    )
    longest = read_amount(
        longest_30d,
        "longest_30d",
        "The longest run of the last 30 days",
        unit_label=label,
        offered=SPIKE_UNIT_NAMES,
        ceiling=ceiling,
        problems=problems,
        missing="Enter your longest run of the last 30 days, or 0 if you have not run.",
    )
    if run == 0:
        problems.append(Problem("planned", "Enter the length of the run you plan, more than 0."))
    raise_problems(problems)
    assert measure is not None and run is not None and longest is not None
    if longest == 0:
        return _no_comparison(run, longest, measure)
    return _compared(run, longest, measure)


def _compared(run: int | float, longest: int | float, unit: Unit) -> SpikeResult:
    spike = exact(run) / exact(longest) - 1
    band = band_for(spike)
    within = floor_to(exact(longest) * (1 + REFERENCE_LIMIT), Fraction(1, 100))
    return SpikeResult(
        planned=run,
        longest_30d=longest,
        unit=unit.key,
        unit_label=unit.label,
        spike_pct=float(rounded_pct(spike)),
        band={"key": band.key, "label": band.label},
        hazard_ratio=float(band.hazard_ratio),
        ci=None
        if band.ci_low is None or band.ci_high is None
        else {"low": float(band.ci_low), "high": float(band.ci_high), "level": 95},
        longest_within_reference=float(within),
        summary=_summary(run, longest, spike, band, within, unit),
        verdict=band.key,
        why=_why(band),
        links=SPIKE_LINKS,
        sources=SPIKE_SOURCES,
    )


def _no_comparison(run: int | float, longest: int | float, unit: Unit) -> SpikeResult:
    return SpikeResult(
        planned=run,
        longest_30d=longest,
        unit=unit.key,
        unit_label=unit.label,
        spike_pct=None,
        band=None,
        hazard_ratio=None,
        ci=None,
        longest_within_reference=None,
        summary=(
            "This would be your first run in 30 days, so there is no recent run to compare it with: keep it "
            "short and easy, well below what you ran before the break."
        ),
        verdict="no-comparison",
        why=(
            f"The study of {SPIKE_STUDY['runners']:,} runners compared each run with the longest run of the "
            f"previous 30 days ({SPIKE_CITATION}); with no run in that time, it gives no band for this one."
        ),
        links=SPIKE_LINKS,
        sources=SPIKE_SOURCES,
    )


def _summary(
    run: int | float, longest: int | float, spike: Fraction, band: SpikeBand, within: Fraction, unit: Unit
) -> str:
    """One sentence on the spike and its band, then the longest run that stays within 10 %."""
    pct = rounded_pct(spike)
    if spike > 0:
        how = f"{plain(pct)} % longer than"
    elif spike == 0 or pct == 0:
        how = "as long as" if spike == 0 else "about as long as"
    else:
        how = f"{plain(-pct)} % shorter than"
    return (
        f"Your planned {plain(run)} {unit.label} run is {how} your longest run of the last 30 days "
        f"({plain(longest)} {unit.label}), in {band.name}. Up to {shown(within, unit.key, most=True)} {unit.label} stays "
        f"within {plain(REFERENCE_LIMIT * 100)} %."
    )


def _why(band: SpikeBand) -> str:
    """Two sentences: what the study found for this band, and how strong that is."""
    study = f"In a study of {SPIKE_STUDY['runners']:,} runners ({SPIKE_CITATION})"
    caution = "This is an association in one large group of runners, not proof of cause"
    if band.ci_low is None or band.ci_high is None:
        return (
            f"{study}, runs {band.runs} the longest run of the previous 30 days were the reference group, "
            f"and bigger spikes went with more injuries. {caution}."
        )
    ratio = band.hazard_ratio
    smaller = [
        other
        for other in SPIKE_BANDS
        if other.up_to is not None and band.above is not None and other.up_to <= band.above
    ]
    for other in smaller:
        if other.hazard_ratio > ratio:  # 30-100 % (1.52) below 10-30 % (1.64): not a safer band
            caution += f", and a spike this big is no safer than one in {other.name}: their ranges overlap"
    rate = (
        f"about {float(ratio):.1f} times the injury rate of"
        if ratio >= 2
        else f"about a {plain((ratio - 1) * 100)} % higher injury rate than"
    )
    return (
        f"{study}, runs {band.runs} the longest run of the previous 30 days went with {rate} runs within "
        f"{plain(REFERENCE_LIMIT * 100)} % (hazard ratio {plain(ratio)}, 95 % CI {float(band.ci_low):.2f}-"
        f"{float(band.ci_high):.2f}). {caution}."
    )
