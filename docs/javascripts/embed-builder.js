// The "Embed this calculator" page (docs/calculator/embed.md): the two snippets for the options
// chosen, with this site's own addresses, and the live preview (a frame made by embed.js).

import { inputsFromAddress } from "./form.js";

/**
 * @param {string} text
 * @returns {string} the text, safe inside an HTML attribute
 */
function escape(text) {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The embed page's address for these options.
 * @param {string} check
 * @param {string} theme "auto", "light" or "dark"
 * @param {string} pasted an address holding answers (a check's page after an answer), or ""
 * @param {string} here this page's address
 * @returns {string}
 */
export function embedAddress(check, theme, pasted, here) {
  const address = new URL(`../embed/${check}.html`, here);
  /** @type {URLSearchParams} */
  let params = new URLSearchParams();
  if (pasted.trim()) {
    try {
      params = inputsFromAddress(new URL(pasted.trim(), here)).params;
    } catch {
      // Not an address: no answers to fill in.
    }
  }
  params.delete("theme");
  if (theme !== "auto") params.append("theme", theme);
  address.hash = params.toString();
  return address.href;
}

/**
 * The check whose page a pasted address is (".../calculator/plan.html#current=20" is "plan"), if
 * it is one of *checks*; null for anything else (no address, another page).
 * @param {string} pasted
 * @param {string} here this page's address
 * @param {string[]} checks the checks that can be embedded
 * @returns {string | null}
 */
export function pastedCheck(pasted, here, checks) {
  if (!pasted.trim()) return null;
  let url;
  try {
    url = new URL(pasted.trim(), here);
  } catch {
    return null;
  }
  const name = url.pathname.replace(/\/(index\.html)?$/, "").split("/").at(-1)?.replace(/\.html$/, "") ?? "";
  return checks.includes(name) ? name : null;
}

/**
 * What the reader is told about a pasted address: nothing when it is empty or holds answers of
 * the check chosen; else why no answers will be filled in.
 * @param {string} pasted
 * @param {string} here this page's address
 * @returns {string}
 */
export function pastedNote(pasted, here) {
  if (!pasted.trim()) return "";
  try {
    if ([...inputsFromAddress(new URL(pasted.trim(), here)).params.keys()].some((name) => name !== "theme")) return "";
  } catch {
    // (not an address: said below)
  }
  return "No answers found in that address: answer the check on this site, then copy the address "
    + "from the browser's address bar (it holds the answers after the #).";
}

/**
 * The two snippets for a frame of this address.
 * @param {string} address the embed page's address
 * @param {string} title the check's name
 * @param {string} script embed.js's address
 * @returns {{ iframe: string, script: string }}
 */
export function snippets(address, title, script) {
  return {
    iframe: `<iframe src="${escape(address)}" title="${escape(title)} (kneeload)"\n`
      + '  style="width: 100%; height: 40rem; border: 0; frame-sizing: content-height"></iframe>',
    script: `<a data-kneeload-embed href="${escape(address)}">${escape(title)} on kneeload</a>\n`
      + `<script src="${escape(script)}" async></script>`,
  };
}

function main() {
  const form = /** @type {HTMLFormElement | null} */ (document.querySelector("[data-embed-builder]"));
  const preview = /** @type {HTMLElement | null} */ (document.querySelector("[data-embed-preview]"));
  if (!form || !preview) return;
  const fields = /** @type {HTMLFormControlsCollection & Record<string, HTMLSelectElement & HTMLInputElement>} */ (form.elements);
  const script = new URL("embed.js", import.meta.url).href;
  const checks = [...fields.check.options].map((option) => option.value);
  // Said beside the address field, as the reader pastes: which check it is, or why it holds no answers.
  const note = document.createElement("span");
  note.className = "kl-hint";
  note.id = "embed-inputs-note";
  note.setAttribute("role", "status");
  fields.inputs.closest("p")?.append(note);
  const update = (/** @type {boolean} */ andPreview, /** @type {EventTarget | null} */ changed = null) => {
    // A pasted address of another check's page chooses that check: its answers are that check's.
    const pasted = pastedCheck(fields.inputs.value, location.href, checks);
    if (changed === fields.inputs && pasted && pasted !== fields.check.value) fields.check.value = pasted;
    const other = pasted && pasted !== fields.check.value
      ? [...fields.check.options].find((option) => option.value === pasted)?.textContent?.trim()
      : null;
    // A check chosen after pasting another's address: its answers fill in only their own check.
    note.textContent = other
      ? `That address holds answers to the ${other}: they fill in that check only, not this one.`
      : pastedNote(fields.inputs.value, location.href);
    const check = fields.check.value;
    const title = fields.check.selectedOptions[0]?.textContent?.trim() ?? check;
    const address = embedAddress(check, fields.theme.value, fields.inputs.value, location.href);
    const made = snippets(address, title, script);
    for (const [name, text] of Object.entries(made)) {
      const code = document.querySelector(`[data-snippet="${name}"] code`);
      if (code) code.textContent = text;
    }
    if (!andPreview) return;
    const frame = /** @type {HTMLIFrameElement | null} */ (preview.querySelector("iframe"));
    if (frame) {
      frame.src = address;
      frame.title = `${title} (kneeload)`;
    } else {
      const link = /** @type {HTMLAnchorElement | null} */ (preview.querySelector("a"));
      if (link) {
        link.href = address;
        link.textContent = `${title} on kneeload`;
      }
    }
  };
  // The snippets follow each keystroke; the preview (a new frame each time) each finished change.
  form.addEventListener("input", (event) => update(false, event.target));
  form.addEventListener("change", (event) => update(true, event.target));
  form.addEventListener("submit", (event) => event.preventDefault());
  update(true);
}

if (typeof document === "object") main();
