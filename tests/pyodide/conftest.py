"""The Pyodide suite runs first: it is the longest single test (2 minutes, the unit tests inside
Pyodide under Node), so under `make test`'s parallel workers (pytest-xdist) it starts at once
beside the rest instead of being the last one left running."""

from __future__ import annotations

import pytest

FIRST = "tests/pyodide/test_unit_tests_in_pyodide.py::"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the Pyodide unit suite's test to the front of the run (a stable sort keeps the rest in order)."""
    items.sort(key=lambda item: not item.nodeid.startswith(FIRST))
