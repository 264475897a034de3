"""The site, built once per test run: a fixture the end-to-end and the hooks suites import into their
conftest.py (not in tests/conftest.py, which the unit tests inside Pyodide would load too)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per test run, as `make site` does (strict), into a temporary folder.

    The suite's parallel workers (pytest-xdist) share one build: the first to get here builds it
    while holding a lock in their shared temporary folder, and the others wait, then reuse it (or
    fail with the same log, without building again)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, log, done = shared / "site", shared / "mkdocs-build.log", shared / "mkdocs-build.returncode"
    with (shared / "mkdocs-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            with log.open("w") as stream:
                built = subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                    cwd=PROJECT_ROOT,
                    stdout=stream,
                    stderr=subprocess.STDOUT,
                    check=False,
                )
            done.write_text(str(built.returncode))
    assert done.read_text() == "0", f"mkdocs build failed:\n{log.read_text()}"
    return out
