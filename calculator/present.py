"""The table each answer shows a reader, so every caller (page, CLI, embed) shows the same thing.

``answer_table(check, result)`` returns ``{"caption", "columns", "rows": [{"cells", "flagged"}]}``
or None. Cells are plain text; a ``flagged`` row is one the reader should look at (a week over
the limit, the band a run falls in, a red flag): pages mark it with an icon and bold text, the
cells themselves say why in words, so nothing relies on colour.

>>> from calculator.checks.ramp import check_ramp
>>> table = answer_table("ramp", check_ramp([20, 22, 26]).as_dict())
>>> table["columns"], table["rows"][2]
(['Week', 'Volume', 'Change', 'Verdict'], {'cells': ['Week 3', '26 km', '+18.2 %', 'Up 18.2 % on the week before: over the 10 % limit.'], 'flagged': True})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from calculator.reading import plain
from calculator.rules.spike import spike_rules

__all__ = ["answer_table"]

Result = dict[str, Any]
Table = dict[str, Any]


def _row(cells: list[str], flagged: bool = False) -> dict[str, Any]:
    return {"cells": cells, "flagged": flagged}


def _change(change_pct: float | None) -> str:
    """'+10 %', '−3.8 %', 'no change' or '—' (no percentage).

    >>> _change(10.0), _change(-3.8), _change(0), _change(None)
    ('+10 %', '−3.8 %', 'no change', '—')
    """
    if change_pct is None:
        return "—"
    if change_pct == 0:
        return "no change"
    return f"{'+' if change_pct > 0 else '−'}{plain(abs(change_pct))} %"


def _amount(value: float | None, result: Result) -> str:
    return "—" if value is None else f"{plain(value)} {result['unit_label']}"


def _ramp(result: Result) -> Table:
    rows = [
        _row(
            [
                f"Week {week['week']}",
                _amount(week["volume"], result),
                _change(week["change_pct"]),
                week["message"],
            ],
            week["over_limit"],
        )
        for week in result["weeks"]
    ]
    return {
        "caption": "Each week against the week before",
        "columns": ["Week", "Volume", "Change", "Verdict"],
        "rows": rows,
    }


def _plan(result: Result) -> Table | None:
    if not result["weeks"]:
        return None
    dated = result["start_date"] is not None
    columns = ["Week", *(["Starts"] if dated else []), "Volume", "Change", "Note"]
    rows = [
        _row(
            [
                f"Week {week['week']}",
                *([week["starts"]] if dated else []),
                _amount(week["volume"], result),
                _change(week["change_pct"]),
                week["message"],
            ]
        )
        for week in result["weeks"]
    ]
    return {
        "caption": f"Your plan, week by week ({result['profile_label']})",
        "columns": columns,
        "rows": rows,
    }


def _spike(result: Result, bands: list[dict[str, Any]]) -> Table:
    rows = []
    for band in bands:
        ci = band["ci"]
        risk = (
            "the comparison (reference)"
            if band["hazard_ratio"] == 1
            else f"{band['hazard_ratio']:.2f} times ({ci['low']:.2f}–{ci['high']:.2f})"
        )
        yours = band["key"] == result["verdict"]
        rows.append(
            _row(
                [band["label"], risk, "Your planned run" if yours else ""],
                yours and band["hazard_ratio"] != 1,
            )
        )
    return {
        "caption": "Injury rate by how much longer a run is than the longest of the last 30 days "
        "(Frandsen et al. 2025, 95 % confidence interval in brackets)",
        "columns": ["How much longer", "Injury rate against runs within 10 %", "Your run"],
        "rows": rows,
    }


def _shoes(result: Result) -> Table:
    low, high = result["range"]["low_miles"], result["range"]["high_miles"]
    unit = result["unit_label"]
    in_unit = result["range"]["low"], result["range"]["high"]

    def when(weeks: int | None, on: str | None) -> str:
        if weeks is None:
            return "no date: no weekly running entered"
        if weeks == 0:
            return "already"
        return f"in about {weeks} week{'s' if weeks != 1 else ''}" + (f", around {on}" if on else "")

    rows = [_row(["On the pair now", _amount(result["distance_on_pair"], result)])]
    if unit != "miles":
        rows += [
            _row(
                [
                    f"Reaches {plain(low)} miles ({plain(round(in_unit[0]))} {unit})",
                    when(result["weeks_to_range"], result["range_date"]),
                ]
            ),
            _row(
                [
                    f"Reaches {plain(high)} miles ({plain(round(in_unit[1]))} {unit})",
                    when(result["weeks_to_range_end"], result["range_end_date"]),
                ],
                result["status"] == "past-range",
            ),
        ]
    else:
        rows += [
            _row([f"Reaches {plain(low)} miles", when(result["weeks_to_range"], result["range_date"])]),
            _row(
                [
                    f"Reaches {plain(high)} miles",
                    when(result["weeks_to_range_end"], result["range_end_date"]),
                ],
                result["status"] == "past-range",
            ),
        ]
    return {
        "caption": "Your shoes and the usual replacement range",
        "columns": ["Milestone", "When"],
        "rows": rows,
    }


def _acwr(result: Result) -> Table:
    rows = []
    for name, ratio in (("Rolling average", result["rolling"]), ("Exponentially weighted", result["ewma"])):
        if ratio is None:
            continue
        value = "—" if ratio["ratio"] is None else plain(ratio["ratio"])
        band = ratio["band_label"] or "no ratio"
        rows.append(
            _row(
                [name, _amount(ratio["acute"], result), _amount(ratio["chronic"], result), value, band],
                ratio["band"] in ("caution", "danger"),
            )
        )
    return {
        "caption": "Your acute:chronic workload ratio",
        "rows": rows,
        "columns": ["Method", "Recent (acute)", "Usual (chronic)", "Ratio", "Band"],
    }


def _redflags(result: Result) -> Table | None:
    if not result["reasons"]:
        return None
    rows = [
        _row([reason["question"], reason["urgency"].replace("-", " "), reason["reason"]], True)
        for reason in result["reasons"]
    ]
    return {
        "caption": "The signs you said yes to",
        "columns": ["Sign", "Urgency", "Why it matters"],
        "rows": rows,
    }


def _where(result: Result) -> Table | None:
    if not result["conditions"]:
        return None
    rows = [
        _row([condition["name"], ", ".join(condition["also_called"]) or "—", condition["typical"]])
        for condition in result["conditions"]
    ]
    return {
        "caption": f"What pain here may come from ({result['location_label'].lower()}): not a diagnosis",
        "columns": ["Condition", "Also called", "What it is usually like"],
        "rows": rows,
    }


def _overtraining(result: Result) -> Table | None:
    if not result["signs"]:
        return None
    rows = [_row([sign["label"]]) for sign in result["signs"]]
    return {"caption": "The warning signs you noticed", "columns": ["Warning sign"], "rows": rows}


def answer_table(check: str, result: Result) -> Table | None:
    """The table for one check's result, or None when it has nothing to tabulate.

    >>> answer_table("rules", {}) is None
    True
    """
    builders: dict[str, Callable[[Result], Table | None]] = {
        "ramp": _ramp,
        "plan": _plan,
        "shoes": _shoes,
        "acwr": _acwr,
        "redflags": _redflags,
        "where": _where,
        "overtraining": _overtraining,
    }
    if check == "spike":
        return None if result["verdict"] == "no-comparison" else _spike(result, spike_rules()["bands"])
    builder = builders.get(check)
    return builder(result) if builder else None
