"""Every checkbox and radio sits on the same row as its own words, with no other label in between.

The DOM and axe can be right while the picture is wrong: once, a text-field rule drew each box
160 x 55 px on a line of its own, above the NEXT question's words (issue 8). This measures the
boxes the reader sees, at phone and desktop width, in light and dark mode, on every form with
checkboxes or radios, with the follow-up questions shown.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

#: Each page with checkboxes or radios, and what to tick first so that follow-up questions show.
FORMS = {
    "calculator/redflags.html": ["answers.injury"],
    "calculator/where.html": [],
    "calculator/overtraining.html": [],
    "calculator/plan.html": [],
}
WIDTHS = {"phone": 360, "desktop": 1280}

#: For every visible box: its rectangle, its own label's rectangles (one per line) and every other
#: visible label's rectangle, in page coordinates.
MEASURE = """() => {
  const rect = (r) => ({left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY});
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const labels = [...document.querySelectorAll("form[data-calculator] label")].filter(visible);
  return [...document.querySelectorAll("form[data-calculator] input[type=checkbox], form[data-calculator] input[type=radio]")]
    .filter(visible)
    .map((box) => {
      const own = document.querySelector(`label[for="${box.id}"]`);
      const range = document.createRange();
      range.selectNodeContents(own);
      return {
        id: box.id,
        box: rect(box.getBoundingClientRect()),
        lines: [...range.getClientRects()].map(rect),
        label: rect(own.getBoundingClientRect()),
        others: labels.filter((label) => label !== own).map((label) => rect(label.getBoundingClientRect())),
      };
    });
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", FORMS)
def test_every_box_sits_beside_its_own_words(
    page: Page, requests_seen: list[str], path: str, scheme: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)  # the boxes are drawn before Python loads: no need to wait for it
    expect(page.locator("[data-calculator-status]").first).to_be_attached()
    for name in FORMS[path]:
        page.locator(f'input[name="{name}"]').check()
    boxes = page.evaluate(MEASURE)
    assert boxes, f"no checkboxes or radios on {path}"
    for found in boxes:
        box, first_line = found["box"], found["lines"][0]
        centre = (box["top"] + box["bottom"]) / 2
        # same row: the box's middle is level with its label's first line, and the box comes first
        assert first_line["top"] - 4 <= centre <= first_line["bottom"] + 4, found["id"]
        assert box["right"] <= first_line["left"], found["id"]
        # a box, not a text field: small, and no taller than two lines of its words
        assert box["right"] - box["left"] <= 40 and box["bottom"] - box["top"] <= 40, found["id"]
        # nothing between: no other label overlaps the strip from the box to its own first line
        strip = {
            "left": box["left"],
            "right": first_line["right"],
            "top": min(box["top"], first_line["top"]),
            "bottom": max(box["bottom"], first_line["bottom"]),
        }
        assert not any(_overlap(strip, other) for other in found["others"]), found["id"]
