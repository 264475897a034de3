"""The FIT reader (calculator/history/fit.py) against the world: real files recorded by watches and bike
computers (tests/data/fit/README.md), read as fitdecode 0.11.0 (a full FIT decoder, MIT) reads them, and
every generated or damaged file read the same way by both.

The right values in REAL come from fitdecode's raw session fields for each file, scaled by the FIT
profile (total_distance in 1/100 m, total_elapsed_time in 1/1000 s, start_time in seconds from
1989-12-31 00:00 UTC), and the activity message's local_timestamp minus its timestamp for the local day.
"""

from __future__ import annotations

import gzip
import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fitdecode  # type: ignore[import-untyped]
import pytest
from history_samples import CYCLING, FitSession, fit
from history_samples import fit_crc as bitwise_crc

from calculator.history.activities import HistoryFileError
from calculator.history.fit import FIT_EPOCH, SPORTS, fit_crc, read_fit

FILES = Path(__file__).resolve().parents[1] / "data" / "fit"

#: file -> (UTC start, local start, km, kind, elapsed s) of each session, from fitdecode's raw values.
REAL = {
    # Garmin Fenix 5, a short run in US Pacific daylight time (UTC-7): local 07:34.
    "garmin-fenix-5-run": [("2017-06-11T14:34:09", "2017-06-11T07:34:09", 0.15756, "running", 56.887)],
    "garmin-fenix-5-walk": [("2017-06-11T14:32:51", "2017-06-11T07:32:51", 0.06785, "walking", 45.379)],
    "garmin-edge-820-bike": [("2017-06-12T16:10:15", "2017-06-12T09:10:15", 0.45712, "cycling", 64.524)],
    # Garmin Fenix 2: a 9 km run in central Europe in summer (UTC+2).
    "activity-small-fenix2-run": [("2015-08-15T14:45:08", "2015-08-15T16:45:08", 9.00822, "running", 2832.0)],
    # Developer fields in every record (a Stryd-like sensor): skipped by their declared sizes.
    "developer-types-sample": [("2017-01-17T17:06:47", None, 6.75399, "running", 3424.0)],
    # A watch whose clock was not set: times count from switching on, the local time is a date.
    "compressed-speed-distance": [(None, "2012-02-13T11:16:16", 10.24867, "running", 3883.273)],
    # No activity message: no local time.
    "2013-02-06-12-11-14": [("2013-02-06T12:11:14", None, 4.83538, "running", 2625.14)],
    # A gym machine (sport 4, fitness equipment): no distance.
    "20170518-191602-1740899583": [("2017-05-18T16:37:30", "2017-05-18T17:37:30", 0.0, "sport 4", 1707.308)],
    # A multisport race (Fenix 2, UTC+2): the whole, then swim-bike-run legs and transitions (sport 3).
    "activity-large-fenxi2-multisport": [
        ("2015-08-29T08:00:01", "2015-08-29T10:00:01", 25.07207, "generic", 11738.24),
        ("2015-08-29T10:30:24", "2015-08-29T12:30:24", 0.22424, "sport 3", 334.79),
        ("2015-08-29T10:36:00", "2015-08-29T12:36:00", 2.24523, "running", 2294.84),
        ("2015-08-29T11:14:16", "2015-08-29T13:14:16", 0.00363, "sport 3", 4.3),
        ("2015-08-29T11:14:21", "2015-08-29T13:14:21", 12.74037, "running", 6764.48),
        ("2015-08-29T13:07:07", "2015-08-29T15:07:07", 0.61755, "sport 3", 269.81),
        ("2015-08-29T13:11:37", "2015-08-29T15:11:37", 28.92827, "cycling", 3211.0),
    ],
}


def sessions(data: bytes) -> list[tuple[str | None, str | None, float, str | None, float | None]]:
    """What read_fit gives, as REAL writes it."""
    return [
        (
            a.start_utc.replace(tzinfo=None).isoformat() if a.start_utc else None,
            a.start_local.isoformat() if a.start_local else None,
            round(a.km, 5),
            a.kind,
            a.seconds,
        )
        for a in read_fit(io.BytesIO(data), "watch.fit")
    ]


def decoded(data: bytes) -> list[tuple[int | None, ...]] | str:
    """fitdecode's raw session values (start, distance, sport, elapsed) and the activity's
    (local_timestamp, timestamp), or "error" when it refuses the file."""
    found: list[tuple[int | None, ...]] = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            processor=None,
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name in ("session", "activity"):
                    names = ("start_time", "total_distance", "sport", "total_elapsed_time")
                    if frame.name == "activity":
                        names = ("local_timestamp", "timestamp")
                    found.append(tuple(frame.get_value(n, fallback=None, raw_value=True) for n in names))
    except Exception:  # noqa: BLE001  # fitdecode's own errors, and Python's for a file it cannot frame
        return "error"
    return found


def ours(data: bytes) -> list[tuple[int | None, ...]] | str:
    """Our reader's sessions dated in UTC, as fitdecode's raw values (see `decoded`), or "error"."""
    try:
        found = list(read_fit(io.BytesIO(data), "watch.fit"))
    except HistoryFileError:
        return "error"
    numbers = {name: number for number, name in SPORTS.items()}
    return [
        (
            round((a.start_utc - FIT_EPOCH).total_seconds()),
            round(a.km * 100_000),
            None
            if a.kind is None
            else numbers[a.kind]
            if a.kind in numbers
            else int(a.kind.removeprefix("sport ")),
            None if a.seconds is None else round(a.seconds * 1000),
        )
        for a in found
        if a.start_utc is not None
    ]


def dated(rows: list[tuple[int | None, ...]]) -> list[tuple[int | None, ...]]:
    """fitdecode's sessions (rows of 4) whose start is a date (the FIT profile: not under 0x10000000)."""
    return [row for row in rows if len(row) == 4 and row[0] is not None and row[0] >= 0x10000000]


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_files_give_the_sessions_fitdecode_reads(name: str) -> None:
    """Each device's file: every session's start (UTC and local), distance, sport and time."""
    data = gzip.decompress((FILES / f"{name}.fit.gz").read_bytes())
    assert sessions(data) == REAL[name]


def test_every_real_file_is_listed() -> None:
    assert sorted(path.name.removesuffix(".fit.gz") for path in FILES.glob("*.fit.gz")) == sorted(REAL)


def test_the_crc_is_the_fit_protocols() -> None:
    """CRC-16/ARC's check value (the CRC catalogue, reveng: 0xBB3D for "123456789"), fitdecode's CRC and a
    bit-at-a-time CRC written from the polynomial (tests/unit/history_samples.py) agree on any bytes."""
    assert fit_crc(b"123456789") == 0xBB3D
    rng = random.Random(14)
    for size in (0, 1, 2, 3, 17, 1000, 4097):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert fit_crc(data) == bitwise_crc(data)
        if data:
            assert fit_crc(data) == fitdecode.utils.compute_crc(data)
        assert fit_crc(data[size // 2 :], fit_crc(data[: size // 2])) == fit_crc(data)


def _samples() -> list[bytes]:
    """Real files and generated ones: one session, several, records a second apart, chained files."""
    start = datetime(2026, 9, 26, 6, 0, tzinfo=UTC)
    made = [
        fit([FitSession(start, 10.25, 3300)], local_offset_minutes=120, records=60),
        fit([FitSession(start, 5.0), FitSession(start + timedelta(hours=2), 20.0, sport=CYCLING)], -300),
    ]
    real = [gzip.decompress(path.read_bytes()) for path in sorted(FILES.glob("*.fit.gz"))]
    return made + [made[0] + made[1]] + [data for data in real if len(data) < 40_000]


def test_chained_files_give_every_session() -> None:
    """Two FIT files one after the other (the protocol's chained files): both files' sessions."""
    chained = _samples()[2]
    # each file's activity message gives its own sessions' local time (found by a fresh-eyed review: the
    # second file's offset was given to both): +2 h for the first file, -5 h for the second
    assert [(utc, local) for utc, local, _, _, _ in sessions(chained)] == [
        ("2026-09-26T06:00:00", "2026-09-26T08:00:00"),
        ("2026-09-26T06:00:00", "2026-09-26T01:00:00"),
        ("2026-09-26T08:00:00", "2026-09-26T03:00:00"),
    ]
    expected = decoded(chained)
    assert expected != "error" and ours(chained) == dated(expected)


def test_damaged_files_are_refused_as_fitdecode_refuses_them() -> None:
    """Cut at many points, or with a bit changed (seeded): whenever fitdecode refuses a file (its
    checksum, its framing), so does our reader; when fitdecode reads it, ours gives the same sessions."""
    rng = random.Random(2026)
    for data in _samples():
        variants = [data[: rng.randrange(1, len(data))] for _ in range(12)]
        for _ in range(12):
            spot = rng.randrange(len(data))
            variants.append(data[:spot] + bytes([data[spot] ^ (1 << rng.randrange(8))]) + data[spot + 1 :])
        for variant in variants:
            expected, read = decoded(variant), ours(variant)
            if expected == "error":
                assert read == "error"
            else:
                assert (read if read != "error" else []) == dated(expected)


def test_a_file_read_a_piece_at_a_time_is_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files larger than one read (the reader never holds a file whole): the same sessions."""
    whole = [sessions(data) for data in _samples()]
    monkeypatch.setattr("calculator.history.fit.CHUNK", 7)
    assert [sessions(data) for data in _samples()] == whole
