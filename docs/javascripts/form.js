// A calculator form: what it asks, read into a protocol request, and how its fields behave.
// Nothing runs on import and nothing here reaches for a global document: every function works on
// the form it is given (the unit tests give it one from jsdom).
//
// Field conventions (set by the page's HTML, which the build renders from the calculator's rules):
//   name="weeks" data-kind="numbers"   repeated inputs -> an array (empty trailing fields dropped)
//   name="loads" data-kind="number-list"  one textarea -> an array ("5, 0, 8" or one per line)
//   name="current" data-kind="number"  -> a number (data-optional: left out when empty)
//   name="answers.locked" type=checkbox -> {"answers": {"locked": true|false}}
//   name="features" type=checkbox data-kind="list" -> ["swelling", ...] (the checked values)
//   select, radio, text, date          -> the value as a string (data-optional: left out when empty)
//   name="files" type=file              -> the chosen files' names (the files go beside the request:
//                                          client.js's request(payload, { files }); see formFiles)

/** @import { Request } from "./protocol" */

/**
 * A form field: what form.elements holds, with a name and a value.
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement} Field
 */

/**
 * What the reader typed in one field; a number, when it reads as one.
 * @typedef {number | string | null} Typed
 */

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
// Thousands as exports write them: groups of three digits after commas ("1,234", "12,345.5"), or
// after points with a decimal comma ("1.234,5"). A comma followed by exactly three digits is never
// read as a decimal comma: when it cannot be thousands either ("1234,567"), it goes to the
// calculator as typed, which says it could be either (issue 10). "0,500" is 0.5: no thousands
// group follows a lone 0.
const COMMA_THOUSANDS = /^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const POINT_THOUSANDS = /^[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+$/;
const AMBIGUOUS = /^[+-]?[1-9]\d*,\d{3}$/;
// A word after an amount, as runners write units ("20 km", "20km", "12 miles", "45 min."), or a
// percent sign ("7,5 %", the ramp's own limit): letters only, so "3:10:00" and "1e3" are not
// amounts with units.
const UNIT_AFTER = /^(.*\d)\s*([A-Za-z]+|%)\.?$/;
// The unit words the calculator reads after an amount (calculator/units.py, UNIT_WORDS: a test
// keeps the two lists the same); any other word after a number is an entry of its own.
export const UNIT_WORDS = new Set(["km", "kms", "k", "kilometre", "kilometres", "kilometer", "kilometers",
  "mi", "mile", "miles", "min", "mins", "minute", "minutes", "au"]);
// Words of units the calculator does not read (calculator/units.py, OTHER_UNIT_WORDS: the same
// test keeps them equal): kept with their number too, so that the calculator's message names
// the amount ("20 m: m could be metres, miles or minutes") rather than a week of its own.
export const OTHER_UNIT_WORDS = new Set(["m", "metre", "metres", "meter", "meters", "h", "hr", "hrs", "hour",
  "hours", "s", "sec", "secs", "second", "seconds", "yd", "yds", "yard", "yards"]);
/** @param {string} part @returns {boolean} */
const isUnitWord = (part) => /^[A-Za-z]+\.?$/.test(part)
  && (UNIT_WORDS.has(part.replace(/\.$/, "").toLowerCase()) || OTHER_UNIT_WORDS.has(part.replace(/\.$/, "").toLowerCase()));

// Digits other keyboards type, as ASCII: Arabic-Indic, Persian and full-width (a Japanese or
// Chinese input method), with the Arabic decimal and thousands separators and the full-width
// point, comma and percent sign (the calculator reads the same: calculator/amounts.py, ascii_digits).
const OTHER_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19\u066A-\u066C\uFF0C\uFF0E\uFF05]/g;
/** @type {Record<string, string>} */
const OTHER_SIGNS = { "\u066B": ".", "\uFF0E": ".", "\u066C": ",", "\uFF0C": ",", "\uFF05": "%", "\u066A": "%" };

/**
 * @param {string} text
 * @returns {string} the text with other keyboards' digits and separators as ASCII ones ("２２．５" -> "22.5")
 */
export function asciiDigits(text) {
  return text.replace(OTHER_DIGITS, (sign) => {
    if (sign in OTHER_SIGNS) return OTHER_SIGNS[sign];
    const code = sign.charCodeAt(0);
    return String(code - (code >= 0xFF10 ? 0xFF10 : code >= 0x06F0 ? 0x06F0 : 0x0660));
  });
}

/**
 * What the reader typed, as a number when it reads as one ("22,5" too), else as typed (the
 * calculator says what is wrong with it); null for nothing.
 * @param {string} text
 * @returns {Typed}
 */
export function readNumber(text) {
  // A trailing separator is a slip ("20.00,"), as "20," always read as 20.
  const trimmed = asciiDigits(text).trim().replace(/(\d)[.,]+$/, "$1");
  if (trimmed === "") return null;
  // An amount written with its unit ("20 km", "22,5km"): the number read as below, the unit kept
  // beside it for the calculator, which reads it in the unit chosen and refuses another
  // (calculator/amounts.py, unit_written). A negative one goes as a number, told it can't be.
  const withUnit = UNIT_AFTER.exec(trimmed);
  if (withUnit) {
    const amount = readNumber(withUnit[1]);
    if (typeof amount === "number" && (amount < 0 || Object.is(amount, -0))) return amount;
    return `${amount} ${withUnit[2]}`;
  }
  const written = COMMA_THOUSANDS.test(trimmed)
    ? trimmed.replaceAll(",", "")
    : POINT_THOUSANDS.test(trimmed)
    ? trimmed.replaceAll(".", "").replace(",", ".")
    : !AMBIGUOUS.test(trimmed) && NUMBER.test(trimmed)
    ? trimmed.replace(",", ".")
    : null;
  const number = written === null ? NaN : Number(written);
  // Too many digits for a number here goes as typed too, and the calculator says what it is: 400
  // nines (Infinity, which JSON would send as null, "empty") too large, and 0.000...1 with 400
  // zeros (0 here: a rest day) too small.
  const underflow = number === 0 && /[1-9]/.test(trimmed);
  if (!Number.isFinite(number) || underflow) return trimmed;
  if (number < 0 || Object.is(number, -0)) return number; // (told it can't be negative)
  // A number whose digits as a number here are not those typed goes as plain text (a point for
  // decimals, no sign or leading zeros), as the command line sends it, so the calculator judges
  // it to the precision it was typed to: "22.00" would be 22, read as rounded to the kilometre,
  // and "22.0000000000000000001" too (more digits than a number here holds).
  const typed = /** @type {string} */ (written).replace(/^\+/, "").replace(/^\./, "0.").replace(/\.$/, "")
    .replace(/^0+(?=\d)/, "");
  return String(number) === typed ? number : typed;
}

/**
 * Numbers from repeated fields; empty fields after the last filled one are left out.
 * @param {string[]} texts
 * @returns {Typed[]}
 */
export function readNumbers(texts) {
  const values = texts.map(readNumber);
  while (values.length > 1 && values.at(-1) === null) values.pop();
  return values;
}

/**
 * Numbers from one text, as typed or pasted from a spreadsheet or an export. New lines, tabs and
 * semicolons separate cells, and an empty cell stays in its place as null ("5\n\n8" is 5, empty,
 * 8), so the calculator can say "Day 2 is empty" instead of every later day moving up one. Within
 * a cell, spaces, " / " and ", " separate numbers too. With none of those, bare commas separate
 * cells ("10,12,11"; "5,,8" keeps its empty cell); otherwise a bare comma is a decimal comma
 * ("12,5; 13") or a thousands separator ("1,200"; see readNumber). A word after a number is its
 * unit and stays with it ("20 km\n22 km", "20 km,22 km" and "20<tab>km\n22<tab>km" are two
 * weeks, not four).
 * @param {string} text
 * @returns {Typed[]}
 */
export function readNumberList(text) {
  // A separator at the end of a line ends nothing ("20; 22; 24;", "20,22,24,"): it used to add an
  // empty entry, told "is empty".
  const written = asciiDigits(text).replace(/\r\n?/g, "\n").split("\n")
    .map((line) => line.replace(/[ ,;]+$/, "")).join("\n").trimEnd();
  if (written.trim() === "") return [];
  if (!/[\s;]/.test(written)) return written.split(",").map(readNumber);
  /** @type {(string | null)[][]} */
  const lines = [];
  for (const line of written.split("\n")) {
    /** @type {(string | null)[]} */
    const amounts = [];
    for (const cell of line.split(/[\t;]/)) {
      // A comma right after a word ends an amount ("20 km,22 km"), as a comma and a space does.
      const parts = cell.replace(/([A-Za-z]\.?),/g, "$1 ").split(/,\s+|\s+/).filter((part) => part !== "" && part !== "/");
      if (parts.length === 0) amounts.push(null);
      for (const part of parts) {
        // A word after a number is its unit, not a number of its own: it stays with it, in the
        // same cell ("20 km") or the next (a spreadsheet's unit column: "20<tab>km").
        const last = amounts.at(-1);
        if (isUnitWord(part) && typeof last === "string" && /\d/.test(last)) amounts[amounts.length - 1] = `${last} ${part}`;
        else amounts.push(part);
      }
    }
    lines.push(amounts);
  }
  // Columns pasted from a spreadsheet (a day's number beside its load, km beside minutes, a
  // blank cell for a rest day): every line holds two cells or more, tab-separated. Read cell by
  // cell, every number was taken for a load, and the answer was wrong with no word of why (two
  // break tests); each line now goes whole, its cells tab-separated, and the calculator asks for
  // one column (calculator/checks/acwr.py). One line of cells is a row of loads, read as before.
  const rows = lines.filter((amounts) => amounts.some((amount) => amount !== null));
  if (rows.length >= 2 && rows.every((amounts) => amounts.length >= 2)
    && written.split("\n").filter((line) => line.trim()).every((line) => line.includes("\t"))) {
    return lines.map((amounts) => (amounts.some((amount) => amount !== null) ? amounts.map((amount) => amount ?? "").join("\t") : null));
  }
  return lines.flatMap((amounts) => amounts.map((amount) => (amount === null ? null : readNumber(amount))));
}

/**
 * Set a dotted name's value: ("answers.locked", true) -> {answers: {locked: true}}.
 * @param {Record<string, unknown>} request
 * @param {string} name
 * @param {unknown} value
 */
function setPath(request, name, value) {
  const parts = name.split(".");
  let target = request;
  for (const part of parts.slice(0, -1)) {
    target = /** @type {Record<string, unknown>} */ (target[part] ??= {});
  }
  target[parts[parts.length - 1]] = value;
}

/**
 * @param {Field} field
 * @returns {boolean} whether a checkbox or radio is ticked (false for any other field)
 */
function ticked(field) {
  return "checked" in field && field.checked;
}

/**
 * The form's fields that have a name, in order (disabled ones too).
 * @param {HTMLFormElement} form
 * @returns {Field[]}
 */
function allFields(form) {
  return /** @type {Field[]} */ ([...form.elements]).filter((element) => element.name);
}

/**
 * The fields the form sends: named and not disabled (a hidden block's fields are disabled).
 * @param {HTMLFormElement} form
 * @returns {Field[]}
 */
export function namedFields(form) {
  return allFields(form).filter((element) => !element.disabled);
}

/**
 * The files chosen in a form's file inputs (picked or dropped), in order; they stay on this device.
 * @param {HTMLFormElement} form
 * @returns {File[]}
 */
export function formFiles(form) {
  return /** @type {HTMLInputElement[]} */ (namedFields(form).filter((element) => element.type === "file"))
    .flatMap((input) => [...(input.files ?? [])]);
}

/**
 * The protocol request a form stands for.
 * @param {HTMLFormElement} form
 * @returns {Request}
 */
export function readForm(form) {
  /** @type {Request} */
  const request = { check: form.dataset.calculator ?? "" };
  const fields = namedFields(form);
  const done = new Set();
  for (const element of fields) {
    const { name } = element;
    const kind = element.dataset.kind;
    if (done.has(name)) continue;
    if (kind === "numbers") {
      done.add(name);
      setPath(request, name, readNumbers(fields.filter((e) => e.name === name).map((e) => e.value)));
    } else if (kind === "list") {
      done.add(name);
      setPath(request, name, fields.filter((e) => e.name === name && ticked(e)).map((e) => e.value));
    } else if (element.type === "checkbox") {
      setPath(request, name, ticked(element));
    } else if (element.type === "radio") {
      if (ticked(element)) setPath(request, name, element.value);
    } else if (element.type === "file") {
      setPath(request, name, formFiles(form).map((file) => file.name));
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

// --- inputs kept in the URL's fragment -------------------------------------------------------------------

/**
 * The form's inputs as URL parameters (only what the reader filled in).
 * @param {HTMLFormElement} form
 * @returns {URLSearchParams}
 */
export function formToParams(form) {
  const params = new URLSearchParams();
  for (const element of namedFields(form)) {
    if (element.type === "checkbox") {
      if (ticked(element)) params.append(element.name, element.dataset.kind === "list" ? element.value : "yes");
    } else if (element.type === "radio") {
      if (ticked(element)) params.append(element.name, element.value);
    } else if (element.value.trim() !== "" && element.tagName !== "BUTTON" && !["hidden", "file"].includes(element.type)) {
      params.append(element.name, element.value);
    }
  }
  return params;
}

/**
 * Fill a form from URL parameters (adding repeated fields as needed); true if anything was filled.
 * @param {HTMLFormElement} form
 * @param {URLSearchParams} params
 * @returns {boolean}
 */
export function paramsToForm(form, params) {
  let filled = false;
  const names = new Set(allFields(form).map((element) => element.name));
  for (const name of new Set(params.keys())) {
    if (!names.has(name)) continue;
    const values = params.getAll(name);
    /** @type {Field[]} */
    const fields = allFields(form).filter((element) => element.name === name);
    const list = fields[0].closest("[data-repeat]");
    if (list) while (fields.length < values.length) fields.push(addRepeat(list, false));
    fields.forEach((element, index) => {
      if (element.type === "file") return; // files are never in an address (a browser refuses to set them)
      // The reader's own date and time zone are theirs, not a link's (formToParams never writes them).
      if (element.type === "hidden") return;
      if (element.type === "checkbox" && "checked" in element) {
        // A link written by hand may say no ("answers.locked=no"): the box stays clear.
        element.checked = element.dataset.kind === "list" ? values.includes(element.value) : !NO.test(values[0] ?? "");
      } else if (element.type === "radio" && "checked" in element) element.checked = values.includes(element.value);
      else if (index < values.length) element.value = values[index];
    });
    filled = true;
  }
  return filled;
}

/** How a link written by hand says a box is not ticked. */
const NO = /^(no|false|0|off)$/i;

/** Query names the theme's search uses in a page's address (search.highlight, search.share). */
const THEME_QUERY = ["h", "q"];

/**
 * The inputs a page's address holds, and where it held them. Inputs live in the fragment
 * ("ramp.html#weeks=20&weeks=22&unit=km"): browsers never send a fragment to a server nor put it
 * in a Referer header. Links made before that kept them in the query ("?weeks=20..."): those are
 * still read, once, and `fromQuery` says the caller should move them (see inputsAddress).
 * Embed pages read their inputs with this too.
 * @param {{ search: string, hash: string }} address a Location or URL
 * @returns {{ params: URLSearchParams, fromQuery: boolean }}
 */
export function inputsFromAddress({ search, hash }) {
  // Only name=value pairs are inputs: a plain anchor ("#the-limits", "#unit") is not.
  const pairs = (/** @type {string} */ text) => new URLSearchParams(
    [...new URLSearchParams(text)].filter(([, value]) => value !== ""),
  );
  const fragment = pairs(hash.replace(/^#/, ""));
  if (fragment.toString() !== "") return { params: fragment, fromQuery: false };
  // The theme's own query (a search's words to highlight, ?h=, or to search, ?q=) is not an
  // input, and an address holding only that is left as it is.
  const query = pairs(search);
  for (const name of THEME_QUERY) query.delete(name);
  return { params: query, fromQuery: query.toString() !== "" };
}

/**
 * The page's own address holding these inputs in its fragment, with no query: what
 * history.replaceState is given after an answer, or when an old query link is read.
 * @param {{ pathname: string }} address a Location or URL (only its path is kept)
 * @param {URLSearchParams} params
 * @returns {string} "/calculator/ramp.html#weeks=20&weeks=22", or the bare path for no inputs
 */
export function inputsAddress({ pathname }, params) {
  const text = params.toString();
  return text ? `${pathname}#${text}` : pathname;
}

// --- repeated fields (the ramp's weeks) -------------------------------------------------------

/**
 * Add one more field to a repeated list (a copy of the first, numbered next); return its input.
 * @param {Element} list the [data-repeat] element
 * @param {boolean} [focus] move the focus to the new field
 * @returns {HTMLInputElement}
 */
export function addRepeat(list, focus = true) {
  const template = /** @type {Element} */ (list.firstElementChild);
  const number = list.children.length + 1;
  const item = /** @type {Element} */ (template.cloneNode(true));
  const input = /** @type {HTMLInputElement} */ (item.querySelector("input"));
  const label = /** @type {HTMLLabelElement} */ (item.querySelector("label"));
  input.id = input.id.replace(/\d+$/, String(number));
  input.value = "";
  input.removeAttribute("aria-invalid");
  input.removeAttribute("aria-describedby");
  label.htmlFor = input.id;
  label.textContent = (label.textContent ?? "").replace(/\d+$/, String(number));
  item.querySelectorAll(".kl-field-error").forEach((note) => note.remove());
  list.append(item);
  if (focus) input.focus();
  return input;
}

/**
 * Wire each repeated list's add and remove buttons ([data-add], [data-remove]).
 * @param {HTMLFormElement} form
 */
export function wireRepeats(form) {
  form.querySelectorAll("[data-repeat]").forEach((list) => {
    const repeat = /** @type {HTMLElement} */ (list).dataset.repeat;
    form.querySelector(`[data-add="${repeat}"]`)?.addEventListener("click", () => addRepeat(list));
    form.querySelector(`[data-remove="${repeat}"]`)?.addEventListener("click", () => {
      if (list.children.length > 1) list.lastElementChild?.remove();
      list.lastElementChild?.querySelector("input")?.focus();
    });
  });
}

// --- fields shown only when another field says so (data-show-if="profile=custom" or "answers.injury")

/**
 * Show each [data-show-if] block only while its condition holds, and disable its fields while
 * hidden (so they are neither sent nor kept in the URL). Returns the update, for a restored form.
 * @param {HTMLFormElement} form
 * @returns {() => void}
 */
export function wireConditionalFields(form) {
  const blocks = /** @type {HTMLElement[]} */ ([...form.querySelectorAll("[data-show-if]")]);
  const update = () => blocks.forEach((block) => {
    const [name, value] = (block.dataset.showIf ?? "").split("=");
    const field = /** @type {Field | null} */ (form.elements.namedItem(name));
    const shown = value === undefined ? Boolean(field && ticked(field)) : field?.value === value;
    block.hidden = !shown;
    block.querySelectorAll("input, select, textarea").forEach((input) => {
      /** @type {Field} */ (input).disabled = !shown;
    });
  });
  form.addEventListener("change", update);
  return update;
}
