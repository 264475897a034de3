// Rendering an answer: what a reader sees for a result, and each problem at its field. The
// results are shaped as calculator/protocol.py documents them; the expected text, order and
// links are worked out by hand from answer.js's rules (the caveat once, the red flags once).

import assert from "node:assert/strict";
import { test } from "node:test";

import { clearErrors, pageHref, renderAnswer, showErrors } from "../../docs/javascripts/answer.js";
import { fill, page, RAMP_FORM } from "./dom.mjs";

const ROOT = "https://kneeload.test/";

/** A ramp result, trimmed to the fields the page reads. */
const RESULT = {
  summary: "1 of 3 weeks rose more than the 10 % limit (week 3). Next week: up to 28.6 km.",
  verdict: "over",
  why: "A rise above the limit is a flag, not a diagnosis. Weekly limits are rules of thumb.",
  caveat: "Weekly limits are rules of thumb.",
  links: [
    { title: "When to see a clinician", page: "red-flags.md" },
    { title: "Load progression", page: "prevention/load-progression.md" },
  ],
  sources: ["buist-2008"],
  disclaimer: "This is general information, not medical advice.",
  see_clinician: true,
  table: {
    caption: "Each week against the week before",
    columns: ["Week", "Volume", "Change"],
    rows: [
      { cells: ["Week 1", "20 km", "First week"], flagged: false },
      { cells: ["Week 3", "26 km", "+18.2 %: over"], flagged: true },
    ],
  },
  chart_svg: null,
};

test("notes the calculator adds are shown as a list right under the summary", () => {
  const doc = page("<section><div data-answer-body></div></section>");
  const body = /** @type {HTMLElement} */ (doc.querySelector("[data-answer-body]"));
  const note = "Week 2 (9000 minutes) is far more than runners usually run in a week: if these are seconds, divide by 60.";
  renderAnswer(body, { ...RESULT, notes: [note] }, ROOT);
  const summary = /** @type {HTMLElement} */ (body.querySelector(".kl-summary"));
  const notes = /** @type {HTMLElement} */ (summary.nextElementSibling);
  assert.equal(notes.className, "kl-notes");
  assert.deepEqual([...notes.querySelectorAll("li")].map((item) => item.textContent), [note]);
  renderAnswer(body, { ...RESULT, notes: [] }, ROOT);
  assert.equal(body.querySelector(".kl-notes"), null);  // no empty list
});

test("a docs page's address is its .html beside the site root", () => {
  assert.equal(pageHref("conditions/bursitis.md", ROOT), "https://kneeload.test/conditions/bursitis.html");
  assert.equal(pageHref("red-flags.md", "https://kneeload.test/copy/"), "https://kneeload.test/copy/red-flags.html");
});

test("a result is shown in order: summary, table, why, clinician note, links, disclaimer", () => {
  const doc = page("<div id=body><p>old answer</p></div>");
  const body = /** @type {HTMLElement} */ (doc.getElementById("body"));
  renderAnswer(body, /** @type {any} */ (RESULT), ROOT);
  const parts = [...body.children].map((node) => `${node.tagName} ${node.className}`.trim());
  // No chart (chart_svg is null); the caveat is left out: the why says it already.
  assert.deepEqual(parts, ["P kl-summary", "DIV kl-table-scroll", "P kl-why", "P kl-see-clinician", "P", "UL kl-links", "P kl-disclaimer"]);
  // A "%" keeps a no-break space before it, so it never wraps alone onto a line.
  assert.equal(body.querySelector(".kl-summary")?.textContent, RESULT.summary.replace("10 %", "10\u00a0%"));
  // The red flags are linked once, from the clinician note; the other page under "Read more".
  const links = [...body.querySelectorAll("a")].map((a) => [a.textContent, a.href]);
  assert.deepEqual(links, [
    ["when to see a clinician", "https://kneeload.test/red-flags.html"],
    ["Load progression", "https://kneeload.test/prevention/load-progression.html"],
  ]);
  assert.equal(body.querySelector(".kl-see-clinician")?.textContent, "Some of your answers are signs to get checked: see when to see a clinician.");
});

test("the table is a named, focusable region; a flagged row says so in bold with an icon, not colour alone", () => {
  const doc = page("<div id=body></div>");
  const body = /** @type {HTMLElement} */ (doc.getElementById("body"));
  renderAnswer(body, /** @type {any} */ (RESULT), ROOT);
  const region = /** @type {HTMLElement} */ (body.querySelector(".kl-table-scroll"));
  assert.equal(region.getAttribute("role"), "region");
  assert.equal(region.getAttribute("aria-label"), "Each week against the week before");
  assert.equal(region.tabIndex, 0);
  assert.equal(region.querySelector("caption")?.textContent, "Each week against the week before");
  assert.deepEqual([...region.querySelectorAll("thead th")].map((th) => [th.textContent, th.getAttribute("scope")]), [
    ["Week", "col"], ["Volume", "col"], ["Change", "col"],
  ]);
  const [plain, flagged] = region.querySelectorAll("tbody tr");
  assert.equal(plain.className, "");
  assert.equal(plain.querySelector("th")?.getAttribute("scope"), "row");
  assert.equal(flagged.className, "kl-over");
  const strong = flagged.querySelector("td:last-child strong");
  assert.equal(strong?.textContent, "▲ +18.2\u00a0%: over");
  assert.equal(strong?.querySelector("span")?.getAttribute("aria-hidden"), "true");
});

test("a result without clinician note shows its caveat and links the red flags under Read more", () => {
  const doc = page("<div id=body></div>");
  const body = /** @type {HTMLElement} */ (doc.getElementById("body"));
  const result = { ...RESULT, why: "Within the limit.", see_clinician: false, table: null, chart_svg: "<svg><title>Weeks</title></svg>" };
  renderAnswer(body, /** @type {any} */ (result), ROOT);
  const parts = [...body.children].map((node) => node.className);
  assert.deepEqual(parts, ["kl-summary", "kl-chart-figure", "kl-why", "kl-caveat", "", "kl-links", "kl-disclaimer"]);
  assert.equal(body.querySelector("figure svg title")?.textContent, "Weeks");
  assert.deepEqual([...body.querySelectorAll(".kl-links a")].map((a) => a.textContent), ["When to see a clinician", "Load progression"]);
});

test("each problem is shown at its field and in a linked summary; clearing takes them away", () => {
  const doc = page(RAMP_FORM);
  const form = /** @type {HTMLFormElement} */ (doc.querySelector("form"));
  fill(doc, { "week-1": "20", "week-2": "-3" });
  showErrors(form, [
    { field: "weeks[1]", message: "Week 2 can't be negative." },
    { field: "unit", message: "Choose a unit." },
    { field: "request", message: "Something went wrong." },
  ]);
  const week2 = /** @type {HTMLElement} */ (doc.getElementById("week-2"));
  assert.equal(week2.getAttribute("aria-invalid"), "true");
  assert.equal(week2.getAttribute("aria-describedby"), "week-2-error");
  assert.equal(doc.getElementById("week-2-error")?.textContent, "Week 2 can't be negative.");
  assert.equal(week2.nextElementSibling?.id, "week-2-error");
  assert.equal(doc.getElementById("unit-error")?.textContent, "Choose a unit.");
  const summary = /** @type {HTMLElement} */ (form.querySelector("[data-error-summary]"));
  assert.equal(summary.hidden, false);
  assert.equal(doc.activeElement, summary);
  const items = [...summary.querySelectorAll("li")].map((li) => [li.textContent, li.querySelector("a")?.getAttribute("href") ?? null]);
  assert.deepEqual(items, [
    ["Week 2 can't be negative.", "#week-2"],
    ["Choose a unit.", "#unit"],
    ["Something went wrong.", null],
  ]);
  /** @type {HTMLElement} */ (summary.querySelector("a")).click();
  assert.equal(doc.activeElement, week2);

  clearErrors(form);
  assert.equal(summary.hidden, true);
  assert.equal(doc.getElementById("week-2-error"), null);
  assert.equal(form.querySelectorAll("[aria-invalid]").length, 0);
});

/** A red-flags result at the emergency level, shaped as calculator/protocol.py documents it. */
const EMERGENCY = {
  ...RESULT,
  summary: "Your answers point to getting help now: call 999 (112 in much of Europe) or go to A&E.",
  table: null,
  level: "emergency",
  level_label: "Emergency: get help now",
  heading: "Call 999 or go to A&E now",
  action: "Call 999 (112 in much of Europe) or go to A&E now.",
  watch: "Do not wait to see whether it settles.",
  calls: [{ number: "999", label: "999 (UK)" }, { number: "112", label: "112 (most of Europe)" }],
};

test("a red-flags answer shows its care card right after the summary: level, icon, what to do, tel: links", () => {
  const doc = page("<div id=body></div>");
  const body = /** @type {HTMLElement} */ (doc.getElementById("body"));
  renderAnswer(body, /** @type {any} */ (EMERGENCY), ROOT);
  const card = /** @type {HTMLElement} */ (body.children[1]);
  assert.equal(card.className, "kl-care-card kl-care-emergency");
  assert.equal(card.querySelector(".kl-care-level")?.textContent, "⚠ Emergency: get help now");
  assert.equal(card.querySelector(".kl-care-level span")?.getAttribute("aria-hidden"), "true");
  assert.equal(card.querySelector(".kl-care-heading")?.textContent, "Call 999 or go to A&E now");
  assert.deepEqual([...card.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]), [
    ["Call 999 (UK)", "tel:999"],
    ["Call 112 (most of Europe)", "tel:112"],
  ]);
});

test("a where answer with a red flag shows the red-flags check's care card; one without shows none", () => {
  const doc = page("<div id=body></div>");
  const body = /** @type {HTMLElement} */ (doc.getElementById("body"));
  const urgency = { ...EMERGENCY, level: "urgent", level_label: "Urgent: get seen today", calls: [{ number: "111", label: "111 (NHS 111, UK)" }] };
  renderAnswer(body, /** @type {any} */ ({ ...RESULT, urgency }), ROOT);
  assert.equal(body.querySelector(".kl-care-card")?.className, "kl-care-card kl-care-urgent");
  assert.equal(body.querySelector(".kl-care-card a")?.getAttribute("href"), "tel:111");
  renderAnswer(body, /** @type {any} */ ({ ...RESULT, urgency: null }), ROOT);
  assert.equal(body.querySelector(".kl-care-card"), null);
});
