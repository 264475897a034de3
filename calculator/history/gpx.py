"""GPX files (Strava, Garmin and most apps): each track is one activity, its distance from its points.

The distance is the sum of the great-circle (haversine) distances between a track's points, in
each segment: a new segment (``<trkseg>``) is a pause, and the gap across it is not counted.
The start is the first point's time (UTC); the type is the track's ``<type>`` (Strava and
Garmin write ``running``), or none (counted as a run). A file with several tracks gives
several activities. A route (``<rte>``: a plan drawn on a map) is not a run.

The file is parsed as it is read, 64 KiB at a time, with the standard library's expat parser
(no element is kept: a point's coordinates are added to the distance and dropped).

>>> import io
>>> text = ('<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
...         '<trkpt lat="0" lon="0"><time>2026-09-26T06:00:00Z</time></trkpt>'
...         '<trkpt lat="0.01" lon="0"><time>2026-09-26T06:06:00Z</time></trkpt></trkseg></trk></gpx>')
>>> [(a.start_utc.isoformat(), round(a.km, 4), a.kind) for a in read_gpx(io.BytesIO(text.encode()), "run.gpx")]
[('2026-09-26T06:00:00+00:00', 1.112, 'running')]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import IO

from calculator.history.activities import EARTH_RADIUS_KM, Activity, HistoryFileError
from calculator.history.xmltrack import expat_parser, feed, read_time

__all__ = ["read_gpx"]


class _Tracks:
    """The parser's handlers: each finished track becomes an activity in ``found``."""

    def __init__(self, name: str, listen_to_text: Callable[[Callable[[str], None] | None], None]) -> None:
        self.name = name
        self.listen_to_text = listen_to_text  # text matters only in <time> and <type>
        self.names: dict[str, str] = {}
        self.found: list[Activity] = []
        self.count = 0
        self.routes = 0
        self.root_seen = False
        self.metadata_time: str | None = None
        self.path: list[str] = []
        self.text: list[str] | None = None
        self._new_track()

    def _new_track(self) -> None:
        self.km = 0.0
        self.points = 0
        self.first_time: str | None = None
        self.last_time: str | None = None
        self.kind: str | None = None
        self.last: tuple[float, float, float] | None = None  # lat and lon in radians, cos(lat)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = self.names.get(tag)
        if name is None:
            name = self.names[tag] = tag.rsplit("}", 1)[-1]
        if not self.root_seen:
            if name != "gpx":
                raise HistoryFileError(f"{self.name} is not a GPX file (it starts with <{name}>).")
            self.root_seen = True
        self.path.append(name)
        if name == "trkpt":
            self._point(attributes)
        elif name == "trkseg":
            self.last = None
        elif name == "trk":
            self._new_track()
        elif name == "rte":
            self.routes += 1
        elif name in ("time", "type"):
            self.text = []
            self.listen_to_text(self.characters)

    def _point(self, attributes: dict[str, str]) -> None:
        try:
            lat, lon = float(attributes["lat"]), float(attributes["lon"])
        except (KeyError, ValueError):
            return
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also NaN
            return
        self.points += 1
        phi, lam = math.radians(lat), math.radians(lon)
        cos_phi = math.cos(phi)
        last = self.last
        if last is not None:  # haversine, as `activities.haversine_km`, with each point's cosine once
            a = math.sin((phi - last[0]) / 2) ** 2 + last[2] * cos_phi * math.sin((lam - last[1]) / 2) ** 2
            self.km += 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
        self.last = (phi, lam, cos_phi)

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        name = self.path.pop() if self.path else ""
        if name in ("time", "type") and self.text is not None:
            text = "".join(self.text).strip()
            self.text = None
            self.listen_to_text(None)
            parent = self.path[-1] if self.path else ""
            if name == "type" and parent == "trk":
                self.kind = text or None
            elif name == "time" and parent == "trkpt":
                if self.first_time is None:
                    self.first_time = text
                self.last_time = text
            elif name == "time" and parent == "metadata":
                self.metadata_time = text
        elif name == "trk" and self.points:
            self._finish()

    def _finish(self) -> None:
        start = read_time(self.first_time) or read_time(self.metadata_time)
        if start is None:
            raise HistoryFileError(f"{self.name}: a track has no times, so its day is unknown.")
        end = read_time(self.last_time)
        seconds = (end - start).total_seconds() if end is not None and self.first_time else None
        self.count += 1
        self.found.append(
            Activity(
                start_utc=start,
                start_local=None,
                km=self.km,
                kind=self.kind,
                source=self.name,
                link=self.name,
                seconds=seconds,
            )
        )


def read_gpx(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every track of a GPX file (a byte stream, parsed as it is read) as an `Activity`.

    Raises `HistoryFileError` for a file that is not GPX, is cut short, or has no track points.
    """
    parser = expat_parser()

    def listen_to_text(handler: Callable[[str], None] | None) -> None:
        parser.CharacterDataHandler = handler

    tracks = _Tracks(name, listen_to_text)
    parser.StartElementHandler = tracks.start
    parser.EndElementHandler = tracks.end
    for _ in feed(parser, stream, name, "GPX", lambda: tracks.root_seen):
        yield from tracks.found
        tracks.found.clear()
    if not tracks.count:
        if tracks.routes:
            raise HistoryFileError(f"{name} holds a route (a plan drawn on a map), not a recorded run.")
        raise HistoryFileError(f"{name} has no track points: there is no run in it to count.")
