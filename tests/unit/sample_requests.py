"""Requests every check answers (ok), shared by the tests that walk whole answers.

At least one per check, with answers that flag something. Not a package module on purpose:
tests/unit is on sys.path natively and in Pyodide, where the calculator must come from the wheel.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from calculator.protocol import handle_request

RULES = handle_request({"check": "rules"})["result"]
REDFLAG_IDS = [question["id"] for question in RULES["redflags"]["questions"]]
LOCATIONS = [location["key"] for location in RULES["where"]["locations"]]
FEATURES = [feature["key"] for feature in RULES["where"]["features"]]
SIGNS = [sign["key"] for sign in RULES["overtraining"]["signs"]]


#: Where this process writes the history samples (its own folder: parallel test workers each write one).
HISTORY_FOLDER = Path(tempfile.mkdtemp(prefix="kneeload-history-"))
atexit.register(shutil.rmtree, HISTORY_FOLDER, ignore_errors=True)


def request_id(request: dict[str, Any], width: int) -> str:
    """A request's test id: its JSON, cut to ``width``, with this process's sample folder as ``TMP``
    (so that parallel test workers, each with its own folder, collect the same ids).

    >>> request_id({"check": "history", "files": [str(HISTORY_FOLDER / "a.csv")]}, 60)
    '{"check": "history", "files": ["TMP/a.csv"]}'
    """
    return json.dumps(request).replace(str(HISTORY_FOLDER), "TMP")[:width]


def _history_files() -> list[str]:
    """A Garmin CSV of 6 weeks of runs (a rise over the limit, a long run) and an empty GPX file."""
    folder = HISTORY_FOLDER
    lines = ["Activity Type,Date,Favorite,Title,Distance,Calories,Time"]
    for week, km in enumerate((5, 5, 5, 5, 8, 10)):
        for day in (0, 2, 4):
            when = date(2026, 9, 7) + timedelta(days=7 * week + day)
            lines.append(f"Running,{when} 07:00:00,false,Run,{km},400,00:30:00")
    lines.append("Walking,2026-10-01 12:00:00,false,Walk,3,100,00:40:00")
    (folder / "Activities.csv").write_text("\n".join(lines) + "\n")
    (folder / "empty.gpx").write_text("")
    return [str(folder / "Activities.csv"), str(folder / "empty.gpx")]


#: At least one request per check, including answers that flag something.
SAMPLE_REQUESTS: list[dict[str, Any]] = [
    {"check": "ramp", "weeks": [20, 22]},
    {"check": "ramp", "weeks": [20, 25, 30, 0, 12]},
    {"check": "ramp", "weeks": [20, 21], "unit": "mi", "profile": "returning"},
    {"check": "ramp", "weeks": [60, 62], "unit": "min", "profile": "conservative"},
    {"check": "ramp", "weeks": [20, 23], "profile": "custom", "limit_pct": 15},
    {"check": "plan", "current": 20, "target": 30},
    {
        "check": "plan",
        "current": 5,
        "target": 6,
        "unit": "mi",
        "hold_weeks": True,
        "start_date": "2026-11-30",
    },
    {"check": "plan", "current": 20, "target": 30, "profile": "conservative"},
    {"check": "plan", "current": 30, "target": 20},
    {"check": "plan", "current": 20, "target": 30, "profile": "custom", "limit_pct": 7.5},
    {"check": "spike", "planned": 10, "longest_30d": 10},
    {"check": "spike", "planned": 12, "longest_30d": 10},
    {"check": "spike", "planned": 16, "longest_30d": 12},
    {"check": "spike", "planned": 25, "longest_30d": 10, "unit": "mi"},
    {"check": "spike", "planned": 5, "longest_30d": 0},
    {"check": "shoes", "distance_on_pair": 250, "weekly": 30},
    {"check": "shoes", "distance_on_pair": 450, "weekly": 20, "unit": "mi", "today": "2026-11-23"},
    {"check": "shoes", "distance_on_pair": 900, "weekly": 0},
    {"check": "acwr", "loads": [10, 10, 10, 16], "period": "week"},
    {"check": "acwr", "loads": [0, 0, 0, 0], "period": "week", "unit": "mi"},
    {"check": "acwr", "loads": [5] * 21 + [10] * 7, "period": "day", "unit": "min"},
    {"check": "acwr", "loads": [3] * 30, "period": "day", "unit": "au"},
    {"check": "history", "files": _history_files(), "utc_offset_minutes": 60},
    {"check": "redflags", "answers": {}},
    {"check": "redflags", "answers": {"not_better_2_weeks": True}},
    {"check": "redflags", "answers": {"injury": True}},
    {"check": "redflags", "answers": {"stays_painful": True, "night_pain": True}},
    {"check": "redflags", "answers": {"ottawa_fibula": True}},
    {"check": "redflags", "answers": dict.fromkeys(REDFLAG_IDS, True)},
    *({"check": "where", "location": location} for location in LOCATIONS),
    *({"check": "where", "location": location, "features": FEATURES} for location in LOCATIONS),
    {"check": "overtraining", "signs": {}},
    {"check": "overtraining", "signs": {"sleep": True}},
    {"check": "overtraining", "signs": {"lasting_low_mood": True}},
    {"check": "overtraining", "signs": dict.fromkeys(SIGNS, True)},
    {"check": "redflags", "answers": {"injury": True, "ottawa_age": True, "marked_swelling": True}},
    {"check": "redflags", "answers": {"breathless": True, "locked": True}},
    {"check": "redflags", "answers": {"hot_swollen": True, "infection_risk": True}},
    {"check": "where", "location": "back", "features": ["bending", "sprinting"]},
    {"check": "where", "location": "outside", "features": ["snapping", "swelling", "after-injury"]},
    {"check": "overtraining", "signs": {"fatigue": True, "mood": True, "aches": True, "appetite": False}},
]
