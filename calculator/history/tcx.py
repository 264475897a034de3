"""TCX files (Garmin Training Center): each ``<Activity>`` is one activity.

The distance is the laps' ``DistanceMeters`` added up; without them, the last track point's
``DistanceMeters``; without those, the haversine distance between the track points, per track
(a new ``<Track>`` is a pause). The start is the activity's ``<Id>`` (UTC), else its first lap's
``StartTime``; the type is its ``Sport`` (``Running``, ``Biking``, ``Other``).

>>> import io
>>> text = ('<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
...         '<Activities><Activity Sport="Running"><Id>2026-09-26T06:00:00Z</Id>'
...         '<Lap StartTime="2026-09-26T06:00:00Z"><TotalTimeSeconds>300</TotalTimeSeconds>'
...         '<DistanceMeters>1000</DistanceMeters></Lap><Lap StartTime="2026-09-26T06:05:00Z">'
...         '<DistanceMeters>1000.5</DistanceMeters></Lap></Activity></Activities></TrainingCenterDatabase>')
>>> [(a.start_utc.isoformat(), a.km, a.kind) for a in read_tcx(io.BytesIO(text.encode()), "run.tcx")]
[('2026-09-26T06:00:00+00:00', 2.0005, 'Running')]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO

from calculator.history.activities import Activity, HistoryFileError, haversine_km
from calculator.history.xmltrack import read_time, stream_elements

__all__ = ["read_tcx"]

_KEEP = frozenset(
    {"TrainingCenterDatabase", "Activities", "Activity", "Lap", "Track", "Position", "Id", "DistanceMeters"}
)


def _number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def read_tcx(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every activity of a TCX file (a byte stream, parsed as it is read) as an `Activity`.

    Raises `HistoryFileError` for a file that is not TCX, is cut short, or holds no activity.
    """
    found = 0
    lap_metres: float | None = None
    point_metres: float | None = None
    track_km = 0.0
    seconds = 0.0
    start: datetime | None = None
    kind: str | None = None
    last: tuple[float, float] | None = None
    position: list[float | None] = [None, None]
    for event, tag, element, parent in stream_elements(stream, name, "TrainingCenterDatabase", "TCX", _KEEP):
        parent_tag = "" if parent is None else parent.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "Activity":
                lap_metres, point_metres, track_km, seconds, last = None, None, 0.0, 0.0, None
                start, kind = None, element.get("Sport")
            elif tag == "Lap" and start is None:
                start = read_time(element.get("StartTime"))
            elif tag == "Track":
                last = None
            elif tag == "Trackpoint":
                position = [None, None]
            continue
        if tag == "Id" and parent_tag == "Activity":
            start = read_time(element.text) or start
        elif tag == "DistanceMeters" and parent_tag == "Lap":
            value = _number(element.text)
            if value is not None and value >= 0:
                lap_metres = (lap_metres or 0.0) + value
        elif tag == "DistanceMeters" and parent_tag == "Trackpoint":
            value = _number(element.text)
            if value is not None and value >= 0:
                point_metres = max(point_metres or 0.0, value)
        elif tag == "TotalTimeSeconds" and parent_tag == "Lap":
            seconds += _number(element.text) or 0.0
        elif tag in ("LatitudeDegrees", "LongitudeDegrees") and parent_tag == "Position":
            position[0 if tag.startswith("Lat") else 1] = _number(element.text)
        elif tag == "Trackpoint":
            lat, lon = position
            if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
                if last is not None:
                    track_km += haversine_km(last[0], last[1], lat, lon)
                last = (lat, lon)
        elif tag == "Activity":
            if start is None:
                raise HistoryFileError(f"{name}: an activity has no start time, so its day is unknown.")
            found += 1
            metres = lap_metres if lap_metres is not None else point_metres
            yield Activity(
                start_utc=start,
                start_local=None,
                km=track_km if metres is None else metres / 1000,
                kind=kind,
                source=name,
                link=name,
                seconds=seconds or None,
            )
    if not found:
        raise HistoryFileError(f"{name} holds no activity: there is no run in it to count.")
