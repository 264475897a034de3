// Wires every calculator form of a page ([data-calculator]) to the calculator: the page's entry,
// loaded only by pages whose front matter declares `calculator:` (see overrides/main.html).
// Wiring only: the form is read by form.js, the request sent by client.js, the answer shown by
// answer.js. The calculator validates, answers and shapes its own answer.

/** @import { Calculator, Reading } from "./protocol" */

import { clearErrors, renderAnswer, showErrors } from "./answer.js";
import { startCalculator } from "./client.js";
import {
  formFiles, formToParams, inputsAddress, inputsFromAddress, paramsToForm, readForm, wireConditionalFields, wireRepeats,
} from "./form.js";
import { renderHistory, wireDropZone } from "./history.js";

/** Whether this is an embed page (embed/<check>.html, in another site's frame). */
const EMBEDDED = document.documentElement.hasAttribute("data-kneeload-embed");

/**
 * What the address keeps after an answer: the form's inputs and, in an embed, the theme the
 * host asked for (theme=...), so a reload of the frame keeps its colours.
 * @param {HTMLFormElement} form
 * @returns {URLSearchParams}
 */
function answerParams(form) {
  const params = formToParams(form);
  const theme = EMBEDDED ? inputsFromAddress(location).params.get("theme") : null;
  if (theme) params.set("theme", theme);
  return params;
}

/**
 * @param {string} markup one element's HTML
 * @returns {HTMLElement}
 */
function html(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup.trim();
  return /** @type {HTMLElement} */ (template.content.firstElementChild);
}

/**
 * Give a form its status line, error summary and answer section (every calculator has them).
 * @param {HTMLFormElement} form
 */
function addCommonParts(form) {
  const check = form.dataset.calculator;
  form.prepend(
    html('<p class="kl-status" role="status" aria-live="polite" data-calculator-status></p>'),
    html('<div class="kl-error-summary" data-error-summary role="alert" tabindex="-1" hidden>'
      + '<h2>Please check your entries</h2><ul data-error-list></ul></div>'),
  );
  // Next to the submit button: the answer is coming (with the download's progress), or why it cannot.
  const submit = form.querySelector('[type="submit"]');
  const place = submit?.closest("p") ?? submit ?? form.lastElementChild;
  place?.after(
    html('<div class="kl-loading" data-loading hidden><span data-loading-text></span>'
      + '<progress data-loading-bar></progress></div>'),
    html('<p class="kl-field-error" data-form-error tabindex="-1" hidden></p>'),
  );
  const section = html(`<section class="kl-answer" id="${check}-answer" aria-labelledby="${check}-answer-heading"`
    + ` data-answer-for="${check}" hidden><h2 id="${check}-answer-heading" tabindex="-1"></h2>`
    + "<div data-answer-body></div></section>");
  /** @type {HTMLElement} */ (section.querySelector("h2")).textContent = form.dataset.answerHeading || "Your answer";
  form.after(section);
  // What is kept where: the answers live in the page's address (its fragment) and nowhere else.
  form.append(html('<p class="kl-privacy">Worked out in this browser: nothing you type is sent anywhere. '
    + "After an answer, your entries are kept in this page's address, after the #, so you can bookmark "
    + "or share it (a shared link holds your answers); browsers never send that part to a server. "
    + "Nothing else keeps them.</p>"));
}

/**
 * Wire one form: its repeated and conditional fields, the reader's date, and its submit.
 * @param {HTMLFormElement} form
 * @param {Calculator} calculator
 * @returns {() => void} the update of its conditional fields (for a form restored from the URL)
 */
function wireForm(form, calculator) {
  const section = /** @type {HTMLElement} */ (document.querySelector(`[data-answer-for="${form.dataset.calculator}"]`));
  const heading = /** @type {HTMLElement} */ (section.querySelector("h2"));
  const body = /** @type {HTMLElement} */ (section.querySelector("[data-answer-body]"));
  const formError = /** @type {HTMLElement} */ (form.querySelector("[data-form-error]"));
  wireRepeats(form);
  if (form.querySelector("[data-drop-zone]")) wireDropZone(form);
  // The reader's difference from UTC in minutes (60 in UTC+1), for files that give UTC times only,
  // and their own date (YYYY-MM-DD in their time zone), for answers that give dates: read at each
  // request, so a page left open over midnight (or a move to summer time) is not a day out.
  // (A value set by anything else, such as a test fixing the date, is left as it is.)
  const now = () => {
    /** @param {string} selector @param {() => string} value */
    const write = (selector, value) => form.querySelectorAll(selector).forEach((element) => {
      const input = /** @type {HTMLInputElement} */ (element);
      if (input.dataset.written !== undefined && input.value !== input.dataset.written) return;
      input.value = input.dataset.written = value();
    });
    write("[data-utc-offset]", () => String(-new Date().getTimezoneOffset()));
    write("[data-today]", () => new Date().toLocaleDateString("en-CA"));
  };
  now();
  const updateConditionalFields = wireConditionalFields(form);
  updateConditionalFields();
  const loading = /** @type {HTMLElement} */ (form.querySelector("[data-loading]"));
  const status = /** @type {HTMLElement} */ (form.querySelector("[data-calculator-status]"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    now();
    clearErrors(form);
    form.setAttribute("aria-busy", "true");
    // Before Python runs (or while it reads the reader's files), the reader sees beside the button
    // that the answer is on its way.
    const files = formFiles(form);
    loading.hidden = form.dataset.state === "ready" && !files.length;
    performance.mark("calculator-submit");
    try {
      const answer = await calculator.request(readForm(form), { files, onReading: (reading) => showReading(form, reading) });
      performance.mark("calculator-answer");
      if (!answer.ok) {
        section.hidden = true;
        // The hidden status line no longer holds the last answer's summary, which is hidden too.
        status.textContent = "";
        showErrors(form, answer.errors);
        return;
      }
      renderAnswer(body, answer.result);
      if (form.dataset.calculator === "history") renderHistory(body, answer.result);
      const entered = document.createElement("p");
      entered.className = "kl-print-inputs";
      entered.textContent = `Your entries: ${enteredWords(form)}.`;
      body.prepend(entered);
      section.hidden = false;
      history.replaceState(null, "", inputsAddress(location, answerParams(form)));
      // In an embed, an answer shown from the address leaves the focus where the host page has it.
      if (event.submitter || !EMBEDDED) heading.focus();
      // What a screen reader hears is the answer itself; on screen the summary is in the answer.
      status.textContent = answer.result.summary;
      status.classList.add("kl-sr");
    } catch (error) {
      if (status.classList.contains("kl-sr")) status.textContent = "";
      // Said where the reader is, beside the button they pressed, and focused.
      formError.textContent = error instanceof Error ? error.message : String(error);
      formError.hidden = false;
      formError.focus();
    } finally {
      loading.hidden = true;
      form.removeAttribute("aria-busy");
    }
  });
  return updateConditionalFields;
}

/**
 * While the worker reads the reader's files: how many, and how many activities so far.
 * @param {HTMLFormElement} form
 * @param {Reading} reading
 */
function showReading(form, { done, total, found, name }) {
  const text = /** @type {HTMLElement} */ (form.querySelector("[data-loading-text]"));
  const bar = /** @type {HTMLProgressElement} */ (form.querySelector("[data-loading-bar]"));
  text.textContent = `Reading your files: ${done} of ${total} read, ${found} ${found === 1 ? "activity" : "activities"} found so far (${name})…`;
  bar.max = total;
  bar.value = done;
}

/**
 * What the reader entered, in the words the form shows ("Week 1: 20; Measured in: km"), for a
 * printed answer (the form itself is not printed).
 * @param {HTMLFormElement} form
 * @returns {string}
 */
function enteredWords(form) {
  /** @type {string[]} */
  const said = [];
  for (const element of /** @type {HTMLInputElement[]} */ ([...form.elements])) {
    if (!element.name || element.disabled || element.type === "hidden" || element.tagName === "BUTTON") continue;
    const label = (element.labels?.[0]?.textContent ?? element.name).trim();
    const legend = element.closest("fieldset")?.querySelector("legend")?.textContent?.trim() ?? "";
    if (element.type === "file") {
      // The files' names (a browser gives a file input's value as "C:\\fakepath\\" and the first name).
      const names = [...(element.files ?? [])].map((file) => file.name);
      if (names.length) said.push(`${label}: ${names.join(", ")}`);
    } else if (element.type === "checkbox") {
      if (element.checked) said.push(`${label}: yes`);
    } else if (element.type === "radio") {
      if (element.checked) said.push(`${legend}: ${label}`);
    } else if (element.tagName === "SELECT") {
      const select = /** @type {HTMLSelectElement} */ (/** @type {unknown} */ (element));
      said.push(`${label}: ${select.selectedOptions[0]?.textContent?.trim() ?? select.value}`);
    } else if (element.value.trim()) said.push(`${label}: ${element.value.trim()}`);
  }
  return said.join("; ");
}

/**
 * Whether the reader has entered anything in a form: a field typed in or a box ticked.
 * @param {HTMLFormElement} form
 * @returns {boolean}
 */
function entered(form) {
  const fields = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll("input, textarea")]);
  return fields.some((field) => field.type === "checkbox" || field.type === "radio"
    ? field.checked && !field.defaultChecked
    : !["hidden", "file"].includes(field.type) && field.value.trim() !== "" && field.value !== field.defaultValue);
}

/**
 * @param {number} bytes
 * @returns {string} "4.2 MB"
 */
function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)}\u00a0MB`;
}

/**
 * The runtime's download from the build (hooks/runtime.py, on page.js's script tag): all of it,
 * and the part the worker's byte counter sees (the total of its progress).
 * @returns {{ all: number, fetched: number }} bytes; 0 when the page does not say
 */
function runtimeSize() {
  const tag = /** @type {HTMLElement | null} */ (document.querySelector("script[data-runtime-bytes]"));
  return { all: Number(tag?.dataset.runtimeBytes) || 0, fetched: Number(tag?.dataset.runtimeFetchedBytes) || 0 };
}

/** Connections on which a download costs the reader time or money (Network Information API). */
const COSTLY_CONNECTIONS = ["slow-2g", "2g", "3g"];

/**
 * On a metered or slow connection (the reader's browser asks to save data, or the connection is 3G
 * or slower), say the download's size beside each submit button and wait for the reader's go;
 * anywhere else, go at once. The seam between the page and when the runtime starts.
 * @param {HTMLFormElement[]} forms
 * @param {number} bytes the whole download
 * @param {{ saveData?: boolean, effectiveType?: string } | undefined} connection navigator.connection
 * @param {(text: string) => void} say the top status line
 * @returns {Promise<void>} settles when the download may start
 */
function readersGo(forms, bytes, connection, say) {
  const costly = connection?.saveData === true || COSTLY_CONNECTIONS.includes(connection?.effectiveType ?? "");
  if (!costly || !bytes) return Promise.resolve();
  const size = megabytes(bytes);
  say(`The calculator needs a ${size} download first: start it with the button beside the form's own button.`);
  return new Promise((go) => {
    const asks = forms.map((form) => {
      const ask = html('<div class="kl-download-ask" data-download-ask><p></p>'
        + '<button type="button" class="md-button"></button></div>');
      /** @type {HTMLElement} */ (ask.querySelector("p")).textContent = "Your connection looks slow or set to "
        + `save data. This calculator works out your answer in your browser, and for that it first downloads ${size} `
        + "(the Python runtime). It waits until you say so.";
      /** @type {HTMLElement} */ (ask.querySelector("button")).textContent = `Download the calculator (${size})`;
      form.querySelector("[data-loading]")?.before(ask);
      // Asked for an answer before saying go: the question is where the reader is.
      form.addEventListener("submit", () => { if (ask.isConnected) ask.querySelector("button")?.focus(); });
      return ask;
    });
    asks.forEach((ask) => ask.querySelector("button")?.addEventListener("click", () => {
      asks.forEach((each) => each.remove());
      say("Loading the calculator…");
      go();
    }));
  });
}

/**
 * Whether a form filled from the address is answered at once: only when every number it shows is
 * given (a link may fill part of a form, such as the training log's link to the spike check with
 * the longest run but not the planned one: the reader completes it, with no errors shown first).
 * A form of files is never answered from the address: the files are not in it.
 * @param {HTMLFormElement} form
 * @returns {boolean}
 */
function answerable(form) {
  if (form.querySelector('input[type="file"]')) return false;
  const numbers = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[data-kind="number"]')]);
  return numbers.every((input) => input.disabled || input.value.trim() !== "");
}

/**
 * The calculator, started once *allowed* settles; requests made before then wait for it.
 * @param {Promise<void>} allowed
 * @param {() => Calculator} start
 * @returns {Calculator}
 */
function startWhenAllowed(allowed, start) {
  const started = allowed.then(start);
  const ready = started.then((calculator) => calculator.ready);
  ready.catch(() => {});
  return { ready, request: (payload, options) => started.then((calculator) => calculator.request(payload, options)) };
}

/**
 * Once the calculator is ready, register the service worker (calculator/sw.js: the runtime kept for
 * the next visit, and this page's files for when the network fails), and name this page's files
 * to it. Served calculator pages only (those in its scope, calculator/): never from disk, never
 * in the downloaded copy (offline-runtime.js), never in an embed.
 */
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || globalThis.kneeloadOffline) return;
  const url = new URL("../calculator/sw.js", import.meta.url);
  const scope = new URL("./", url).href;
  if (!location.href.startsWith(scope)) return;
  navigator.serviceWorker.register(url, { scope }).catch(() => {});
  const keep = (/** @type {ServiceWorker | null | undefined} */ worker) => {
    const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
    worker?.postMessage({ type: "keep", urls: [location.href.split("#")[0], ...loaded] });
  };
  navigator.serviceWorker.ready.then((registration) => keep(registration.active));
  // A new build's service worker takes over from the old one (which kept the files in the store
  // it is about to delete): it is told them too.
  navigator.serviceWorker.addEventListener("controllerchange", () => keep(navigator.serviceWorker.controller));
}

/**
 * Wire the page's calculator forms to one calculator, and answer the inputs the address holds.
 * @param {typeof startCalculator} [start] how the calculator starts (an embed page defers it: embed-frame.js)
 * @returns {Calculator | null} the page's calculator (null on a page with no calculator form)
 */
export function main(start = startCalculator) {
  const forms = /** @type {HTMLFormElement[]} */ ([...document.querySelectorAll("form[data-calculator]")]);
  if (!forms.length) return null;
  forms.forEach(addCommonParts);
  const statuses = document.querySelectorAll("[data-calculator-status]");
  const say = (/** @type {string} */ text) => statuses.forEach((status) => { status.textContent = text; });
  say("Loading the calculator…");
  const loadingTexts = document.querySelectorAll("[data-loading-text]");
  const bars = /** @type {NodeListOf<HTMLProgressElement>} */ (document.querySelectorAll("[data-loading-bar]"));
  const size = runtimeSize();
  const connection = /** @type {{ connection?: { saveData?: boolean, effectiveType?: string } }} */ (navigator).connection;
  // A page our service worker controls has the runtime stored already (sw.js stores it when it
  // installs): there is nothing to download, so nothing to ask.
  const stored = Boolean(navigator.serviceWorker?.controller);
  const calculator = startWhenAllowed(readersGo(forms, stored ? 0 : size.all, connection, say), () => start({
    onProgress: ({ label, loaded: counted, total: told }) => {
      // In the figures the question gave (when the build gave them): the worker counts what it
      // fetches; Pyodide's modules (the rest of the download) are imported before.
      const total = size.all || told;
      const loaded = counted === undefined || !size.all ? counted : Math.min(size.all, counted + size.all - size.fetched);
      const share = total ? ` (${Math.min(100, Math.floor((100 * (loaded ?? 0)) / total))}\u00a0%)` : "";
      const got = loaded === undefined ? "" : `: ${megabytes(loaded)}${total ? ` of ${megabytes(total)}${share}` : ""}`;
      const text = `Your answer is coming. Loading the calculator: ${label}${got}…`;
      // The top status is polite and would chatter at every chunk: it says each step once.
      if (loaded === undefined) say(`Loading the calculator: ${label}…`);
      loadingTexts.forEach((element) => { element.textContent = text; });
      bars.forEach((bar) => {
        if (loaded !== undefined && total) {
          bar.max = total;
          bar.value = Math.min(loaded, total);
        } else bar.removeAttribute("value");
      });
    },
  }));
  const updates = new Map(forms.map((form) => [form, wireForm(form, calculator)]));
  // Inputs are read from the fragment; an old link's query is read once and moved there at once,
  // so it is never sent again (in a Referer, a reload, or a link the reader copies).
  const { params, fromQuery } = inputsFromAddress(location);
  if (fromQuery) history.replaceState(null, "", inputsAddress(location, params));
  const restored = forms.filter((form) => paramsToForm(form, params));
  restored.forEach((form) => updates.get(form)?.());
  // Another link to this page pasted in the address bar, or back to one, changes only what follows
  // the #: the page starts again with those inputs, so the answer shown is always the address's.
  // A plain anchor (a heading's link, "#the-limits") holds no inputs and moves nothing. (An
  // embed's frame does the same from its head: embed-start.js.)
  if (!EMBEDDED) {
    const names = new Set(forms.flatMap((form) => [...form.elements].map((field) => /** @type {HTMLInputElement} */ (field).name)));
    addEventListener("hashchange", () => {
      if ([...inputsFromAddress(location).params.keys()].some((name) => names.has(name))) location.reload();
    });
  }
  calculator.ready.then(
    () => {
      performance.mark("calculator-ready");
      say("The calculator is ready.");
      forms.forEach((form) => { form.dataset.state = "ready"; });
      // A form of files is not sent again from the address: the files are not in it.
      restored.filter(answerable).forEach((form) => form.requestSubmit());
      registerServiceWorker();
    },
    (error) => {
      // What the reader typed goes into the address, as after an answer, so the reload the message
      // asks for brings it back (and answers it once the calculator starts).
      const typed = forms.find((form) => form.contains(document.activeElement) && entered(form)) ?? forms.find(entered);
      if (typed) history.replaceState(null, "", inputsAddress(location, answerParams(typed)));
      say(typed ? `${error.message} What you typed is kept for the reload.` : error.message);
      forms.forEach((form) => {
        form.dataset.state = "failed";
        // Fields that cannot be answered look and behave switched off; the status says why.
        form.querySelectorAll("button, input, select, textarea").forEach((field) => {
          /** @type {HTMLInputElement} */ (field).disabled = true;
        });
      });
    },
  );
  return calculator;
}

// An embed page (embed/<check>.html) starts the page itself, from embed-frame.js.
if (!EMBEDDED) main();
