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
import json
import logging
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from shared import project_root

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.kneeload.runtime")

#: Where the runtime lands in the built site.
SITE_RUNTIME_DIR = "pyodide"
#: The npm package's files that a browser needs to start Python (the module loader, not pyodide.js).
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: Sources whose change means a new wheel.
WHEEL_INPUTS = ("pyproject.toml", "README.md", "calculator")
#: pyodide-build's command, in the Python 3.12+ environment the Makefile creates, and its pins.
LOCK_TOOL = ".venv-lock/bin/pyodide"
LOCK_REQUIREMENTS = "requirements-lock.txt"
#: Fixed zip timestamps (1980-01-01), so the same sources give the same wheel and sha256.
SOURCE_DATE_EPOCH = "315532800"

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
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # Built from a fresh copy of exactly the fingerprinted inputs: an in-tree build reuses
    # setuptools' build/lib, which keeps modules that were since moved or deleted.
    with tempfile.TemporaryDirectory(prefix="kneeload-wheel-") as scratch:
        source = Path(scratch)
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
            str(out_dir),
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wheels = sorted(out_dir.glob("*.whl"))
    if done.returncode != 0 or not wheels:
        raise PluginError(f"Building the calculator wheel failed:\n{done.stdout}{done.stderr}")
    log.info("Built %s", wheels[0].name)
    return wheels[0]


def site_wheels(project_root: Path, cache_dir: Path) -> list[Path]:
    """Return every wheel the site ships, built or reused in ``cache_dir``: one line per wheel.

    Each must be pure Python; a dependency it declares must be among these wheels too (the
    lock step refuses anything the site does not serve).
    """
    return [
        build_calculator_wheel(project_root, cache_dir / "calculator-wheel"),
        # FIT files (the history check): installed by the worker only when a history is read.
        pinned_wheel(project_root, "fitdecode"),
    ]


def pinned_wheel(project_root: Path, name: str) -> Path:
    """Return the pure-Python wheel of *name* at its version pinned in requirements.txt, downloaded
    from PyPI once (pip, for any Python and platform: pure Python only) into ``.cache/site-wheels``.

    >>> pinned_wheel(Path("/nonexistent"), "fitdecode")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: fitdecode is not pinned (name==version) in /nonexistent/requirements.txt.
    """
    requirements = project_root / "requirements.txt"
    text = requirements.read_text(encoding="utf-8") if requirements.is_file() else ""
    pins = [line.split("#")[0].strip() for line in text.splitlines()]
    version = next((pin.split("==", 1)[1] for pin in pins if pin.lower().startswith(f"{name}==")), None)
    if version is None:
        raise PluginError(f"{name} is not pinned (name==version) in {requirements}.")
    folder = project_root / ".cache" / "site-wheels" / f"{name}-{version}"
    wheels = sorted(folder.glob("*-py3-none-any.whl"))
    if wheels:
        return wheels[0]
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"]
    command += ["--only-binary=:all:", "--python-version", "3.14", "--implementation", "py", "--abi", "none"]
    command += ["--platform", "any", "--dest", str(folder), f"{name}=={version}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("*-py3-none-any.whl"))
    if done.returncode != 0 or not wheels:
        raise PluginError(
            f"Downloading {name}=={version} (a pure-Python wheel) failed:\n{done.stdout}{done.stderr}"
        )
    log.info("Downloaded %s", wheels[0].name)
    return wheels[0]


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


def lock_key(project_root: Path, upstream_lock: Path, wheels: list[Path]) -> str:
    """Hash what the site's lock depends on: Pyodide's lock, the pinned tool, the wheels' bytes.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "up.json").write_text("{}")
    >>> len(lock_key(root, root / "up.json", []))
    16
    """
    digest = hashlib.sha256()
    tool_pins = project_root / LOCK_REQUIREMENTS
    for path in (upstream_lock, tool_pins, *wheels):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


def write_site_lock(project_root: Path, upstream_lock: Path, wheels: list[Path], cache_dir: Path) -> Path:
    """Write the site's ``pyodide-lock.json`` with pyodide-build, next to copies of the wheels.

    ``pyodide lockfile add-wheels`` adds each wheel (name, version, file name, sha256, imports,
    depends) to Pyodide's lock emptied of its packages; it fails when a wheel depends on a
    package that is not among them. Returns the folder holding the lock and the wheels, reused
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
        check_site_lock(json.loads((staging / "pyodide-lock.json").read_text(encoding="utf-8")), wheels)
        if not folder.exists():
            staging.rename(folder)
    log.info("Wrote the site's pyodide-lock.json for %s", ", ".join(wheel.name for wheel in wheels))
    return folder


def runtime_files(project_root: Path, cache_dir: Path) -> dict[str, Path | str]:
    """Map each runtime file's path in the site to its source file, given the build cache folder."""
    pyodide = pyodide_dir(project_root)
    wheels = site_wheels(project_root, cache_dir)
    locked = write_site_lock(project_root, pyodide / "pyodide-lock.json", wheels, cache_dir / "site-lock")
    files: dict[str, Path | str] = {
        f"{SITE_RUNTIME_DIR}/{name}": pyodide / name for name in PYODIDE_CORE_FILES
    }
    for name in ("pyodide-lock.json", *(wheel.name for wheel in wheels)):
        files[f"{SITE_RUNTIME_DIR}/{name}"] = locked / name
    return files


# --- MkDocs events -------------------------------------------------------------------------------

_runtime: dict[str, Path | str] = {}


def on_config(config: MkDocsConfig) -> None:
    """Prepare the runtime files once per build (the wheel is rebuilt only when its sources change)."""
    root = project_root(config)
    _runtime.clear()
    _runtime.update(runtime_files(root, root / ".cache"))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the runtime to the site as virtual files (nothing is written into docs/)."""
    for src_uri, source in _runtime.items():
        if isinstance(source, Path):
            files.append(File.generated(config, src_uri, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, src_uri, content=source))
    return files


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild (and so re-wheel) when the calculator's sources change under ``mkdocs serve``."""
    server.watch(str(project_root(config) / "calculator"))
    return server
