"""Find a Python 3.12+ for the lock tool environment (.venv-lock); print its path or what is missing.

pyodide-build, which writes the site's ``pyodide-lock.json``, needs Python 3.12 or newer, while
the site itself builds on 3.11+. The Makefile runs this with the host Python:

    python3 tools/lock_python.py      # prints e.g. /root/.pyenv/versions/3.12.1/bin/python3.12

It tries, in order: ``LOCK_PYTHON`` (if set, only that), ``python3.12``, ``python3.13`` and
``python3.14`` on PATH, pyenv's installed versions (``$PYENV_ROOT`` or ``~/.pyenv``), then
``python3``. A candidate counts when it is 3.12+ and can create a virtual environment (Debian
ships ``venv`` separately). The first that counts is printed; with none, the exit message says
what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: The oldest Python that pyodide-build 0.39 runs on.
MINIMUM = (3, 12)
#: Asked of each candidate: exit 0 only when it is new enough and has venv with ensurepip.
PROBE = f"import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= {MINIMUM} else 1)"


def candidates(environ: Mapping[str, str]) -> list[str]:
    """List the interpreters to try, best first (paths or names on PATH), without repeats.

    >>> candidates({"LOCK_PYTHON": "/opt/py/bin/python3.13"})
    ['/opt/py/bin/python3.13']
    >>> candidates({"PYENV_ROOT": "/nonexistent", "PATH": ""})
    ['python3.12', 'python3.13', 'python3.14', 'python3']
    """
    explicit = environ.get("LOCK_PYTHON")
    if explicit:
        return [explicit]
    pyenv_root = Path(environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    versions = sorted((pyenv_root / "versions").glob("3.1[2-9]*/bin/python3"))
    found = ["python3.12", "python3.13", "python3.14", *(str(path) for path in versions), "python3"]
    return list(dict.fromkeys(found))


def usable(candidate: str, environ: Mapping[str, str]) -> str | None:
    """Return the candidate's full path if it is Python 3.12+ with venv, else None.

    >>> usable("/nonexistent/python3", {"PATH": ""}) is None
    True
    >>> usable(sys.executable, os.environ) == (sys.executable if sys.version_info >= MINIMUM else None)
    True
    """
    path = shutil.which(candidate, path=environ.get("PATH", os.defpath))
    if path is None:
        return None
    try:
        done = subprocess.run([path, "-c", PROBE], capture_output=True, timeout=60, check=False)
    except OSError:
        return None
    return path if done.returncode == 0 else None


def missing_message(tried: list[str]) -> str:
    """Say what is missing and how to get it, naming what was tried.

    >>> print(missing_message(["python3.12", "python3"]))  # doctest: +ELLIPSIS
    No Python 3.12 or newer (with venv) was found; tried: python3.12, python3.
    ...LOCK_PYTHON=/path/to/python3.12...
    """
    return (
        f"No Python 3.12 or newer (with venv) was found; tried: {', '.join(tried)}.\n"
        "pyodide-build, which writes the site's pyodide-lock.json, needs one (the site itself runs on 3.11+).\n"
        "Install one (Debian: `apt-get install python3.12 python3.12-venv`, or `pyenv install 3.12`)\n"
        "or point to one: `make LOCK_PYTHON=/path/to/python3.12 ...`."
    )


def main(environ: Mapping[str, str]) -> int:
    """Print the first usable interpreter and return 0, or print what is missing and return 1."""
    tried = candidates(environ)
    for candidate in tried:
        path = usable(candidate, environ)
        if path:
            print(path)
            return 0
    print(missing_message(tried), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(os.environ))
