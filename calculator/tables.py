"""The table an answer shows a reader, so every caller (page, CLI, embed) shows the same thing.

Each result builds its own table (`Answer.table`) with these helpers; the protocol sends it as
result["table"]: ``{"caption", "columns", "rows": [{"cells", "flagged"}]}``, or no table when
the answer has nothing to tabulate. Cells are plain text; a ``flagged`` row is one the reader
should look at (a week over the limit, the band a run falls in, a red flag): pages mark it with
an icon and bold text, the cells themselves say why in words, so nothing relies on colour.

>>> table("Each week", ["Week", "Change"], [row(["Week 2", change(10.0)], flagged=True)])
{'caption': 'Each week', 'columns': ['Week', 'Change'], 'rows': [{'cells': ['Week 2', '+10 %'], 'flagged': True}]}
"""

from __future__ import annotations

from typing import Any

from calculator.reading import plain, shown

__all__ = ["Row", "Table", "amount", "change", "row", "table"]

#: One row: {"cells": [str, ...], "flagged": bool}.
Row = dict[str, Any]
#: A whole table: {"caption": str, "columns": [str, ...], "rows": [Row, ...]}.
Table = dict[str, Any]


def row(cells: list[str], flagged: bool = False) -> Row:
    """One row of plain-text cells; *flagged* marks a row the reader should look at."""
    return {"cells": cells, "flagged": flagged}


def table(caption: str, columns: list[str], rows: list[Row]) -> Table:
    """A table with its caption, its column headings and its rows."""
    return {"caption": caption, "columns": columns, "rows": rows}


def change(change_pct: float | None) -> str:
    """'+10 %', '−3.8 %', 'no change' or '—' (no percentage).

    >>> change(10.0), change(-3.8), change(0), change(None)
    ('+10 %', '−3.8 %', 'no change', '—')
    """
    if change_pct is None:
        return "—"
    if change_pct == 0:
        return "no change"
    return f"{'+' if change_pct > 0 else '−'}{plain(abs(change_pct))} %"


def amount(value: float | None, unit_label: str, worked_out: str | None = None) -> str:
    """An amount in its unit, or '—' for none: as typed, or, for an amount a check worked out, to the
    step of the unit whose key is *worked_out* (`calculator.reading.shown`).

    >>> amount(22.55, "km"), amount(None, "km"), amount(22.55, "km", worked_out="km"), amount(42.51, "AU", "au")
    ('22.55 km', '—', '22.6 km', '43 AU')
    """
    if value is None:
        return "—"
    return f"{plain(value) if worked_out is None else shown(value, worked_out)} {unit_label}"
