"""GPX files (Strava, Garmin and most apps): each track is one activity, its distance from its points.

The distance is the sum of the great-circle (haversine) distances between a track's points, in
each segment: a new segment (``<trkseg>``) is a pause, and the gap across it is not counted.
The start is the first point's time (UTC); the type is the track's ``<type>`` (Strava and
Garmin write ``running``), or none (counted as a run). A file with several tracks gives
several activities. A route (``<rte>``: a plan drawn on a map) is not a run.

>>> import io
>>> text = ('<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
...         '<trkpt lat="0" lon="0"><time>2026-09-26T06:00:00Z</time></trkpt>'
...         '<trkpt lat="0.01" lon="0"><time>2026-09-26T06:06:00Z</time></trkpt></trkseg></trk></gpx>')
>>> [(a.start_utc.isoformat(), round(a.km, 4), a.kind) for a in read_gpx(io.BytesIO(text.encode()), "run.gpx")]
[('2026-09-26T06:00:00+00:00', 1.112, 'running')]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO

from calculator.history.activities import Activity, HistoryFileError, haversine_km
from calculator.history.xmltrack import read_time, stream_elements

__all__ = ["read_gpx"]


def _coordinate(text: str | None, limit: float) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if -limit <= value <= limit else None


def read_gpx(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every track of a GPX file (a byte stream, parsed as it is read) as an `Activity`.

    Raises `HistoryFileError` for a file that is not GPX, is cut short, or has no track points.
    """
    found = 0
    routes = 0
    metadata_time: datetime | None = None
    km = 0.0
    points = 0
    start: datetime | None = None
    end: datetime | None = None
    kind: str | None = None
    last: tuple[float, float] | None = None
    for event, tag, element, parent in stream_elements(
        stream, name, "gpx", "GPX", frozenset({"time", "type", "trk", "gpx"})
    ):
        if event == "start":
            if tag == "trk":
                km, points, start, end, kind, last = 0.0, 0, None, None, None, None
            elif tag == "trkseg":
                last = None
            continue
        if tag == "trkpt":
            lat = _coordinate(element.get("lat"), 90)
            lon = _coordinate(element.get("lon"), 180)
            if lat is None or lon is None:
                continue
            points += 1
            if last is not None:
                km += haversine_km(last[0], last[1], lat, lon)
            last = (lat, lon)
            moment = next((read_time(child.text) for child in element if child.tag.endswith("time")), None)
            if moment is not None:
                start = moment if start is None else min(start, moment)
                end = moment if end is None else max(end, moment)
        elif tag == "type" and parent is not None and parent.tag.endswith("trk"):
            kind = (element.text or "").strip() or None
        elif tag == "time" and parent is not None and parent.tag.endswith("metadata"):
            metadata_time = read_time(element.text)
        elif tag == "rte":
            routes += 1
        elif tag == "trk" and points:
            begun = start or metadata_time
            if begun is None:
                raise HistoryFileError(f"{name}: a track has no times, so its day is unknown.")
            found += 1
            seconds = (end - start).total_seconds() if start is not None and end is not None else None
            yield Activity(
                start_utc=begun, start_local=None, km=km, kind=kind, source=name, link=name, seconds=seconds
            )
    if not found:
        if routes:
            raise HistoryFileError(f"{name} holds a route (a plan drawn on a map), not a recorded run.")
        raise HistoryFileError(f"{name} has no track points: there is no run in it to count.")
