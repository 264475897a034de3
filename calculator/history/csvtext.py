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
import math
import re
from collections.abc import Callable
from typing import IO, cast

from calculator.history.activities import HistoryFileError
from calculator.reading import words

__all__ = [
    "NO_DATE",
    "NO_VALUE",
    "RESAVED",
    "UNCLOSED_QUOTE",
    "CsvRows",
    "SkippedRows",
    "delimiter",
    "header_index",
    "read_duration",
    "read_number",
    "rows",
]

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


#: What a skipped row's reason is when a quote opened in it is never closed.
UNCLOSED_QUOTE = 'an opening quote (") never closed, which ran on into the rows after it (they were read again on their own)'
#: What a skipped row's reason is when its date cell is empty (or the row ends before it).
NO_DATE = "no date"
#: How many row numbers a reason lists; the rest are counted.
ROWS_NAMED = 5
#: The most rows with an unclosed quote read again in one file: more, and it is not a CSV file
#: we can read (each reading again goes over up to MAX_FIELD characters).
MAX_REREAD = 20


class SkippedRows:
    """The rows of a CSV that were not read, by reason, to tell the reader in one line per file.

    >>> skipped = SkippedRows()
    >>> for line in (3, 4, 5, 6, 7, 9):
    ...     skipped.add(line, "a date not written as Strava writes them")
    >>> skipped.add(8, NO_DATE)
    >>> print(skipped.message("activities.csv"))
    activities.csv: 7 rows were not read, so they are not counted; rows 3, 4, 5, 6, 7 and 1 more: a date not written as Strava writes them; row 8: no date. Row 1 is the header, as a spreadsheet numbers them; the other rows were counted.
    >>> SkippedRows().message("a.csv") is None
    True
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {}

    def add(self, line: int, reason: str) -> None:
        """Note row *line* (the header is row 1) as skipped for *reason*."""
        self.rows.setdefault(reason, []).append(line)

    @property
    def total(self) -> int:
        """How many rows were skipped."""
        return sum(len(lines) for lines in self.rows.values())

    def message(self, name: str) -> str | None:
        """One sentence for the reader naming the file, how many rows, why and which, or None."""
        if not self.rows:
            return None
        parts = []
        for reason, lines in self.rows.items():
            named = [str(line) for line in lines[:ROWS_NAMED]]
            more = len(lines) - len(named)
            which = words([*named, f"{more} more"] if more else named)
            parts.append(f"{'row' if len(lines) == 1 else 'rows'} {which}: {reason}")
        total = self.total
        verb = (
            "row was not read, so it is not counted"
            if total == 1
            else "rows were not read, so they are not counted"
        )
        return (
            f"{name}: {total} {verb}; {'; '.join(parts)}. Row 1 is the header, as a spreadsheet numbers "
            "them; the other rows were counted."
        )


class CsvRows:
    """The CSV rows of a byte stream, read as UTF-8 (a byte-order mark allowed) one line at a time,
    cells separated by commas, or by semicolons when the header is (`delimiter`).

    Each row's number in the file (`line`: the header is row 1, as a spreadsheet numbers them) is
    known, and how many lines it took (`span`: a quoted cell may hold line breaks). A quote opened
    and never closed swallows the rows after it: a row of several lines whose cell count is not
    the header's is set aside (in `skipped`) and the lines after its first are read again, each
    on its own; a reader that finds such a row's date unreadable does the same (`read_again`).

    Raises `HistoryFileError` for text that is not UTF-8, or a line too long to be a CSV row.

    >>> import io
    >>> data = b'Date,Km\\n2026-09-21,5\\n"2026-09-22,5\\n2026-09-23,5\\n'
    >>> lines = CsvRows(io.BytesIO(data), "a.csv")
    >>> [(lines.line, row) for row in lines]
    [(1, ['Date', 'Km']), (2, ['2026-09-21', '5']), (4, ['2026-09-23', '5'])]
    >>> lines.skipped.rows == {UNCLOSED_QUOTE: [3]}
    True
    """

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.name = name
        self.skipped = SkippedRows()
        self.line = 0
        self.span = 0
        self._text = io.TextIOWrapper(cast(IO[bytes], _Unclosed(stream)), encoding="utf-8-sig", newline="")
        self._pending: list[tuple[int, str]] = []  # lines to read again, the next last
        self._taken: list[tuple[int, str]] = []  # the lines of the row being read
        self._numbered = 0
        self._columns: int | None = None
        self._reread = 0
        try:
            first = self._text.readline(MAX_FIELD)
        except UnicodeDecodeError:
            raise self._not_utf8() from None
        if first:
            self._numbered = 1
            self._pending.append((1, first))
        self._reader = csv.reader(_Resumable(self._next_line), delimiter=delimiter(first))

    def _not_utf8(self) -> HistoryFileError:
        return HistoryFileError(
            f"{self.name} is not UTF-8 text: export it again from Strava or Garmin Connect, unchanged."
        )

    def _next_line(self) -> str:
        """The next line for the csv reader: one set aside to read again, else the file's next
        (a function, not a generator: after the end of the file, lines set aside may still come)."""
        if self._pending:
            number, text = self._pending.pop()
        else:
            text = self._text.readline()
            if not text:
                raise StopIteration
            self._numbered += 1
            number = self._numbered
        self._taken.append((number, text))
        return text

    def __iter__(self) -> CsvRows:
        return self

    def __next__(self) -> list[str]:
        while True:
            self._taken = []
            try:
                row = next(self._reader)
            except UnicodeDecodeError:
                raise self._not_utf8() from None
            except csv.Error:
                if len(self._taken) < 2:
                    raise HistoryFileError(
                        f"{self.name} is not a CSV file we can read: a line is broken or far too long."
                    ) from None
                self.line, self.span = self._taken[0][0], len(self._taken)
                self.read_again()
                continue
            self.line, self.span = self._taken[0][0], len(self._taken)
            if self._columns is None:
                self._columns = len(row)
            elif self.span > 1 and len(row) != self._columns:
                self.read_again()
                continue
            return row

    def read_again(self) -> None:
        """Set the last row aside as broken by an unclosed quote, and read its lines after the first
        again, each on its own (only for a row of several lines)."""
        if self.span < 2:
            return
        self._reread += 1
        if self._reread > MAX_REREAD:
            raise HistoryFileError(
                f"{self.name} is not a CSV file we can read: more than {MAX_REREAD} of its rows open a "
                'quote (") and never close it.'
            )
        self.skipped.add(self.line, UNCLOSED_QUOTE)
        self._pending.extend(reversed(self._taken[1:]))
        self.span = 1


def rows(stream: IO[bytes], name: str) -> CsvRows:
    """The CSV rows of a byte stream (see `CsvRows`)."""
    return CsvRows(stream, name)


class _Resumable:
    """Lines from a function that raises StopIteration at the end, and may give more after it
    (unlike a generator, which ends for good)."""

    def __init__(self, next_line: Callable[[], str]) -> None:
        self._next_line = next_line

    def __iter__(self) -> _Resumable:
        return self

    def __next__(self) -> str:
        return self._next_line()


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
