"""What every answer shares: the disclaimer, the pages it may link to, and how it names a source.

Source keys (``seed-002``, ``buist-2008``) are the bibliography's keys (docs/bibliography.yml).

>>> link("red-flags.md")["title"]
'When to see a clinician'
"""

from __future__ import annotations

from calculator.reading import words

__all__ = ["DISCLAIMER", "PAGE_TITLES", "SOURCE_NAMES", "link", "source_names"]

#: The one-line disclaimer every answer carries (result["disclaimer"]).
DISCLAIMER = "A guide, not a diagnosis or medical advice."

#: The pages an answer may link to (docs-relative path -> the page's title), for result["links"].
PAGE_TITLES: dict[str, str] = {
    "red-flags.md": "When to see a clinician",
    "calculator/ramp.md": "Weekly ramp check",
    "calculator/spike.md": "Long-run spike check",
    "prevention/load-progression.md": "Building up your running gradually",
    "prevention/footwear.md": "Running shoes and knee pain",
    "prevention/overtraining.md": "Overtraining: the warning signs",
    "prevention/rest-and-recovery.md": "Rest and recovery between runs",
    "causes/training-errors.md": "Training errors that lead to knee pain",
    "causes/load-and-capacity.md": "Load and capacity, the idea behind most knee pain",
    "conditions/index.md": "Where does it hurt?",
    "conditions/patellofemoral-pain.md": "Patellofemoral pain (runner's knee)",
    "conditions/itb-syndrome.md": "Iliotibial band syndrome (ITBS)",
    "conditions/patellar-tendinopathy.md": "Patellar tendinopathy (jumper's knee)",
    "conditions/quadriceps-tendinopathy.md": "Quadriceps tendinopathy",
    "conditions/hamstring-tendinopathy.md": "Hamstring tendinopathy",
    "conditions/bursitis.md": "Knee bursitis",
    "conditions/osteoarthritis.md": "Knee osteoarthritis in runners",
    "conditions/fat-pad-irritation.md": "Fat pad irritation",
    "conditions/plica-syndrome.md": "Plica syndrome",
    "conditions/pes-anserine-bursitis.md": "Pes anserine bursitis (inner knee pain below the joint)",
    "conditions/bakers-cyst.md": "Baker's cyst (swelling behind the knee)",
    "conditions/bone-stress-injury.md": "Bone stress injuries and low energy (REDs)",
    "conditions/meniscus-tear.md": "Meniscus tear",
    "conditions/ligament-sprain.md": "Knee ligament sprains (ACL and MCL)",
    "conditions/kneecap-dislocation.md": "Kneecap dislocation and instability",
    "conditions/children-and-teenagers.md": "Knee pain in children and teenagers",
    "treatment/returning-to-running.md": "Returning to running",
    "myths/pain-means-damage.md": "Myth: if your knee hurts, it is damaged",
}


#: How reader-facing text names the five source articles the knowledge base grew from, keyed by
#: their bibliography keys (docs/bibliography.yml; the articles are ../shared/seeds/000-004).
#: Readers do not know what a "seed" is, so every summary, why, caveat, label, description, note
#: and reason names a source article only through this mapping (usually with `source_names`);
#: the ``sources`` lists keep the keys. The two clinics' articles are told apart by what they
#: are: seed 000 is an osteopathy clinic's myth-busting blog post (our red flags come from it),
#: seed 004 a physiotherapy clinic's guide to treating running knee pain.
SOURCE_NAMES: dict[str, str] = {
    "seed-000": "an osteopathy clinic's blog",
    "seed-001": "Hinge Health's physical therapists",
    "seed-002": "a self-help knee site",
    "seed-003": "an occupational therapist's article",
    "seed-004": "a physiotherapy clinic's treatment guide",
}


def source_names(*keys: str, capital: bool = False) -> str:
    """Name the source articles with these bibliography keys, as a sentence does (`SOURCE_NAMES`).

    *capital* starts the words with a capital letter, for the start of a sentence.

    >>> source_names("seed-002", "seed-004")
    "a self-help knee site and a physiotherapy clinic's treatment guide"
    >>> source_names("seed-000", capital=True)
    "An osteopathy clinic's blog"
    """
    named = words([SOURCE_NAMES[key] for key in keys])
    return named[:1].upper() + named[1:] if capital else named


def link(page: str) -> dict[str, str]:
    """Return one entry of result["links"]: the page's title and its docs-relative path.

    >>> link("prevention/footwear.md")
    {'title': 'Running shoes and knee pain', 'page': 'prevention/footwear.md'}
    """
    return {"title": PAGE_TITLES[page], "page": page}
