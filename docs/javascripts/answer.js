// What the calculator answered, shown on the page: the result (summary, chart, table, why,
// caveat, links, clinician link, disclaimer), or each problem at its field with a summary.
// Nothing runs on import; elements are made with the document of the element given.

/** @import { Care, FieldError, Result, Table } from "./protocol" */
/** @import { Field } from "./form.js" */

import { namedFields } from "./form.js";

/** The built site's root: this file is <site>/javascripts/answer.js. */
export const SITE_ROOT = new URL("../", import.meta.url);

/**
 * The address of a docs page in the built site ("conditions/bursitis.md" -> <root>conditions/bursitis.html).
 * @param {string} page docs-relative, as the protocol's links give it
 * @param {URL | string} [root] the site's root
 * @returns {string}
 */
export function pageHref(page, root = SITE_ROOT) {
  return new URL(page.replace(/\.md$/, ".html"), root).href;
}

/**
 * Text as the page sets it: a "%" never wraps alone onto a line ("10 %" keeps a no-break space).
 * @param {string} text
 * @returns {string}
 */
export function typeset(text) {
  return text.replace(/ %/g, "\u00a0%");
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [text]
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(doc, tag, text, className) {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = typeset(text);
  if (className) node.className = className;
  return node;
}

/**
 * The answer's table, in a focusable scrolling region named by its caption.
 * @param {Document} doc
 * @param {Table} table
 * @returns {HTMLDivElement}
 */
export function renderTable(doc, table) {
  const node = element(doc, "table"); // no class: Material styles plain tables
  node.append(element(doc, "caption", table.caption));
  const head = node.createTHead().insertRow();
  table.columns.forEach((column) => {
    const cell = element(doc, "th", column);
    cell.scope = "col";
    head.append(cell);
  });
  const body = node.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    if (row.flagged) tr.className = "kl-over";
    row.cells.forEach((text, index) => {
      const cell = element(doc, index === 0 ? "th" : "td");
      if (index === 0) /** @type {HTMLTableCellElement} */ (cell).scope = "row";
      else cell.dataset.label = table.columns[index] ?? ""; // its column, shown beside it on a phone
      if (row.flagged && index === row.cells.length - 1) {
        // Marked by an icon, bold text and the words, not by colour alone.
        const strong = element(doc, "strong");
        const icon = element(doc, "span", "▲ ");
        icon.setAttribute("aria-hidden", "true");
        strong.append(icon, typeset(text));
        cell.append(strong);
      } else {
        cell.textContent = typeset(text);
      }
      tr.append(cell);
    });
  }
  const wrapper = element(doc, "div", undefined, "kl-table-scroll");
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", table.caption);
  wrapper.append(node);
  return wrapper;
}

/** Each care level's icon: with its words and border, a level is never told by colour alone. */
const CARE_ICONS = { emergency: "⚠", urgent: "◆", soon: "●", "self-care": "✓" };

/**
 * The care level a result brings: the red-flags result itself, or a where result's urgency.
 * @param {Result} result
 * @returns {Care | null}
 */
export function careOf(result) {
  const care = typeof result.heading === "string" ? result : result.urgency;
  if (!care || typeof care !== "object") return null;
  const level = /** @type {Care} */ (care);
  return level.level in CARE_ICONS && Array.isArray(level.calls) ? level : null;
}

/**
 * The care card: the level in words with its icon, what to do and where, each number to call as a
 * tel: link, and what would change the answer.
 * @param {Document} doc
 * @param {Care} care
 * @returns {HTMLDivElement}
 */
export function renderCareCard(doc, care) {
  const card = element(doc, "div", undefined, `kl-care-card kl-care-${care.level}`);
  const level = element(doc, "p", undefined, "kl-care-level");
  const icon = element(doc, "span", `${CARE_ICONS[care.level]} `);
  icon.setAttribute("aria-hidden", "true");
  level.append(icon, care.level_label);
  card.append(level, element(doc, "p", care.heading, "kl-care-heading"), element(doc, "p", care.action));
  if (care.calls.length) {
    const calls = element(doc, "p", undefined, "kl-care-calls");
    for (const call of care.calls) {
      const link = element(doc, "a", `Call ${call.label}`);
      link.href = `tel:${call.number}`;
      calls.append(link);
    }
    card.append(calls);
  }
  card.append(element(doc, "p", care.watch, "kl-care-watch"));
  return card;
}

/**
 * Render a result into the answer's body: summary, chart, table, why, caveat (unless the why
 * says it already), clinician note, links (the red flags once), disclaimer.
 * @param {Element} body the answer section's [data-answer-body]
 * @param {Result} result
 * @param {URL | string} [root] the site's root, for links
 */
export function renderAnswer(body, result, root = SITE_ROOT) {
  const doc = /** @type {Document} */ (body.ownerDocument);
  /** @type {Element[]} */
  const parts = [element(doc, "p", result.summary, "kl-summary")];
  const care = careOf(result);
  if (care) parts.push(renderCareCard(doc, care));
  // Notes the calculator adds (a figure far beyond what runners do, a week within the limit only
  // by rounding, a last week that may be unfinished): right under the summary, where they are read.
  if (result.notes?.length) {
    const notes = element(doc, "ul", undefined, "kl-notes");
    for (const note of result.notes) notes.append(element(doc, "li", note));
    parts.push(notes);
  }
  if (result.chart_svg) {
    const figure = element(doc, "figure", undefined, "kl-chart-figure");
    figure.innerHTML = result.chart_svg; // drawn and escaped by the calculator (calculator/charts.py)
    parts.push(figure);
  }
  if (result.table) parts.push(renderTable(doc, result.table));
  if (result.why) parts.push(element(doc, "p", result.why, "kl-why"));
  if (result.caveat && !result.why?.includes(result.caveat)) parts.push(element(doc, "p", result.caveat, "kl-caveat"));
  if (result.see_clinician) {
    const note = element(doc, "p", "Some of your answers are signs to get checked: see ", "kl-see-clinician");
    const link = element(doc, "a", "when to see a clinician");
    link.href = pageHref("red-flags.md", root);
    note.append(link, ".");
    parts.push(note);
  }
  // With the clinician note shown, the red flags page is linked once, there.
  const links = (result.links ?? []).filter(({ page }) => !(result.see_clinician && page === "red-flags.md"));
  if (links.length) {
    const list = element(doc, "ul", undefined, "kl-links");
    for (const { title, page } of links) {
      const item = element(doc, "li");
      const link = element(doc, "a", title);
      link.href = pageHref(page, root);
      item.append(link);
      list.append(item);
    }
    parts.push(element(doc, "p", "Read more:"), list);
  }
  if (result.disclaimer) parts.push(element(doc, "p", result.disclaimer, "kl-disclaimer"));
  body.replaceChildren(...parts);
}

// --- errors at their fields -------------------------------------------------------------------

/**
 * The field a protocol error's path points at: "weeks[1]", "answers.locked", "loads[4]", "unit".
 * @param {HTMLFormElement} form
 * @param {string | null} field
 * @returns {Field | null}
 */
export function fieldElement(form, field) {
  const match = /^([\w.]+?)(?:\[(\d+)\])?$/.exec(field || "");
  if (!match) return null;
  const fields = namedFields(form).filter((element) => element.name === match[1]);
  if (!fields.length) return null;
  const index = match[2] === undefined ? 0 : Number(match[2]);
  return fields[0].dataset.kind === "numbers" ? fields[index] || fields[0] : fields[0];
}

/**
 * Take away the notes and marks of the last answer's errors.
 * @param {HTMLFormElement} form
 */
export function clearErrors(form) {
  form.querySelectorAll(".kl-field-error[data-for]").forEach((element) => element.remove());
  form.querySelectorAll("[aria-invalid]").forEach((element) => {
    element.removeAttribute("aria-invalid");
    element.removeAttribute("aria-describedby");
  });
  /** @type {HTMLElement} */ (form.querySelector("[data-error-summary]")).hidden = true;
  /** @type {HTMLElement} */ (form.querySelector("[data-form-error]")).hidden = true;
}

/**
 * Put a message under its field (a group's messages under its fieldset), tied to it for
 * screen readers; a second message for the same field joins the first.
 * @param {Field} target
 * @param {string} message
 */
function errorNote(target, message) {
  const doc = target.ownerDocument;
  const anchor = target.type === "checkbox" || target.type === "radio" ? target.closest("fieldset") || target : target;
  const id = `${target.id || target.name.replace(/\W/g, "-")}-error`;
  let note = doc.getElementById(id);
  if (!note) {
    note = doc.createElement("p");
    note.className = "kl-field-error";
    note.id = id;
    note.dataset.for = target.id;
    anchor.after(note);
  }
  note.textContent = note.textContent ? `${note.textContent} ${message}` : message;
  // A radio choice is one answer: the whole group is marked, and each of its buttons.
  const group = target.type === "radio" ? [...namedFields(/** @type {HTMLFormElement} */ (target.form))]
    .filter((field) => field.name === target.name) : [target];
  if (target.type === "radio" && anchor !== target) group.push(/** @type {Field} */ (/** @type {unknown} */ (anchor)));
  for (const field of group) {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", id);
  }
}

/**
 * Show every problem at its field and in the summary (each linked to its field), then focus
 * the summary.
 * @param {HTMLFormElement} form
 * @param {FieldError[]} errors
 */
export function showErrors(form, errors) {
  const doc = form.ownerDocument;
  const summary = /** @type {HTMLElement} */ (form.querySelector("[data-error-summary]"));
  const list = /** @type {HTMLElement} */ (summary.querySelector("[data-error-list]"));
  list.replaceChildren();
  for (const { field, message } of errors) {
    const target = fieldElement(form, field);
    const item = doc.createElement("li");
    if (target) {
      errorNote(target, message);
      const link = doc.createElement("a");
      link.href = `#${target.id}`;
      link.textContent = message;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        target.focus();
      });
      item.append(link);
    } else {
      item.textContent = message;
    }
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
}
