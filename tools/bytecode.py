"""Precompile an archive's Python modules to bytecode, for the Python that runs this module.

Pyodide's own ``python_stdlib.zip`` and a pip-built wheel hold source only, so every module the
browser imports is compiled there, on every first visit: most of Python's start in the worker
(Pyodide's boot imports about 145 standard library modules). The build runs this module inside
Pyodide itself, under Node (``tools/bytecode.mjs``, called by hooks/runtime.py), so that the
bytecode is exactly what the browser's Python would have made: same version, same magic number.
pyodide-build's ``py-compile`` does the same job with the host's Python, which is not 3.14 here.

Each ``.py`` member becomes a sourceless ``.pyc`` in its place, as pyodide-build's
``py-compile`` writes them and as Pyodide ships its own packages: Python imports a ``.pyc``
that has no source beside it (zipimport from a zip, SourcelessFileLoader from a folder) without
checking anything but its magic number. Written with ``py_compile`` as unchecked hash-based
``.pyc`` files (PEP 552: no timestamp, so the same source always gives the same bytes), with the
member's name as the code's file name. The zip is written stored, for a host's brotli to
compress it whole. A wheel's RECORD lists the new members, and its name and WHEEL tag name the
only Python that can run it (``wheel_tag``: ``cp314-cp314-emscripten_5_0_3_wasm32``; pyodide-build's
``py-compile`` writes ``cp314-none-any``, which pyodide-lock refuses).

Run inside Pyodide with ``PYTHONNODEBUGRANGES=1`` (tools/bytecode.mjs) so that the code carries
line numbers but not the column ranges of each instruction (Python's ``-X no_debug_ranges``,
about a quarter of a ``.pyc``'s size); ``optimize=2`` also leaves out docstrings and asserts, as
``python -OO`` does.

>>> import io, zipfile
>>> source = io.BytesIO()
>>> with zipfile.ZipFile(source, "w") as made:
...     made.writestr("knee/__init__.py", "'''Docs.'''\\nANSWER = 6 * 7\\n")
...     made.writestr("knee/data.txt", "kept as it is")
>>> compiled = io.BytesIO()
>>> compile_archive(source, compiled, optimize=0)
1
>>> sorted(zipfile.ZipFile(compiled).namelist())
['knee/__init__.pyc', 'knee/data.txt']
"""

from __future__ import annotations

import base64
import hashlib
import os
import py_compile
import re
import sys
import sysconfig
import tempfile
import zipfile
from typing import IO

__all__ = ["compile_archive", "compiled_wheel_name", "main", "wheel_tag"]

#: Fixed member timestamps (1980-01-01), so the same sources give the same archive.
_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def _pyc(source: bytes, name: str, optimize: int, scratch: str) -> bytes:
    """The unchecked hash-based ``.pyc`` bytes of ``source`` (named ``name``), by ``py_compile``.

    Raises ValueError naming the member when the source does not compile.
    """
    path = os.path.join(scratch, "module.py")
    with open(path, "wb") as out:
        out.write(source)
    target = path + "c"
    try:
        py_compile.compile(
            path,
            cfile=target,
            dfile=name,
            doraise=True,
            optimize=optimize,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    except py_compile.PyCompileError as error:
        raise ValueError(f"{name} does not compile: {error.exc_value}") from None
    with open(target, "rb") as compiled:
        data: bytes = compiled.read()
    return data


def wheel_tag() -> str:
    """This Python's wheel tag, PYTHON-ABI-PLATFORM (PEP 425), as pyodide-lock accepts for Pyodide:
    bytecode runs only on the Python version that made it, and the site's lock takes a
    version-bound wheel only for its own platform (``emscripten_5_0_3_wasm32`` in Pyodide 314).

    >>> wheel_tag().startswith(f"cp{sys.version_info[0]}{sys.version_info[1]}-cp")
    True
    """
    version = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    platform = re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())
    return f"{version}-{version}-{platform}"


def _importable(name: str) -> bool:
    """Whether a member is a module Python imports: not a wheel's scripts, headers or data
    (``NAME.data/scripts/...``), only its ``purelib``/``platlib`` parts, where they are.

    >>> [_importable(n) for n in ("a/b.py", "k-1.data/scripts/run.py", "k-1.data/purelib/k.py")]
    [True, False, True]
    """
    parts = name.split("/")
    return not parts[0].endswith(".data") or (len(parts) > 2 and parts[1] in ("purelib", "platlib"))


def compiled_wheel_name(name: str, tag: str) -> str:
    """The wheel's file name with ``tag`` (PYTHON-ABI-PLATFORM) for its own (PEP 427 names).

    Raises ValueError for a name that is not a wheel's.

    >>> compiled_wheel_name("kneeload_calculator-0.1.0-py3-none-any.whl", "cp314-cp314-emscripten_5_0_3_wasm32")
    'kneeload_calculator-0.1.0-cp314-cp314-emscripten_5_0_3_wasm32.whl'
    >>> compiled_wheel_name("not-a-wheel.zip", "cp314-cp314-any")
    Traceback (most recent call last):
    ...
    ValueError: not-a-wheel.zip is not a wheel's name (NAME-VERSION-PYTHON-ABI-PLATFORM.whl)
    """
    parts = name.removesuffix(".whl").split("-")
    if not name.endswith(".whl") or len(parts) not in (5, 6):
        raise ValueError(f"{name} is not a wheel's name (NAME-VERSION-PYTHON-ABI-PLATFORM.whl)")
    return "-".join([*parts[:-3], tag]) + ".whl"


def _record_line(name: str, data: bytes) -> str:
    """A wheel RECORD line: the member, its urlsafe-base64 sha256 without padding, its size."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_archive(source: str | IO[bytes], target: str | IO[bytes], *, optimize: int = 0) -> int:
    """Copy the zip or wheel ``source`` to ``target`` (a path or a binary file, either way), each
    ``.py`` member compiled to a sourceless ``.pyc``; return how many were compiled.

    ``optimize``: 0 (everything kept), 1 (no asserts) or 2 (no asserts, no docstrings). A wheel
    (a ``*.dist-info/RECORD`` member) gets its RECORD rewritten for the new members and its
    WHEEL file's tags for this Python. Raises ValueError naming a member that does not compile,
    zipfile.BadZipFile when ``source`` is not a zip.
    """
    compiled: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as archive, tempfile.TemporaryDirectory() as scratch:
        for info in archive.infolist():
            if info.is_dir():
                continue
            data = archive.read(info)
            if info.filename.endswith(".py") and _importable(info.filename):
                compiled[info.filename + "c"] = _pyc(data, info.filename, optimize, scratch)
            else:
                compiled[info.filename] = data
    count = sum(1 for name in compiled if name.endswith(".pyc"))
    records = [name for name in compiled if name.endswith(".dist-info/RECORD")]
    for record in records:
        folder = record.removesuffix("RECORD")
        wheel = compiled.get(folder + "WHEEL")
        if wheel is not None:
            lines = [line for line in wheel.decode().splitlines() if not line.startswith("Tag: ")]
            compiled[folder + "WHEEL"] = "\n".join([*lines, f"Tag: {wheel_tag()}", ""]).encode()
        lines = [_record_line(name, data) for name, data in compiled.items() if name != record]
        compiled[record] = ("\n".join([*lines, f"{record},,"]) + "\n").encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for name, data in compiled.items():
            out.writestr(zipfile.ZipInfo(name, date_time=_DATE_TIME), data)
    return count


def main(argv: list[str] | None = None) -> int:
    """``python -m bytecode SOURCE TARGET [OPTIMIZE]``: compile_archive, printing the count.

    >>> main(["only-one"])
    usage: bytecode SOURCE TARGET [OPTIMIZE]
    2
    """
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3) or (len(args) == 3 and args[2] not in ("0", "1", "2")):
        print("usage: bytecode SOURCE TARGET [OPTIMIZE]")
        return 2
    count = compile_archive(args[0], args[1], optimize=int(args[2]) if len(args) == 3 else 0)
    print(f"compiled {count} modules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
