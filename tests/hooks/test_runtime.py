"""The runtime hook's plain functions: the wheel, the site's lock file (written by pyodide-build)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import PROJECT_ROOT, calculator_wheel, hook_module

runtime = hook_module("runtime")
UPSTREAM_LOCK = PROJECT_ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"


@pytest.fixture(scope="module")
def hosted() -> dict[str, Path | str]:
    """The hosted site's runtime files, made (or reused) in the build's own cache as `make site` does
    (made once for these tests: precompiling and the lock take seconds each)."""
    files: dict[str, Path | str] = runtime.runtime_files(PROJECT_ROOT, PROJECT_ROOT / ".cache")
    return files


@pytest.fixture(scope="module")
def flat() -> dict[str, Path | str]:
    """The same files in one unversioned folder, as the source's and the downloaded copy's builds have them."""
    files: dict[str, Path | str] = runtime.runtime_files(
        PROJECT_ROOT, PROJECT_ROOT / ".cache", versioned=False
    )
    return files


def test_wheel_holds_the_calculator_and_nothing_else() -> None:
    with zipfile.ZipFile(calculator_wheel()) as wheel:
        top = {name.split("/")[0] for name in wheel.namelist()}
    assert {name for name in top if not name.endswith(".dist-info")} == {"calculator"}
    assert "calculator/protocol.py" in zipfile.ZipFile(calculator_wheel()).namelist()


def test_wheel_holds_every_calculator_module_and_no_stale_one() -> None:
    """pyproject.toml lists the packages by hand: a new subpackage missing there would be left out;
    a module moved or deleted since an earlier build must not linger (setuptools' build/lib keeps it)."""
    on_disk = {
        path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "calculator").rglob("*.py")
    }
    with zipfile.ZipFile(calculator_wheel()) as wheel:
        in_wheel = {name for name in wheel.namelist() if name.endswith(".py")}
    assert in_wheel == on_disk


def test_a_stale_in_tree_build_folder_does_not_reach_the_wheel(tmp_path: Path) -> None:
    stale = PROJECT_ROOT / "build" / "lib" / "calculator" / "moved_away.py"
    existed = stale.exists()
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("raise ImportError('a module that no longer exists')\n")
    try:
        wheel = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path)
    finally:
        if not existed:
            stale.unlink()
    with zipfile.ZipFile(wheel) as archive:
        assert "calculator/moved_away.py" not in archive.namelist()


def test_wheel_is_reproducible(tmp_path: Path) -> None:
    first = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path / "a")
    second = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_wheel_is_reused_while_sources_are_unchanged(tmp_path: Path) -> None:
    first = runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path)
    stamp = first.stat().st_mtime_ns
    assert runtime.build_calculator_wheel(PROJECT_ROOT, tmp_path) == first
    assert first.stat().st_mtime_ns == stamp


def test_fingerprint_covers_every_file_the_wheel_is_made_from() -> None:
    # pyproject.toml names the package folders and the readme (copied into the wheel's METADATA).
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    folders = {package.replace(".", "/") for package in project["tool"]["setuptools"]["packages"]}
    made_from = {"pyproject.toml", project["project"]["readme"], *folders}
    # A package folder is covered when it or a folder above it is an input (the fingerprint walks folders).
    covered = {
        path for path in made_from if any(path == i or path.startswith(f"{i}/") for i in runtime.WHEEL_INPUTS)
    }
    assert covered == made_from


def test_fingerprint_changes_with_any_source(tmp_path: Path) -> None:
    (tmp_path / "calculator").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    module = tmp_path / "calculator" / "ramp.py"
    module.write_text("LIMIT = 10\n")
    before = runtime.source_fingerprint(tmp_path)
    module.write_text("LIMIT = 11\n")
    assert runtime.source_fingerprint(tmp_path) != before


def small_wheel(folder: Path, name: str, requires: tuple[str, ...] = ()) -> Path:
    """Write a minimal pure-Python wheel (one package, the wheel spec's three metadata files)."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{name}-1.0-py3-none-any.whl"
    info = f"{name}-1.0.dist-info"
    metadata = "".join(
        ["Metadata-Version: 2.1\n", f"Name: {name}\n", "Version: 1.0\n"]
        + [f"Requires-Dist: {need}\n" for need in requires]
    )
    files = {
        f"{name}/__init__.py": "VALUE = 1\n",
        f"{info}/METADATA": metadata,
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/RECORD": "",
    }
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def test_site_lock_lists_exactly_the_site_wheels(tmp_path: Path) -> None:
    wheel = calculator_wheel()
    folder = runtime.write_site_lock(PROJECT_ROOT, UPSTREAM_LOCK, [wheel], tmp_path)
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    upstream = json.loads(UPSTREAM_LOCK.read_text())
    assert lock["info"] == upstream["info"]
    assert list(lock["packages"]) == ["kneeload-calculator"]
    entry = lock["packages"]["kneeload-calculator"]
    # What Pyodide needs to install it (pyodide-lock's PackageSpec), checked against the wheel itself.
    assert entry["file_name"] == wheel.name
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["calculator"]
    assert entry["depends"] == []
    assert entry["version"] == "0.1.0"  # pyproject.toml
    assert (folder / wheel.name).read_bytes() == wheel.read_bytes()


def test_site_lock_takes_more_than_one_wheel(tmp_path: Path) -> None:
    extra = small_wheel(tmp_path / "wheels", "kl_extra", requires=("kneeload-calculator",))
    folder = runtime.write_site_lock(
        PROJECT_ROOT, UPSTREAM_LOCK, [calculator_wheel(), extra], tmp_path / "lock"
    )
    packages = json.loads((folder / "pyodide-lock.json").read_text())["packages"]
    assert sorted(packages) == ["kl-extra", "kneeload-calculator"]
    assert packages["kl-extra"]["depends"] == ["kneeload-calculator"]
    assert packages["kl-extra"]["imports"] == ["kl_extra"]
    assert packages["kl-extra"]["sha256"] == hashlib.sha256(extra.read_bytes()).hexdigest()


def test_site_lock_refuses_a_dependency_the_site_does_not_serve(tmp_path: Path) -> None:
    # numpy is in Pyodide's own lock, but not on the site: it would have to come from a CDN.
    needy = small_wheel(tmp_path / "wheels", "kl_needy", requires=("numpy",))
    with pytest.raises(PluginError, match="numpy"):
        runtime.write_site_lock(PROJECT_ROOT, UPSTREAM_LOCK, [needy], tmp_path / "lock")
    assert not list((tmp_path / "lock").glob("*/pyodide-lock.json"))


def test_site_lock_is_reused_while_nothing_changes(tmp_path: Path) -> None:
    first = runtime.write_site_lock(PROJECT_ROOT, UPSTREAM_LOCK, [calculator_wheel()], tmp_path)
    stamp = (first / "pyodide-lock.json").stat().st_mtime_ns
    assert runtime.write_site_lock(PROJECT_ROOT, UPSTREAM_LOCK, [calculator_wheel()], tmp_path) == first
    assert (first / "pyodide-lock.json").stat().st_mtime_ns == stamp
    other = small_wheel(tmp_path / "wheels", "kl_extra")
    assert (
        runtime.write_site_lock(PROJECT_ROOT, UPSTREAM_LOCK, [calculator_wheel(), other], tmp_path) != first
    )


def test_site_lock_check_refuses_packages_the_site_does_not_serve() -> None:
    upstream = json.loads(UPSTREAM_LOCK.read_text())
    with pytest.raises(PluginError, match="serves"):
        runtime.check_site_lock(upstream, [calculator_wheel()])


def test_missing_lock_tool_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="make site"):
        runtime.write_site_lock(tmp_path, UPSTREAM_LOCK, [calculator_wheel()], tmp_path / "lock")


def test_runtime_files_map_site_paths_to_sources(flat: dict[str, Path | str]) -> None:
    files = flat
    assert {
        "pyodide/pyodide.mjs",
        "pyodide/pyodide.asm.mjs",
        "pyodide/pyodide.asm.wasm",
        "pyodide/python_stdlib.zip",
        "pyodide/pyodide-lock.json",
    } <= set(files)
    lock = json.loads(Path(files["pyodide/pyodide-lock.json"]).read_text())
    for entry in lock["packages"].values():
        assert isinstance(files[f"pyodide/{entry['file_name']}"], Path)
    assert len(files) == len(runtime.PYODIDE_CORE_FILES) + 1 + len(lock["packages"])


def test_versioned_runtime_folders_change_with_their_bytes(
    tmp_path: Path, hosted: dict[str, Path | str], flat: dict[str, Path | str]
) -> None:
    # The hosted site's runtime: Pyodide in one folder named by its files' hash, the lock and the
    # wheels in another, so a host can cache both as immutable and a new wheel leaves Pyodide's alone.
    files = hosted
    folders = {uri.rsplit("/", 1)[0] for uri in files}
    assert len(folders) == 2
    assert all(re.fullmatch(r"pyodide/[0-9a-f]{16}", folder) for folder in folders), folders
    # The same files, and the hosted site's smaller standard library.
    assert sorted(uri.rsplit("/", 1)[1] for uri in files) == sorted(
        [*(uri.rsplit("/", 1)[1] for uri in flat), runtime.TRIMMED_STDLIB]
    )
    core = [Path(files[uri]) for uri in files if uri.endswith("pyodide.mjs")]
    changed = tmp_path / "pyodide.mjs"
    changed.write_bytes(core[0].read_bytes() + b"\n")
    assert runtime.folder_hash([changed]) != runtime.folder_hash(core)


def test_built_worker_names_the_versioned_runtime_and_carries_the_lock(hosted: dict[str, Path | str]) -> None:
    files = hosted
    source = (PROJECT_ROOT / "docs" / "javascripts" / "worker.js").read_text(encoding="utf-8")
    built = runtime.worker_with_runtime(source, files)
    line = next(text for text in built.splitlines() if text.startswith("const RUNTIME = "))
    told = json.loads(line.removeprefix("const RUNTIME = ").removesuffix(";"))
    # Relative to calculator/worker.js, each folder is one that holds those files in the site.
    assert f"pyodide/{told['folder'].split('/')[2]}/pyodide.asm.wasm" in files
    lock_uri = f"pyodide/{told['packages'].split('/')[2]}/pyodide-lock.json"
    assert told["lock"] == json.loads(Path(files[lock_uri]).read_text(encoding="utf-8"))


def test_missing_runtime_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="make site"):
        runtime.pyodide_dir(tmp_path)


def _stdlib_members() -> list[str]:
    return (PROJECT_ROOT / runtime.STDLIB_LIST).read_text(encoding="utf-8").split()


def test_the_smaller_standard_library_holds_the_listed_modules_stored_and_the_fallback(
    tmp_path: Path,
) -> None:
    full = runtime.pyodide_dir(PROJECT_ROOT) / "python_stdlib.zip"
    trimmed = runtime.trimmed_stdlib(PROJECT_ROOT, full, tmp_path)
    listed = _stdlib_members()
    with zipfile.ZipFile(trimmed) as small, zipfile.ZipFile(full) as whole:
        assert small.namelist() == [*listed, f"{runtime.FALLBACK_MODULE}.py"]
        # Stored (a host's brotli compresses it whole), each member the same bytes as Pyodide's.
        assert {member.compress_type for member in small.infolist()} == {zipfile.ZIP_STORED}
        assert all(small.read(name) == whole.read(name) for name in listed)
        finder = small.read(f"{runtime.FALLBACK_MODULE}.py").decode()
        full_names = whole.namelist()
    # The fallback knows every module of the whole standard library, so none is ever missed.
    line = next(text for text in finder.splitlines() if text.startswith("FULL: "))
    told = set(ast.literal_eval(line.removeprefix("FULL: frozenset[str] = frozenset(").removesuffix(")")))
    assert told == set(runtime.module_names(full_names))
    assert {"json", "json.decoder", "unittest", "email.mime.text"} <= told
    assert runtime.trimmed_stdlib(PROJECT_ROOT, full, tmp_path) == trimmed  # made once


def test_the_calculators_own_standard_library_imports_are_in_the_smaller_one() -> None:
    """A check from the calculator's source, not from the list's generator: every standard
    library module its files import by name (at the top or inside a function) is listed."""
    imported: set[str] = set()
    for path in (PROJECT_ROOT / "calculator").rglob("*.py"):
        if path.name == "__main__.py":  # the command line's, never the browser's
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
    full = runtime.pyodide_dir(PROJECT_ROOT) / "python_stdlib.zip"
    with zipfile.ZipFile(full) as whole:
        in_zip = set(runtime.module_names(whole.namelist()))
    listed = set(runtime.module_names(_stdlib_members()))
    wanted = {name for name in imported if name in in_zip and not name.startswith("calculator")}
    assert {"json", "fractions", "zipfile", "xml.etree.ElementTree"} <= wanted
    assert wanted - listed == set()


def test_a_list_naming_what_pyodide_lacks_fails_the_build(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "tools").mkdir(parents=True)
    (root / runtime.STDLIB_LIST).write_text("json/__init__.py\nno_such_module.py\n", encoding="utf-8")
    (root / runtime.STDLIB_FALLBACK).write_text((PROJECT_ROOT / runtime.STDLIB_FALLBACK).read_text())
    full = runtime.pyodide_dir(PROJECT_ROOT) / "python_stdlib.zip"
    with pytest.raises(PluginError, match=r"no_such_module\.py.*regenerate"):
        runtime.trimmed_stdlib(root, full, tmp_path / "cache")


def test_the_service_worker_stores_the_smaller_standard_library_not_the_whole(
    hosted: dict[str, Path | str],
) -> None:
    files = hosted
    source = (PROJECT_ROOT / "docs" / "javascripts" / "sw.js").read_text(encoding="utf-8")
    built = runtime.service_worker_with_build(source, files)
    line = next(text for text in built.splitlines() if text.startswith("const BUILD = "))
    stored = json.loads(line.removeprefix("const BUILD = ").removesuffix(";"))["runtime"]
    assert any(uri.endswith(f"/{runtime.TRIMMED_STDLIB}") for uri in stored)
    assert not any(uri.endswith("/python_stdlib.zip") for uri in stored)
    assert sorted(stored) == sorted(uri for uri in files if not uri.endswith("/python_stdlib.zip"))
    worker = runtime.worker_with_runtime(
        (PROJECT_ROOT / "docs" / "javascripts" / "worker.js").read_text(encoding="utf-8"), files
    )
    assert f'"stdlib": "{runtime.TRIMMED_STDLIB}"' in worker


def test_the_worker_knows_each_fetched_runtime_files_sha256(hosted: dict[str, Path | str]) -> None:
    # What a failed start checks the service worker's copies against (worker.js, forgetDamagedCopies).
    files = hosted
    worker = runtime.worker_with_runtime(
        (PROJECT_ROOT / "docs" / "javascripts" / "worker.js").read_text(encoding="utf-8"), files
    )
    line = next(text for text in worker.splitlines() if text.startswith("const RUNTIME = "))
    sha256 = json.loads(line.removeprefix("const RUNTIME = ").removesuffix(";"))["sha256"]
    folder = next(uri for uri in files if uri.endswith("/pyodide.mjs")).rsplit("/", 1)[0]
    expected = {
        uri.rsplit("/", 1)[1]: hashlib.sha256(Path(source).read_bytes()).hexdigest()
        for uri, source in files.items()
        if uri.startswith(f"{folder}/") and not uri.endswith("/python_stdlib.zip")
    }
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", runtime.TRIMMED_STDLIB} <= set(expected)
    assert sha256 == expected
