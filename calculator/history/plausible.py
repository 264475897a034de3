"""Which runs are counted: one rule for every format (CSV rows, GPX, TCX and FIT files alike).

A run read from an export is left out, with a sentence saying why, when it cannot be a real run:

* its start is before 1980 or after 2100 (GPS watches began in the 1990s; the calculator's dates
  end in 2100): a broken clock or file;
* its local day is after today (the reader's date when given, else the day the answer is worked
  out): a watch whose clock was wrong, or a run planned ahead, is not yet part of the load;
* it has no distance (a GPX of one point, a run entered by hand without one): 0 km says nothing
  about load, and counting it would make a run of nothing;
* it is longer than the calculator's most in a week (1,000 km), or it is in a week whose runs add
  up to more than that: no runner's week holds that much, so a distance in it was recorded wrongly
  (metres or miles read as km, a GPS fault) and the week's runs cannot be told apart as right or
  wrong. They are all left out, and the checks run over the other weeks (that week then reads as a
  break, which the ramp check judges with care, rather than stopping the check of every week);
* it is faster than the world record for its distance by more than 10 % (`WORLD_RECORDS`): a GPS
  fault, or a ride or a drive saved as a run. Its average speed is set against the record of the
  longest distance it covers: nobody runs a distance faster on average than the record over a
  shorter one (record speeds fall as distances grow). The time is the elapsed time, which is never
  shorter than the time moving, so a real run is never left out for it.

`counted_runs` applies the rule once, after a run recorded twice has been made one (so a file
without a distance whose twin has one is counted with its twin's).

>>> from datetime import UTC, datetime
>>> t = datetime(2026, 9, 26, 7, tzinfo=UTC)
>>> car = Activity(start_utc=t, start_local=None, km=30.0, kind="Run", source="a.gpx", seconds=1200)
>>> left_out_why(car, 0)
'the run on 2026-09-26 (30 km in 20:00) was faster than the world record for 10,000 m (26:11, Joshua Cheptegei, 2020) by more than 10 %: a GPS fault, or a ride or a drive saved as a run.'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from calculator.history.activities import Activity, unique_activities
from calculator.reading import plain
from calculator.units import KM

__all__ = [
    "EARLIEST",
    "LATEST",
    "RECORD_MARGIN",
    "WORLD_RECORDS",
    "CountedRuns",
    "counted_runs",
    "left_out_why",
    "today_at",
]

#: The earliest and latest starts counted.
EARLIEST = datetime(1980, 1, 1)
LATEST = datetime(2100, 12, 31)


@dataclass(frozen=True)
class WorldRecord:
    """A running world record: its distance (km), its time (seconds), the event and who ran it."""

    km: float
    seconds: float
    event: str
    holder: str


#: Men's running world records, shortest first: World Athletics' records for 100 m (Bolt, Berlin,
#: 16 August 2009), 5000 m (Cheptegei, Monaco, 14 August 2020), 10,000 m (Cheptegei, Valencia,
#: 7 October 2020) and the marathon (Kiptum, Chicago, 8 October 2023, ratified February 2024); the
#: 100 km best (Sorokin, 6:05:41, 2022, as Runner's World reported it). Each as reported by
#: World Athletics and the press at the time.
WORLD_RECORDS = (
    WorldRecord(0.1, 9.58, "100 m", "Usain Bolt, 2009"),
    WorldRecord(5.0, 12 * 60 + 35.36, "5000 m", "Joshua Cheptegei, 2020"),
    WorldRecord(10.0, 26 * 60 + 11.0, "10,000 m", "Joshua Cheptegei, 2020"),
    WorldRecord(42.195, 2 * 3600 + 35, "the marathon", "Kelvin Kiptum, 2023"),
    WorldRecord(100.0, 6 * 3600 + 5 * 60 + 41, "100 km", "Aleksandr Sorokin, 2022"),
)
#: How much faster than a record a run must be to be left out: 10 % (records will fall, and GPS
#: distances run a little long).
RECORD_MARGIN = 1.1


def _clock(seconds: float) -> str:
    """A duration as h:mm:ss, or m:ss under an hour (with its hundredths when it has them).

    >>> _clock(1200), _clock(755.36), _clock(7235), _clock(9.58)
    ('20:00', '12:35.36', '2:00:35', '0:09.58')
    """
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    hundredths = round((seconds - whole) * 100)
    return f"{minutes}:{secs:02d}" + (f".{hundredths:02d}" if hundredths else "")


def _record_for(km: float) -> WorldRecord | None:
    """The record of the longest distance a run of *km* covers (None under 100 m)."""
    covered = [record for record in WORLD_RECORDS if record.km <= km]
    return covered[-1] if covered else None


def _dated(activity: Activity) -> bool:
    start = activity.start_local or activity.start_utc
    return start is not None and EARLIEST <= start.replace(tzinfo=None) <= LATEST


def today_at(utc_offset_minutes: int) -> date:
    """Today's date at *utc_offset_minutes* from UTC (the day an answer is worked out)."""
    return (datetime.now(UTC) + timedelta(minutes=utc_offset_minutes)).date()


def left_out_why(activity: Activity, utc_offset_minutes: int, today: date | None = None) -> str | None:
    """Why a run cannot be counted (a sentence for the reader, without the file's name), or None.

    *utc_offset_minutes* gives the local date of a run known only in UTC (as `Activity.local_start`);
    *today* is the reader's date (by default, today's at that offset): a run after it is not counted.

    >>> from datetime import UTC, datetime
    >>> t = datetime(2026, 9, 26, 7, tzinfo=UTC)
    >>> left_out_why(Activity(start_utc=t, start_local=None, km=0.0, kind=None, source="x.gpx"), 0)
    'the run on 2026-09-26 has no distance (a track of one point, or a run entered without one).'
    >>> left_out_why(Activity(start_utc=t, start_local=None, km=10.0, kind="Run", source="x", seconds=2400), 0) is None
    True
    >>> left_out_why(Activity(start_utc=t, start_local=None, km=10.0, kind="Run", source="x"), 0, date(2026, 9, 25))
    'the run on 2026-09-26 is after today (2026-09-25): a watch whose clock was wrong, or a run planned ahead.'
    """
    start = activity.start_local or activity.start_utc
    if start is None or not _dated(activity):
        shown = start.date().isoformat() if start is not None else "no date"
        return f"an activity dated {shown}: a date before {EARLIEST.year} or after {LATEST.year} cannot be a real run's."
    local_day = activity.local_start(utc_offset_minutes).date()
    day = local_day.isoformat()
    latest = today if today is not None else today_at(utc_offset_minutes)
    if local_day > latest:
        return f"the run on {day} is after today ({latest.isoformat()}): a watch whose clock was wrong, or a run planned ahead."
    if activity.km <= 0:
        return f"the run on {day} has no distance (a track of one point, or a run entered without one)."
    seconds = activity.seconds
    record = _record_for(activity.km)
    if (
        record is not None
        and seconds is not None
        and seconds > 0
        and activity.km / seconds > record.km / record.seconds * RECORD_MARGIN
    ):
        return (
            f"the run on {day} ({plain(activity.km)} km in {_clock(seconds)}) was faster than the world "
            f"record for {record.event} ({_clock(record.seconds)}, {record.holder}) by more than "
            f"{round((RECORD_MARGIN - 1) * 100)} %: a GPS fault, or a ride or a drive saved as a run."
        )
    if activity.km > KM.max_per_week:
        return f"the run on {day} was {plain(activity.km)} km: more than the most the calculator takes in a week ({KM.max_per_week} km)."
    return None


@dataclass(frozen=True)
class CountedRuns:
    """The runs counted (each once, by local start), the duplicates dropped, the activities of
    other types (how many, and how many of each type, most first; "" for no type given), and the
    runs left out: (file, sentence) pairs."""

    runs: list[Activity]
    duplicates: int
    not_runs: int
    left_out: list[tuple[str, str]]
    other_kinds: list[tuple[str, int]]


def counted_runs(
    activities: Sequence[Activity], utc_offset_minutes: int = 0, today: date | None = None
) -> CountedRuns:
    """The runs of *activities* that count: each once (`unique_runs`), then those `left_out_why`
    leaves out (after *today*, among the rest) set aside with their reason. An activity of any
    type with an impossible date is set aside first (no local day can be worked out for it).

    >>> from datetime import UTC, datetime
    >>> t = datetime(2026, 9, 26, 7, tzinfo=UTC)
    >>> dot = Activity(start_utc=t, start_local=None, km=0.0, kind=None, source="dot.gpx")
    >>> run = Activity(start_utc=t.replace(day=27), start_local=None, km=8.0, kind="Run", source="a.csv")
    >>> walk = Activity(start_utc=t.replace(day=28), start_local=None, km=3.0, kind="Walk", source="a.csv")
    >>> counted = counted_runs([dot, run, walk])
    >>> [r.source for r in counted.runs], counted.left_out[0][0], counted.other_kinds
    (['a.csv'], 'dot.gpx', [('Walk', 1)])
    """
    undated = [activity for activity in activities if not _dated(activity)]
    kept, duplicates = unique_activities(
        [activity for activity in activities if _dated(activity)], utc_offset_minutes
    )
    runs = [activity for activity in kept if activity.is_run]
    others = Counter(activity.kind or "" for activity in kept if not activity.is_run)
    counted: list[Activity] = []
    left_out: list[tuple[str, str]] = []
    for activity in [*undated, *runs]:
        why = left_out_why(activity, utc_offset_minutes, today)
        if why is None:
            counted.append(activity)
        else:
            left_out.append((activity.source, why))
    counted, too_much = _impossible_weeks(counted, utc_offset_minutes)
    return CountedRuns(counted, duplicates, len(kept) - len(runs), left_out + too_much, others.most_common())


def _impossible_weeks(
    runs: list[Activity], utc_offset_minutes: int
) -> tuple[list[Activity], list[tuple[str, str]]]:
    """The runs of weeks (Monday to Sunday, local days) adding up to at most the calculator's most
    in a week, and the runs of the other weeks as (file, sentence) pairs.

    >>> from datetime import UTC, datetime
    >>> runs = [Activity(start_utc=datetime(2026, 9, day, 6, tzinfo=UTC), start_local=None, km=km,
    ...                  kind="Run", source="a.csv") for day, km in ((14, 10.0), (21, 600.0), (22, 600.0))]
    >>> kept, out = _impossible_weeks(runs, 0)
    >>> [run.km for run in kept], len(out)
    ([10.0], 2)
    >>> print(out[0][1])
    the run on 2026-09-21 (600 km) is in the week of 2026-09-21, whose runs add up to 1200 km: more than the most the calculator takes in a week (1000 km), so a distance in it was recorded wrongly (metres or miles read as km, or a GPS fault). None of that week's runs are counted.
    """
    days = [run.local_start(utc_offset_minutes).date() for run in runs]
    mondays = [day - timedelta(days=day.weekday()) for day in days]
    totals: dict[date, float] = {}
    for monday, run in zip(mondays, runs, strict=True):
        totals[monday] = totals.get(monday, 0.0) + run.km
    kept: list[Activity] = []
    out: list[tuple[str, str]] = []
    for day, monday, run in zip(days, mondays, runs, strict=True):
        total = totals[monday]
        if total <= KM.max_per_week:
            kept.append(run)
            continue
        out.append(
            (
                run.source,
                f"the run on {day.isoformat()} ({plain(run.km)} km) is in the week of {monday.isoformat()}, "
                f"whose runs add up to {plain(round(total, 2))} km: more than the most the calculator takes "
                f"in a week ({KM.max_per_week} km), so a distance in it was recorded wrongly (metres or "
                "miles read as km, or a GPS fault). None of that week's runs are counted.",
            )
        )
    return kept, out
