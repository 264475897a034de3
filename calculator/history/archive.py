"""Which reader a file needs, and zips and gzip read member by member, streaming, media skipped.

A file is known by its name (``.csv``, ``.gpx``, ``.tcx``, ``.fit``, each possibly ``.gz``, and
``.zip``), or, without a known ending, by its first bytes. A zip (a whole Strava or Garmin export)
is read one member at a time, each decompressed as it is read, never the whole zip at once;
photos and videos in it are skipped, and so are its other files (Strava's ``comments.csv``,
``profile.json``...): only ``activities.csv`` / ``Activities.csv`` and activity files count.
A zip inside a zip (Garmin puts its uploaded FIT files in one) is read too, one level deep; a zip
one level deeper still is not opened, and the reader is told how to unpack it.

>>> kind_of("activities/123.fit.gz", b""), kind_of("Activities.csv", b""), kind_of("IMG_1.JPG", b"")
('fit', 'csv', 'media')
>>> kind_of("upload", b"\\x0e\\x10\\x00\\x00\\x00\\x00\\x00\\x00.FIT"), kind_of("notes.txt", b"hello")
('fit', None)
"""

from __future__ import annotations

import gzip
import sys
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from calculator.history import progress
from calculator.history.activities import Activity, HistoryFileError, NoActivityError
from calculator.history.csvtext import header_index, rows
from calculator.history.fit import read_fit
from calculator.history.garmin_csv import is_garmin_header, read_garmin_rows
from calculator.history.gpx import read_gpx
from calculator.history.strava_csv import read_strava_rows, strava_columns
from calculator.history.streams import rejoined
from calculator.history.tcx import read_tcx
from calculator.reading import count

__all__ = ["MEDIA", "FileReading", "kind_of", "read_file"]

#: Endings of photos and videos, skipped in a zip and refused on their own.
MEDIA = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".heic",
    ".heif",
    ".webp",
    ".bmp",
    ".tif",
    ".tiff",
    ".mp4",
    ".mov",
    ".m4v",
    ".avi",
    ".3gp",
    ".webm",
)
#: The names of the activity lists in a zip (compared in lower case, in any folder).
ACTIVITY_LISTS = ("activities.csv",)
#: How deep zips inside zips are read.
MAX_ZIP_DEPTH = 2
#: The most problems one file reports one by one; the rest are counted.
MAX_PROBLEMS = 50


@dataclass
class FileReading:
    """What one file (or zip) gave: its activities, how many members were skipped, its problems.

    *problems* are (name, message) pairs: the file, or the zip member, and why it was not read;
    *rows_skipped* the same for the CSVs of which some rows could not be read (one line per CSV),
    and *rows_skipped_count* how many rows those are.
    """

    name: str
    activities: list[Activity] = field(default_factory=list)
    skipped: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    unreported: int = 0
    rows_skipped: list[tuple[str, str]] = field(default_factory=list)
    rows_skipped_count: int = 0

    def problem(self, name: str, message: str) -> None:
        """Note a part that could not be read (after MAX_PROBLEMS, only counted)."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((name, message))
        else:
            self.unreported += 1


def kind_of(name: str, head: bytes) -> str | None:
    """The format of a file: "zip", "csv", "gpx", "tcx", "fit", "media", or None (unknown).

    *head* is the file's first bytes (after gzip, for a ``.gz`` name), used when the name says nothing.
    """
    lower = name.lower().removesuffix(".gz")
    for ending in ("zip", "csv", "gpx", "tcx", "fit"):
        if lower.endswith("." + ending):
            return ending
    if lower.endswith(MEDIA):
        return "media"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400]
    if b"<gpx" in start:
        return "gpx"
    if b"<TrainingCenterDatabase" in start:
        return "tcx"
    if start.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")) or start[4:8] == b"ftyp":
        return "media"
    return None


def _read_csv(
    stream: IO[bytes], name: str, distance_unit: str, in_zip: bool, reading: FileReading
) -> Iterator[Activity]:
    """The activities of a CSV; its rows that could not be read are told in *reading* (one line)."""
    lines = rows(stream, name)
    header = next(lines, None)
    if header is None:
        raise HistoryFileError(f"{name} is empty.")
    index = header_index(header)
    strava = strava_columns(index)
    if strava is not None or is_garmin_header(index):
        if strava is not None:
            yield from read_strava_rows(strava, lines, name, distance_unit)
        else:
            yield from read_garmin_rows(index, lines, name, distance_unit)
        message = lines.skipped.message(name)
        if message is not None:
            reading.rows_skipped.append((name, message))
            reading.rows_skipped_count += lines.skipped.total
    elif in_zip:
        raise NoActivityError(f"{name} is not an activity list.")
    else:
        columns = ", ".join(cell.strip()[:30] for cell in header[:4] if cell.strip())
        raise HistoryFileError(
            f"{name} is not an activity list we can read: Strava's in English or German, or Garmin "
            f"Connect's in English (its columns: {columns}). Switch your account's language to English "
            "and export again, or add the activity files (GPX, TCX or FIT) instead."
        )


def _read_one(
    stream: IO[bytes], name: str, kind: str, distance_unit: str, in_zip: bool, reading: FileReading
) -> Iterator[Activity]:
    """The activities of one file of a known kind (not a zip)."""
    if kind == "csv":
        return _read_csv(stream, name, distance_unit, in_zip, reading)
    if kind == "gpx":
        return read_gpx(stream, name)
    if kind == "tcx":
        return read_tcx(stream, name)
    return read_fit(stream, name)


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream and a stream that still starts at the beginning."""
    head = stream.read(512)
    if stream.seekable():
        stream.seek(0)
        return head, stream
    return head, rejoined(head, stream)


def _read_stream(
    stream: IO[bytes], name: str, reading: FileReading, distance_unit: str, depth: int, in_zip: bool
) -> None:
    """Read one stream into *reading*: its activities, or its problem."""
    try:
        if name.lower().endswith(".gz"):
            stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
        head, stream = _peek(stream)
        kind = kind_of(name, head)
        if kind == "media" or (kind is None and in_zip):
            if in_zip:
                reading.skipped += 1
                return
            raise HistoryFileError(f"{name} is a photo or video, not an activity file.")
        if not head:
            raise HistoryFileError(f"{name} is empty.")
        if kind is None:
            raise HistoryFileError(
                f"{name} is not a file we can read: add Strava's or Garmin's export (the zip, "
                "activities.csv or Activities.csv) or activity files (GPX, TCX or FIT)."
            )
        if kind == "zip":
            if depth >= MAX_ZIP_DEPTH:
                raise HistoryFileError(
                    f"{name} is a zip inside a zip inside a zip: zips nested that deep are not opened. "
                    "Unpack the zips on your device (open each in turn) and add the files inside instead."
                )
            _read_zip(stream, name, reading, distance_unit, depth + 1)
            return
        # A file counts whole or not at all: a fault halfway leaves none of its activities.
        found = list(_read_one(stream, name, kind, distance_unit, in_zip, reading))
        reading.activities.extend(found)
        progress.member(name, len(reading.activities))
    except NoActivityError as error:
        if in_zip:
            reading.skipped += 1
        else:
            reading.problem(name, str(error))
    except HistoryFileError as error:
        reading.problem(name, str(error))
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, NotImplementedError):
        reading.problem(name, f"{name} is damaged or cut short: it could not be decompressed.")
    except Exception:  # noqa: BLE001 (a fault in a reader on one file must not lose the others: details on stderr)
        traceback.print_exc(file=sys.stderr)
        reading.problem(
            name, f"{name} could not be read: it may be damaged (a fault in the calculator's reader)."
        )


def _read_zip(stream: IO[bytes], name: str, reading: FileReading, distance_unit: str, depth: int) -> None:
    """Read a zip member by member (each streamed); note a zip that holds no activity."""
    if not stream.seekable():
        raise HistoryFileError(f"{name}: a zip inside a compressed file cannot be read: unpack it first.")
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError, OverflowError):
        raise HistoryFileError(f"{name} is not a complete zip file (it may be cut short).") from None
    before = len(reading.activities)
    with archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            member_name = f"{name}: {member.filename}"
            base = member.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
            if base.endswith(".csv") and base not in ACTIVITY_LISTS:
                reading.skipped += 1
                continue
            try:
                with archive.open(member) as part:
                    _read_stream(part, member_name, reading, distance_unit, depth, in_zip=True)
            # OverflowError: a damaged member's offset beyond what a seek takes (2 GiB under Pyodide's 32 bits)
            except (
                RuntimeError,
                NotImplementedError,
                zipfile.BadZipFile,
                OSError,
                EOFError,
                zlib.error,
                OverflowError,
            ):
                reading.problem(member_name, f"{member_name} could not be unpacked (damaged or encrypted).")
    if depth == 1 and len(reading.activities) == before and not reading.problems:
        raise HistoryFileError(
            f"{name} holds no activities (only {count(reading.skipped, 'other file')}, such as photos)."
            if reading.skipped
            else f"{name} is an empty zip."
        )


def read_file(opener: Callable[[], IO[bytes]], name: str, distance_unit: str = "km") -> FileReading:
    """Read one file (or zip) from *opener* (a function giving its bytes as a stream); never raises
    for what is in the file: every problem is in the reading, with the file's name.

    >>> import io
    >>> reading = read_file(lambda: io.BytesIO(b""), "empty.gpx")
    >>> reading.activities, reading.problems
    ([], [('empty.gpx', 'empty.gpx is empty.')])
    """
    reading = FileReading(name)
    try:
        with opener() as stream:
            _read_stream(stream, name, reading, distance_unit, 0, in_zip=False)
    except HistoryFileError as error:
        reading.problem(name, str(error))
    except OSError as error:
        reading.problem(name, f"{name} could not be opened ({error.strerror or 'unreadable'}).")
    return reading
