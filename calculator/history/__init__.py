"""A runner's own export read on their device: Strava and Garmin CSVs, GPX, TCX, FIT, or the zip.

Each format is one small module; `archive` picks the reader a file needs and reads zips member by
member. Every reader streams: a file is read a piece at a time, never loaded whole. What a file
gives is a list of `activities.Activity`; `activities.unique_runs` keeps the runs, each once;
`volumes` adds them up per day and per week. The ``history`` check (`calculator.checks.history`)
runs the ramp, spike and ACWR checks over the result.

==============  =================================================================================
``activities``  one activity, which types are runs, a run recorded twice counted once, haversine
``strava_csv``  Strava's ``activities.csv``
``garmin_csv``  Garmin Connect's ``Activities.csv``
``csvtext``     numbers, times and rows as both CSVs write them
``gpx``         GPX tracks
``tcx``         TCX activities
``xmltrack``    streaming XML for GPX and TCX
``fit``         FIT sessions (the records a watch writes each second are stepped over)
``archive``     which reader a file needs; zips and ``.gz`` files, streamed; photos skipped
``plausible``   which runs count: none without a distance, faster than the world record, or undated
``volumes``     every day and week from the first run to the last
``progress``    counts while a history is read, for the browser's worker
==============  =================================================================================

>>> import io
>>> reading = read_file(lambda: io.BytesIO(b"Activity Type,Date,Distance\\nRunning,2026-09-28 07:00:00,5.5\\n"),
...                     "Activities.csv")
>>> [(a.kind, a.km) for a in reading.activities]
[('Running', 5.5)]
"""

from __future__ import annotations

from calculator.history.activities import Activity, HistoryFileError, unique_runs
from calculator.history.archive import FileReading, read_file
from calculator.history.volumes import HistoryDay, HistoryWeek, daily_volumes, weekly_volumes

__all__ = [
    "Activity",
    "FileReading",
    "HistoryDay",
    "HistoryFileError",
    "HistoryWeek",
    "daily_volumes",
    "read_file",
    "unique_runs",
    "weekly_volumes",
]
