"""The acute:chronic workload ratio (ACWR): recent load against the load you are used to.

Daily loads (at least 28, oldest first) give two ratios. The rolling ratio (Gabbett 2016) divides
the last 7 days' total (acute) by the average 7-day total over the last 28 days (chronic). The
weighted ratio (Williams et al. 2017) divides two exponentially weighted moving averages of the
daily loads, lambda = 2 / (N + 1) with N = 7 (acute) and 28 (chronic), both started from the mean
daily load of the first 28 days (`EWMA_SEED`). Weekly loads (at least 4) give the rolling ratio
only: acute = the last week, chronic = the mean of the last 4 weeks (`EWMA_WEEKLY_NOTE` says why).

Arithmetic is exact (fractions), so a ratio of exactly 1.3 is in the sweet spot and exactly 1.5
in the danger zone. A shown ratio has 2 decimals and always stays in its band: 1.3001 shows as
1.31 (caution), never as 1.3. Every answer carries the caveat: the evidence is contested, and
for runners the single-run spike check is the stronger guide.

>>> result = check_acwr([10, 10, 10, 15], period="week")
>>> result.rolling.ratio, result.rolling.band, result.verdict
(1.33, 'caution', 'caution')
>>> result.summary
'Your acute:chronic ratio is 1.33 (caution): 15 km last week against an average of 11.3 km a week over the last 4 weeks.'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from calculator.amounts import echoable, plausibility_note
from calculator.answer import Answer, Record
from calculator.charts import Band as ChartBand
from calculator.charts import Bar, Line, bar_chart
from calculator.errors import Problem, raise_problems
from calculator.reading import date_words, exact, plain, read_amount, read_choice, shown
from calculator.rules.acwr import (
    ACWR_CAVEAT,
    ACWR_CAVEAT_SHORT,
    ACWR_CAVEAT_SOURCES,
    BANDS,
    DANGER_FROM,
    DEFAULT_ACWR_UNIT,
    EWMA_ACUTE,
    EWMA_CHRONIC,
    EWMA_SEED,
    EWMA_WEEKLY_NOTE,
    PERIODS,
    SWEET_HIGH,
    SWEET_LOW,
    UNITS_BY_KEY,
    AcwrUnit,
    Band,
    Period,
    band_for,
)
from calculator.rules.training import RATIO_HISTORY, RATIO_HISTORY_WEEKS
from calculator.tables import Table, amount, row
from calculator.weeks import read_weeks

__all__ = ["AcwrPoint", "AcwrRatio", "AcwrResult", "check_acwr", "check_acwr_dated", "shown_ratio"]

#: The pages an ACWR answer links to: the spike check (the stronger evidence) and load progression.
LINKS = ("calculator/spike.md", "prevention/load-progression.md")


@dataclass(frozen=True)
class AcwrRatio(Record):
    """One way of working out the ratio, on the last load: its acute and chronic load and band.

    *acute* and *chronic* are loads per 7 days (per week) in the request's unit, 2 decimals;
    *ratio*, *band* and *band_label* are None when the chronic load is 0 (no ratio).

    >>> check_acwr([10, 10, 10, 10], period="week").rolling.as_dict()
    {'method': 'rolling', 'acute': 10.0, 'chronic': 10.0, 'ratio': 1.0, 'band': 'sweet-spot', 'band_label': 'sweet spot'}
    """

    method: str  # "rolling" or "ewma"
    acute: float
    chronic: float
    ratio: float | None
    band: str | None
    band_label: str | None


@dataclass(frozen=True)
class AcwrPoint(Record):
    """The ratio on one day (or week), for the chart: *index* 1 is the first load sent.

    >>> check_acwr([10, 10, 10, 10], period="week").series[0].as_dict()["index"]
    4
    """

    index: int
    acute: float
    chronic: float
    ratio: float | None
    band: str | None
    ewma_ratio: float | None
    ewma_band: str | None


@dataclass(frozen=True)
class AcwrResult(Answer):
    """The answer of `check_acwr`: the ratio now, both ways where possible, and over time."""

    period: str
    unit: str
    unit_label: str
    rolling: AcwrRatio
    ewma: AcwrRatio | None
    ewma_note: str
    series: tuple[AcwrPoint, ...]
    chart_svg: str
    caveat: str
    enough_history: bool
    notes: tuple[str, ...]

    def table(self) -> Table:
        """The ratio each way it was worked out; a ratio in the caution or danger band is flagged."""
        rows = []
        for name, ratio in (("Rolling average", self.rolling), ("Exponentially weighted", self.ewma)):
            if ratio is None:
                continue
            value = "—" if ratio.ratio is None else plain(ratio.ratio)
            cells = [
                name,
                amount(ratio.acute, self.unit_label, self.unit),
                amount(ratio.chronic, self.unit_label, self.unit),
                value,
            ]
            none = "no ratio" if self.enough_history else "not enough history"
            rows.append(row([*cells, ratio.band_label or none], ratio.band in ("caution", "danger")))
        # this table sends its rows before its columns (as it always has: answers stay byte-for-byte the same)
        return {
            "caption": "Your acute:chronic workload ratio",
            "rows": rows,
            "columns": ["Method", "Recent (acute)", "Usual (chronic)", "Ratio", "Band"],
        }


def check_acwr(loads: Sequence[float], /, *, period: str, unit: str = DEFAULT_ACWR_UNIT) -> AcwrResult:
    """Work out the acute:chronic ratio of the last load, and of every load from the first it can.

    *loads* are daily (``period="day"``, at least 28) or weekly (``period="week"``, at least 4)
    loads, oldest first; 0 is a rest day or week.

    >>> result = check_acwr([5] * 21 + [10] * 7, period="day")
    >>> result.rolling.ratio, result.rolling.band_label, result.ewma.band
    (1.6, 'danger zone', 'caution')

    With no load in the last 4 weeks there is no chronic load and so no ratio:

    >>> check_acwr([0, 0, 0, 0], period="week").verdict
    'no-ratio'

    Raises `CalculatorError` listing every problem at once: too few or too many loads, a load
    that is not a number, negative or too large for the unit, an unknown period or unit.

    >>> check_acwr([10, -1], period="month")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: period: Say whether the loads are daily or weekly: "period": "day" or "week".; loads[1]: Load 2 can't be negative.
    """
    return _check(loads, period, unit, None)


@dataclass(frozen=True)
class _Dated:
    """The loads' dates (the first load is on, or its week starts on, *first*), and how many of the
    latest ratios the chart shows (None: all)."""

    first: date
    chart_points: int | None = None


def check_acwr_dated(
    loads: Sequence[float],
    /,
    *,
    first_day: date,
    chart_points: int | None = None,
    period: str,
    unit: str = DEFAULT_ACWR_UNIT,
) -> AcwrResult:
    """`check_acwr` over loads whose dates are known (a training log's): the same ratios and verdict,
    with a chart dated by month.

    *first_day* is the day of the first load (of a weekly load: the day its week starts);
    *chart_points*, when given, is how many of the latest ratios the chart shows (a sentence on it
    says so), their markers shared where they would touch. Not a protocol field: the history check
    calls it (`check_history`), and the ACWR calculator's page, with no dates, answers as before.

    >>> result = check_acwr_dated([5] * 21 + [10] * 7, first_day=date(2026, 8, 3), period="day")
    >>> result.verdict, "30 August 2026: 1.6, danger zone." in result.chart_svg
    ('danger', True)

    Raises `CalculatorError` as `check_acwr` does.
    """
    return _check(loads, period, unit, _Dated(first_day, chart_points))


def _check(loads: Sequence[float], period: str, unit: str, dated: _Dated | None) -> AcwrResult:
    """The ACWR check, dated or not (`check_acwr`, `check_acwr_dated`)."""
    chosen, measure, values = _validate(loads, period, unit)
    exact_loads = [exact(value) for value in values]
    rolling = _rolling(exact_loads, chosen)
    ewma = _ewma(exact_loads) if chosen.key == "day" else None
    series = tuple(
        _point(index + 1, rolling[index], None if ewma is None else ewma[index])
        for index in range(chosen.chronic - 1, len(exact_loads))
    )
    history = _history(exact_loads, chosen)
    series = tuple(
        point
        if history[point.index - 1]
        else replace(point, ratio=None, band=None, ewma_ratio=None, ewma_band=None)
        for point in series
    )
    thin = not history[-1] and rolling[-1][1] > 0  # with no chronic load at all: "no-ratio", as before
    now_rolling = _ratio("rolling", *rolling[-1], thin=thin)
    now_ewma = None if ewma is None else _ratio("ewma", *ewma[-1], thin=thin)
    return AcwrResult(
        period=chosen.key,
        unit=measure.key,
        unit_label=measure.label,
        rolling=now_rolling,
        ewma=now_ewma,
        ewma_note=EWMA_SEED if ewma is not None else EWMA_WEEKLY_NOTE,
        series=series,
        chart_svg=_chart(series, chosen, measure, dated),
        summary=_history_summary(exact_loads, chosen)
        if thin
        else _summary(now_rolling, now_ewma, chosen, measure),
        verdict="not-enough-history" if thin else now_rolling.band or "no-ratio",
        why=_HISTORY_WHY if thin else _why(now_rolling, chosen),
        enough_history=not thin,
        notes=_notes(values, chosen, measure),
        caveat=ACWR_CAVEAT,
        links=LINKS,
        sources=(*_sources(chosen), *(RATIO_HISTORY.sources[:1] if thin else ())),
    )


# --- validation ----------------------------------------------------------------------------------


def _validate(loads: object, period: object, unit: object) -> tuple[Period, AcwrUnit, list[int | float]]:
    """Read the inputs, or raise one `CalculatorError` naming every problem."""
    problems: list[Problem] = []
    chosen = read_choice(
        period,
        PERIODS,
        "period",
        'Say whether the loads are daily or weekly: "period": "day" or "week".',
        problems,
    )
    measure = read_choice(
        unit,
        UNITS_BY_KEY,
        "unit",
        "Unknown unit{}: choose km, mi (miles), min (minutes) or au (arbitrary units).",
        problems,
    )
    values = _read_loads(loads, chosen, measure, problems)
    raise_problems(problems)
    assert chosen is not None and measure is not None  # no problems means both were found
    return chosen, measure, values


def _read_loads(
    loads: object, period: Period | None, unit: AcwrUnit | None, problems: list[Problem]
) -> list[int | float]:
    """Read the list of loads, noting a problem for each load that is wrong."""
    if loads is None:
        problems.append(Problem("loads", "Enter your training loads, oldest first, like [5, 0, 8, 6]."))
        return []
    if not isinstance(loads, (list, tuple)):
        problems.append(Problem("loads", "Loads must be a list of numbers, oldest first, like [5, 0, 8, 6]."))
        return []
    most = max(option.max_loads for option in PERIODS.values()) if period is None else period.max_loads
    if len(loads) > most:
        problems.append(Problem("loads", f"Enter at most {most} {_plural(period)}."))
        return []
    rows = [value.split("\t") for value in loads if isinstance(value, str) and "\t" in value]
    if len(rows) >= 2:
        # Columns of a table, a line's cells tab-separated (the form sends them so: form.js): a
        # day's number beside its load, km beside minutes. Which column holds the loads?
        cells = [cell.strip() or "(empty)" for cell in rows[0]]
        first = ", ".join(cells)
        echo = f" (line 1: {first})" if echoable(first) else ""
        problems.append(
            Problem(
                "loads",
                f"Each line holds {len(cells)} cells, as a table with {len(cells)} columns does{echo}: "
                "paste only the column of loads, one load per line, oldest first.",
            )
        )
        return []
    name, rest = ("Load", "day or week") if period is None else (period.label, period.key)
    values: list[int | float] = []
    for index, value in enumerate(loads):
        read = read_amount(
            value,
            f"loads[{index}]",
            f"{name} {index + 1}",
            unit_label=unit.short if unit and period else None,  # else already reported
            ceiling=unit.ceiling(period) if unit and period else None,
            problems=problems,
            missing=f"{name} {index + 1} is empty: enter 0 for a rest {rest}.",
            minutes=unit is not None and unit.key == "min",
            zero_hint=f"enter the load, or 0 for a rest {rest}",
        )
        if read is not None:
            values.append(read)
    if period is not None and len(loads) < period.chronic:
        problems.insert(
            0, Problem("loads", f"Enter at least {_fewest(period)}: the chronic load needs 4 weeks.")
        )
    return values


def _fewest(period: Period) -> str:
    """The fewest loads a ratio needs, in words: "28 days (4 weeks) of daily loads"."""
    if period.key == "day":
        return f"{period.chronic} days ({period.chronic // 7} weeks) of daily loads"
    return f"{period.chronic} weeks of weekly loads"


def _plural(period: Period | None) -> str:
    """The loads a request may hold, in words: "days (2 years)"."""
    if period is None:
        return "loads"
    years = period.max_loads // (365 if period.key == "day" else 52)
    return f"{period.key}s ({years} years)"


# --- the ratios ----------------------------------------------------------------------------------


def _rolling(loads: list[Fraction], period: Period) -> list[tuple[Fraction, Fraction]]:
    """Acute and chronic load (per 7 days) at every load, where a full chronic window is in.

    Entries before the chronic window is full are (0, 0) placeholders: the series starts after them.
    """
    prefix = [Fraction(0)]
    for load in loads:
        prefix.append(prefix[-1] + load)
    windows: list[tuple[Fraction, Fraction]] = []
    for end in range(1, len(loads) + 1):
        if end < period.chronic:
            windows.append((Fraction(0), Fraction(0)))
            continue
        acute = prefix[end] - prefix[end - period.acute]
        chronic_total = prefix[end] - prefix[end - period.chronic]
        windows.append((acute, chronic_total * period.acute / period.chronic))
    return windows


def _ewma(loads: list[Fraction]) -> list[tuple[Fraction, Fraction]]:
    """The weighted acute and chronic load (per 7 days) at every day, started as `EWMA_SEED` says."""
    seed = sum(loads[: EWMA_CHRONIC.days], Fraction(0)) / EWMA_CHRONIC.days
    acute = chronic = seed
    days: list[tuple[Fraction, Fraction]] = []
    for load in loads:
        acute = EWMA_ACUTE.weight * load + (1 - EWMA_ACUTE.weight) * acute
        chronic = EWMA_CHRONIC.weight * load + (1 - EWMA_CHRONIC.weight) * chronic
        days.append((acute * 7, chronic * 7))
    return days


def _exact_ratio(acute: Fraction, chronic: Fraction) -> Fraction | None:
    return None if chronic == 0 else acute / chronic


def _ratio(method: str, acute: Fraction, chronic: Fraction, *, thin: bool = False) -> AcwrRatio:
    ratio = None if thin else _exact_ratio(acute, chronic)
    band = None if ratio is None else band_for(ratio)
    return AcwrRatio(
        method=method,
        acute=_two_places(acute),
        chronic=_two_places(chronic),
        ratio=None if ratio is None or band is None else shown_ratio(ratio, band),
        band=None if band is None else band.key,
        band_label=None if band is None else band.label,
    )


def _point(
    index: int, rolling: tuple[Fraction, Fraction], ewma: tuple[Fraction, Fraction] | None
) -> AcwrPoint:
    now = _ratio("rolling", *rolling)
    weighted = None if ewma is None else _ratio("ewma", *ewma)
    return AcwrPoint(
        index=index,
        acute=now.acute,
        chronic=now.chronic,
        ratio=now.ratio,
        band=now.band,
        ewma_ratio=None if weighted is None else weighted.ratio,
        ewma_band=None if weighted is None else weighted.band,
    )


def shown_ratio(ratio: Fraction, band: Band) -> float:
    """The ratio to 2 decimals, nearest, but never outside its band.

    >>> shown_ratio(Fraction("1.3001"), BANDS["caution"]), shown_ratio(Fraction("1.4999"), BANDS["caution"])
    (1.31, 1.49)
    >>> shown_ratio(Fraction("0.7999"), BANDS["low"]), shown_ratio(Fraction("1.2351"), BANDS["sweet-spot"])
    (0.79, 1.24)
    """
    hundredths = ratio * 100
    nearest = Fraction(math.floor(hundredths + Fraction(1, 2)), 100)
    if band.contains(nearest):
        return float(nearest)
    if nearest <= band.low:
        return float(Fraction(math.ceil(hundredths), 100))
    return float(Fraction(math.floor(hundredths), 100))


def _two_places(value: Fraction) -> float:
    """A load to 2 decimals, nearest."""
    return float(Fraction(math.floor(value * 100 + Fraction(1, 2)), 100))


# --- how much history a ratio needs (rules: RATIO_HISTORY) --------------------------------------


def _weekly_totals(loads: list[Fraction], end: int, per_week: int, prefix: list[Fraction]) -> list[Fraction]:
    """The whole weeks of loads[:end], counted back from *end*, oldest first (the last is the acute week)."""
    totals = []
    stop = end
    while stop - per_week >= 0:
        totals.append(prefix[stop] - prefix[stop - per_week])
        stop -= per_week
    return totals[::-1]


def _history(loads: list[Fraction], period: Period) -> list[bool]:
    """For each load, whether the weeks before its acute week hold running: each of the
    `RATIO_HISTORY_WEEKS` weeks more than 0 and not a break (`calculator.weeks`)."""
    prefix = [Fraction(0)]
    for load in loads:
        prefix.append(prefix[-1] + load)
    enough = []
    for end in range(1, len(loads) + 1):
        if end < period.chronic:
            enough.append(False)
            continue
        readings = read_weeks(_weekly_totals(loads, end, period.per_week, prefix))
        before = readings[-1 - RATIO_HISTORY_WEEKS : -1]
        enough.append(
            len(before) == RATIO_HISTORY_WEEKS
            and all(week.volume > 0 and week.kind != "break" for week in before)
        )
    return enough


def _history_summary(loads: list[Fraction], period: Period) -> str:
    """One sentence: no ratio yet, what it needs, and which of those weeks had (almost) no running."""
    prefix = [Fraction(0)]
    for load in loads:
        prefix.append(prefix[-1] + load)
    readings = read_weeks(_weekly_totals(loads, len(loads), period.per_week, prefix))
    before = readings[-1 - RATIO_HISTORY_WEEKS : -1]
    empty = sum(1 for week in before if week.volume == 0 or week.kind == "break")
    which = "the last 7 days" if period.key == "day" else "the last week"
    return (
        f"Not enough history for a ratio: it needs running in each of the {RATIO_HISTORY_WEEKS} weeks "
        f"before {which}, and {empty} of them had none or almost none, so the 4-week average does not yet "
        "stand for what you are used to."
    )


#: Why no ratio is given without history, and how strong the evidence is, in two sentences.
_HISTORY_WHY = (
    "Built from almost nothing, the 4-week average makes any recent running look like a spike (a first "
    "week of running always gives a ratio of 4), which is why a study of competitive runners left the "
    "first 4 weeks of each log, and the 4 weeks after an injury, out of the ratio (Dijkhuis et al. "
    f"2020). {ACWR_CAVEAT_SHORT}"
)


def _notes(values: list[int | float], period: Period, unit: AcwrUnit) -> tuple[str, ...]:
    """Plain sentences the answer adds: loads far beyond what runners do."""
    name = period.label
    high = plausibility_note(
        [(index + 1, exact(value)) for index, value in enumerate(values)], unit.key, per=period.key, name=name
    )
    return () if high is None else (high,)


# --- the answer ----------------------------------------------------------------------------------


def _summary(rolling: AcwrRatio, ewma: AcwrRatio | None, period: Period, unit: AcwrUnit) -> str:
    """One plain sentence: the ratio, its band and the loads behind it."""
    if period.key == "day":
        acute_words, window = "in the last 7 days", "the last 28 days"
    else:
        acute_words, window = "last week", "the last 4 weeks"
    if rolling.ratio is None:
        return (
            f"There is no ratio: with no load in {window} there is no chronic load to compare with, "
            "so build back gently."
        )
    weighted = ""
    if ewma is not None and ewma.ratio is not None:
        weighted = f" (weighted ratio: {plain(ewma.ratio)}, {ewma.band_label})"
    return (
        f"Your acute:chronic ratio is {plain(rolling.ratio)} ({rolling.band_label}): "
        f"{shown(rolling.acute, unit.key)} {unit.short} {acute_words} against an average of "
        f"{shown(rolling.chronic, unit.key)} "
        f"{unit.short} a week over {window}{weighted}."
    )


def _why(rolling: AcwrRatio, period: Period) -> str:
    """The reason and how strong the evidence is, caveat included, in two sentences."""
    if rolling.band is None:
        window = "28 days" if period.key == "day" else "4 weeks"
        return (
            f"A ratio divides your recent load by your usual load, and your usual load over the last "
            f"{window} is 0. {ACWR_CAVEAT_SHORT}"
        )
    band = BANDS[rolling.band]
    return (
        f"By Gabbett's 2016 bands, from team sports rather than runners, a ratio {band.range_words} is in the "
        f'"{band.label}" band. {ACWR_CAVEAT_SHORT}'
    )


def _sources(period: Period) -> tuple[str, ...]:
    weighted = ("williams-2017",) if period.key == "day" else ()
    return (ACWR_CAVEAT_SOURCES[0], *weighted, *ACWR_CAVEAT_SOURCES[1:])


def _chart(series: Sequence[AcwrPoint], period: Period, unit: AcwrUnit, dated: _Dated | None = None) -> str:
    """The rolling ratio over time as bars against the sweet spot, with the danger line at 1.5; when
    dated, the latest ratios only (as many as the chart is asked for), labelled by month."""
    name = period.label
    step = timedelta(days=1 if period.key == "day" else 7)

    def when(point: AcwrPoint) -> str:
        if dated is None:
            return f"{name} {point.index}"
        day = date_words(dated.first + step * (point.index - 1))
        return day if period.key == "day" else f"Week of {day}"

    bars = [
        Bar(
            label=str(point.index),
            value=point.ratio or 0,
            over=point.ratio is not None and point.band in ("caution", "danger"),
            words=(
                f"{when(point)}: no ratio (too little running in the 4 weeks up to it)."
                if point.ratio is None
                else f"{when(point)}: {plain(point.ratio)}, {point.band and BANDS[point.band].label}."
            ),
        )
        for point in series
    ]
    sweet = BANDS["sweet-spot"]
    shown_points = series[-dated.chart_points :] if dated and dated.chart_points else series
    first = shown_points[0]
    start = f"{name.lower()} {first.index}" if dated is None else when(first)
    note = ""
    if dated is not None and len(shown_points) < len(series):
        note = f"The last {len(shown_points)} {period.key}s, from {date_words(dated.first + step * (first.index - 1))}."
    return bar_chart(
        bars[len(series) - len(shown_points) :],
        title=f"Your acute:chronic ratio, {period.key} by {period.key}",
        description=(
            f"The rolling ratio of each {period.key}'s recent load to the load you were used to, from "
            f"{start}, against the sweet spot of {sweet.range_words} "
            f"(Gabbett 2016, team sports)."
        ),
        unit="",
        band=ChartBand(SWEET_LOW, SWEET_HIGH, f"Sweet spot, {plain(SWEET_LOW)} to {plain(SWEET_HIGH)}"),
        line=Line(DANGER_FROM, f"Danger zone from {plain(DANGER_FROM)}"),
        within_label=f"Up to {plain(SWEET_HIGH)}",
        over_label=f"Above {plain(SWEET_HIGH)}",
        x_title=(
            f"{name}, counted from your first entry"
            if dated is None
            else "Days, by month"
            if period.key == "day"
            else "Weeks, by the month they start in"
        ),
        dates=None if dated is None else [dated.first + step * (point.index - 1) for point in shown_points],
        note=note,
        shared_markers=dated is not None,
    )
