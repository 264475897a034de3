// The page's side of the calculator runtime: one worker, one promise per request keyed by an id.
//
//   const calculator = startCalculator({ onProgress: ({ label }) => ... });
//   await calculator.ready;                        // rejects with a reader-facing message
//   const answer = await calculator.request({ check: "ramp", weeks: [20, 22] });
//
// Requests sent before the runtime is ready wait for it inside the worker. Answers follow the
// JSON protocol written down in calculator/protocol.py.

const WORKER_URL = new URL("./calculator-worker.js", import.meta.url);

/** Why this browser or this copy of the site cannot run the calculator, or null if it can. */
export function unsupportedReason() {
  // Opened from disk (file:), this module never runs: calculator-offline.js tells the reader.
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return "This browser cannot run the calculator (it needs WebAssembly and Web Workers). "
      + "The reading pages work without it.";
  }
  return null;
}

export function startCalculator({ onProgress = () => {} } = {}) {
  const pending = new Map();
  let nextId = 1;
  let failure = null;

  const reason = unsupportedReason();
  if (reason) {
    const ready = Promise.reject(new Error(reason));
    ready.catch(() => {});
    return { ready, request: () => Promise.reject(new Error(reason)) };
  }

  const worker = new Worker(WORKER_URL, { type: "module" });
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  function fail(message) {
    failure = new Error(`The calculator could not start: ${message} Reload the page to try again; the rest of this page still works.`);
    rejectReady(failure);
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
    worker.terminate();
  }

  worker.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === "progress") onProgress(message);
    else if (message.type === "ready") resolveReady();
    else if (message.type === "failed") fail(message.message);
    else if (message.type === "answer") {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve(JSON.parse(message.response));
    }
  });
  // A worker script that cannot be fetched or parsed never posts a message: catch that here.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(event.message || "its files could not be loaded.");
  });

  function request(payload) {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, request: JSON.stringify(payload) });
    });
  }

  return { ready, request };
}
