"""FIT files (what watches record): each session is one activity, read with fitdecode.

fitdecode (MIT licence, pure Python, no dependencies) is imported only when a FIT file is read,
so the rest of the calculator stays standard-library only. A session gives the start (UTC), the
sport (``running``: FIT sport 1, any sub-sport), the distance and the elapsed time, read raw and
scaled here as the FIT profile says (fitdecode's own conversion of every record is most of the
time a file takes); the file's
``activity`` message gives the watch's local time, so the day is the runner's own. A file with
no session (a watch's settings, its daily monitoring) holds no activity.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from calculator.history.activities import Activity, HistoryFileError, NoActivityError
from calculator.history.streams import rejoined

__all__ = ["read_fit"]

#: A FIT file up to this size is read into memory first (a day-long activity is a few MB).
MAX_IN_MEMORY = 32 * 1024 * 1024
#: The largest gap between a watch's local time and UTC (UTC+14 to UTC-12).
MAX_OFFSET = timedelta(hours=14)


#: FIT's date_time counts seconds from 1989-12-31 00:00:00 UTC (the FIT profile's epoch).
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
#: Some of the FIT profile's sports by number: only running (1) counts as a run.
SPORTS = {0: "generic", 1: "running", 2: "cycling", 5: "swimming", 11: "walking", 17: "hiking"}


def _raw(frame: Any, name: str) -> int | None:
    value = frame.get_value(name, fallback=None, raw_value=True)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _moment(seconds: int | None) -> datetime | None:
    """A FIT date_time (raw seconds since FIT_EPOCH; under 0x10000000 it is relative: not a date)."""
    if seconds is None or seconds < 0x10000000:
        return None
    return FIT_EPOCH + timedelta(seconds=seconds)


def _session(frame: Any) -> tuple[datetime, float, str | None, float | None] | None:
    """A session's start, km, sport and elapsed seconds, from its raw values (the FIT profile's
    scales: total_distance in 1/100 m, total_elapsed_time in 1/1000 s)."""
    start = _moment(_raw(frame, "start_time"))
    if start is None:
        return None
    centimetres = _raw(frame, "total_distance")
    sport = _raw(frame, "sport")
    milliseconds = _raw(frame, "total_elapsed_time")
    return (
        start,
        centimetres / 100_000 if centimetres is not None else 0.0,
        None if sport is None else SPORTS.get(sport, f"sport {sport}"),
        milliseconds / 1000 if milliseconds is not None else None,
    )


def _read_up_to(stream: IO[bytes], limit: int) -> bytes:
    """At most *limit* bytes, read 64 KiB at a time (one large read would set aside *limit* bytes).

    >>> len(_read_up_to(io.BytesIO(bytes(200_000)), 100_001))
    100001
    """
    parts: list[bytes] = []
    size = 0
    while size < limit and (part := stream.read(min(65536, limit - size))):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def read_fit(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every session of a FIT file (a byte stream, decoded as it is read) as an `Activity`.

    Raises `HistoryFileError` for a file that is not FIT, is cut short or damaged (its checksum
    fails), and `NoActivityError` for a FIT file without a session.
    """
    import fitdecode  # type: ignore[import-untyped]  # only when a FIT file is read

    head = _read_up_to(stream, MAX_IN_MEMORY + 1)
    # fitdecode reads field by field: from memory, not through gzip, unless the file is huge
    stream = io.BytesIO(head) if len(head) <= MAX_IN_MEMORY else rejoined(head, stream)
    sessions: list[tuple[datetime, float, str | None, float | None]] = []
    offset: timedelta | None = None
    try:
        with fitdecode.FitReader(
            stream,
            processor=None,  # raw values, scaled here: decoding every record's fields is most of the time
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "session":
                    session = _session(frame)
                    if session is not None:
                        sessions.append(session)
                elif frame.name == "activity":
                    local_seconds = _raw(frame, "local_timestamp")
                    stamp = _raw(frame, "timestamp")
                    if local_seconds is not None and stamp is not None:
                        moved = timedelta(seconds=local_seconds - stamp)
                        offset = moved if abs(moved) <= MAX_OFFSET else None
    except fitdecode.FitHeaderError:
        raise HistoryFileError(f"{name} is not a FIT file (or it is empty).") from None
    except fitdecode.FitEOFError:
        raise HistoryFileError(
            f"{name} is cut short: the FIT file ends in the middle (it may not have finished copying)."
        ) from None
    except fitdecode.FitCRCError:
        raise HistoryFileError(f"{name} is damaged: its checksum does not match its contents.") from None
    except (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError, OverflowError, struct.error):
        raise HistoryFileError(f"{name} is a damaged FIT file: it could not be read.") from None
    if not sessions:
        raise NoActivityError(f"{name} holds no activity (a FIT file of settings or daily monitoring).")
    for start, km, sport, seconds in sessions:
        local = None if offset is None else (start + offset).replace(tzinfo=None)
        yield Activity(
            start_utc=start, start_local=local, km=km, kind=sport, source=name, link=name, seconds=seconds
        )
