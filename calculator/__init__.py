"""kneeload's calculator: training-load checks for runners, with their rules and sources.

Standard library only: the same code answers in CPython, on the command line
(``python -m calculator``) and in the reader's browser (Pyodide, in a Web Worker). Every caller
speaks one JSON protocol, written down in `calculator.protocol`.

=====  ==================================================  ==========================================
check  what it answers                                     example request
=====  ==================================================  ==========================================
ramp   Did any week grow faster than a weekly limit        ``{"check": "ramp", "weeks": [20, 22, 26]}``
       (10, 5 or 2.5 %)? The most next week may hold.
rules  The ramp profiles and units, for forms and tables.  ``{"check": "rules"}``
=====  ==================================================  ==========================================

The ramp check in Python; a week exactly at the limit (20 -> 22 km, +10 %) is within it:

>>> result = check_ramp([20, 22, 26])
>>> [(week.change_pct, week.over_limit) for week in result.weeks]
[(None, False), (10.0, False), (18.2, True)]
>>> result.next_week_max
28.6

The same through the protocol, as the browser asks; a refusal names the field and the problem:

>>> import json
>>> json.loads(handle('{"check": "ramp", "weeks": [20, 22, 26], "profile": "returning"}'))["result"]["over_limit_weeks"]
[2, 3]
>>> handle_request({"check": "ramp", "weeks": [20, "lots"]})["errors"]
[{'field': 'weeks[1]', 'message': 'Week 2 must be a number, like 22 or 22.5.'}]

The rules check, which the site's build renders into the page's form and tables:

>>> [profile["label"] for profile in handle_request({"check": "rules"})["result"]["ramp"]["profiles"]]
['Standard: up to 10 % a week', 'Returning: up to 5 % a week', 'Conservative: up to 2.5 % a week']

Bad input raises `CalculatorError` (a ValueError) with every problem's field and message;
only `handle` and `handle_request` turn it into an answer.
"""

from __future__ import annotations

from calculator.errors import CalculatorError, Problem
from calculator.protocol import handle, handle_request
from calculator.ramp import RampResult, RampWeek, check_ramp
from calculator.rules import ramp_rules

__all__ = [
    "CalculatorError", "Problem", "RampResult", "RampWeek", "check_ramp", "handle", "handle_request", "ramp_rules",
]

__version__ = "0.1.0"
