"""Strava's bulk export ``activities.csv``: one row per activity, in English or German column names.

The header repeats names: the first ``Distance`` is in the account's unit (km or miles), a later
one in metres; the first ``Elapsed Time`` is in seconds. ``Activity Date`` is the start in UTC,
written like ``Sep 26, 2026, 10:56:05 AM`` (older exports: ``26 Sep 2026, 10:56:05``).
``Filename`` names the activity's own file in the export (``activities/123.fit.gz``), so a run
read from both counts once. ``Activity Type`` is Run, Trail Run, Virtual Run, Walk, Ride, ...

Strava translates the header, the types and the dates for an account in another language
(`TRANSLATED_COLUMNS`): a German export is read too; other languages are refused with what to do,
as no real export in them was found to check their words against.

>>> import io
>>> text = ('Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance\\n'
...         '1,"Sep 26, 2026, 10:56:05 AM",Morning Run,Run,3000,"10.01",activities/1.gpx,10012.5\\n')
>>> [(a.start_utc.isoformat(), a.km, a.kind, a.link) for a in read_strava_csv(io.BytesIO(text.encode()), "activities.csv")]
[('2026-09-26T10:56:05+00:00', 10.0125, 'Run', 'activities/1.gpx')]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
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

__all__ = ["DATE_FORMATS", "TRANSLATED_COLUMNS", "read_strava_csv", "read_strava_rows", "strava_columns"]

#: How Strava has written ``Activity Date`` (UTC), newest first; the last one is a German account's
#: (``"09.12.2022, 15:24:49"`` in a real export's row quoted in martin-ueding/geo-activity-playground
#: issue 86). It is UTC there too: the same row's name, given at the start in local time, says
#: "2022-12-09 16:24", one hour later (Germany in December is UTC+1); that project reads the column
#: as UTC (src/geo_activity_playground/features/strava/checkout_importer.py).
DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y, %H:%M:%S",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%d.%m.%Y, %H:%M:%S",
)
#: The columns read here as a translated export names them (lower case), by language. German: the
#: header of real exports quoted in martin-ueding/geo-activity-playground issues 191 (2024) and 348
#: (2025), as mapped in its src/geo_activity_playground/features/strava/strava-csv-mapping.json.
TRANSLATED_COLUMNS: dict[str, dict[str, str]] = {
    "de": {
        "activity date": "aktivitätsdatum",
        "activity type": "aktivitätsart",
        "distance": "distanz",
        "elapsed time": "verstrichene zeit",
        "filename": "dateiname",
    },
}
#: Why a row was skipped when its date is not one Strava writes (or not a real day).
BAD_DATE = (
    "a date not written as Strava writes them (like Sep 26, 2026, 10:56:05 AM), or a day that does not exist"
)
#: Miles to km (international mile: 1.609344 km exactly).
KM_PER_MILE = 1.609344


def strava_columns(index: dict[str, list[int]]) -> dict[str, list[int]] | None:
    """The columns of a Strava ``activities.csv`` header by their English names, or None when the
    header is not one (it needs "Activity Date" and "Activity Type", in English or a language of
    `TRANSLATED_COLUMNS`).

    >>> strava_columns({"aktivitätsdatum": [1], "aktivitätsart": [3], "distanz": [6, 17]})
    {'activity date': [1], 'activity type': [3], 'distance': [6, 17]}
    >>> strava_columns({"date": [0]}) is None
    True
    """
    if "activity date" in index and "activity type" in index:
        return index
    for names in TRANSLATED_COLUMNS.values():
        if names["activity date"] in index and names["activity type"] in index:
            return {english: index[name] for english, name in names.items() if name in index}
    return None


def read_date(text: str) -> datetime | None:
    """The UTC start of a Strava row, or None.

    >>> read_date("Sep 26, 2026, 10:56:05 AM").isoformat(), read_date("26 Sep 2026, 22:56:05").hour
    ('2026-09-26T10:56:05+00:00', 22)
    >>> read_date("09.12.2022, 15:24:49").isoformat()
    '2022-12-09T15:24:49+00:00'
    """
    cleaned = " ".join(text.replace("\u202f", " ").split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def read_strava_csv(stream: IO[bytes], name: str, distance_unit: str = "km") -> Iterator[Activity]:
    """Every activity of a Strava ``activities.csv`` (a byte stream, read row by row).

    *distance_unit* ("km" or "mi") is the account's unit, used only for a row without the
    distance in metres. Raises `HistoryFileError` for a file that is not one.
    """
    lines = rows(stream, name)
    header = next(lines, None)
    if header is None:
        raise HistoryFileError(f"{name} is empty.")
    index = strava_columns(header_index(header))
    if index is None:
        raise HistoryFileError(f"{name} is not a Strava activities.csv.")
    yield from read_strava_rows(index, lines, name, distance_unit)


def _cell(row: list[str], positions: list[int] | None, which: int = 0) -> str:
    if not positions or len(positions) <= which or positions[which] >= len(row):
        return ""
    return row[positions[which]]


def read_strava_rows(
    index: dict[str, list[int]], lines: CsvRows, name: str, distance_unit: str
) -> Iterator[Activity]:
    """The activities of a Strava CSV's rows after its header (see `read_strava_csv`). A row without a
    date Strava writes is skipped and noted in ``lines.skipped``; when no row at all could be read
    for that, raises `HistoryFileError` (a spreadsheet program rewrote the dates)."""
    per_unit = KM_PER_MILE if distance_unit == "mi" else 1.0
    distance = index.get("distance")
    elapsed = index.get("elapsed time")
    read_any = False
    for row in lines:
        if not any(cell.strip() for cell in row):
            continue
        text = _cell(row, index["activity date"])
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
        metres = read_number(_cell(row, distance, 1)) if distance and len(distance) > 1 else None
        if metres is not None:
            km = metres / 1000
        else:
            first = read_number(_cell(row, distance))
            km = 0.0 if first is None else first * per_unit
        yield Activity(
            start_utc=start,
            start_local=None,
            km=max(km, 0.0),
            kind=_cell(row, index["activity type"]).strip() or None,
            source=name,
            link=_cell(row, index.get("filename")).strip() or None,
            seconds=read_duration(_cell(row, elapsed)),
        )
    if not read_any and BAD_DATE in lines.skipped.rows:
        raise HistoryFileError(
            f"{name}: the dates in Activity Date are not written as Strava writes them "
            f"(like Sep 26, 2026, 10:56:05 AM). {RESAVED}"
        )
