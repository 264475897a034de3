"""The GPX reader's fast path: a plain GPX file's tracks, found by scanning its text.

Most GPX files are plain: UTF-8, no comment, CDATA, DOCTYPE or processing instruction. For one of
those (``is_plain``), held whole in memory and already checked as well-formed XML by expat,
regular expressions find what a distance needs in C: the track, segment and route tags, each
point's ``lat`` and ``lon``, the first and last point's ``<time>``, the track's ``<type>``. Element
names are matched by their local name, whatever their prefix, as the exact reader does; a
``<link>`` or ``<extensions>`` block is left out, so its ``<type>`` or ``<time>`` is not the
track's. The distance is `track_km` over each segment's points, in C through ``map``. A watch's
hour at one point a second takes a few milliseconds, where handling each element in Python took
about four times as long. Any other file goes to the exact reader (``gpx.py``); the tests check
that both give the same tracks for every plain file they try.

>>> data = (b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
...         b'<trkpt lat="0" lon="0"><time>2026-09-26T06:00:00Z</time></trkpt>'
...         b'<trkpt lon="0" lat="0.01"><time>2026-09-26T06:06:00Z</time></trkpt></trkseg></trk></gpx>')
>>> is_plain(data)
True
>>> [(round(t.km, 4), t.points, t.kind, t.first_time, t.last_time) for t in scan(data).tracks]
[(1.112, 2, 'running', '2026-09-26T06:00:00Z', '2026-09-26T06:06:00Z')]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import islice
from operator import mul

from calculator.history.activities import EARTH_RADIUS_KM

__all__ = ["NotScannable", "Scanned", "ScannedTrack", "is_plain", "scan", "track_km"]

#: The XML declaration (with a UTF-8 byte order mark before it, or not), and its encoding.
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:<\?xml\s(?:[^?]|\?(?!>))*\?>)?")
_ENCODING = re.compile(rb"""\sencoding\s*=\s*["']\s*([A-Za-z0-9._-]+)""")
_UTF8 = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
#: How much of a segment's text is scanned at a time (about 2,000 points).
WINDOW = 256 * 1024
#: The rest of a start tag (a point whose tag holds a ``>`` in a value is not matched: see `_segment`).
_REST = rb"[^>]*?"
_VALUE = rb"""\s*=\s*(?:"\s*([^"]*?)\s*"|'\s*([^']*?)\s*')"""
#: The root's start tag and its creator attribute.
_ROOT = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?gpx\s[^>]*?\screator\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: Element names that, written with a prefix, need the slower patterns.
_PREFIXED = re.compile(rb":(?:trk|rte|metadata|time|type|link|extensions)[\s/>]")


class _Patterns:
    """The scan's regular expressions, for elements written without a prefix (a literal the regular
    expression engine finds fast), or with any prefix (an element known by its local name, as the
    exact reader knows it)."""

    def __init__(self, prefixed: bool) -> None:
        p = rb"(?:[A-Za-z_][\w.-]*:)?" if prefixed else b""
        self.structure = re.compile(rb"<(/?)" + p + rb"(trkseg|trk|rte|metadata)(?=[\s/>])")
        self.point_start = re.compile(rb"<" + p + rb"trkpt(?=[\s/>])")
        self.point = re.compile(
            rb"<" + p + rb"trkpt(?=[\s/>])(?:" + _REST + rb"\slat" + _VALUE + _REST + rb"\slon" + _VALUE
            + rb"|" + _REST + rb"\slon" + _VALUE + _REST + rb"\slat" + _VALUE + rb")"
        )  # fmt: skip
        self.segment_end = re.compile(rb"</" + p + rb"trkseg\s*>")
        self.time = re.compile(rb"<" + p + rb"time\s*>\s*([^<]*?)\s*</" + p + rb"time\s*>")
        self.last_time = re.compile(rb"(?s:.*)" + self.time.pattern)  # greedy: the last <time> of a range
        self.type = re.compile(rb"<" + p + rb"type\s*>\s*([^<]*?)\s*</" + p + rb"type\s*>")
        #: blocks whose <type> or <time> is not the track's or the point's own
        self.aside = re.compile(
            rb"<(" + p + rb"(?:link|extensions))(?=[\s/>])[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL
        )


_PATTERNS = {prefixed: _Patterns(prefixed) for prefixed in (False, True)}


class NotScannable(Exception):
    """A file the scan cannot read as the exact reader would (a point it could not match): read it exactly."""


def is_plain(data: bytes) -> bool:
    """Whether the fast scan reads *data* exactly as the exact reader would: UTF-8 (or ASCII), and
    no comment, CDATA section, DOCTYPE (entities) or processing instruction after the declaration.

    >>> is_plain(b'<?xml version="1.0" encoding="UTF-8"?><gpx/>'), is_plain(b"<gpx><!-- a --></gpx>")
    (True, False)
    >>> is_plain(b'<?xml version="1.0" encoding="ISO-8859-1"?><gpx/>'), is_plain("<gpx/>".encode("utf-16"))
    (False, False)
    """
    declaration = _DECLARATION.match(data)
    end = declaration.end() if declaration else 0
    encoding = _ENCODING.search(data, 0, end)
    if encoding and encoding.group(1).lower() not in _UTF8:
        return False
    return b"\0" not in data[:256] and b"<!" not in data and data.find(b"<?", end) == -1


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
    x = map(mul, cos_phi, map(math.cos, lam))
    y = map(mul, cos_phi, map(math.sin, lam))
    points = list(zip(x, y, map(math.sin, phi), strict=True))
    steps = len(points) - 1
    halves = map(mul, map(math.dist, points, islice(points, 1, None)), [0.5] * steps)
    return 2 * EARTH_RADIUS_KM * sum(map(math.asin, map(min, halves, [1.0] * steps)))


@dataclass
class ScannedTrack:
    """A track: km, the points counted, its type, its first and last point's times (as written)."""

    km: float = 0.0
    points: int = 0
    kind: str | None = None
    first_time: str | None = None
    last_time: str | None = None


@dataclass
class Scanned:
    """A file's tracks (those with points), its routes and its metadata's time."""

    tracks: list[ScannedTrack] = field(default_factory=list)
    routes: int = 0
    metadata_time: str | None = None
    creator: str | None = None


#: XML's references in a plain file (no DOCTYPE: no other entity): characters and the five predefined.
_REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _resolved(reference: re.Match[str]) -> str:
    hexadecimal, decimal, name = reference.groups()
    if name:
        return _PREDEFINED[name]
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return chr(code) if code <= 0x10FFFF else reference.group(0)


def _text(value: bytes) -> str:
    """A value as text, its character and entity references resolved.

    >>> _text(b"&#50;026-09-26T06:00:00Z"), _text(b"R &amp; W"), _text(b"&#x34;5.5")
    ('2026-09-26T06:00:00Z', 'R & W', '45.5')
    """
    text = value.decode("utf-8", "replace")
    return _REFERENCE.sub(_resolved, text) if "&" in text else text


def _numbers(lat_texts: list[bytes], lon_texts: list[bytes]) -> tuple[list[float], list[float]]:
    """The points whose latitude and longitude are numbers in range (a point that is not is left out,
    as the exact reader leaves it out)."""
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
            lat, lon = float(_text(lat_text)), float(_text(lon_text))
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:  # also NaN
            kept_lats.append(lat)
            kept_lons.append(lon)
    return kept_lats, kept_lons


def _segment(text: bytes, start: int, end: int, track: ScannedTrack, patterns: _Patterns) -> None:
    """Add a segment's points (text[start:end]) to the track: its km, points and times, a WINDOW of
    text at a time (cut before a point), so that memory holds a window's points, not a file's.

    Raises `NotScannable` when a point's tag was not matched whole (a ``>`` in one of its values, a
    point without lat or lon): the exact reader reads such a file.
    """
    first = patterns.point_start.search(text, start, end)
    if first is None:
        return
    last: tuple[float, float] | None = None
    at = first.start()
    while at < end:
        cut = patterns.point_start.search(text, min(at + WINDOW, end), end)
        stop = cut.start() if cut else end
        found = patterns.point.findall(text, at, stop)
        if len(found) != len(patterns.point_start.findall(text, at, stop)):
            raise NotScannable
        lats, lons = _numbers(
            [a or b or g or h for a, b, _, _, _, _, g, h in found],
            [c or d or e or f for _, _, c, d, e, f, _, _ in found],
        )
        track.points += len(lats)
        if last is not None:  # the step from the window before
            lats.insert(0, last[0])
            lons.insert(0, last[1])
        track.km += track_km(lats, lons)
        last = (lats[-1], lons[-1]) if lats else last
        at = stop
    if track.first_time is None and (time := patterns.time.search(text, first.start(), end)):
        track.first_time = _text(time.group(1))
    if last_time := patterns.last_time.match(text, first.start(), end):
        track.last_time = _text(last_time.group(1))


def scan(data: bytes) -> Scanned:
    """The tracks of a plain GPX file (`is_plain`), already checked as well-formed XML.

    Raises `NotScannable` for a file the exact reader must read (`_segment`).
    """
    patterns = _PATTERNS[_PREFIXED.search(data) is not None]
    text = patterns.aside.sub(b"", data) if (b"link" in data or b"extensions" in data) else data
    found = Scanned()
    if root := _ROOT.search(data):
        found.creator = _text(root.group(1) or root.group(2) or b"")
    track: ScannedTrack | None = None
    opened = 0  # where the open <metadata>'s content starts
    in_metadata = False
    last_end = before = 0  # where the text after the last structure tag (or segment) starts
    segments = False  # whether the open track has a <trkseg>
    at = 0
    while tag := patterns.structure.search(text, at):
        closing, name = tag.group(1) == b"/", tag.group(2)
        at = last_end = tag.end()
        if name == b"trkseg" and track is not None and not closing:
            # a segment holds only points: straight to its end, the structure search skips its text
            segments = True
            content = text.find(b">", tag.end()) + 1
            if text[content - 2 : content] == b"/>":  # <trkseg/>: empty
                continue
            end = patterns.segment_end.search(text, content)
            _segment(text, content, end.start() if end else len(text), track, patterns)
            at = last_end = end.end() if end else len(text)
        elif name == b"trk":
            if closing and track is not None and not segments:  # points with no <trkseg> around them
                _segment(text, before, tag.start(), track, patterns)
            if closing and track is not None and (kind := patterns.type.search(text, before, tag.start())):
                track.kind = _text(kind.group(1)) or None  # a <type> after the segments: the last one counts
            if track is not None and track.points:
                found.tracks.append(track)
            track, segments = (None if closing else ScannedTrack()), False
            if track is not None and (
                kind := patterns.type.search(text, tag.end(), _next_segment(text, tag.end(), patterns))
            ):
                track.kind = _text(kind.group(1)) or None
        elif name == b"metadata" and not closing:
            in_metadata, opened = True, tag.end()
        elif name == b"metadata" and in_metadata:
            time = patterns.time.search(text, opened, tag.start())
            found.metadata_time = _text(time.group(1)) if time else found.metadata_time
            in_metadata = False
        elif name == b"rte" and not closing:
            found.routes += 1
        before = last_end
    if track is not None and track.points:
        found.tracks.append(track)
    return found


def _next_segment(text: bytes, start: int, patterns: _Patterns) -> int:
    """Where the track's first segment (or its end) starts: its <type> comes before it."""
    tag = patterns.structure.search(text, start)
    return tag.start() if tag else len(text)
