"""The checks the protocol answers, by name, and the request fields each one takes.

A check's request fields are its function's parameters, written once, in its signature: their
names, their order (a refusal of an unknown field lists them in it) and their defaults. A
parameter before ``/`` has no default: a request without it passes None, and the check refuses
that in its own words. The ``rules`` check takes no fields and answers every check's rules table.

A new check is one function (`calculator.checks`), its rules (`calculator.rules`) and one entry in
`CHECKS`; its form's field names are the function's parameters (tests/content checks the pages).

Each check's module is imported when the check is first used (named by where it is,
``"module:function"``), not when this registry is: the browser's worker is ready once the
protocol is imported, and imports each check in its warm-up, or at the reader's request
(README, "Speed": importing every check took a fifth of a first visit's start).

>>> CHECKS["ramp"].fields
('weeks', 'unit', 'profile', 'limit_pct', 'last_week_unfinished')
>>> CHECKS["spike"].run({"planned": 11, "longest_30d": 10}).verdict
'reference'
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from calculator.answer import Answer

__all__ = ["CHECKS", "Check", "all_rules"]


@dataclass(frozen=True)
class Check:
    """One check the protocol answers: its name and its function, whose parameters are its fields.

    ``source``: the function, or where it is as ``"module:function"`` (imported at first use;
    ImportError or AttributeError then if it is not there).

    >>> echo = Check("echo", lambda text, /, *, times=1: {"text": text, "times": times})
    >>> echo.fields, echo.run({"text": "hi"}), echo.run({"times": 2})
    (('text', 'times'), {'text': 'hi', 'times': 1}, {'text': None, 'times': 2})
    >>> Check("rules", "calculator.checks.registry:all_rules").fields
    ()
    """

    name: str
    source: Callable[..., Answer | dict[str, Any]] | str

    @cached_property
    def function(self) -> Callable[..., Answer | dict[str, Any]]:
        """The check's function (its module imported now, the first time)."""
        if not isinstance(self.source, str):
            return self.source
        module, _, name = self.source.partition(":")
        found: Callable[..., Answer | dict[str, Any]] = getattr(importlib.import_module(module), name)
        return found

    @cached_property
    def _parameters(self) -> tuple[inspect.Parameter, ...]:
        return tuple(inspect.signature(self.function).parameters.values())

    @property
    def fields(self) -> tuple[str, ...]:
        """The request fields the check takes (besides "check"), in order."""
        return tuple(parameter.name for parameter in self._parameters)

    def run(self, request: Mapping[str, Any]) -> Answer | dict[str, Any]:
        """Call the function with the request's fields: a missing field is its default (or None).

        Raises whatever the function raises (`CalculatorError` for a request it refuses).
        """
        positional: list[Any] = []
        named: dict[str, Any] = {}
        for parameter in self._parameters:
            value = request.get(
                parameter.name, None if parameter.default is parameter.empty else parameter.default
            )
            if parameter.kind is parameter.POSITIONAL_ONLY:
                positional.append(value)
            else:
                named[parameter.name] = value
        return self.function(*positional, **named)


def all_rules() -> dict[str, Any]:
    """Every check's rules table, under the check's name: the answer of the ``rules`` check.

    >>> list(all_rules())
    ['ramp', 'acwr', 'redflags', 'where', 'overtraining', 'plan', 'spike', 'shoes', 'training']
    """
    # Imported here, when asked: the rules check is the last the warm-up runs (see the module's doc).
    from calculator.rules.acwr import acwr_rules
    from calculator.rules.overtraining import overtraining_rules
    from calculator.rules.plan import plan_rules
    from calculator.rules.ramp import ramp_rules
    from calculator.rules.redflags import redflags_rules
    from calculator.rules.shoes import shoes_rules
    from calculator.rules.spike import spike_rules
    from calculator.rules.training import training_rules
    from calculator.rules.where import where_rules

    return {
        "ramp": ramp_rules(),
        "acwr": acwr_rules(),
        "redflags": redflags_rules(),
        "where": where_rules(),
        "overtraining": overtraining_rules(),
        "plan": plan_rules(),
        "spike": spike_rules(),
        "shoes": shoes_rules(),
        "training": training_rules(),
    }


#: The checks by name, in the order the protocol lists them.
CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        Check("ramp", "calculator.checks.ramp:check_ramp"),
        Check("acwr", "calculator.checks.acwr:check_acwr"),
        Check("redflags", "calculator.checks.redflags:check_redflags"),
        Check("where", "calculator.checks.where:check_where"),
        Check("overtraining", "calculator.checks.overtraining:check_overtraining"),
        Check("plan", "calculator.checks.plan:check_plan"),
        Check("spike", "calculator.checks.spike:check_spike"),
        Check("shoes", "calculator.checks.shoes:check_shoes"),
        Check("history", "calculator.checks.history:check_history"),
        Check("rules", all_rules),
    )
}
