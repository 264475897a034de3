"""Shared plain helpers for the test suites (no fixtures here)."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def hook_module(name: str) -> ModuleType:
    """Import one of hooks/*.py the way MkDocs does (by path, its folder on sys.path while it loads,
    so that it imports the helper module as MkDocs's hooks do: ``from shared import ...``)."""
    return module_from_path(name, PROJECT_ROOT / "hooks" / f"{name}.py")


def module_from_path(name: str, path: Path) -> ModuleType:
    """Import a module by path, its folder on sys.path while it loads (tests/unit is no package,
    so that inside Pyodide the calculator is imported from the wheel, not from the source tree)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    old_path = sys.path.copy()
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = old_path
    return module


def calculator_wheel() -> Path:
    """Build (or reuse) the calculator wheel from its sources, exactly as the build hook does (the site
    ships it precompiled: runtime.site_wheels)."""
    runtime = hook_module("runtime")
    wheel: Path = runtime.build_calculator_wheel(PROJECT_ROOT, PROJECT_ROOT / ".cache" / "calculator-wheel")
    return wheel


def site_lock_dir() -> Path:
    """Write (or reuse) the site's pyodide-lock.json with pyodide-build, exactly as the build hook
    does; return the folder that holds it and the wheels it lists."""
    runtime = hook_module("runtime")
    cache = PROJECT_ROOT / ".cache"
    upstream = runtime.pyodide_dir(PROJECT_ROOT) / "pyodide-lock.json"
    folder: Path = runtime.write_site_lock(
        PROJECT_ROOT, upstream, runtime.site_wheels(PROJECT_ROOT, cache), cache / "site-lock"
    )
    return folder


def site_stdlib() -> Path:
    """The hosted site's smaller, precompiled standard library, made (or reused) as the build makes it."""
    files = hook_module("runtime").runtime_files(PROJECT_ROOT, PROJECT_ROOT / ".cache")
    return next(
        Path(source) for uri, source in files.items() if uri.endswith("/python_stdlib_calculator.zip")
    )


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """Return CHROMIUM_PATH, else Debian's Chromium, else a chromium on PATH, else None."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serve a built site quietly, with JavaScript modules and WebAssembly typed right."""

    # an instance variable in typeshed, set here for every request as the standard library does
    extensions_map: dict[str, str] = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    """A test server that says nothing when a browser drops a connection mid-answer (a page left
    or a download cancelled: normal in these tests); any other error is printed as usual."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(
    directory: Path, handler_class: type[SimpleHTTPRequestHandler] | None = None
) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread, with *handler_class* (the site's own
    by default); yield its base URL.

    >>> import tempfile, urllib.request
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "a.mjs").write_text("export {}")
    >>> with serve_directory(folder) as url:
    ...     urllib.request.urlopen(url + "a.mjs").headers["Content-Type"]
    'text/javascript'
    """
    handler = functools.partial(handler_class or _SiteHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
