"""FIT files (what watches record): each session is one activity.

The FIT protocol (Garmin's public "FIT Protocol" document, and the FIT profile's message tables)
frames a file as a header, records and a CRC-16:

- the header: its size (12 or 14 bytes), the protocol and profile versions, the records' size
  in bytes (little-endian), ``.FIT``, and in a 14-byte header a CRC of the first 12 bytes (0: none);
- each record starts with one byte: a *definition* (bit 6) says which fields, of what size and
  byte order, the data messages of a local number (bits 0-3) hold until it is redefined, with
  developer fields after them when bit 5 is set; a *data* message holds those bytes; a header with
  bit 7 set is a data message with a compressed time (its local number in bits 5-6);
- after the records, a CRC-16 of everything before it; another file may follow (chained files).

Only two of the profile's messages are read: *session* (global number 18: start, sport, elapsed
time and distance) and *activity* (34: the watch's local time, so the day is the runner's own).
Every other data message, most of them one per second, is stepped over by the size its definition
gives, without decoding: a watch's hour of records is read in a few milliseconds, where a full
decoder (fitdecode, which the tests use to check every file read here) takes about 70 ms. A file
with no session (a watch's settings, its daily monitoring) holds no activity.

>>> from calculator.history.fit import fit_crc
>>> hex(fit_crc(b"123456789"))  # CRC-16/ARC's check value (the CRC catalogue: 0xbb3d)
'0xbb3d'
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import IO

from calculator.history.activities import Activity, HistoryFileError, NoActivityError

__all__ = ["fit_crc", "read_fit"]

#: FIT's date_time counts seconds from 1989-12-31 00:00:00 UTC (the FIT profile's epoch).
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
#: A date_time under this is relative (seconds since the device started), not a date (the profile).
FIRST_DATE = 0x10000000
#: The largest gap between a watch's local time and UTC (UTC+14 to UTC-12).
MAX_OFFSET = timedelta(hours=14)
#: Some of the FIT profile's sports by number: only running (1) counts as a run.
SPORTS = {0: "generic", 1: "running", 2: "cycling", 5: "swimming", 11: "walking", 17: "hiking"}

#: The profile's global message numbers and the fields read from them: number -> name.
SESSION, ACTIVITY = 18, 34
#: What `_messages` yields at the end of each of chained files (not a profile number).
FILE_END = -1
FIELDS = {
    SESSION: {2: "start_time", 5: "sport", 7: "total_elapsed_time", 9: "total_distance"},
    ACTIVITY: {253: "timestamp", 5: "local_timestamp"},
}
#: Integer base types (the protocol's base type number, bits 0-4): struct code and invalid value.
INTEGER_TYPES = {
    0x00: ("B", 0xFF),  # enum
    0x01: ("b", 0x7F),  # sint8
    0x02: ("B", 0xFF),  # uint8
    0x03: ("h", 0x7FFF),  # sint16
    0x04: ("H", 0xFFFF),  # uint16
    0x05: ("i", 0x7FFFFFFF),  # sint32
    0x06: ("I", 0xFFFFFFFF),  # uint32
    0x0A: ("B", 0),  # uint8z
    0x0B: ("H", 0),  # uint16z
    0x0C: ("I", 0),  # uint32z
    0x0E: ("q", 0x7FFFFFFFFFFFFFFF),  # sint64
    0x0F: ("Q", 0xFFFFFFFFFFFFFFFF),  # uint64
    0x10: ("Q", 0),  # uint64z
}
#: How much of a file is read at a time (a file is never held whole).
CHUNK = 1024 * 1024
#: The longest definition message: header, 5 fixed bytes, 255 fields and 255 developer fields of 3 bytes.
LARGEST_DEFINITION = 1 + 5 + 3 * 255 + 1 + 3 * 255
CUT_SHORT = "{name} is cut short: the FIT file ends in the middle (it may not have finished copying)."


@cache
def _crc_tables() -> tuple[list[int], list[int]]:
    """The FIT CRC-16 (the FIT SDK's nibble table: CRC-16/ARC, polynomial 0xA001 reflected, start 0)
    as tables for one byte and for two bytes at a time (the register is 16 bits, so two bytes
    xor-ed into it are consumed whole: one lookup per two bytes)."""
    nibble = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401]
    nibble += [0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
    one = []
    for byte in range(256):
        crc = nibble[byte & 0xF]  # the SDK's two nibble steps, from a register of 0
        crc = (crc >> 4) ^ nibble[crc & 0xF] ^ nibble[(byte >> 4) & 0xF]
        one.append(crc)
    two = [(one[x & 0xFF] >> 8) ^ one[(one[x & 0xFF] ^ (x >> 8)) & 0xFF] for x in range(65536)]
    return one, two


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """The FIT protocol's CRC-16 of *data*, continuing from *crc* (0 for a file's start).

    >>> fit_crc(b"") == 0 and fit_crc(b"34", fit_crc(b"12")) == fit_crc(b"1234")
    True
    """
    one, two = _crc_tables()
    view = memoryview(data)
    even = len(view) & ~1
    words = array("H")
    words.frombytes(view[:even])
    if sys.byteorder == "big":
        words.byteswap()
    for word in words:
        crc = two[crc ^ word]
    if even != len(view):
        crc = (crc >> 8) ^ one[(crc ^ view[even]) & 0xFF]
    return crc


@dataclass
class _Definition:
    """What a definition message says its data messages hold."""

    number: int  # the profile's global message number
    size: int  # bytes of every field, developer fields included
    #: the fields read (`FIELDS`): name -> (offset in the message, its format, its invalid value)
    wanted: dict[str, tuple[int, struct.Struct, int]] = field(default_factory=dict)


@dataclass
class _Window:
    """The file's bytes, read a CHUNK at a time, with the CRC of those already passed over."""

    stream: IO[bytes]
    name: str
    data: bytes = b""
    at: int = 0  # the next byte to read in *data*
    crc: int = 0  # the CRC of the file's bytes before *crc_from*
    crc_from: int = 0
    ended: bool = False

    def _read_more(self, size: int) -> None:
        """Drop the bytes already read (their CRC kept) and read at least *size* more if there are."""
        self.crc = fit_crc(memoryview(self.data)[self.crc_from : self.at], self.crc)
        more = self.stream.read(max(CHUNK, size))
        self.ended = not more
        self.data, self.at, self.crc_from = self.data[self.at :] + more, 0, 0

    def have(self, size: int) -> None:
        """Read on until *size* bytes are there to read, or the file ends."""
        while len(self.data) - self.at < size and not self.ended:
            self._read_more(size)

    def take(self, size: int) -> memoryview:
        """The next *size* bytes (HistoryFileError when the file ends before them)."""
        self.have(size)
        if len(self.data) - self.at < size:
            raise HistoryFileError(CUT_SHORT.format(name=self.name))
        start = self.at
        self.at += size
        return memoryview(self.data)[start : self.at]

    def checksum(self) -> int:
        """The CRC of the file's bytes so far; the count starts again after it (chained files)."""
        crc = fit_crc(memoryview(self.data)[self.crc_from : self.at], self.crc)
        self.crc, self.crc_from = 0, self.at
        return crc

    def at_end(self) -> bool:
        """True when no byte is left."""
        if self.at == len(self.data) and not self.ended:
            self._read_more(CHUNK)
        return self.at == len(self.data)


def _define(record: memoryview, big_endian: bool, global_number: int) -> _Definition:
    """A definition from its field triples (number, size, base type), as the protocol lays them out."""
    order = ">" if big_endian else "<"
    names = FIELDS.get(global_number, {})
    definition = _Definition(number=global_number, size=0)
    for start in range(0, len(record), 3):
        number, size, base = record[start], record[start + 1], record[start + 2]
        name = names.get(number)
        integer = INTEGER_TYPES.get(base & 0x1F)
        if name and integer and struct.calcsize(integer[0]) == size:
            definition.wanted[name] = (definition.size, struct.Struct(order + integer[0]), integer[1])
        definition.size += size
    return definition


def _values(definition: _Definition, message: memoryview) -> dict[str, int]:
    """The wanted fields of a data message, leaving out invalid values (the protocol's "no value")."""
    values = {}
    for name, (offset, form, invalid) in definition.wanted.items():
        (value,) = form.unpack_from(message, offset)
        if value != invalid:
            values[name] = value
    return values


def _messages(window: _Window) -> Iterator[tuple[int, dict[str, int]]]:
    """(global number, values) of every session and activity message of one FIT file (chained files
    one after another, each followed by (FILE_END, {})), the CRCs checked. Raises `HistoryFileError`
    for a damaged file."""
    name = window.name
    while True:
        size = window.take(1)[0]
        if size < 12:
            raise HistoryFileError(f"{name} is not a FIT file (or it is empty).")
        header = bytes(window.take(size - 1))
        if header[7:11] != b".FIT":
            raise HistoryFileError(f"{name} is not a FIT file (or it is empty).")
        header_crc = int.from_bytes(header[11:13], "little") if size >= 14 else 0
        if header_crc and fit_crc(bytes([size]) + header[:11]) != header_crc:
            raise HistoryFileError(f"{name} is damaged: the checksum of its header does not match.")
        remaining = int.from_bytes(header[3:7], "little")
        definitions: dict[int, _Definition] = {}
        room = LARGEST_DEFINITION  # the most bytes the next record can take
        data, at = window.data, window.at
        while remaining > 0:  # a data message at a time, from *data* itself: most of a file's time
            if len(data) - at < room:
                window.at = at
                window.have(room)
                data, at = window.data, window.at
                if at == len(data):
                    raise HistoryFileError(CUT_SHORT.format(name=name))
            head = data[at]
            if head & 0x80:  # a compressed-time header: a data message of local number 0-3
                local = (head >> 5) & 0x3
            elif head & 0x40:
                window.at = at + 1
                definition = _read_definition(window, developer=bool(head & 0x20))
                definitions[head & 0xF] = definition
                room = max(room, 1 + definition.size)
                remaining -= window.at - at
                data, at = window.data, window.at
                continue
            else:
                local = head & 0xF
            found = definitions.get(local)
            if found is None:
                raise HistoryFileError(
                    f"{name} is a damaged FIT file: a message comes before its definition."
                )
            end = at + 1 + found.size
            if end > len(data):
                raise HistoryFileError(CUT_SHORT.format(name=name))
            if found.wanted:
                yield found.number, _values(found, memoryview(data)[at + 1 : end])
            remaining -= end - at
            at = end
        window.at = at
        if remaining < 0:
            raise HistoryFileError(
                f"{name} is a damaged FIT file: its records overrun the size its header gives."
            )
        computed = window.checksum()
        if int.from_bytes(window.take(2), "little") != computed:
            raise HistoryFileError(f"{name} is damaged: its checksum does not match its contents.")
        window.checksum()
        yield FILE_END, {}
        if window.at_end():
            return


def _read_definition(window: _Window, developer: bool) -> _Definition:
    """A definition message's content (after its header byte): reserved, architecture (1: big-endian),
    global number, field count, the fields' (number, size, base type), then developer fields'
    (number, size, developer index) when the header says there are."""
    fixed = window.take(5)
    big_endian = fixed[1] == 1
    global_number = int.from_bytes(fixed[2:4], "big" if big_endian else "little")
    definition = _define(window.take(3 * fixed[4]), big_endian, global_number)
    if developer:
        definition.size += sum(window.take(3 * window.take(1)[0])[1::3])
    return definition


def _moment(seconds: int) -> datetime:
    """A FIT date_time: seconds since FIT_EPOCH."""
    return FIT_EPOCH + timedelta(seconds=seconds)


def _starts(session: dict[str, int], activity: dict[str, int]) -> tuple[datetime | None, datetime | None]:
    """A session's start: (UTC, local wall clock), either None when the file cannot say it.

    The activity message's local_timestamp minus its timestamp is the watch's offset from UTC (kept
    when within MAX_OFFSET). A watch whose clock was never set counts seconds from when it was
    switched on (a date_time under FIRST_DATE, the profile's rule): its local_timestamp, when it
    is a date, still places the session's start on the runner's own calendar.
    """
    start = session.get("start_time")
    stamp, local = activity.get("timestamp"), activity.get("local_timestamp")
    if start is None:
        return None, None
    if start >= FIRST_DATE:
        utc = _moment(start)
        offset = None if stamp is None or local is None else timedelta(seconds=local - stamp)
        if offset is None or abs(offset) > MAX_OFFSET:
            return utc, None
        return utc, (utc + offset).replace(tzinfo=None)
    if stamp is not None and local is not None and stamp < FIRST_DATE <= local - (stamp - start):
        return None, _moment(local - (stamp - start)).replace(tzinfo=None)
    return None, None


def read_fit(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every session of a FIT file (a byte stream, read a CHUNK at a time) as an `Activity`.

    Distance in km from the session's total_distance (1/100 m), the elapsed time in seconds from
    total_elapsed_time (1/1000 s), the start from start_time and the activity message (`_starts`),
    the FIT profile's scales and types. Raises `HistoryFileError` for a file that is not FIT, is
    cut short or damaged (a checksum fails), or whose sessions have no date, and
    `NoActivityError` for a FIT file without a session.
    """
    window = _Window(stream, name)
    if window.at_end():
        raise HistoryFileError(f"{name} is not a FIT file (or it is empty).")
    sessions: list[tuple[dict[str, int], dict[str, int]]] = []  # each with its own file's activity
    pending: list[dict[str, int]] = []
    activity: dict[str, int] = {}
    for number, values in _messages(window):
        if number == SESSION:
            pending.append(values)
        elif number == ACTIVITY:
            activity = values
        else:  # the end of one of chained files: its activity message is its sessions' own
            sessions += [(session, activity) for session in pending]
            pending, activity = [], {}
    if not sessions:
        raise NoActivityError(f"{name} holds no activity (a FIT file of settings or daily monitoring).")
    found = 0
    for session, activity in sessions:
        start_utc, start_local = _starts(session, activity)
        if start_utc is None and start_local is None:
            continue
        found += 1
        sport = session.get("sport")
        milliseconds = session.get("total_elapsed_time")
        yield Activity(
            start_utc=start_utc,
            start_local=start_local,
            km=session.get("total_distance", 0) / 100_000,
            kind=None if sport is None else SPORTS.get(sport, f"sport {sport}"),
            source=name,
            link=name,
            seconds=None if milliseconds is None else milliseconds / 1000,
        )
    if not found:
        raise HistoryFileError(
            f"{name}: its watch did not know the date (its clock was not set), so its day is unknown."
        )
