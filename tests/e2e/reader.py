"""Plain helpers for what a reader does in the end-to-end tests (no page objects)."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Locator, Page, expect

from tests.helpers import PROJECT_ROOT

#: Material's colour scheme for each prefers-color-scheme value.
SCHEMES = {"light": "default", "dark": "slate"}
READY_TIMEOUT_MS = 90_000
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def wait_until(page: Page, script: str, timeout_ms: float = READY_TIMEOUT_MS) -> None:
    """Wait until ``script`` (a JavaScript function, async ones too) returns something truthy.

    Playwright's ``wait_for_function`` takes the promise an async function returns as truthy
    and returns at once (checked in tests/e2e/test_service_worker.py): this evaluates and awaits
    it every 100 ms. Raises AssertionError naming the script when the time runs out.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms / 1000:.0f} s: {script}")
        page.wait_for_timeout(100)


def open_calculator(page: Page, path: str = "calculator/ramp.html") -> None:
    """Open a calculator page and wait until Python is running in the page's worker."""
    page.goto(path)
    form = page.locator("form[data-calculator]")
    expect(form).to_have_attribute("data-state", re.compile("ready|failed"), timeout=READY_TIMEOUT_MS)
    assert form.get_attribute("data-state") == "ready", page.locator("[data-calculator-status]").inner_text()


def fill_weeks(page: Page, volumes: list[str]) -> None:
    """Type one volume per week, adding week fields as needed."""
    weeks = page.locator("[data-repeat=weeks] input")
    for _ in range(len(volumes) - weeks.count()):
        page.get_by_role("button", name="Add a week").click()
    expect(weeks).to_have_count(max(len(volumes), weeks.count()))
    for number, volume in enumerate(volumes, start=1):
        page.get_by_label(f"Week {number}", exact=True).fill(volume)


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Run axe-core (WCAG 2.x A and AA rules) on the page; return its violations.

    Transitions are switched off first: axe measures colours mid-fade otherwise.
    """
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important; animation: none !important; }"
    )
    page.add_script_tag(path=str(AXE))
    result: dict[str, list[dict[str, object]]] = page.evaluate(
        "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]  # type: ignore[index]


def answer(page: Page) -> Locator:
    """The answer section, once it is shown."""
    section = page.locator("section.kl-answer")
    expect(section).to_be_visible()
    return section
