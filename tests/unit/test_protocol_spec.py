"""The protocol's written spec (calculator/protocol.py's docstring), the result types and real answers agree.

The spec is what a caller reads (and ``python -m calculator --help`` prints); these tests fail when
a result gains, loses or renames a field that the spec does not, or when a check takes a request
field that the spec does not describe. Real answers come from tests/unit/sample_requests.py.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

import pytest
from sample_requests import SAMPLE_REQUESTS

from calculator import protocol
from calculator.answer import Answer
from calculator.checks.acwr import AcwrResult
from calculator.checks.history import HistoryResult
from calculator.checks.overtraining import OvertrainingResult
from calculator.checks.plan import PlanResult
from calculator.checks.ramp import RampResult
from calculator.checks.redflags import RedflagsResult
from calculator.checks.registry import CHECKS
from calculator.checks.shoes import ShoesResult
from calculator.checks.spike import SpikeResult
from calculator.checks.where import WhereResult
from calculator.protocol import handle_request

SPEC = protocol.__doc__ or ""
RESULT_TYPES: dict[str, type[Answer]] = {
    "ramp": RampResult,
    "plan": PlanResult,
    "spike": SpikeResult,
    "shoes": ShoesResult,
    "acwr": AcwrResult,
    "history": HistoryResult,
    "redflags": RedflagsResult,
    "where": WhereResult,
    "overtraining": OvertrainingResult,
}
CONTRACT = [field.name for field in fields(Answer)]
#: The checks whose answers hold other checks' answers (their fields are in those checks' sections).
HOLDS = {"history": ("ramp", "acwr", "spike")}
#: A name the spec writes as a key: before a colon ("weeks": ...) or listed bare in braces
#: ({"key", "label"}), never a value after a colon ("unit": "km").
KEY = re.compile(r'"([a-z][a-z0-9_]*)"(?=\s*:)|[{,]\s*"([a-z][a-z0-9_]*)"(?=\s*[,}])')


def _section(heading: str) -> str:
    """The spec's text from a line starting *heading* up to the next line at the margin."""
    match = re.search(rf"(?ms)^{re.escape(heading)}.*?(?=^\S)", SPEC)
    assert match, f"the spec has no section {heading!r}"
    return match.group(0)


def _request_block(check: str) -> str:
    """The spec's description of one check's request: its example object and the lines under it."""
    requests = _section("Requests")
    match = re.search(rf'(?ms)^    {{"check": "{check}".*?(?=^    {{"check"|\Z)', requests)
    assert match, f"the spec describes no {check} request"
    return match.group(0)


def _documented(text: str) -> set[str]:
    return {next(name for name in match.groups() if name) for match in KEY.finditer(text)}


def _sketch(check: str) -> str:
    """The JSON sketch of a check's result: its section up to the first blank line (then prose)."""
    return _section(f"The {check} result").split("\n\n")[0]


def _top_level(example: str) -> set[str]:
    """The keys of the outermost object in a request example (not those of objects inside it)."""
    names = set()
    for match in re.finditer(r'"([a-z][a-z0-9_]*)"\s*:', example):
        before = example[: match.start()]
        if before.count("{") - before.count("}") == 1:
            names.add(match.group(1))
    return names


def _contract() -> set[str]:
    """The contract's fields as the spec lists them in prose: "summary" (one plain sentence), ..."""
    return set(re.findall(r'"([a-z_]+)"(?=\s*(?:\(|and\b))', _section("Every answer of")))


def _keys(value: object) -> set[str]:
    """Every key at any depth of an answer's result, leaving out its table (rows, not fields)."""
    if isinstance(value, dict):
        return {key for key in value if key != "table"} | {
            key for name, item in value.items() if name != "table" for key in _keys(item)
        }
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def _answers(check: str) -> list[dict[str, Any]]:
    answers = [handle_request(request) for request in SAMPLE_REQUESTS if request["check"] == check]
    assert answers and all(answer["ok"] for answer in answers)
    return [answer["result"] for answer in answers]


def test_every_check_has_a_result_type_and_a_spec() -> None:
    assert set(RESULT_TYPES) | {"rules"} == set(CHECKS)
    for check in RESULT_TYPES:
        _section(f"The {check} result")


@pytest.mark.parametrize("check", RESULT_TYPES)
def test_a_real_answer_sends_exactly_its_result_types_fields_then_the_contract(check: str) -> None:
    own = [field.name for field in fields(RESULT_TYPES[check]) if field.name not in CONTRACT]
    for result in _answers(check):
        assert [key for key in result if key != "table"] == [*own, *CONTRACT]


@pytest.mark.parametrize("check", RESULT_TYPES)
def test_every_field_of_a_real_answer_is_in_the_spec(check: str) -> None:
    contract = _section("Every answer of")
    documented = _documented(_sketch(check)) | _contract() | _documented(contract)
    documented |= set().union(*(_documented(_sketch(held)) for held in HOLDS.get(check, ())))
    sent = set().union(*(_keys(result) for result in _answers(check)))
    assert sent - documented == set(), f"fields the spec of the {check} result does not mention"


@pytest.mark.parametrize("check", RESULT_TYPES)
def test_every_field_the_spec_names_is_in_a_real_answer(check: str) -> None:
    documented = _documented(_sketch(check))
    sent = set().union(*(_keys(result) for result in _answers(check)))
    assert documented - sent == set(), f"fields the spec of the {check} result names that no answer has"


def test_the_contract_is_in_the_spec() -> None:
    assert _contract() == set(CONTRACT)


@pytest.mark.parametrize("check", [name for name in CHECKS if name != "rules"])
def test_the_spec_describes_exactly_the_request_fields_a_check_takes(check: str) -> None:
    block = _request_block(check)
    # a field is described in the example, or at the start of a line under it: "unit, profile  as for ramp"
    described = _documented(block) | {
        name for names in re.findall(r"(?m)^        ([a-z_, ]+?)  ", block) for name in names.split(", ")
    }
    example = _top_level(re.split(r"(?m)^        ", block)[0])
    assert example - {"check"} <= set(CHECKS[check].fields), (
        "the example sends a field the check does not take"
    )
    assert set(CHECKS[check].fields) <= described, "a field the check takes is not described"


def test_the_rules_check_takes_no_fields() -> None:
    assert CHECKS["rules"].fields == ()
    assert _request_block("rules")


def test_the_request_fields_the_rules_name_are_the_checks_fields() -> None:
    """The rules tell forms which field holds the custom limit and the hold-weeks choice."""
    rules = handle_request({"check": "rules"})["result"]
    assert rules["ramp"]["custom"]["field"] in CHECKS["ramp"].fields
    assert rules["ramp"]["custom"]["field"] in CHECKS["plan"].fields
    assert rules["plan"]["hold_weeks"]["key"] in CHECKS["plan"].fields
