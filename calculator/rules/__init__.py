"""Every check's thresholds, questions and wording, one module per check, each with its source.

Pages render these through the protocol's ``rules`` check, so text and checker never disagree.
Source keys (``seed-002``, ``buist-2008``) are the bibliography's keys (docs/bibliography.yml).
"""
