"""The checks, one module each: read a request's fields, apply the rules, return a result.

Each check's thresholds and questions live in `calculator.rules` (one module per check, each
rule with its source); the protocol (`calculator.protocol`) runs the checks by name.
"""
