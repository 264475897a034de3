"""The history readers on export files made for the tests (tests/unit/history_samples.py): each format
with its quirks, the malformed ones, zips, and a run in two files counted once.

The right values are worked out by hand in each test: distances along the equator, where one degree
of longitude is 2 pi x 6371.0088 km / 360 = 111.19508 km (the mean Earth radius, IUGG), so 0.01
degree is 1.1119508 km; weekly totals added up from the rows written.
"""

from __future__ import annotations

import csv
import io
import sys
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest
from history_samples import (
    CYCLING,
    JPEG,
    WALKING,
    FitSession,
    StravaRow,
    fit,
    garmin_csv,
    gpx,
    gz,
    straight_line,
    strava_csv,
    tcx,
    zipped,
)

from calculator.history import FileReading, read_file, unique_runs

#: 0.01 degree of longitude on the equator, in km (module docstring).
HUNDREDTH_KM = 1.1119508
SEP_26 = datetime(2026, 9, 26, 6, 0, tzinfo=UTC)


def read(data: bytes, name: str, distance_unit: str = "km") -> FileReading:
    return read_file(lambda: io.BytesIO(data), name, distance_unit)


def messages(reading: FileReading) -> str:
    return " ".join(message for _, message in reading.problems)


# --- GPX -----------------------------------------------------------------------------------------------


def test_gpx_distance_is_the_haversine_sum_of_its_points() -> None:
    reading = read(gpx([[straight_line(3)]], SEP_26), "run.gpx")
    [run] = reading.activities
    assert run.km == pytest.approx(2 * HUNDREDTH_KM, abs=1e-6)  # 0 -> 0.01 -> 0.02 degrees
    assert (run.start_utc, run.kind, run.is_run, run.seconds) == (SEP_26, "running", True, 720.0)  # 2 x 6 min


def test_gpx_a_new_segment_is_a_pause_and_the_gap_is_not_counted() -> None:
    first = straight_line(2)  # 0 -> 0.01
    second = [(0.0, 0.05), (0.0, 0.06)]  # after a pause, 0.04 degrees further on
    [run] = read(gpx([[first, second]], SEP_26), "run.gpx").activities
    assert run.km == pytest.approx(2 * HUNDREDTH_KM, abs=1e-6)


def test_gpx_several_tracks_are_several_activities_and_a_walk_is_not_a_run() -> None:
    reading = read(gpx([[straight_line(2)], [straight_line(3)]], SEP_26, kind="walking"), "two.gpx")
    assert [round(a.km, 4) for a in reading.activities] == [1.112, 2.2239]
    assert [a.is_run for a in reading.activities] == [False, False]


def test_gpx_without_a_type_counts_as_a_run() -> None:
    [run] = read(gpx([[straight_line(2)]], SEP_26, kind=None), "run.gpx").activities
    assert run.kind is None and run.is_run


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg></trkseg></trk></gpx>',
            "no track points",
        ),
        (
            b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="0" lon="0"/></rte></gpx>',
            "a route",
        ),
        (gpx([[straight_line(50)]], SEP_26)[:900], "cut short"),
        (b"<html><body>not a track</body></html>", "not a GPX file"),
        (b"", "empty"),
        (
            '<?xml version="1.0" encoding="UTF-8"?><gpx><trk><name>Café</name></trk></gpx>'.encode("latin-1"),
            "not a readable GPX file",
        ),
    ],
    ids=["no-points", "route", "truncated", "html", "empty", "latin-1"],
)
def test_a_gpx_that_cannot_be_counted_says_why(data: bytes, expected: str) -> None:
    reading = read(data, "bad.gpx")
    assert reading.activities == []
    assert expected in messages(reading) and messages(reading).startswith("bad.gpx")


# --- TCX -----------------------------------------------------------------------------------------------


def test_tcx_distance_is_its_laps_added_up() -> None:
    [run] = read(tcx(SEP_26, [1000, 1000.5, 2500]), "run.tcx").activities
    assert (run.km, run.kind, run.start_utc, run.seconds) == (4.5005, "Running", SEP_26, 900.0)


def test_tcx_without_lap_distances_takes_the_last_point_then_the_points_haversine() -> None:
    points = [(0.0, 0.0, 0.0), (0.0, 0.01, 1100.0), (0.0, 0.02, 2210.0)]
    [run] = read(tcx(SEP_26, [None], points=points), "run.tcx").activities
    assert run.km == 2.21
    no_distance = [(lat, lon, None) for lat, lon, _ in points]
    [run] = read(tcx(SEP_26, [None], points=no_distance), "run.tcx").activities
    assert run.km == pytest.approx(2 * HUNDREDTH_KM, abs=1e-6)


def test_a_tcx_ride_is_not_a_run_and_a_cut_tcx_says_so() -> None:
    [ride] = read(tcx(SEP_26, [20000], sport="Biking"), "ride.tcx").activities
    assert not ride.is_run
    assert "cut short" in messages(read(tcx(SEP_26, [1000])[:-40], "cut.tcx"))


# --- FIT -----------------------------------------------------------------------------------------------


def test_fit_session_gives_start_distance_sport_and_the_watch_local_day() -> None:
    late = datetime(2026, 9, 26, 22, 30, tzinfo=UTC)  # 00:30 on the 27th in UTC+2
    [run] = read(fit([FitSession(late, 10.25, 3300)], local_offset_minutes=120), "run.fit").activities
    assert (run.start_utc, run.km, run.kind, run.seconds) == (late, 10.25, "running", 3300.0)
    assert run.start_local == datetime(2026, 9, 27, 0, 30)
    assert run.local_start(0).date().isoformat() == "2026-09-27"  # the watch's day, whatever the offset sent


def test_fit_multisport_sessions_and_other_sports() -> None:
    sessions = [FitSession(SEP_26, 5.0), FitSession(SEP_26.replace(hour=8), 30.0, sport=CYCLING)]
    activities = read(fit(sessions), "multi.fit").activities
    assert [(a.km, a.is_run) for a in activities] == [(5.0, True), (30.0, False)]
    [walk] = read(fit([FitSession(SEP_26, 4.0, sport=WALKING)]), "walk.fit").activities
    assert not walk.is_run


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (fit([FitSession(SEP_26, 10.0)])[:-20], "cut short"),
        (fit([FitSession(SEP_26, 10.0)])[:-2] + b"\x00\x00", "checksum"),
        (fit([]), "holds no activity"),
        (b"\x0e\x10" + bytes(30), "not a FIT file"),
        (b"", "empty"),
    ],
    ids=["truncated", "bad-crc", "no-session", "not-fit", "empty"],
)
def test_a_fit_file_that_cannot_be_counted_says_why(data: bytes, expected: str) -> None:
    reading = read(data, "watch.fit")
    assert reading.activities == [] and expected in messages(reading)


# --- Strava's activities.csv -------------------------------------------------------------------------


def test_strava_csv_reads_metres_types_and_utc_dates() -> None:
    rows = [
        StravaRow(datetime(2026, 9, 21, 6, 5, 1, tzinfo=UTC), "Run", "10.01", "10012.3"),
        StravaRow(datetime(2026, 9, 22, 17, 30, tzinfo=UTC), "Trail Run", "8.5", "8500.0"),
        StravaRow(datetime(2026, 9, 23, 12, 0, tzinfo=UTC), "Virtual Run", "5.0", "5000.0"),
        StravaRow(datetime(2026, 9, 24, 12, 0, tzinfo=UTC), "Walk", "3.0", "3000.0"),
        StravaRow(datetime(2026, 9, 25, 12, 0, tzinfo=UTC), "Ride", "40.0", "40000.0"),
    ]
    reading = read(strava_csv(rows), "activities.csv")
    runs, duplicates = unique_runs(reading.activities)
    assert [(run.kind, run.km) for run in runs] == [
        ("Run", 10.0123),
        ("Trail Run", 8.5),
        ("Virtual Run", 5.0),
    ]
    assert runs[0].start_utc == datetime(2026, 9, 21, 6, 5, 1, tzinfo=UTC)
    # 10.0123 + 8.5 + 5.0, by hand:
    assert sum(run.km for run in runs) == pytest.approx(23.5123)
    assert duplicates == 0


def test_strava_csv_without_metres_uses_the_account_unit() -> None:
    rows = [StravaRow(SEP_26, "Run", "5.00", "")]
    [km_run] = read(strava_csv(rows), "activities.csv").activities
    [mile_run] = read(strava_csv(rows), "activities.csv", distance_unit="mi").activities
    assert km_run.km == 5.0
    assert mile_run.km == pytest.approx(8.04672)  # 5 x 1.609344 km


#: The start of a German account's activities.csv header, as real exports write it (quoted in
#: martin-ueding/geo-activity-playground issues 191 and 348): the second Distanz is in metres.
GERMAN_HEADER = (
    "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,Verstrichene Zeit,"
    "Distanz,Max. Herzfrequenz,Relative Leistung,Pendeln,Hinweis zur Privatsphäre für Aktivitäten,"
    "Aktivitätsausrüstung,Dateiname,Sportlergewicht,Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz"
)


def test_a_german_strava_csv_is_read_with_its_dates_in_utc() -> None:
    # The first row is shaped on a real German export's row (geo-activity-playground issue 86): its
    # date "09.12.2022, 15:24:49" is UTC, its name, the local start, "2022-12-09 16:24" (UTC+1 in
    # December); a decimal comma in the first Distanz (km), metres in the second. Lauf is Run.
    text = (
        GERMAN_HEADER + "\n"
        '8228026758,"09.12.2022, 15:24:49",2022-12-09 16:24,Lauf,,3189,"9,44",,,false,,,'
        "activities/8228026758.gpx,,,3189.0,2070.0,9440.5\n"
        '8228026759,"10.12.2022, 09:00:00",Spaziergang,Spaziergang,,1800,"2,00",,,false,,,,,,1800.0,1700.0,2000.0\n'
    )
    reading = read(text.encode(), "activities.csv")
    assert reading.problems == []
    run, walk = reading.activities
    assert (run.start_utc, run.km, run.kind, run.link, run.seconds) == (
        datetime(2022, 12, 9, 15, 24, 49, tzinfo=UTC),
        9.4405,
        "Lauf",
        "activities/8228026758.gpx",
        3189.0,
    )
    assert run.local_start(60).strftime("%Y-%m-%d %H:%M") == "2022-12-09 16:24"  # the row's own name
    assert run.is_run and not walk.is_run
    assert unique_runs(reading.activities)[0] == [run]


def test_a_csv_in_another_language_is_refused_with_what_to_do() -> None:
    # A header in a language no real export was found in to check its words: refused, with what to do.
    french = "ID de l'activité,Date de l'activité,Nom de l'activité,Nom du fichier\n1,x,y,activities/1.gpx\n"
    reading = read(french.encode(), "activities.csv")
    text = messages(reading)
    assert reading.activities == [] and "Strava's in English or German" in text and "ID de l'activité" in text


def resaved_with_semicolons(data: bytes) -> bytes:
    """A CSV as a spreadsheet in a European locale saves it again: the same cells, separated by ";"."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv.reader(io.StringIO(data.decode())))
    return out.getvalue().encode()


def test_a_strava_or_garmin_csv_re_saved_with_semicolons_reads_the_same() -> None:
    strava = strava_csv(
        [
            StravaRow(datetime(2026, 9, 21, 6, 5, 1, tzinfo=UTC), "Run", "10,01", "10012.3"),
            StravaRow(datetime(2026, 9, 23, 12, 0, tzinfo=UTC), "Walk", "3,0", "3000.0"),
        ]
    )
    garmin = garmin_csv([("Running", "2026-09-26 07:05:00", "10,02", "00:55:10")])
    for data, name in ((strava, "activities.csv"), (garmin, "Activities.csv")):
        again = resaved_with_semicolons(data)
        assert b";" in again and again != data
        resaved, original = read(again, name), read(data, name)
        assert resaved.problems == [] and resaved.activities == original.activities
    # By hand: 10012.3 m and a walk from the Strava file; 10,02 km (a decimal comma) from Garmin's.
    assert [(a.kind, a.km) for a in read(resaved_with_semicolons(strava), "activities.csv").activities] == [
        ("Run", 10.0123),
        ("Walk", 3.0),
    ]
    assert [a.km for a in read(resaved_with_semicolons(garmin), "Activities.csv").activities] == [10.02]


def test_a_csv_whose_dates_a_spreadsheet_rewrote_says_so() -> None:
    # A spreadsheet that read the dates writes them in its own way, here 21.09.2026 06:05.
    text = "Activity ID;Activity Date;Activity Type;Distance\r\n1;21.09.2026 06:05;Run;10,01\r\n"
    garmin = "Activity Type;Date;Distance;Time\r\nRunning;26.09.2026 07:05;10,02;00:55:10\r\n"
    for data, name in ((text, "activities.csv"), (garmin, "Activities.csv")):
        reading = read(data.encode(), name)
        assert reading.activities == [] and "spreadsheet program" in messages(reading)


def test_a_csv_in_another_encoding_says_so() -> None:
    latin = "Activity Type,Date,Distance\nCourse à pied,2026-09-26 07:00:00,5\n".encode("latin-1")
    assert "not UTF-8" in messages(read(latin, "Activities.csv"))


STRAVA_SHORT_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance\n"
)


def test_strava_rows_whose_dates_cannot_be_read_are_told_by_number_and_the_rest_count() -> None:
    # The review's strava_baddates.csv: row 1 the header; row 2 a date Strava writes (counted);
    # row 3 a date in another order, row 4 a day that does not exist (31 September), row 5 no date
    # (each not read); row 6 counted again. Rows by hand, as a spreadsheet numbers them.
    text = STRAVA_SHORT_HEADER + (
        '1,"Sep 21, 2026, 6:00:00 AM",R1,Run,1800,"5.00",,\n'
        '2,"21/09/2026 06:00",R2,Run,1800,"10",,\n'
        '3,"Sep 31, 2026, 6:00:00 AM",R3,Run,1800,"10",,\n'
        '4,"",R4,Run,1800,"10",,\n'
        '5,"Sep 23, 2026, 6:00:00 AM",R5,Run,1800,"6.00",,\n'
    )
    reading = read(text.encode(), "activities.csv")
    assert [a.km for a in reading.activities] == [5.0, 6.0] and reading.problems == []
    assert reading.rows_skipped == [
        (
            "activities.csv",
            "activities.csv: 3 rows were not read, so they are not counted; rows 3 and 4: a date not "
            "written as Strava writes them (like Sep 26, 2026, 10:56:05 AM), or a day that does not exist; "
            "row 5: no date. Row 1 is the header, as a spreadsheet numbers them; the other rows were counted.",
        )
    ]
    assert reading.rows_skipped_count == 3


def test_an_unclosed_quote_loses_its_own_row_only() -> None:
    # The review's strava_quote.csv: row 3 opens a quote it never closes, which swallowed rows 4 on.
    # Row 3 is not read and told; rows 2, 4 and 5 count (5 + 6 + 7 km).
    text = STRAVA_SHORT_HEADER + (
        '1,"Sep 21, 2026, 6:00:00 AM",R1,Run,1800,"5.00",,\n'
        '2,"Sep 22, 2026, 6:00:00 AM,R,Run,1800,5,,\n'
        '3,"Sep 23, 2026, 6:00:00 AM",R3,Run,1800,"6.00",,\n'
        '4,"Sep 24, 2026, 6:00:00 AM",R4,Run,1800,"7.00",,\n'
    )
    reading = read(text.encode(), "activities.csv")
    assert [a.km for a in reading.activities] == [5.0, 6.0, 7.0]
    [(_, message)] = reading.rows_skipped
    assert message.startswith(
        'activities.csv: 1 row was not read, so it is not counted; row 3: an opening quote (") never closed'
    )


def test_an_unclosed_quote_before_more_than_a_megabyte_of_rows_loses_its_own_row_only() -> None:
    # The quote runs on past the longest cell read (1,000,000 characters): the rows after it
    # are still read, each on its own. 12,000 rows of 2 km after it: 24,000 km by hand.
    row = '{n},"Sep 24, 2026, 6:00:00 AM",Easy morning run by the river and back,Run,720,"2.00",,\n'
    text = (
        STRAVA_SHORT_HEADER
        + '1,"Sep 22, 2026, 6:00:00 AM,R,Run,1800,5,,\n'
        + "".join(row.format(n=n) for n in range(2, 12_002))
    )
    assert len(text) > 1_000_000
    reading = read(text.encode(), "activities.csv")
    assert len(reading.activities) == 12_000 and sum(a.km for a in reading.activities) == 24_000
    assert reading.rows_skipped_count == 1 and "row 2: an opening quote" in reading.rows_skipped[0][1]


def test_a_quoted_cell_over_several_lines_is_one_row() -> None:
    # Strava's descriptions may hold line breaks inside quotes: such a row is whole, not broken.
    text = STRAVA_SHORT_HEADER + '1,"Sep 21, 2026, 6:00:00 AM","Hills\nthen flat",Run,1800,"5.00",,\n'
    reading = read(text.encode(), "activities.csv")
    assert [a.km for a in reading.activities] == [5.0] and reading.rows_skipped == []


# --- Garmin Connect's Activities.csv -------------------------------------------------------------------


def test_garmin_rows_whose_dates_cannot_be_read_are_told_by_number_and_the_rest_count() -> None:
    # The review's garmin_odd.csv, in part: rows 3 (a German date) and 4 (hour 25) cannot be read,
    # row 5 holds only its type (no date), row 6 is empty (not a row at all); rows 2 and 7 count.
    text = (
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n"
        "Running,2026-09-21 07:00:00,false,a,5,1,00:30:00\n"
        "Running,24.09.2026 07:00,false,a,5,1,00:30:00\n"
        "Running,2026-09-25 25:00:00,false,a,5,1,00:30:00\n"
        "Running\n"
        ",,,,\n"
        "Running,2026-09-27,false,a,6\n"
    )
    reading = read(text.encode(), "Activities.csv")
    assert [a.km for a in reading.activities] == [5.0, 6.0]
    assert reading.rows_skipped == [
        (
            "Activities.csv",
            "Activities.csv: 3 rows were not read, so they are not counted; rows 3 and 4: a date not "
            "written as Garmin Connect writes them (like 2026-09-26 07:05:00), or a day or hour that does "
            "not exist; row 5: no date. Row 1 is the header, as a spreadsheet numbers them; the other rows "
            "were counted.",
        )
    ]


def test_garmin_csv_reads_no_values_thousands_decimal_commas_and_local_dates() -> None:
    rows = [
        ("Running", "2026-09-21 23:45:00", "10,5", "0:55:10"),  # decimal comma
        ("Trail Running", "2026-09-23 07:00:00", "21.10", "1:02:03"),
        ("Running", "2026-09-23 18:00:00", "1,020.25", "1:02:03"),  # thousands: 1020.25 km
        ("Treadmill Running", "2026-09-24 07:00:00", "--", "30:00"),  # no distance: 0 km
        ("Walking", "2026-09-25 07:00:00", "3.10", "40:00"),
    ]
    reading = read(garmin_csv(rows), "Activities.csv")
    assert [(a.kind, a.km, a.seconds) for a in reading.activities] == [
        ("Running", 10.5, 3310.0),
        ("Trail Running", 21.1, 3723.0),
        ("Running", 1020.25, 3723.0),
        ("Treadmill Running", 0.0, 1800.0),
        ("Walking", 3.1, 2400.0),
    ]
    assert reading.problems == []
    first = reading.activities[0]
    assert first.start_local == datetime(2026, 9, 21, 23, 45) and first.local_start(-600).day == 21


def test_garmin_csv_of_an_older_year_with_fewer_columns() -> None:
    old = b"Activity Type,Date,Title,Distance,Time\nRunning,2016-03-01 07:00:00,Run,5.02,00:25:00\n"
    [run] = read(old, "Activities.csv").activities
    assert (run.km, run.seconds) == (5.02, 1500.0)


# --- zips, gzip, media, empty and unknown files --------------------------------------------------------


def strava_zip() -> bytes:
    """A Strava export: activities.csv lists a run whose GPX is in the zip, and a ride; photos; other CSVs."""
    run_start = SEP_26
    rows = [
        StravaRow(run_start, "Run", "2.22", "2224.0", "activities/101.gpx.gz"),
        StravaRow(SEP_26.replace(day=27), "Ride", "20.0", "20000.0", "activities/102.fit.gz"),
    ]
    return zipped(
        {
            "activities.csv": strava_csv(rows),
            "comments.csv": b"Comment Date,Comment\n",
            "activities/101.gpx.gz": gz(gpx([[straight_line(3)]], run_start)),
            "activities/102.fit.gz": gz(fit([FitSession(SEP_26.replace(day=27), 20.0, sport=CYCLING)])),
            "activities/103.fit.gz": gz(fit([FitSession(SEP_26.replace(day=28), 6.0)])),
            "media/abc.jpg": JPEG,
            "profile.json": b"{}",
        }
    )


def test_a_strava_zip_counts_each_run_once_and_skips_photos_and_other_files() -> None:
    reading = read(strava_zip(), "export.zip")
    assert reading.problems == []
    assert reading.skipped == 3  # comments.csv, the photo, profile.json
    runs, duplicates = unique_runs(reading.activities)
    # the CSV's run and its GPX are one run; the ride and its FIT are one ride; the FIT-only run counts
    assert duplicates == 2
    assert [(run.source, run.km) for run in runs] == [
        ("export.zip: activities.csv", 2.224),
        ("export.zip: activities/103.fit.gz", 6.0),
    ]


def test_a_zip_of_photos_a_damaged_member_and_a_zip_in_a_zip() -> None:
    photos = read(zipped({"a.jpg": JPEG, "b.png": b"\x89PNG" + bytes(50)}), "photos.zip")
    assert photos.activities == [] and "holds no activities" in messages(photos)
    mixed = read(
        zipped({"good.gpx": gpx([[straight_line(2)]], SEP_26), "bad.fit": b"\x0e\x10" + bytes(40)}), "m.zip"
    )
    assert len(mixed.activities) == 1 and "m.zip: bad.fit is not a FIT file" in messages(mixed)
    nested = read(
        zipped({"uploads/part1.zip": zipped({"a.fit": fit([FitSession(SEP_26, 7.0)])})}), "garmin.zip"
    )
    assert [a.km for a in nested.activities] == [7.0]
    # One level deeper (a zip in a zip in a zip) is not opened, and the reader is told so, not that
    # the zip holds "other files, such as photos".
    deep = read(
        zipped({"mid.zip": zipped({"inner.zip": zipped({"a.fit": fit([FitSession(SEP_26, 7.0)])})})}), "x.zip"
    )
    assert deep.activities == []
    assert messages(deep) == (
        "x.zip: mid.zip: inner.zip is a zip inside a zip inside a zip: zips nested that deep are not "
        "opened. Unpack the zips on your device (open each in turn) and add the files inside instead."
    )


def test_a_cut_zip_an_empty_file_a_photo_and_an_unknown_file_each_say_why() -> None:
    assert "not a complete zip" in messages(read(strava_zip()[:-100], "export.zip"))
    assert messages(read(b"", "run.gpx")) == "run.gpx is empty."
    assert "photo" in messages(read(JPEG, "IMG_0001.jpg"))
    assert "not a file we can read" in messages(read(b"hello", "notes.txt"))

    def missing() -> IO[bytes]:
        return Path("/nonexistent/x.gpx").open("rb")

    assert "could not be opened" in messages(read_file(missing, "x.gpx"))


def test_files_are_known_by_their_first_bytes_when_the_name_says_nothing() -> None:
    assert len(read(fit([FitSession(SEP_26, 5.0)]), "upload").activities) == 1
    assert len(read(gpx([[straight_line(2)]], SEP_26), "download").activities) == 1


def test_a_run_in_a_garmin_csv_and_its_gpx_counts_once_with_the_readers_offset() -> None:
    # The GPX starts at 06:00 UTC; Garmin's CSV says 08:00 local: the same run in UTC+2.
    csv_run = read(garmin_csv([("Running", "2026-09-26 08:00:00", "2.22", "0:12:00")]), "Activities.csv")
    gpx_run = read(gpx([[straight_line(3)]], SEP_26), "run.gpx")
    both = csv_run.activities + gpx_run.activities
    runs, duplicates = unique_runs(both, utc_offset_minutes=120)
    assert (len(runs), duplicates, runs[0].source) == (1, 1, "Activities.csv")
    # with no offset given, the two starts are two hours apart: two runs (the reader's offset matters)
    assert unique_runs(both, utc_offset_minutes=0)[1] == 0


def test_two_real_runs_on_one_day_are_both_counted() -> None:
    morning = read(gpx([[straight_line(3)]], SEP_26), "am.gpx").activities
    evening = read(gpx([[straight_line(3)]], SEP_26.replace(hour=18)), "pm.gpx").activities
    assert len(unique_runs(morning + evening)[0]) == 2


def test_the_runs_of_one_file_are_never_one_run_recorded_twice() -> None:
    """One file, several activities (found by a fresh-eyed review: a file's records share its name, and were
    merged as one run): a FIT of run, ride, run; a GPX of a morning and an evening track; a real multisport
    race (tests/data/fit, its two running legs 2.24523 + 12.74037 km, as fitdecode reads them)."""
    start = SEP_26
    sessions = [FitSession(start, 10.0), FitSession(start.replace(hour=7), 10.0, sport=CYCLING)]
    sessions.append(FitSession(start.replace(hour=8), 10.0))
    runs, duplicates = unique_runs(read(fit(sessions), "three.fit").activities)
    assert ([run.km for run in runs], duplicates) == ([10.0, 10.0], 0)
    two = gpx(
        [[straight_line(6)], [straight_line(4)]], start, step_s=360
    )  # the second track 3 h after the first
    runs, duplicates = unique_runs(read(two, "day.gpx").activities)
    assert [round(run.km, 4) for run in runs] == [round(5 * HUNDREDTH_KM, 4), round(3 * HUNDREDTH_KM, 4)]
    race = (
        Path(__file__).parents[1] / "data" / "fit" / "activity-large-fenxi2-multisport.fit.gz"
    ).read_bytes()
    runs, duplicates = unique_runs(read(race, "race.fit.gz").activities)
    assert ([round(run.km, 5) for run in runs], duplicates) == ([2.24523, 12.74037], 0)


# --- size --------------------------------------------------------------------------------------------


def _long_run(folder: Path) -> tuple[float, int, int]:
    """Read a 4 MB GPX of 50,000 points 0.00001 degree apart: (its km, its size, Python's peak memory)."""
    path = folder / "long.gpx"
    with path.open("w") as out:
        out.write('<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>\n')
        for index in range(50_000):
            out.write(
                f'<trkpt lat="0" lon="{index * 1e-5:.5f}"><ele>1.0</ele><time>2026-09-26T06:00:00Z</time></trkpt>\n'
            )
        out.write("</trkseg></trk></gpx>\n")
    tracemalloc.start()
    reading = read_file(lambda: path.open("rb"), "long.gpx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    [run] = reading.activities
    return run.km, path.stat().st_size, peak


#: 49,999 steps of 0.00001 degree along the equator, in km.
LONG_RUN_KM = 49_999 * HUNDREDTH_KM / 1000


def test_a_large_gpx_is_streamed_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A GPX of about 4 MB, over the size the fast scan holds whole (here 0.2 MB), is read a piece at a
    time: Python's memory peaks far below its size."""
    monkeypatch.setattr("calculator.history.gpx.MAX_SCANNED", 200_000)
    km, size, peak = _long_run(tmp_path)
    assert km == pytest.approx(LONG_RUN_KM, rel=1e-6)
    assert size > 4_000_000 and peak < size / 4


def test_a_plain_gpx_is_held_whole_and_scanned_a_window_at_a_time(tmp_path: Path) -> None:
    """The same 4 MB GPX under the size the fast scan holds (16 MB): the file itself (twice, for the
    moment its pieces are joined) and a window's points at a time (not 50,000 points' numbers at once,
    which took seven times its size)."""
    km, size, peak = _long_run(tmp_path)
    assert km == pytest.approx(LONG_RUN_KM, rel=1e-6)
    assert peak < 2.5 * size, (peak, size)


def test_a_huge_file_that_is_not_an_export_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """A 200 MB file (natively; 20 MB in Pyodide, whose files live in memory) of zeros named .gpx."""
    path = tmp_path / "huge.gpx"
    with path.open("wb") as out:
        out.truncate(20_000_000 if sys.platform == "emscripten" else 200_000_000)
    tracemalloc.start()
    reading = read_file(lambda: path.open("rb"), "huge.gpx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert reading.activities == [] and "huge.gpx" in messages(reading)
    assert peak < 5_000_000
