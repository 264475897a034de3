"""Issue 14: long histories a runner can read. Charts labelled by month when the dates are known, the
recent part charted with a sentence saying so, over-limit weeks named by their dates; the checks'
verdicts unchanged, and the calculators' pages (no dates) answering as before.

Every expected label, span and date below is worked out by hand in the comments: a chart's plot is
400 user units wide (480, less 64 on the left and 16 on the right), a label about 0.55 em (9.9 units) a
character, and two labels need half their widths and 4 units between their centres.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from history_samples import garmin_csv, write
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.charts import Bar, bar_chart, date_ticks
from calculator.checks.acwr import check_acwr, check_acwr_dated
from calculator.checks.history import check_history
from calculator.checks.ramp import check_ramp, check_ramp_dated

SVG = "{http://www.w3.org/2000/svg}"
PROPERTIES = settings(max_examples=60, derandomize=True, database=None, deadline=None)


def labels(svg: str) -> list[str]:
    return [
        text.text or "" for text in ET.fromstring(svg).iter(f"{SVG}text") if text.get("class") == "kl-label"
    ]


def notes(svg: str) -> str:
    return " ".join(
        text.text or ""
        for text in ET.fromstring(svg).iter(f"{SVG}text")
        if text.get("class") == "kl-chart-note"
    )


def bar_count(svg: str) -> int:
    return sum(
        1
        for rect in ET.fromstring(svg).iter(f"{SVG}rect")
        if "kl-bar" in rect.get("class", "").split() and "kl-key" not in rect.get("class", "").split()
    )


def marker_centres(svg: str) -> list[float]:
    return [
        float(re.findall(r"-?[\d.]+", path.get("d", ""))[0]) + 5
        for path in ET.fromstring(svg).iter(f"{SVG}path")
        if path.get("class") == "kl-over-marker"
    ]


# --- month labels ---------------------------------------------------------------------------------


def test_half_a_year_of_weeks_is_labelled_every_month() -> None:
    # 26 Mondays from 8 June 2026: months start at bars 4 (6 July), 8 (3 August), 13 (7 September),
    # 17 (5 October) and 21 (2 November). A bar is 400 / 26 = 15.4 units: "Jun 2026" (79 units) and
    # "Jul" (30) need 58.5 between centres and have 4 bars, 61.5: every month fits, the first with its year.
    weeks = [date(2026, 6, 8) + timedelta(weeks=week) for week in range(26)]
    assert date_ticks(weeks) == {0: "Jun 2026", 4: "Jul", 8: "Aug", 13: "Sep", 17: "Oct", 21: "Nov"}


def test_ninety_one_days_over_new_year_say_the_new_year() -> None:
    # 1 November 2026 to 30 January 2027: 1 December is day 30, 1 January day 61; "2027" marks January.
    days = [date(2026, 11, 1) + timedelta(days=day) for day in range(91)]
    assert date_ticks(days) == {0: "Nov 2026", 30: "Dec", 61: "2027"}


def test_a_first_bar_too_close_to_the_next_month_is_not_labelled() -> None:
    # 28 November 2025 + 91 days: 1 December is bar 3, 3 bars of 4.4 units from the first: no room for
    # both, so the first label is December's, with its year; 1 January (bar 34) and 1 February (65).
    days = [date(2025, 11, 28) + timedelta(days=day) for day in range(91)]
    assert date_ticks(days) == {3: "Dec 2025", 34: "2026", 65: "Feb"}


def test_ten_years_of_weeks_are_labelled_every_other_year() -> None:
    # 520 Mondays from 4 January 2016: a year is 52 bars of 0.77 units, 40 units, and "2017" needs 43.6:
    # so every other year, from the first Monday of 2018 (1 January, bar 104), 2020 (6 January, 209),
    # 2022 (3 January, 313) and 2024 (1 January, 417); the first bar says 2016.
    weeks = [date(2016, 1, 4) + timedelta(weeks=week) for week in range(520)]
    assert date_ticks(weeks) == {0: "2016", 104: "2018", 209: "2020", 313: "2022", 417: "2024"}


def test_bars_within_one_month_name_it_once() -> None:
    assert date_ticks([date(2026, 9, 7)]) == {0: "Sep 2026"}
    assert date_ticks([date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21)]) == {0: "Sep 2026"}


@PROPERTIES
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    count=st.integers(min_value=1, max_value=730),
    days=st.sampled_from([1, 7]),
)
def test_labels_sit_where_months_start_and_never_crowd(start: date, count: int, days: int) -> None:
    dates = [start + timedelta(days=days * index) for index in range(count)]
    ticks = date_ticks(dates)
    assert ticks, "every dated chart says when it is"
    slot = 400 / count
    for index, text in ticks.items():
        assert index == 0 or dates[index].month != dates[index - 1].month
        assert re.fullmatch(r"[A-Z][a-z]{2}( \d{4})?|\d{4}", text)
    # at 360 px (328 px for 480 units) two labels' centres are at least 2 characters of 12 px apart
    centres = sorted(index * slot for index in ticks)
    assert all(right - left >= 2 * 9.9 for left, right in itertools.pairwise(centres))


def test_a_chart_refuses_dates_that_are_not_one_per_bar() -> None:
    try:
        bar_chart([Bar("1", 1)], title="T", description="D.", dates=[])
    except ValueError as error:
        assert "one per bar" in str(error)
    else:
        raise AssertionError("no error")


# --- the ramp and ACWR checks, dated --------------------------------------------------------------


def test_weeks_over_the_limit_are_named_by_their_dates() -> None:
    # each week doubles the one before: weeks 2 to 5 are over; week 1 starts Monday 3 August 2026, so
    # week 3 is 17 August, week 4 24 August and week 5 31 August (the latest three, of four)
    weeks = [10, 20, 40, 80, 160]
    dated = check_ramp_dated(weeks, first_week=date(2026, 8, 3))
    plain = check_ramp(weeks)
    assert dated.over_limit_weeks == plain.over_limit_weeks == (2, 3, 4, 5)
    assert dated.verdict == plain.verdict and dated.next_week_max == plain.next_week_max
    assert dated.summary.startswith(
        "4 of 5 weeks rose more than the 10 % limit, the latest the weeks of 17 August 2026, "
        "24 August 2026 and 31 August 2026 (the table lists every one)."
    )
    assert plain.summary.startswith("4 of 5 weeks rose more than the 10 % limit (weeks 2, 3, 4 and 5).")
    assert dated.why.startswith("4 weeks (the latest the weeks of 17 August 2026, 24 August 2026 and 31")
    assert dated.summary.split(").", 1)[1] == plain.summary.split(").", 1)[1]


def test_a_break_and_an_unfinished_week_are_named_by_their_dates() -> None:
    # week 3 (14 September 2026, from 31 August) is a break; week 4 is not finished
    result = check_ramp_dated([30, 30, 2, 10], first_week=date(2026, 8, 31), last_week_unfinished=True)
    assert "The week of 14 September 2026 was a break." in result.summary
    assert "Week 3" not in result.summary


def test_each_weeks_message_names_earlier_weeks_by_their_dates() -> None:
    # the ramp check's own example: week 5 (14.6 miles) against the 13.3 of week 3, the most of the 4 weeks
    # before; week 1 starts Monday 3 August 2026, so week 3 is the week of 17 August 2026
    weeks = [11, 12.1, 13.3, 8, 14.6]
    plain = check_ramp(weeks, unit="mi").weeks[4].message
    dated = check_ramp_dated(weeks, first_week=date(2026, 8, 3), unit="mi").weeks[4].message
    assert (
        plain
        == "Up 9.8 % on the 13.3 miles of week 3, the most of the 4 weeks before: within the 10 % limit."
    )
    assert dated == (
        "Up 9.8 % on the 13.3 miles of the week of 17 August 2026, the most of the 4 weeks before: "
        "within the 10 % limit."
    )
    # a break and a first week back name the week before the break by its date too
    back = check_ramp_dated([30, 30, 0, 20], first_week=date(2026, 8, 3))
    assert [week.kind for week in back.weeks[2:]] == ["break", "return"]
    assert not [week.message for week in back.weeks if re.search(r"week \d", week.message)]


def test_the_ramp_chart_shows_the_latest_weeks_and_says_so() -> None:
    # 30 weeks from Monday 5 January 2026; the chart's 26 start at week 5, 2 February 2026; months then
    # start at bars 4 (2 March), 8 (6 April), 12 (4 May), 17 (1 June) and 21 (6 July)
    weeks = [20 + index % 3 for index in range(30)]
    result = check_ramp_dated(weeks, first_week=date(2026, 1, 5), chart_weeks=26)
    assert len(result.weeks) == 30 and bar_count(result.chart_svg) == 26
    assert notes(result.chart_svg) == "The last 26 weeks of 30, from 2 February 2026: every week was checked."
    assert labels(result.chart_svg) == ["Feb 2026", "Mar", "Apr", "May", "Jun", "Jul"]
    assert "The week of 2 February 2026: 21 km" in result.chart_svg


def test_a_short_dated_ramp_chart_shows_every_week_without_a_note() -> None:
    result = check_ramp_dated([20, 22, 26], first_week=date(2026, 9, 7), chart_weeks=26)
    assert bar_count(result.chart_svg) == 3 and notes(result.chart_svg) == ""
    assert labels(result.chart_svg) == ["Sep 2026"]


def test_the_calculators_without_dates_chart_as_before() -> None:
    # the ramp and ACWR pages send no dates: week and day numbers, every week, no note
    ramp = check_ramp([20 + index % 3 for index in range(30)])
    assert bar_count(ramp.chart_svg) == 30 and notes(ramp.chart_svg) == ""
    assert labels(ramp.chart_svg)[:3] == ["1", "4", "7"]  # 30 bars, at most 12 labels: every third
    acwr = check_acwr([5] * 21 + [10] * 7 + [6] * 100, period="day")
    assert bar_count(acwr.chart_svg) == 101 and notes(acwr.chart_svg) == ""
    assert labels(acwr.chart_svg)[0] == "28"


def test_the_acwr_chart_shows_the_latest_days_with_shared_markers() -> None:
    # 200 days from 1 March 2026, hard 5-day blocks every 20 days: ratios from day 28, 173 of them; the
    # chart's last 91 start on day 110, 18 June 2026 (1 March + 109 days)
    loads = [18 if day % 20 < 5 else 4 for day in range(200)]
    dated = check_acwr_dated(loads, first_day=date(2026, 3, 1), chart_points=91, period="day")
    plain = check_acwr(loads, period="day")
    assert dated.series == plain.series and dated.summary == plain.summary and dated.verdict == plain.verdict
    assert bar_count(dated.chart_svg) == 91
    assert notes(dated.chart_svg) == "The last 91 days, from 18 June 2026."
    assert labels(dated.chart_svg)[0] in ("Jun 2026", "Jul 2026")
    centres = marker_centres(dated.chart_svg)
    assert centres, "days above 1.3 are marked"
    assert all(right - left >= 10 for left, right in itertools.pairwise(centres)), "no two touch"
    over_shown = sum(1 for point in plain.series[-91:] if point.band in ("caution", "danger"))
    assert len(centres) < over_shown, "days over the band side by side share a marker"


# --- the training log -----------------------------------------------------------------------------


def test_a_long_training_log_charts_its_latest_part_and_names_weeks_by_date(tmp_path: Path) -> None:
    # 60 weeks from Monday 6 January 2025, 20 km each (two runs of 10) but every tenth at 30 km: weeks
    # 10, 20, ..., 60 rise 50 % on their level of 20. Week 40 starts 6 October 2025 (+273 days), week
    # 50 15 December 2025 (+343), week 60 23 February 2026 (+413); the chart's 26 weeks start at week
    # 35, 1 September 2025. The last run is Thursday 26 February 2026; 91 days back to 28 November 2025.
    monday = date(2025, 1, 6)
    rows = []
    for week in range(60):
        km = 30 if (week + 1) % 10 == 0 else 20
        for day in (0, 3):
            rows.append(
                ("Running", f"{monday + timedelta(weeks=week, days=day)} 07:00:00", f"{km / 2:g}", "1:00:00")
            )
    result = check_history([write(tmp_path, "Activities.csv", garmin_csv(rows))])
    assert result.ramp is not None and result.acwr is not None
    assert result.ramp["over_limit_weeks"] == [10, 20, 30, 40, 50, 60]
    assert result.ramp["summary"].startswith(
        "6 of 60 weeks rose more than the 10 % limit, the latest the weeks of 6 October 2025, "
        "15 December 2025 and 23 February 2026 (the table lists every one)."
    )
    ramp_svg, acwr_svg = result.ramp["chart_svg"], result.acwr["chart_svg"]
    assert bar_count(ramp_svg) == 26
    assert notes(ramp_svg) == "The last 26 weeks of 60, from 1 September 2025: every week was checked."
    # months start at bars 5 (6 October), 9 (3 November), 13 (1 December), 18 (5 January), 22 (2 February)
    assert labels(ramp_svg) == ["Sep 2025", "Oct", "Nov", "Dec", "2026", "Feb"]
    assert bar_count(acwr_svg) == 91 and notes(acwr_svg) == "The last 91 days, from 28 November 2025."
    assert labels(acwr_svg) == ["Dec 2025", "2026", "Feb"]
    # the table of what stood out still lists every week over the limit, the oldest too
    table = result.table()
    weeks = [cells[0] for cells in (row["cells"] for row in table["rows"]) if cells[0].startswith("Week of")]
    assert weeks == [f"Week of {monday + timedelta(weeks=number - 1)}" for number in (10, 20, 30, 40, 50, 60)]
