"""Amounts as runners write them: times as h:mm:ss or mm:ss, export placeholders such as "--",
the precision a number was typed to, and figures far beyond what runners do.

The load checks call these while they validate (`calculator.rules.training` holds the rules).

>>> read_duration("3:10:00"), read_duration("45:30"), read_duration("3:75:00"), read_duration("22")
(Fraction(190, 1), Fraction(91, 2), None, None)
>>> text_amount("3:10:00", "Week 1", minutes=True, zero_hint="enter 0 for a week with no running")
(190, None)
>>> text_amount("--", "Week 2", minutes=True, zero_hint="enter 0 for a week with no running")[1]
"Week 2 is '--', which means no value: enter 0 for a week with no running."
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from calculator.rules.training import NO_VALUE, PLAUSIBLE_PER_DAY, PLAUSIBLE_PER_WEEK
from calculator.sentences import words
from calculator.units import MINUTES, UNIT_WORDS

__all__ = [
    "MAX_ECHO",
    "SECOND",
    "ascii_digits",
    "echoable",
    "plain_number",
    "plausibility_note",
    "read_duration",
    "text_amount",
    "typed_step",
    "unit_written",
]

#: One second, in minutes: the precision of a time written with seconds.
SECOND = Fraction(1, 60)
_HMS = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d)", re.ASCII)  # h:mm:ss, up to 999 hours
# A comma and exactly three digits: thousands or decimals? (at most 12 digits before: it is repeated)
_AMBIGUOUS = re.compile(r"\d{1,12},\d{3}", re.ASCII)
_MS = re.compile(r"(\d{1,5}):([0-5]\d)", re.ASCII)  # mm:ss; minutes may pass 59 (190:00)
_DECIMAL = re.compile(r"\d{1,9}(?:\.(\d{1,9}))?", re.ASCII)  # a plain number written as text: 22, 22.5
_LONG_DECIMAL = re.compile(r"\d+(?:\.(\d+))?", re.ASCII)  # the same with any number of digits
# "20 km", "20km", "12.5 mi.": any space between (a no-break space from a pasted document too)
_UNIT_AFTER = re.compile(r"(.*[0-9])\s*([A-Za-z]+)\.?")
# A number with any other word or a sign after it ("20 m", "20 %", "5000 metres")
_UNKNOWN_UNIT = re.compile(r"([0-9.]*[0-9])\s*([^\W\d_]+|%)\.?")
#: The longest typed text a message repeats back; longer, it is left out (it would not fit a phone).
MAX_ECHO = 30


def echoable(text: str) -> bool:
    """Whether a message may repeat *text* back: short (MAX_ECHO) and plain (no control or layout
    characters, which a review found repeated inside messages).

    >>> echoable("20 mi"), echoable("2" * 31), echoable("\u202e1 km"), echoable("")
    (True, False, False, False)
    """
    return 0 < len(text) <= MAX_ECHO and text.isprintable()


# Digits other keyboards type, as ASCII: Arabic-Indic, Persian (Extended Arabic-Indic) and
# full-width (a Japanese or Chinese input method), with the Arabic decimal and thousands separators
# and percent sign, and the full-width point, comma and percent sign. The forms read the same
# (form.js, asciiDigits).
_OTHER_DIGITS = str.maketrans(
    {
        **{chr(zero + digit): str(digit) for zero in (0x0660, 0x06F0, 0xFF10) for digit in range(10)},
        "\u066b": ".",
        "\uff0e": ".",
        "\u066c": ",",
        "\uff0c": ",",
        "\uff05": "%",
        "\u066a": "%",
    }
)


def ascii_digits(text: str) -> str:
    """*text* with the digits and separators other keyboards type written as ASCII ones.

    >>> ascii_digits("\uff12\uff12\uff0e\uff15"), ascii_digits("\u0662\u0662\u066b\u0665"), ascii_digits("\u06f2\u06f0 km")
    ('22.5', '22.5', '20 km')
    """
    return text.translate(_OTHER_DIGITS)


def unit_written(text: str) -> tuple[str, str | None]:
    """Split an amount written with its unit ("20 km", "20km", "45 mins") into the amount as
    written and the unit's name in sentences (calculator.units.UNIT_WORDS); text without a known
    unit word comes back whole, with None.

    >>> unit_written(" 20 km "), unit_written("12.5Miles"), unit_written("0:45 min"), unit_written("20 m")
    (('20', 'km'), ('12.5', 'miles'), ('0:45', 'minutes'), ('20 m', None))
    >>> unit_written("20\u00a0km")
    ('20', 'km')
    """
    written = text.strip()
    match = _UNIT_AFTER.fullmatch(written)
    if match is None or match.group(2).lower() not in UNIT_WORDS:
        return written, None
    return match.group(1).strip(), UNIT_WORDS[match.group(2).lower()]


def read_duration(text: str) -> Fraction | None:
    """Read a time written h:mm:ss or mm:ss into minutes, exactly; None when it is not one.

    >>> read_duration("1:05:30"), read_duration("190:00"), read_duration(" 0:45 "), read_duration("3h")
    (Fraction(131, 2), Fraction(190, 1), Fraction(3, 4), None)
    """
    written = text.strip()
    if match := _HMS.fullmatch(written):
        hours, minutes, seconds = (int(part) for part in match.groups())
        return hours * 60 + minutes + Fraction(seconds, 60)
    if match := _MS.fullmatch(written):
        minutes, seconds = (int(part) for part in match.groups())
        return minutes + Fraction(seconds, 60)
    return None


def plain_number(text: str) -> int | float | None:
    """A plain decimal number written as text ("22", " 22.5 "), as a number; None for anything else.

    No sign, no exponent, no separators: "1,200" and "1e3" are not plain numbers.

    With more digits than that (more than 9 either side of the point) the number is a float, so
    the reader hears that it is too large or too small, not that it is no number: infinity past
    about 1e308, and the smallest float above 0 for one too small for a float (0.000...1, 400
    zeros), never 0.

    >>> plain_number("22"), plain_number(" 22.5 "), plain_number("1,200"), plain_number("-3"), plain_number("1e3")
    (22, 22.5, None, None, None)
    >>> plain_number("12345678901"), plain_number("9" * 400), plain_number("0." + "0" * 400 + "1")
    (12345678901.0, inf, 5e-324)
    """
    written = ascii_digits(text).strip()
    match = _DECIMAL.fullmatch(written)
    if match is not None:
        return float(match.group(0)) if match.group(1) else int(match.group(0))
    if _LONG_DECIMAL.fullmatch(written) is None:
        return None
    number = float(written)
    return math.ulp(0.0) if number == 0 and written.strip("0.") else number


def _as_number(minutes: Fraction) -> int | float:
    """Minutes as a plain number: whole minutes as an int, else a float."""
    return int(minutes) if minutes.denominator == 1 else float(minutes)


def text_amount(
    value: str,
    name: str,
    *,
    minutes: bool,
    zero_hint: str,
    unit_label: str | None = None,
    offered: tuple[str, ...] = (),
) -> tuple[int | float | None, str | None]:
    """Read an amount sent as text: a plain number ("22.5", as a CSV or a script may send it), a
    time (in minutes only), or say what to enter instead. Either may be followed by its unit
    ("20 km", "45 min"): in the unit chosen (*unit_label*, its name in sentences; None when it is
    unknown) it is read as the amount, in another it is refused with both units named, and with
    the units the check offers (*offered*, their names; all when empty) when it is not among them.

    Returns (the amount, None) or (None, a message that starts with *name*). *zero_hint* says how
    to enter no running ("enter 0 for a rest day").

    >>> text_amount(" 22.5 ", "Week 1", minutes=False, zero_hint="enter 0"), text_amount("20", "W", minutes=True, zero_hint="")
    ((22.5, None), (20, None))
    >>> text_amount("3:10:00", "Week 1", minutes=False, zero_hint="enter 0")[1]
    'Week 1 looks like a time (3:10:00): choose minutes as the unit to enter times, or enter the distance.'
    >>> text_amount("1,234", "Day 2", minutes=False, zero_hint="enter 0")[1]
    'Day 2 (1,234) could be 1.234 or 1234: write it with a point for decimals (1.234) or without a separator for thousands (1234).'
    >>> text_amount("9" * 400, "Week 1", minutes=False, zero_hint="enter 0")
    (inf, None)
    >>> text_amount("0." + "0" * 400 + "1", "Week 1", minutes=False, zero_hint="enter 0")
    (5e-324, None)
    >>> text_amount("lots", "Day 3", minutes=True, zero_hint="enter 0")[1]
    'Day 3 must be a number, like 22 or 22.5, or a time, like 3:10:00 or 45:30.'
    >>> text_amount("20.5 km", "Week 1", minutes=False, zero_hint="", unit_label="km")
    (20.5, None)
    >>> text_amount("20 km", "Week 1", minutes=False, zero_hint="", unit_label="miles")[1]
    'Week 1 is in km (20 km), but the unit chosen is miles: choose km as the unit, or enter it in miles.'
    >>> text_amount("90 min", "The run", minutes=False, zero_hint="", unit_label="km", offered=("km", "miles"))[1]
    'The run is in minutes (90 min), but this check takes km or miles: enter it in km.'
    >>> text_amount("2" * 31 + " km", "Week 1", minutes=False, zero_hint="", unit_label="miles")[1][:45]
    'Week 1 is in km, but the unit chosen is miles'
    """
    value = ascii_digits(value)
    written, said = unit_written(value)
    if said is not None and unit_label is not None and said != unit_label:
        typed = value.strip()
        echo = f" ({typed})" if echoable(typed) else ""
        if offered and said not in offered:
            return None, (
                f"{name} is in {said}{echo}, but this check takes {words(offered, 'or')}: enter it in {unit_label}."
            )
        return None, (
            f"{name} is in {said}{echo}, but the unit chosen is {unit_label}: "
            f"choose {said} as the unit, or enter it in {unit_label}."
        )
    number = plain_number(written)
    if number is not None:
        return number, None
    if written in NO_VALUE:
        return None, f"{name} is '{written}', which means no value: {zero_hint}."
    duration = read_duration(written)
    if duration is not None:
        if minutes:
            return _as_number(duration), None
        if offered and MINUTES.label not in offered:  # a check of distances only (spike, shoes)
            return None, (
                f"{name} looks like a time ({written}): this check takes a distance, in {words(offered, 'or')}."
            )
        return None, (
            f"{name} looks like a time ({written}): choose minutes as the unit to enter times, "
            "or enter the distance."
        )
    if _AMBIGUOUS.fullmatch(written):
        whole, decimals = written.split(",")
        return None, (
            f"{name} ({written}) could be {whole}.{decimals} or {whole}{decimals}: write it with a point for "
            f"decimals ({whole}.{decimals}) or without a separator for thousands ({whole}{decimals})."
        )
    example = "like 22 or 22.5, or a time, like 3:10:00 or 45:30" if minutes else "like 22 or 22.5"
    unknown = _UNKNOWN_UNIT.fullmatch(value.strip())
    if unknown is not None and plain_number(unknown.group(1)) is not None:
        # A number with a word or sign after it that is no unit the calculator reads ("20 m", "5000
        # metres", "1.5 h", "20 %"): say so, rather than that it is no number.
        word = unknown.group(2)
        echo = f" ({value.strip()})" if echoable(value.strip()) else ""
        why = (
            "m could be metres, miles or minutes"
            if word.lower() == "m"
            else f"the calculator does not read {word} as a unit"
            if echoable(word)
            else "the calculator does not read that as a unit"
        )
        into = f"in {unit_label}, " if unit_label is not None else ""
        return None, f"{name}{echo}: {why}. Enter it {into}{example}."
    return None, f"{name} must be a number, {example}."


def typed_step(value: object) -> Fraction:
    """The precision a number was typed to: 1 for 16, 0.1 for 16.1 or "16.1", 1 second for a time.

    >>> typed_step(16), typed_step(16.1), typed_step(2.25), typed_step("3:10:00"), typed_step("16.10")
    (Fraction(1, 1), Fraction(1, 10), Fraction(1, 100), Fraction(1, 60), Fraction(1, 100))
    >>> typed_step("22.0080000000"), typed_step("22.00 km")
    (Fraction(1, 10000000000), Fraction(1, 100))
    """
    if isinstance(value, str):
        match = _LONG_DECIMAL.fullmatch(unit_written(ascii_digits(value))[0])
        if match is None:
            return SECOND
        return Fraction(1, 10 ** len(match.group(1) or ""))
    if isinstance(value, float):
        exponent = Decimal(repr(value)).as_tuple().exponent
        assert isinstance(exponent, int)  # a finite float
        return Fraction(1, 10**-exponent) if exponent < 0 else Fraction(1)
    return Fraction(1)


def plausibility_note(values: list[tuple[int, Fraction]], unit: str, *, per: str, name: str) -> str | None:
    """A question about figures far beyond what runners do, or None (`PLAUSIBLE_PER_WEEK`).

    *values* are (number, amount) pairs: "Week 2", 9000 minutes; *per* is "week" or "day".

    >>> plausibility_note([(2, Fraction(9000))], "min", per="week", name="Week")
    'Week 2 (9000 minutes) is far more than runners usually run in a week (world-class marathon runners run about 160-220 km a week): if these are seconds, divide by 60 or write the time as h:mm:ss. If the figure is right, the answer still holds.'
    >>> plausibility_note([(1, Fraction(30))], "km", per="week", name="Week") is None
    True
    """
    ceiling = (PLAUSIBLE_PER_WEEK if per == "week" else PLAUSIBLE_PER_DAY).get(unit)
    if ceiling is None:
        return None  # arbitrary units have no usual range
    high = [(number, amount) for number, amount in values if amount > ceiling]
    if not high:
        return None
    label = {"km": "km", "mi": "miles", "min": "minutes"}[unit]
    named = [
        f"{name.lower() if at else name} {number} ({float(amount):g} {label})"
        for at, (number, amount) in enumerate(high[:3])
    ]
    if len(high) > 3:
        named.append(f"{len(high) - 3} more")
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    slip = {
        "min": "if these are seconds, divide by 60 or write the time as h:mm:ss",
        "km": "if these are metres, divide by 1000",
        "mi": "if these are yards or kilometres, convert them to miles",
    }[unit]
    return (
        f"{listed} {'is' if len(high) == 1 else 'are'} far more than runners usually run "
        f"in a {per} (world-class marathon runners run about 160-220 km a week): {slip}. If the figure is right, "
        "the answer still holds."
    )
