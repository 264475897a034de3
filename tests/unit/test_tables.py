"""The tables answers show: well formed, and flagging exactly what the check flags."""

from __future__ import annotations

from typing import Any

import pytest

from calculator.protocol import handle_request

REQUESTS = [
    {"check": "ramp", "weeks": [20, 22, 26, 25]},
    {"check": "plan", "current": 20, "target": 26, "start_date": "2026-11-30"},
    {"check": "plan", "current": 20, "target": 26},
    {"check": "spike", "planned": 16, "longest_30d": 12},
    {"check": "spike", "planned": 12, "longest_30d": 12, "unit": "mi"},
    {"check": "shoes", "distance_on_pair": 250, "weekly": 30, "today": "2026-11-23"},
    {"check": "shoes", "distance_on_pair": 450, "weekly": 0, "unit": "mi"},
    {"check": "acwr", "loads": [10, 12, 11, 14, 20], "period": "week"},
    {"check": "acwr", "loads": [5, 0, 8, 0, 6, 10, 0] * 5, "period": "day"},
    {"check": "redflags", "answers": {"locked": True}},
    {"check": "where", "location": "outside", "features": ["swelling"]},
    {"check": "overtraining", "signs": {"fatigue": True, "sleep": True}},
]


def _result(request: dict[str, Any]) -> dict[str, Any]:
    answer = handle_request(request)
    assert answer["ok"], answer
    result: dict[str, Any] = answer["result"]
    return result


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: request["check"])
def test_every_row_fills_every_named_column(request_: dict[str, Any]) -> None:
    table = _result(request_)["table"]
    assert table["caption"] and all(column.strip() for column in table["columns"])
    assert table["rows"] and all(len(row["cells"]) == len(table["columns"]) for row in table["rows"])
    assert all(
        isinstance(cell, str) and "nan" not in cell.lower().split()
        for row in table["rows"]
        for cell in row["cells"]
    )


def test_ramp_flags_exactly_the_over_limit_weeks() -> None:
    result = _result({"check": "ramp", "weeks": [20, 22, 26, 25, 30]})
    assert [row["flagged"] for row in result["table"]["rows"]] == [
        week["over_limit"] for week in result["weeks"]
    ]


@pytest.mark.parametrize(
    ("planned", "flagged_row"), [(13.2, None), (13.3, 1), (15.6, 1), (15.7, 2), (24, 2), (25, 3)]
)
def test_spike_flags_the_band_of_the_planned_run(planned: float, flagged_row: int | None) -> None:
    rows = _result({"check": "spike", "planned": planned, "longest_30d": 12})["table"]["rows"]
    assert [index for index, row in enumerate(rows) if row["flagged"]] == (
        [] if flagged_row is None else [flagged_row]
    )


def test_checks_with_nothing_to_show_have_no_table() -> None:
    assert "table" not in _result({"check": "redflags", "answers": {}})
    assert "table" not in _result({"check": "overtraining", "signs": {}})
    assert "table" not in _result({"check": "spike", "planned": 5, "longest_30d": 0})
    assert "table" not in _result({"check": "rules"})
