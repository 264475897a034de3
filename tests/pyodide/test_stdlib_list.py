"""tools/stdlib_modules.txt, the hosted site's smaller standard library, is what the calculator's
worker uses now: tools/stdlib_modules.mjs lists it again under Node, against the site's wheel.

A module missing from the list still works in the browser (downloaded with the whole standard
library: tools/stdlib_fallback.py), but costs every reader that download: this keeps it current.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, site_lock_dir
from tests.unit import history_samples as samples

LISTING = PROJECT_ROOT / "tools" / "stdlib_modules.txt"
TOOL = PROJECT_ROOT / "tools" / "stdlib_modules.mjs"
#: Where the training log's sample exports are written for the tool.
SAMPLES = PROJECT_ROOT / ".cache" / "history-samples"


def write_history_samples(folder: Path) -> Path:
    """One export of each kind the training log reads (calculator/history), as the test suite's
    samples model them: Garmin Connect's Activities.csv, a Strava export (activities.csv and a
    .fit.gz), a GPX, a .gpx.gz, a TCX and a FIT file."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = datetime(2026, 11, 8, 7, 0, tzinfo=UTC)
    track = samples.gpx([[samples.straight_line(10)]], start)
    files = {
        "Activities.csv": samples.garmin_csv([("Running", "2026-11-02 07:00:00", "8.5", "0:45:00")]),
        "export.zip": samples.zipped(
            {
                "activities.csv": samples.strava_csv(
                    [samples.StravaRow(start, "Run", "10", "10000", "activities/1.fit.gz")]
                ),
                "activities/1.fit.gz": samples.gz(samples.fit([samples.FitSession(start, 10.0)], 60)),
            }
        ),
        "run.gpx": track,
        "run.gpx.gz": samples.gz(track),
        "run.tcx": samples.tcx(start, [1000.0] * 5),  # 5 km in 25 minutes
        "run.fit": samples.fit([samples.FitSession(start, 12.0)], 60),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_the_smaller_standard_library_list_is_current() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to list the calculator's standard library modules: install nodejs.")
    done = subprocess.run(
        [node, str(TOOL), str(site_lock_dir()), str(write_history_samples(SAMPLES))],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    now = done.stdout.split()
    assert len(now) > 100 and "json/__init__.py" in now and "fractions.py" in now, now
    assert LISTING.read_text(encoding="utf-8").split() == now, (
        f"Regenerate it: node tools/stdlib_modules.mjs {site_lock_dir()} {SAMPLES} > tools/stdlib_modules.txt"
    )
