// Wires every calculator form of a page ([data-calculator]) to the calculator runtime.
// Loaded only by pages whose front matter declares `calculator:` (see overrides/main.html).
//
// The calculator validates and answers, and shapes its own answer (summary, why, table, chart,
// links); this file only reads the fields into a protocol request, shows progress, puts errors
// at their fields, renders the answer, and keeps the inputs in the page's URL for sharing.
//
// Field conventions (set by the page's HTML, which the build renders from the calculator's rules):
//   name="weeks" data-kind="numbers"   repeated inputs -> an array (empty trailing fields dropped)
//   name="loads" data-kind="number-list"  one textarea -> an array ("5, 0, 8" or one per line)
//   name="current" data-kind="number"  -> a number (data-optional: left out when empty)
//   name="answers.locked" type=checkbox -> {"answers": {"locked": true|false}}
//   name="features" type=checkbox data-kind="list" -> ["swelling", ...] (the checked values)
//   select, radio, text, date          -> the value as a string (data-optional: left out when empty)

import { startCalculator } from "./calculator.js";

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** What the reader typed, as a number when it reads as one ("22,5" too), else as typed. */
export function readNumber(text) {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return NUMBER.test(trimmed) ? Number(trimmed.replace(",", ".")) : trimmed;
}

/** Numbers from repeated fields; empty fields after the last filled one are left out. */
export function readNumbers(texts) {
  const values = texts.map(readNumber);
  while (values.length > 1 && values.at(-1) === null) values.pop();
  return values;
}

/**
 * Numbers from one text, separated by spaces, new lines, semicolons or ", ". A bare comma is a
 * decimal comma when those separators are used ("12,5; 13"), else a separator ("10,12,11").
 */
export function readNumberList(text) {
  const separator = /[\s;]/.test(text.trim()) ? /[\s;]+|,\s+/ : /,/;
  return text.split(separator).filter((part) => part !== "").map(readNumber);
}

function setPath(request, name, value) {
  const parts = name.split(".");
  let target = request;
  for (const part of parts.slice(0, -1)) target = target[part] ??= {};
  target[parts.at(-1)] = value;
}

function namedFields(form) {
  return [...form.elements].filter((element) => element.name && !element.disabled);
}

/** The protocol request a form stands for. */
export function readForm(form) {
  const request = { check: form.dataset.calculator };
  const done = new Set();
  for (const element of namedFields(form)) {
    const { name } = element;
    const kind = element.dataset.kind;
    if (done.has(name)) continue;
    if (kind === "numbers") {
      done.add(name);
      setPath(request, name, readNumbers(namedFields(form).filter((e) => e.name === name).map((e) => e.value)));
    } else if (kind === "list") {
      done.add(name);
      setPath(request, name, namedFields(form).filter((e) => e.name === name && e.checked).map((e) => e.value));
    } else if (element.type === "checkbox") {
      setPath(request, name, element.checked);
    } else if (element.type === "radio") {
      if (element.checked) setPath(request, name, element.value);
    } else if (kind === "number-list") {
      setPath(request, name, readNumberList(element.value));
    } else if (element.value.trim() === "" && element.dataset.optional !== undefined) {
      continue;
    } else if (kind === "number") {
      setPath(request, name, readNumber(element.value));
    } else if (element.tagName !== "BUTTON") {
      setPath(request, name, element.value);
    }
  }
  return request;
}

// --- repeated fields (the ramp's weeks) -------------------------------------------------------

function addRepeat(list, focus = true) {
  const template = list.firstElementChild;
  const number = list.children.length + 1;
  const item = template.cloneNode(true);
  const input = item.querySelector("input");
  const label = item.querySelector("label");
  input.id = input.id.replace(/\d+$/, String(number));
  input.value = "";
  input.removeAttribute("aria-invalid");
  input.removeAttribute("aria-describedby");
  label.htmlFor = input.id;
  label.textContent = label.textContent.replace(/\d+$/, String(number));
  item.querySelectorAll(".kl-field-error").forEach((note) => note.remove());
  list.append(item);
  if (focus) input.focus();
  return input;
}

function wireRepeats(form) {
  form.querySelectorAll("[data-repeat]").forEach((list) => {
    form.querySelector(`[data-add="${list.dataset.repeat}"]`)?.addEventListener("click", () => addRepeat(list));
    form.querySelector(`[data-remove="${list.dataset.repeat}"]`)?.addEventListener("click", () => {
      if (list.children.length > 1) list.lastElementChild.remove();
      list.lastElementChild.querySelector("input").focus();
    });
  });
}

// --- fields shown only when another field says so (data-show-if="profile=custom" or "answers.injury")

function wireConditionalFields(form) {
  const blocks = [...form.querySelectorAll("[data-show-if]")];
  const update = () => blocks.forEach((block) => {
    const [name, value] = block.dataset.showIf.split("=");
    const field = form.elements.namedItem(name);
    const shown = value === undefined ? Boolean(field?.checked) : field?.value === value;
    block.hidden = !shown;
    // A hidden field is disabled too, so it is neither sent nor kept in the URL.
    block.querySelectorAll("input, select, textarea").forEach((input) => { input.disabled = !shown; });
  });
  form.addEventListener("change", update);
  return update;
}

// --- inputs kept in the URL -------------------------------------------------------------------

/** The form's inputs as URL parameters (only what the reader filled in). */
export function formToParams(form) {
  const params = new URLSearchParams();
  for (const element of namedFields(form)) {
    if (element.type === "checkbox") {
      if (element.checked) params.append(element.name, element.dataset.kind === "list" ? element.value : "yes");
    } else if (element.type === "radio") {
      if (element.checked) params.append(element.name, element.value);
    } else if (element.value.trim() !== "" && element.tagName !== "BUTTON" && element.type !== "hidden") {
      params.append(element.name, element.value);
    }
  }
  return params;
}

/** Fill a form from URL parameters; true if anything was filled. */
export function paramsToForm(form, params) {
  let filled = false;
  const names = new Set([...form.elements].filter((element) => element.name).map((element) => element.name));
  for (const name of new Set(params.keys())) {
    if (!names.has(name)) continue;
    const values = params.getAll(name);
    const fields = [...form.elements].filter((element) => element.name).filter((element) => element.name === name);
    const list = fields[0].closest("[data-repeat]");
    if (list) while (fields.length < values.length) fields.push(addRepeat(list, false));
    fields.forEach((element, index) => {
      if (element.type === "checkbox") element.checked = element.dataset.kind === "list" ? values.includes(element.value) : true;
      else if (element.type === "radio") element.checked = values.includes(element.value);
      else if (index < values.length) element.value = values[index];
    });
    filled = true;
  }
  return filled;
}

// --- errors at their fields -------------------------------------------------------------------

/** The element a protocol field path points at: "weeks[1]", "answers.locked", "loads[4]", "unit". */
function fieldElement(form, field) {
  const match = /^([\w.]+?)(?:\[(\d+)\])?$/.exec(field || "");
  if (!match) return null;
  const fields = namedFields(form).filter((element) => element.name === match[1]);
  if (!fields.length) return null;
  const index = match[2] === undefined ? 0 : Number(match[2]);
  return fields[0].dataset.kind === "numbers" ? fields[index] || fields[0] : fields[0];
}

function clearErrors(form) {
  form.querySelectorAll(".kl-field-error[data-for]").forEach((element) => element.remove());
  form.querySelectorAll("[aria-invalid]").forEach((element) => {
    element.removeAttribute("aria-invalid");
    element.removeAttribute("aria-describedby");
  });
  form.querySelector("[data-error-summary]").hidden = true;
  form.querySelector("[data-form-error]").hidden = true;
}

function errorNote(target, message) {
  const anchor = target.type === "checkbox" || target.type === "radio" ? target.closest("fieldset") || target : target;
  const id = `${target.id || target.name.replace(/\W/g, "-")}-error`;
  let note = document.getElementById(id);
  if (!note) {
    note = document.createElement("p");
    note.className = "kl-field-error";
    note.id = id;
    note.dataset.for = target.id;
    anchor.after(note);
  }
  note.textContent = note.textContent ? `${note.textContent} ${message}` : message;
  target.setAttribute("aria-invalid", "true");
  target.setAttribute("aria-describedby", id);
}

function showErrors(form, errors) {
  const summary = form.querySelector("[data-error-summary]");
  const list = summary.querySelector("[data-error-list]");
  list.replaceChildren();
  for (const { field, message } of errors) {
    const target = fieldElement(form, field);
    const item = document.createElement("li");
    if (target) {
      errorNote(target, message);
      const link = document.createElement("a");
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

// --- the answer -------------------------------------------------------------------------------

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const SITE_ROOT = new URL("../", import.meta.url);  // this file is <site>/javascripts/

/** The address of a docs page in the built site ("conditions/bursitis.md" -> .../conditions/bursitis.html). */
function pageHref(page) {
  return new URL(page.replace(/\.md$/, ".html"), SITE_ROOT).href;
}

function renderTable(table) {
  const node = element("table");  // no class: Material styles plain tables
  node.append(element("caption", table.caption));
  const head = node.createTHead().insertRow();
  table.columns.forEach((column) => {
    const cell = element("th", column);
    cell.scope = "col";
    head.append(cell);
  });
  const body = node.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    if (row.flagged) tr.className = "kl-over";
    row.cells.forEach((text, index) => {
      const cell = element(index === 0 ? "th" : "td");
      if (index === 0) cell.scope = "row";
      if (row.flagged && index === row.cells.length - 1) {
        // Marked by an icon, bold text and the words, not by colour alone.
        const strong = element("strong");
        strong.append(element("span", "▲ "), text);
        strong.firstChild.setAttribute("aria-hidden", "true");
        cell.append(strong);
      } else {
        cell.textContent = text;
      }
      tr.append(cell);
    });
  }
  const wrapper = element("div", undefined, "kl-table-scroll");
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", table.caption);
  wrapper.append(node);
  return wrapper;
}

/** Render a result: summary, chart, table, why, caveat, links, clinician link, disclaimer. */
export function renderAnswer(body, result) {
  const parts = [element("p", result.summary, "kl-summary")];
  if (result.chart_svg) {
    const figure = element("figure", undefined, "kl-chart-figure");
    figure.innerHTML = result.chart_svg; // drawn and escaped by the calculator (calculator/charts.py)
    parts.push(figure);
  }
  if (result.table) parts.push(renderTable(result.table));
  if (result.why) parts.push(element("p", result.why, "kl-why"));
  if (result.caveat && !result.why?.includes(result.caveat)) parts.push(element("p", result.caveat, "kl-caveat"));
  if (result.see_clinician) {
    const note = element("p", "Some of your answers are signs to get checked: see ", "kl-see-clinician");
    const link = element("a", "when to see a clinician");
    link.href = pageHref("red-flags.md");
    note.append(link, ".");
    parts.push(note);
  }
  // With the clinician note shown, the red flags page is linked once, there.
  const links = (result.links ?? []).filter(({ page }) => !(result.see_clinician && page === "red-flags.md"));
  if (links.length) {
    const list = element("ul", undefined, "kl-links");
    for (const { title, page } of links) {
      const item = element("li");
      const link = element("a", title);
      link.href = pageHref(page);
      item.append(link);
      list.append(item);
    }
    parts.push(element("p", "Read more:"), list);
  }
  if (result.disclaimer) parts.push(element("p", result.disclaimer, "kl-disclaimer"));
  body.replaceChildren(...parts);
}

// --- wiring -----------------------------------------------------------------------------------

function html(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup.trim();
  return template.content.firstElementChild;
}

/** Give a form its status line, error summary and answer section (every calculator has them). */
function addCommonParts(form) {
  const check = form.dataset.calculator;
  form.prepend(
    html('<p class="kl-status" role="status" aria-live="polite" data-calculator-status></p>'),
    html('<div class="kl-error-summary" data-error-summary role="alert" tabindex="-1" hidden>'
      + '<h2>Please check your entries</h2><ul data-error-list></ul></div>'),
    html('<p class="kl-field-error" data-form-error hidden></p>'),
  );
  const section = html(`<section class="kl-answer" id="${check}-answer" aria-labelledby="${check}-answer-heading"`
    + ` data-answer-for="${check}" hidden><h2 id="${check}-answer-heading" tabindex="-1"></h2>`
    + "<div data-answer-body></div></section>");
  section.querySelector("h2").textContent = form.dataset.answerHeading || "Your answer";
  form.after(section);
}

function wireForm(form, calculator) {
  const section = document.querySelector(`[data-answer-for="${form.dataset.calculator}"]`);
  wireRepeats(form);
  // The reader's own date (YYYY-MM-DD in their time zone), for answers that give dates.
  form.querySelectorAll("[data-today]").forEach((input) => { input.value = new Date().toLocaleDateString("en-CA"); });
  form.updateConditionalFields = wireConditionalFields(form);
  form.updateConditionalFields();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    form.setAttribute("aria-busy", "true");
    performance.mark("calculator-submit");
    try {
      const answer = await calculator.request(readForm(form));
      performance.mark("calculator-answer");
      if (!answer.ok) {
        section.hidden = true;
        showErrors(form, answer.errors);
        return;
      }
      renderAnswer(section.querySelector("[data-answer-body]"), answer.result);
      section.hidden = false;
      history.replaceState(null, "", `?${formToParams(form)}`);
      section.querySelector("h2").focus();
    } catch (error) {
      const note = form.querySelector("[data-form-error]");
      note.textContent = error.message;
      note.hidden = false;
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}

function main() {
  const forms = [...document.querySelectorAll("form[data-calculator]")];
  if (!forms.length) return;
  forms.forEach(addCommonParts);
  const statuses = document.querySelectorAll("[data-calculator-status]");
  const say = (text) => statuses.forEach((status) => { status.textContent = text; });
  say("Loading the calculator…");
  const calculator = startCalculator({ onProgress: ({ label }) => say(`Loading the calculator: ${label}…`) });
  forms.forEach((form) => wireForm(form, calculator));
  const params = new URLSearchParams(location.search);
  const restored = forms.filter((form) => paramsToForm(form, params));
  restored.forEach((form) => form.updateConditionalFields());
  calculator.ready.then(
    () => {
      performance.mark("calculator-ready");
      say("The calculator is ready.");
      forms.forEach((form) => { form.dataset.state = "ready"; });
      restored.forEach((form) => form.requestSubmit());
    },
    (error) => {
      say(error.message);
      forms.forEach((form) => { form.dataset.state = "failed"; });
    },
  );
}

main();
