"""The command line: read one JSON request on standard input, print the JSON answer.

    echo '{"check": "ramp", "weeks": [20, 22, 26]}' | python -m calculator

The exit status is 0 when the answer is ok, 2 when the request was refused. The protocol is
the one in `calculator.protocol`; ``python -m calculator --help`` prints it.

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
from collections.abc import Sequence
from typing import TextIO

from calculator import __version__, protocol
from calculator.checks.registry import CHECKS

__all__ = ["main"]

EXIT_OK = 0
EXIT_REFUSED = 2


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
    parser.add_argument("--indent", type=int, metavar="N", help="indent the answer by N spaces")
    return parser


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
