"""The runtime hook's plain functions: the wheel, its lock entry, the site's lock file."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import PROJECT_ROOT, calculator_wheel, hook_module

runtime = hook_module("runtime")
UPSTREAM_LOCK = PROJECT_ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"


def test_wheel_holds_the_calculator_and_nothing_else() -> None:
    with zipfile.ZipFile(calculator_wheel()) as wheel:
        top = {name.split("/")[0] for name in wheel.namelist()}
    assert {name for name in top if not name.endswith(".dist-info")} == {"calculator"}
    assert "calculator/protocol.py" in zipfile.ZipFile(calculator_wheel()).namelist()


def test_wheel_holds_every_calculator_module() -> None:
    """pyproject.toml lists the packages by hand: a new subpackage missing there would be left out."""
    on_disk = {
        path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "calculator").rglob("*.py")
    }
    with zipfile.ZipFile(calculator_wheel()) as wheel:
        assert on_disk <= set(wheel.namelist())


def test_wheel_is_reproducible(tmp_path: Path) -> None:
    first = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path / "a")
    second = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_wheel_is_reused_while_sources_are_unchanged(tmp_path: Path) -> None:
    first = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path)
    stamp = first.stat().st_mtime_ns
    assert runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path) == first
    assert first.stat().st_mtime_ns == stamp


def test_fingerprint_changes_with_any_source(tmp_path: Path) -> None:
    (tmp_path / "calculator").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    module = tmp_path / "calculator" / "ramp.py"
    module.write_text("LIMIT = 10\n")
    before = runtime.source_fingerprint(tmp_path)
    module.write_text("LIMIT = 11\n")
    assert runtime.source_fingerprint(tmp_path) != before


def test_lock_entry_describes_the_wheel() -> None:
    wheel = calculator_wheel()
    entry = runtime.lock_entry(wheel)
    assert entry["name"] == "kneeload-calculator"
    assert entry["file_name"] == wheel.name
    assert entry["imports"] == ["calculator"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["depends"] == []


def test_lock_entry_has_every_key_pyodide_entries_have() -> None:
    upstream = json.loads(UPSTREAM_LOCK.read_text())
    sample = next(iter(upstream["packages"].values()))
    assert set(runtime.lock_entry(calculator_wheel())) == set(sample)


def test_site_lock_lists_only_what_the_site_serves() -> None:
    upstream = json.loads(UPSTREAM_LOCK.read_text())
    lock = runtime.site_lock(upstream, [calculator_wheel()])
    assert lock["info"] == upstream["info"]
    assert list(lock["packages"]) == ["kneeload-calculator"]


def test_runtime_files_map_site_paths_to_sources(tmp_path: Path) -> None:
    files = runtime.runtime_files(PROJECT_ROOT, tmp_path)
    assert {
        "pyodide/pyodide.mjs",
        "pyodide/pyodide.asm.mjs",
        "pyodide/pyodide.asm.wasm",
        "pyodide/python_stdlib.zip",
        "pyodide/pyodide-lock.json",
    } <= set(files)
    lock = json.loads(str(files["pyodide/pyodide-lock.json"]))
    wheel_name = lock["packages"]["kneeload-calculator"]["file_name"]
    assert isinstance(files[f"pyodide/{wheel_name}"], Path)


def test_missing_runtime_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="make site"):
        runtime.pyodide_dir(tmp_path)
