"""Rules for real training: what a week is compared with, easier weeks, breaks, unfinished weeks,
rounding, times written as h:mm:ss, figures far beyond what runners do, and how much history a
ratio needs. The ramp, plan and acwr checks share them; each rule names its source, and a rule
that is our own choice says so (``ours``).

>>> BASELINE_WEEKS, BREAK_SHARE, RATIO_HISTORY_WEEKS
(4, Fraction(1, 4), 3)
>>> [rule["key"] for rule in training_rules()["rules"]]
['baseline', 'easier-week', 'break', 'return', 'unfinished', 'rounding', 'durations', 'plausible', 'ratio-history']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = [
    "BASELINE",
    "BASELINE_WEEKS",
    "BREAK",
    "BREAK_SHARE",
    "DURATIONS",
    "EASIER_WEEK",
    "LONG_BREAK_WEEKS",
    "NO_VALUE",
    "PLAUSIBLE",
    "PLAUSIBLE_PER_DAY",
    "PLAUSIBLE_PER_WEEK",
    "RATIO_HISTORY",
    "RATIO_HISTORY_WEEKS",
    "RETURN",
    "ROUNDING",
    "TRAINING_RULES",
    "UNFINISHED",
    "TrainingRule",
    "training_rules",
]


@dataclass(frozen=True)
class TrainingRule:
    """One rule for reading real training, in words for the pages, with its sources.

    ``ours`` is true when the rule (or its number) is our own choice, not a study's: the page says so.
    """

    key: str
    title: str
    text: str
    sources: tuple[str, ...]
    checks: tuple[str, ...]  # the checks that apply it, for the pages that explain them
    ours: bool = False


#: Each week is compared with the most run in any of the 4 weeks before it: the weekly form of
#: Frandsen et al. 2025, who compared each run with the longest run of the previous 30 days and
#: found spikes over that baseline linked to injuries, while week-to-week changes showed no link.
BASELINE_WEEKS = 4
BASELINE = TrainingRule(
    key="baseline",
    title="What a week is compared with",
    text=(
        f"Each week is compared with the most you ran in any of the {BASELINE_WEEKS} weeks before it "
        "since the last break, not only with the week before. This is the weekly form of the largest study of runners so far, "
        "which compared each run with the longest run of the previous 30 days; in the same runners, "
        "changes from one week to the next showed no link with injuries."
    ),
    sources=("frandsen-2025",),
    checks=("ramp", "plan"),
)

EASIER_WEEK = TrainingRule(
    key="easier-week",
    title="Easier weeks",
    text=(
        "A week below that level is an easier week. Planned easier weeks every third or fourth week are "
        "common coaching practice, though trials have not tested them. Going back afterwards to the level "
        "you ran before the easier week is not a spike: the next week is compared with that level, not "
        "with the easier week."
    ),
    sources=("frandsen-2025",),
    checks=("ramp", "plan"),
)

#: A week holding less than this share of the level before it is a break: a week off, or almost
#: off. Our own threshold (no study gives one): far below the 20-40 % that easier weeks usually
#: drop, so an easier week is never read as a break, while 0.5 km after 25 km (2 %) is.
BREAK_SHARE = Fraction(1, 4)
BREAK = TrainingRule(
    key="break",
    title="Breaks",
    text=(
        f"A week with less than a quarter ({float(BREAK_SHARE) * 100:g} %) of the level before it is a "
        "break, a week off or almost off: the body cannot tell 0 km from 0.5 km. Right after a break, "
        "the level is the one before the break, while the week that set it is one of the "
        f"{BASELINE_WEEKS} weeks before. The quarter is our own line, not a study's."
    ),
    sources=(),
    checks=("ramp", "acwr"),
    ours=True,
)

#: After this many weeks of break in a row (a year), the level before the break says nothing of
#: what the legs are used to now: the first week back is a fresh start, as if there had been no
#: running before (a break test's training log compared a week in 2026 with 0.16 km run in 2017).
#: Our own line, as the break's quarter is.
LONG_BREAK_WEEKS = 52
RETURN = TrainingRule(
    key="return",
    title="Coming back after a break",
    text=(
        "The first week back after a break cannot be judged by a percentage: there is nothing recent to "
        "build on. Returning to running after illness or injury is a common contributing factor to knee "
        "pain, so start again below what you ran before the break and build up from there at the returning "
        "limit. A first week back above the level before the break is marked over the limit. After a "
        f"break of {LONG_BREAK_WEEKS} weeks or more, what you ran before it is no guide to now: the first "
        "week back is a fresh start, with nothing to compare it with (the year is our own line)."
    ),
    sources=("seed-000", "seed-002"),
    checks=("ramp",),
)

UNFINISHED = TrainingRule(
    key="unfinished",
    title="A week still in progress",
    text=(
        "Enter complete weeks. If the last week is not finished yet, say so: it is then not compared as a "
        "whole week, and the answer says how much more it may hold."
    ),
    sources=(),
    checks=("ramp",),
)

ROUNDING = TrainingRule(
    key="rounding",
    title="Rounded numbers",
    text=(
        "A week over the limit by less than half the last decimal place you typed (0.05 for 16.1) is "
        "counted within it, since the number itself may have been rounded by that much; the answer says "
        "so, and by how much it was over."
    ),
    sources=(),
    checks=("ramp",),
)

#: Times are read as h:mm:ss (3:10:00) or mm:ss (45:30), as watches and exports write them.
DURATIONS = TrainingRule(
    key="durations",
    title="Times",
    text=(
        "In minutes, you can also write times as watches and exports do: h:mm:ss (3:10:00 is 190 "
        "minutes) or mm:ss (45:30 is 45.5 minutes)."
    ),
    sources=(),
    checks=("ramp", "plan", "acwr"),
)
#: What exports write for "no value" (Garmin writes --): refused with a message saying what to enter.
NO_VALUE = ("--", "-", "—", "–", "n/a", "N/A")

#: A week beyond these is far beyond what runners do: world-class marathon runners run about
#: 160-220 km a week (Haugen et al. 2022); twice their most is 440 km, about 273 miles, and about
#: 30 hours at 4 minutes a kilometre. Asked about, never refused: an ultra-runner may run more.
PLAUSIBLE_PER_WEEK: dict[str, int] = {"km": 440, "mi": 273, "min": 1800}
#: The same for one day: a quarter of the week's figure (110 km, 68 miles, 7.5 hours).
PLAUSIBLE_PER_DAY: dict[str, int] = {key: value // 4 for key, value in PLAUSIBLE_PER_WEEK.items()}
PLAUSIBLE = TrainingRule(
    key="plausible",
    title="Figures far beyond what runners do",
    text=(
        "World-class marathon runners run about 160-220 km a week. A week of more than twice that "
        f"({PLAUSIBLE_PER_WEEK['km']} km, {PLAUSIBLE_PER_WEEK['mi']} miles or "
        f"{PLAUSIBLE_PER_WEEK['min'] // 60} hours) gets a question, not a refusal: seconds entered as "
        "minutes, or metres as kilometres, are common slips, and some ultra-runners do run that much."
    ),
    sources=("haugen-2022",),
    checks=("ramp", "acwr"),
    ours=True,
)

#: A ratio needs running in each of the 3 weeks before the week it judges, so that its 4-week
#: average stands for what the runner is used to. Dijkhuis et al. 2020 left the first 4 weeks of
#: every training log, and the 4 weeks after an injury, out of the ratio for this reason.
RATIO_HISTORY_WEEKS = 3
RATIO_HISTORY = TrainingRule(
    key="ratio-history",
    title="How much history a ratio needs",
    text=(
        f"A ratio needs running in each of the {RATIO_HISTORY_WEEKS} weeks before the last one, so that "
        "the 4-week average stands for what you are used to. Without that history, the ratio is high "
        "only because the average is built from almost nothing (a first week of running always gives "
        "4), so the check says there is not enough history instead. A study of competitive runners left "
        "the first 4 weeks of each training log, and the 4 weeks after an injury, out of the ratio for "
        "this reason."
    ),
    sources=("dijkhuis-2020", "lolli-2019"),
    checks=("acwr",),
)

#: The rules in the order the pages show them.
TRAINING_RULES: tuple[TrainingRule, ...] = (
    BASELINE,
    EASIER_WEEK,
    BREAK,
    RETURN,
    UNFINISHED,
    ROUNDING,
    DURATIONS,
    PLAUSIBLE,
    RATIO_HISTORY,
)


def training_rules() -> dict[str, Any]:
    """Return the rules for real training and their numbers, ready for JSON.

    >>> rules = training_rules()
    >>> rules["baseline_weeks"], rules["break_share"], rules["plausible_per_week"]["min"]
    (4, 0.25, 1800)
    >>> rules["rules"][2]["ours"], rules["rules"][0]["sources"]
    (True, ['frandsen-2025'])
    """
    return {
        "baseline_weeks": BASELINE_WEEKS,
        "break_share": float(BREAK_SHARE),
        "ratio_history_weeks": RATIO_HISTORY_WEEKS,
        "plausible_per_week": dict(PLAUSIBLE_PER_WEEK),
        "plausible_per_day": dict(PLAUSIBLE_PER_DAY),
        "no_value": list(NO_VALUE),
        "rules": [
            {
                "key": rule.key,
                "title": rule.title,
                "text": rule.text,
                "sources": list(rule.sources),
                "checks": list(rule.checks),
                "ours": rule.ours,
            }
            for rule in TRAINING_RULES
        ],
    }
