"""The Python tree passes ruff's lint rules and is formatted as `ruff format` writes it (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import PROJECT_ROOT


@pytest.mark.parametrize(
    "command",
    [["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff_passes(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
