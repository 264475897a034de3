"""Reading request values, shared by every check: named choices, yes/no answers, exact numbers.

Each reader notes a `Problem` for every value that is wrong and carries on, so a check can
report every problem at once (validate first, compute second). Messages are plain sentences.

>>> problems = []
>>> read_yes_no({"fatigue": True, "mood": "yes", "colour": True}, "signs", ("fatigue", "mood"), problems, "sign")
{'fatigue': True}
>>> [(problem.field, problem.message) for problem in problems]
[('signs.mood', "Answer 'mood' with true (yes) or false (no)."), ('signs.colour', "There is no sign 'colour': the signs are fatigue and mood.")]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

from calculator.errors import Problem

__all__ = ["exact", "plain", "quoted", "read_choice", "read_yes_no", "words"]

_T = TypeVar("_T")

#: How much of an unknown key a refusal echoes in its field path.
MAX_KEY_CHARS = 100
#: A refusal of an unknown key lists the known keys when there are at most this many.
MAX_LISTED = 10


def quoted(value: object) -> str:
    """Echo a short, printable text back to the reader; anything else is not echoed.

    >>> quoted("week"), quoted(5), quoted("x" * 31)
    (" 'week'", '', '')
    """
    if isinstance(value, str) and 0 < len(value) <= 30 and value.isprintable():
        return f" '{value}'"
    return ""


def words(items: Sequence[str], joiner: str = "and") -> str:
    """Join words as a sentence does.

    >>> words(["a"]), words(["a", "b"], "or"), words(["a", "b", "c"])
    ('a', 'a or b', 'a, b and c')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def exact(value: int | float) -> Fraction:
    """Return the decimal the reader typed, exactly: a float's shortest repr.

    >>> exact(22.01), exact(3)
    (Fraction(2201, 100), Fraction(3, 1))
    """
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def plain(value: Fraction | float | int) -> str:
    """Write a number with at most 2 decimals and no useless zeros.

    >>> plain(Fraction(10)), plain(2.5), plain(Fraction(3663, 100)), plain(0.004)
    ('10', '2.5', '36.63', '0')
    """
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def read_choice(
    value: object, options: Mapping[str, _T], field: str, message: str, problems: list[Problem]
) -> _T | None:
    """Look up a named option; note *message* (``{}`` is the echoed value) when there is none.

    >>> problems = []
    >>> read_choice("week", {"day": 1, "week": 7}, "period", "Unknown period{}.", problems)
    7
    >>> read_choice("fortnight", {"day": 1}, "period", "Unknown period{}.", problems), problems[0].message
    (None, "Unknown period 'fortnight'.")
    """
    if isinstance(value, str) and value in options:
        return options[value]
    problems.append(Problem(field, message.format(quoted(value))))
    return None


def read_yes_no(
    answers: object, field: str, known: Sequence[str], problems: list[Problem], noun: str
) -> dict[str, bool]:
    """Read an object of yes/no answers (``{"id": true}``), keyed by the *known* ids.

    A missing id means no. An unknown id or a value that is not true or false is a problem at
    ``<field>.<id>``; a missing or non-object *answers* is a problem at *field*.

    >>> problems = []
    >>> read_yes_no({}, "answers", ("locked",), problems, "question"), problems
    ({}, [])
    >>> read_yes_no(None, "answers", ("locked",), problems, "question"), problems[0].field
    ({}, 'answers')
    """
    example = f'{{"{known[0]}": true}}'
    if answers is None:
        problems.append(
            Problem(field, f"Send your answers as an object of true (yes) or false (no), like {example}.")
        )
        return {}
    if not isinstance(answers, dict):
        problems.append(
            Problem(field, f"The {field} must be an object of true (yes) or false (no), like {example}.")
        )
        return {}
    read: dict[str, bool] = {}
    for key, value in answers.items():
        name = key if isinstance(key, str) else repr(key)
        path = f"{field}.{name[:MAX_KEY_CHARS]}"
        if name not in known:
            listed = f": the {noun}s are {words(list(known))}" if len(known) <= MAX_LISTED else ""
            problems.append(Problem(path, f"There is no {noun}{quoted(name)}{listed}."))
        elif not isinstance(value, bool):
            problems.append(Problem(path, f"Answer{quoted(name)} with true (yes) or false (no)."))
        else:
            read[name] = value
    return read
