"""The history check: a runner's own export, read on their device, as days and weeks, with what the
ramp, spike and ACWR checks say over it.

The files are read where the calculator runs (`calculator.history`): natively from disk (the
command line), in the browser from the worker's own file system, where the page puts the files
the reader dropped; nothing is sent anywhere. Only runs count; a run in two files counts once;
a run's day is its local start date; a run that cannot be real (no distance, faster than the world
record, an impossible date, a day after today: `calculator.history.plausible`) is left out, with a sentence saying why.
Then the load checks are *called*, not re-implemented:

* ramp (`check_ramp_dated`: `check_ramp` with the weeks' dates) over the weekly km, the last 520
  weeks at most, charting the last CHART_WEEKS;
* acwr (`check_acwr_dated`, daily loads) over the daily km, the last 730 days at most, from 28
  days, charting the last CHART_DAYS;
* spike (`check_spike`) for every run against the longest run of the 30 days before it: the runs
  in a band above the reference are listed, and the latest run's own answer is given. A run in the
  log's first 30 days is not judged: the days before it are not in the log, so "the longest of the
  30 days before" would be unknown, not 0 (a note says so).

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "Activities.csv")
>>> with open(path, "w") as handle:
...     _ = handle.write("Activity Type,Date,Distance\\nRunning,2026-09-21 07:00:00,10\\n"
...                      "Walking,2026-09-22 07:00:00,3\\nRunning,2026-09-29 07:00:00,12\\n")
>>> result = check_history([path])
>>> [(week.week_start, week.km, week.runs) for week in result.weeks]
[('2026-09-21', 10.0, 1), ('2026-09-28', 12.0, 1)]
>>> result.runs, result.not_runs, result.ramp["over_limit_weeks"], result.spikes, result.spike
(2, 1, [2], (), None)
>>> result.notes[-1]
'Runs in the first 30 days of this log (2026-09-21 to 2026-10-20) were not compared with the longest run of the 30 days before them: those days are not in the log.'
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO, Any

from calculator.answer import Answer, Record
from calculator.checks.acwr import check_acwr_dated
from calculator.checks.ramp import check_ramp_dated
from calculator.checks.spike import check_spike
from calculator.checks.weekly_limit import read_profile, read_unfinished
from calculator.errors import CalculatorError, Problem, raise_problems
from calculator.history import (
    Activity,
    FileReading,
    HistoryDay,
    HistoryWeek,
    daily_volumes,
    progress,
    read_file,
    weekly_volumes,
)
from calculator.history.plausible import counted_runs
from calculator.reading import count, plain, read_choice, read_date
from calculator.rules.acwr import DAY
from calculator.rules.ramp import DEFAULT_PROFILE
from calculator.rules.spike import REFERENCE_LIMIT, SPIKE_STUDY
from calculator.tables import Table, amount, row, table
from calculator.units import MAX_WEEKS

__all__ = ["HistoryResult", "check_history"]

#: The most files one request may name (a zip counts as one).
MAX_FILES = 10_000
#: The most runs left out that are listed one by one; the rest are counted in one more line.
MAX_LEFT_OUT = 50
#: The most types of activity not counted that a note names.
MAX_KINDS_NAMED = 10
#: The largest difference from UTC, in minutes (UTC-12 to UTC+14).
MAX_OFFSET_MINUTES = 14 * 60
#: The units a CSV's distance may be in (the account's setting); every answer is in km.
DISTANCE_UNITS = {"km": "km", "mi": "mi"}
#: How many days before a run the spike check looks for the longest run (Frandsen et al. 2025).
SPIKE_WINDOW_DAYS = 30
#: How much of the history fills the ramp and acwr calculators' forms (the latest weeks and days).
FILL_WEEKS = 12
FILL_DAYS = 56
#: How much of the history the charts show (the checks run over all of it): half a year of weeks,
#: a bar and its triangle apart from the next at 360 px (400 user units / 26 = 15.4, a triangle 10),
#: and 13 weeks of daily ratios (3 px a day at 360 px, over days sharing a triangle).
CHART_WEEKS = 26
CHART_DAYS = 91
#: The pages that explain a history answer.
HISTORY_LINKS = (
    "prevention/load-progression.md",
    "causes/training-errors.md",
    "calculator/ramp.md",
    "calculator/spike.md",
)


@dataclass(frozen=True)
class HistoryFile(Record):
    """One file the reader gave: its name, the activities read from it, the parts skipped in it."""

    name: str
    activities: int
    skipped: int


@dataclass(frozen=True)
class HistoryProblem(Record):
    """A file, a part of a zip, or rows of a CSV that could not be read, and why (a sentence for the reader)."""

    file: str
    message: str


@dataclass(frozen=True)
class HistorySpike(Record):
    """A run longer than the longest of the 30 days before it by more than 10 %: the spike check's band."""

    date: str
    km: float
    longest_30d: float
    spike_pct: float | None
    band: str
    band_label: str
    hazard_ratio: float | None


@dataclass(frozen=True)
class HistoryResult(Answer):
    """The answer of `check_history`: the runs per day and per week, and the load checks' answers.

    *ramp*, *acwr* and *spike* are those checks' own answers as the protocol sends them (or None
    when the history is too short for them: *notes* says why). *left_out* are the runs that could
    not be real (`calculator.history.plausible`), each with its file and why.
    """

    weeks: tuple[HistoryWeek, ...]
    days: tuple[HistoryDay, ...]
    runs: int
    km: float
    not_runs: int
    duplicates: int
    first_date: str
    last_date: str
    files: tuple[HistoryFile, ...]
    problems: tuple[HistoryProblem, ...]
    left_out: tuple[HistoryProblem, ...]
    ramp: dict[str, Any] | None
    acwr: dict[str, Any] | None
    spike: dict[str, Any] | None
    spikes: tuple[HistorySpike, ...]
    notes: tuple[str, ...]
    fill: dict[str, dict[str, Any]]

    def table(self) -> Table:
        """The weeks and runs that stood out: weeks over the weekly limit, runs above the reference."""
        rows = []
        over = set(self.ramp["over_limit_weeks"]) if self.ramp else set()
        ramp_weeks = self.ramp["weeks"] if self.ramp else []
        offset = len(self.weeks) - len(ramp_weeks)
        for number in sorted(over):
            week = self.weeks[offset + number - 1]
            message = ramp_weeks[number - 1]["message"]
            rows.append(row([f"Week of {week.week_start}", amount(week.km, "km"), message], True))
        for spike in self.spikes:
            rows.append(
                row(
                    [
                        f"Run on {spike.date}",
                        amount(spike.km, "km"),
                        f"{spike.band_label}: the longest run of the 30 days before was {plain(spike.longest_30d)} km.",
                    ],
                    True,
                )
            )
        return table("The weeks and runs that stood out", ["When", "Distance", "Why"], rows)


def _sent(answer: Answer) -> dict[str, Any]:
    """An answer as the protocol sends it (its fields, and its table when it has one)."""
    shown = answer.table()
    result = answer.as_dict()
    return result if shown is None else {**result, "table": shown}


def _opener(path: str) -> Callable[[], IO[bytes]]:
    """A function opening *path* for reading bytes (`read_file` opens it when it reads it, and closes it)."""

    def open_file() -> IO[bytes]:
        return open(path, "rb")

    return open_file


def _read_files(files: object, distance_unit: str, problems: list[Problem]) -> list[FileReading]:
    if files is None:
        problems.append(Problem("files", "Add your export: the zip, a CSV, or GPX, TCX or FIT files."))
        return []
    if not isinstance(files, (list, tuple)) or not all(isinstance(item, str) for item in files):
        problems.append(Problem("files", "Files must be a list of file paths."))
        return []
    if not files:
        problems.append(Problem("files", "Add at least one file."))
        return []
    if len(files) > MAX_FILES:
        problems.append(Problem("files", f"Add at most {MAX_FILES} files at once (or the zip)."))
        return []
    readings = []
    progress.begin(len(files))
    for path in files:
        name = os.path.basename(path) or path
        reading = read_file(_opener(path), name, distance_unit)
        progress.file_read(len(reading.activities))
        readings.append(reading)
    return readings


def _offset(value: object, problems: list[Problem]) -> int:
    """The reader's difference from UTC in minutes: a whole number, as JSON's number or as text
    ("60", "-300": a script or a command line may send either), or 60.0; 0 when it is not given."""
    if value is None:
        return 0
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,4}", value.strip()):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_OFFSET_MINUTES:
        problems.append(
            Problem(
                "utc_offset_minutes",
                f"The difference from UTC must be a whole number of minutes from -{MAX_OFFSET_MINUTES} "
                f"to {MAX_OFFSET_MINUTES}, like 60 for UTC+1.",
            )
        )
        return 0
    return value


def _spikes(
    runs: list[Activity], offset: int, notes: list[str]
) -> tuple[tuple[HistorySpike, ...], dict[str, Any] | None]:
    """Every run against the longest of the 30 days before it, through the spike check; a run whose
    30 days before are not all in the log (its first 30 days) is not judged, with a note."""
    found: list[HistorySpike] = []
    latest: dict[str, Any] | None = None
    window = timedelta(days=SPIKE_WINDOW_DAYS)
    starts = [run.local_start(offset) for run in runs]
    log_start = starts[0].date()
    judged_from = log_start + window
    if any(start.date() < judged_from for start in starts[1:]):
        notes.append(
            f"Runs in the first {SPIKE_WINDOW_DAYS} days of this log ({log_start.isoformat()} to "
            f"{(judged_from - timedelta(days=1)).isoformat()}) were not compared with the longest run of "
            f"the {SPIKE_WINDOW_DAYS} days before them: those days are not in the log."
        )
    first = 0
    for index, run in enumerate(runs):
        while starts[first] < starts[index] - window:
            first += 1
        if starts[index].date() < judged_from:
            continue
        km = round(run.km, 2)
        longest = round(max((runs[other].km for other in range(first, index)), default=0.0), 2)
        if km <= 0:
            continue
        try:
            answer = check_spike(km, longest, unit="km")
        except CalculatorError:
            continue  # a distance beyond what the spike check takes (noted with the weeks)
        if index == len(runs) - 1:
            latest = _sent(answer)
        if answer.band is not None and answer.band["key"] != "reference":
            found.append(
                HistorySpike(
                    date=starts[index].date().isoformat(),
                    km=km,
                    longest_30d=longest,
                    spike_pct=answer.spike_pct,
                    band=answer.band["key"],
                    band_label=answer.band["label"],
                    hazard_ratio=answer.hazard_ratio,
                )
            )
    return tuple(found), latest


def check_history(
    files: Sequence[str],
    /,
    *,
    distance_unit: str = "km",
    utc_offset_minutes: int = 0,
    profile: str = DEFAULT_PROFILE,
    limit_pct: float | None = None,
    today: str | None = None,
    last_week_unfinished: bool = False,
) -> HistoryResult:
    """Read a runner's export (*files*: paths of files or zips) and run the load checks over it.

    *distance_unit* is the unit of a CSV's distances when the CSV does not say ("km" or "mi",
    the account's setting); *utc_offset_minutes* moves a UTC start to the reader's local time
    when a file has no local time (GPX, TCX, Strava's CSV); *profile* and *limit_pct* are the
    ramp check's weekly limit; *today* (YYYY-MM-DD), the reader's date: the days and weeks run up
    to it, a day or week without a run counting 0 (so a break since the last run is read as one,
    and the last 7 and 30 days are counted back from it), and the week holding it is marked not
    finished, as *last_week_unfinished* marks the last week.

    A file that cannot be read is a problem in the answer (``problems``), and the rest still
    count. Raises `CalculatorError` when nothing could be read (a problem per file, at
    ``files[i]``), when no file holds a run, or for a field that is wrong.

    >>> check_history(["/nonexistent/export.zip"])
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: files[0]: export.zip could not be opened (No such file or directory).
    """
    problems: list[Problem] = []
    unit = read_choice(
        distance_unit, DISTANCE_UNITS, "distance_unit", "Unknown unit{}: choose km or mi.", problems
    )
    offset = _offset(utc_offset_minutes, problems)
    read_profile(profile, limit_pct, problems)
    day = read_date(today, "today", "Today", problems)
    unfinished = read_unfinished(last_week_unfinished, problems)
    raise_problems(problems)
    readings = _read_files(files, unit or "km", problems)
    raise_problems(problems)
    activities = [activity for reading in readings for activity in reading.activities]
    rows_skipped = [
        HistoryProblem(file, message) for reading in readings for file, message in reading.rows_skipped
    ]
    reported = [
        HistoryProblem(file, message) for reading in readings for file, message in reading.problems
    ] + [
        HistoryProblem(
            reading.name, f"{count(reading.unreported, 'more part')} of {reading.name} could not be read."
        )
        for reading in readings
        if reading.unreported
    ]
    if not activities:
        raise CalculatorError.from_problems(
            [
                Problem(f"files[{index}]", message)
                for index, reading in enumerate(readings)
                for _, message in (
                    reading.problems + reading.rows_skipped
                    or [(reading.name, f"{reading.name} holds no activities.")]
                )
            ]
        )
    counted = counted_runs(activities, offset, day)
    runs, duplicates = counted.runs, counted.duplicates
    left_out = _left_out(counted.left_out)
    if not runs and left_out:
        raise CalculatorError.from_problems([Problem("files", item.message) for item in left_out])
    if not runs:
        raise CalculatorError(
            "files",
            "No runs found: "
            + (
                "the files hold 1 activity, and it is not a run"
                if len(activities) == 1
                else f"the files hold {len(activities)} activities, none of them a run"
            )
            + " "
            "(walks, rides and other sports do not count).",
        )
    days = daily_volumes(runs, offset, until=day)
    weeks = weekly_volumes(runs, offset, until=day)
    if day is not None and 0 <= (day - date.fromisoformat(weeks[-1].week_start)).days < 7:
        unfinished = True
    notes: list[str] = []
    ramp = _ramp(weeks, profile, limit_pct, unfinished, notes)
    acwr = _acwr(days, notes)
    notes += _other_kinds(counted.other_kinds)
    spikes, latest = _spikes(runs, offset, notes)
    total = round(sum(run.km for run in runs), 2)
    over = ramp["over_limit_weeks"] if ramp else []
    return HistoryResult(
        weeks=tuple(weeks),
        days=tuple(days),
        runs=len(runs),
        km=total,
        not_runs=counted.not_runs,
        duplicates=duplicates,
        first_date=days[0].date,
        last_date=days[-1].date,
        files=tuple(
            HistoryFile(reading.name, len(reading.activities), reading.skipped) for reading in readings
        ),
        problems=tuple(reported + rows_skipped),
        left_out=left_out,
        ramp=ramp,
        acwr=acwr,
        spike=latest,
        spikes=spikes,
        notes=tuple(notes),
        fill=_fill(weeks, days, runs, offset, unfinished),
        summary=_summary(
            len(runs),
            total,
            weeks,
            len(over),
            len(spikes),
            len(reported),
            len(counted.left_out),
            sum(reading.rows_skipped_count for reading in readings),
        ),
        verdict="over" if over or spikes else "within",
        why=(
            "Each week and run was checked by the ramp, spike and ACWR checks, exactly as when you type "
            "the numbers in: their answers above say how strong the evidence behind each is."
        ),
        links=HISTORY_LINKS,
        sources=tuple(
            dict.fromkeys(
                [
                    *(ramp["sources"] if ramp else []),
                    *(latest["sources"] if latest else []),
                    *(acwr["sources"] if acwr else []),
                ]
            )
        ),
    )


def _ramp(
    weeks: list[HistoryWeek], profile: str, limit_pct: float | None, unfinished: bool, notes: list[str]
) -> dict[str, Any] | None:
    """The ramp check's answer over the weeks (the last MAX_WEEKS), or None with a note."""
    shown = weeks[-MAX_WEEKS:]
    if len(weeks) > MAX_WEEKS:
        notes.append(f"The weekly limit was checked over the last {MAX_WEEKS} weeks (ten years) only.")
    try:
        return _sent(
            check_ramp_dated(
                [week.km for week in shown],
                first_week=date.fromisoformat(shown[0].week_start),
                chart_weeks=CHART_WEEKS,
                unit="km",
                profile=profile,
                limit_pct=limit_pct,
                last_week_unfinished=unfinished,
            )
        )
    except CalculatorError as error:
        notes.append(f"The weekly limit could not be checked: {error.problems[0].message}")
        return None


def _acwr(days: list[HistoryDay], notes: list[str]) -> dict[str, Any] | None:
    """The acwr check's answer over the daily km (the last days it takes), or None with a note."""
    if len(days) < DAY.chronic:
        notes.append(
            f"The acute:chronic ratio needs at least {DAY.chronic} days of history: this one has {len(days)}."
        )
        return None
    shown = days[-DAY.max_loads :]
    try:
        return _sent(
            check_acwr_dated(
                [day.km for day in shown],
                first_day=date.fromisoformat(shown[0].date),
                chart_points=CHART_DAYS,
                period="day",
                unit="km",
            )
        )
    except CalculatorError as error:
        notes.append(f"The acute:chronic ratio could not be worked out: {error.problems[0].message}")
        return None


def _fill(
    weeks: list[HistoryWeek], days: list[HistoryDay], runs: list[Activity], offset: int, unfinished: bool
) -> dict[str, dict[str, Any]]:
    """Requests for the ramp, acwr and spike calculators from the latest of the history (up to
    today when it was given), for the page's "fill the calculator" links (each form reads its
    fields from the page's address); the spike's longest run is of the last 30 days up to the
    history's last day, 0 when there was none."""
    last_day = date.fromisoformat(days[-1].date)
    recent = [
        run.km for run in runs if 0 <= (last_day - run.local_start(offset).date()).days < SPIKE_WINDOW_DAYS
    ]
    ramp: dict[str, Any] = {"weeks": [week.km for week in weeks[-FILL_WEEKS:]], "unit": "km"}
    if unfinished:
        ramp["last_week_unfinished"] = True
    return {
        "ramp": ramp,
        "acwr": {"loads": [day.km for day in days[-FILL_DAYS:]], "period": "day", "unit": "km"},
        "spike": {"longest_30d": round(max(recent, default=0.0), 2), "unit": "km"},
    }


def _other_kinds(kinds: list[tuple[str, int]]) -> list[str]:
    """A note naming the types of activity not counted as runs (the ten most frequent), so a type of
    run the calculator does not know (in a language's own word) can be seen; or no note.

    >>> _other_kinds([("Radfahrt", 12), ("Spaziergang", 3)])
    ['Not counted, as not runs: Radfahrt (12), Spaziergang (3).']
    """
    if not kinds:
        return []
    shown = ", ".join(f"{kind or 'no type'} ({count})" for kind, count in kinds[:MAX_KINDS_NAMED])
    more = len(kinds) - MAX_KINDS_NAMED
    return [f"Not counted, as not runs: {shown}" + (f", and {more} other types." if more > 0 else ".")]


def _left_out(pairs: list[tuple[str, str]]) -> tuple[HistoryProblem, ...]:
    """The runs left out as (file, message) records, the first MAX_LEFT_OUT one by one, then a count.

    >>> [item.message for item in _left_out([("a.gpx", "the run on 2026-09-26 has no distance.")])]
    ['a.gpx: not counted: the run on 2026-09-26 has no distance.']
    """
    shown = [HistoryProblem(file, f"{file}: not counted: {why}") for file, why in pairs[:MAX_LEFT_OUT]]
    if len(pairs) > MAX_LEFT_OUT:
        more = len(pairs) - MAX_LEFT_OUT
        shown.append(
            HistoryProblem(
                "", f"{more} more run{'s were' if more != 1 else ' was'} not counted for the same reasons."
            )
        )
    return tuple(shown)


def _summary(
    runs: int,
    km: float,
    weeks: list[HistoryWeek],
    over: int,
    spikes: int,
    problems: int,
    left_out: int = 0,
    rows_skipped: int = 0,
) -> str:
    """One plain sentence or two: what was read, and what stood out (and what was not read: files,
    rows of CSV files, runs not counted)."""
    span = f"{len(weeks)} week{'s' if len(weeks) != 1 else ''}"
    read = f"{runs} run{'s' if runs != 1 else ''} ({km:g} km) over {span}, from {weeks[0].week_start}."
    weeks_over = "No week" if not over else f"{over} week{'s' if over != 1 else ''}"
    runs_over = "no run was" if not spikes else f"{spikes} run{'s were' if spikes != 1 else ' was'}"
    stood = (
        f" {weeks_over} rose more than the weekly limit, and {runs_over} more than "
        f"{plain(REFERENCE_LIMIT * 100)} % longer than the longest of the {SPIKE_STUDY['window_days']} days before."
    )
    unread = (
        f" {problems} file{'s' if problems != 1 else ''} could not be read (see below)." if problems else ""
    )
    dropped = (
        f" {left_out} run{'s were' if left_out != 1 else ' was'} not counted (see why below)."
        if left_out
        else ""
    )
    rows = (
        f" {rows_skipped} row{'s' if rows_skipped != 1 else ''} of the activity lists could not be read "
        "(see below)."
        if rows_skipped
        else ""
    )
    return read + stood + unread + rows + dropped
