// The calculator's Web Worker (a module worker: Pyodide 314 refuses classic workers).
//
// It loads Pyodide once from the site's own copy (../pyodide/), installs the calculator wheel
// through the site's pyodide-lock.json (sha256-checked by Pyodide), then answers requests by
// calling one fixed Python function, calculator.protocol.handle(text) -> text.
// Its messages in (ToWorker) and out (FromWorker) are typed in protocol.d.ts.

/** @import { FromWorker, ProgressStep, ToWorker } from "./protocol" */

const runtimeBase = new URL("../pyodide/", import.meta.url).href;
const CALCULATOR_PACKAGE = "kneeload-calculator";

/** @param {FromWorker} message */
function post(message) {
  self.postMessage(message);
}

/**
 * @param {unknown} error anything thrown or rejected
 * @returns {string} its message (or itself, as text), for the page
 */
function describe(error) {
  const message = typeof error === "object" && error !== null && "message" in error ? error.message : null;
  return String(message || error);
}

/**
 * @param {ProgressStep} step
 * @param {string} label
 */
function progress(step, label) {
  currentStep = step;
  currentLabel = label;
  post({ type: "progress", step, label });
}

// The runtime's files are fetched through this counter, so the page can show real progress
// (bytes arrived) rather than one label for the whole download. Responses are passed on whole:
// same status, headers and bytes.
const plainFetch = self.fetch.bind(self);
let downloaded = 0;
let lastReport = 0;
/** @type {ProgressStep} */
let currentStep = "download";
let currentLabel = "Downloading the Python runtime";
self.fetch = async (input, init) => {
  // Like the pages (no-referrer), the worker names no address with what it fetches.
  const response = await plainFetch(input, { ...init, referrerPolicy: "no-referrer" });
  if (!response.ok || !response.body) return response;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      downloaded += chunk.byteLength;
      // At most a few reports a second: each one repaints the page's progress.
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        post({ type: "progress", step: currentStep, label: currentLabel, loaded: downloaded });
      }
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
};

/** @returns {Promise<(text: string) => string>} calculator.protocol.handle, once Python runs */
async function startPython() {
  progress("download", "Downloading the Python runtime");
  const { loadPyodide } = await import(`${runtimeBase}pyodide.mjs`);
  progress("start", "Starting Python");
  const pyodide = await loadPyodide({ indexURL: runtimeBase, fullStdLib: false });
  progress("install", "Installing the calculator");
  /** @type {string[]} */
  const problems = [];
  await pyodide.loadPackage(CALCULATOR_PACKAGE, {
    messageCallback: () => {},
    errorCallback: (/** @type {string} */ message) => problems.push(message),
  });
  if (problems.length) {
    throw new Error(problems.join(" "));
  }
  // Kept for the worker's lifetime: one module proxy, one fixed function.
  const protocol = pyodide.pyimport("calculator.protocol");
  return (text) => protocol.handle(text);
}

// Pyodide 314's loader catches a failed WebAssembly start (the .wasm file missing or refused),
// only logs "wasm instantiation failed!" with console.warn, and its promise never settles.
// Watch for that log line (and for any uncaught error) so the page can say what happened.
const WASM_FAILED = "wasm instantiation failed!";
/** @type {Promise<never>} */
const crashed = new Promise((_, reject) => {
  const warn = console.warn.bind(console);
  console.warn = (...args) => {
    warn(...args);
    if (args[0] === WASM_FAILED) reject(new Error("the Python runtime (WebAssembly) could not be loaded."));
  };
  self.addEventListener("unhandledrejection", (event) => reject(event.reason));
  self.addEventListener("error", (event) => reject(event.error || new Error(event.message)));
});

// Every request awaits this one promise, so Python boots exactly once per worker.
const ready = Promise.race([startPython(), crashed]);

ready.then(
  () => post({ type: "ready" }),
  (error) => post({ type: "failed", message: describe(error) }),
);

self.addEventListener("message", async (event) => {
  /** @type {ToWorker} */
  const { id, request } = event.data;
  try {
    const handle = await ready;
    // A JSON string crosses the boundary, so no PyProxy leaks into the page.
    post({ type: "answer", id, response: handle(request) });
  } catch (error) {
    post({ type: "answer", id, error: describe(error) });
  }
});
