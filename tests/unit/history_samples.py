"""Export files made for the tests, in each format the history check reads, written from the formats'
public descriptions (not from the readers' code): GPX 1.1, TCX v2, Strava's and Garmin's CSVs, and
FIT (the FIT protocol: a 14-byte header, definition and data messages, a CRC-16 at the end).

Not a package module on purpose: tests/unit is on sys.path natively and in Pyodide.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

GPX_NS = "http://www.topografix.com/GPX/1/1"
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"

#: FIT times count seconds from 1989-12-31 00:00:00 UTC (the FIT protocol's epoch).
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
#: FIT sports (the profile's "sport" type): generic 0, running 1, cycling 2, walking 11.
RUNNING, CYCLING, WALKING = 1, 2, 11


def iso(moment: datetime) -> str:
    """A UTC time as GPX and TCX write it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx(
    tracks: Sequence[Sequence[Sequence[tuple[float, float]]]],
    start: datetime,
    kind: str | None = "running",
    step_s: int = 360,
) -> bytes:
    """A GPX file: each track a list of segments, each a list of (lat, lon); a point every *step_s* s
    (6 minutes by default: 0.01 degree of longitude on the equator, 1.112 km, at 5:24 a km)."""
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="{GPX_NS}">']
    moment = start
    for track in tracks:
        parts.append("<trk><name>Run</name>" + (f"<type>{kind}</type>" if kind else ""))
        for segment in track:
            parts.append("<trkseg>")
            for lat, lon in segment:
                parts.append(
                    f'<trkpt lat="{lat}" lon="{lon}"><ele>10.0</ele><time>{iso(moment)}</time></trkpt>'
                )
                moment += timedelta(seconds=step_s)
            parts.append("</trkseg>")
        parts.append("</trk>")
        moment += timedelta(hours=3)
    parts.append("</gpx>\n")
    return "\n".join(parts).encode()


def tcx(
    start: datetime,
    laps_m: Sequence[float | None],
    sport: str = "Running",
    points: Sequence[tuple[float, float, float | None]] = (),
) -> bytes:
    """A TCX file with one activity: laps (DistanceMeters, or None to leave it out), then track points
    (lat, lon, DistanceMeters or None) in the last lap."""
    laps = []
    for index, metres in enumerate(laps_m):
        track = ""
        if index == len(laps_m) - 1 and points:
            track = (
                "<Track>"
                + "".join(
                    f"<Trackpoint><Time>{iso(start + timedelta(seconds=10 * n))}</Time>"
                    f"<Position><LatitudeDegrees>{lat}</LatitudeDegrees><LongitudeDegrees>{lon}</LongitudeDegrees></Position>"
                    + ("" if dist is None else f"<DistanceMeters>{dist}</DistanceMeters>")
                    + "</Trackpoint>"
                    for n, (lat, lon, dist) in enumerate(points)
                )
                + "</Track>"
            )
        laps.append(
            f'<Lap StartTime="{iso(start + timedelta(minutes=5 * index))}"><TotalTimeSeconds>300</TotalTimeSeconds>'
            + ("" if metres is None else f"<DistanceMeters>{metres}</DistanceMeters>")
            + f"{track}</Lap>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="{TCX_NS}"><Activities>'
        f'<Activity Sport="{sport}"><Id>{iso(start)}</Id>{"".join(laps)}</Activity></Activities>'
        "</TrainingCenterDatabase>"
    ).encode()


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed"
)


@dataclass(frozen=True)
class StravaRow:
    """One row of Strava's activities.csv: the UTC start, type, km (account unit), metres, file."""

    start: datetime
    kind: str
    distance: str
    metres: str
    filename: str = ""
    seconds: int = 3000


def strava_csv(rows: Iterable[StravaRow], header: str = STRAVA_HEADER) -> bytes:
    """Strava's activities.csv, dates written as Strava writes them ("Sep 26, 2026, 10:56:05 AM")."""
    lines = [header]
    for number, row in enumerate(rows, start=1):
        when = row.start.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " ", 1)
        lines.append(
            f'{number},"{when}",Run {number},{row.kind},,{row.seconds},"{row.distance}",150,20,false,,,'
            f"{row.filename},,,{row.seconds},{row.seconds - 60},{row.metres},4.5"
        )
    return ("\n".join(lines) + "\n").encode()


#: A Strava history whose last run is Wednesday 18 November 2026, at 07:00 UTC each: (day, km).
#: By week (from Monday): 12 Oct 40 (10 + 10 + 20), 19 Oct 40, 26 Oct 44 (10 + 10 + 24),
#: 2 Nov 40, 9 Nov 40, 16 Nov 22 (10 + 12).
RUNS_TO_18_NOVEMBER: tuple[tuple[datetime, float], ...] = tuple(
    (datetime(2026, month, day, 7, tzinfo=UTC), km)
    for month, day, km in (
        (10, 13, 10), (10, 15, 10), (10, 17, 20),
        (10, 20, 10), (10, 22, 10), (10, 24, 20),
        (10, 27, 10), (10, 29, 10), (10, 31, 24),
        (11, 3, 10), (11, 5, 10), (11, 7, 20),
        (11, 10, 10), (11, 12, 10), (11, 14, 20),
        (11, 16, 10), (11, 18, 12),
    )
)  # fmt: skip


def strava_to_18_november() -> bytes:
    """Strava's activities.csv holding `RUNS_TO_18_NOVEMBER` (distances in km, metres alongside), each
    run at 6 minutes a km."""
    return strava_csv(
        StravaRow(start, "Run", f"{km:g}", f"{km * 1000:g}", seconds=round(km * 360))
        for start, km in RUNS_TO_18_NOVEMBER
    )


GARMIN_HEADER = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR"


def garmin_csv(rows: Iterable[tuple[str, str, str, str]], header: str = GARMIN_HEADER) -> bytes:
    """Garmin Connect's Activities.csv: rows of (type, local date, distance, time) as the export writes them."""
    lines = [header]
    for kind, when, distance, duration in rows:
        lines.append(f'{kind},{when},false,"{kind} run","{distance}","1,020",{duration},--,--')
    return ("\n".join(lines) + "\n").encode()


# --- FIT --------------------------------------------------------------------------------------------


def fit_crc(data: bytes, crc: int = 0) -> int:
    """The FIT protocol's CRC-16 (polynomial 0xA001 reflected, start 0: the SDK's nibble table)."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def _definition(local: int, global_number: int, fields: Sequence[tuple[int, int, int]]) -> bytes:
    """A definition message: little-endian, each field (number, size, base type)."""
    body = struct.pack("<BBHB", 0, 0, global_number, len(fields))
    return bytes([0x40 | local]) + body + b"".join(struct.pack("BBB", *field) for field in fields)


def _fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


@dataclass(frozen=True)
class FitSession:
    """One session: its UTC start, km, elapsed seconds and FIT sport number."""

    start: datetime
    km: float
    seconds: int = 3000
    sport: int = RUNNING


def fit(sessions: Sequence[FitSession], local_offset_minutes: int | None = None, records: int = 0) -> bytes:
    """A FIT activity file: file_id, *records* record messages a second apart (as a watch writes
    them: time, position in semicircles, distance), one session message per session, and an
    activity message whose local_timestamp is *local_offset_minutes* ahead of its timestamp
    (None: no activity message)."""
    created = _fit_time(sessions[0].start) if sessions else 1_000_000_000
    data = _definition(0, 0, [(0, 1, 0x00), (1, 2, 0x84), (4, 4, 0x86)])
    data += bytes([0]) + struct.pack("<BHI", 4, 255, created)
    if records:
        data += _definition(3, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86)])
        metres_100 = round(sessions[0].km * 100_000) if sessions else 0
        for second in range(records):
            share = second / max(records - 1, 1)
            data += bytes([3]) + struct.pack(
                "<IiiI", created + second, 0, round(share * 2**20), round(share * metres_100)
            )
    data += _definition(1, 18, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00)])
    end = created
    for session in sessions:
        start = _fit_time(session.start)
        end = start + session.seconds
        metres_100 = round(session.km * 100_000)
        data += bytes([1]) + struct.pack(
            "<IIIIB", end, start, session.seconds * 1000, metres_100, session.sport
        )
    if local_offset_minutes is not None:
        data += _definition(2, 34, [(253, 4, 0x86), (5, 4, 0x86), (1, 2, 0x84)])
        data += bytes([2]) + struct.pack("<IIH", end, end + local_offset_minutes * 60, len(sessions))
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(data), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    return header + data + struct.pack("<H", fit_crc(header + data))


# --- zips -------------------------------------------------------------------------------------------


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip of these members (deflated), in this order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def gz(data: bytes) -> bytes:
    """The bytes gzipped, as Strava stores FIT and TCX files in its export."""
    return gzip.compress(data, mtime=0)


#: A tiny JPEG's first bytes (a photo in an export's media folder).
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)


def write(folder: Path, name: str, data: bytes) -> str:
    """Write a sample file; return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def straight_line(points: int, lat: float = 0.0, step_deg: float = 0.01) -> list[tuple[float, float]]:
    """Points along a parallel, *step_deg* of longitude apart."""
    return [(lat, round(step_deg * index, 6)) for index in range(points)]
