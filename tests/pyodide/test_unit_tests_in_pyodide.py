"""The unit tests, run again inside Pyodide (Python 3.14) under Node, against the shipped wheel
installed from the site's own pyodide-lock.json, as the browser installs it, and Python started
from the hosted site's smaller, precompiled standard library, as the browser's worker starts it.

The browser runs Pyodide while the host may run CPython 3.11: both must pass the same files.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import shutil
import subprocess
from pathlib import Path

import pytest

import calculator
from tests.helpers import PROJECT_ROOT, site_lock_dir, site_stdlib

PYODIDE_WHEELS = PROJECT_ROOT / ".cache" / "pyodide-wheels"
RUNNER = Path(__file__).with_name("run_unit_tests.mjs")


def test_unit_tests_pass_inside_pyodide(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the unit tests inside Pyodide: install nodejs.")
    if not any(PYODIDE_WHEELS.glob("pytest-*.whl")):
        pytest.fail(f"No test wheels for Pyodide in {PYODIDE_WHEELS}: run `make test` (it downloads them).")
    log = tmp_path / "pyodide-pytest.log"
    with log.open("w") as out:
        done = subprocess.run(
            [node, str(RUNNER), str(PYODIDE_WHEELS), str(site_lock_dir()), str(site_stdlib()), "-q"],
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=900,
            check=False,
        )
    output = log.read_text()
    assert done.returncode == 0, f"pytest inside Pyodide exited {done.returncode}:\n{output}"
    assert "on emscripten" in output and " passed" in output, output
    assert "Installed from the site's lock: kneeload-calculator" in output, output
    # The precompiled wheel holds no source for pytest to collect doctests from: the runner finds
    # them in the imported modules. As many as the sources hold here, all passed.
    assert f"doctests: {native_doctests()} passed, 0 failed" in output, output


def native_doctests() -> int:
    """How many docstrings with examples the calculator's sources hold (as pytest collects them)."""
    finder = doctest.DocTestFinder()
    names = [
        "calculator",
        *(found.name for found in pkgutil.walk_packages(calculator.__path__, "calculator.")),
    ]
    modules = [importlib.import_module(name) for name in names if not name.endswith(".__main__")]
    return sum(1 for module in modules for test in finder.find(module) if test.examples)


def test_runner_refuses_a_wheel_that_does_not_match_the_lock(tmp_path: Path) -> None:
    # Pyodide under Node reads local wheels without checking their sha256; the runner does.
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the unit tests inside Pyodide: install nodejs.")
    tampered = tmp_path / "site-lock"
    shutil.copytree(site_lock_dir(), tampered)
    wheel = next(tampered.glob("*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    wheel.write_bytes(bytes(data))
    done = subprocess.run(
        [node, str(RUNNER), str(PYODIDE_WHEELS), str(tampered), str(site_stdlib())],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 65, done.stdout + done.stderr
    assert f"{wheel.name}: sha256" in done.stderr and "refused" in done.stderr
