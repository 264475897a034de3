"""The one JSON protocol: answers, every refusal with its field, and that it never raises."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import protocol
from calculator.checks.registry import CHECKS, Check
from calculator.protocol import INTERNAL_ERROR, MAX_REQUEST_CHARS, handle, handle_request
from calculator.reading import words
from calculator.rules.acwr import acwr_rules
from calculator.rules.overtraining import overtraining_rules
from calculator.rules.ramp import ramp_rules
from calculator.rules.redflags import redflags_rules
from calculator.rules.where import where_rules

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def ask(request: Any) -> dict[str, Any]:
    """Send a request as the browser does (JSON text) and read the answer back, strictly."""
    text = request if isinstance(request, str) else json.dumps(request)
    return strict_json(handle(text))


def strict_json(text: str) -> dict[str, Any]:
    """Parse an answer, failing on NaN or Infinity (which JSON does not have)."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in an answer")

    answer = json.loads(text, parse_constant=refuse)
    assert isinstance(answer, dict)
    return answer


def fields(answer: dict[str, Any]) -> list[str]:
    assert answer["ok"] is False, answer
    return [error["field"] for error in answer["errors"]]


# --- answers -----------------------------------------------------------------------------------------


def test_ramp_answer_has_the_documented_shape() -> None:
    answer = ask({"check": "ramp", "weeks": [20, 22, 26], "unit": "km", "profile": "standard"})
    assert list(answer) == ["ok", "check", "result"]
    assert answer["ok"] is True and answer["check"] == "ramp"
    result = answer["result"]
    assert [week["volume"] for week in result["weeks"]] == [20, 22, 26]
    assert [week["change_pct"] for week in result["weeks"]] == [None, 10.0, pytest.approx(18.2)]
    assert [week["over_limit"] for week in result["weeks"]] == [False, False, True]
    assert result["next_week_max"] == pytest.approx(28.6)
    assert result["over_limit_weeks"] == [3]
    assert isinstance(result["summary"], str) and isinstance(result["caveat"], str)


def test_unit_and_profile_have_defaults() -> None:
    result = ask({"check": "ramp", "weeks": [20, 22]})["result"]
    assert (result["unit"], result["profile"], result["limit_pct"]) == ("km", "standard", 10.0)


def test_volumes_come_back_as_sent() -> None:
    weeks = ask({"check": "ramp", "weeks": [20, 22.5, 1e1]})["result"]["weeks"]
    assert [week["volume"] for week in weeks] == [20, 22.5, 10.0]


def test_rules_check_answers_the_ramp_rules() -> None:
    answer = ask({"check": "rules"})
    assert (answer["ok"], answer["check"], answer["result"]["ramp"]) == (True, "rules", ramp_rules())


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("acwr", acwr_rules),
        ("redflags", redflags_rules),
        ("where", where_rules),
        ("overtraining", overtraining_rules),
    ],
)
def test_rules_check_answers_each_checks_table_under_its_name(name: str, table: Any) -> None:
    assert ask({"check": "rules"})["result"][name] == table()


def test_handle_request_answers_dicts_for_the_build() -> None:
    answer = handle_request({"check": "ramp", "weeks": [22]})
    assert answer["ok"] is True and answer["result"]["next_week_max"] == pytest.approx(24.2)


def test_the_protocol_documents_every_check() -> None:
    assert protocol.__doc__ is not None
    for name in CHECKS:
        assert f'"check": "{name}"' in protocol.__doc__


# --- every refusal names its field -------------------------------------------------------------------

DEEP = "[" * 50 + "]" * 50


@pytest.mark.parametrize(
    ("text", "field", "check"),
    [
        ("not json", "request", None),
        ('{"check": "ramp", "weeks": [20, 22]', "request", None),
        ("", "request", None),
        ("   ", "request", None),
        ("[1, 2]", "request", None),
        ('"ramp"', "request", None),
        ("null", "request", None),
        ("NaN", "request", None),
        ("x" * (MAX_REQUEST_CHARS + 1), "request", None),
        (" " * MAX_REQUEST_CHARS + "{", "request", None),
        (DEEP, "request", None),
        ("[" * 99_000, "request", None),
        ('{"check": "ramp", "weeks": ' + DEEP + "}", "request", None),
        ("{}", "check", None),
        ('{"check": null}', "check", None),
        ('{"check": 5}', "check", None),
        ('{"check": ["ramp"]}', "check", None),
        ('{"check": "nope"}', "check", None),
        ('{"check": "ramp"}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": null}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": 20}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": "20, 22"}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": {"1": 20}}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": []}', "weeks", "ramp"),
        ('{"check": "ramp", "weeks": [' + ", ".join(["1"] * 521) + "]}", "weeks", "ramp"),
        ('{"check": "ramp", "weeks": [20, null]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, "22 mi"]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, true]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, false]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, [22]]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, {"km": 22}]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, -1]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, -0.01]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, NaN]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, Infinity]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, -Infinity]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, 1e400]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, -1e400]}', "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [20, ' + "9" * 5000 + "]}", "weeks[1]", "ramp"),
        ('{"check": "ramp", "weeks": [1000.5]}', "weeks[0]", "ramp"),
        ('{"check": "ramp", "weeks": [621], "unit": "mi"}', "weeks[0]", "ramp"),
        ('{"check": "ramp", "weeks": [10081], "unit": "min"}', "weeks[0]", "ramp"),
        ('{"check": "ramp", "weeks": [20], "unit": "furlongs"}', "unit", "ramp"),
        ('{"check": "ramp", "weeks": [20], "unit": null}', "unit", "ramp"),
        ('{"check": "ramp", "weeks": [20], "unit": "KM"}', "unit", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "aggressive"}', "profile", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": 10}', "profile", "ramp"),
        ('{"check": "ramp", "weeks": [20], "colour": "red"}', "colour", "ramp"),
        # ramp's custom limit
        ('{"check": "ramp", "weeks": [20], "profile": "custom"}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": null}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": 0}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": -5}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": 50.01}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": "ten %"}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": true}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": NaN}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": Infinity}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "custom", "limit_pct": 1e400}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "limit_pct": 10}', "limit_pct", "ramp"),
        ('{"check": "ramp", "weeks": [20], "profile": "returning", "limit_pct": 5}', "limit_pct", "ramp"),
        # plan
        ('{"check": "plan", "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": 20}', "target", "plan"),
        ('{"check": "plan", "current": 0, "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": -1, "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": "twenty", "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": true, "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": NaN, "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": 0.001, "target": 30}', "current", "plan"),
        ('{"check": "plan", "current": 20, "target": 1000.5}', "target", "plan"),
        ('{"check": "plan", "current": 20, "target": 621, "unit": "mi"}', "target", "plan"),
        ('{"check": "plan", "current": 20, "target": 0}', "target", "plan"),
        ('{"check": "plan", "current": 20, "target": [30]}', "target", "plan"),
        ('{"check": "plan", "current": 20, "target": -Infinity}', "target", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "unit": "yd"}', "unit", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "unit": null}', "unit", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "profile": "fast"}', "profile", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "profile": "custom"}', "limit_pct", "plan"),
        (
            '{"check": "plan", "current": 20, "target": 30, "profile": "custom", "limit_pct": 60}',
            "limit_pct",
            "plan",
        ),
        ('{"check": "plan", "current": 20, "target": 30, "limit_pct": 10}', "limit_pct", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": "2026-13-01"}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": "2026-02-30"}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": "30/11/2026"}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": "2026-W48-1"}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": "1999-12-31"}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "start_date": 20261130}', "start_date", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "hold_weeks": "yes"}', "hold_weeks", "plan"),
        ('{"check": "plan", "current": 20, "target": 30, "hold_weeks": 1}', "hold_weeks", "plan"),
        (
            '{"check": "plan", "current": 20, "target": 1000, "profile": "custom", "limit_pct": 0.5}',
            "target",
            "plan",
        ),
        ('{"check": "plan", "current": 3.9, "target": 10, "profile": "conservative"}', "current", "plan"),
        (
            '{"check": "plan", "current": 20, "target": 30, "profile": "custom", "limit_pct": 0.1}',
            "limit_pct",
            "plan",
        ),
        ('{"check": "plan", "current": 20, "target": 30, "weeks": [20]}', "weeks", "plan"),
        # spike
        ('{"check": "spike", "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": 0, "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": -1, "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": "16 miles", "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": 1001, "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": Infinity, "longest_30d": 12}', "planned", "spike"),
        ('{"check": "spike", "planned": 16}', "longest_30d", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": null}', "longest_30d", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": -0.5}', "longest_30d", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": false}', "longest_30d", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": 12, "unit": "min"}', "unit", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": 12, "unit": "yd"}', "unit", "spike"),
        ('{"check": "spike", "planned": 16, "longest_30d": 12, "pace": 5}', "pace", "spike"),
        # shoes
        ('{"check": "shoes", "weekly": 30}', "distance_on_pair", "shoes"),
        ('{"check": "shoes", "distance_on_pair": -1, "weekly": 30}', "distance_on_pair", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 8001, "weekly": 30}', "distance_on_pair", "shoes"),
        (
            '{"check": "shoes", "distance_on_pair": 5001, "weekly": 30, "unit": "mi"}',
            "distance_on_pair",
            "shoes",
        ),
        ('{"check": "shoes", "distance_on_pair": "250 kgs", "weekly": 30}', "distance_on_pair", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250}', "weekly", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": 1001}', "weekly", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": NaN}', "weekly", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": 30, "unit": "min"}', "unit", "shoes"),
        (
            '{"check": "shoes", "distance_on_pair": 250, "weekly": 30, "today": "2026-02-30"}',
            "today",
            "shoes",
        ),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": 30, "today": "tomorrow"}', "today", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": 30, "today": 5}', "today", "shoes"),
        ('{"check": "shoes", "distance_on_pair": 250, "weekly": 30, "size": 42}', "size", "shoes"),
        ('{"check": "rules", "weeks": [20]}', "weeks", "rules"),
        # acwr
        ('{"check": "acwr", "period": "day"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": null, "period": "day"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": "1, 1, 1, 1", "period": "week"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1], "period": "week"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": [' + ", ".join(["1"] * 27) + '], "period": "day"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": [' + ", ".join(["1"] * 731) + '], "period": "day"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": [' + ", ".join(["1"] * 521) + '], "period": "week"}', "loads", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, 1]}', "period", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, 1], "period": "month"}', "period", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, 1], "period": "week", "unit": "furlongs"}', "unit", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, -1], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, true], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, null], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, "2x"], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, NaN], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, Infinity], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, 1000.01], "period": "week"}', "loads[3]", "acwr"),
        (
            '{"check": "acwr", "loads": [' + ", ".join(["1"] * 27) + ', 350.01], "period": "day"}',
            "loads[27]",
            "acwr",
        ),
        ('{"check": "acwr", "loads": [1, 1, 1, 0.001], "period": "week"}', "loads[3]", "acwr"),
        ('{"check": "acwr", "loads": [1, 1, 1, 1], "period": "week", "weeks": [1]}', "weeks", "acwr"),
        # redflags
        ('{"check": "redflags"}', "answers", "redflags"),
        ('{"check": "redflags", "answers": null}', "answers", "redflags"),
        ('{"check": "redflags", "answers": [true]}', "answers", "redflags"),
        ('{"check": "redflags", "answers": {"locked": "yes"}}', "answers.locked", "redflags"),
        ('{"check": "redflags", "answers": {"locked": 1}}', "answers.locked", "redflags"),
        ('{"check": "redflags", "answers": {"locked": null}}', "answers.locked", "redflags"),
        ('{"check": "redflags", "answers": {"broken_leg": true}}', "answers.broken_leg", "redflags"),
        ('{"check": "redflags", "answers": {}, "location": "front"}', "location", "redflags"),
        # where
        ('{"check": "where"}', "location", "where"),
        ('{"check": "where", "location": "knee"}', "location", "where"),
        ('{"check": "where", "location": ["front"]}', "location", "where"),
        ('{"check": "where", "location": "front", "features": "stairs"}', "features", "where"),
        ('{"check": "where", "location": "front", "features": ["stairs", "itchy"]}', "features[1]", "where"),
        ('{"check": "where", "location": "front", "features": [5]}', "features[0]", "where"),
        # overtraining
        ('{"check": "overtraining"}', "signs", "overtraining"),
        ('{"check": "overtraining", "signs": ["fatigue"]}', "signs", "overtraining"),
        ('{"check": "overtraining", "signs": {"fatigue": "yes"}}', "signs.fatigue", "overtraining"),
        ('{"check": "overtraining", "signs": {"grumpy": true}}', "signs.grumpy", "overtraining"),
    ],
)
def test_bad_requests_are_refused_at_their_field(text: str, field: str, check: str | None) -> None:
    answer = ask(text)
    assert list(answer) == ["ok", "check", "errors"]
    assert fields(answer) == [field]
    assert answer["check"] == check
    message = answer["errors"][0]["message"]
    assert message.endswith(".") and "Traceback" not in message and "NaN" not in message


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"check": "ramp", "weeks": [20, -5]}, "Week 2 can't be negative."),
        ({"check": "ramp", "weeks": [20, "lots"]}, "Week 2 must be a number, like 22 or 22.5."),
        ({"check": "ramp", "weeks": []}, "Enter at least one week."),
        ({"check": "nope"}, "Unknown check 'nope': choose " + words(sorted(CHECKS), "or") + "."),
        (
            {"check": "ramp", "weeks": [20], "profile": "fast"},
            "Unknown weekly limit 'fast': choose standard, returning, conservative or custom.",
        ),
        (
            {"check": "ramp", "weeks": [20], "unit": "yd"},
            "Unknown unit 'yd': choose km, mi (miles) or min (minutes).",
        ),
        (
            {"check": "ramp", "weeks": [20], "pace": 5},
            "The field 'pace' is not understood by the ramp check: it takes weeks, unit, profile, limit_pct and last_week_unfinished.",
        ),
    ],
)
def test_refusals_speak_plainly(request_: dict[str, Any], message: str) -> None:
    assert ask(request_)["errors"][0]["message"] == message


def test_every_problem_is_reported_at_once() -> None:
    answer = ask(
        {"check": "ramp", "weeks": [20, -1, "x", None, 22, True], "unit": "yd", "profile": "fast", "pace": 5}
    )
    assert fields(answer) == ["unit", "profile", "weeks[1]", "weeks[2]", "weeks[3]", "weeks[5]", "pace"]


def test_unknown_fields_are_refused_even_when_the_check_would_answer() -> None:
    assert fields(ask({"check": "ramp", "weeks": [20, 22], "Weeks": [1]})) == ["Weeks"]


def test_handle_never_raises_on_text_that_is_not_text() -> None:
    for value in (None, b'{"check": "rules"}', 42, ["check"]):
        assert fields(strict_json(handle(value))) == ["request"]  # type: ignore[arg-type]


@pytest.mark.parametrize("request_", [None, 42, "ramp", [1], {1: "ramp"}, {"check": "ramp", 1: 2}])
def test_handle_request_never_raises(request_: object) -> None:
    answer = handle_request(request_)
    assert answer["ok"] is False
    json.dumps(answer, allow_nan=False)


# --- faults inside the calculator --------------------------------------------------------------------


def _broken(weeks: object = None, /) -> dict[str, Any]:
    raise RuntimeError("a bug with secret details")


def _not_a_number() -> dict[str, Any]:
    return {"value": float("nan")}


def test_a_fault_is_a_plain_answer_and_a_report_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(CHECKS, "ramp", Check("ramp", _broken))
    text = handle('{"check": "ramp", "weeks": [20]}')
    answer = strict_json(text)
    assert answer == {
        "ok": False,
        "check": "ramp",
        "errors": [{"field": "request", "message": INTERNAL_ERROR}],
    }
    assert "secret" not in text and "Traceback" not in text
    assert "RuntimeError: a bug with secret details" in capsys.readouterr().err


def test_a_fault_in_handle_request_is_a_plain_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(CHECKS, "rules", Check("rules", _broken))
    assert handle_request({"check": "rules"})["errors"] == [{"field": "request", "message": INTERNAL_ERROR}]
    assert "Traceback" in capsys.readouterr().err


def test_an_answer_never_holds_nan(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(CHECKS, "rules", Check("rules", _not_a_number))
    answer = strict_json(handle('{"check": "rules"}'))
    assert fields(answer) == ["request"]
    assert "ValueError" in capsys.readouterr().err


def test_a_new_check_is_one_registry_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHECKS, "echo", Check("echo", lambda text: {"text": text}))
    assert ask({"check": "echo", "text": "hi"}) == {"ok": True, "check": "echo", "result": {"text": "hi"}}
    assert "echo" in ask({"check": "nope"})["errors"][0]["message"]


# --- invariants --------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=20,
)
ramp_like = st.fixed_dictionaries(
    {"check": st.sampled_from(["ramp", "rules", "plan", ""])},
    optional={
        "weeks": st.lists(st.one_of(st.floats(), st.integers(-10, 2000), json_values), max_size=12)
        | json_values,
        "unit": st.sampled_from(["km", "mi", "min", "yd"]) | json_values,
        "profile": st.sampled_from(["standard", "returning", "conservative", "x"]) | json_values,
        "extra": json_values,
    },
)


def assert_well_formed(answer: dict[str, Any]) -> None:
    assert isinstance(answer["ok"], bool)
    assert answer["check"] is None or isinstance(answer["check"], str)
    if answer["ok"]:
        assert isinstance(answer["result"], dict)
    else:
        assert answer["errors"]
        for error in answer["errors"]:
            assert set(error) == {"field", "message"}
            assert isinstance(error["field"], str) and error["field"]
            assert isinstance(error["message"], str) and error["message"]


@PROPERTIES
@given(value=json_values)
def test_handle_answers_any_json_value(value: Any) -> None:
    assert_well_formed(ask(value))


@PROPERTIES
@given(request=ramp_like)
def test_handle_answers_any_ramp_like_request(request: dict[str, Any]) -> None:
    answer = handle_request(request)
    assert_well_formed(strict_json(json.dumps(answer, allow_nan=False)))
    if _no_nan(request):
        assert_well_formed(ask(request))
    if answer["ok"] and answer["check"] == "ramp":
        assert len(answer["result"]["weeks"]) == len(request["weeks"])


def _no_nan(value: Any) -> bool:
    """Whether a value can be sent as strict JSON text."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        return False
    return True


@PROPERTIES
@given(text=st.text(max_size=200) | st.text(alphabet='[]{}",:0123456789.-eE truefalsn\\', max_size=200))
def test_handle_answers_any_text(text: str) -> None:
    assert_well_formed(strict_json(handle(text)))


def test_warm_up_answers_a_request_of_every_check_that_takes_no_files() -> None:
    # worker.js answers these before the reader's first request: each must be a real answer
    # (a refusal would warm up only the refusal's path), and together they cover every check;
    # history alone is left out: it reads the reader's files. The ramp check twice: a rise over
    # the limit, and a week not finished after a break.
    answers = [json.loads(handle(text)) for text in protocol.WARM_UP]
    assert [answer for answer in answers if not answer["ok"]] == []
    assert sorted({answer["check"] for answer in answers}) == sorted(set(CHECKS) - {"history"})
    ramp = [answer["result"]["verdict"] for answer in answers if answer["check"] == "ramp"]
    assert len(ramp) == 2 and len(set(ramp)) == 2, ramp
