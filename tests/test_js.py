"""The browser JavaScript (docs/javascripts/) is type-checked and unit-tested, like the Python.

- ``tsc`` (TypeScript, pinned in package.json) checks every module against protocol.d.ts with
  tsconfig.json (``checkJs``, ``strict``, ``noEmit``): zero errors;
- Node's own test runner runs tests/js/*.test.mjs (form readers, the client with a fake Worker,
  answer rendering, on jsdom pinned in package.json).

Both need Node.js and ``npm ci`` (``make test`` runs it).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.helpers import PROJECT_ROOT

JS_TESTS = sorted((PROJECT_ROOT / "tests" / "js").glob("*.test.mjs"))
TSC = PROJECT_ROOT / "node_modules" / "typescript" / "bin" / "tsc"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("Node.js is needed for the JavaScript checks: install nodejs.")
    return found


def test_the_javascript_type_checks_strict() -> None:
    if not TSC.is_file():
        pytest.fail(f"TypeScript not found at {TSC}: run `make test` (it runs `npm ci`).")
    done = subprocess.run(
        [node(), str(TSC), "--project", str(PROJECT_ROOT / "tsconfig.json"), "--pretty", "false"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_javascript_unit_tests_pass() -> None:
    assert {"answer.test.mjs", "client.test.mjs", "form.test.mjs"} <= {path.name for path in JS_TESTS}
    done = subprocess.run(
        [node(), "--test", *map(str, JS_TESTS)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^# pass [1-9]", done.stdout, re.M) and "# fail 0" in done.stdout, done.stdout


def test_the_forms_know_the_calculators_unit_words() -> None:
    """form.js keeps a unit word with the number before it ("20 km"); any other word is an entry
    of its own. Its list must be the calculator's (calculator/units.py, UNIT_WORDS), else a word
    the calculator reads would make a phantom entry, or one it refuses would be glued to a number."""
    from calculator.units import UNIT_WORDS

    source = (PROJECT_ROOT / "docs" / "javascripts" / "form.js").read_text(encoding="utf-8")
    found = re.search(r"export const UNIT_WORDS = new Set\(\[(.*?)\]\);", source, re.DOTALL)
    assert found, "form.js no longer writes UNIT_WORDS as a literal Set"
    assert set(re.findall(r'"([^"]+)"', found.group(1))) == set(UNIT_WORDS)
    from calculator.units import OTHER_UNIT_WORDS

    other = re.search(r"export const OTHER_UNIT_WORDS = new Set\(\[(.*?)\]\);", source, re.DOTALL)
    assert other, "form.js no longer writes OTHER_UNIT_WORDS as a literal Set"
    assert set(re.findall(r'"([^"]+)"', other.group(1))) == set(OTHER_UNIT_WORDS)


def test_the_forms_read_other_keyboards_digits_as_the_calculator_does() -> None:
    """form.js and the calculator each write other keyboards' digits as ASCII ones ("２２．５" is
    22.5): the same characters, to the same ones, else the browser and the command line would
    read one typed text two ways. Every character of the Basic Multilingual Plane is compared."""
    from calculator.amounts import ascii_digits

    form = (PROJECT_ROOT / "docs" / "javascripts" / "form.js").as_uri()
    script = (
        f"const {{ asciiDigits }} = await import({form!r});"
        "const changed = {};"
        "for (let code = 0; code < 0x10000; code++) {"
        "  if (code >= 0xD800 && code < 0xE000) continue;"
        "  const sign = String.fromCharCode(code);"
        "  if (asciiDigits(sign) !== sign) changed[sign] = asciiDigits(sign);"
        "}"
        "process.stdout.write(JSON.stringify(changed));"
    )
    done = subprocess.run(
        [node(), "--input-type=module", "--eval", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = {
        chr(code): ascii_digits(chr(code))
        for code in range(0x10000)
        if not 0xD800 <= code < 0xE000 and ascii_digits(chr(code)) != chr(code)
    }
    assert json.loads(done.stdout) == expected
    assert len(expected) == 36  # three sets of ten digits, two points, two commas, two percent signs
