"""Reading choices and yes/no answers, exact decimals and plain numbers (calculator.reading)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.errors import Problem
from calculator.reading import MAX_KEY_CHARS, exact, plain, quoted, read_choice, read_yes_no, words

#: Property tests: reproducible (derandomized), no example database on disk, no timing deadline.
PROPERTIES = settings(max_examples=150, derandomize=True, database=None, deadline=None)


@pytest.mark.parametrize(
    ("value", "echo"),
    [
        ("week", " 'week'"),
        ("", ""),
        ("x" * 30, f" '{'x' * 30}'"),
        ("x" * 31, ""),
        ("a\nb", ""),
        (5, ""),
        (None, ""),
    ],
)
def test_quoted_echoes_only_short_printable_text(value: object, echo: str) -> None:
    assert quoted(value) == echo


@pytest.mark.parametrize(
    ("value", "fraction"),
    [
        (22.01, Fraction(2201, 100)),
        (0.1, Fraction(1, 10)),
        (3, Fraction(3)),
        (1e-05, Fraction(1, 100000)),
    ],
)
def test_exact_is_the_decimal_typed(value: float, fraction: Fraction) -> None:
    assert exact(value) == fraction


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(10), "10"),
        (2.5, "2.5"),
        (Fraction(1, 3), "0.33"),
        (-0.001, "0"),
        (1234.5, "1234.5"),
    ],
)
def test_plain_writes_at_most_two_decimals(value: float | Fraction, text: str) -> None:
    assert plain(value) == text


def test_words_join_as_a_sentence_does() -> None:
    assert [words(["a"]), words(["a", "b"], "or"), words(["a", "b", "c"])] == ["a", "a or b", "a, b and c"]


def test_read_choice_finds_or_notes_a_problem() -> None:
    problems: list[Problem] = []
    assert read_choice("b", {"a": 1, "b": 2}, "field", "Unknown{}.", problems) == 2 and problems == []
    assert read_choice(["b"], {"b": 2}, "field", "Unknown{}.", problems) is None
    assert read_choice("c", {"b": 2}, "field", "Unknown{}.", problems) is None
    assert [(problem.field, problem.message) for problem in problems] == [
        ("field", "Unknown."),
        ("field", "Unknown 'c'."),
    ]


@pytest.mark.parametrize(
    ("answers", "read", "fields"),
    [
        ({}, {}, []),
        ({"a": True, "b": False}, {"a": True, "b": False}, []),
        ({"a": 1}, {}, ["x.a"]),  # 1 is not true: booleans only
        ({"a": 0}, {}, ["x.a"]),
        ({"a": None}, {}, ["x.a"]),
        ({"a": "true"}, {}, ["x.a"]),
        ({"c": True, "a": True}, {"a": True}, ["x.c"]),
        ({7: True}, {}, ["x.7"]),
        (None, {}, ["x"]),
        ([["a", True]], {}, ["x"]),
    ],
)
def test_read_yes_no(answers: object, read: dict[str, bool], fields: list[str]) -> None:
    problems: list[Problem] = []
    assert read_yes_no(answers, "x", ("a", "b"), problems, "question") == read
    assert [problem.field for problem in problems] == fields
    assert all(problem.message.endswith(".") for problem in problems)


def test_an_unknown_key_is_cut_short_in_the_field_path() -> None:
    problems: list[Problem] = []
    read_yes_no({"k" * 500: True}, "x", ("a",), problems, "question")
    assert problems[0].field == "x." + "k" * MAX_KEY_CHARS
    assert problems[0].message == "There is no question: the questions are a."


def test_a_long_list_of_known_keys_is_not_recited() -> None:
    problems: list[Problem] = []
    read_yes_no({"z": True}, "x", tuple("abcdefghijk"), problems, "question")
    assert problems[0].message == "There is no question 'z'."


@PROPERTIES
@given(answers=st.dictionaries(st.text(max_size=5), st.booleans() | st.integers() | st.none()))
def test_read_yes_no_keeps_exactly_the_known_booleans(answers: dict[str, object]) -> None:
    known = ("a", "b", "c")
    problems: list[Problem] = []
    read = read_yes_no(answers, "x", known, problems, "sign")
    assert read == {key: value for key, value in answers.items() if key in known and isinstance(value, bool)}
    assert len(problems) == len(answers) - len(read)
