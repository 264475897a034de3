"""Ship the browser runtime with the site: Pyodide's core files and the calculator wheel.

The MkDocs events at the bottom are thin; the work is done by plain functions that the tests
call directly (``tests/hooks/test_runtime.py``).

Route: the calculator is a pure-Python wheel, built with the standard backend (``pip wheel``).
pyodide-build (``pyodide lockfile add-wheels``, in the Python 3.12+ environment ``.venv-lock``
that the Makefile creates) registers it, with every other wheel in ``site_wheels``, in the site's
own ``pyodide-lock.json``, so that Pyodide's ``loadPackage`` installs it from the site, with its
sha256 check. The site's lock file lists only what the site serves, so no package name can send
the browser to a CDN.

>>> sorted(PYODIDE_CORE_FILES)
['pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from shared import WORKER_MODULES, project_root, worker_source, write_atomically

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.kneeload.runtime")

#: Where the runtime lands in the built site.
SITE_RUNTIME_DIR = "pyodide"
#: The calculator's worker and service worker in the site (their sources: docs/javascripts/):
#: both in calculator/, so that the service worker's scope holds the calculator's pages and worker.
WORKER = "calculator/worker.js"
SERVICE_WORKER = "calculator/sw.js"
#: The npm package's files that a browser needs to start Python (the module loader, not pyodide.js).
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: Sources whose change means a new wheel.
WHEEL_INPUTS = ("pyproject.toml", "README.md", "calculator")
#: pyodide-build's command, in the Python 3.12+ environment the Makefile creates, and its pins.
LOCK_TOOL = ".venv-lock/bin/pyodide"
LOCK_REQUIREMENTS = "requirements-lock.txt"
#: Fixed zip timestamps (1980-01-01), so the same sources give the same wheel and sha256.
SOURCE_DATE_EPOCH = "315532800"
#: The hosted site's smaller standard library (trimmed_stdlib): the members of Pyodide's
#: python_stdlib.zip that tools/stdlib_modules.txt lists, stored, with the fallback finder.
TRIMMED_STDLIB = "python_stdlib_calculator.zip"
STDLIB_LIST = "tools/stdlib_modules.txt"
STDLIB_FALLBACK = "tools/stdlib_fallback.py"
#: The fallback's name in the smaller zip, and the line of it that the build writes.
FALLBACK_MODULE = "_kneeload_stdlib"
FALLBACK_FULL_LINE = "FULL: frozenset[str] = frozenset()"
#: Bytecode for the browser, made by Pyodide's own Python under Node (tools/bytecode.mjs): the
#: wheel keeps docstrings (its doctests run in Pyodide); the standard library drops them and its
#: asserts, as ``python -OO`` (nothing reads them, and they cost the download 170 KB).
BYTECODE_TOOL = "tools/bytecode.mjs"
BYTECODE_INPUTS = ("tools/bytecode.mjs", "tools/bytecode.py", "node_modules/pyodide/package.json")
WHEEL_OPTIMIZE = 0
STDLIB_OPTIMIZE = 2

# Browsers refuse module scripts served with a non-JavaScript type, and stream-compile only
# application/wasm. `mkdocs serve` and the test server take their types from `mimetypes`.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


def pyodide_dir(project_root: Path) -> Path:
    """Return the npm ``pyodide`` package folder, or fail with what to run.

    >>> pyodide_dir(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: Pyodide runtime not found at /nonexistent/node_modules/pyodide: run `make site` (it runs `npm ci`).
    """
    folder = project_root / "node_modules" / "pyodide"
    missing = [name for name in (*PYODIDE_CORE_FILES, "pyodide-lock.json") if not (folder / name).is_file()]
    if missing:
        raise PluginError(f"Pyodide runtime not found at {folder}: run `make site` (it runs `npm ci`).")
    return folder


def source_fingerprint(project_root: Path, inputs: tuple[str, ...] = WHEEL_INPUTS) -> str:
    """Hash the wheel's sources (paths and contents), ignoring caches.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "pyproject.toml").write_text("x")
    >>> source_fingerprint(root, ("pyproject.toml",)) == source_fingerprint(root, ("pyproject.toml",))
    True
    """
    digest = hashlib.sha256()
    for name in inputs:
        path = project_root / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(project_root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def build_calculator_wheel(project_root: Path, cache_dir: Path) -> Path:
    """Build the calculator wheel once per source state; return its path.

    Uses ``pip wheel`` without build isolation (setuptools is pinned in requirements.txt), so it
    needs no network.
    """
    out_dir = cache_dir / source_fingerprint(project_root)
    wheels = sorted(out_dir.glob("*.whl"))
    if wheels:
        return wheels[0]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # Built from a fresh copy of exactly the fingerprinted inputs: an in-tree build reuses
    # setuptools' build/lib, which keeps modules that were since moved or deleted. Built aside,
    # then written whole into the cache: another build at the same time never reads a part.
    with tempfile.TemporaryDirectory(prefix="kneeload-wheel-") as scratch:
        source, built = Path(scratch) / "source", Path(scratch) / "built"
        source.mkdir()
        for name in WHEEL_INPUTS:
            path = project_root / name
            if path.is_dir():
                shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(path, source / name)
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            str(built),
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        made = sorted(built.glob("*.whl"))
        if done.returncode != 0 or not made:
            raise PluginError(f"Building the calculator wheel failed:\n{done.stdout}{done.stderr}")
        write_atomically(out_dir / made[0].name, made[0].read_bytes())
    wheels = sorted(out_dir.glob("*.whl"))
    log.info("Built %s", wheels[0].name)
    return wheels[0]


def precompiled(project_root: Path, archive: Path, cache_dir: Path, *, optimize: int) -> Path:
    """Return ``archive`` (a zip or a wheel) with its modules compiled to bytecode by the site's own
    Pyodide (tools/bytecode.mjs; a wheel is renamed for that Python, ``cp314``), made once per
    inputs in ``cache_dir``. Raises PluginError naming the archive when Node is missing or a
    module does not compile.

    >>> precompiled(Path("/nonexistent"), Path("/nonexistent/a.zip"), Path("/tmp"), optimize=0)
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: Precompiling a.zip failed: /nonexistent/a.zip not found
    """
    if not archive.is_file():
        raise PluginError(f"Precompiling {archive.name} failed: {archive} not found")
    digest = hashlib.sha256(f"{archive.name}\n{optimize}".encode())
    for path in (archive, *(project_root / name for name in BYTECODE_INPUTS)):
        data = path.read_bytes() if path.is_file() else b""
        digest.update(f"\n{path.name}\n{len(data)}\n".encode())
        digest.update(data)
    folder = cache_dir / digest.hexdigest()[:16]
    done = sorted(folder.glob(f"*{archive.suffix}"))
    if done:
        return done[0]
    node = shutil.which("node")
    if node is None:
        raise PluginError(f"Precompiling {archive.name} failed: Node.js is needed (install nodejs).")
    with tempfile.TemporaryDirectory(prefix="kneeload-bytecode-") as work:
        command = [node, str(project_root / BYTECODE_TOOL), str(archive), work, str(optimize)]
        try:
            ran = subprocess.run(
                command, cwd=project_root, capture_output=True, text=True, check=False, timeout=600
            )
        except subprocess.TimeoutExpired:
            raise PluginError(f"Precompiling {archive.name} failed: Node took over 600 s") from None
        written = [Path(line) for line in ran.stdout.splitlines() if line.startswith(work)]
        if ran.returncode != 0 or not written or not written[-1].is_file():
            raise PluginError(f"Precompiling {archive.name} failed:\n{ran.stdout}{ran.stderr}")
        target = folder / written[-1].name
        write_atomically(target, written[-1].read_bytes())
    log.info("Precompiled %s", target.name)
    return target


def site_wheels(project_root: Path, cache_dir: Path) -> list[Path]:
    """Return every wheel the site ships, built or reused in ``cache_dir``: one line per wheel.

    Each must be pure Python; a dependency it declares must be among these wheels too (the
    lock step refuses anything the site does not serve). Each is shipped precompiled
    (``precompiled``): the browser imports bytecode instead of compiling the sources.
    """
    wheel = build_calculator_wheel(project_root, cache_dir / "calculator-wheel")
    return [precompiled(project_root, wheel, cache_dir / "bytecode", optimize=WHEEL_OPTIMIZE)]


def lock_tool(project_root: Path) -> Path:
    """Return pyodide-build's ``pyodide`` command in the lock tool environment, or fail with what to run.

    >>> lock_tool(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: pyodide-build not found at /nonexistent/.venv-lock/bin/pyodide: run `make site` (it sets up the lock tool with Python 3.12+).
    """
    tool = project_root / LOCK_TOOL
    if not tool.is_file():
        raise PluginError(
            f"pyodide-build not found at {tool}: run `make site` (it sets up the lock tool with Python 3.12+)."
        )
    return tool


def empty_lock(upstream: dict[str, Any]) -> dict[str, Any]:
    """Return Pyodide's lock file with no packages: the start of the site's own lock.

    >>> empty_lock({"info": {"python": "3.14.2"}, "packages": {"numpy": {}}})
    {'info': {'python': '3.14.2'}, 'packages': {}}
    """
    return {**upstream, "packages": {}}


def check_site_lock(lock: dict[str, Any], wheels: list[Path]) -> None:
    """Fail unless the lock lists exactly these wheels, so no package name can send Pyodide to a CDN.

    >>> check_site_lock({"packages": {"a": {"file_name": "a-1-py3-none-any.whl"}}}, [Path("a-1-py3-none-any.whl")])
    >>> check_site_lock({"packages": {"numpy": {"file_name": "numpy.whl"}}}, [])
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: The site's pyodide-lock.json lists ['numpy.whl'], the site serves []
    """
    listed = sorted(entry["file_name"] for entry in lock["packages"].values())
    served = sorted(wheel.name for wheel in wheels)
    if listed != served:
        raise PluginError(f"The site's pyodide-lock.json lists {listed}, the site serves {served}")


def with_imports(lock: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Fill each package's ``imports`` that the lock tool left empty from its wheel's bytecode.

    pyodide-lock finds a wheel's top-level imports by its ``.py`` files (a top-level module, or a
    folder with one); a precompiled wheel has only ``.pyc`` files, so the same rule is applied to
    them: a top-level ``NAME.pyc``, or a top-level folder holding ``__init__.pyc``. Raises
    PluginError naming a wheel in which neither is found.

    >>> folder = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "a-1-cp314-cp314-x.whl", "w") as wheel:
    ...     wheel.writestr("knee/__init__.pyc", b"")
    ...     wheel.writestr("knee/sub/__init__.pyc", b"")
    ...     wheel.writestr("single.pyc", b"")
    ...     wheel.writestr("a-1.dist-info/RECORD", "")
    >>> with_imports({"packages": {"a": {"file_name": "a-1-cp314-cp314-x.whl", "imports": []}}}, folder)
    {'packages': {'a': {'file_name': 'a-1-cp314-cp314-x.whl', 'imports': ['knee', 'single']}}}
    """
    for entry in lock["packages"].values():
        if entry.get("imports"):
            continue
        with zipfile.ZipFile(folder / entry["file_name"]) as wheel:
            names = wheel.namelist()
        found = {name.removesuffix(".pyc") for name in names if "/" not in name and name.endswith(".pyc")}
        found |= {
            name.split("/")[0] for name in names if name.count("/") == 1 and name.endswith("/__init__.pyc")
        }
        if not found:
            raise PluginError(f"The site's lock: no module found in {entry['file_name']} (its imports)")
        entry["imports"] = sorted(found)
    return lock


#: The site's lock as this module writes it (the tool's output, then with_imports): part of its cache key.
LOCK_FORMAT = "2: imports of precompiled wheels"


def lock_key(project_root: Path, upstream_lock: Path, wheels: list[Path]) -> str:
    """Hash what the site's lock depends on: Pyodide's lock, the pinned tool, the wheels' bytes.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "up.json").write_text("{}")
    >>> len(lock_key(root, root / "up.json", []))
    16
    """
    digest = hashlib.sha256(LOCK_FORMAT.encode())
    tool_pins = project_root / LOCK_REQUIREMENTS
    for path in (upstream_lock, tool_pins, *wheels):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


def write_site_lock(project_root: Path, upstream_lock: Path, wheels: list[Path], cache_dir: Path) -> Path:
    """Write the site's ``pyodide-lock.json`` with pyodide-build, next to copies of the wheels.

    ``pyodide lockfile add-wheels`` adds each wheel (name, version, file name, sha256, imports,
    depends) to Pyodide's lock emptied of its packages; it fails when a wheel depends on a
    package that is not among them. Imports it could not find are filled (``with_imports``). Returns the folder holding the lock and the wheels, reused
    while nothing it depends on changes. Raises PluginError when the tool is missing or fails.

    >>> import tempfile
    >>> upstream = Path(tempfile.mkdtemp()) / "pyodide-lock.json"
    >>> _ = upstream.write_text('{"info": {}, "packages": {}}')
    >>> write_site_lock(Path("/nonexistent"), upstream, [], upstream.parent / "lock")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: pyodide-build not found at /nonexistent/.venv-lock/bin/pyodide: run `make site` ...
    """
    folder = cache_dir / lock_key(project_root, upstream_lock, wheels)
    if (folder / "pyodide-lock.json").is_file():
        return folder
    tool = lock_tool(project_root)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as work:
        staging = Path(work) / "site"
        staging.mkdir()
        for wheel in wheels:
            shutil.copyfile(wheel, staging / wheel.name)
        start = Path(work) / "empty-lock.json"
        upstream = json.loads(upstream_lock.read_text(encoding="utf-8"))
        start.write_text(json.dumps(empty_lock(upstream)), encoding="utf-8")
        command = [str(tool), "lockfile", "add-wheels", "--input", str(start)]
        command += ["--output", str(staging / "pyodide-lock.json"), "--base-path", str(staging)]
        command += [str(staging / wheel.name) for wheel in wheels]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PluginError(f"pyodide lockfile add-wheels failed:\n{done.stdout}{done.stderr}")
        written = with_imports(
            json.loads((staging / "pyodide-lock.json").read_text(encoding="utf-8")), staging
        )
        check_site_lock(written, wheels)
        (staging / "pyodide-lock.json").write_text(json.dumps(written, sort_keys=True), encoding="utf-8")
        try:
            staging.rename(folder)
        except OSError:
            # Another build wrote the same folder first (its name is a hash of every input).
            if not (folder / "pyodide-lock.json").is_file():
                raise
    log.info("Wrote the site's pyodide-lock.json for %s", ", ".join(wheel.name for wheel in wheels))
    return folder


def folder_hash(paths: list[Path]) -> str:
    """Hash files' names and bytes: the name of a versioned runtime folder (16 hex digits).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.wasm"
    >>> _ = path.write_bytes(b"x")
    >>> folder_hash([path]) == folder_hash([path]), len(folder_hash([path]))
    (True, 16)
    """
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def module_names(members: list[str]) -> list[str]:
    """The dotted names of the Python modules among a zip's members (packages by their ``__init__``).

    >>> module_names(["json/__init__.py", "json/decoder.py", "os.py", "LICENSE.txt", "email/"])
    ['json', 'json.decoder', 'os']
    """
    names = []
    for member in members:
        if member.endswith(".py"):
            dotted = member.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            names.append(dotted)
    return names


def trimmed_stdlib(project_root: Path, full: Path, cache_dir: Path) -> Path:
    """Write (once per inputs) the hosted site's smaller standard library; return its path.

    A stored zip (a host's brotli then compresses it whole, where Pyodide's zip is deflated file
    by file) of the members of ``full`` that tools/stdlib_modules.txt lists (what the calculator's
    worker imports: tools/stdlib_modules.mjs), plus ``_kneeload_stdlib``
    (tools/stdlib_fallback.py) told every module of ``full``, so that a module left out is
    downloaded with ``full`` rather than missed. Raises PluginError when the list names a member
    that ``full`` lacks (a new Pyodide: regenerate the list).

    >>> trimmed_stdlib(Path("/nonexistent"), Path("/nonexistent/python_stdlib.zip"), Path("/tmp"))
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: tools/stdlib_modules.txt not found in /nonexistent
    """
    listing, fallback = project_root / STDLIB_LIST, project_root / STDLIB_FALLBACK
    if not listing.is_file() or not fallback.is_file():
        raise PluginError(f"{STDLIB_LIST} not found in {project_root}")
    digest = hashlib.sha256()
    for path in (full, listing, fallback):
        digest.update(path.read_bytes())
    out = cache_dir / digest.hexdigest()[:16] / TRIMMED_STDLIB
    if out.is_file():
        return out
    wanted = listing.read_text(encoding="utf-8").split()
    with zipfile.ZipFile(full) as whole:
        held = whole.namelist()
        missing = sorted(set(wanted) - set(held))
        if missing:
            raise PluginError(
                f"{STDLIB_LIST} names {', '.join(missing[:5])}, which Pyodide's standard library lacks: "
                "regenerate it (node tools/stdlib_modules.mjs, README)"
            )
        members = {name: whole.read(name) for name in wanted}
    source = fallback.read_text(encoding="utf-8")
    if source.count(FALLBACK_FULL_LINE) != 1:
        raise PluginError(f"{STDLIB_FALLBACK} must keep the line: {FALLBACK_FULL_LINE}")
    full_line = f"FULL: frozenset[str] = frozenset({sorted(module_names(held))!r})"
    members[f"{FALLBACK_MODULE}.py"] = source.replace(FALLBACK_FULL_LINE, full_line).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as zipped:
        for name, data in members.items():
            zipped.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    write_atomically(out, packed.getvalue())
    return out


def fetched_at_start(files: dict[str, Path | str]) -> dict[str, Path | str]:
    """The runtime files a start fetches: all but the whole standard library where the smaller one
    is there (the whole one is fetched only for a module the smaller one lacks).

    >>> sorted(fetched_at_start({"p/python_stdlib.zip": "", "p/python_stdlib_calculator.zip": "", "p/a": ""}))
    ['p/a', 'p/python_stdlib_calculator.zip']
    >>> sorted(fetched_at_start({"p/python_stdlib.zip": "", "p/a": ""}))
    ['p/a', 'p/python_stdlib.zip']
    """
    if not any(uri.endswith(f"/{TRIMMED_STDLIB}") for uri in files):
        return dict(files)
    return {uri: source for uri, source in files.items() if not uri.endswith("/python_stdlib.zip")}


def runtime_files(project_root: Path, cache_dir: Path, *, versioned: bool = True) -> dict[str, Path | str]:
    """Map each runtime file's path in the site to its source file, given the build cache folder.

    Versioned (the hosted site): Pyodide's files in ``pyodide/<hash of their bytes>/``, the lock
    file and the wheels in ``pyodide/<hash of theirs>/``, so that a path always holds the same
    bytes and a host may cache ``pyodide/*/`` as immutable (README, "Caching"); a new Pyodide or a
    new wheel is a new folder. Unversioned (the downloaded copy): everything in ``pyodide/``.
    The hosted site's Pyodide folder also holds the smaller standard library (trimmed_stdlib),
    precompiled like the wheels (precompiled).
    """
    pyodide = pyodide_dir(project_root)
    wheels = site_wheels(project_root, cache_dir)
    locked = write_site_lock(project_root, pyodide / "pyodide-lock.json", wheels, cache_dir / "site-lock")
    core = [pyodide / name for name in PYODIDE_CORE_FILES]
    if versioned:
        trimmed = trimmed_stdlib(project_root, pyodide / "python_stdlib.zip", cache_dir / "stdlib")
        core.append(precompiled(project_root, trimmed, cache_dir / "bytecode", optimize=STDLIB_OPTIMIZE))
    packages = [locked / name for name in ("pyodide-lock.json", *(wheel.name for wheel in wheels))]
    core_dir = f"{SITE_RUNTIME_DIR}/{folder_hash(core)}" if versioned else SITE_RUNTIME_DIR
    packages_dir = f"{SITE_RUNTIME_DIR}/{folder_hash(packages)}" if versioned else SITE_RUNTIME_DIR
    files: dict[str, Path | str] = {f"{core_dir}/{path.name}": path for path in core}
    files.update({f"{packages_dir}/{path.name}": path for path in packages})
    return files


#: The line of worker.js that the build rewrites with where the runtime is (worker_with_runtime).
WORKER_RUNTIME_LINE = 'const RUNTIME = { folder: "../pyodide/", packages: "../pyodide/", lock: null };'


def worker_with_runtime(worker: str, files: dict[str, Path | str]) -> str:
    """Return worker.js's text with its RUNTIME line naming the versioned folders, the lock's
    contents and the SHA-256 (hex) of each file of the runtime's folder that a start fetches
    (``sha256``: a failed start finds a copy damaged in the service worker's store by it).

    Fails when worker.js no longer has that line (the build must not ship a worker that
    looks for the runtime where it is not).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> lock, module = folder / "pyodide-lock.json", folder / "pyodide.mjs"
    >>> _ = lock.write_text('{"packages": {}}'), module.write_text("")
    >>> files = {"pyodide/aa/pyodide.mjs": module, "pyodide/bb/pyodide-lock.json": lock}
    >>> print(worker_with_runtime(WORKER_RUNTIME_LINE, files).replace(", ", ",\\n"))
    const RUNTIME = {"folder": "../pyodide/aa/",
    "packages": "../pyodide/bb/",
    "lock": {"packages": {}},
    "sha256": {"pyodide.mjs": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}};
    >>> worker_with_runtime("const RUNTIME = {};", files)
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/javascripts/worker.js must keep the line: const RUNTIME = { folder: "../pyodide/", packages: "../pyodide/", lock: null };
    """
    if worker.count(WORKER_RUNTIME_LINE) != 1:
        raise PluginError(f"docs/javascripts/worker.js must keep the line: {WORKER_RUNTIME_LINE}")
    folder = next(uri for uri in files if uri.endswith("/pyodide.mjs")).rsplit("/", 1)[0]
    lock_uri = next(uri for uri in files if uri.endswith("/pyodide-lock.json"))
    lock_file = files[lock_uri]
    lock_text = lock_file.read_text(encoding="utf-8") if isinstance(lock_file, Path) else lock_file
    runtime = {
        "folder": f"../{folder}/",
        "packages": f"../{lock_uri.rsplit('/', 1)[0]}/",
        "lock": json.loads(lock_text),
        "sha256": {
            uri.removeprefix(f"{folder}/"): _sha256(source)
            for uri, source in sorted(fetched_at_start(files).items())
            if uri.startswith(f"{folder}/")
        },
    }
    if f"{folder}/{TRIMMED_STDLIB}" in files:
        runtime["stdlib"] = TRIMMED_STDLIB
    return worker.replace(WORKER_RUNTIME_LINE, f"const RUNTIME = {json.dumps(runtime)};")


def _sha256(source: Path | str) -> str:
    """The SHA-256 of a runtime file's bytes (a file, or text written by the build), in hex."""
    data = source.read_bytes() if isinstance(source, Path) else source.encode()
    return hashlib.sha256(data).hexdigest()


#: The line of sw.js that the build rewrites with the runtime's files and the build's version.
SERVICE_WORKER_BUILD_LINE = 'const BUILD = { version: "source", runtime: [], pages: [] };'


def service_worker_with_build(
    service_worker: str, files: dict[str, Path | str], pages: Iterable[str] = ()
) -> str:
    """Return sw.js's text with its BUILD line naming the runtime's files, the calculator's pages
    (``pages``: their paths from the site's root, kept for when the network fails even before a
    reader opens them) and this build's version.

    The version is a hash of the runtime's versioned paths, so a new Pyodide or a new wheel names
    new caches, and the new service worker deletes the old ones. Fails when sw.js lost that line.

    >>> text = service_worker_with_build(
    ...     SERVICE_WORKER_BUILD_LINE, {"pyodide/aa/pyodide.mjs": Path("x")}, ["calculator/ramp.html"]
    ... )
    >>> text.startswith('const BUILD = {"version": "')
    True
    >>> text.endswith('"runtime": ["pyodide/aa/pyodide.mjs"], "pages": ["calculator/ramp.html"]};')
    True
    >>> service_worker_with_build("const BUILD = {};", {})
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/javascripts/sw.js must keep the line: const BUILD = { version: "source", runtime: [], pages: [] };
    """
    if service_worker.count(SERVICE_WORKER_BUILD_LINE) != 1:
        raise PluginError(f"docs/javascripts/sw.js must keep the line: {SERVICE_WORKER_BUILD_LINE}")
    runtime = sorted(fetched_at_start(files))
    version = hashlib.sha256("\n".join(sorted(files)).encode()).hexdigest()[:16]
    build = {"version": version, "runtime": runtime, "pages": sorted(pages)}
    return service_worker.replace(SERVICE_WORKER_BUILD_LINE, f"const BUILD = {json.dumps(build)};")


# --- MkDocs events -------------------------------------------------------------------------------

_runtime: dict[str, Path | str] = {}


def runtime_bytes(files: dict[str, Path | str]) -> dict[str, int]:
    """The runtime's download in bytes, for the page to say before and while it downloads: ``all`` of
    it, and the part the worker fetches through its byte counter (``fetched``: its ``.mjs`` modules
    are imported, not fetched, so the counter never sees them).

    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.wasm").write_bytes(b"12345"), (folder / "b.mjs").write_bytes(b"12")
    >>> runtime_bytes({"pyodide/a.wasm": folder / "a.wasm", "pyodide/b.mjs": folder / "b.mjs"})
    {'all': 7, 'fetched': 5}
    """
    sizes = {
        name: source.stat().st_size if isinstance(source, Path) else len(source.encode())
        for name, source in files.items()
    }
    return {
        "all": sum(sizes.values()),
        "fetched": sum(size for name, size in sizes.items() if not name.endswith(".mjs")),
    }


def on_config(config: MkDocsConfig) -> None:
    """Prepare the runtime files once per build (the wheel is rebuilt only when its sources change),
    and give the pages their size (``config.extra.runtime_bytes``, read by overrides/main.html).

    The downloaded copy (``extra.offline``) keeps the unversioned ``pyodide/`` (nothing caches it).
    """
    root = project_root(config)
    _runtime.clear()
    _runtime.update(runtime_files(root, root / ".cache", versioned=not config.extra.get("offline")))
    config.extra["runtime_bytes"] = runtime_bytes(fetched_at_start(_runtime))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the runtime to the site as virtual files (nothing is written into docs/), the worker as
    ``calculator/worker.js`` (inside the service worker's scope), and, for the hosted site, the
    worker told where its versioned runtime is and the service worker as ``calculator/sw.js``."""
    for src_uri, source in _runtime.items():
        if isinstance(source, Path):
            files.append(File.generated(config, src_uri, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, src_uri, content=source))
    hosted = not config.extra.get("offline")
    scripts = Path(config.docs_dir) / "javascripts"
    for name in (*WORKER_MODULES, "sw.js"):
        script = files.get_file_from_path(f"javascripts/{name}")
        if script is not None:
            files.remove(script)
    worker = worker_source(scripts)
    if hosted:
        worker = worker_with_runtime(worker, _runtime)
        pages = [
            page.dest_uri for page in files.documentation_pages() if page.dest_uri.startswith("calculator/")
        ]
        service = service_worker_with_build((scripts / "sw.js").read_text(encoding="utf-8"), _runtime, pages)
        files.append(File.generated(config, SERVICE_WORKER, content=service))
    files.append(File.generated(config, WORKER, content=worker))
    return files


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild (and so re-wheel) when the calculator's sources change under ``mkdocs serve``."""
    server.watch(str(project_root(config) / "calculator"))
    return server
