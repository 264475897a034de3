"""kneeload's calculator: training-load checks for runners, with their rules and sources.

Standard library only: the same code answers in CPython, on the command line
(``python -m calculator``) and in the reader's browser (Pyodide, in a Web Worker). Every caller
speaks one JSON protocol, written down in `calculator.protocol`.

============  ==================================================  ==========================================
check         what it answers                                     example request
============  ==================================================  ==========================================
ramp          Did any week grow faster than a weekly limit        ``{"check": "ramp", "weeks": [20, 22, 26]}``
              (10, 5, 2.5 % or your own)? The most next week
              may hold, and a chart of the weeks.
plan          Week by week from this week's running to a target,  ``{"check": "plan", "current": 20, "target": 30}``
              within a weekly limit; dates from a start date.
spike         A planned run against the longest of the last 30    ``{"check": "spike", "planned": 16, "longest_30d": 12}``
              days, in the risk bands of a 5,205-runner study.
shoes         When a pair of shoes reaches the usual replacement  ``{"check": "shoes", "distance_on_pair": 250, "weekly": 30}``
              range of about 400-500 miles (a rule of thumb).
acwr          The acute:chronic workload ratio, rolling and       ``{"check": "acwr", "loads": [10, 10, 10, 14], "period": "week"}``
              weighted, in Gabbett's bands and over time, with
              its caveat: contested evidence, from team sports.
redflags      How urgently to get help (self-care, non-urgent,    ``{"check": "redflags", "answers": {"locked": true}}``
              urgent, emergency) from yes/no warning signs.
where         The conditions pain at a place may come from, each  ``{"check": "where", "location": "outside"}``
              with its page: never a diagnosis.
overtraining  Whether to back off, from the warning signs of      ``{"check": "overtraining", "signs": {"fatigue": true}}``
              overtraining (seed 002).
history       A runner's own export (Strava or Garmin zip, CSV,   ``{"check": "history", "files": ["export.zip"]}``
              GPX, TCX, FIT) read on their device: weeks, days,
              and the ramp, spike and acwr answers over them.
rules         Every check's rules, for forms and tables.          ``{"check": "rules"}``
============  ==================================================  ==========================================

The ramp check in Python; a week exactly at the limit (20 -> 22 km, +10 %) is within it:

>>> from calculator import (check_acwr, check_overtraining, check_plan, check_ramp, check_redflags,
...     check_shoes, check_spike, check_where, handle, handle_request)
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

A plan, a spike and a pair of shoes (each check is one module; `calculator.charts` draws the SVG):

>>> [week.volume for week in check_plan(20, 30).weeks]
[22.0, 24.2, 26.6, 29.2, 30.0]
>>> check_spike(16, 12).band["key"], check_shoes(250, 30).weeks_to_range
('over-30', 14)

A ratio, the red flags, where it hurts and overtraining; every answer says how strong its evidence is:

>>> result = check_acwr([10, 10, 10, 14], period="week")
>>> result.rolling.ratio, result.rolling.band_label, "contested" in result.why
(1.27, 'sweet spot', True)
>>> check_redflags({"locked": True, "keeps_coming_back": True}).care_level
'urgent'
>>> [condition.key for condition in check_where("outside").conditions], check_where("outside").not_a_diagnosis[:32]
(['itb-syndrome', 'meniscus-tear', 'ligament-sprain'], 'These are conditions it may be, ')
>>> check_overtraining({"fatigue": True}).verdict
'ease-off'

Bad input raises `CalculatorError` (a ValueError) with every problem's field and message;
only `handle` and `handle_request` turn it into an answer.

Where things live: a request travels protocol -> checks.registry -> a check -> its result (an
`answer.Answer`) -> the protocol's JSON.

====================  =========================================================================
``protocol``          the spec (its docstring) and the wire: JSON in, JSON out, never raises
``history/``          the readers of runners' exports (one module per format; zips streamed), for
                      the history check
``checks/``           one module per check (``check_<name>`` and its result type), the registry
                      (``checks.registry.CHECKS``: a check's request fields are its function's
                      parameters) and the weekly limit the ramp and plan share
``rules/``            one module per check: its thresholds, questions and wording, each with its
                      source, and its ``<name>_rules()`` table for the ``rules`` check
``answer``            what every answer carries, and how a result becomes JSON (``sendable``)
``tables``            the table an answer shows a reader (each result builds its own)
``reading``           every input reader: choices, yes/no answers, amounts, dates; exact rounding
``units``             units of training volume and the bounds on amounts and history
``sentences``         how answers and messages join words ("a, b or c")
``sources``           the disclaimer, the pages an answer links to, how a source is named
``charts``            the SVG bar charts
``errors``            `CalculatorError` and `Problem`
====================  =========================================================================

How to add a check: write ``rules/<name>.py`` (each rule with its source, and ``<name>_rules()``),
``checks/<name>.py`` (``check_<name>`` with the request fields as parameters, and a result that is
an `answer.Answer` with its own ``table``), one entry in ``checks.registry.CHECKS`` (by where it is,
``"calculator.checks.<name>:check_<name>"``: imported when first asked) and its rules in
``all_rules``, its public names in ``_HOMES`` and ``__all__`` here, its request and
result in the ``protocol`` docstring (tests/unit/test_protocol_spec.py holds the two together),
its sample requests in tests/unit/sample_requests.py, and its page with a form whose input names are
the check's fields (tests/content/test_forms_send_the_checks_fields.py).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calculator.checks.acwr import AcwrResult, check_acwr
    from calculator.checks.overtraining import OvertrainingResult, check_overtraining
    from calculator.checks.plan import PlanResult, PlanWeek, check_plan
    from calculator.checks.ramp import RampResult, RampWeek, check_ramp
    from calculator.checks.redflags import RedflagsResult, check_redflags
    from calculator.checks.shoes import ShoesResult, check_shoes
    from calculator.checks.spike import SpikeResult, check_spike
    from calculator.checks.where import WhereResult, check_where
    from calculator.errors import CalculatorError, Problem
    from calculator.protocol import handle, handle_request
    from calculator.rules.ramp import ramp_rules

#: Where each public name lives: imported at its first use (PEP 562), so that importing one part
#: (the browser's worker imports calculator.protocol) does not import every check.
_HOMES = {
    "AcwrResult": "calculator.checks.acwr",
    "check_acwr": "calculator.checks.acwr",
    "OvertrainingResult": "calculator.checks.overtraining",
    "check_overtraining": "calculator.checks.overtraining",
    "PlanResult": "calculator.checks.plan",
    "PlanWeek": "calculator.checks.plan",
    "check_plan": "calculator.checks.plan",
    "RampResult": "calculator.checks.ramp",
    "RampWeek": "calculator.checks.ramp",
    "check_ramp": "calculator.checks.ramp",
    "RedflagsResult": "calculator.checks.redflags",
    "check_redflags": "calculator.checks.redflags",
    "ShoesResult": "calculator.checks.shoes",
    "check_shoes": "calculator.checks.shoes",
    "SpikeResult": "calculator.checks.spike",
    "check_spike": "calculator.checks.spike",
    "WhereResult": "calculator.checks.where",
    "check_where": "calculator.checks.where",
    "CalculatorError": "calculator.errors",
    "Problem": "calculator.errors",
    "handle": "calculator.protocol",
    "handle_request": "calculator.protocol",
    "ramp_rules": "calculator.rules.ramp",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module at its first use; AttributeError for any other."""
    home = _HOMES.get(name)
    if home is None:
        # A submodule, as an attribute (``calculator.protocol``), as when this package imported it.
        if importlib.util.find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module 'calculator' has no attribute {name!r}")
        return importlib.import_module(f"{__name__}.{name}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "AcwrResult",
    "CalculatorError",
    "OvertrainingResult",
    "PlanResult",
    "PlanWeek",
    "Problem",
    "RampResult",
    "RampWeek",
    "RedflagsResult",
    "ShoesResult",
    "SpikeResult",
    "WhereResult",
    "check_acwr",
    "check_overtraining",
    "check_plan",
    "check_ramp",
    "check_redflags",
    "check_shoes",
    "check_spike",
    "check_where",
    "handle",
    "handle_request",
    "ramp_rules",
]

__version__ = "0.1.0"
