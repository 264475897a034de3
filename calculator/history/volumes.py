"""A runner's history as days and weeks: every day and every week from the first run to the last,
or on to a later day (today) when one is given.

Each run counts on its local start date; a week starts on a Monday (ISO 8601). Days and weeks
without a run are there too, with 0 km: the load checks read breaks and easier weeks from them.
Distances are added up unrounded, then rounded to 2 decimals (10 m), as the checks take them.

>>> from datetime import datetime
>>> from calculator.history.activities import Activity
>>> runs = [Activity(start_utc=None, start_local=datetime(2026, 9, day, 7), km=km, kind="Run", source="x")
...         for day, km in ((24, 5.004), (24, 3.0), (28, 10.0))]
>>> days = daily_volumes(runs, 0)
>>> [(day.date, day.km, day.runs) for day in days][:2], len(days)
([('2026-09-24', 8.0, 2), ('2026-09-25', 0.0, 0)], 5)
>>> [(week.week_start, week.km, week.runs) for week in weekly_volumes(runs, 0)]
[('2026-09-21', 8.0, 2), ('2026-09-28', 10.0, 1)]
>>> [(week.week_start, week.km) for week in weekly_volumes(runs, 0, until=date(2026, 10, 12))][2:]
[('2026-10-05', 0.0), ('2026-10-12', 0.0)]
>>> len(daily_volumes(runs, 0, until=date(2026, 10, 12)))
19
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from calculator.answer import Record
from calculator.history.activities import Activity

__all__ = ["HistoryDay", "HistoryWeek", "daily_volumes", "weekly_volumes"]


@dataclass(frozen=True)
class HistoryDay(Record):
    """One day: its date (YYYY-MM-DD), the km run and the number of runs."""

    date: str
    km: float
    runs: int


@dataclass(frozen=True)
class HistoryWeek(Record):
    """One week: its Monday (YYYY-MM-DD), the km run and the number of runs."""

    week_start: str
    km: float
    runs: int


def _totals(runs: Sequence[Activity], utc_offset_minutes: int, key: str) -> dict[date, tuple[float, int]]:
    totals: dict[date, tuple[float, int]] = {}
    for run in runs:
        day = run.local_start(utc_offset_minutes).date()
        if key == "week":
            day -= timedelta(days=day.weekday())
        km, count = totals.get(day, (0.0, 0))
        totals[day] = (km + run.km, count + 1)
    return totals


def daily_volumes(
    runs: Sequence[Activity], utc_offset_minutes: int, until: date | None = None
) -> list[HistoryDay]:
    """Every day from the first run's to the last run's, or to *until* when later, oldest first
    (empty: no runs)."""
    totals = _totals(runs, utc_offset_minutes, "day")
    if not totals:
        return []
    first, last = min(totals), max(totals)
    if until is not None:
        last = max(last, until)
    days = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        km, count = totals.get(day, (0.0, 0))
        days.append(HistoryDay(day.isoformat(), round(km, 2), count))
    return days


def weekly_volumes(
    runs: Sequence[Activity], utc_offset_minutes: int, until: date | None = None
) -> list[HistoryWeek]:
    """Every week (from its Monday) from the first run's to the last run's, or to the week holding
    *until* when later, oldest first (empty: no runs)."""
    totals = _totals(runs, utc_offset_minutes, "week")
    if not totals:
        return []
    first, last = min(totals), max(totals)
    if until is not None:
        last = max(last, until - timedelta(days=until.weekday()))
    weeks = []
    for offset in range((last - first).days // 7 + 1):
        monday = first + timedelta(weeks=offset)
        km, count = totals.get(monday, (0.0, 0))
        weeks.append(HistoryWeek(monday.isoformat(), round(km, 2), count))
    return weeks
