"""The calculator's one JSON protocol: one JSON object in, one JSON object out.

Every caller speaks it: the browser's worker calls handle(text) with JSON text, the command
line (python -m calculator) reads the same text on standard input, and the build calls
handle_request(dict). Neither ever raises: every problem comes back as an answer.

Requests
    A JSON object naming a check, plus that check's fields. Unknown fields are refused.

    {"check": "ramp", "weeks": [20, 22, 26], "unit": "km", "profile": "standard"}
        Compare each week's running with the week before, against a weekly limit.
        weeks    1 to 520 numbers, oldest week first; 0 is a week with no running
        unit     optional: "km" (the default), "mi" (miles) or "min" (minutes)
        profile  optional: "standard" (the default, up to 10 % a week), "returning"
                 (5 %, for starting out or coming back from injury) or "conservative" (2.5 %)

    {"check": "rules"}
        The ramp check's profiles and units, in order, for forms and tables:
        {"ramp": {"profiles": [{"key", "label", "limit_pct", "description", "source",
        "sources"}, ...], "units": [{"key", "label", "max"}, ...], "max_weeks", ...}}

Answers
    {"ok": true, "check": "ramp", "result": {...}}
    {"ok": false, "check": "ramp", "errors": [{"field": "weeks[1]", "message": "Week 2 can't be negative."}]}

    "check" names the check that answered; it is null when the request named no known check.
    "errors" lists every problem at once. "field" is the path of the value in the request
    ("weeks[1]" is the second week, "unit", "check", an unknown key), or "request" for the
    request as a whole: not JSON, not an object, longer than 100000 characters, nested more
    than 20 levels deep, or a fault inside the calculator. "message" is one plain sentence
    for the reader. NaN and Infinity are not numbers here, and never appear in an answer.

The ramp result
    {"profile": "standard", "profile_label": "Standard: up to 10 % a week", "limit_pct": 10.0,
     "unit": "km", "unit_label": "km",
     "weeks": [{"week": 1, "volume": 20, "change_pct": null, "over_limit": false,
                "message": "First week: nothing to compare with yet."}, ...],
     "over_limit_weeks": [3],
     "next_week_max": 27.5, "next_week_note": "Up to 27.5 km keeps next week within ...",
     "summary": "1 of 4 weeks rose more than the 10 % limit (week 3). Next week: up to 27.5 km.",
     "caveat": "Weekly limits like this are rules of thumb: ...",
     "sources": ["seed-002", "seed-004", "buist-2008"]}

    change_pct is the change on the week before in percent, 1 decimal (rises rounded up),
    or null for the first week and for a week after a week of 0. A week exactly at the limit
    is within it. next_week_max is the most next week may hold, rounded down to 2 decimals,
    or null after a week of 0 (next_week_note says why). Volumes come back as they were sent.

Examples in Python
------------------
>>> import json
>>> answer = json.loads(handle('{"check": "ramp", "weeks": [20, 22, 26]}'))
>>> answer["ok"], [week["over_limit"] for week in answer["result"]["weeks"]]
(True, [False, False, True])
>>> handle('{"check": "ramp", "weeks": [20, -1]}')
'{"ok": false, "check": "ramp", "errors": [{"field": "weeks[1]", "message": "Week 2 can\\'t be negative."}]}'
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calculator.errors import CalculatorError, Problem
from calculator.ramp import check_ramp
from calculator.rules import DEFAULT_PROFILE, DEFAULT_UNIT, ramp_rules

__all__ = ["CHECKS", "Check", "MAX_DEPTH", "MAX_REQUEST_CHARS", "handle", "handle_request"]

#: The longest request text read; anything longer is refused before parsing.
MAX_REQUEST_CHARS = 100_000
#: The deepest nesting of lists and objects read (a ramp request needs 2).
MAX_DEPTH = 20
#: What the reader sees when the calculator itself fails; the details go to standard error.
INTERNAL_ERROR = ("Something went wrong inside the calculator: this is a fault in the calculator, "
                  "not in what you entered. Please try again later.")


@dataclass(frozen=True)
class Check:
    """One check the protocol answers: its request fields (besides "check") and its function."""

    name: str
    fields: tuple[str, ...]
    run: Callable[[dict[str, Any]], dict[str, Any]]


def _ramp(request: dict[str, Any]) -> dict[str, Any]:
    weeks: Any = request.get("weeks")  # checked by check_ramp: missing and null read as "no weeks"
    result = check_ramp(weeks, profile=request.get("profile", DEFAULT_PROFILE),
                        unit=request.get("unit", DEFAULT_UNIT))
    return result.as_dict()


def _rules(request: dict[str, Any]) -> dict[str, Any]:
    return {"ramp": ramp_rules()}


#: The checks by name; a new check is one function and one entry here.
CHECKS: dict[str, Check] = {
    check.name: check for check in (
        Check("ramp", ("weeks", "unit", "profile"), _ramp),
        Check("rules", (), _rules),
    )
}


def handle(text: str) -> str:
    """Answer one request given as JSON text, with JSON text. Never raises.

    >>> handle('{"check": "rules"}')[:30]
    '{"ok": true, "check": "rules",'
    >>> handle('{"check": "ramp", "weeks": [20, 22]')
    '{"ok": false, "check": null, "errors": [{"field": "request", "message": "The request is not valid JSON (line 1, column 36)."}]}'
    """
    try:
        answer = handle_request(_parse(text))
    except CalculatorError as error:
        answer = _refused(None, error)
    except Exception:  # a fault in the calculator: a plain answer here, the details on stderr
        traceback.print_exc(file=sys.stderr)
        answer = _refused(None, CalculatorError("request", INTERNAL_ERROR))
    try:
        return json.dumps(answer, allow_nan=False)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return json.dumps(_refused(None, CalculatorError("request", INTERNAL_ERROR)))


def handle_request(request: object) -> dict[str, Any]:
    """Answer one request given as parsed JSON (a dict), with a JSON-ready dict. Never raises.

    >>> handle_request({"check": "ramp", "weeks": [20, 22]})["result"]["next_week_max"]
    24.2
    >>> handle_request({"check": "plan"})["errors"][0]["message"]
    "Unknown check 'plan': choose ramp or rules."
    """
    name: str | None = None
    try:
        check, fields = _find_check(request)
        name = check.name
        return {"ok": True, "check": name, "result": _run(check, fields)}
    except CalculatorError as error:
        return _refused(name, error)
    except Exception:  # a fault in the calculator: a plain answer here, the details on stderr
        traceback.print_exc(file=sys.stderr)
        return _refused(name, CalculatorError("request", INTERNAL_ERROR))


def _refused(name: str | None, error: CalculatorError) -> dict[str, Any]:
    return {"ok": False, "check": name, "errors": error.as_json()}


def _words(names: list[str], joiner: str) -> str:
    """Join names as a sentence does: "ramp", "ramp or rules", "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def _known() -> str:
    return _words(sorted(CHECKS), "or")


def _quoted(value: str) -> str:
    """Echo a short, printable text back to the reader; anything else is not echoed."""
    return f" '{value}'" if 0 < len(value) <= 30 and value.isprintable() else ""


def _find_check(request: object) -> tuple[Check, dict[str, Any]]:
    """Return the check a request names and the request, or raise naming what is wrong."""
    if not isinstance(request, dict):
        raise CalculatorError("request", 'The request must be a JSON object, like {"check": "ramp", "weeks": [20, 22]}.')
    if "check" not in request or not isinstance(request["check"], str):
        raise CalculatorError("check", f'Say which check to run, like "check": "ramp" (the checks: {_known()}).')
    name = request["check"]
    if name not in CHECKS:
        raise CalculatorError("check", f"Unknown check{_quoted(name)}: choose {_known()}.")
    return CHECKS[name], request


def _run(check: Check, request: dict[str, Any]) -> dict[str, Any]:
    """Run a check; refuse unknown fields too, together with the check's own problems."""
    unknown = [_unknown_field(key, check) for key in request if key != "check" and key not in check.fields]
    try:
        result = check.run(request)
    except CalculatorError as error:
        raise CalculatorError.from_problems([*error.problems, *unknown]) from None
    if unknown:
        raise CalculatorError.from_problems(unknown)
    return result


def _unknown_field(key: object, check: Check) -> Problem:
    """A request field the check does not take: named, with the fields it does take."""
    field = key if isinstance(key, str) else repr(key)
    takes = f"it takes {_words(list(check.fields), 'and')}" if check.fields else "it takes no other fields"
    return Problem(field[:100], f"The field{_quoted(field)} is not understood by the {check.name} check: {takes}.")


def _parse(text: object) -> object:
    """Read the request's JSON text, refusing text that is too long or nested too deeply."""
    if not isinstance(text, str):
        raise CalculatorError("request", "The request must be JSON text.")
    if len(text) > MAX_REQUEST_CHARS:
        raise CalculatorError("request", f"The request is too long: at most {MAX_REQUEST_CHARS} characters.")
    if not text.strip():
        raise CalculatorError("request", 'The request is empty: send one JSON object, like {"check": "rules"}.')
    if _too_deep(text):
        raise CalculatorError("request", f"The request is nested too deeply: at most {MAX_DEPTH} levels.")
    try:
        return json.loads(text, parse_constant=_constant_as_text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise CalculatorError("request", f"The request is not valid JSON (line {error.lineno}, "
                                         f"column {error.colno}).") from None
    except (ValueError, RecursionError):
        raise CalculatorError("request", "The request is not valid JSON.") from None


def _constant_as_text(name: str) -> str:
    """Read NaN, Infinity and -Infinity as text, so they are refused where they stand."""
    return name


def _integer(digits: str) -> int | float:
    """Read an integer; a very long one becomes a (huge) float instead of a slow int."""
    return int(digits) if len(digits) <= 30 else float(digits)


def _too_deep(text: str) -> bool:
    """Say whether lists and objects nest more than MAX_DEPTH levels, brackets in strings aside.

    >>> _too_deep("[" * 21 + "]" * 21), _too_deep("[" * 20 + "]" * 20), _too_deep('"' + "[" * 50 + '"')
    (True, False, False)
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False  # too few brackets to nest deeper: no need to scan
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False
