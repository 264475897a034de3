"""What the Strava and Garmin CSV readers share: numbers and times as exports write them, the header.

A CSV re-saved by a spreadsheet program in many European locales (Excel in German, French,
Dutch...) has its cells separated by semicolons: a header with more semicolons than commas
(outside quotes) is read that way (`delimiter`).

Exports write "no value" as ``--`` or an empty cell, thousands with commas (``"1,020"``) and,
in some locales, decimals with a comma (``"10,5"``). A comma followed by exactly three digits
and nothing else is a thousands separator; any other single comma is a decimal comma; with both
a comma and a point, the last one is the decimal mark.

>>> [read_number(text) for text in ("10.02", "1,020", "10,5", "1.234,5", "1,234.5", "--", "", "x")]
[10.02, 1020.0, 10.5, 1234.5, 1234.5, None, None, None]
>>> read_duration("1:02:03"), read_duration("45:30"), read_duration("2730"), read_duration("--")
(3723.0, 2730.0, 2730.0, None)
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Iterator
from typing import IO, cast

from calculator.history.activities import HistoryFileError

__all__ = ["NO_VALUE", "RESAVED", "delimiter", "header_index", "read_duration", "read_number", "rows"]

#: What exports write for "no value".
NO_VALUE = frozenset({"", "--", "-", "—", "n/a"})
#: What to do when a spreadsheet program saved the export again and rewrote its dates.
RESAVED = (
    "If a spreadsheet program (such as Excel) opened and saved it, it rewrote them: add the file "
    "as Strava or Garmin Connect exported it, unchanged."
)
#: The longest line a CSV reader takes: a longer one is not an activity list.
MAX_FIELD = 1_000_000


def read_number(text: str) -> float | None:
    """A number as an export writes it (see the module), or None for no value or not a number."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if cleaned.lower() in NO_VALUE:
        return None
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif cleaned.count(",") == 1:
        whole, _, fraction = cleaned.partition(",")
        cleaned = whole + fraction if len(fraction) == 3 and whole.lstrip("-") else whole + "." + fraction
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_duration(text: str) -> float | None:
    """Seconds from ``h:mm:ss``, ``mm:ss`` or plain seconds (decimals allowed), or None.

    >>> read_duration("0:59:59.9"), read_duration("1:75:00")
    (3599.9, None)
    """
    cleaned = text.strip()
    if cleaned.lower() in NO_VALUE:
        return None
    parts = cleaned.split(":")
    if len(parts) > 3:
        return None
    numbers = [read_number(part) for part in parts]
    if any(number is None or number < 0 for number in numbers):
        return None
    values = [number for number in numbers if number is not None]
    if any(value >= 60 for value in values[1:]):
        return None
    seconds = 0.0
    for value in values:
        seconds = seconds * 60 + value
    return seconds


def delimiter(header: str) -> str:
    """The cell separator of a CSV from its header line: ";" when it has more semicolons than
    commas outside quotes (a spreadsheet's re-save), else ",".

    >>> delimiter('Activity ID,"Activity Date",Distance'), delimiter('Activity ID;Activity Date;"Distance, km"')
    (',', ';')
    """
    unquoted = re.sub(r'"[^"]*"', "", header)
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def rows(stream: IO[bytes], name: str) -> Iterator[list[str]]:
    """The CSV rows of a byte stream, read as UTF-8 (a byte-order mark allowed) one line at a time,
    cells separated by commas, or by semicolons when the header is (`delimiter`).

    Raises `HistoryFileError` for text that is not UTF-8, or a line too long to be a CSV row.
    """
    text = io.TextIOWrapper(cast(IO[bytes], _Unclosed(stream)), encoding="utf-8-sig", newline="")
    try:
        first = text.readline(MAX_FIELD)
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter(first))
        yield from reader
    except UnicodeDecodeError:
        raise HistoryFileError(
            f"{name} is not UTF-8 text: export it again from Strava or Garmin Connect, unchanged."
        ) from None
    except csv.Error:
        raise HistoryFileError(
            f"{name} is not a CSV file we can read: a line is broken or far too long."
        ) from None


class _Unclosed(io.RawIOBase):
    """A byte stream seen through a text reader that must not close it (its owner does)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def header_index(header: list[str]) -> dict[str, list[int]]:
    """Each column name (trimmed, lower case) and every position it holds: exports repeat some.

    >>> header_index(["Distance", "Date", " distance "])
    {'distance': [0, 2], 'date': [1]}
    """
    index: dict[str, list[int]] = {}
    for position, title in enumerate(header):
        index.setdefault(title.strip().lower(), []).append(position)
    return index


csv.field_size_limit(MAX_FIELD)
