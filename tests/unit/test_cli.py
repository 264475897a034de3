"""The command line: one JSON request on stdin, the answer on stdout, exit 0 (ok) or 2 (refused).

`main()` is tested in-process, so these tests also run inside Pyodide; the tests that start
``python -m calculator`` as a process are skipped there (no subprocesses under Emscripten).
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

import calculator
from calculator.__main__ import EXIT_OK, EXIT_REFUSED, main
from calculator.protocol import MAX_REQUEST_CHARS

needs_processes = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")

RAMP = '{"check": "ramp", "weeks": [20, 22, 26], "unit": "km", "profile": "standard"}'


def run_main(argv: list[str], stdin: str = "") -> tuple[int, str]:
    """Run main() in-process with text on stdin; return the exit status and stdout."""
    out = io.StringIO()
    status = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return status, out.getvalue()


# --- in-process (also in Pyodide) --------------------------------------------------------------------


def test_main_answers_a_request_with_exit_0() -> None:
    status, out = run_main([], RAMP)
    answer = json.loads(out)
    assert status == EXIT_OK == 0
    assert answer["ok"] is True
    assert [week["over_limit"] for week in answer["result"]["weeks"]] == [False, False, True]
    assert out.endswith("}\n") and out.count("\n") == 1


@pytest.mark.parametrize("stdin", ["", "not json", '{"check": "ramp", "weeks": [20, -1]}', '{"check": "x"}'])
def test_main_refuses_with_exit_2(stdin: str) -> None:
    status, out = run_main([], stdin)
    assert status == EXIT_REFUSED == 2
    assert json.loads(out)["ok"] is False


def test_main_reads_no_more_than_a_request_may_hold() -> None:
    status, out = run_main([], " " * (10 * MAX_REQUEST_CHARS) + "{}")
    assert status == EXIT_REFUSED
    assert json.loads(out)["errors"][0]["field"] == "request"


def test_main_indents_on_request() -> None:
    status, out = run_main(["--indent", "2"], RAMP)
    assert status == EXIT_OK
    assert out.startswith('{\n  "ok": true,')
    assert json.loads(out)["check"] == "ramp"


@pytest.mark.parametrize("indent", ["-5", "17", "2.5"])
def test_main_refuses_an_indent_that_is_not_0_to_16(indent: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_main(["--indent", indent], RAMP)
    assert stopped.value.code == EXIT_REFUSED
    assert (
        f"the indent must be a whole number of spaces from 0 to 16, not {indent}" in capsys.readouterr().err
    )


def test_main_takes_indent_0() -> None:
    status, out = run_main(["--indent", "0"], RAMP)
    assert status == EXIT_OK and out.startswith('{\n"ok": true,')


def test_help_documents_the_protocol_and_the_checks() -> None:
    status, out = run_main(["--help"])
    assert status == EXIT_OK
    for text in (
        "usage: python -m calculator",
        '"check": "ramp"',
        '"check": "rules"',
        "weeks[1]",
        "profile",
        "unit",
        "next_week_max",
        "Exit status 0 when ok, 2 when refused",
    ):
        assert text in out
    assert ">>>" not in out


def test_main_uses_sys_stdin_and_stdout_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"check": "rules"}'))
    monkeypatch.setattr(sys, "stdout", out)
    assert main([]) == EXIT_OK
    assert json.loads(out.getvalue())["check"] == "rules"


# --- as a process ------------------------------------------------------------------------------------


def run_cli(tmp_path: Path, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    """Run ``python -m calculator`` from tmp_path, with this calculator; return status, stdout, stderr."""
    import subprocess  # only here: Pyodide has no subprocesses

    package_root = str(Path(calculator.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": package_root, "PYTHONIOENCODING": "utf-8"}
    (tmp_path / "stdin.txt").write_text(stdin, encoding="utf-8")
    with (
        (tmp_path / "stdin.txt").open("rb") as source,
        (tmp_path / "stdout.txt").open("wb") as out,
        (tmp_path / "stderr.txt").open("wb") as err,
    ):
        done = subprocess.run(
            [sys.executable, "-m", "calculator", *args],
            stdin=source,
            stdout=out,
            stderr=err,
            cwd=tmp_path,
            env=env,
            timeout=60,
            check=False,
        )
    return (
        done.returncode,
        (tmp_path / "stdout.txt").read_text(encoding="utf-8"),
        (tmp_path / "stderr.txt").read_text(encoding="utf-8"),
    )


@needs_processes
def test_cli_answers_with_exit_0(tmp_path: Path) -> None:
    status, out, err = run_cli(tmp_path, [], RAMP)
    assert (status, err) == (0, "")
    result = json.loads(out)["result"]
    assert result["next_week_max"] == pytest.approx(28.6)
    assert result["over_limit_weeks"] == [3]


@needs_processes
def test_cli_refuses_with_exit_2(tmp_path: Path) -> None:
    status, out, err = run_cli(tmp_path, [], '{"check": "ramp", "weeks": [20, "lots", -5]}')
    assert (status, err) == (2, "")
    assert [error["field"] for error in json.loads(out)["errors"]] == ["weeks[1]", "weeks[2]"]


@needs_processes
def test_cli_help_mentions_the_checks(tmp_path: Path) -> None:
    status, out, _ = run_cli(tmp_path, ["--help"])
    assert status == 0
    assert "ramp" in out and "rules" in out and "stdin" not in out.split("\n")[0]
