"""The calculator imports a check's module when the check is first used, not when the protocol
is imported (calculator/checks/registry.py, calculator/__init__.py): the browser's worker is
ready once the protocol is, and its warm-up imports the checks (README, "Speed")."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import calculator

NO_SUBPROCESS = pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide starts no process")

PROBE = """
import json, sys
import calculator.protocol as protocol
def checks():
    return sorted(m for m in sys.modules if m.startswith(("calculator.checks.", "calculator.history")))
before = checks()
answer = json.loads(protocol.handle(json.dumps({"check": "spike", "planned": 11, "longest_30d": 10})))
print(json.dumps({"before": before, "after": checks(), "ok": answer["ok"]}))
"""


@NO_SUBPROCESS
def test_the_protocol_imports_a_check_only_when_it_is_asked() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout)
    assert seen["before"] == ["calculator.checks.registry"]
    assert seen["ok"] is True
    assert "calculator.checks.spike" in seen["after"]
    assert "calculator.checks.ramp" not in seen["after"] and "calculator.history" not in seen["after"]


def test_every_public_name_has_a_home_and_is_found_there() -> None:
    assert sorted(calculator._HOMES) == sorted(calculator.__all__)
    for name in calculator.__all__:
        assert getattr(calculator, name).__name__ == name
    assert set(calculator.__all__) <= set(dir(calculator))
    with pytest.raises(AttributeError, match="no attribute 'check_knees'"):
        _ = calculator.check_knees  # type: ignore[attr-defined]
