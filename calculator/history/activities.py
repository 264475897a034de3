"""One activity read from an export, which activities are runs, and the same run counted once.

Every reader (`strava_csv`, `garmin_csv`, `gpx`, `tcx`, `fit`) turns a file into `Activity`
values: when it started, how far it went, what kind of activity it was. Only runs count towards
the weekly volumes (`RUN_TYPES`); a run exported twice (a Strava zip holds ``activities.csv``
and each activity's own file) counts once (`unique_runs`). The day a run belongs to is its
local start date: the watch's local time when the file has it (a FIT file, a Garmin CSV), else
its UTC start moved by the reader's offset from UTC.

>>> from datetime import datetime, timezone
>>> run = Activity(start_utc=datetime(2026, 9, 26, 22, 30, tzinfo=timezone.utc), start_local=None,
...                km=10.0, kind="Run", source="a.gpx")
>>> run.is_run, run.local_start(120).date().isoformat()
(True, '2026-09-27')
>>> round(haversine_km(51.5, 0.0, 51.5, 0.01), 4)
0.6922
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

__all__ = [
    "EARTH_RADIUS_KM",
    "RUN_TYPES",
    "Activity",
    "HistoryFileError",
    "NoActivityError",
    "haversine_km",
    "is_run_type",
    "unique_activities",
    "unique_runs",
]

#: The Earth's mean radius (IUGG, Moritz 2000: R1 = 6371.0088 km), for distances between points.
EARTH_RADIUS_KM = 6371.0088

#: The activity types that count as runs, as the exports name them (compared without case, spaces,
#: dashes or underscores): Strava's Run, Trail Run and Virtual Run; Garmin's running types
#: (road, trail, treadmill, track, indoor, virtual, ultra, street, obstacle); GPX and TCX
#: "running"; FIT sport 1 ("running", any sub-sport); "Lauf", Strava's Run for a German account
#: (a German account's own types, Lauf, Radfahrt, Spaziergang, Wanderung, in
#: martin-ueding/geo-activity-playground's More-Stats.ipynb). Walks, hikes, rides and the rest do not count.
RUN_TYPES = frozenset(
    {
        "run",
        "lauf",
        "running",
        "trailrun",
        "trailrunning",
        "virtualrun",
        "virtualrunning",
        "treadmill",
        "treadmillrun",
        "treadmillrunning",
        "trackrun",
        "trackrunning",
        "indoorrun",
        "indoorrunning",
        "streetrunning",
        "ultrarun",
        "ultrarunning",
        "obstaclerun",
        "obstaclerunning",
    }
)

#: Two records of one run start at most this far apart (a file's first point and the platform's start).
SAME_START = timedelta(minutes=2)
#: ... and their distances differ by at most this share of the longer one, or by SAME_KM.
SAME_SHARE = 0.05
SAME_KM = 0.1


class HistoryFileError(ValueError):
    """A file (or a part of a zip) that could not be read: the message says why, for the reader.

    >>> str(HistoryFileError("This file is empty."))
    'This file is empty.'
    """


class NoActivityError(HistoryFileError):
    """A readable file without an activity in it (a FIT file of daily monitoring, a zip of photos).

    In a zip such files are counted as skipped, not reported one by one.
    """


def is_run_type(kind: str | None) -> bool:
    """Say whether an activity type counts as a run (`RUN_TYPES`); None (no type given) does.

    A GPX or TCX file without a type is counted as a run: the reader chose to add it.

    >>> is_run_type("Trail Run"), is_run_type("treadmill_running"), is_run_type("Walk"), is_run_type(None)
    (True, True, False, True)
    """
    if kind is None:
        return True
    return "".join(char for char in kind.lower() if char.isalnum()) in RUN_TYPES


@dataclass(frozen=True)
class Activity:
    """One activity from an export.

    *start_utc* is the start in UTC (aware) when the file says it, *start_local* the local
    wall-clock start (naive) when it says that; at least one is set. *km* is the distance in
    kilometres (0 when none was recorded), *kind* the type as the file names it (None: not
    given), *source* the file (and zip member) it came from, *link* the export's own name for
    the activity's file (a Strava CSV row's ``Filename``, a zip member's path), to match the two.
    *seconds* is the elapsed time, when known.
    """

    start_utc: datetime | None
    start_local: datetime | None
    km: float
    kind: str | None
    source: str
    link: str | None = None
    seconds: float | None = None

    @property
    def is_run(self) -> bool:
        """True when the activity counts as a run (`is_run_type`)."""
        return is_run_type(self.kind)

    def local_start(self, utc_offset_minutes: int) -> datetime:
        """The local wall-clock start: the file's own, else the UTC start moved by the offset."""
        if self.start_local is not None:
            return self.start_local
        assert self.start_utc is not None  # every reader sets one of the two
        return (self.start_utc + timedelta(minutes=utc_offset_minutes)).replace(tzinfo=None)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points in degrees (haversine, mean Earth radius).

    One degree of latitude is about 111.2 km (2 pi 6371.0088 / 360 = 111.195):

    >>> round(haversine_km(0, 0, 1, 0), 3)
    111.195
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _link_key(link: str | None) -> str | None:
    """A file name as both a Strava CSV row and the zip name it: no folders, no .gz, no case.

    >>> _link_key("activities/123.gpx.gz"), _link_key("Export/activities/123.GPX")
    ('123.gpx', '123.gpx')
    """
    if not link:
        return None
    name = link.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".gz")


def _same(a: Activity, b: Activity, utc_offset_minutes: int) -> bool:
    """Say whether two activities are one run recorded twice: the export links them (a Strava CSV row
    and the file it names), or the same start (within 2 minutes) and distance, from two files (one
    file never holds a run twice: its tracks or sessions are different activities, a run and a
    ride, or a morning and an evening run)."""
    if a.source == b.source:
        return False
    key_a, key_b = _link_key(a.link), _link_key(b.link)
    if key_a is not None and key_a == key_b:
        return True
    longer = max(a.km, b.km)
    if abs(a.km - b.km) > max(SAME_KM, SAME_SHARE * longer):
        return False
    if a.start_utc is not None and b.start_utc is not None:
        return abs(a.start_utc - b.start_utc) <= SAME_START
    if a.start_local is not None and b.start_local is not None:
        return abs(a.start_local - b.start_local) <= SAME_START
    # One knows only UTC, the other only local time: the reader's offset, or an hour either side
    # of it (summer time), makes them one run.
    utc = a.start_utc or b.start_utc
    local = a.start_local or b.start_local
    assert utc is not None and local is not None
    moved = (utc + timedelta(minutes=utc_offset_minutes)).replace(tzinfo=None)
    return any(abs(moved + timedelta(hours=hours) - local) <= SAME_START for hours in (-1, 0, 1))


#: Which record of a run recorded twice is kept: the platform's summary first (its type is the
#: reader's own), then the watch's FIT, then TCX, then GPX (distance from points, type often missing).
_PREFERENCE = {"csv": 0, "fit": 1, "tcx": 2, "gpx": 3}


def _rank(activity: Activity) -> int:
    name = activity.source.lower().removesuffix(".gz")
    return next((rank for ext, rank in _PREFERENCE.items() if name.endswith("." + ext)), 0)


def _merged(first: Activity, second: Activity) -> Activity:
    """One record of a run recorded twice: the preferred one (`_PREFERENCE`), with the other's
    distance and time when it has none (a Strava CSV row without a distance, its GPX with one).

    >>> t = datetime(2026, 9, 26, 9, 0, tzinfo=UTC)
    >>> row = Activity(start_utc=t, start_local=None, km=0.0, kind="Run", source="activities.csv", link="1.gpx")
    >>> track = Activity(start_utc=t, start_local=None, km=5.2, kind=None, source="1.gpx", link="1.gpx", seconds=1800)
    >>> merged = _merged(track, row)
    >>> merged.source, merged.km, merged.seconds
    ('activities.csv', 5.2, 1800)
    """
    kept, other = (second, first) if _rank(second) < _rank(first) else (first, second)
    return replace(
        kept,
        km=kept.km or other.km,
        seconds=kept.seconds if kept.seconds is not None else other.seconds,
    )


def unique_runs(activities: Iterable[Activity], utc_offset_minutes: int = 0) -> tuple[list[Activity], int]:
    """Return the runs, each once, by local start, and how many duplicates were dropped.

    Two records are one run when the export links them (a Strava CSV row's file), or when they
    start within 2 minutes of each other and their distances differ by at most 5 % (or 0.1 km).
    A duplicate that is not a run by its own type still removes its twin: the platform's summary
    (a CSV row) decides the type, then FIT, TCX and GPX; a record without a distance takes its
    twin's.

    >>> t = datetime(2026, 9, 26, 9, 0, tzinfo=UTC)
    >>> a = Activity(start_utc=t, start_local=None, km=10.0, kind="Run", source="activities.csv")
    >>> b = Activity(start_utc=t + timedelta(seconds=20), start_local=None, km=10.2, kind=None, source="1.gpx")
    >>> c = Activity(start_utc=t + timedelta(hours=5), start_local=None, km=10.0, kind="Run", source="2.gpx")
    >>> runs, dropped = unique_runs([b, a, c])
    >>> [run.source for run in runs], dropped
    (['activities.csv', '2.gpx'], 1)
    """
    kept, dropped = unique_activities(activities, utc_offset_minutes)
    return [activity for activity in kept if activity.is_run], dropped


def unique_activities(
    activities: Iterable[Activity], utc_offset_minutes: int = 0
) -> tuple[list[Activity], int]:
    """Return every activity once (runs and the rest), by local start, and how many duplicates were
    dropped, as `unique_runs` makes them one.

    >>> t = datetime(2026, 9, 26, 9, 0, tzinfo=UTC)
    >>> walk = Activity(start_utc=t, start_local=None, km=3.0, kind="Walk", source="activities.csv", link="1.gpx")
    >>> track = Activity(start_utc=t, start_local=None, km=3.1, kind=None, source="1.gpx", link="1.gpx")
    >>> kept, dropped = unique_activities([track, walk])
    >>> [(item.kind, item.source) for item in kept], dropped
    ([('Walk', 'activities.csv')], 1)
    """
    ordered = sorted(activities, key=lambda item: (item.local_start(utc_offset_minutes), _rank(item)))
    kept: list[Activity] = []
    dropped = 0
    window = timedelta(hours=15)  # a local and a UTC start of one run are at most 14 h apart
    for activity in ordered:
        start = activity.local_start(utc_offset_minutes)
        twin = None
        for index in range(len(kept) - 1, -1, -1):
            if start - kept[index].local_start(utc_offset_minutes) > window:
                break
            if _same(kept[index], activity, utc_offset_minutes):
                twin = index
                break
        if twin is None:
            kept.append(activity)
            continue
        dropped += 1
        kept[twin] = _merged(kept[twin], activity)
    kept.sort(key=lambda item: item.local_start(utc_offset_minutes))
    return kept, dropped


def utc(moment: datetime) -> datetime:
    """A datetime in UTC: an aware one converted, a naive one taken as UTC.

    >>> utc(datetime(2026, 1, 1, 12)).isoformat()
    '2026-01-01T12:00:00+00:00'
    >>> utc(datetime.fromisoformat("9999-12-31T23:00:00-12:00")).year  # past the last date: no crash
    9999
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # within a day of year 1 or 9999: the wall clock, as UTC, says as much
        return moment.replace(tzinfo=UTC)
