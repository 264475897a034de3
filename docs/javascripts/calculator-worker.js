// The calculator's Web Worker (a module worker: Pyodide 314 refuses classic workers).
//
// It loads Pyodide once from the site's own copy (../pyodide/), installs the calculator wheel
// through the site's pyodide-lock.json (sha256-checked by Pyodide), then answers requests by
// calling one fixed Python function, calculator.protocol.handle(text) -> text.
//
// Messages in:  {id, request: "<JSON text>"}
// Messages out: {type: "progress", step, label}
//               {type: "ready"}
//               {type: "failed", message}
//               {type: "answer", id, response: "<JSON text>"}  or  {type: "answer", id, error}

const runtimeBase = new URL("../pyodide/", import.meta.url).href;
const CALCULATOR_PACKAGE = "kneeload-calculator";

function progress(step, label) {
  self.postMessage({ type: "progress", step, label });
}

async function startPython() {
  progress("download", "Downloading the Python runtime");
  const { loadPyodide } = await import(`${runtimeBase}pyodide.mjs`);
  progress("start", "Starting Python");
  const pyodide = await loadPyodide({ indexURL: runtimeBase, fullStdLib: false });
  progress("install", "Installing the calculator");
  const problems = [];
  await pyodide.loadPackage(CALCULATOR_PACKAGE, {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
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
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) }),
);

self.addEventListener("message", async (event) => {
  const { id, request } = event.data;
  try {
    const handle = await ready;
    // A JSON string crosses the boundary, so no PyProxy leaks into the page.
    self.postMessage({ type: "answer", id, response: handle(request) });
  } catch (error) {
    self.postMessage({ type: "answer", id, error: String(error && error.message ? error.message : error) });
  }
});
