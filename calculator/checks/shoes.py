"""The shoes check: when a pair reaches the usual replacement range of about 400-500 miles (seed 002).

The range is converted exactly (1 mile is 1.609344 km), so a pair at exactly 400 miles, or
643.7376 km, is in the range. Weeks to go are rounded *up* (the week the pair gets there); with
``today`` (YYYY-MM-DD) the answer gives dates too. The range is a rule of thumb, not injury
evidence, and comfort is the better guide (seed 001): every answer says so.

>>> result = check_shoes(250, 30)
>>> result.status, result.weeks_to_range, result.weeks_to_range_end
('before-range', 14, 19)
>>> check_shoes(450, 20, unit="mi").status, check_shoes(400, 0, unit="mi").status
('in-range', 'in-range')
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from calculator.answer import Answer
from calculator.errors import Problem, raise_problems
from calculator.reading import day_words, exact, plain, read_amount, read_choice, read_date
from calculator.rules.shoes import SHOES_RANGE, SHOES_SOURCES, SHOES_UNITS, SHOES_WHY, ShoeUnit, range_in
from calculator.tables import Table, amount, row, table

__all__ = ["ShoesResult", "check_shoes"]

#: The units the shoes check takes, by their names in sentences.
SHOES_UNIT_NAMES = tuple(shoe.unit.label for shoe in SHOES_UNITS.values())
#: The page that explains a shoes answer.
SHOES_LINKS = ("prevention/footwear.md",)


@dataclass(frozen=True)
class ShoesResult(Answer):
    """The answer of `check_shoes`: where the pair stands against the range, and when it gets there.

    Its verdict is the status.
    """

    distance_on_pair: int | float
    weekly: int | float
    unit: str
    unit_label: str
    today: str | None
    range: dict[str, float]
    status: str  # "before-range", "in-range" or "past-range"
    to_range: float
    weeks_to_range: int | None
    weeks_to_range_end: int | None
    days_to_range: int | None
    days_to_range_end: int | None
    range_date: str | None
    range_end_date: str | None

    def table(self) -> Table:
        """The distance on the pair now, and when it reaches each end of the range."""
        unit = self.unit_label

        def when(weeks: int | None, days: int | None, on: str | None) -> str:
            if weeks is None or days is None:
                return "no date: no weekly running entered"
            if weeks == 0:
                return "already"
            return _in_about(days) + (f", around {day_words(on)}" if on else "")

        def reaches(miles: float, in_unit: float) -> str:
            return f"Reaches {plain(miles)} miles" + (
                "" if unit == "miles" else f" ({plain(round(in_unit, 1))} {unit})"
            )

        rows = [
            row(["On the pair now", amount(self.distance_on_pair, unit)]),
            row(
                [
                    reaches(self.range["low_miles"], self.range["low"]),
                    when(self.weeks_to_range, self.days_to_range, self.range_date),
                ]
            ),
            row(
                [
                    reaches(self.range["high_miles"], self.range["high"]),
                    when(self.weeks_to_range_end, self.days_to_range_end, self.range_end_date),
                ],
                self.status == "past-range",
            ),
        ]
        return table("Your shoes and the usual replacement range", ["Milestone", "When"], rows)


def check_shoes(
    distance_on_pair: float, weekly: float, /, *, unit: str = "km", today: str | None = None
) -> ShoesResult:
    """Say when a pair with *distance_on_pair* on it, run *weekly* a week, reaches the range.

    A *weekly* of 0 is an answer: the pair does not wear, so there are no weeks and no dates.

    >>> check_shoes(600, 20, unit="mi", today="2026-11-23").summary[:60]
    'Your shoes have 600 miles on them, past the usual replacemen'

    Raises `CalculatorError` listing every problem: a missing, negative or too large distance,
    a unit other than km or mi (shoes wear with distance), a date that is not YYYY-MM-DD.

    >>> check_shoes(-1, 30, today="soon")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: distance_on_pair: The distance on your shoes can't be negative.; today: Today's date must be a date written year-month-day, like 2026-11-30.
    """
    problems: list[Problem] = []
    measure = read_choice(
        unit,
        SHOES_UNITS,
        "unit",
        "Unknown unit{}: choose km or mi (miles); shoes wear with distance, not time.",
        problems,
    )
    label = None if measure is None else measure.unit.label
    on_pair = read_amount(
        distance_on_pair,
        "distance_on_pair",
        "The distance on your shoes",
        unit_label=label,
        offered=SHOES_UNIT_NAMES,
        ceiling=None if measure is None else measure.max_on_pair,
        problems=problems,
        missing="Enter how far you have run in these shoes, like 250.",
    )
    each_week = read_amount(
        weekly,
        "weekly",
        "Your weekly running",
        unit_label=label,
        offered=SHOES_UNIT_NAMES,
        ceiling=None if measure is None else measure.unit.max_per_week,
        problems=problems,
        missing="Enter how far you run a week in these shoes, or 0.",
    )
    day = read_date(today, "today", "Today's date", problems)
    raise_problems(problems)
    assert measure is not None and on_pair is not None and each_week is not None
    return _answer(on_pair, each_week, measure, day)


def _answer(on_pair: int | float, weekly: int | float, measure: ShoeUnit, today: date | None) -> ShoesResult:
    low, high = range_in(measure.unit.key)
    distance, per_week = exact(on_pair), exact(weekly)
    status = "before-range" if distance < low else "in-range" if distance <= high else "past-range"
    weeks = _weeks(low, distance, per_week), _weeks(high, distance, per_week)
    days = _days(low, distance, per_week), _days(high, distance, per_week)
    dates = _date(today, low, distance, per_week), _date(today, high, distance, per_week)
    return ShoesResult(
        distance_on_pair=on_pair,
        weekly=weekly,
        unit=measure.unit.key,
        unit_label=measure.unit.label,
        today=None if today is None else today.isoformat(),
        range={
            "low": float(low),
            "high": float(high),
            "low_miles": float(SHOES_RANGE.low_miles),
            "high_miles": float(SHOES_RANGE.high_miles),
        },
        status=status,
        to_range=float(_up_to_tenth(max(low - distance, Fraction(0)))),
        weeks_to_range=weeks[0],
        weeks_to_range_end=weeks[1],
        days_to_range=days[0],
        days_to_range_end=days[1],
        range_date=dates[0],
        range_end_date=dates[1],
        summary=_summary(distance, per_week, status, days[0], dates[0], measure, low, high),
        verdict=status,
        why=SHOES_WHY,
        links=SHOES_LINKS,
        sources=SHOES_SOURCES,
    )


def _weeks(edge: Fraction, distance: Fraction, weekly: Fraction) -> int | None:
    """Whole weeks until the pair has *edge* on it, rounded up; 0 once there, None with no running."""
    if distance >= edge:
        return 0
    if weekly == 0:
        return None
    return math.ceil((edge - distance) / weekly)


def _days(edge: Fraction, distance: Fraction, weekly: Fraction) -> int | None:
    """Days until the pair has *edge* on it, at *weekly* spread evenly over the week, rounded up;
    0 once there, None with no running.

    >>> _days(Fraction(644), Fraction(643), Fraction(40)), _days(Fraction(644), Fraction(400), Fraction(40))
    (1, 43)
    """
    if distance >= edge:
        return 0
    if weekly == 0:
        return None
    return math.ceil((edge - distance) * 7 / weekly)


def _in_about(days: int) -> str:
    """When, in words that agree with the date beside them: days under two weeks, else whole weeks
    to the nearest (6 weeks and 1 day is "about 6 weeks", not 7; a break test found 1 km to go at 40
    km a week told "in about 1 week" beside tomorrow's date).

    >>> _in_about(1), _in_about(9), _in_about(43), _in_about(95), _in_about(4508)
    ('in about a day', 'in about 9 days', 'in about 6 weeks', 'in about 14 weeks', 'in about 12 years')
    """
    if days == 1:
        return "in about a day"
    if days < 14:
        return f"in about {days} days"
    if days < 2 * 365:
        return f"in about {round(days / 7)} weeks"
    return f"in about {round(days / 365.25)} years"  # (a break test read "in about 644 weeks")


def _date(today: date | None, edge: Fraction, distance: Fraction, weekly: Fraction) -> str | None:
    """The day the pair reaches *edge*, at *weekly* spread evenly over the week (rounded up to a day)."""
    if today is None:
        return None
    days = _days(edge, distance, weekly)
    return None if days is None else (today + timedelta(days=days)).isoformat()


def _up_to_tenth(value: Fraction) -> Fraction:
    """A distance still to go, rounded up to 0.1: never 0 before the pair is there.

    >>> _up_to_tenth(Fraction("0.0076")), _up_to_tenth(Fraction(0))
    (Fraction(1, 10), Fraction(0, 1))
    """
    return Fraction(math.ceil(value * 10), 10)


def _summary(
    distance: Fraction,
    weekly: Fraction,
    status: str,
    days: int | None,
    when: str | None,
    measure: ShoeUnit,
    low: Fraction,
    high: Fraction,
) -> str:
    unit = measure.unit.label
    has = f"Your shoes have {plain(distance)} {unit} on them"
    if measure.unit.key == "mi":
        span = f"the usual replacement range of about {plain(low)}-{plain(high)} miles"
    else:
        span = (
            f"the usual replacement range of about {plain(round(low, 1))}-{plain(round(high, 1))} km "
            f"({plain(SHOES_RANGE.low_miles)}-{plain(SHOES_RANGE.high_miles)} miles)"
        )
    if status == "in-range":
        return f"{has}, within {span}: check how they look and feel."
    if status == "past-range":
        return f"{has}, past {span}: how they feel is a better guide than the distance."
    if days is None:
        return f"{has}, below {span}; with no running each week they get no closer to it, so there is no date to give."
    on = f", around {day_words(when)}" if when else ""
    return f"{has}: at {plain(weekly)} {unit} a week they reach {span} {_in_about(days)}{on}."
