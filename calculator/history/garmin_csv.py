"""Garmin Connect's ``Activities.csv``: one row per activity, columns that vary by export year.

The columns used are ``Activity Type``, ``Date`` (the local start, ``2026-09-26 10:56:05``),
``Distance`` (in the account's unit, km or miles: the header does not say) and ``Time``
(``h:mm:ss``). ``--`` is no value; numbers may carry thousands separators or decimal commas
(`calculator.history.csvtext`). Garmin's running types: Running, Trail Running, Treadmill
Running, Track Running, Indoor Running, Virtual Run, Ultra Run, ...

>>> import io
>>> text = ('Activity Type,Date,Favorite,Title,Distance,Calories,Time\\n'
...         'Running,2026-09-26 07:05:00,false,Easy,"10,02","1,020",00:55:10\\n')
>>> [(a.start_local.isoformat(), a.km, a.kind, a.seconds) for a in read_garmin_csv(io.BytesIO(text.encode()), "Activities.csv")]
[('2026-09-26T07:05:00', 10.02, 'Running', 3310.0)]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO

from calculator.history.activities import Activity, HistoryFileError
from calculator.history.csvtext import (
    NO_DATE,
    RESAVED,
    CsvRows,
    header_index,
    read_duration,
    read_number,
    rows,
)
from calculator.history.strava_csv import KM_PER_MILE

__all__ = ["is_garmin_header", "read_garmin_csv", "read_garmin_rows"]

#: How Garmin Connect writes ``Date`` (local time).
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y-%m-%d")

#: Why a row was skipped when its date is not one Garmin Connect writes (or not a real time).
BAD_DATE = (
    "a date not written as Garmin Connect writes them (like 2026-09-26 07:05:00), or a day or hour that "
    "does not exist"
)


def is_garmin_header(index: dict[str, list[int]]) -> bool:
    """A Garmin Connect ``Activities.csv`` header: "Activity Type", "Date" and "Distance"."""
    return "activity type" in index and "date" in index and "distance" in index


def read_date(text: str) -> datetime | None:
    """The local start of a Garmin row, or None.

    >>> read_date("2026-09-26 07:05:00").isoformat(), read_date("26.09.2026")
    ('2026-09-26T07:05:00', None)
    """
    cleaned = " ".join(text.split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    return None


def read_garmin_csv(stream: IO[bytes], name: str, distance_unit: str = "km") -> Iterator[Activity]:
    """Every activity of a Garmin Connect ``Activities.csv`` (a byte stream, read row by row).

    *distance_unit* ("km" or "mi") is the account's unit. Raises `HistoryFileError` for a file
    that is not one.
    """
    lines = rows(stream, name)
    header = next(lines, None)
    if header is None:
        raise HistoryFileError(f"{name} is empty.")
    index = header_index(header)
    if not is_garmin_header(index):
        raise HistoryFileError(f"{name} is not a Garmin Connect Activities.csv.")
    yield from read_garmin_rows(index, lines, name, distance_unit)


def read_garmin_rows(
    index: dict[str, list[int]], lines: CsvRows, name: str, distance_unit: str
) -> Iterator[Activity]:
    """The activities of a Garmin CSV's rows after its header (see `read_garmin_csv`). A row without a
    date Garmin Connect writes is skipped and noted in ``lines.skipped``; when no row at all could
    be read for that, raises `HistoryFileError` (a spreadsheet program rewrote the dates)."""
    per_unit = KM_PER_MILE if distance_unit == "mi" else 1.0
    kind_at, date_at, distance_at = index["activity type"][0], index["date"][0], index["distance"][0]
    time_at = index.get("time", index.get("elapsed time", [None]))[0]
    read_any = False
    for row in lines:
        if not any(cell.strip() for cell in row):
            continue
        text = row[date_at] if date_at < len(row) else ""
        start = read_date(text)
        if start is None:
            if lines.span > 1:
                lines.read_again()
            elif not text.strip():
                lines.skipped.add(lines.line, NO_DATE)
            else:
                lines.skipped.add(lines.line, BAD_DATE)
            continue
        read_any = True
        distance = read_number(row[distance_at]) if distance_at < len(row) else None
        seconds = read_duration(row[time_at]) if time_at is not None and time_at < len(row) else None
        yield Activity(
            start_utc=None,
            start_local=start,
            km=0.0 if distance is None else max(distance * per_unit, 0.0),
            kind=row[kind_at].strip() or None if kind_at < len(row) else None,
            source=name,
            seconds=seconds,
        )
    if not read_any and BAD_DATE in lines.skipped.rows:
        raise HistoryFileError(
            f"{name}: the dates in Date are not written as Garmin Connect writes them "
            f"(like 2026-09-26 07:05:00). {RESAVED}"
        )
