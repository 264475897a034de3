// The training log page's own parts: the drop zone that fills its file input, and what a history
// answer shows beyond every answer's parts (answer.js): the ramp and ACWR checks' charts with
// their summaries and caveat, the files that could not be read and the runs not counted, and links that fill the other
// calculators from the history. Nothing runs on import.

/** @import { Result } from "./protocol" */

import { pageHref, SITE_ROOT, typeset } from "./answer.js";

/**
 * "3 files (12.4 MB): export.zip, run.gpx, watch.fit"
 * @param {ArrayLike<File>} files
 * @returns {string}
 */
export function chosenWords(files) {
  const list = [...Array.from(files)];
  if (!list.length) return "No files chosen yet.";
  const bytes = list.reduce((sum, file) => sum + file.size, 0);
  const names = list.slice(0, 5).map((file) => file.name).join(", ") + (list.length > 5 ? `, and ${list.length - 5} more` : "");
  const size = bytes < 1e6 ? `${Math.ceil(bytes / 1e3)}\u00a0kB` : `${(bytes / 1e6).toFixed(1)}\u00a0MB`;
  return `${list.length} ${list.length === 1 ? "file" : "files"} (${size}): ${names}.`;
}

/**
 * Say whether a drag carries files and happens outside the zone: the browser would open a file
 * dropped there in place of the page, losing it.
 * @param {DragEvent} event
 * @param {HTMLElement} zone
 * @returns {boolean}
 */
export function isFileDragBeside(event, zone) {
  const target = event.target;
  const inside = target instanceof Node && zone.contains(target);
  return !inside && Boolean(event.dataTransfer?.types.includes("Files"));
}

/**
 * Let files be dropped on the form's [data-drop-zone]: they become its file input's files, as if
 * picked. Files dropped anywhere else on the page are refused (the "no drop" cursor), instead of
 * the browser opening one of them in place of the page.
 * @param {HTMLFormElement} form
 */
export function wireDropZone(form) {
  const zone = /** @type {HTMLElement} */ (form.querySelector("[data-drop-zone]"));
  const input = /** @type {HTMLInputElement} */ (zone.querySelector('input[type="file"]'));
  const said = /** @type {HTMLElement} */ (form.querySelector("[data-chosen]"));
  const show = () => { said.textContent = chosenWords(input.files ?? []); };
  /** @param {DragEvent} event */
  const refuseBeside = (event) => {
    if (!isFileDragBeside(event, zone)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "none";
  };
  form.ownerDocument.addEventListener("dragover", refuseBeside);
  form.ownerDocument.addEventListener("drop", refuseBeside);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("kl-drop-over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("kl-drop-over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("kl-drop-over");
    const files = event.dataTransfer?.files;
    if (files?.length) {
      input.files = files;
      show();
    }
  });
  input.addEventListener("change", show);
  show();
}

/**
 * An element with its text (named apart from answer.js's own helper: a downloaded copy joins the
 * page's modules into one, hooks/offline.py).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} name
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function historyElement(doc, name, text) {
  const node = doc.createElement(name);
  if (text !== undefined) node.textContent = typeset(text);
  return node;
}

/**
 * The address of a calculator page with its form's inputs in the fragment, as the page reads them
 * (form.js inputsFromAddress): a list is one parameter per item, the ACWR's loads one line.
 * @param {string} page docs-relative
 * @param {Record<string, unknown>} fields a request's fields
 * @param {URL | string} root
 * @returns {string}
 */
export function fillHref(page, fields, root = SITE_ROOT) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (name === "loads" && Array.isArray(value)) params.append(name, value.join(", "));
    else if (Array.isArray(value)) value.forEach((item) => params.append(name, String(item)));
    else params.append(name, String(value));
  }
  return `${pageHref(page, root)}#${params}`;
}

/** The calculators a history fills, with what the link says. */
const FILLS = /** @type {const} */ ([
  ["ramp", "calculator/ramp.md", "Weekly ramp check, with your last 12 weeks"],
  ["acwr", "calculator/acwr.md", "Acute:chronic workload ratio, with your last 56 days"],
  ["spike", "calculator/spike.md", "Long-run spike check, with your longest run of the last 30 days"],
]);

/**
 * Add a history answer's own parts after its summary (and notes): the load checks' charts, the
 * files that could not be read, and the links that fill the other calculators.
 * @param {Element} body the answer section's [data-answer-body], after renderAnswer
 * @param {Result} result the history check's result
 * @param {URL | string} [root]
 */
export function renderHistory(body, result, root = SITE_ROOT) {
  const doc = /** @type {Document} */ (body.ownerDocument);
  /** @type {Element[]} */
  const parts = [];
  const checks = /** @type {const} */ ([["ramp", "Weekly running against the limit"], ["acwr", "Acute:chronic workload ratio"]]);
  for (const [key, title] of checks) {
    const answer = /** @type {Result | null} */ (result[key]);
    if (!answer) continue;
    parts.push(historyElement(doc, "h3", title), historyElement(doc, "p", answer.summary));
    if (answer.chart_svg) {
      const figure = historyElement(doc, "figure");
      figure.className = "kl-chart-figure";
      figure.innerHTML = answer.chart_svg; // drawn and escaped by the calculator (calculator/charts.py)
      parts.push(figure);
    }
    if (answer.caveat) parts.push(Object.assign(historyElement(doc, "p", answer.caveat), { className: "kl-caveat" }));
  }
  const lists = /** @type {const} */ ([["problems", "Files, or rows of them, that could not be read"], ["left_out", "Runs not counted"]]);
  for (const [key, title] of lists) {
    const items = /** @type {{ file: string, message: string }[]} */ (result[key] ?? []);
    if (!items.length) continue;
    const list = historyElement(doc, "ul");
    items.forEach(({ message }) => list.append(historyElement(doc, "li", message)));
    parts.push(historyElement(doc, "h3", title), list);
  }
  const fill = /** @type {Record<string, Record<string, unknown>>} */ (result.fill ?? {});
  const links = historyElement(doc, "ul");
  for (const [key, page, words] of FILLS) {
    if (!fill[key]) continue;
    const item = historyElement(doc, "li");
    const link = historyElement(doc, "a", words);
    link.href = fillHref(page, fill[key], root);
    item.append(link);
    links.append(item);
  }
  if (links.children.length) parts.push(historyElement(doc, "h3", "Fill a calculator from this history"), links);
  const after = body.querySelector(".kl-notes") ?? body.querySelector(".kl-summary");
  if (after) after.after(...parts);
  else body.prepend(...parts);
}
