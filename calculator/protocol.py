"""The calculator's one JSON protocol: one JSON object in, one JSON object out.

Every caller speaks it: the browser's worker calls handle(text) with JSON text, the command
line (python -m calculator) reads the same text on standard input, and the build calls
handle_request(dict). Neither ever raises: every problem comes back as an answer.

Requests
    A JSON object naming a check, plus that check's fields. Unknown fields are refused.

    {"check": "ramp", "weeks": [20, 22, 26], "unit": "km", "profile": "standard"}
        Compare each week's running with the week before, against a weekly limit.
        weeks    1 to 520 numbers, oldest week first; 0 is a week with no running
        unit     optional: "km" (the default), "mi" (miles) or "min" (minutes)
        profile  optional: "standard" (the default, up to 10 % a week), "returning"
                 (5 %, for starting out or coming back from injury), "conservative" (2.5 %)
                 or "custom" (the reader's own limit, in limit_pct)
        limit_pct  with "custom" only, and required there: a number above 0, at most 50
                 ({"check": "ramp", "weeks": [20, 23], "profile": "custom", "limit_pct": 15})
        last_week_unfinished  optional, false by default: true when the last week is still in
                 progress (it is then judged only if already over, and next_week_max is the most
                 it may hold in all)
        In minutes ("unit": "min"), a week may also be a time written "h:mm:ss" or "mm:ss"
        ("3:10:00" is 190 minutes); "--" and other "no value" marks are refused with a message
        saying what to enter. Any amount of any check may be text with its unit after it
        ("20 km", "20km", "12 miles", "45 min": calculator.units.UNIT_WORDS): read in the unit
        chosen, refused in another with both named. How weeks are read (the rules check's "training" table):
        each week is compared with its level, the most run in any of the 4 weeks before it since
        the last break; a week under a quarter of its level is a break; the first week back
        after a break is judged against the level before the break, not by a percentage.

    {"check": "plan", "current": 20, "target": 30, "unit": "km", "profile": "standard",
     "start_date": "2026-11-30", "hold_weeks": false, "easier_weeks": false}
        A week-by-week build from this week's running to a target, each week at most the
        week before plus the limit (rounded down to the unit's step: 0.1 km or mile, a whole
        minute; never above the target).
        current  this week's running, more than 0 (no percentage grows from 0)
        target   the weekly amount to reach; at or below current is answered "already-there"
        unit, profile, limit_pct  as for ramp
        start_date  optional YYYY-MM-DD (2000 to 2100): when week 1 starts; none: weeks only
        hold_weeks  optional, false by default: true holds each rise for a week (seed 002)
        easier_weeks  optional, false by default: true adds an easier week after every three
                 rises, back at the amount they started from; the week after it grows from the
                 level before it (the ramp check's baseline), so the plan is never over
        Refused: a plan longer than 520 weeks, or one that cannot grow by 0.1 within the limit.

    {"check": "spike", "planned": 16, "longest_30d": 12, "unit": "km"}
        A planned run against the longest run of the last 30 days, in the bands of Frandsen
        et al. 2025. planned more than 0; longest_30d 0 means no run in 30 days (no band);
        unit "km" (the default) or "mi": the study compared distances.

    {"check": "shoes", "distance_on_pair": 250, "weekly": 30, "unit": "km", "today": "2026-11-23"}
        When a pair reaches the usual replacement range of about 400-500 miles (seed 002), a
        rule of thumb. weekly 0 gives no weeks and no dates; unit "km" (the default) or "mi";
        today optional YYYY-MM-DD, for dates.

    {"check": "acwr", "loads": [5, 0, 8, ...], "period": "day", "unit": "km"}
        The acute:chronic workload ratio: recent load against the load you are used to.
        A contested measure from team sports: every answer carries the caveat.
        loads    daily loads (28 to 730) or weekly loads (4 to 520), oldest first; 0 is a rest
        period   "day" (rolling and weighted ratios) or "week" (rolling only)
        unit     optional: "km" (the default), "mi", "min" or "au" (arbitrary units)

    {"check": "history", "files": ["export.zip"], "distance_unit": "km", "utc_offset_minutes": 60,
     "profile": "standard", "today": "2026-11-30", "last_week_unfinished": false}
        A runner's own export read where the calculator runs, then the ramp, spike and acwr
        checks over it. Nothing is sent anywhere: the files are not in the request, only their
        paths, and the calculator opens them itself. On the command line they are paths on disk
        (python -m calculator history FILE ...); in the browser, the page's worker mounts the
        files the reader chose in its own file system (read in place, a slice at a time) and
        sends their paths there. Bytes over JSON would not do: a ten-year export is far larger
        than a request may be (100000 characters).
        files    1 to 10000 paths: Strava's or Garmin's zip, activities.csv (Strava),
                 Activities.csv (Garmin Connect), GPX, TCX or FIT files, each possibly .gz
        distance_unit  optional: "km" (the default) or "mi": the account's unit, for a CSV
                 whose distance does not say (Garmin's; Strava's older exports)
        utc_offset_minutes  optional, 0 by default: the reader's difference from UTC in whole minutes, a number or its text (60 for
                 UTC+1), for files that give only a UTC time (GPX, TCX, Strava's CSV); a FIT
                 file's own local time and Garmin's CSV dates are used as they are
        profile, limit_pct  as for ramp
        today    optional YYYY-MM-DD, the reader's date: the weeks and days run up to it (empty
                 ones as 0), and the week holding it is not finished
        last_week_unfinished  as for ramp
        Only runs count: Strava's Run, Trail Run and Virtual Run, Garmin's running types
        (road, trail, treadmill, track, indoor, virtual, ultra), GPX and TCX "running", FIT
        sport running; a GPX or TCX without a type counts. A run in two files (the zip's CSV
        row and its GPX) counts once. A run's day is its local start date. A file that cannot
        be read is one of the answer's problems and the rest still count; the request is
        refused (a problem per file, at files[i]) only when nothing could be read.

    {"check": "redflags", "answers": {"locked": true, "under_16": false}}
        How urgently to get help: the most urgent of the questions answered yes and of the
        combinations of them that apply (self-care, soon, urgent, emergency). A missing
        question is no; "answers" itself is required ({} is all no). The questions, the
        combinations and their ids: the rules check's "redflags" table.

    {"check": "where", "location": "front", "features": ["stairs", "swelling"]}
        The conditions pain at a place may come from, never a diagnosis.
        location "front", "around-kneecap", "below-kneecap", "above-kneecap", "outside",
                 "inside" or "back"
        features optional: a list of the rules check's "where" feature keys

    {"check": "overtraining", "signs": {"fatigue": true, "sleep": true}}
        Whether to back off, from seed 002's warning signs of overtraining (a missing sign
        is no; "signs" itself is required, {} is none).

    {"check": "rules"}
        The ramp check's profiles and units, in order, for forms and tables:
        {"ramp": {"profiles": [{"key", "label", "limit_pct", "description", "source",
        "sources"}, ...], "units": [{"key", "label", "max"}, ...], "max_weeks", ...}}
        and one table per check, under its name:
        "acwr": {"periods": [{"key", "label", "acute", "chronic", "min_loads", "max_loads"}],
                 "bands": [{"key", "label", "low", "low_included", "high", "high_included",
                 "range", "description", "sources"}], "ewma": {"acute": {"days", "lambda"},
                 "chronic": {...}, "seed", "weekly_note", "sources"}, "units": [{"key", "label",
                 "short", "max_per_day", "max_per_week"}], "default_unit", "caveat", "caveat_sources"}
        "redflags": {"levels": [{"key", "rank", "label", "care_level", "heading", "summary",
                     "action", "watch", "calls": [{"number", "label"}], "sources"}],
                     "questions": [{"id", "sign", "question", "urgency", "reason", "sources",
                     "asked_if", "needs_lead_in"}], "combinations": [{"id", "sign", "groups",
                     "at_least", "urgency", "reason", "sources"}]}   (questions in form order;
                     asked_if: shown after a yes to it; needs_lead_in: counts only with that yes;
                     a combination applies when each group has at least at_least yes answers)
        "where": {"locations": [{"key", "label", "phrase", "conditions", "note", "note_sources"}],
                  "conditions": [{"key", "name", "page", "also_called", "locations", "typical",
                  "note", "sources"}], "features": [{"key", "label", "red_flag", "redflag", "supports",
                  "note", "sources"}], "not_a_diagnosis"}   (redflag: the red-flag question's id)   (a condition's locations = its page's pain_locations)
        "overtraining": {"signs": [{"key", "label", "short", "question", "sources", "ours"}],
                         "several_signs", "several_signs_ours", "verdicts": [{"key", "rank",
                         "label", "advice": [{"text", "sources", "ours"}]}]}
        "training": {"baseline_weeks": 4, "break_share": 0.25, "ratio_history_weeks": 3,
                     "plausible_per_week": {"km", "mi", "min"}, "plausible_per_day": {...},
                     "no_value": [...], "rules": [{"key", "title", "text", "sources", "ours"}]}
                     (how real training is read by the ramp, plan and acwr checks)
        "ramp" also has "custom": {"key": "custom", "label", "field": "limit_pct",
                 "min_pct_exclusive": 0, "max_pct": 50.0, "description", "source", "sources"}
        "plan": {"limits_from": "ramp", "step": {"km": 0.1, "mi": 0.1, "min": 1.0}, "rounding": "down",
                 "max_weeks": 520,
                 "hold_weeks": {"key", "label", "description", "default", "source", "sources"},
                 "cut_back_weeks": {"given": true, "key": "easier_weeks", "label", "description",
                 "default", "rises": 3, "note", "source", "sources", "ours": true},
                 "dates": {"earliest", "latest", "format"}, "caveat", "caveat_sources"}
        "spike": {"bands": [{"key", "label", "name", "above_pct", "up_to_pct", "hazard_ratio",
                  "ci": {"low", "high", "level"} or null, "sources"}], "compared_with",
                  "study": {"runners", "runs", "injured", "months", "window_days", "citation"},
                  "units": [{"key", "label", "max"}], "default_unit", "sources"}
                  (a band holds spikes above above_pct, up to and including up_to_pct)
        "shoes": {"range": {"low_miles", "high_miles", "km": [low, high], "km_per_mile",
                  "label", "source", "sources"}, "units": [{"key", "label", "max_on_pair",
                  "max_per_week"}], "default_unit", "why", "sources"}

Answers
    {"ok": true, "check": "ramp", "result": {...}}
    {"ok": false, "check": "ramp", "errors": [{"field": "weeks[1]", "message": "Week 2 can't be negative."}]}

    "check" names the check that answered; it is null when the request named no known check.
    "errors" lists every problem at once. "field" is the path of the value in the request
    ("weeks[1]" is the second week, "unit", "check", an unknown key), or "request" for the
    request as a whole: not JSON, not an object, longer than 100000 characters, nested more
    than 20 levels deep, or a fault inside the calculator. "message" is one plain sentence
    for the reader. NaN and Infinity are not numbers here, and never appear in an answer.
    Where a number is asked for, a string holding a plain number ("22.5", as a CSV column or a
    script may send it) is read as that number; "1,200" and "22 km" are refused at their field.

The ramp result
    {"profile": "standard", "profile_label": "Standard: up to 10 % a week", "limit_pct": 10.0,
     "unit": "km", "unit_label": "km",
     "weeks": [{"week": 1, "volume": 20, "change_pct": null, "over_limit": false,
                "message": "First week: nothing to compare with yet.", "kind": "first",
                "baseline": null, "baseline_week": null, "baseline_pct": null,
                "rounding_allowed": null}, ...],
     "over_limit_weeks": [3],
     "next_week_max": 28.6, "next_week_note": "Up to 28.6 km keeps next week within ...",
     "last_week_unfinished": false, "remaining": null, "restart_below": null, "notes": [],
     "summary": "1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 28.6 km.",
     "caveat": "Weekly limits like this are rules of thumb: ...",
     "sources": ["seed-002", "seed-004", "frandsen-2025", "buist-2008"],
     "verdict": "within" | "over" | "after-break", "why": "...", "links": [...], "disclaimer": "...",
     "see_clinician": false, "chart_svg": "<svg ...>"}

    change_pct is the change on the week before in percent, 1 decimal (rises rounded up),
    or null for the first week and for a week after a week of 0. over_limit says whether the
    week rose more than the limit on its level (below), or came back after a break above the
    level before it. A week exactly at the limit is within it, and so is one over it by less
    than half the last decimal place typed (rounding_allowed then says by how much, in the
    unit). next_week_max is the most next week may hold, rounded down to 2 decimals (after a
    first week back at or above the level before the break: that level, a hold), or null after
    a break (next_week_note says why; restart_below is the level before the break, or null
    with no running before it). Volumes come back as they were sent (times: in minutes).

    New in each week (issue 10):
        kind           "first", "up", "level", "easier", "break", "return" (first week back
                       after a break), "start" (first running, none before it) or "unfinished"
        baseline       the level the week is compared with: the most of the 4 weeks before
                       it since the last break (for a return, the level before the break), or null
        baseline_week  the week that set it (the latest on a tie), or null
        baseline_pct   the change on the baseline in percent, rounded as change_pct, or null
        rounding_allowed  null, or how far over the limit a week counted within it was
    New in the result: "last_week_unfinished" (as sent), "remaining" (with an unfinished last
    week: how much more it may hold, else null), "restart_below" (above), "notes" (plain
    sentences: weeks within only by rounding, figures far beyond what runners do, a last week
    that may be unfinished), and the verdict "after-break" (the last whole week is a break or
    a first week back, none over).

Every answer of the ramp, plan, spike, shoes, acwr, history, redflags, where and overtraining checks also has
    "summary" (one plain sentence), "verdict" (a short key), "why" (the reason and how strong
    the evidence is), "links" ([{"title", "page"}], docs-relative pages), "sources"
    (bibliography keys), "disclaimer" and "see_clinician" (true: point to red-flags.md).

The acwr result
    {"period": "day", "unit": "km", "unit_label": "km",
     "rolling": {"method": "rolling", "acute": 42.0, "chronic": 26.0, "ratio": 1.62,
                 "band": "danger", "band_label": "danger zone"},
     "ewma": {"method": "ewma", ...} or null for weekly loads, "ewma_note": "...",
     "series": [{"index": 28, "acute", "chronic", "ratio", "band", "ewma_ratio", "ewma_band"}, ...],
     "chart_svg": "<svg ...>", "caveat": "The acute:chronic ratio is contested evidence, ...",
     "enough_history": true, "notes": [],
     "verdict": "low" | "sweet-spot" | "caution" | "danger" | "no-ratio" | "not-enough-history", ...}

    acute and chronic are loads per 7 days (rolling: the last 7 days or last week, and the
    average over the last 4 weeks; ewma: the weighted daily averages times 7). A ratio has 2
    decimals and never leaves its band: exactly 0.8 and 1.3 are the sweet spot, 1.5 the danger
    zone. With a chronic load of 0, ratio, band and band_label are null (verdict "no-ratio").
    series has one point per day (or week) from the 28th day (4th week); index 1 is the first load.
    enough_history is false when one of the 3 weeks before the last (7 days or week) had no
    running or almost none (a break: under a quarter of the most of the 4 weeks before it since
    the last break; the rules check's "training" table): the ratios, bands and band labels are then null and the
    verdict is "not-enough-history" (Dijkhuis et al. 2020), never a band; a series point without
    that history has a null ratio and band too. notes: plain sentences about loads far beyond
    what runners do. In minutes, loads may be times written "h:mm:ss" or "mm:ss".

The history result
    {"weeks": [{"week_start": "2026-09-21", "km": 32.5, "runs": 4}, ...],
     "days": [{"date": "2026-09-21", "km": 8.0, "runs": 1}, ...],
     "runs": 412, "km": 3851.2, "not_runs": 57, "duplicates": 412,
     "first_date": "2024-01-02", "last_date": "2026-11-29",
     "files": [{"name": "export.zip", "activities": 881, "skipped": 120}],
     "problems": [{"file": "export.zip: activities/9.fit.gz", "message": "... is cut short: ..."}],
     "left_out": [{"file": "export.zip: activities/7.gpx", "message": "...: not counted: the run ..."}],
     "ramp": {the ramp check's answer} | null, "acwr": {the acwr check's answer} | null,
     "spike": {the spike check's answer for the latest run} | null,
     "spikes": [{"date", "km", "longest_30d", "spike_pct", "band", "band_label", "hazard_ratio"}],
     "notes": [], "fill": {"ramp": {"weeks": [...], "unit": "km", "last_week_unfinished": true},
                           "acwr": {"loads": [...], "period": "day", "unit": "km"},
                           "spike": {"longest_30d": 21.1, "unit": "km"}},
     "verdict": "over" | "within", ...}

    weeks covers every week (from its Monday) from the first run to the last, or to the week
    holding today when today is later, oldest first, empty weeks as 0; days every day, to today
    likewise (last_date is then today). km are added up unrounded, then rounded to 0.01 km.
    ramp is the ramp check over the weekly km (the last 520 weeks), acwr the acwr check over
    the daily km (the last 730 days; null under 28 days), each exactly as that check answers
    (its fields are in its own section). spikes are the runs the spike check puts above its
    reference band against the longest run of the 30 days before them (longest_30d, in km).
    not_runs: activities of other types (a note names the ten most frequent types, with their
    counts, so a type of run not known as one can be seen); duplicates: records dropped as a run
    already counted;
    skipped: a zip's photos and other files; left_out: runs that cannot be real (no distance,
    faster than the world record for their distance by over 10 %, a date before 1980 or after 2100,
    over 1000 km), not counted, each with why (the first 50, then a count).
    verdict "over": a week over the limit or a spike.
    fill: requests for the ramp (the last 12 weeks; last_week_unfinished only when true), acwr
    (the last 56 days) and spike (the longest run of the 30 days up to the last day, 0 with no
    run in them) checks, to fill their forms.

The redflags result
    {"level": "urgent", "level_label": "Urgent: get seen today", "care_level": "urgent",
     "heading": "Get seen today: ...", "action": "Ask your GP surgery for an appointment today ...",
     "watch": "Call 999 or go to A&E if ...", "calls": [{"number": "111", "label": "..."}],
     "reasons": [{"id", "kind", "sign", "question", "urgency", "reason", "sources"}, ...],
     "ignored": ["ottawa_age"], "verdict": "urgent", "see_clinician": true, ...}

    level (= verdict) is "self-care", "soon", "urgent" or "emergency"; care_level is the NHS's
    "non-urgent", "urgent" or "emergency" (null for self-care). heading, action and watch say
    what to do, when and where, and what would change the answer; calls are the numbers to
    link with tel:. reasons are the combinations that apply (kind "combination") and the
    questions answered yes that count (kind "question"), most urgent first. ignored: Ottawa
    questions answered yes without a yes to "injury" (they count only after an injury).

The where result
    {"location": "front", "location_label": "The front of the knee", "location_note": "",
     "conditions": [{"key", "name", "page", "also_called", "typical", "note",
                     "matching_features", "sources"}, ...],
     "features": [{"key", "label", "note", "red_flag", "redflag", "sources"}, ...],
     "not_a_diagnosis": "These are conditions it may be, not a diagnosis: ...",
     "urgency": null | {"level", "level_label", "heading", "action", "watch",
                        "calls": [{"number", "label"}]},
     "verdict": "may-be" | "see-clinician", ...}

    Conditions with more matching features come first; a red-flag feature (swelling, locking,
    after-injury, gives-way, night-pain, limping) is one of the red-flags check's questions: it
    makes the verdict "see-clinician" and urgency the red-flags check's level for those signs.

The overtraining result
    {"signs": [{"key", "label", "ours"}], "count": 2, "verdict_label": "Ease off and add rest",
     "advice": [{"text", "sources", "ours"}], "verdict": "carry-on" | "ease-off" |
     "ease-off-talk-to-gp", ...}

    "ours": true marks our own cautious advice (talking to a GP), not the source's.

The plan result
    {"profile", "profile_label", "limit_pct": 10.0, "unit": "km", "unit_label": "km",
     "current": 20, "target": 30, "hold_weeks": false, "easier_weeks": false,
     "start_date": "2026-11-30" | null,
     "weeks": [{"week": 1, "volume": 22.0, "change_pct": 10.0, "kind": "rise" | "hold" | "easier",
                "starts": "2026-11-30" | null, "message": "Up 10 % to 22 km.",
                "level_change_pct": null | 9.8, "level_week": null | 3}, ...],
     "week_count": 5, "target_week": 5, "target_date": "2026-12-28" | null,
     "verdict": "plan" | "already-there", "caveat": "...", "chart_svg": "<svg ...>", ...}

    Every week is at most the week before times (1 + the limit), exactly, except the week after
    an easier week: it is at most the level before the easier week times (1 + the limit), as
    the ramp check compares each week with the most of the 4 weeks before it. change_pct is the
    change on the week before, rounded up to 0.1 % (large after an easier week, where
    level_change_pct is the rise on the level before the easier week and level_week the week
    that set it, 0 for this week; both null on every other week). target_week is the week the target is reached (week_count; 0 when
    already there), target_date the date that week starts (null without start_date).

The spike result
    {"planned": 16, "longest_30d": 12, "unit": "km", "unit_label": "km", "spike_pct": 33.4,
     "band": {"key": "over-30", "label": "..."}, "hazard_ratio": 1.52,
     "ci": {"low": 1.16, "high": 2.0, "level": 95} | null, "longest_within_reference": 13.2,
     "verdict": "reference" | "over-10" | "over-30" | "over-100" | "no-comparison", ...}

    spike_pct is rounded up to 0.1 % for longer runs; band, hazard_ratio, spike_pct and
    longest_within_reference (the longest run times 1.1, rounded down to 2 decimals) are null
    when longest_30d is 0. The reference band has hazard_ratio 1.0 and ci null.

The shoes result
    {"distance_on_pair": 250, "weekly": 30, "unit": "km", "unit_label": "km", "today": null,
     "range": {"low": 643.7376, "high": 804.672, "low_miles": 400.0, "high_miles": 500.0},
     "status": "before-range" | "in-range" | "past-range", "to_range": 393.8,
     "weeks_to_range": 14, "weeks_to_range_end": 19, "days_to_range": 92, "days_to_range_end": 130,
     "range_date": "2027-02-23" | null,
     "range_end_date": ... | null, "verdict": (the status), ...}

    Both ends of the range are in it. Weeks are whole weeks, rounded up; days are whole days at
    the weekly distance spread evenly over the week, rounded up (both 0 once there; null when
    weekly is 0). The sentences say days under two weeks, else weeks to the nearest. Dates need
    "today" (today plus the days).

Examples in Python
------------------
>>> import json
>>> answer = json.loads(handle('{"check": "ramp", "weeks": [20, 22, 26]}'))
>>> answer["ok"], [week["over_limit"] for week in answer["result"]["weeks"]]
(True, [False, False, True])
>>> handle('{"check": "ramp", "weeks": [20, -1]}')
'{"ok": false, "check": "ramp", "errors": [{"field": "weeks[1]", "message": "Week 2 can\\'t be negative."}]}'
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from calculator.answer import Answer
from calculator.checks.registry import CHECKS, Check
from calculator.errors import CalculatorError, Problem
from calculator.reading import quoted, words

__all__ = ["INTERNAL_ERROR", "MAX_DEPTH", "MAX_REQUEST_CHARS", "WARM_UP", "handle", "handle_request"]

#: The longest request text read; anything longer is refused before parsing.
MAX_REQUEST_CHARS = 100_000
#: The deepest nesting of lists and objects read (a ramp request needs 2).
MAX_DEPTH = 20
#: What the reader sees when the calculator itself fails; the details go to standard error.
INTERNAL_ERROR = (
    "Something went wrong inside the calculator: this is a fault in the calculator, "
    "not in what you entered. Please try again later."
)

#: One request of each check that takes no files, as JSON text: the browser's worker answers them
#: once Python is ready (worker.js), while the reader fills a form, so that the reader's first
#: answer does not pay for importing its check (calculator/checks/registry.py) or for code running for the first time (in the browser, the first answer took
#: several times as long as the next: benchmarks/bench.py, README "Speed"). Their answers are
#: thrown away.
WARM_UP = tuple(
    json.dumps(request)
    for request in (
        {"check": "ramp", "weeks": [30, 31, 33, 36, 35, 20, 32], "last_week_unfinished": True},
        # A rise over the limit too (the answer readers most often come for: its own summary, caps
        # and chart marks): in the browser the first request down a path runs several times slower.
        {"check": "ramp", "weeks": [30, 33, 40, 38], "unit": "km", "profile": "standard"},
        {"check": "plan", "current": 20, "target": 30, "start_date": "2026-11-30", "easier_weeks": True},
        {"check": "spike", "planned": 16, "longest_30d": 12},
        {"check": "shoes", "distance_on_pair": 250, "weekly": 30, "today": "2026-11-23"},
        {"check": "acwr", "loads": [10, 12, 11, 14, 13, 15, 16], "period": "week", "unit": "min"},
        {"check": "redflags", "answers": {}},
        {"check": "where", "location": "front", "features": []},
        {"check": "overtraining", "signs": {}},
        {"check": "rules"},
    )
)


def handle(text: str) -> str:
    """Answer one request given as JSON text, with JSON text. Never raises.

    >>> handle('{"check": "rules"}')[:30]
    '{"ok": true, "check": "rules",'
    >>> handle('{"check": "ramp", "weeks": [20, 22]')
    '{"ok": false, "check": null, "errors": [{"field": "request", "message": "The request is not valid JSON (line 1, column 36)."}]}'
    """
    try:
        answer = handle_request(_parse(text))
    except CalculatorError as error:
        answer = _refused(None, error)
    except Exception:  # noqa: BLE001 (the one catch-all: a fault in the calculator: a plain answer here, the details on stderr)
        traceback.print_exc(file=sys.stderr)
        answer = _refused(None, CalculatorError("request", INTERNAL_ERROR))
    try:
        return json.dumps(answer, allow_nan=False)
    except Exception:  # noqa: BLE001 (an answer that cannot be written is a fault too)
        traceback.print_exc(file=sys.stderr)
        return json.dumps(_refused(None, CalculatorError("request", INTERNAL_ERROR)))


def handle_request(request: object) -> dict[str, Any]:
    """Answer one request given as parsed JSON (a dict), with a JSON-ready dict. Never raises.

    >>> handle_request({"check": "ramp", "weeks": [20, 22]})["result"]["next_week_max"]
    24.2
    >>> handle_request({"check": "nope"})["errors"][0]["field"]
    'check'
    """
    name: str | None = None
    try:
        check, fields = _find_check(request)
        name = check.name
        return {"ok": True, "check": name, "result": _run(check, fields)}
    except CalculatorError as error:
        return _refused(name, error)
    except Exception:  # noqa: BLE001 (the one catch-all: a fault in the calculator: a plain answer here, the details on stderr)
        traceback.print_exc(file=sys.stderr)
        return _refused(name, CalculatorError("request", INTERNAL_ERROR))


def _refused(name: str | None, error: CalculatorError) -> dict[str, Any]:
    return {"ok": False, "check": name, "errors": error.as_json()}


def _known() -> str:
    return words(sorted(CHECKS), "or")


def _find_check(request: object) -> tuple[Check, dict[str, Any]]:
    """Return the check a request names and the request, or raise naming what is wrong."""
    if not isinstance(request, dict):
        raise CalculatorError(
            "request", 'The request must be a JSON object, like {"check": "ramp", "weeks": [20, 22]}.'
        )
    if "check" not in request or not isinstance(request["check"], str):
        raise CalculatorError(
            "check", f'Say which check to run, like "check": "ramp" (the checks: {_known()}).'
        )
    name = request["check"]
    if name not in CHECKS:
        raise CalculatorError("check", f"Unknown check{quoted(name)}: choose {_known()}.")
    return CHECKS[name], request


def _run(check: Check, request: dict[str, Any]) -> dict[str, Any]:
    """Run a check; refuse unknown fields too, together with the check's own problems."""
    unknown = [_unknown_field(key, check) for key in request if key != "check" and key not in check.fields]
    try:
        answer = check.run(request)
    except CalculatorError as error:
        raise CalculatorError.from_problems([*error.problems, *unknown]) from None
    if unknown:
        raise CalculatorError.from_problems(unknown)
    if not isinstance(answer, Answer):
        return answer  # the rules check's tables
    table = answer.table()
    result = answer.as_dict()
    return result if table is None else {**result, "table": table}


def _unknown_field(key: object, check: Check) -> Problem:
    """A request field the check does not take: named, with the fields it does take."""
    field = key if isinstance(key, str) else repr(key)
    takes = f"it takes {words(list(check.fields), 'and')}" if check.fields else "it takes no other fields"
    return Problem(
        field[:100], f"The field{quoted(field)} is not understood by the {check.name} check: {takes}."
    )


def _parse(text: object) -> object:
    """Read the request's JSON text, refusing text that is too long or nested too deeply."""
    if not isinstance(text, str):
        raise CalculatorError("request", "The request must be JSON text.")
    if len(text) > MAX_REQUEST_CHARS:
        raise CalculatorError("request", f"The request is too long: at most {MAX_REQUEST_CHARS} characters.")
    if not text.strip():
        raise CalculatorError(
            "request", 'The request is empty: send one JSON object, like {"check": "rules"}.'
        )
    if _too_deep(text):
        raise CalculatorError("request", f"The request is nested too deeply: at most {MAX_DEPTH} levels.")
    try:
        return json.loads(text, parse_constant=_constant_as_text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise CalculatorError(
            "request", f"The request is not valid JSON (line {error.lineno}, column {error.colno})."
        ) from None
    except (ValueError, RecursionError):
        raise CalculatorError("request", "The request is not valid JSON.") from None


def _constant_as_text(name: str) -> str:
    """Read NaN, Infinity and -Infinity as text, so they are refused where they stand."""
    return name


def _integer(digits: str) -> int | float:
    """Read an integer; a very long one becomes a (huge) float instead of a slow int."""
    return int(digits) if len(digits) <= 30 else float(digits)


def _too_deep(text: str) -> bool:
    """Say whether lists and objects nest more than MAX_DEPTH levels, brackets in strings aside.

    >>> _too_deep("[" * 21 + "]" * 21), _too_deep("[" * 20 + "]" * 20), _too_deep('"' + "[" * 50 + '"')
    (True, False, False)
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False  # too few brackets to nest deeper: no need to scan
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False
