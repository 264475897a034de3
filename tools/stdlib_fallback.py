"""The fallback for the hosted site's smaller standard library (packed into it as ``_kneeload_stdlib``).

The hosted site starts Python with only the standard library modules the calculator uses
(``python_stdlib_calculator.zip``, hooks/runtime.py, trimmed_stdlib). Should anything import a module left
out of it, this finder, last on ``sys.meta_path``, downloads Pyodide's whole
``python_stdlib.zip`` once (a synchronous request: imports cannot wait), keeps it in the
virtual file system and imports the module from there, so a missing module costs a download,
never an error. Names that are not in the whole standard library (``FULL``, written by the
build) never start a download: they fail as they would anyway.

Runs in Pyodide's worker only; ``download`` is injectable for the tests, which run natively.

>>> finder = Finder("https://example.org/python_stdlib.zip", frozenset(), download=lambda url: b"")
>>> finder.find_spec("not_in_the_standard_library", None) is None
True
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import zipimport
from collections.abc import Callable, Sequence
from types import ModuleType

#: Every module of Pyodide's whole standard library, by dotted name (the build writes this line).
FULL: frozenset[str] = frozenset()
#: Where the whole standard library is kept once downloaded.
WHOLE = "/lib/python_stdlib_whole.zip"


def download_synchronously(url: str) -> bytes:
    """The bytes at ``url``, with a synchronous request (a Web Worker may make one).

    Raises ImportError when the request fails, so the import that needed it fails with a reason
    (the worker tells the reader its message).
    """
    from js import XMLHttpRequest  # type: ignore[import-not-found]  # Pyodide's bridge to JavaScript

    problem = "part of Python's standard library could not be downloaded"
    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    try:
        request.send(None)
    except Exception as error:  # a network failure reaches Python as the browser's own error
        raise ImportError(f"{problem} (no connection).") from error
    if request.status != 200:
        raise ImportError(f"{problem} (HTTP {request.status}).")
    data: bytes = request.response.to_bytes()
    return data


class Finder(importlib.abc.MetaPathFinder):
    """Find a standard library module left out of the smaller zip in the whole one, downloaded once.

    ``url``: the whole ``python_stdlib.zip``; ``full``: the dotted names of its modules;
    ``download``: how to fetch it (bytes); ``whole``: where to keep it.
    """

    def __init__(
        self,
        url: str,
        full: frozenset[str],
        download: Callable[[str], bytes] = download_synchronously,
        whole: str = WHOLE,
    ) -> None:
        self.url, self.full, self.download, self.whole = url, full, download, whole

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        """The module's spec from the whole standard library, or None for a name it does not hold."""
        if fullname not in self.full:
            return None
        if not os.path.isfile(self.whole):
            data = self.download(self.url)
            partial = self.whole + ".part"
            with open(partial, "wb") as file:
                file.write(data)
            os.replace(partial, self.whole)
        package = fullname.rpartition(".")[0].replace(".", "/")
        importer = zipimport.zipimporter(f"{self.whole}/{package}/" if package else self.whole)
        return importer.find_spec(fullname, target)


def install(url: str) -> None:
    """Put the finder last on ``sys.meta_path`` (once), for the whole standard library at ``url``."""
    if not any(isinstance(finder, Finder) for finder in sys.meta_path):
        sys.meta_path.append(Finder(url, FULL))
