// A page for the unit tests: jsdom (pinned in package.json), with the markup a test gives.

import { JSDOM } from "jsdom";

/**
 * A document holding `markup` in its body, at https://kneeload.test/calculator/ramp.html.
 * @param {string} markup
 * @returns {Document}
 */
export function page(markup) {
  return new JSDOM(`<!doctype html><html><body>${markup}</body></html>`, {
    url: "https://kneeload.test/calculator/ramp.html",
  }).window.document;
}

/** The ramp page's form as the build renders it (docs/calculator/ramp.md, two units, two profiles). */
export const RAMP_FORM = `
<form id="ramp-form" data-calculator="ramp" novalidate>
  <fieldset>
    <legend>Weekly running, oldest week first</legend>
    <ol data-repeat="weeks">
      <li><label for="week-1">Week 1</label> <input id="week-1" name="weeks" data-kind="numbers" type="text"></li>
      <li><label for="week-2">Week 2</label> <input id="week-2" name="weeks" data-kind="numbers" type="text"></li>
      <li><label for="week-3">Week 3</label> <input id="week-3" name="weeks" data-kind="numbers" type="text"></li>
    </ol>
    <button type="button" data-add="weeks">Add a week</button>
    <button type="button" data-remove="weeks">Remove the last week</button>
  </fieldset>
  <select id="unit" name="unit"><option value="km">km</option><option value="mi">miles</option></select>
  <select id="profile" name="profile"><option value="standard">Standard</option><option value="custom">Custom</option></select>
  <p data-show-if="profile=custom"><label for="limit_pct">Your own limit</label>
    <input id="limit_pct" name="limit_pct" data-kind="number" data-optional type="text"></p>
  <div data-error-summary hidden tabindex="-1"><ul data-error-list></ul></div>
  <p data-form-error hidden></p>
  <button type="submit">Check my weeks</button>
</form>`;

/**
 * Type into a form's fields by id.
 * @param {Document} doc
 * @param {Record<string, string>} values id -> text
 */
export function fill(doc, values) {
  for (const [id, value] of Object.entries(values)) {
    /** @type {HTMLInputElement} */ (doc.getElementById(id)).value = value;
  }
}
