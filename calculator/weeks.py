"""Reading a training history week by week: each week's level, easier weeks, breaks and returns.

The rules are in `calculator.rules.training`: a week is compared with its *level*, the most run in
any of the 4 weeks before it since the last break (`BASELINE_WEEKS`); a week with less than a
quarter of its level is a *break* (`BREAK_SHARE`), and so is a week right after a break with less
than a quarter of the level before that break, while that level's week is one of the 4 before it;
the first week with running after a break is a *return*, compared with the level before the break
instead of by a percentage.

Kinds: "first" (week 1), "up" (above its level), "level" (equal to it), "easier" (below it, not a
break), "break", "return" (first week back after a break), "start" (first week with running, and
no running before it to compare with).

>>> [week.kind for week in read_weeks([11, 12.1, 13.3, 8, 14.6])]
['first', 'up', 'up', 'easier', 'up']
>>> read_weeks([11, 12.1, 13.3, 8, 14.6])[4].level
Fraction(133, 10)
>>> [(week.kind, week.level) for week in read_weeks([25, 25, 0.5, 20])][2:]
[('break', Fraction(25, 1)), ('return', Fraction(25, 1))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from calculator.reading import exact
from calculator.rules.training import BASELINE_WEEKS, BREAK_SHARE, LONG_BREAK_WEEKS

__all__ = ["Next", "WeekReading", "next_level", "read_weeks"]


@dataclass(frozen=True)
class WeekReading:
    """One week of a history: its kind, and the level it is compared with.

    *level* is the most run in the 4 weeks before it since the last break (None for week 1 and a
    start); for a break or a return it is the level before the break. *level_week* is the
    (1-based) week that set it, the latest one when several did. *after_break* is true when one of
    the 4 weeks before, before the last break, ran more than the level (the level is then the most
    since that break, not the most of the 4 weeks).
    """

    week: int
    volume: Fraction
    kind: str
    level: Fraction | None
    level_week: int | None
    after_break: bool = False


@dataclass(frozen=True)
class Next:
    """What the week after a history is compared with: a level, or a break to restart after.

    *level* is None after a break (or with no running at all); *before_break* is then the level
    before that break (None with no running before it). *after_break* is as in `WeekReading`.
    """

    level: Fraction | None
    level_week: int | None
    before_break: Fraction | None
    after_break: bool = False


def _highest(volumes: Sequence[Fraction], start: int, end: int) -> tuple[Fraction, int] | None:
    """The most in volumes[start:end] and its (1-based) week, the latest on a tie; None if empty."""
    best: tuple[Fraction, int] | None = None
    for index in range(start, end):
        if best is None or volumes[index] >= best[0]:
            best = (volumes[index], index + 1)
    return best


def _walk(volumes: Sequence[Fraction]) -> tuple[list[WeekReading], Next]:
    readings: list[WeekReading] = []
    since = 0  # the first week (0-based) of the stretch since the last break
    before_break: tuple[Fraction, int] | None = None  # the level before the latest break
    in_break = False
    break_weeks = 0  # weeks of the latest break so far
    for index, volume in enumerate(volumes):
        if index == 0:
            readings.append(WeekReading(1, volume, "first", None, None))
            since, in_break = (1, True) if volume == 0 else (0, False)
            continue
        # A break is judged against the week's level: the most of the 4 weeks before it since the
        # last break; right after a break, the level before that break while its week is one of
        # the 4 weeks before (later there is nothing recent to be a break from: a return).
        found = _highest(volumes, max(since, index - BASELINE_WEEKS), index)
        baseline = found
        if found is None and before_break is not None and before_break[1] > index - BASELINE_WEEKS:
            baseline = before_break
        if volume == 0 or (baseline is not None and volume < baseline[0] * BREAK_SHARE):
            if not in_break:
                before_break, break_weeks = found, 0
            in_break = True
            break_weeks += 1
            if break_weeks >= LONG_BREAK_WEEKS:
                before_break = None  # a year off: what came before it is no guide to now
            level, week = before_break if before_break else (None, None)
            readings.append(WeekReading(index + 1, volume, "break", level, week))
            since = index + 1
            continue
        in_break = False
        if found is None:  # the first running after a break (or ever): a return, or a start
            level, week = before_break if before_break else (None, None)
            readings.append(
                WeekReading(index + 1, volume, "return" if before_break else "start", level, week)
            )
            continue
        level, week = found
        kind = "up" if volume > level else "level" if volume == level else "easier"
        readings.append(WeekReading(index + 1, volume, kind, level, week, _cut(volumes, index, level)))
    end = len(volumes)
    found = _highest(volumes, max(since, end - BASELINE_WEEKS), end)
    if found is None:
        return readings, Next(None, None, before_break[0] if before_break else None)
    return readings, Next(found[0], found[1], None, _cut(volumes, end, found[0]))


def _cut(volumes: Sequence[Fraction], index: int, level: Fraction) -> bool:
    """Whether a week before a break, among the 4 before volumes[index], ran more than *level*."""
    return any(volume > level for volume in volumes[max(0, index - BASELINE_WEEKS) : index])


def read_weeks(volumes: Sequence[int | float | Fraction]) -> list[WeekReading]:
    """Read each week of a history (oldest first) as `WeekReading` s: kind and level.

    >>> [week.kind for week in read_weeks([30, 0, 0, 30])]
    ['first', 'break', 'break', 'return']
    >>> [week.kind for week in read_weeks([0, 0, 10, 11])]
    ['first', 'break', 'start', 'up']
    >>> [week.kind for week in read_weeks([100, 10, 30, 20, 30])]
    ['first', 'break', 'return', 'easier', 'level']
    """
    return _walk([value if isinstance(value, Fraction) else exact(value) for value in volumes])[0]


def next_level(volumes: Sequence[int | float | Fraction]) -> Next:
    """What the week after a history is compared with (see `Next`).

    >>> next_level([11, 12.1, 13.3, 8])
    Next(level=Fraction(133, 10), level_week=3, before_break=None, after_break=False)
    >>> next_level([25, 25, 0.5])
    Next(level=None, level_week=None, before_break=Fraction(25, 1), after_break=False)
    >>> next_level([100, 0, 30, 20])
    Next(level=Fraction(30, 1), level_week=3, before_break=None, after_break=True)
    """
    return _walk([value if isinstance(value, Fraction) else exact(value) for value in volumes])[1]
