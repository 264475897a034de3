"""Every calculator form sends exactly the request fields its check takes (its function's parameters).

The fields are declared once, as the check function's parameters (calculator/checks/registry.py);
the forms are written in the pages and filled by the rules markers. This test reads each form as
the build renders it and compares the names of its inputs with the check's fields.
"""

from __future__ import annotations

import re

import pytest

from calculator.checks.registry import CHECKS
from tests.helpers import PROJECT_ROOT, module_from_path

RULES_HOOK = module_from_path("calculator_rules_hook", PROJECT_ROOT / "hooks" / "calculator_rules.py")
PAGES = sorted((PROJECT_ROOT / "docs").rglob("*.md"))
FORM = re.compile(r'<form\b[^>]*\bdata-calculator="([a-z]+)"[^>]*>(.*?)</form>', re.S)
NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def _forms() -> list[tuple[str, str, str]]:
    """(page, check, the form's rendered HTML) for every calculator form in the docs."""
    found = []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        if "data-calculator=" not in text:
            continue
        page = path.relative_to(PROJECT_ROOT / "docs").as_posix()
        rendered = RULES_HOOK.render_markers(text, page)
        found += [(page, check, body) for check, body in FORM.findall(rendered)]
    return found


FORMS = _forms()


def test_every_check_but_rules_has_a_form() -> None:
    assert {check for _, check, _ in FORMS} == set(CHECKS) - {"rules"}


@pytest.mark.parametrize(("page", "check", "body"), FORMS, ids=[page for page, _, _ in FORMS])
def test_a_form_sends_exactly_its_checks_fields(page: str, check: str, body: str) -> None:
    sent = {name.split(".")[0] for name in NAME.findall(body)}  # "answers.locked" is the field "answers"
    assert sent == set(CHECKS[check].fields), f"{page}: the form's fields are not the {check} check's"
