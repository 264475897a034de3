"""The calculator's one error: which fields are wrong and why, in words a runner understands.

A refused request can have several problems at once (two weeks typed wrong, an unknown unit):
`CalculatorError` carries all of them, each a `Problem` with the field's path in the protocol
(``weeks[1]`` is the second week) and a plain message.

>>> error = CalculatorError("weeks[1]", "Week 2 can't be negative.")
>>> error.field, error.message
('weeks[1]', "Week 2 can't be negative.")
>>> error.as_json()
[{'field': 'weeks[1]', 'message': "Week 2 can't be negative."}]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CalculatorError", "Problem", "raise_problems"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: the field's path and a plain message.

    >>> Problem("unit", "Choose a unit: km, mi or min.").as_json()
    {'field': 'unit', 'message': 'Choose a unit: km, mi or min.'}
    """

    field: str
    message: str

    def as_json(self) -> dict[str, str]:
        """Return the problem as the protocol sends it."""
        return {"field": self.field, "message": self.message}


class CalculatorError(ValueError):
    """Refuse a request, naming every field that is wrong and why.

    ``field`` and ``message`` are those of the first problem; ``problems`` holds them all.

    >>> error = CalculatorError("weeks", "Enter at least one week.", Problem("unit", "Choose a unit."))
    >>> [problem.field for problem in error.problems]
    ['weeks', 'unit']
    >>> str(error)
    'weeks: Enter at least one week.; unit: Choose a unit.'
    """

    problems: tuple[Problem, ...]

    def __init__(self, field: str, message: str, *more: Problem) -> None:
        self.problems = (Problem(field, message), *more)
        super().__init__("; ".join(f"{problem.field}: {problem.message}" for problem in self.problems))

    @property
    def field(self) -> str:
        """The path of the first field that is wrong, like ``weeks[1]``."""
        return self.problems[0].field

    @property
    def message(self) -> str:
        """What is wrong with the first field, in plain words."""
        return self.problems[0].message

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> CalculatorError:
        """Build one error from several problems (at least one).

        >>> CalculatorError.from_problems([Problem("a", "x."), Problem("b", "y.")]).field
        'a'
        >>> CalculatorError.from_problems([])
        Traceback (most recent call last):
        ...
        ValueError: a CalculatorError needs at least one problem
        """
        found = list(problems)
        if not found:
            raise ValueError("a CalculatorError needs at least one problem")
        return cls(found[0].field, found[0].message, *found[1:])

    def as_json(self) -> list[dict[str, str]]:
        """Return the problems as the protocol's ``errors`` list."""
        return [problem.as_json() for problem in self.problems]


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise one `CalculatorError` holding all the problems, if there are any.

    >>> raise_problems([])
    >>> raise_problems([Problem("weeks", "Enter at least one week.")])
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: weeks: Enter at least one week.
    """
    found = list(problems)
    if found:
        raise CalculatorError.from_problems(found)
