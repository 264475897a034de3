"""The command line: read one JSON request on standard input, print the JSON answer.

    echo '{"check": "ramp", "weeks": [20, 22, 26]}' | python -m calculator

The exit status is 0 when the answer is ok, 2 when the request was refused. The protocol is
the one in `calculator.protocol`; ``python -m calculator --help`` prints it.

A runner's own export, read from disk (files or zips), answered by the ``history`` check:

    python -m calculator history export.zip [Activities.csv run.gpx ...]

It prints the history answer (exit 0), or, when nothing could be read, a message per file on
standard error and the refusal (exit 2). ``python -m calculator history --help`` lists its options.

>>> import io
>>> out = io.StringIO()
>>> main([], stdin=io.StringIO('{"check": "ramp", "weeks": [20, 22]}'), stdout=out)
0
>>> out.getvalue()[:31]
'{"ok": true, "check": "ramp", "'
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from calculator import __version__, protocol
from calculator.checks.registry import CHECKS
from calculator.rules.ramp import CUSTOM, DEFAULT_PROFILE, PROFILES

__all__ = ["main"]

EXIT_OK = 0
EXIT_REFUSED = 2
#: The widest indent the answer takes (any more only spreads it out).
MAX_INDENT = 16


def _indent(text: str) -> int:
    """Read ``--indent``: a whole number of spaces from 0 to MAX_INDENT (argparse reports the error).

    >>> _indent("2")
    2
    >>> _indent("-5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: the indent must be a whole number of spaces from 0 to 16, not -5
    """
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_INDENT:
        raise argparse.ArgumentTypeError(
            f"the indent must be a whole number of spaces from 0 to {MAX_INDENT}, not {text}"
        )
    return value


def _protocol_text() -> str:
    """The protocol as written in `calculator.protocol`, without its Python examples."""
    text = protocol.__doc__ or "See calculator/protocol.py."  # no docstrings under python -OO
    return text.split("\nExamples in Python")[0].strip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description=f"kneeload calculator {__version__}. Answer one calculator request: read a JSON object on standard input, print "
        "the JSON answer on standard output. Exit status 0 when ok, 2 when refused. "
        f"Checks: {', '.join(sorted(CHECKS))}.",
        epilog=_protocol_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="store_true", help="show this help (the protocol) and exit")
    parser.add_argument("--indent", type=_indent, metavar="N", help="indent the answer by N spaces")
    return parser


def _history_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator history",
        description="Read a runner's export (Strava's or Garmin's zip, activities.csv, Activities.csv, GPX, "
        "TCX or FIT files) and print the history check's answer: weeks, days, and what the ramp, spike "
        "and ACWR checks say over them. Exit status 0 when something was read, 2 when nothing could be.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a file or a zip")
    parser.add_argument(
        "--distance-unit", choices=("km", "mi"), default="km", help="a CSV's unit when it does not say"
    )
    parser.add_argument(
        "--utc-offset-minutes",
        type=int,
        default=None,
        help="your difference from UTC for files with UTC times only (default: this computer's)",
    )
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        help=f"the weekly limit: {', '.join([*PROFILES, CUSTOM.key])} (custom needs --limit-pct)",
    )
    parser.add_argument(
        "--limit-pct",
        type=float,
        metavar="PCT",
        help=f"your own weekly limit in percent, with --profile {CUSTOM.key} (above 0, at most {CUSTOM.max_pct:g})",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="your date: the weeks run up to it, the week holding it not finished",
    )
    parser.add_argument(
        "--last-week-unfinished", action="store_true", help="the last week of the history is not finished yet"
    )
    parser.add_argument("--indent", type=_indent, metavar="N", help="indent the answer by N spaces")
    return parser


def history_main(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Answer ``history FILE ...``: the history check over files on disk; 0 ok, 2 nothing read.

    >>> import io
    >>> out, err = io.StringIO(), io.StringIO()
    >>> history_main(["/nonexistent/export.zip"], out, err), err.getvalue()
    (2, 'export.zip could not be opened (No such file or directory).\n')
    """
    options = _history_parser().parse_args(argv)
    offset = options.utc_offset_minutes
    if offset is None:
        offset = round((time.localtime().tm_gmtoff or 0) / 60)
    request = {
        "check": "history",
        "files": options.files,
        "distance_unit": options.distance_unit,
        "utc_offset_minutes": offset,
        "profile": options.profile,
        "limit_pct": options.limit_pct,
        "today": options.today,
        "last_week_unfinished": options.last_week_unfinished,
    }
    answer = protocol.handle_request({name: value for name, value in request.items() if value is not None})
    messages = [error["message"] for error in answer.get("errors", [])]
    messages += [problem["message"] for problem in answer.get("result", {}).get("problems", [])]
    messages += [run["message"] for run in answer.get("result", {}).get("left_out", [])]
    for message in messages:
        stderr.write(message + "\n")
    stdout.write(json.dumps(answer, indent=options.indent, allow_nan=False) + "\n")
    return EXIT_OK if answer["ok"] else EXIT_REFUSED


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Answer the request on *stdin* on *stdout*; return the exit status (0 ok, 2 refused).

    >>> import io
    >>> out = io.StringIO()
    >>> main([], stdin=io.StringIO('{"check": "ramp", "weeks": []}'), stdout=out)
    2
    >>> main(["--help"], stdout=out)
    0
    """
    source = sys.stdin if stdin is None else stdin
    target = sys.stdout if stdout is None else stdout
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "history":
        return history_main(argv[1:], target, sys.stderr)
    parser = _parser()
    options = parser.parse_args(argv)
    if options.help:
        target.write(parser.format_help())
        return EXIT_OK
    text = source.read(protocol.MAX_REQUEST_CHARS + 1)  # anything longer is refused unread
    answer = protocol.handle(text)
    if options.indent is not None:
        answer = json.dumps(json.loads(answer), indent=options.indent)
    target.write(answer + "\n")
    return EXIT_OK if json.loads(answer)["ok"] else EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
