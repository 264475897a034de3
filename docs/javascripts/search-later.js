// On a hosted calculator page, the theme's site search builds its index (the whole site's text,
// in a worker of its own) when the reader first opens the search, not as the page loads: there
// it ran beside the calculator's start, on the same cores, and delayed it (README, "Speed").
// The search itself is the theme's, unchanged: its worker is only created later. Until then the
// theme's messages to it wait here, in order; the search box says it is starting meanwhile.
//
// A classic script loaded just before the theme's bundle (overrides/main.html), which creates
// its search worker with `new Worker(url)` and listens with addEventListener: so Worker is
// wrapped here, for that one URL (any other worker, the calculator's included, is the browser's
// own). Not in the downloaded copy, whose search works differently on file: (hooks/offline.py).
/** @typedef {[scriptURL: string | URL, options?: WorkerOptions]} WorkerArgs */
(() => {
  const Native = globalThis.Worker;
  let searchURL = "";
  try {
    const config = JSON.parse(document.getElementById("__config")?.textContent ?? "{}");
    if (typeof config.search !== "string") return; // no search configured: nothing to defer
    searchURL = new URL(config.search, location.href).href;
  } catch {
    return; // no theme configuration: nothing to defer
  }
  if (typeof Native !== "function" || typeof EventTarget !== "function") return;

  /** @type {Set<() => void>} starts of the workers not created yet */
  const waiting = new Set();
  const startAll = () => {
    for (const start of [...waiting]) start();
  };

  /** The theme's search worker, created at the first of start(). */
  class LaterWorker extends EventTarget {
    /** @param {WorkerArgs} args */
    constructor(args) {
      super();
      /** @type {unknown[]} messages posted before the worker exists */
      const queue = [];
      /** @type {Worker | null} */
      let worker = null;
      const start = () => {
        waiting.delete(start);
        if (worker) return;
        worker = new Native(...args);
        const created = worker;
        created.addEventListener("message", (event) => {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        created.addEventListener("error", (event) => {
          this.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
        });
        for (const message of queue.splice(0)) created.postMessage(message);
      };
      waiting.add(start);
      /** @param {unknown} message */
      this.postMessage = (message) => {
        if (worker) worker.postMessage(message);
        else queue.push(message);
      };
      this.terminate = () => {
        waiting.delete(start);
        queue.length = 0;
        worker?.terminate();
      };
    }
  }

  globalThis.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (function SearchLaterWorker(
    /** @type {string | URL} */ url,
    /** @type {WorkerOptions | undefined} */ options,
  ) {
    /** @type {WorkerArgs} */
    const args = options === undefined ? [url] : [url, options];
    if (new URL(String(url), location.href).href === searchURL) return new LaterWorker(args);
    return new Native(...args);
  }));

  // The search opens (its toggle, a click or a shortcut) or its field is focused: start it.
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest(".md-search")) startAll();
  });
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search") startAll();
  });
})();
