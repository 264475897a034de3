"""The calculator and the hooks are type-checked (mypy --strict, as pyproject.toml configures)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import PROJECT_ROOT


def test_mypy_strict_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(PROJECT_ROOT / ".cache" / "mypy")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
