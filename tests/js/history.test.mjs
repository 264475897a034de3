// The training log page's parts (history.js): the files chosen, the links that fill the other
// calculators (their forms read these fragments: form.js inputsFromAddress), and a history
// answer's charts, unread files and links, placed after its summary. Values by hand.

import assert from "node:assert/strict";
import { test } from "node:test";

import { chosenWords, fillHref, renderHistory } from "../../docs/javascripts/history.js";
import { inputsFromAddress } from "../../docs/javascripts/form.js";
import { page } from "./dom.mjs";

const ROOT = "https://kneeload.test/";

test("the files chosen are counted, sized and named", () => {
  assert.equal(chosenWords([]), "No files chosen yet.");
  const files = [{ name: "export.zip", size: 2_500_000 }, { name: "run.gpx", size: 120_000 }];
  assert.equal(chosenWords(/** @type {File[]} */ (/** @type {unknown} */ (files))), "2 files (2.6\u00a0MB): export.zip, run.gpx.");
  const one = [{ name: "a.fit", size: 1_500 }];
  assert.equal(chosenWords(/** @type {File[]} */ (/** @type {unknown} */ (one))), "1 file (2\u00a0kB): a.fit.");
});

test("a fill link holds a request's fields as the calculator's form reads them", () => {
  const href = fillHref("calculator/ramp.md", { weeks: [20, 22.5], unit: "km" }, ROOT);
  assert.equal(href, "https://kneeload.test/calculator/ramp.html#weeks=20&weeks=22.5&unit=km");
  const { params } = inputsFromAddress(new URL(fillHref("calculator/acwr.md", { loads: [5, 0, 8], period: "day" }, ROOT)));
  assert.deepEqual([...params], [["loads", "5, 0, 8"], ["period", "day"]]);
});

test("a history answer's charts, unread files, runs not counted and fill links come after its summary and notes", () => {
  const doc = page('<div data-answer-body><p class="kl-summary">25 runs.</p><ul class="kl-notes"><li>A note.</li></ul><table></table></div>');
  const body = /** @type {HTMLElement} */ (doc.querySelector("[data-answer-body]"));
  const result = {
    summary: "25 runs.", verdict: "over", why: "", links: [], sources: [], disclaimer: "", see_clinician: false,
    ramp: { summary: "1 of 9 weeks rose more than the 10 % limit.", chart_svg: "<svg><title>Weeks</title></svg>", caveat: "Rules of thumb." },
    acwr: null,
    problems: [{ file: "broken.gpx", message: "broken.gpx is cut short." }],
    left_out: [{ file: "dot.gpx", message: "dot.gpx: not counted: the run on 2026-09-08 has no distance." }],
    fill: { ramp: { weeks: [12, 24], unit: "km" }, spike: { longest_30d: 8, unit: "km" } },
  };
  renderHistory(body, result, ROOT);
  const texts = [...body.children].map((node) => `${node.tagName}:${node.textContent}`);
  assert.deepEqual(texts, [
    "P:25 runs.",
    "UL:A note.",
    "H3:Weekly running against the limit",
    "P:1 of 9 weeks rose more than the 10\u00a0% limit.",
    "FIGURE:Weeks",
    "P:Rules of thumb.",
    "H3:Files, or rows of them, that could not be read",
    "UL:broken.gpx is cut short.",
    "H3:Runs not counted",
    "UL:dot.gpx: not counted: the run on 2026-09-08 has no distance.",
    "H3:Fill a calculator from this history",
    "UL:Weekly ramp check, with your last 12 weeksLong-run spike check, with your longest run of the last 30 days",
    "TABLE:",
  ]);
  const links = [...body.querySelectorAll("a")].map((link) => link.getAttribute("href"));
  assert.deepEqual(links, [
    "https://kneeload.test/calculator/ramp.html#weeks=12&weeks=24&unit=km",
    "https://kneeload.test/calculator/spike.html#longest_30d=8&unit=km",
  ]);
});

test("a form of files reads their names, and never puts them in the address nor takes them from it", async () => {
  const { formToParams, paramsToForm, readForm } = await import("../../docs/javascripts/form.js");
  const doc = page('<form data-calculator="history"><input type="file" name="files" multiple><select name="distance_unit"><option value="km">km</option></select></form>');
  const form = /** @type {HTMLFormElement} */ (doc.querySelector("form"));
  assert.deepEqual(readForm(form), { check: "history", files: [], distance_unit: "km" });
  assert.equal(formToParams(form).toString(), "distance_unit=km");
  assert.equal(paramsToForm(form, new URLSearchParams("files=C%3A%5Cx.zip")), true); // read, and left alone
  assert.equal(/** @type {HTMLInputElement} */ (form.elements.namedItem("files")).value, "");
});
