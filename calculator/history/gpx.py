"""GPX files (Strava, Garmin and most apps): each track is one activity, its distance from its points.

The distance is the sum of the great-circle (haversine) distances between a track's points, in
each segment: a new segment (``<trkseg>``) is a pause, and the gap across it is not counted.
The start is the first point's time (UTC); the type is the track's ``<type>`` (Strava and
Garmin write ``running``), or none (counted as a run). A file with several tracks gives
several activities. A route (``<rte>``: a plan drawn on a map) is not a run.

The file is read 64 KiB at a time. The standard library's expat parser checks each piece is
well-formed XML (no handler runs per element: the root's name is all it reports), and the
pieces, cut just before a ``<trkpt``, are scanned with regular expressions for the few things a
distance needs: the track and segment tags, each point's ``lat`` and ``lon``, the first and last
point's ``<time>`` and the track's ``<type>``. A watch's hour at one point a second is scanned in
a few milliseconds, where handling every element in Python took four times as long.

>>> import io
>>> text = ('<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
...         '<trkpt lat="0" lon="0"><time>2026-09-26T06:00:00Z</time></trkpt>'
...         '<trkpt lon="0" lat="0.01"><time>2026-09-26T06:06:00Z</time></trkpt></trkseg></trk></gpx>')
>>> [(a.start_utc.isoformat(), round(a.km, 4), a.kind, a.seconds) for a in read_gpx(io.BytesIO(text.encode()), "run.gpx")]
[('2026-09-26T06:00:00+00:00', 1.112, 'running', 360.0)]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from operator import mul
from typing import IO, cast

from calculator.history.activities import EARTH_RADIUS_KM, Activity, HistoryFileError
from calculator.history.xmltrack import expat_parser, feed, read_time

__all__ = ["read_gpx", "track_km"]

#: The root element's start, with the prefix GPX's elements carry (usually none).
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?gpx[\s>/]")
#: Comments and CDATA sections: text in them is not the file's elements (a point commented out).
_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
_HIDDEN_ENDS = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"))
#: A quoted attribute value.
_VALUE = rb"""\s*=\s*["']\s*([^"'\s]*)\s*["']"""


def track_km(lats: list[float], lons: list[float]) -> float:
    """The km along points given in degrees: the haversine distance between each point and the next,
    computed as 2 R asin(c / 2) with c the straight chord between the two points on a unit sphere
    (the same great-circle distance as `activities.haversine_km`, a point's sines and cosines
    worked out once, in C through ``map``).

    >>> round(track_km([0.0, 0.0, 1.0], [0.0, 1.0, 1.0]), 3)  # a degree east, then a degree north
    222.39
    """
    if len(lats) < 2:
        return 0.0
    phi = list(map(math.radians, lats))
    lam = list(map(math.radians, lons))
    cos_phi = list(map(math.cos, phi))
    points = list(
        zip(
            map(mul, cos_phi, map(math.cos, lam)),
            map(mul, cos_phi, map(math.sin, lam)),
            map(math.sin, phi),
            strict=True,
        )
    )
    halves = map(mul, map(math.dist, points, islice(points, 1, None)), [0.5] * (len(points) - 1))
    return 2 * EARTH_RADIUS_KM * sum(map(math.asin, map(min, halves, [1.0] * (len(points) - 1))))


class _Patterns:
    """The regular expressions for one file's prefix (``gpx:`` or none)."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix + b":") if prefix else b""
        self.point_start = b"<" + (prefix + b":" if prefix else b"") + b"trkpt"
        self.time_start = b"<" + (prefix + b":" if prefix else b"") + b"time"
        self.structure = re.compile(rb"<(/?)" + p + rb"(trkseg|trk|rte|metadata)(?=[\s>/])")
        self.point = re.compile(
            rb"<" + p + rb"trkpt\s[^>]*?\b(?:lat" + _VALUE + rb"[^>]*?\blon" + _VALUE
            + rb"|lon" + _VALUE + rb"[^>]*?\blat" + _VALUE + rb")"
        )  # fmt: skip
        self.time = re.compile(rb"<" + p + rb"time\s*>\s*([^<]*?)\s*</" + p + rb"time\s*>")
        self.type = re.compile(rb"<" + p + rb"type\s*>\s*([^<]*?)\s*</" + p + rb"type\s*>")


@dataclass
class _Track:
    """What a track holds so far."""

    km: float = 0.0
    points: int = 0
    kind: str | None = None
    first_time: str | None = None
    last_time: str | None = None
    last: tuple[float, float] | None = None  # the segment's last point (lat, lon), None after a pause


@dataclass
class _Scan:
    """The state of one file's scan: the track being read, the activities found."""

    name: str
    patterns: _Patterns | None = None
    track: _Track | None = None
    in_segment: bool = False
    in_metadata: bool = False
    metadata_time: str | None = None
    routes: int = 0
    count: int = 0
    found: list[Activity] = field(default_factory=list)

    def piece(self, text: bytes) -> None:
        """Scan a piece of the file: the structure tags in order, the text between them."""
        if self.patterns is None:
            self.patterns = _Patterns(b"")
        if b"<!" in text:
            text = _HIDDEN.sub(b"", text)
        at = 0
        for tag in self.patterns.structure.finditer(text):
            self._text(text, at, tag.start())
            self._tag(tag.group(1) == b"/", tag.group(2))
            at = tag.end()
        self._text(text, at, len(text))

    def _tag(self, closing: bool, name: bytes) -> None:
        if name == b"trkseg":
            self.in_segment = not closing
            if self.track is not None:
                self.track.last = None
        elif name == b"trk":
            self._finish()
            self.track = None if closing else _Track()
            self.in_segment = False
        elif name == b"metadata":
            self.in_metadata = not closing
        elif name == b"rte" and not closing:
            self.routes += 1

    def _text(self, text: bytes, start: int, end: int) -> None:
        patterns, track = self.patterns, self.track
        assert patterns is not None
        if self.in_metadata and (time := patterns.time.search(text, start, end)):
            self.metadata_time = time.group(1).decode("utf-8", "replace")
        if track is None:
            return
        if not self.in_segment:
            if track.kind is None and (kind := patterns.type.search(text, start, end)):
                track.kind = kind.group(1).decode("utf-8", "replace") or None
            return
        found = patterns.point.findall(text, start, end)
        if not found:
            return
        lats, lons = _numbers([a or d for a, _, _, d in found], [b or c for _, b, c, _ in found])
        if lats and track.last is not None:
            lats.insert(0, track.last[0])
            lons.insert(0, track.last[1])
            track.points -= 1
        if lats:
            track.km += track_km(lats, lons)
            track.points += len(lats)
            track.last = (lats[-1], lons[-1])
        if track.first_time is None:
            first = text.find(patterns.point_start, start, end)
            if time := patterns.time.search(text, first, end):
                track.first_time = time.group(1).decode("utf-8", "replace")
        last = text.rfind(patterns.time_start, start, end)
        while last >= start:
            if time := patterns.time.match(text, last, end):
                track.last_time = time.group(1).decode("utf-8", "replace")
                break
            last = text.rfind(patterns.time_start, start, last)

    def _finish(self) -> None:
        """The track read so far, if it has points, becomes an activity."""
        track, self.track = self.track, None
        if track is None or not track.points:
            return
        start = read_time(track.first_time) or read_time(self.metadata_time)
        if start is None:
            raise HistoryFileError(f"{self.name}: a track has no times, so its day is unknown.")
        end = read_time(track.last_time)
        seconds = (end - start).total_seconds() if end is not None and track.first_time else None
        self.count += 1
        self.found.append(
            Activity(
                start_utc=start,
                start_local=None,
                km=track.km,
                kind=track.kind,
                source=self.name,
                link=self.name,
                seconds=seconds,
            )
        )


def _numbers(lat_texts: list[bytes], lon_texts: list[bytes]) -> tuple[list[float], list[float]]:
    """The points whose latitude and longitude are numbers in range (a point that is not is left out)."""
    try:
        lats, lons = list(map(float, lat_texts)), list(map(float, lon_texts))
        finite = all(map(math.isfinite, lats)) and all(map(math.isfinite, lons))
        if finite and -90 <= min(lats) <= max(lats) <= 90 and -180 <= min(lons) <= max(lons) <= 180:
            return lats, lons
    except ValueError:
        pass
    kept_lats: list[float] = []
    kept_lons: list[float] = []
    for lat_text, lon_text in zip(lat_texts, lon_texts, strict=True):
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:  # also NaN
            kept_lats.append(lat)
            kept_lons.append(lon)
    return kept_lats, kept_lons


def _unclosed(text: bytes, end: int) -> bool:
    """True when *text* up to *end* stops inside a comment or CDATA section (they do not nest).

    >>> _unclosed(b"<a><!-- <trkpt", 14), _unclosed(b"<!-- x --><trkpt", 10)
    (True, False)
    """
    for start, stop in _HIDDEN_ENDS:
        at = text.rfind(start, 0, end)
        if at != -1 and text.find(stop, at, end) == -1:
            return True
    return False


class _Pieces:
    """The stream, read for expat a CHUNK at a time, its bytes handed on in pieces cut just before a
    ``<trkpt`` (so no point, time or tag of a track is ever split between two pieces)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.held = b""

    def read(self, size: int) -> bytes:
        data = self.stream.read(size)
        self.held += data
        return data

    def take(self, cut_before: bytes | None, ended: bool) -> bytes:
        """The bytes read so far up to the last *cut_before* (all of them once the file has ended)."""
        cut = len(self.held) if ended else self.held.rfind(cut_before) if cut_before else -1
        if cut <= 0 or (not ended and _unclosed(self.held, cut)):
            return b""
        piece, self.held = self.held[:cut], self.held[cut:]
        return piece


def read_gpx(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every track of a GPX file (a byte stream, read a piece at a time) as an `Activity`.

    Raises `HistoryFileError` for a file that is not GPX (its root is not ``<gpx>``), is not
    well-formed XML, is cut short, or has no track points.
    """
    parser = expat_parser()
    scan = _Scan(name)
    root: list[str] = []

    def first_element(tag: str, _: object) -> None:
        root.append(tag.rsplit("}", 1)[-1])
        parser.StartElementHandler = None
        if root[0] != "gpx":
            raise HistoryFileError(f"{name} is not a GPX file (it starts with <{root[0]}>).")

    parser.StartElementHandler = first_element
    pieces = _Pieces(stream)
    for _ in feed(parser, cast(IO[bytes], pieces), name, "GPX", lambda: bool(root)):
        if scan.patterns is None and (found := _ROOT.search(pieces.held)):
            scan.patterns = _Patterns(found.group(1) or b"")
        if scan.patterns is not None:
            scan.piece(pieces.take(scan.patterns.point_start, ended=False))
        yield from scan.found
        scan.found.clear()
    scan.piece(pieces.take(None, ended=True))
    scan._finish()
    yield from scan.found
    if not scan.count:
        if scan.routes:
            raise HistoryFileError(f"{name} holds a route (a plan drawn on a map), not a recorded run.")
        raise HistoryFileError(f"{name} has no track points: there is no run in it to count.")
