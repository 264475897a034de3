"""FIT files (what watches record): each session is one activity, read with fitdecode.

fitdecode (MIT licence, pure Python, no dependencies) is imported only when a FIT file is read,
so the rest of the calculator stays standard-library only. A session gives the start (UTC), the
sport (``running``: FIT sport 1, any sub-sport), the distance and the elapsed time; the file's
``activity`` message gives the watch's local time, so the day is the runner's own. A file with
no session (a watch's settings, its daily monitoring) holds no activity.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any

from calculator.history.activities import Activity, HistoryFileError, NoActivityError, utc

__all__ = ["read_fit"]

#: The largest gap between a watch's local time and UTC (UTC+14 to UTC-12).
MAX_OFFSET = timedelta(hours=14)


def _session(frame: Any) -> tuple[datetime, float, str | None, float | None] | None:
    start = frame.get_value("start_time", fallback=None)
    if not isinstance(start, datetime):
        return None
    metres = frame.get_value("total_distance", fallback=None)
    sport = frame.get_value("sport", fallback=None)
    seconds = frame.get_value("total_elapsed_time", fallback=None)
    return (
        utc(start),
        float(metres) / 1000 if isinstance(metres, (int, float)) and metres >= 0 else 0.0,
        str(sport) if sport is not None else None,
        float(seconds) if isinstance(seconds, (int, float)) else None,
    )


def read_fit(stream: IO[bytes], name: str) -> Iterator[Activity]:
    """Every session of a FIT file (a byte stream, decoded as it is read) as an `Activity`.

    Raises `HistoryFileError` for a file that is not FIT, is cut short or damaged (its checksum
    fails), and `NoActivityError` for a FIT file without a session.
    """
    import fitdecode  # type: ignore[import-untyped]  # only when a FIT file is read

    sessions: list[tuple[datetime, float, str | None, float | None]] = []
    offset: timedelta | None = None
    try:
        with fitdecode.FitReader(
            stream, check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.RAISE
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "session":
                    session = _session(frame)
                    if session is not None:
                        sessions.append(session)
                elif frame.name == "activity":
                    local = frame.get_value("local_timestamp", fallback=None)
                    stamp = frame.get_value("timestamp", fallback=None)
                    if isinstance(local, datetime) and isinstance(stamp, datetime):
                        moved = local.replace(tzinfo=None) - utc(stamp).replace(tzinfo=None)
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
