"""The site ships bytecode, not source (hooks/runtime.py precompiled, tools/bytecode.py run by
Pyodide's own Python): the calculator's wheel and the smaller standard library. Whether Pyodide
imports them is tested by running the unit tests and doctests there (tests/pyodide)."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import PROJECT_ROOT, calculator_wheel, hook_module, site_lock_dir, site_stdlib

runtime = hook_module("runtime")
UPSTREAM_INFO = json.loads((PROJECT_ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())[
    "info"
]


def _pyodide_tag() -> str:
    """Pyodide's wheel tag, from its own lock file's info (not from our code)."""
    major, minor = UPSTREAM_INFO["python"].split(".")[:2]
    return f"cp{major}{minor}-cp{major}{minor}-{UPSTREAM_INFO['platform']}_{UPSTREAM_INFO['arch']}"


def _headers(archive: zipfile.ZipFile) -> set[bytes]:
    """The 8-byte headers (magic number, flags) of every .pyc in ``archive``."""
    return {archive.read(name)[:8] for name in archive.namelist() if name.endswith(".pyc")}


def test_the_site_ships_the_calculator_wheel_precompiled_and_named_for_pyodide() -> None:
    (wheel,) = runtime.site_wheels(PROJECT_ROOT, PROJECT_ROOT / ".cache")
    assert wheel.name == f"kneeload_calculator-0.1.0-{_pyodide_tag()}.whl"
    with zipfile.ZipFile(calculator_wheel()) as source, zipfile.ZipFile(wheel) as compiled:
        sources = {name for name in source.namelist() if name.endswith(".py")}
        names = compiled.namelist()
        assert len(sources) > 40
        assert {name for name in names if name.endswith(".pyc")} == {name + "c" for name in sources}
        assert not [name for name in names if name.endswith(".py")]
        assert {info.compress_type for info in compiled.infolist()} == {zipfile.ZIP_STORED}
        # One Python's bytecode (one magic number), unchecked hash-based (PEP 552 flags 0b01).
        (header,) = _headers(compiled)
        assert header[4:8] == b"\x01\x00\x00\x00"
        info = next(name for name in names if name.endswith(".dist-info/WHEEL"))
        assert f"Tag: {_pyodide_tag()}" in compiled.read(info).decode()
        # RECORD (PEP 376/427) lists every other member with its sha256 and size.
        record = next(name for name in names if name.endswith(".dist-info/RECORD"))
        rows = dict(line.split(",", 1) for line in compiled.read(record).decode().splitlines())
        assert set(rows) == set(names)
        for name in names:
            if name != record:
                data = compiled.read(name)
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert rows[name] == f"sha256={digest},{len(data)}", name


def test_the_site_lock_names_the_precompiled_wheel_and_what_it_imports() -> None:
    # pyodide-lock finds imports by .py files, which a precompiled wheel has none of.
    lock = json.loads((site_lock_dir() / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["kneeload-calculator"]
    assert entry["file_name"].endswith(f"-{_pyodide_tag()}.whl")
    assert entry["imports"] == ["calculator"]


def test_the_smaller_standard_library_is_bytecode_of_the_listed_modules() -> None:
    listed = (PROJECT_ROOT / runtime.STDLIB_LIST).read_text(encoding="utf-8").split()
    (wheel,) = runtime.site_wheels(PROJECT_ROOT, PROJECT_ROOT / ".cache")
    with zipfile.ZipFile(site_stdlib()) as small, zipfile.ZipFile(wheel) as compiled:
        assert small.namelist() == [*(name + "c" for name in listed), f"{runtime.FALLBACK_MODULE}.pyc"]
        assert {info.compress_type for info in small.infolist()} == {zipfile.ZIP_STORED}
        # The same Python's bytecode as the wheel's.
        assert _headers(small) == _headers(compiled)


def test_a_module_that_does_not_compile_fails_the_build_naming_it(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("knee/fine.py", "ANSWER = 42\n")
        made.writestr("knee/bad.py", "def (:\n")
    with pytest.raises(PluginError, match=r"(?s)Precompiling broken\.zip failed.*knee/bad\.py"):
        runtime.precompiled(PROJECT_ROOT, archive, tmp_path / "cache", optimize=0)


def test_precompiling_is_reproducible_and_made_once(tmp_path: Path) -> None:
    archive = tmp_path / "small.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("knee/__init__.py", '"""Knees."""\nassert True\nANSWER = 6 * 7\n')
    first = runtime.precompiled(PROJECT_ROOT, archive, tmp_path / "a", optimize=2)
    second = runtime.precompiled(PROJECT_ROOT, archive, tmp_path / "b", optimize=2)
    assert first.read_bytes() == second.read_bytes()
    first.write_bytes(b"kept")  # made once: the cached file is returned as it is
    assert runtime.precompiled(PROJECT_ROOT, archive, tmp_path / "a", optimize=2).read_bytes() == b"kept"
    # Another optimization level is another file (docstrings and asserts kept at 0).
    kept = runtime.precompiled(PROJECT_ROOT, archive, tmp_path / "a", optimize=0)
    with zipfile.ZipFile(kept) as zero, zipfile.ZipFile(second) as two:
        assert b"Knees." in zero.read("knee/__init__.pyc")
        assert b"Knees." not in two.read("knee/__init__.pyc")
