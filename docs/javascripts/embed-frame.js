// An embed page's module (embed/<check>.html, built by hooks/embed.py): the calculator page's own
// wiring (page.js) with its calculator deferred, and the host page's postMessage API.
//   - The form is wired at once, as on the calculator page, and the inputs in the address filled
//     in; the runtime (Pyodide, megabytes on each host site's first visit) starts only when the
//     frame is seen (IntersectionObserver), touched, or asked by the host.
//   - The host page may send requests and get answers (HostToFrame, FrameToHost: protocol.d.ts).
//   - "Open this check on kneeload" always carries the form's current inputs.
// embed-start.js (classic) has already set the theme and tells the host the frame's height.

/** @import { Answer, Calculator, FrameToHost, HostToFrame, Request } from "./protocol" */

import { requestText, startCalculator } from "./client.js";
import { formToParams } from "./form.js";
import { main } from "./page.js";

/** A request longer than this (as JSON text) is not a calculator's: it is refused with an answer that says so. */
export const LONGEST_REQUEST = 100_000;

/**
 * @typedef {{ type: "refused", id: string | number, error: string }} Refused a request sent to this
 *   frame, with its id, that the calculator cannot take (too long, or not plain data): the host is
 *   answered at once with the error, so its promise does not wait for an answer that cannot come.
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>} whether it is a plain object (what postMessage gives
 *   for an object literal; not an array, a Date, a Map or null)
 */
function plainObject(value) {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The host's message, or null when the message is anything else (every field is checked; nothing
 * in it is evaluated or called). A request is copied through JSON text, so what reaches the
 * calculator is plain data (NaN and Infinity as their names).
 *
 *   readHostMessage({ kneeload: 1, type: "request", id: 1, request: { check: "ramp" } })  // the request
 *   readHostMessage({ kneeload: 1, type: "hello" })                                       // a hello
 *   readHostMessage("hello")                                                              // null
 *
 * @param {unknown} data a message event's data
 * @returns {HostToFrame | Refused | null}
 */
export function readHostMessage(data) {
  if (!plainObject(data) || data.kneeload !== 1) return null;
  if (data.type === "hello") return { kneeload: 1, type: "hello" };
  if (data.type !== "request") return null;
  const { id, request } = data;
  const goodId = (typeof id === "string" && id.length <= 64) || Number.isSafeInteger(id);
  if (!goodId || !plainObject(request) || typeof request.check !== "string") return null;
  const asked = /** @type {string | number} */ (id);
  let text;
  try {
    text = requestText(request);
  } catch {
    return { type: "refused", id: asked, error: "The request holds something that is not plain data (numbers, text, lists, objects)." };
  }
  if (text.length > LONGEST_REQUEST) {
    return { type: "refused", id: asked, error: `The request is ${text.length} characters long; a calculator takes at most ${LONGEST_REQUEST}.` };
  }
  return { kneeload: 1, type: "request", id: asked, request: JSON.parse(text) };
}

/**
 * A calculator that starts its worker only when boot() is first called, or at its first request.
 * @param {typeof startCalculator} [start] the real start (client.js)
 * @returns {{ start: typeof startCalculator, boot: () => Calculator }} start: what page.js calls
 *   (it returns at once, without a worker); boot: start the worker now (again: nothing happens)
 */
export function deferredCalculator(start = startCalculator) {
  /** @type {Parameters<typeof startCalculator>[0]} */
  let options = {};
  /** @type {Calculator | null} */
  let real = null;
  /** @type {(calculator: Calculator) => void} */
  let booted = () => {};
  /** @type {Promise<Calculator>} */
  const started = new Promise((resolve) => { booted = resolve; });
  const boot = () => {
    if (!real) {
      real = start(options);
      booted(real);
    }
    return real;
  };
  /** @type {Calculator} */
  const deferred = {
    ready: started.then((calculator) => calculator.ready),
    request: (payload, options) => boot().request(payload, options), // options: a history's files
  };
  deferred.ready.catch(() => {});
  return {
    start: (given) => {
      options = given ?? {};
      return deferred;
    },
    boot,
  };
}

/**
 * Keep the "open on kneeload" link's fragment equal to the form's inputs.
 * @param {HTMLFormElement} form
 * @param {HTMLAnchorElement} link
 */
function keepOpenLinkCurrent(form, link) {
  const update = () => {
    const target = new URL(link.href);
    target.hash = formToParams(form).toString();
    link.href = target.href;
  };
  update();
  for (const type of ["input", "change", "submit"]) form.addEventListener(type, update);
  link.addEventListener("pointerdown", update);
  link.addEventListener("focus", update);
}

/**
 * Answer the page that embeds this frame: requests from its window only, answers to the origin
 * that asked only (never "*").
 * @param {Calculator} calculator
 * @param {string} check this embed's check
 */
function serveHost(calculator, check) {
  window.addEventListener("message", async (event) => {
    if (event.source !== window.parent || event.origin === "null") return;
    const message = readHostMessage(event.data);
    if (!message) return;
    if (message.type === "hello") {
      /** @type {FrameToHost} */
      const listening = { kneeload: 1, type: "ready", check };
      window.parent.postMessage(listening, event.origin);
      return;
    }
    /** @type {FrameToHost} */
    let reply;
    if (message.type === "refused") {
      reply = { kneeload: 1, type: "answer", id: message.id, error: message.error };
      window.parent.postMessage(reply, event.origin);
      return;
    }
    try {
      /** @type {Answer} */
      const answer = await calculator.request(/** @type {Request} */ (message.request));
      reply = { kneeload: 1, type: "answer", id: message.id, answer };
    } catch (error) {
      reply = { kneeload: 1, type: "answer", id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    window.parent.postMessage(reply, event.origin);
  });
  // "ready" carries no reader data: "*" is acceptable here (see embed-start.js on why the host's
  // origin cannot always be known).
  /** @type {FrameToHost} */
  const ready = { kneeload: 1, type: "ready", check };
  window.parent.postMessage(ready, "*");
}

function startEmbed() {
  const root = document.documentElement;
  const check = root.dataset.kneeloadEmbed ?? "";
  const { start, boot } = deferredCalculator();
  const calculator = main(start);
  const gate = /** @type {HTMLFieldSetElement | null} */ (document.querySelector("[data-embed-gate]"));
  if (!calculator || !gate) return;
  // The form was off until now, so that nothing could be sent before it was wired.
  gate.disabled = false;
  const form = /** @type {HTMLFormElement} */ (gate.querySelector("form[data-calculator]"));
  const open = /** @type {HTMLAnchorElement | null} */ (document.querySelector("[data-embed-open]"));
  if (open) keepOpenLinkCurrent(form, open);

  // The runtime starts when the frame is on screen, or when the reader touches it.
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      seen.disconnect();
      boot();
    }
  });
  seen.observe(document.body);
  for (const type of ["pointerdown", "keydown", "focusin"]) document.addEventListener(type, () => boot(), { once: true });
  if (window.parent !== window) serveHost(calculator, check);
  // (A host that changes what follows the # in the frame's address: embed-start.js.)
  root.dataset.embedState = "wired";
}

if (document.documentElement.hasAttribute("data-kneeload-embed")) startEmbed();
