"""Ship the browser runtime with the site: Pyodide's core files and the calculator wheel.

The MkDocs events at the bottom are thin; the work is done by plain functions that the tests
call directly (``tests/hooks/test_runtime.py``).

Route: the calculator is a pure-Python wheel, built with the standard backend (``pip wheel``).
It is registered in the site's own copy of ``pyodide-lock.json`` so that Pyodide's
``loadPackage`` installs it from the site, with its sha256 check. The site's lock file lists only
what the site serves, so no package name can send the browser to a CDN.

>>> sorted(PYODIDE_CORE_FILES)
['pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import os
import subprocess
import sys
import zipfile
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
WHEEL_INPUTS = ("pyproject.toml", "calculator")
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
        str(project_root),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wheels = sorted(out_dir.glob("*.whl"))
    if done.returncode != 0 or not wheels:
        raise PluginError(f"Building the calculator wheel failed:\n{done.stdout}{done.stderr}")
    log.info("Built %s", wheels[0].name)
    return wheels[0]


def lock_entry(wheel: Path) -> dict[str, Any]:
    """Describe a pure-Python wheel as a ``pyodide-lock.json`` package entry.

    The name and version come from the wheel's file name, the imports from its top-level
    packages, the sha256 from its bytes (Pyodide checks it before installing).
    """
    distribution, version = wheel.name.split("-")[:2]
    with zipfile.ZipFile(wheel) as archive:
        top_level = sorted(
            {
                name.split("/")[0]
                for name in archive.namelist()
                if name.count("/") == 1 and name.endswith("/__init__.py")
            }
        )
    return {
        "name": distribution.replace("_", "-"),
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": top_level,
        "depends": [],
        "unvendored_tests": False,
        "tool": {},
    }


def site_lock(upstream: dict[str, Any], wheels: list[Path]) -> dict[str, Any]:
    """Return the site's lock file: Pyodide's ``info`` and only the packages the site serves.

    >>> site_lock({"info": {"python": "3.14.2"}, "packages": {"numpy": {}}}, [])
    {'info': {'python': '3.14.2'}, 'packages': {}}
    """
    entries = [lock_entry(wheel) for wheel in wheels]
    return {"info": upstream["info"], "packages": {entry["name"]: entry for entry in entries}}


def runtime_files(project_root: Path, cache_dir: Path) -> dict[str, Path | str]:
    """Map each runtime file's path in the site to a source file (Path) or generated text (str)."""
    pyodide = pyodide_dir(project_root)
    wheel = build_calculator_wheel(project_root, cache_dir)
    upstream = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    files: dict[str, Path | str] = {
        f"{SITE_RUNTIME_DIR}/{name}": pyodide / name for name in PYODIDE_CORE_FILES
    }
    files[f"{SITE_RUNTIME_DIR}/{wheel.name}"] = wheel
    files[f"{SITE_RUNTIME_DIR}/pyodide-lock.json"] = json.dumps(site_lock(upstream, [wheel]), indent=1)
    return files


# --- MkDocs events -------------------------------------------------------------------------------

_runtime: dict[str, Path | str] = {}


def on_config(config: MkDocsConfig) -> None:
    """Prepare the runtime files once per build (the wheel is rebuilt only when its sources change)."""
    root = project_root(config)
    _runtime.clear()
    _runtime.update(runtime_files(root, root / ".cache" / "calculator-wheel"))


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
