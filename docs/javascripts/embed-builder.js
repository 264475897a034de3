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
  const update = (/** @type {boolean} */ andPreview) => {
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
  form.addEventListener("input", () => update(false));
  form.addEventListener("change", () => update(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  update(true);
}

if (typeof document === "object") main();
