// The page's side of the calculator runtime: one worker, one promise per request keyed by an id.
//
//   const calculator = startCalculator({ onProgress: ({ label }) => ... });
//   await calculator.ready;                        // rejects with a reader-facing message
//   const answer = await calculator.request({ check: "ramp", weeks: [20, 22] });
//
// Requests sent before the runtime is ready wait for it inside the worker. The messages and the
// answers are typed in protocol.d.ts; the protocol itself is written down in calculator/protocol.py.

/** @import { Answer, Calculator, FromWorker, ProgressStep, Reading, Request, RequestOptions, WorkerLike } from "./protocol" */

// The build serves worker.js from calculator/, inside the service worker's scope (hooks/runtime.py).
const WORKER_URL = new URL("../calculator/worker.js", import.meta.url);
const FROM_DISK = typeof location === "object" && location.protocol === "file:";
/** What a reader of a downloaded copy is told when the browser will not run the calculator from disk (offline.js). */
const FROM_DISK_REFUSED = globalThis.kneeloadOffline?.refused ?? "This browser cannot run the calculator from disk.";

/**
 * Why this browser cannot run the calculator, or null if it can.
 * @returns {string | null}
 */
export function unsupportedReason() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return "This browser cannot run the calculator (it needs WebAssembly and Web Workers). "
      + "The reading pages work without it.";
  }
  // Opened from disk, only a downloaded copy (offline.js loaded its runtime) can run it.
  if (FROM_DISK && (!globalThis.kneeloadOffline?.files || typeof DecompressionStream !== "function")) {
    return FROM_DISK_REFUSED;
  }
  return null;
}

/**
 * The site's module worker; from disk, worker.js's text as a data: URL (a blob: module worker
 * fails there), which waits for the runtime's files (protocol.d.ts, RuntimeFiles).
 * @returns {WorkerLike}
 */
function siteWorker() {
  // On file:, the search's iframe-worker shim replaces Worker; the native one is kept first.
  const NativeWorker = globalThis.kneeloadNativeWorker ?? Worker;
  const offline = globalThis.kneeloadOffline;
  const url = FROM_DISK && offline
    ? `data:text/javascript;charset=utf-8,${encodeURIComponent(offline.worker)}`
    : WORKER_URL;
  return /** @type {WorkerLike} */ (/** @type {unknown} */ (new NativeWorker(url, { type: "module" })));
}

/**
 * A request as the JSON text the worker reads. NaN and Infinity go as their names ("Infinity"):
 * JSON would send null, which the calculator reads as an empty field, while it says of their
 * names that they are no number, at the field, as for the command line's JSON.
 *
 *   requestText({ check: "ramp", weeks: [20, Infinity] })  // '{"check":"ramp","weeks":[20,"Infinity"]}'
 *
 * @param {unknown} request
 * @returns {string}
 */
export function requestText(request) {
  return JSON.stringify(request, (_, value) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value));
}

/**
 * Start the calculator's worker (one per page) and return its client.
 *
 * @param {object} [options]
 * @param {(progress: { step: ProgressStep, label: string, loaded?: number, total?: number }) => void} [options.onProgress]
 *   told each step of starting Python, and the bytes downloaded so far (loaded; total when known)
 * @param {() => WorkerLike} [options.createWorker] where the worker comes from (the tests pass a
 *   fake one); by default the site's worker.js, if this browser can run it
 * @returns {Calculator}
 */
export function startCalculator({ onProgress = () => {}, createWorker } = {}) {
  /** @type {Map<number, { resolve: (answer: Answer) => void, reject: (error: Error) => void, onReading?: (reading: Reading) => void }>} */
  const pending = new Map();
  let nextId = 1;
  /** @type {Error | null} */
  let failure = null;

  const reason = createWorker ? null : unsupportedReason();
  if (reason) {
    const ready = Promise.reject(new Error(reason));
    ready.catch(() => {});
    return { ready, request: () => Promise.reject(new Error(reason)) };
  }

  /** @type {WorkerLike} */
  let worker;
  try {
    worker = (createWorker ?? siteWorker)();
  } catch (error) {
    // A sandboxed frame, a page's CSP or a browser's file: rules can refuse a worker outright.
    const message = FROM_DISK ? FROM_DISK_REFUSED
      : `The calculator could not start: this page may not start its worker here (${error instanceof Error ? error.message : String(error)}). The rest of this page still works.`;
    const ready = Promise.reject(new Error(message));
    ready.catch(() => {});
    return { ready, request: () => Promise.reject(new Error(message)) };
  }
  /** @type {() => void} */
  let resolveReady = () => {};
  /** @type {(error: Error) => void} */
  let rejectReady = () => {};
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  /** @param {string} message why it could not start */
  function fail(message) {
    if (failure) return;
    // The worker's reason may be a browser's own message, without a full stop ("Failed to fetch").
    const said = /[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
    failure = new Error(FROM_DISK && !createWorker ? FROM_DISK_REFUSED
      : `The calculator could not start: ${said} Reload the page to try again; the rest of this page still works.`);
    rejectReady(failure);
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
    worker.terminate();
  }

  worker.addEventListener("message", (event) => {
    /** @type {FromWorker} */
    const message = event.data;
    if (message.type === "progress") {
      const { step, label, loaded, total } = message;
      onProgress(loaded === undefined ? { step, label } : { step, label, loaded, total });
    }
    else if (message.type === "reading") pending.get(message.id)?.onReading?.(message);
    else if (message.type === "ready") resolveReady();
    else if (message.type === "failed") fail(message.message);
    else if (message.type === "answer") {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if ("error" in message) waiting.reject(new Error(message.error));
      else {
        try {
          waiting.resolve(JSON.parse(message.response));
        } catch {
          waiting.reject(new Error("The calculator's answer could not be read. Reload the page to try again."));
        }
      }
    }
  });
  // A worker script that cannot be fetched or parsed never posts a message: catch that here.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(event.message || "its files could not be loaded.");
  });

  // From disk, the worker waits for the runtime's files: send them once their scripts have loaded.
  if (FROM_DISK && !createWorker) {
    globalThis.kneeloadOffline?.files?.then(
      (files) => worker.postMessage(files),
      (error) => fail(error instanceof Error ? error.message : String(error)),
    );
  }

  /**
   * @param {Request} payload
   * @param {RequestOptions} [options] files that go with it (they stay in this browser), and who
   *   is told the counts while the worker reads them
   * @returns {Promise<Answer>}
   */
  function request(payload, { files, onReading } = {}) {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onReading });
      const text = requestText(payload);
      worker.postMessage(files?.length ? { id, request: text, files } : { id, request: text });
    });
  }

  return { ready, request };
}
