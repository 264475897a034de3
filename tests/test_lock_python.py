"""tools/lock_python.py: the Makefile's search for a Python 3.12+ for pyodide-build."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import PROJECT_ROOT, module_from_path

lock_python = module_from_path("lock_python", PROJECT_ROOT / "tools" / "lock_python.py")


def test_no_python_found_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert lock_python.main({"PATH": "", "PYENV_ROOT": "/nonexistent"}) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "No Python 3.12 or newer" in err and "LOCK_PYTHON=" in err and "apt-get install python3.12" in err


def test_lock_python_older_than_3_12_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("the host Python is 3.12+ here, so it would be accepted")
    assert lock_python.main({"LOCK_PYTHON": sys.executable, "PATH": ""}) == 1
    assert sys.executable in capsys.readouterr().err


def test_pyenv_versions_are_found(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("pyenv")
    for version in ("3.11.7", "3.12.1", "3.13.0"):
        (root / "versions" / version / "bin").mkdir(parents=True)
        (root / "versions" / version / "bin" / "python3").touch()
    found = lock_python.candidates({"PYENV_ROOT": str(root)})
    assert [path.split("/versions/")[1] for path in found if "/versions/" in path] == [
        "3.12.1/bin/python3",
        "3.13.0/bin/python3",
    ]
