"""The history check through the protocol and the command line: weeks and days added up by hand, the
load checks' own answers reused (the same as asking them directly), refusals, and a fuzz test of
the readers (seeded, so a failure can be replayed): never a crash, only a message.
"""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from history_samples import (
    JPEG,
    FitSession,
    StravaRow,
    fit,
    garmin_csv,
    gpx,
    gz,
    straight_line,
    strava_csv,
    strava_to_18_november,
    tcx,
    write,
    zipped,
)

from calculator.__main__ import EXIT_OK, EXIT_REFUSED, main
from calculator.history import read_file
from calculator.protocol import INTERNAL_ERROR, handle_request

needs_processes = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")


def ask(files: list[str], **fields: object) -> dict:
    return handle_request({"check": "history", "files": files, **fields})


def garmin(folder: Path, runs: list[tuple[date, float]], name: str = "Activities.csv") -> str:
    """Garmin's Activities.csv of these runs, each at 6 minutes a km."""
    rows = [
        ("Running", f"{day} 07:00:00", f"{km}", f"{int(km * 6) // 60}:{int(km * 6) % 60:02d}:00")
        for day, km in runs
    ]
    return write(folder, name, garmin_csv(rows))


# --- weeks and days ----------------------------------------------------------------------------------


def test_weeks_start_on_monday_cover_empty_weeks_and_days_are_local(tmp_path: Path) -> None:
    rows = [
        StravaRow(datetime(2026, 9, 7, 6, 0, tzinfo=UTC), "Run", "10", "10000"),  # Monday 7 September
        StravaRow(datetime(2026, 9, 9, 6, 0, tzinfo=UTC), "Run", "5.5", "5500"),  # Wednesday
        StravaRow(datetime(2026, 9, 10, 6, 0, tzinfo=UTC), "Walk", "3", "3000"),  # not a run
        # Sunday 27 September 23:30 UTC is Monday 28 September 00:30 in UTC+1: the week of the 28th
        StravaRow(datetime(2026, 9, 27, 23, 30, tzinfo=UTC), "Run", "8", "8000"),
    ]
    path = write(tmp_path, "activities.csv", strava_csv(rows))
    result = ask([path], utc_offset_minutes=60)["result"]
    # by hand: 10 + 5.5 in the week of 7 September, nothing for two weeks, 8 in the week of the 28th
    assert result["weeks"] == [
        {"week_start": "2026-09-07", "km": 15.5, "runs": 2},
        {"week_start": "2026-09-14", "km": 0.0, "runs": 0},
        {"week_start": "2026-09-21", "km": 0.0, "runs": 0},
        {"week_start": "2026-09-28", "km": 8.0, "runs": 1},
    ]
    assert all(date.fromisoformat(week["week_start"]).weekday() == 0 for week in result["weeks"])
    days = result["days"]
    assert (days[0], days[2], days[-1]) == (
        {"date": "2026-09-07", "km": 10.0, "runs": 1},
        {"date": "2026-09-09", "km": 5.5, "runs": 1},
        {"date": "2026-09-28", "km": 8.0, "runs": 1},
    )
    assert len(days) == 22  # 7 to 28 September
    assert (result["runs"], result["km"], result["not_runs"], result["duplicates"]) == (3, 23.5, 1, 0)
    # 8 km is not over 10 km (the longest of the 30 days before), and no week rose: nothing stood out
    assert result["summary"] == (
        "3 runs (23.5 km) over 4 weeks, from 2026-09-07. No week rose more than the weekly limit, and no run "
        "was more than 10 % longer than the longest of the 30 days before."
    )
    # with UTC as the reader's time, that run is on Sunday, in the week of the 21st
    in_utc = ask([path], utc_offset_minutes=0)["result"]
    assert [week["km"] for week in in_utc["weeks"]] == [15.5, 0.0, 8.0]
    # The difference sent as text (a script, a command line) or as 60.0 is the same 60 minutes.
    assert ask([path], utc_offset_minutes="60")["result"] == result
    assert ask([path], utc_offset_minutes=" +60 ")["result"] == result
    assert ask([path], utc_offset_minutes=60.0)["result"] == result


def test_a_strava_zip_and_the_same_runs_as_files_give_the_same_weeks(tmp_path: Path) -> None:
    start = datetime(2026, 9, 7, 6, 0, tzinfo=UTC)
    rows, members = [], {}
    for week in range(5):
        when = start + timedelta(weeks=week)
        points = 4 + week  # 3 to 7 steps of 0.01 degree
        members[f"activities/{week}.gpx.gz"] = gz(gpx([[straight_line(points)]], when))
        rows.append(StravaRow(when, "Run", "", "", f"activities/{week}.gpx.gz"))
    members["activities.csv"] = strava_csv(rows)
    members["media/1.jpg"] = JPEG
    zip_path = write(tmp_path, "export.zip", zipped(members))
    alone = [
        write(tmp_path, f"{week}.gpx", gpx([[straight_line(4 + week)]], start + timedelta(weeks=week)))
        for week in range(5)
    ]
    from_zip = ask([zip_path])["result"]
    from_files = ask(alone)["result"]
    # each run once: the CSV row (its type; no distance in it) and its GPX (the distance) are one run
    assert from_zip["runs"] == from_files["runs"] == 5
    assert from_zip["files"] == [{"name": "export.zip", "activities": 10, "skipped": 1}]
    assert [week["runs"] for week in from_zip["weeks"]] == [1, 1, 1, 1, 1]
    assert from_zip["weeks"] == from_files["weeks"]
    # 3 to 7 steps of 0.01 degree on the equator (1.1119508 km each), rounded to 0.01 km
    assert [week["km"] for week in from_zip["weeks"]] == [3.34, 4.45, 5.56, 6.67, 7.78]


def test_the_load_checks_answers_are_their_own(tmp_path: Path) -> None:
    monday = date(2026, 8, 3)
    weekly = [20, 20, 22, 30, 10, 24]  # week 4 rises 36 % on its level of 22; week 5 an easier week
    runs = []
    for week, km in enumerate(weekly):
        runs += [(monday + timedelta(weeks=week), km / 2), (monday + timedelta(weeks=week, days=3), km / 2)]
    result = ask([garmin(tmp_path, runs)])["result"]
    assert [week["km"] for week in result["weeks"]] == weekly
    # the checks' own answers, the same as the calculators' but for the words and charts that date the
    # weeks (issue 14: week 4 is the week of 24 August 2026, 3 weeks after Monday 3 August)
    # (and each week's message, which names an earlier week by its date: the table's rows with it)
    dated = ("summary", "why", "chart_svg", "weeks", "table")
    ramp = handle_request({"check": "ramp", "weeks": weekly})["result"]
    assert {key: value for key, value in result["ramp"].items() if key not in dated} == {
        key: value for key, value in ramp.items() if key not in dated
    }
    assert [{**week, "message": ""} for week in result["ramp"]["weeks"]] == [
        {**week, "message": ""} for week in ramp["weeks"]
    ]
    assert result["ramp"]["over_limit_weeks"] == [4]
    assert ramp["summary"].startswith("1 of 6 weeks rose more than the 10 % limit (week 4).")
    assert result["ramp"]["summary"].startswith(
        "1 of 6 weeks rose more than the 10 % limit (the week of 24 August 2026)."
    )
    assert result["ramp"]["summary"].split(").", 1)[1] == ramp["summary"].split(").", 1)[1]
    daily = [day["km"] for day in result["days"]]
    acwr = handle_request({"check": "acwr", "loads": daily, "period": "day"})["result"]
    assert {key: value for key, value in result["acwr"].items() if key != "chart_svg"} == {
        key: value for key, value in acwr.items() if key != "chart_svg"
    }
    last, longest = (
        daily[-1],
        max(
            km
            for day, km in runs
            if day >= monday + timedelta(weeks=5, days=3) - timedelta(days=30)
            and km
            and day < monday + timedelta(weeks=5, days=3)
        ),
    )
    assert (
        result["spike"]
        == handle_request({"check": "spike", "planned": last, "longest_30d": longest})["result"]
    )
    # the 15 km of 24 August is 36.4 % longer than the 11 km before it, but 24 August is in the
    # log's first 30 days (3 August to 1 September): the days before the log are unknown, so it
    # is not judged; the later runs are no longer than the longest of their 30 days before
    assert result["spikes"] == []
    assert result["verdict"] == "over"  # week 4
    # the forms' fill: every week here (under 12), the last 56 days, the longest run of the last 30 days
    assert result["fill"]["ramp"] == {"weeks": weekly, "unit": "km"}
    assert result["fill"]["acwr"] == {"loads": daily[-56:], "period": "day", "unit": "km"}
    assert result["fill"]["spike"] == {
        "longest_30d": 15.0,
        "unit": "km",
    }  # 27 August, within 30 days of the last run (10 September)
    table = result["table"]["rows"]
    assert [row["cells"][0] for row in table] == ["Week of 2026-08-24"]


def test_acwr_needs_28_days_and_today_marks_the_last_week_unfinished(tmp_path: Path) -> None:
    path = garmin(tmp_path, [(date(2026, 9, 7), 10), (date(2026, 9, 14), 11), (date(2026, 9, 21), 3)])
    result = ask([path])["result"]
    assert result["acwr"] is None and "at least 28 days" in result["notes"][0]
    assert result["ramp"]["last_week_unfinished"] is False
    assert ask([path], today="2026-09-23")["result"]["ramp"]["last_week_unfinished"] is True
    # Monday 28 September holds no run: its week is added (0 km, not finished); 21-27 is finished
    later = ask([path], today="2026-09-28")["result"]
    assert [week["km"] for week in later["weeks"]] == [10.0, 11.0, 3.0, 0.0]
    assert later["ramp"]["last_week_unfinished"] is True
    assert [week["kind"] for week in later["ramp"]["weeks"]] == ["first", "up", "easier", "unfinished"]


# --- today: the time since the last run ------------------------------------------------------------------


def strava_history(folder: Path) -> str:
    return write(folder, "activities.csv", strava_to_18_november())


def test_without_today_the_history_ends_at_the_last_run(tmp_path: Path) -> None:
    result = ask([strava_history(tmp_path)], utc_offset_minutes=0)["result"]
    # RUNS_TO_18_NOVEMBER by hand: 40, 40, 44 (10 + 10 + 24), 40, 40, 22 (10 + 12)
    assert [week["km"] for week in result["weeks"]] == [40.0, 40.0, 44.0, 40.0, 40.0, 22.0]
    assert result["last_date"] == "2026-11-18" and len(result["days"]) == 37  # 13 October to 18 November
    # next week: the most of weeks 3-6 is 44 (week 3), + 10 % = 48.4
    assert result["ramp"]["next_week_max"] == 48.4
    # 30 days up to 18 November reach back to 20 October: the 24 km of 31 October is the longest
    assert result["fill"]["spike"] == {"longest_30d": 24.0, "unit": "km"}


def test_today_adds_the_finished_empty_week_and_marks_this_week_unfinished(tmp_path: Path) -> None:
    # Monday 30 November 2026: the week of 23-29 November had no run (a break: 0 km), and the week
    # of 30 November has begun (0 km so far, not finished)
    result = ask([strava_history(tmp_path)], utc_offset_minutes=0, today="2026-11-30")["result"]
    assert [week["km"] for week in result["weeks"]] == [40.0, 40.0, 44.0, 40.0, 40.0, 22.0, 0.0, 0.0]
    assert result["weeks"][-1]["week_start"] == "2026-11-30"
    ramp = result["ramp"]
    assert ramp["last_week_unfinished"] is True and ramp["weeks"][6]["kind"] == "break"
    assert ramp["next_week_max"] is None and ramp["restart_below"] == 44.0  # the 44 km of week 3
    assert ramp["verdict"] == "after-break"
    assert "Next week: up to" not in ramp["summary"]
    # days run to today: 13 October to 30 November is 19 + 30 = 49 days, the last 12 of them empty
    assert len(result["days"]) == 49 and result["last_date"] == "2026-11-30"
    assert [day["km"] for day in result["days"][-12:]] == [0.0] * 12
    # ACWR, counted back from today: acute = 24-30 November = 0 km; chronic = 3-30 November:
    # 10 + 10 + 20 + 10 + 10 + 20 + 10 + 12 = 102 km over 4 weeks = 25.5 km a week
    assert (result["acwr"]["rolling"]["acute"], result["acwr"]["rolling"]["chronic"]) == (0.0, 25.5)
    # the forms' fill follows: all 8 weeks (under 12), this week unfinished; the 49 days;
    # the longest run of the 30 days up to 30 November (from 1 November): 20 km (7 and 14 November)
    assert result["fill"]["ramp"] == {
        "weeks": [40.0, 40.0, 44.0, 40.0, 40.0, 22.0, 0.0, 0.0],
        "unit": "km",
        "last_week_unfinished": True,
    }
    assert result["fill"]["acwr"]["loads"] == [day["km"] for day in result["days"]]
    assert result["fill"]["spike"] == {"longest_30d": 20.0, "unit": "km"}


def test_a_long_break_up_to_today_is_read_as_a_break(tmp_path: Path) -> None:
    # The review's case: today Tuesday 1 June 2027, the last run 18 November 2026
    result = ask([strava_history(tmp_path)], utc_offset_minutes=0, today="2027-06-01")["result"]
    weeks = result["weeks"]
    # 12 October 2026 to 31 May 2027 is 231 days: 33 weeks after the first, 34 weeks in all
    assert len(weeks) == 34 and weeks[-1]["week_start"] == "2027-05-31"
    assert [week["km"] for week in weeks[6:]] == [0.0] * 28
    ramp = result["ramp"]
    assert ramp["next_week_max"] is None and "Next week: up to" not in ramp["summary"]
    assert ramp["restart_below"] == 44.0 and ramp["verdict"] == "after-break"
    # nothing in the last 7 days, nor in the 28: no ratio to give (not the 52 km of 12-18 November)
    assert (result["acwr"]["rolling"]["acute"], result["acwr"]["rolling"]["chronic"]) == (0.0, 0.0)
    assert "in the last 7 days" not in result["acwr"]["summary"]
    # 13 October 2026 to 1 June 2027: 19 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 1 = 232 days
    assert len(result["days"]) == 232
    assert result["fill"]["ramp"] == {"weeks": [0.0] * 12, "unit": "km", "last_week_unfinished": True}
    assert result["fill"]["acwr"]["loads"] == [0.0] * 56
    assert result["fill"]["spike"] == {"longest_30d": 0.0, "unit": "km"}  # no run in the 30 days


def test_a_run_in_the_first_30_days_of_the_log_is_not_judged(tmp_path: Path) -> None:
    # By hand: the log starts on 1 September 2026. A run is judged only when its 30 days before
    # are all in the log, so from 1 October (1 September + 30 days) on. 20 km on 6 September
    # (twice the 10 km before it) is not judged; 12 km on 1 October against the longest of
    # 1-30 September (20 km) is no spike; 26 km on 2 October against 20 km is 30 % longer
    # (26 / 20 = 1.3: the spike check's band over 10 % up to 30 %).
    runs = [(date(2026, 9, 1), 10), (date(2026, 9, 6), 20), (date(2026, 10, 1), 12), (date(2026, 10, 2), 26)]
    result = ask([garmin(tmp_path, runs)])["result"]
    assert [(s["date"], s["km"], s["longest_30d"]) for s in result["spikes"]] == [("2026-10-02", 26.0, 20.0)]
    assert result["spikes"][0]["band"] == "over-10"
    assert (
        "Runs in the first 30 days of this log (2026-09-01 to 2026-09-30) were not compared with the "
        "longest run of the 30 days before them: those days are not in the log."
    ) in result["notes"]


def test_the_runs_of_a_week_over_1000_km_are_left_out_and_the_other_weeks_checked(tmp_path: Path) -> None:
    # The calculator takes at most 1000 km a week (calculator/units.py). By hand: the week of
    # 21 September holds 600 + 600 = 1200 km, more than that: both runs are left out, each with
    # why; the week of 5 October holds 500 + 500 = 1000 km, not more: counted. The ramp check
    # still runs over the weeks counted: 10, 0 (the week left out reads as a break), 10, 1000.
    runs = [
        (date(2026, 9, 14), 10),
        (date(2026, 9, 21), 600),
        (date(2026, 9, 22), 600),
        (date(2026, 9, 28), 10),
        (date(2026, 10, 5), 500),
        (date(2026, 10, 6), 500),
    ]
    result = ask([garmin(tmp_path, runs)])["result"]
    assert [week["km"] for week in result["weeks"]] == [10.0, 0.0, 10.0, 1000.0]
    assert result["ramp"] is not None and len(result["ramp"]["weeks"]) == 4
    assert not any("Check the number and the unit" in note for note in result["notes"])
    assert [item["message"] for item in result["left_out"]] == [
        f"Activities.csv: not counted: the run on 2026-09-{day} (600 km) is in the week of 2026-09-21, whose "
        "runs add up to 1200 km: more than the most the calculator takes in a week (1000 km), so a distance "
        "in it was recorded wrongly (metres or miles read as km, or a GPS fault). None of that week's runs "
        "are counted."
        for day in (21, 22)
    ]


def test_a_run_after_today_is_not_counted_and_says_why(tmp_path: Path) -> None:
    # Today 17 November: the 12 km of 18 November is in the future (a watch's wrong clock, or a
    # plan), so it is left out; the week of 16 November holds the 10 km of the 16th only.
    result = ask([strava_history(tmp_path)], utc_offset_minutes=0, today="2026-11-17")["result"]
    assert [week["km"] for week in result["weeks"]] == [40.0, 40.0, 44.0, 40.0, 40.0, 10.0]
    assert result["last_date"] == "2026-11-17" and result["runs"] == 16
    assert result["ramp"]["last_week_unfinished"] is True  # 17 November is in the week of the 16th
    assert [item["message"] for item in result["left_out"]] == [
        "activities.csv: not counted: the run on 2026-11-18 is after today (2026-11-17): a watch whose "
        "clock was wrong, or a run planned ahead."
    ]


def test_without_today_a_run_after_the_day_of_the_answer_is_not_counted(tmp_path: Path) -> None:
    # No today given: the day the answer is worked out is today. A run in 2099 is after it (for
    # as long as this code runs before 2099); the run of 2026 counts.
    path = garmin(tmp_path, [(date(2026, 9, 7), 10), (date(2099, 6, 1), 5)])
    result = ask([path])["result"]
    assert result["runs"] == 1 and result["last_date"] == "2026-09-07"
    assert "the run on 2099-06-01 is after today" in result["left_out"][0]["message"]


def test_more_than_520_weeks_are_checked_over_the_last_520(tmp_path: Path) -> None:
    monday = date(2014, 1, 6)
    path = garmin(tmp_path, [(monday + timedelta(weeks=week), 10) for week in range(600)])
    result = ask([path])["result"]
    assert len(result["weeks"]) == 600 and len(result["ramp"]["weeks"]) == 520
    assert any("last 520 weeks" in note for note in result["notes"])


# --- what cannot be read -------------------------------------------------------------------------------


def test_csv_rows_that_cannot_be_read_are_told_in_the_answer(tmp_path: Path) -> None:
    # Rows 3 and 4 of this Garmin CSV cannot be read (a German date, no date); rows 2 and 5 count.
    path = write(
        tmp_path,
        "Activities.csv",
        b"Activity Type,Date,Distance\nRunning,2026-09-21 07:00:00,5\nRunning,24.09.2026 07:00,5\n"
        b"Running,,5\nRunning,2026-09-23 07:00:00,6\n",
    )
    result = ask([path])["result"]
    assert result["runs"] == 2 and result["km"] == 11.0
    assert result["summary"].endswith(" 2 rows of the activity lists could not be read (see below).")
    [problem] = result["problems"]
    assert problem["file"] == "Activities.csv"
    assert problem["message"].startswith(
        "Activities.csv: 2 rows were not read, so they are not counted; row 3: "
    )
    assert "; row 4: no date." in problem["message"]


def test_an_unreadable_file_is_reported_and_the_rest_still_count(tmp_path: Path) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    cut = write(tmp_path, "watch.fit", fit([FitSession(datetime(2026, 9, 8, tzinfo=UTC), 5.0)])[:-20])
    photo = write(tmp_path, "IMG_1.jpg", JPEG)
    answer = ask([good, cut, photo])
    assert answer["ok"] is True and answer["result"]["runs"] == 1
    assert [problem["file"] for problem in answer["result"]["problems"]] == ["watch.fit", "IMG_1.jpg"]
    assert "cut short" in answer["result"]["problems"][0]["message"]


def test_nothing_read_is_refused_with_a_message_per_file(tmp_path: Path) -> None:
    empty = write(tmp_path, "run.gpx", b"")
    photos = write(tmp_path, "photos.zip", zipped({"a.jpg": JPEG}))
    answer = ask([empty, photos])
    assert answer["ok"] is False
    assert [(error["field"], error["message"]) for error in answer["errors"]] == [
        ("files[0]", "run.gpx is empty."),
        ("files[1]", "photos.zip holds no activities (only 1 other file, such as photos)."),
    ]


def test_no_runs_among_the_activities_is_refused(tmp_path: Path) -> None:
    rides = write(tmp_path, "ride.tcx", tcx(datetime(2026, 9, 7, tzinfo=UTC), [20000], sport="Biking"))
    answer = ask([rides])
    assert answer["errors"] == [
        {
            "field": "files",
            "message": "No runs found: the files hold 1 activity, and it is not a run (walks, rides and other sports do not count).",
        }
    ]


# --- runs that cannot be real ------------------------------------------------------------------------
#
# The limits, worked out by hand from World Athletics' records: 10,000 m in 26:11 (Cheptegei 2020) is
# 10000 / 1571 = 6.365 m/s, + 10 % = 7.002 m/s; the marathon in 2:00:35 (Kiptum 2023) is
# 42195 / 7235 = 5.832 m/s, + 10 % = 6.415 m/s; 100 m in 9.58 s (Bolt 2009) is 10.44 m/s, + 10 % = 11.48.


def strava_rows(folder: Path, rows: list[tuple[int, str, float, int]]) -> str:
    """activities.csv of (day of September 2026, type, km, elapsed seconds), each at 07:00 UTC."""
    return write(
        folder,
        "activities.csv",
        strava_csv(
            StravaRow(
                datetime(2026, 9, day, 7, tzinfo=UTC), kind, f"{km:g}", f"{km * 1000:g}", seconds=seconds
            )
            for day, kind, km, seconds in rows
        ),
    )


def test_runs_faster_than_the_world_record_are_left_out_with_why(tmp_path: Path) -> None:
    path = strava_rows(
        tmp_path,
        [
            (7, "Run", 10.0, 1200),  # 8.33 m/s over 10 km: above 7.002, left out
            (8, "Run", 10.0, 1500),  # 6.67 m/s: faster than the record, within its 10 %: counted
            (9, "Run", 42.2, 6300),  # 6.70 m/s over a marathon: above 6.415, left out
            (10, "Run", 0.4, 50),  # 8 m/s over 400 m: under 100 m's 11.48, counted
            (11, "Run", 40.0, 4800),  # 8.33 m/s over 40 km (a ride saved as a run): left out
            (12, "Run", 12.0, 3600),  # an easy hour: counted
        ],
    )
    result = ask([path])["result"]
    assert [day["date"] for day in result["days"] if day["runs"]] == [
        "2026-09-08",
        "2026-09-10",
        "2026-09-12",
    ]
    assert result["runs"] == 3 and result["km"] == 22.4  # 10 + 0.4 + 12
    messages = [item["message"] for item in result["left_out"]]
    assert messages == [
        "activities.csv: not counted: the run on 2026-09-07 (10 km in 20:00) was faster than the world record "
        "for 10,000 m (26:11, Joshua Cheptegei, 2020) by more than 10 %: a GPS fault, or a ride or a drive "
        "saved as a run.",
        "activities.csv: not counted: the run on 2026-09-09 (42.2 km in 1:45:00) was faster than the world "
        "record for the marathon (2:00:35, Kelvin Kiptum, 2023) by more than 10 %: a GPS fault, or a ride or a "
        "drive saved as a run.",
        "activities.csv: not counted: the run on 2026-09-11 (40 km in 1:20:00) was faster than the world "
        "record for 10,000 m (26:11, Joshua Cheptegei, 2020) by more than 10 %: a GPS fault, or a ride or a "
        "drive saved as a run.",
    ]
    assert result["summary"].endswith("3 runs were not counted (see why below).")


def test_a_one_point_gpx_a_run_without_distance_and_an_impossible_date_are_left_out(tmp_path: Path) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    dot = write(tmp_path, "dot.gpx", gpx([[[(51.5, 0.0)]]], datetime(2026, 9, 8, 7, tzinfo=UTC)))
    old = write(tmp_path, "old.gpx", gpx([[straight_line(3)]], datetime(1970, 1, 1, tzinfo=UTC)))
    treadmill = write(tmp_path, "t.fit", fit([FitSession(datetime(2026, 9, 9, 7, tzinfo=UTC), 0.0)]))
    result = ask([good, dot, old, treadmill])["result"]
    assert result["runs"] == 1 and result["problems"] == []
    assert [(item["file"], item["message"]) for item in result["left_out"]] == [
        (
            "old.gpx",
            "old.gpx: not counted: an activity dated 1970-01-01: a date before 1980 or after 2100 cannot be a real run's.",
        ),
        (
            "dot.gpx",
            "dot.gpx: not counted: the run on 2026-09-08 has no distance (a track of one point, or a run entered without one).",
        ),
        (
            "t.fit",
            "t.fit: not counted: the run on 2026-09-09 has no distance (a track of one point, or a run entered without one).",
        ),
    ]
    assert [day["runs"] for day in result["days"]] == [1]  # 7 September alone: no 0 km run on the 8th or 9th


def test_a_run_longer_than_a_week_the_calculator_takes_is_left_out_with_or_without_a_time(
    tmp_path: Path,
) -> None:
    # 1,020.25 km: over the 1,000 km a week the calculator takes; in 20 days (a 0.59 m/s average,
    # slow enough to pass the speed rule) or with no time at all.
    rows = [
        ("Running", "2026-09-01 07:00:00", "1,020.25", "480:00:00"),
        ("Running", "2026-09-02 07:00:00", "1,020.25", "--"),
        ("Running", "2026-09-03 07:00:00", "10", "1:00:00"),
    ]
    result = ask([write(tmp_path, "Activities.csv", garmin_csv(rows))])["result"]
    assert result["runs"] == 1 and [item["message"] for item in result["left_out"]] == [
        f"Activities.csv: not counted: the run on 2026-09-0{day} was 1020.25 km: more than the most the "
        "calculator takes in a week (1000 km)."
        for day in (1, 2)
    ]


def test_a_run_without_distance_takes_its_twins_and_a_walk_stays_a_walk(tmp_path: Path) -> None:
    # Strava's row (no distance) and its GPX (3 points: 2 x 1.1119508 km) are one run: counted with
    # the GPX's 2.22 km. A walk's row and its untyped GPX stay a walk, neither counted nor left out.
    start = datetime(2026, 9, 7, 7, tzinfo=UTC)
    members = {
        "activities.csv": strava_csv(
            [
                StravaRow(start, "Run", "", "", "activities/1.gpx"),
                StravaRow(start + timedelta(days=1), "Walk", "", "", "activities/2.gpx"),
            ]
        ),
        "activities/1.gpx": gpx([[straight_line(3)]], start),
        "activities/2.gpx": gpx([[straight_line(3)]], start + timedelta(days=1), kind=None),
    }
    result = ask([write(tmp_path, "export.zip", zipped(members))])["result"]
    assert (result["runs"], result["km"], result["not_runs"], result["left_out"]) == (1, 2.22, 1, [])


def test_the_types_not_counted_are_named_so_an_unknown_run_type_shows(tmp_path: Path) -> None:
    # A German export (Strava's own words: Lauf, Radfahrt, Spaziergang) with a type no real source
    # showed us ("Traillauf", made up here): it is not counted, and the note names it.
    header = "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz"
    rows = [
        ("07.09.2026, 07:00:00", "Lauf", "3600", "10,0"),
        ("08.09.2026, 07:00:00", "Spaziergang", "3600", "4,0"),
        ("09.09.2026, 07:00:00", "Radfahrt", "3600", "25,0"),
        ("10.09.2026, 07:00:00", "Spaziergang", "3600", "4,0"),
        ("11.09.2026, 07:00:00", "Traillauf", "3600", "9,0"),
    ]
    text = (
        header
        + "\n"
        + "".join(f'{n},"{when}",x,{kind},{s},"{km}"\n' for n, (when, kind, s, km) in enumerate(rows))
    )
    result = ask([write(tmp_path, "activities.csv", text.encode())])["result"]
    assert (result["runs"], result["km"], result["not_runs"]) == (1, 10.0, 4)
    assert result["notes"][-1] == "Not counted, as not runs: Spaziergang (2), Radfahrt (1), Traillauf (1)."


def test_only_runs_that_cannot_be_real_is_refused_with_why(tmp_path: Path) -> None:
    dot = write(tmp_path, "dot.gpx", gpx([[[(51.5, 0.0)]]], datetime(2026, 9, 8, 7, tzinfo=UTC)))
    answer = ask([dot])
    assert answer["ok"] is False
    assert answer["errors"] == [
        {
            "field": "files",
            "message": "dot.gpx: not counted: the run on 2026-09-08 has no distance (a track of one point, or a run entered without one).",
        }
    ]


def test_a_long_list_of_runs_left_out_is_cut_with_a_count(tmp_path: Path) -> None:
    rows = [("Running", f"2026-09-07 {hour:02d}:00:00", "--", "30:00") for hour in range(24)]
    rows += [("Running", f"2026-09-08 {hour:02d}:00:00", "--", "30:00") for hour in range(24)]
    rows += [("Running", f"2026-09-09 {hour:02d}:00:00", "--", "30:00") for hour in range(10)]
    rows += [("Running", "2026-09-10 07:00:00", "10", "1:00:00")]
    result = ask([write(tmp_path, "Activities.csv", garmin_csv(rows))])["result"]
    assert len(result["left_out"]) == 51  # 50 one by one, then the other 8 counted
    assert result["left_out"][-1]["message"] == "8 more runs were not counted for the same reasons."


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"files": "export.zip"}, "files"),
        ({"files": []}, "files"),
        ({"files": None}, "files"),
        ({"files": ["a.gpx"], "distance_unit": "yards"}, "distance_unit"),
        ({"files": ["a.gpx"], "utc_offset_minutes": 2000}, "utc_offset_minutes"),
        ({"files": ["a.gpx"], "utc_offset_minutes": 1.5}, "utc_offset_minutes"),
        ({"files": ["a.gpx"], "utc_offset_minutes": "1.5"}, "utc_offset_minutes"),
        ({"files": ["a.gpx"], "utc_offset_minutes": "UTC+1"}, "utc_offset_minutes"),
        ({"files": ["a.gpx"], "utc_offset_minutes": "2000"}, "utc_offset_minutes"),
        ({"files": ["a.gpx"], "profile": "reckless"}, "profile"),
        ({"files": ["a.gpx"], "today": "30/11/2026"}, "today"),
        ({"files": ["a.gpx"], "pace": 5}, "pace"),
    ],
)
def test_a_wrong_field_is_refused_at_that_field(fields: dict, field: str) -> None:
    answer = handle_request({"check": "history", **fields})
    assert answer["ok"] is False and field in [error["field"] for error in answer["errors"]]


# --- the command line ------------------------------------------------------------------------------------


def test_the_command_line_reads_files_and_says_what_it_could_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10), (date(2026, 9, 15), 12)])
    bad = write(tmp_path, "x.gpx", b"<gpx")
    out = io.StringIO()
    assert main(["history", good, bad, "--utc-offset-minutes", "0"], stdout=out) == EXIT_OK
    answer = json.loads(out.getvalue())
    assert [week["km"] for week in answer["result"]["weeks"]] == [10.0, 12.0]
    assert "x.gpx" in capsys.readouterr().err
    out = io.StringIO()
    assert main(["history", bad], stdout=out) == EXIT_REFUSED
    assert json.loads(out.getvalue())["ok"] is False


def test_the_command_line_takes_a_custom_limit_and_refuses_one_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 10 km then 12 km: a 20 % rise (12 / 10 = 1.2), within a 25 % limit, over a 15 % one.
    good = garmin(tmp_path, [(date(2026, 9, 7), 10), (date(2026, 9, 15), 12)])
    for limit, over in (("25", []), ("15", [2])):
        out = io.StringIO()
        status = main(["history", good, "--profile", "custom", "--limit-pct", limit], stdout=out)
        ramp = json.loads(out.getvalue())["result"]["ramp"]
        assert (status, ramp["limit_pct"], ramp["over_limit_weeks"]) == (EXIT_OK, float(limit), over)
    capsys.readouterr()
    out = io.StringIO()
    assert main(["history", good, "--profile", "custom"], stdout=out) == EXIT_REFUSED
    assert "own weekly limit" in capsys.readouterr().err
    assert json.loads(out.getvalue())["errors"][0]["field"] == "limit_pct"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--profile", "custom", "--limit-pct", "nan"], "number of percent"),
        (["--profile", "custom", "--limit-pct", "60"], "at most 50"),
        (["--limit-pct", "12"], "custom profile only"),
        (["--utc-offset-minutes", "9999"], "from -840 to 840"),
        (["--today", "2026-13-01"], "not a real date"),
        (["--profile", "fast"], "Unknown weekly limit"),
    ],
)
def test_the_command_line_refuses_a_wrong_option_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    out = io.StringIO()
    assert main(["history", good, *args], stdout=out) == EXIT_REFUSED
    assert said in capsys.readouterr().err and json.loads(out.getvalue())["ok"] is False


def test_the_command_line_passes_today_and_an_unfinished_last_week(tmp_path: Path) -> None:
    # One run on Monday 7 September 2026; today Wednesday 23 September: the weeks of the 7th, 14th
    # and 21st, the last one holding today and so not finished.
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    out = io.StringIO()
    assert main(["history", good, "--today", "2026-09-23"], stdout=out) == EXIT_OK
    result = json.loads(out.getvalue())["result"]
    assert [week["week_start"] for week in result["weeks"]] == ["2026-09-07", "2026-09-14", "2026-09-21"]
    assert result["ramp"]["last_week_unfinished"] is True
    out = io.StringIO()
    assert main(["history", good, "--last-week-unfinished"], stdout=out) == EXIT_OK
    assert json.loads(out.getvalue())["result"]["ramp"]["last_week_unfinished"] is True


@pytest.mark.parametrize("indent", ["-5", "17", "two"])
def test_the_command_line_refuses_an_indent_that_is_not_0_to_16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indent: str
) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    with pytest.raises(SystemExit) as stopped:
        main(["history", good, "--indent", indent], stdout=io.StringIO())
    assert stopped.value.code == EXIT_REFUSED
    assert f"from 0 to 16, not {indent}" in capsys.readouterr().err


@needs_processes
def test_python_m_calculator_history(tmp_path: Path) -> None:
    good = garmin(tmp_path, [(date(2026, 9, 7), 10)])
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "history", good], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and json.loads(done.stdout)["result"]["weeks"][0]["km"] == 10.0
    empty = write(tmp_path, "e.fit", b"")
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "history", empty], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and done.stderr.strip() == "e.fit is empty."


# --- fuzz ------------------------------------------------------------------------------------------------


def _seeds() -> dict[str, bytes]:
    start = datetime(2026, 9, 7, 6, tzinfo=UTC)
    return {
        "run.gpx": gpx([[straight_line(6), straight_line(3)], [straight_line(4)]], start),
        "run.tcx": tcx(start, [1000, None], points=[(0.0, 0.0, 0.0), (0.0, 0.01, 1100.0)]),
        "run.fit": fit([FitSession(start, 10.0), FitSession(start + timedelta(hours=2), 3.0)], 120),
        "activities.csv": strava_csv([StravaRow(start, "Run", "10,01", "10012.3", "activities/1.gpx")]),
        "Activities.csv": garmin_csv([("Running", "2026-09-07 07:00:00", "1,020.5", "1:02:03")]),
        "export.zip": zipped(
            {
                "activities/1.fit.gz": gz(fit([FitSession(start, 5.0)])),
                "a.gpx": gpx([[straight_line(3)]], start),
            }
        ),
    }


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """Cut, flip, insert or repeat bytes: what a damaged copy or a bad tool does to a file."""
    blob = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        where = rng.randrange(len(blob) + 1)
        if choice < 0.25:
            del blob[where:]
        elif choice < 0.55 and blob:
            blob[min(where, len(blob) - 1)] = rng.randrange(256)
        elif choice < 0.8:
            blob[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            blob[where:where] = blob[max(0, where - 64) : where]
    return bytes(blob)


@pytest.mark.parametrize("name", list(_seeds()))
def test_fuzz_the_readers_never_crash(name: str) -> None:
    rng = random.Random(f"kneeload-history-{name}")
    seed = _seeds()[name]
    for _ in range(300):
        data = _mutate(seed, rng)
        reading = read_file(lambda data=data: io.BytesIO(data), name)
        for file, message in reading.problems:
            assert file.startswith(name) and message and "fault in the calculator" not in message
        for activity in reading.activities:
            assert math.isfinite(activity.km) and activity.km >= 0
            assert (activity.start_utc or activity.start_local) is not None


def test_fuzz_the_check_answers_or_refuses_in_words(tmp_path: Path) -> None:
    rng = random.Random("kneeload-history-check")
    seeds = _seeds()
    for attempt in range(40):
        paths = [write(tmp_path, f"{attempt}-{name}", _mutate(data, rng)) for name, data in seeds.items()]
        answer = handle_request({"check": "history", "files": paths})
        messages = [error["message"] for error in answer.get("errors", [])]
        messages += [problem["message"] for problem in answer.get("result", {}).get("problems", [])]
        assert INTERNAL_ERROR not in messages
        assert not any("fault in the calculator" in message for message in messages)
        json.dumps(answer, allow_nan=False)
