"""SVG bar charts drawn by the calculator itself: plain strings, standard library only, deterministic.

One function draws every chart, `bar_chart`: one bar per week (or per period), an optional short
limit tick over each bar (the most that week could hold), an optional horizontal line (a target)
and an optional shaded band (a safe range). The checks build their charts with it (the ramp
check's weeks against each week's limit, the plan's weeks against the target), and so can any
new check: an acute:chronic ratio over time against its 0.8-1.3 band is ::

    bar_chart([Bar("1", 0.9), Bar("2", 1.1), Bar("3", 1.6, over=True)],
              title="Your acute:chronic ratio, week by week",
              description="The ratio of each week's load to the weeks before it.",
              unit="", band=Band(0.8, 1.3, "0.8 to 1.3"),
              within_label="Inside the band", over_label="Above the band")

What every chart promises (and tests/unit/test_charts.py checks with xml.etree):

- accessible: ``role="img"``, ``aria-labelledby`` naming a ``<title>`` and a ``<desc>`` that
  says the data in words, every bar's value and verdict;
- bars over a limit are hatched *and* carry a triangle marker, not told apart by colour alone;
- colours come from CSS custom properties with fallbacks (``--kl-chart-bar``, ``--kl-chart-over``,
  ``--kl-chart-hatch``, ``--kl-chart-band``), text and lines from ``currentColor``, so a chart
  follows the page's light or dark scheme;
- a ``viewBox`` and no fixed width: the chart fills its column. Text is FONT_SIZE user units,
  at least 12 px in the MIN_COLUMN_PX column of a phone MIN_SCREEN_PX wide; the bars' axis may
  carry a title under its labels (*x_title*: "Day", "Week"), the values' axis its unit;
- bars that stand for dates (*dates*, a training log's weeks or days) are labelled by month, as
  many months apart as keeps the labels apart at that size (`date_ticks`), and a chart of part of
  a longer history says so in a *note* drawn under its legend;
- every text and attribute is escaped; no NaN or infinity is ever written.

>>> svg = bar_chart([Bar("1", 20), Bar("2", 26, over=True, cap=22)], title="Weeks", description="Two weeks.", unit="km")
>>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"'), svg.count('class="kl-over-marker"')
(True, 1)
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import pairwise

__all__ = [
    "FONT_SIZE",
    "MIN_COLUMN_PX",
    "MIN_SCREEN_PX",
    "VIEW_WIDTH",
    "Band",
    "Bar",
    "Line",
    "bar_chart",
    "date_ticks",
    "y_position",
]

Number = int | float | Fraction

#: The drawing's width in user units; the chart itself scales to its container.
VIEW_WIDTH = 480
#: Text size in user units: in the column of a screen MIN_SCREEN_PX wide (MIN_COLUMN_PX: the page
#: keeps 16 px either side, Material's 0.8rem) the chart's text is 12 px or more (18 * 328 / 480 = 12.3).
FONT_SIZE = 18
MIN_SCREEN_PX = 360
MIN_COLUMN_PX = MIN_SCREEN_PX - 2 * 16
_AXIS_TITLE = 26  # the room under the bars' labels for the axis title
_PLOT_HEIGHT = 200
_LEFT, _RIGHT, _BOTTOM = 64, 16, 32
_LEGEND_ROW = 24
_MAX_LABELS = 12  # at most this many labels under the bars; the desc names every bar
_MARKER = 10  # a marker's width
_CHAR_EM = 0.55  # a character's width, about, in em (the legend's estimate too)
_LABEL_GAP = 4  # the least room between two labels under the bars (the width estimate is generous)
_NOTE_ROW = 22  # a line of the note under the legend
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_STEPS = (1, 2, 3, 6, 12)  # a label every month, 2 months, a quarter, half a year, a year
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    """One bar: its short label under the axis ("3"), its value, and how to draw it.

    *over* hatches the bar and puts a triangle over it; *cap* draws a short tick at that value
    (the most the bar could hold); *muted* draws a context bar (this week, before a plan);
    *words* is the bar in words for the description (by default: label, value and verdict).
    """

    label: str
    value: Number
    over: bool = False
    cap: Number | None = None
    muted: bool = False
    words: str = ""


@dataclass(frozen=True)
class Line:
    """A horizontal line across the chart, such as a target, with its label."""

    value: Number
    label: str


@dataclass(frozen=True)
class Band:
    """A shaded horizontal band, such as a safe range, from *low* to *high*, with its label."""

    low: Number
    high: Number
    label: str


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    unit: str = "",
    line: Line | None = None,
    band: Band | None = None,
    within_label: str = "Within the limit",
    over_label: str = "Over the limit",
    cap_label: str = "Most the week could hold",
    muted_label: str = "This week",
    x_title: str = "",
    dates: Sequence[date] | None = None,
    note: str = "",
    shared_markers: bool = False,
) -> str:
    """Draw bars as an SVG string: one ``<rect class="kl-bar">`` per bar, in order.

    *title* names the chart; *description* (a sentence or two) starts the ``<desc>``, followed by
    every bar in words. *unit* follows each value in words and heads the axis ("km"); *x_title*
    names what the bars are ("Day": the labels under them are day numbers). *dates*, one per bar
    (the day each week or day starts), label the bars' axis with months instead (`date_ticks`);
    *note* is a sentence drawn under the legend (and said first in the description), such as
    which part of a longer history the chart shows; *shared_markers* lets over bars too close
    for a triangle each (narrower than a marker) share one, over the highest of them, so a
    long run of days over the band reads as one mark rather than a smear. Raises ValueError for
    no bars, for dates not one per bar, or for a value that is negative, NaN or infinite (a
    fault in the caller: checks validate their input first), or for a blank title.

    >>> svg = bar_chart([Bar("1", 1.1), Bar("2", 1.6, over=True)], title="Ratio", description="Weekly ratio.",
    ...                 band=Band(0.8, 1.3, "0.8 to 1.3"))
    >>> '<desc id=' in svg, svg.count('class="kl-bar kl-bar-over"'), 'class="kl-band"' in svg
    (True, 1, True)
    """
    if not bars:
        raise ValueError("a chart needs at least one bar")
    if dates is not None and len(dates) != len(bars):
        raise ValueError(f"a chart's dates are one per bar: {len(dates)} dates for {len(bars)} bars")
    if not _XML_INVALID.sub("", title).strip():
        raise ValueError("a chart needs a title: it is what a screen reader says first")
    values = [bar.value for bar in bars] + [bar.cap for bar in bars if bar.cap is not None]
    values += [line.value] if line else []
    values += [band.low, band.high] if band else []
    for value in values:
        if not math.isfinite(float(value)) or value < 0:
            raise ValueError(f"a chart value must be finite and not negative, not {value!r}")
    chart_id = _chart_id(title, description, bars, line, band, *((dates, note) if dates or note else ()))
    legend = _legend(bars, line, band, within_label, over_label, cap_label, muted_label)
    columns = _legend_columns(legend)
    rows = math.ceil(len(legend) / columns)
    note_lines = _wrap(_XML_INVALID.sub("", note).strip(), VIEW_WIDTH - 16)
    note_top = rows * _LEGEND_ROW + 8
    note_room = len(note_lines) * _NOTE_ROW + 6 if note_lines else 0
    top = note_top + note_room + 28  # the legend, the note, then the unit over the axis
    height = top + _PLOT_HEIGHT + _BOTTOM + (_AXIS_TITLE if x_title else 0)
    scale = _Scale(top, _nice_top(max(float(value) for value in values)))
    words = " ".join(bar.words or _default_words(bar, unit, over_label) for bar in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="{chart_id}" class="kl-chart" '
        f'viewBox="0 0 {VIEW_WIDTH} {height}" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(" ".join(note_lines) + " " if note_lines else "")}'
        f"{_text(description)} {_text(words)}</desc>",
        _style(chart_id),
        f'<defs><pattern id="{chart_id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect class="kl-over-fill" width="6" height="6"/>'
        f'<line class="kl-hatch" x1="1.5" y1="0" x2="1.5" y2="6"/></pattern></defs>',
        *_draw_legend(legend, chart_id, columns),
        *(
            f'<text class="kl-chart-note" x="8" y="{note_top + index * _NOTE_ROW + 9}" '
            f'dominant-baseline="middle">{_text(text)}</text>'
            for index, text in enumerate(note_lines)
        ),
        f'<text class="kl-unit" x="8" y="{top - 16}">{_text(unit)}</text>' if unit else "",
        *_axis(scale),
        *(_draw_band(band, scale) if band else []),
        *_draw_bars(bars, scale, None if dates is None else date_ticks(dates), shared_markers),
        *(_draw_line(line, scale) if line else []),
        (
            f'<text class="kl-axis-title" x="{_n(_LEFT + (VIEW_WIDTH - _LEFT - _RIGHT) / 2)}" '
            f'y="{_n(scale.bottom + _BOTTOM + 14)}" text-anchor="middle">{_text(x_title)}</text>'
            if x_title
            else ""
        ),
        "</svg>",
    ]
    return "".join(parts)


def y_position(value: Number, top: float, y_max: float) -> float:
    """Where a value sits on the drawing: *top* is the plot's top edge, *y_max* its highest value.

    >>> y_position(0, 60, 40), y_position(40, 60, 40), y_position(10, 60, 40)
    (260.0, 60.0, 210.0)
    """
    return top + _PLOT_HEIGHT * (1 - float(value) / y_max)


# --- layout -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    top: float
    y_max: float

    def y(self, value: Number) -> float:
        return y_position(value, self.top, self.y_max)

    @property
    def bottom(self) -> float:
        return self.top + _PLOT_HEIGHT


def _nice_top(highest: float) -> float:
    """The top of the axis: a round number a little above the highest value (1 for an empty chart).

    >>> _nice_top(26), _nice_top(1.6), _nice_top(0), _nice_top(1000)
    (30.0, 2.0, 1.0, 1250.0)
    """
    if highest <= 0:
        return 1.0
    step = _nice_step(highest * 1.08 / 5)
    return step * math.ceil(highest * 1.08 / step)


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least *raw*."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(factor * power for factor in (1, 2, 2.5, 5, 10) if factor * power >= raw * (1 - 1e-12))


def _ticks(y_max: float) -> tuple[float, list[float]]:
    """The axis's step and its ticks from 0 to *y_max*, about five of them."""
    step = _nice_step(y_max / 5)
    count = round(y_max / step)
    return step, [step * index for index in range(count + 1) if step * index <= y_max * (1 + 1e-9)]


def _axis(scale: _Scale) -> list[str]:
    parts = []
    step, ticks = _ticks(scale.y_max)
    places = min(4, max(0, -math.floor(math.log10(step) + 1e-9)) + (1 if _label(step).endswith("5") else 0))
    for tick in ticks:
        y = _n(scale.y(tick))
        parts.append(f'<line class="kl-grid" x1="{_LEFT}" y1="{y}" x2="{VIEW_WIDTH - _RIGHT}" y2="{y}"/>')
        parts.append(
            f'<text class="kl-tick" x="{_LEFT - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{_text(_label(tick, places))}</text>'
        )
    bottom = _n(scale.bottom)
    parts.append(
        f'<line class="kl-axis" x1="{_LEFT}" y1="{bottom}" x2="{VIEW_WIDTH - _RIGHT}" y2="{bottom}"/>'
    )
    return parts


def _draw_bars(
    bars: Sequence[Bar], scale: _Scale, ticks: dict[int, str] | None = None, shared_markers: bool = False
) -> list[str]:
    slot = (VIEW_WIDTH - _LEFT - _RIGHT) / len(bars)
    width = slot * 0.7
    every = math.ceil(len(bars) / _MAX_LABELS)
    parts = []
    peaks: list[tuple[float, float]] = []  # each over bar's centre and the top of its marker
    for index, bar in enumerate(bars):
        x = _LEFT + index * slot + (slot - width) / 2
        top = scale.y(bar.value)
        kind = "kl-bar kl-bar-over" if bar.over else "kl-bar kl-bar-muted" if bar.muted else "kl-bar"
        parts.append(
            f'<rect class="{kind}" data-value="{_label(bar.value)}" x="{_n(x)}" y="{_n(top)}" '
            f'width="{_n(width)}" height="{_n(scale.bottom - top)}"/>'
        )
        if bar.cap is not None:
            y = _n(scale.y(bar.cap))
            reach = min(slot * 0.12, 4)
            parts.append(
                f'<line class="kl-cap" data-value="{_label(bar.cap)}" x1="{_n(x - reach)}" y1="{y}" '
                f'x2="{_n(x + width + reach)}" y2="{y}"/>'
            )
        if bar.over:
            peak = min(top, scale.y(bar.cap)) if bar.cap is not None else top
            if shared_markers:
                peaks.append((x + width / 2, peak))
            else:
                parts.append(_marker(x + width / 2, peak))
        label = bar.label if ticks is None and index % every == 0 else (ticks or {}).get(index)
        if label:
            parts.append(
                f'<text class="kl-label" x="{_n(x + width / 2)}" y="{_n(scale.bottom + 20)}" '
                f'text-anchor="middle">{_text(label)}</text>'
            )
    parts.extend(_marker(middle, peak) for middle, peak in _shared(peaks))
    return parts


def _marker(middle: float, peak: float) -> str:
    """The triangle over an over bar: centred on *middle*, its point just above *peak*."""
    return f'<path class="kl-over-marker" d="M{_n(middle - _MARKER / 2)} {_n(peak - 12)}h{_MARKER}l-5 9z"/>'


def _shared(peaks: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """One marker for each group of over bars closer than a marker's width (and a little room): over
    the highest bar of the group (the smallest top), so no two markers overlap.

    >>> _shared([(10, 50), (14, 40), (18, 60), (40, 70)])
    [(14, 40), (40, 70)]
    """
    shared: list[tuple[float, float]] = []
    last = -math.inf
    for middle, peak in peaks:
        if middle - last < _MARKER + 2 and shared:
            if peak < shared[-1][1]:
                shared[-1] = (middle, peak)
        else:
            shared.append((middle, peak))
        last = middle
    return shared


def date_ticks(dates: Sequence[date]) -> dict[int, str]:
    """The labels under bars that stand for dates (one a bar, oldest first, evenly spaced): the bar
    where a month starts, every month, 2, 3 or 6 months, or every year or more, the fewest months
    apart at which no two labels touch at FONT_SIZE (labels about 0.55 em a character). The first
    label says its year, and a January is its year alone ("2027"), as are labels a year or more apart. The first
    bar is labelled too (its month) when there is room; with no month starting, it is the only one.

    Returns {bar index: label}.

    >>> from datetime import timedelta
    >>> weeks = [date(2026, 8, 3) + timedelta(weeks=week) for week in range(26)]
    >>> date_ticks(weeks)
    {0: 'Aug 2026', 5: 'Sep', 9: 'Oct', 13: 'Nov', 18: 'Dec', 22: '2027'}
    >>> date_ticks([date(2026, 9, 7), date(2026, 9, 14)])
    {0: 'Sep 2026'}
    """
    slot = (VIEW_WIDTH - _LEFT - _RIGHT) / len(dates) if dates else 0
    starts = [index for index in range(1, len(dates)) if dates[index].month != dates[index - 1].month]
    for step in (*_MONTH_STEPS, 24, 60, 120):
        chosen = [index for index in starts if (dates[index].year * 12 + dates[index].month - 1) % step == 0]
        for indexes in ([0, *chosen], chosen):
            labels = _month_labels(dates, indexes, step)
            if labels and _fits(labels, slot):
                return labels
    return _month_labels(dates, [0], 1) if dates else {}


def _month_labels(dates: Sequence[date], indexes: list[int], step: int) -> dict[int, str]:
    """The labels at *indexes*: "Sep"; the first with its year ("Aug 2026"), a January as its year
    alone ("2027"), and so are labels a year or more apart."""
    labels = {}
    for place, index in enumerate(indexes):
        day = dates[index]
        if step >= 12 or (day.month == 1 and place > 0):
            labels[index] = str(day.year)
        elif place == 0:
            labels[index] = f"{_MONTHS[day.month - 1]} {day.year}"
        else:
            labels[index] = _MONTHS[day.month - 1]
    return labels


def _fits(labels: dict[int, str], slot: float) -> bool:
    """Whether labels centred under their bars stay apart and inside the drawing."""
    placed = sorted((_LEFT + index * slot + slot / 2, _text_width(text)) for index, text in labels.items())
    if placed[0][0] - placed[0][1] / 2 < 0 or placed[-1][0] + placed[-1][1] / 2 > VIEW_WIDTH:
        return False
    return all(
        right[0] - left[0] >= (left[1] + right[1]) / 2 + _LABEL_GAP for left, right in pairwise(placed)
    )


def _text_width(text: str) -> float:
    """About how wide a text is in user units at FONT_SIZE."""
    return len(text) * FONT_SIZE * _CHAR_EM


def _wrap(text: str, width: float) -> list[str]:
    """A sentence in lines no wider than *width* user units (at about 0.55 em a character).

    >>> _wrap("The last 26 of 262 weeks, from 3 August 2026: all of them are checked.", 464)
    ['The last 26 of 262 weeks, from 3 August 2026:', 'all of them are checked.']
    >>> _wrap("", 464)
    []
    """
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _draw_line(line: Line, scale: _Scale) -> list[str]:
    y = scale.y(line.value)
    return [
        f'<line class="kl-line" data-value="{_label(line.value)}" x1="{_LEFT}" y1="{_n(y)}" '
        f'x2="{VIEW_WIDTH - _RIGHT}" y2="{_n(y)}"/>'
    ]


def _draw_band(band: Band, scale: _Scale) -> list[str]:
    high, low = scale.y(band.high), scale.y(band.low)
    return [
        f'<rect class="kl-band" data-low="{_label(band.low)}" data-high="{_label(band.high)}" '
        f'x="{_LEFT}" y="{_n(high)}" width="{VIEW_WIDTH - _LEFT - _RIGHT}" height="{_n(low - high)}"/>'
    ]


def _legend(
    bars: Sequence[Bar], line: Line | None, band: Band | None, within: str, over: str, cap: str, muted: str
) -> list[tuple[str, str]]:
    """The legend's entries, (kind, label), for what the chart shows."""
    entries = [("muted", muted)] if any(bar.muted for bar in bars) else []
    entries.append(("bar", within))
    if any(bar.over for bar in bars):
        entries.append(("over", over))
    if any(bar.cap is not None for bar in bars):
        entries.append(("cap", cap))
    if line:
        entries.append(("line", line.label))
    if band:
        entries.append(("band", band.label))
    return entries


def _legend_columns(entries: list[tuple[str, str]]) -> int:
    """Two columns when every label fits half the width (at about 0.55 em a character), else one.

    >>> _legend_columns([("bar", "Planned week"), ("line", "Target: 30 km")])
    2
    >>> _legend_columns([("bar", "Up to 1.3"), ("cap", "Most the week could hold, in km")])
    1
    """
    widest = max((len(label) for _, label in entries), default=0)
    return 2 if 30 + widest * FONT_SIZE * 0.55 <= VIEW_WIDTH // 2 else 1


def _draw_legend(entries: list[tuple[str, str]], chart_id: str, columns: int = 2) -> list[str]:
    parts = []
    for index, (kind, label) in enumerate(entries):
        x = 8 + (index % columns) * (VIEW_WIDTH // 2)
        y = 8 + (index // columns) * _LEGEND_ROW
        if kind in ("bar", "muted", "over"):
            css = {"bar": "kl-bar", "muted": "kl-bar kl-bar-muted", "over": "kl-bar kl-bar-over"}[kind]
            parts.append(f'<rect class="{css} kl-key" x="{x}" y="{y}" width="16" height="16"/>')
            if kind == "over":
                parts.append(f'<path class="kl-over-marker kl-key" d="M{x + 3} {y - 3}h10l-5 9z"/>')
        elif kind == "band":
            parts.append(f'<rect class="kl-band kl-key" x="{x}" y="{y}" width="16" height="16"/>')
        else:
            css = "kl-cap" if kind == "cap" else "kl-line"
            parts.append(f'<line class="{css} kl-key" x1="{x}" y1="{y + 8}" x2="{x + 16}" y2="{y + 8}"/>')
        parts.append(
            f'<text class="kl-legend" x="{x + 22}" y="{y + 8}" dominant-baseline="middle">'
            f"{_text(label)}</text>"
        )
    return parts


def _style(chart_id: str) -> str:
    """The chart's colours, scoped to this chart: custom properties with fallbacks, else currentColor."""
    scope = f"#{chart_id}"
    rules = [
        f"{scope}{{fill:currentColor;font-family:inherit}}",
        f"{scope} text{{fill:currentColor;stroke:none}}",
        f"{scope} .kl-bar{{fill:var(--kl-chart-bar,#3f7fbf)}}",
        f"{scope} .kl-bar-muted{{fill:var(--kl-chart-muted,#8c8c8c)}}",
        f"{scope} .kl-bar-over{{fill:url(#{chart_id}-hatch)}}",
        f"{scope} .kl-over-fill{{fill:var(--kl-chart-over,#d9480f)}}",
        f"{scope} .kl-hatch{{stroke:var(--kl-chart-hatch,#ffffff);stroke-width:2;stroke-opacity:.6}}",
        f"{scope} .kl-over-marker{{fill:var(--kl-chart-over,#d9480f);stroke:currentColor;stroke-width:1}}",
        f"{scope} .kl-cap{{stroke:currentColor;stroke-width:2.5}}",
        f"{scope} .kl-line{{stroke:currentColor;stroke-width:2;stroke-dasharray:6 4}}",
        f"{scope} .kl-band{{fill:var(--kl-chart-band,currentColor);fill-opacity:var(--kl-chart-band-opacity,.14)}}",
        f"{scope} .kl-grid{{stroke:currentColor;stroke-opacity:.18}}",
        f"{scope} .kl-axis{{stroke:currentColor;stroke-opacity:.6}}",
    ]
    return f"<style>{''.join(rules)}</style>"


# --- words and numbers ------------------------------------------------------------------------------


def _default_words(bar: Bar, unit: str, over_label: str) -> str:
    verdict = f", {over_label[0].lower()}{over_label[1:]}" if bar.over else ""
    return f"{bar.label}: {_label(bar.value)}{' ' + unit if unit else ''}{verdict}."


def _chart_id(*parts: object) -> str:
    """A short id from the chart's content (FNV-1a), so two charts on one page never share ids."""
    digest = 0xCBF29CE484222325
    for byte in repr(parts).encode("utf-8"):
        digest = ((digest ^ byte) * 0x100000001B3) % 2**64
    return f"kl-chart-{digest:016x}"


def _label(value: Number, places: int = 2) -> str:
    """A value in words: at most *places* decimals, no useless zeros.

    >>> _label(10, 0), _label(2.50), _label(Fraction(1, 3)), _label(-0.001)
    ('10', '2.5', '0.33', '0')
    """
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("a chart never shows NaN or infinity")
    text = f"{number:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _n(coordinate: float) -> str:
    """A coordinate: 2 decimals, no useless zeros; never NaN or infinity."""
    return _label(coordinate)


def _text(value: str) -> str:
    """Escape text for XML (content and attribute values alike), dropping characters XML cannot hold."""
    return html.escape(_XML_INVALID.sub("", value), quote=True)
