"""GPX files (Strava, Garmin and most apps): each track is one activity, its distance from its points.

The distance is the sum of the great-circle (haversine) distances between a track's points, in
each segment: a new segment (``<trkseg>``) is a pause, and the gap across it is not counted.
The start is the first point's time (UTC); the type is the track's ``<type>`` (Strava and
Garmin write ``running``), or none (counted as a run). A file with several tracks gives
several activities. A route (``<rte>``: a plan drawn on a map) is not a run.

Two ways to read one, with the same answers: a plain file up to MAX_SCANNED bytes (most files:
``gpx_scan.is_plain``) is checked as well-formed XML by expat with no Python call per element and
then scanned (``gpx_scan``: four times faster); any other file, and any larger one, is read by the
exact reader here: expat's handlers see every element as the file is read, 64 KiB at a time, and
keep no element (a point's coordinates are added to the distance and dropped).

>>> import io
>>> text = ('<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
...         '<trkpt lat="0" lon="0"><time>2026-09-26T06:00:00Z</time></trkpt>'
...         '<trkpt lat="0.01" lon="0"><time>2026-09-26T06:06:00Z</time></trkpt></trkseg></trk></gpx>')
>>> [(a.start_utc.isoformat(), round(a.km, 4), a.kind) for a in read_gpx(io.BytesIO(text.encode()), "run.gpx")]
[('2026-09-26T06:00:00+00:00', 1.112, 'running')]
>>> commented = text.replace("<trkseg>", "<!-- a comment --><trkseg>")  # not plain: the exact reader
>>> [(round(a.km, 4), a.seconds) for a in read_gpx(io.BytesIO(commented.encode()), "run.gpx")]
[(1.112, 360.0)]
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from typing import IO, NoReturn

from calculator.history.activities import EARTH_RADIUS_KM, Activity, HistoryFileError
from calculator.history.gpx_scan import NotScannable, is_plain, scan
from calculator.history.streams import rejoined
from calculator.history.xmltrack import CHUNK, expat_parser, feed, read_time

__all__ = ["read_gpx", "track_activity"]

#: A plain GPX file up to this size is held whole and scanned (a day-long run at a point a second
#: is a few MB); a larger one is read by the exact reader a piece at a time.
MAX_SCANNED = 16 * 1024 * 1024
#: Strava's own GPX files (creator "StravaGPX ...") once typed tracks by number: 9 is a run (a real
#: Strava GPX quoted in cpfair/tapiriik issue 574, and erik/derive issue 65). No other number is known.
STRAVA_GPX_TYPES = {"9": "Run"}


def track_activity(
    name: str,
    km: float,
    kind: str | None,
    first_time: str | None,
    last_time: str | None,
    metadata_time: str | None,
    creator: str | None = None,
) -> Activity:
    """A track as an `Activity`: its start is its first point's time (else the file's metadata
    time), its elapsed time the last point's minus the first's, its type the track's (a Strava
    GPX's number as `STRAVA_GPX_TYPES` names it). Raises `HistoryFileError` when neither time is
    given (the day would be unknown).

    >>> track_activity("a.gpx", 5.0, "9", "2026-09-26T06:00:00Z", None, None, "StravaGPX iPhone").kind
    'Run'
    """
    if kind is not None and (creator or "").startswith("StravaGPX"):
        kind = STRAVA_GPX_TYPES.get(kind, kind)
    start = read_time(first_time) or read_time(metadata_time)
    if start is None:
        raise HistoryFileError(f"{name}: a track has no times, so its day is unknown.")
    end = read_time(last_time)
    seconds = (end - start).total_seconds() if end is not None and first_time else None
    return Activity(
        start_utc=start, start_local=None, km=km, kind=kind, source=name, link=name, seconds=seconds
    )


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
        self.creator: str | None = None
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
            self.creator = attributes.get("creator")
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
        self.count += 1
        self.found.append(
            track_activity(
                self.name,
                self.km,
                self.kind,
                self.first_time,
                self.last_time,
                self.metadata_time,
                self.creator,
            )
        )


def _read_head(stream: IO[bytes]) -> tuple[bytes, bool]:
    """The file's bytes, a CHUNK at a time, up to MAX_SCANNED + 1, or up to the first chunk that
    shows it is not plain; and whether it may be plain (`is_plain` has the last word)."""
    parts: list[bytes] = []
    size = 0
    while size <= MAX_SCANNED and (part := stream.read(CHUNK)):
        parts.append(part)
        size += len(part)
        first = size == len(part)  # its XML declaration (after a byte order mark) is a "<?" that may be
        if b"\0" in part or b"<!" in part or part.find(b"<?", 5 if first else 0) != -1:
            return b"".join(parts), False
    return b"".join(parts), size <= MAX_SCANNED


def _read_scanned(data: bytes, name: str) -> Iterator[Activity]:
    """A plain file held whole: expat checks it (its root too), then `gpx_scan.scan` reads it."""
    parser = expat_parser()
    root: list[str] = []

    def first_element(tag: str, _: object) -> None:
        root.append(tag.rsplit("}", 1)[-1])
        parser.StartElementHandler = None
        if root[0] != "gpx":
            raise HistoryFileError(f"{name} is not a GPX file (it starts with <{root[0]}>).")

    parser.StartElementHandler = first_element
    for _ in feed(parser, io.BytesIO(data), name, "GPX", lambda: bool(root)):
        pass
    try:
        found = scan(data)
    except NotScannable:
        yield from _read_exact(io.BytesIO(data), name)
        return
    for track in found.tracks:
        yield track_activity(
            name, track.km, track.kind, track.first_time, track.last_time, found.metadata_time, found.creator
        )
    if not found.tracks:
        _no_tracks(name, found.routes)


def _read_exact(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Any GPX file, a piece at a time, every element seen by expat's handlers (`_Tracks`)."""
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
        _no_tracks(name, tracks.routes)


def _no_tracks(name: str, routes: int) -> NoReturn:
    """Say why a file gave no activity: a route only, or no track points."""
    if routes:
        raise HistoryFileError(f"{name} holds a route (a plan drawn on a map), not a recorded run.")
    raise HistoryFileError(f"{name} has no track points: there is no run in it to count.")


def read_gpx(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every track of a GPX file (a byte stream) as an `Activity`: a plain one up to MAX_SCANNED
    bytes scanned, any other read by the exact reader (the module's docstring).

    Raises `HistoryFileError` for a file that is not GPX, is not well-formed XML, is cut short, or
    has no track points.
    """
    head, maybe_plain = _read_head(stream)
    if maybe_plain and is_plain(head):
        return _read_scanned(head, name)
    return _read_exact(rejoined(head, stream), name)
