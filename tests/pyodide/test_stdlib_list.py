"""tools/stdlib_modules.txt, the hosted site's smaller standard library, is what the calculator's
worker uses now: tools/stdlib_modules.mjs lists it again under Node, against the site's wheel.

A module missing from the list still works in the browser (downloaded with the whole standard
library: tools/stdlib_fallback.py), but costs every reader that download: this keeps it current.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import PROJECT_ROOT, site_lock_dir

LISTING = PROJECT_ROOT / "tools" / "stdlib_modules.txt"
TOOL = PROJECT_ROOT / "tools" / "stdlib_modules.mjs"


def test_the_smaller_standard_library_list_is_current() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to list the calculator's standard library modules: install nodejs.")
    done = subprocess.run(
        [node, str(TOOL), str(site_lock_dir())],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    now = done.stdout.split()
    assert len(now) > 100 and "json/__init__.py" in now and "fractions.py" in now, now
    assert LISTING.read_text(encoding="utf-8").split() == now, (
        f"Regenerate it: node tools/stdlib_modules.mjs {site_lock_dir()} > tools/stdlib_modules.txt"
    )
