// The calculator's Web Worker (a module worker: Pyodide 314 refuses classic workers).
//
// It loads Pyodide once from the site's own copy (../pyodide/<hash>/, or ../pyodide/ in the
// downloaded copy), installs the wheels of the site's pyodide-lock.json (each sha256-checked),
// then answers requests by calling one fixed Python function, calculator.protocol.handle(text)
// -> text. On the hosted site a later visit restores Python's memory instead (SNAPSHOT_STORE).
// Its messages in (ToWorker, RuntimeFiles) and out (FromWorker) are typed in protocol.d.ts.
//
// From a downloaded copy opened from disk (file:), browsers refuse fetch() and module imports of
// files, so the page starts this worker from a data: URL and posts the runtime's files as
// gzipped base64 text (RuntimeFiles, from the copy's pyodide/*.js scripts): the worker unpacks
// them, answers Pyodide's own fetches from them and imports Pyodide's two modules from blob URLs.

/** @import { FromWorker, ProgressStep, RuntimeFiles, ToWorker } from "./protocol" */

import { packSnapshot, unpackSnapshot } from "./snapshot.js";

const FROM_DISK = import.meta.url.startsWith("data:");
const CALCULATOR_PACKAGE = "kneeload-calculator";
/** The types Pyodide's loader needs for what it fetches (the wasm is compiled as it streams). */
const TYPES = /** @type {Record<string, string>} */ ({
  wasm: "application/wasm",
  json: "application/json",
  zip: "application/zip",
  whl: "application/zip",
  mjs: "text/javascript",
});

/** @type {Promise<RuntimeFiles>} the runtime's files, posted first by a page on file: */
const runtimeFiles = new Promise((resolve) => {
  if (!FROM_DISK) return;
  self.addEventListener("message", function first(event) {
    if (event.data?.type !== "runtime") return;
    self.removeEventListener("message", first);
    resolve(event.data);
  });
});

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

/**
 * @param {string} text base64 of gzipped bytes
 * @returns {Promise<ArrayBuffer>} the bytes
 */
async function unpack(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

/**
 * From disk: unpack the posted files, answer every fetch from them (and refuse any other), and
 * give Pyodide its two modules as blob URLs.
 * @returns {Promise<{ loader: string, indexURL: string, createPyodideModule: unknown }>}
 */
async function runtimeFromPage() {
  const { base, files } = await runtimeFiles;
  /** @type {Map<string, Blob>} */
  const unpacked = new Map();
  for (const [name, text] of Object.entries(files)) {
    const type = TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";
    unpacked.set(name, new Blob([await unpack(text)], { type }));
  }
  self.fetch = async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const blob = url.startsWith(base) ? unpacked.get(url.slice(base.length)) : undefined;
    if (!blob) throw new TypeError(`${url} is not part of the calculator's runtime.`);
    return new Response(blob, { headers: { "Content-Type": blob.type } });
  };
  const url = (/** @type {string} */ name) => URL.createObjectURL(/** @type {Blob} */ (unpacked.get(name)));
  const asm = await import(url("pyodide.asm.mjs"));
  return { loader: url("pyodide.mjs"), indexURL: base, createPyodideModule: asm.default };
}

// The runtime's files are fetched through this counter, so the page can show real progress
// (bytes arrived) rather than one label for the whole download. The counter reads a copy of each
// response (clone): the response itself goes to Pyodide as the browser made it, because Chrome
// keeps compiled WebAssembly (its code cache) only for a response it made itself (a Response built
// here has none): with it, a return visit's first answer took 10-12 ms here, without it 26-44 ms
// (README, Speed).
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
  count(/** @type {ReadableStream<Uint8Array>} */ (response.clone().body));
  return response;
};

/**
 * Count a copy's bytes as they arrive, and tell the page at most a few times a second (each
 * report repaints its progress). A copy that fails to read is simply not counted further.
 * @param {ReadableStream<Uint8Array>} copy
 */
async function count(copy) {
  const reader = copy.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      downloaded += value.byteLength;
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        post({ type: "progress", step: currentStep, label: currentLabel, loaded: downloaded });
      }
    }
  } catch {
    // (the response itself reports its own failure to whoever reads it)
  }
}

/**
 * Where the runtime is: the build writes this line (hooks/runtime.py, worker_with_runtime) with the
 * runtime's versioned folder, the wheels' folder and the site's lock file's contents, so that no
 * request is spent on the lock file, and the smaller standard library (stdlib: the modules the
 * calculator uses; any other is found in Pyodide's whole python_stdlib.zip, downloaded then, by
 * the _kneeload_stdlib finder it holds). As written here (the source, and the downloaded copy on
 * file:, which is given its files by the page), Pyodide's unversioned folder with its lock file.
 * On the hosted site, sha256 holds the SHA-256 (hex) of each file of the runtime's folder that a
 * start fetches, by name: a failed start looks for a damaged copy with it (forgetDamagedCopies).
 * @type {{ folder: string, packages: string, lock: object | null, stdlib?: string, sha256?: Record<string, string> }}
 */
const RUNTIME = { folder: "../pyodide/", packages: "../pyodide/", lock: null };

/**
 * The hosted site's memory snapshot: after the first start, Python's memory with the calculator
 * imported is kept in this browser (Cache Storage), and later visits restore it instead of
 * starting Python again (Pyodide's private _makeSnapshot/_loadSnapshot, tied to the exact build:
 * the store is named by the runtime's two versioned folders, and calculator/sw.js deletes older
 * builds' stores). Anything wrong with a kept snapshot (refused, corrupt, from another build)
 * deletes it and Python starts as on a first visit. None for the source's or the downloaded
 * copy's unversioned runtime, nor where this browser has no Cache Storage.
 */
const SNAPSHOT_STORE = !FROM_DISK && RUNTIME.lock && typeof caches === "object"
  ? `kneeload-snapshot-${RUNTIME.folder.split("/").at(-2)}-${RUNTIME.packages.split("/").at(-2)}`
  : null;
// (Not resolved on file:, where this worker runs from a data: URL and nothing resolves against it.)
const SNAPSHOT_KEY = SNAPSHOT_STORE ? new URL("python-snapshot", import.meta.url).href : "";

/**
 * The kept snapshot, if any (never throws). Only its entry is awaited here (a few milliseconds);
 * its 13 MB (snapshot.js: the 31 MB without their blocks of zeros) are read while Pyodide's
 * modules load and its wasm downloads (loadPyodide awaits _loadSnapshot after starting those).
 * A read that fails, or a kept form this worker does not read, rejects that promise, so
 * loadPyodide fails and Python starts as on a first visit.
 * @returns {Promise<{ bytes: Promise<Uint8Array> } | null>}
 */
async function keptSnapshot() {
  if (!SNAPSHOT_STORE) return null;
  try {
    const response = await (await caches.open(SNAPSHOT_STORE)).match(SNAPSHOT_KEY);
    if (!response) return null;
    const bytes = response.arrayBuffer().then(unpackSnapshot);
    bytes.catch(() => {}); // (reported by loadPyodide, which awaits it)
    return { bytes };
  } catch {
    return null;
  }
}

/** @param {Uint8Array | null} snapshot Pyodide's, kept for the next visit (in snapshot.js's form); null: forget the kept one */
async function keepSnapshot(snapshot) {
  if (!SNAPSHOT_STORE) return;
  try {
    if (snapshot) await (await caches.open(SNAPSHOT_STORE)).put(SNAPSHOT_KEY, new Response(packSnapshot(snapshot)));
    else await caches.delete(SNAPSHOT_STORE);
  } catch {
    // Not kept: the next visit starts Python as this one did.
  }
}

/**
 * The service worker's runtime stores (sw.js, RUNTIME_STORE: this build's, and an older one's
 * until the new service worker takes over); none where this worker has no Cache Storage.
 * @returns {Promise<Cache[]>}
 */
async function runtimeStores() {
  if (typeof caches !== "object") return [];
  const names = (await caches.keys()).filter((name) => name.startsWith("kneeload-runtime-"));
  return Promise.all(names.map((name) => caches.open(name)));
}

/**
 * After a failed start: each runtime file kept in the service worker's store is checked against
 * the SHA-256 the build wrote (RUNTIME.sha256), and a damaged copy is deleted, so that a reload
 * downloads it again instead of failing on every visit (a damaged wheel is found by the service
 * worker: sw.js, fromStore). Reads the kept files (about 14 MB), only when a start failed.
 * @returns {Promise<boolean>} whether a damaged copy was deleted
 */
async function forgetDamagedCopies() {
  let forgot = false;
  try {
    const stores = await runtimeStores();
    for (const [name, sha256] of Object.entries(RUNTIME.sha256 ?? {})) {
      const url = new URL(`${RUNTIME.folder}${name}`, import.meta.url).href;
      for (const store of stores) {
        const kept = await store.match(url);
        if (kept && (await hexSha256(await kept.arrayBuffer())) !== sha256) forgot = (await store.delete(url)) || forgot;
      }
    }
  } catch {
    // The store could not be read: the reader's reload tries again.
  }
  return forgot;
}

/**
 * @param {ArrayBuffer} bytes
 * @returns {Promise<string>} their SHA-256 in hex
 */
async function hexSha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Download the calculator's wheel from the site's lock (checked against the lock's sha256 by the
 * browser, as Subresource Integrity), while Python starts.
 * @param {string} base the wheels' folder
 * @param {{ packages: Record<string, { name: string, file_name: string, sha256: string }> }} lock
 * @returns {Promise<Uint8Array[]>}
 */
function downloadWheels(base, lock) {
  const wanted = Object.values(lock.packages).filter(({ name }) => name === CALCULATOR_PACKAGE);
  return Promise.all(wanted.map(async ({ name, file_name: file, sha256 }) => {
    const digest = btoa(String.fromCharCode(...(sha256.match(/../g) ?? []).map((hex) => parseInt(hex, 16))));
    const url = new URL(file, base).href;
    const integrity = `sha256-${digest}`;
    try {
      // (A copy damaged in this browser's runtime store is downloaded again by sw.js: fromStore.)
      const response = await fetch(url, { integrity });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new Error(`its own code (${name}) did not download whole, or arrived damaged (the browser said: ${describe(error)}).`);
    }
  }));
}

/** @type {any} the Pyodide instance, once Python runs (for a history request's files) */
let python = null;
/**
 * What to do once the warm-up has ended, or at the reader's first request if that comes first:
 * run once, by keepPython(), before Python has seen anything of the reader's.
 */
let whenWarm = () => {};

/** Set once Python has stopped for good in this worker (pythonStopped). */
let stopped = false;

/**
 * Python stopped for good in this worker (Pyodide's fatal error: its memory damaged, say). The
 * kept snapshot is forgotten (it may be why: the next visit starts afresh) and the page is told,
 * once, so the reader is asked to reload rather than left waiting.
 * @returns {Error} to throw at the request that found it
 */
function pythonStopped() {
  const message = "Python stopped working in this page.";
  if (!stopped) {
    stopped = true;
    // The page ends this worker once told: the snapshot is forgotten first.
    keepSnapshot(null).then(() => post({ type: "failed", message }));
  }
  return new Error(message);
}

/** Settles once a restored Python has its files back (startPython); at once otherwise. */
let filesBack = Promise.resolve();

/** Run whenWarm (keep Python's memory for the next visit), once. */
function keepPython() {
  const then = whenWarm;
  whenWarm = () => {};
  then();
}

/**
 * Answer a history request: the reader's files are mounted read-only in the worker's own file
 * system (WORKERFS reads a File a slice at a time: nothing is copied whole, nothing leaves the
 * browser), the request's "files" become their paths, and the counts are posted as they are read.
 * @param {number} id
 * @param {string} request JSON text
 * @param {File[]} files
 * @param {(text: string) => string} handle
 * @returns {Promise<string>}
 */
async function readHistory(id, request, files, handle) {
  let progress;
  try {
    progress = python.pyimport("calculator.history.progress");
  } catch {
    // Only a restored start whose wheel could not be unpacked again (no network, and a damaged
    // copy kept) lacks the training log's readers: the snapshot answers the other checks.
    throw new Error("The training log's reader could not be loaded in this browser. Connect to the internet and reload the page to read your files.");
  }
  const FS = python.FS;
  const folders = files.map((file, index) => {
    const folder = `/history/${id}/${index}`;
    FS.mkdirTree(folder);
    FS.mount(FS.filesystems.WORKERFS, { files: [file] }, folder);
    return folder;
  });
  const parsed = JSON.parse(request);
  parsed.files = files.map((file, index) => `${folders[index]}/${file.name}`);
  let last = 0;
  progress.listen((/** @type {number} */ done, /** @type {number} */ total, /** @type {number} */ found, /** @type {string} */ name) => {
    const now = Date.now();
    if (now - last < 100) return; // a few reports a second: each repaints the page's progress
    last = now;
    post({ type: "reading", id, done, total, found, name });
  });
  try {
    return handle(JSON.stringify(parsed));
  } finally {
    progress.listen(null);
    progress.destroy();
    for (const folder of folders) {
      FS.unmount(folder);
      FS.rmdir(folder);
    }
    FS.rmdir(`/history/${id}`);
  }
}

/**
 * Python, after a restored start's wheel is unpacked: each import path finder forgets the folder
 * listing it held in the snapshot, so the unpacked modules are found. What
 * importlib.invalidate_caches() does, less its import of importlib.metadata: the smaller standard
 * library leaves that out, and importing it downloaded the whole one on every return visit
 * (and, offline, failed and forgot the snapshot).
 */
const FORGET_FOLDER_LISTINGS = `import sys
for finder in list(sys.path_importer_cache.values()):
    if finder is not None and hasattr(finder, "invalidate_caches"):
        finder.invalidate_caches()`;

/** @returns {Promise<(text: string) => string>} calculator.protocol.handle, once Python runs */
async function startPython() {
  progress("download", "Downloading the Python runtime");
  const here = (/** @type {string} */ path) => new URL(path, import.meta.url).href;
  const runtime = FROM_DISK
    ? await runtimeFromPage()
    : {
      loader: here(`${RUNTIME.folder}pyodide.mjs`),
      // Imported beside the loader (which would import it only once it runs).
      createPyodideModule: import(here(`${RUNTIME.folder}pyodide.asm.mjs`)).then((asm) => asm.default),
      indexURL: here(RUNTIME.folder),
      packageBaseUrl: here(RUNTIME.packages),
      ...(RUNTIME.lock ? { lockFileContents: RUNTIME.lock } : {}),
      ...(RUNTIME.stdlib ? { stdLibURL: here(`${RUNTIME.folder}${RUNTIME.stdlib}`) } : {}),
    };
  const { loader, createPyodideModule: module, ...rest } = runtime;
  const snapshot = keptSnapshot();
  const [{ loadPyodide }, createPyodideModule] = await Promise.all([import(loader), module]);
  const options = { ...rest, createPyodideModule };
  /** @param {any} pyodide @returns {(text: string) => string} */
  const handler = (pyodide) => {
    python = pyodide;
    // Kept for the worker's lifetime: one module proxy, one fixed function.
    const protocol = pyodide.pyimport("calculator.protocol");
    return (text) => {
      if (stopped) throw pythonStopped();
      let response;
      try {
        response = protocol.handle(text);
      } catch (error) {
        if (/fatal/i.test(describe(error))) throw pythonStopped();
        throw error;
      }
      // Pyodide's fatal error (a trap in Python's memory) returns nothing rather than throwing.
      if (typeof response !== "string") throw pythonStopped();
      return response;
    };
  };
  const kept = await snapshot;
  if (kept) {
    progress("start", "Starting Python from this browser's copy");
    // A snapshot holds Python's memory, not its files: the calculator's wheel is unpacked again,
    // so that a module not imported when the snapshot was made (a check the first visit never
    // used, the training log's readers) can be. It downloads (from this browser's store) while
    // the snapshot restores, and is unpacked in a task of its own once the page is told Python
    // is ready; requests and the warm-up wait for it (filesBack).
    const wheels = downloadWheels(here(RUNTIME.packages), /** @type {any} */ (RUNTIME.lock));
    wheels.catch(() => {});
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: kept.bytes });
      filesBack = new Promise((resolve) => setTimeout(resolve, 0)).then(async () => {
        // Not downloaded (no network, and a damaged copy kept): what the snapshot imported still
        // answers, and it is kept for the next visit, which downloads the wheel again.
        const downloaded = await wheels;
        try {
          for (const wheel of downloaded) pyodide.unpackArchive(wheel, "wheel");
          pyodide.runPython(FORGET_FOLDER_LISTINGS);
        } catch (error) {
          // Not unpacked: what was imported still answers; the next visit starts as a first one.
          await keepSnapshot(null);
          throw error;
        }
      });
      filesBack.catch(() => {});
      return handler(pyodide);
    } catch {
      await keepSnapshot(null);
    }
  }
  progress("start", "Starting Python and installing the calculator");
  if (RUNTIME.lock && !FROM_DISK) {
    // The hosted site: the calculator's wheel downloads while Python starts, is unpacked and
    // imported; then Python's memory is kept for the next visit (not awaited).
    const wheels = downloadWheels(here(RUNTIME.packages), /** @type {any} */ (RUNTIME.lock));
    wheels.catch(() => {});
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(SNAPSHOT_STORE) });
    if (RUNTIME.stdlib) {
      // Before anything imports: a module the smaller standard library lacks comes from the whole one.
      const whole = JSON.stringify(here(`${RUNTIME.folder}python_stdlib.zip`));
      pyodide.runPython(`import _kneeload_stdlib\n_kneeload_stdlib.install(${whole})`);
    }
    for (const wheel of await wheels) pyodide.unpackArchive(wheel, "wheel");
    try {
      pyodide.runPython("import calculator.protocol");
    } catch (error) {
      // A Python traceback: the reader is told its last line, the exception's own message.
      throw new Error(describe(error).trim().split("\n").at(-1)?.replace(/^\w+Error: /, ""));
    }
    if (SNAPSHOT_STORE) {
      // Made after the warm-up (20-45 ms to copy; packed once its store is open, 9-18 ms:
      // snapshot.js), between two requests: the checks it imported
      // are in it (the calculator imports each check at its first use: calculator/checks/registry.py).
      // A reader's request that comes first has it made just before (keepPython).
      whenWarm = () => {
        try {
          keepSnapshot(pyodide.makeMemorySnapshot());
        } catch {
          // Python's memory cannot be kept (it holds a JavaScript object: the whole standard
          // library's download did): the next visit starts as this one did.
        }
      };
    }
    return handler(pyodide);
  }
  // The source's and the downloaded copy's runtime: the wheel is named in loadPyodide's packages,
  // so it downloads while Python starts. Pyodide reports a package it could not install (a failed
  // download, a wrong sha256) with console.error and carries on: those messages say why.
  /** @type {string[]} */
  const problems = [];
  const error = console.error.bind(console);
  console.error = (...args) => {
    error(...args);
    problems.push(args.map(String).join(" "));
  };
  const pyodide = await loadPyodide({ ...options, packages: [CALCULATOR_PACKAGE] });
  console.error = error;
  if (!(CALCULATOR_PACKAGE in pyodide.loadedPackages)) {
    throw new Error(problems.join(" ") || `${CALCULATOR_PACKAGE} could not be installed.`);
  }
  return handler(pyodide);
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

/** Settles once the page has been told that Python is ready, or that it could not start. */
const told = ready.then(
  (handle) => {
    post({ type: "ready" });
    filesBack.then(() => warmUp(handle), () => warmUp(handle));
  },
  async (error) => {
    // A download that failed is said as one, not in the browser's bare words for it (Chromium's
    // "Failed to fetch", Firefox's "NetworkError when attempting to fetch resource.", Safari's
    // "Load failed").
    const reason = describe(error).trim();
    const said = /^(Failed to fetch|NetworkError when attempting to fetch|Load failed)/.test(reason)
      ? `part of the Python runtime did not download (the browser said: ${reason}).`
      : reason;
    const damaged = await forgetDamagedCopies();
    post({
      type: "failed",
      message: damaged
        ? `${/[.!?]$/.test(said) ? said : `${said}.`} A damaged copy of the runtime kept by this browser was deleted`
        : said,
    });
  },
);

/** Set by the reader's first request: the warm-up stops there. */
let asked = false;

/**
 * Once Python is ready, answer calculator.protocol.WARM_UP's requests (one of each check) and
 * throw the answers away, so that the reader's first answer does not pay for code running for
 * the first time. One request per task, so a reader's request waits behind one at most, and
 * none after the reader's first request. A failure here is ignored: the reader's request is
 * then simply the first. When it ends (done, stopped or failed), whenWarm runs (keepPython).
 * @param {(text: string) => string} handle
 */
function warmUp(handle) {
  const end = keepPython;
  /** @type {string[]} */
  let texts;
  try {
    const protocol = python.pyimport("calculator.protocol");
    const requests = protocol.WARM_UP;
    texts = requests.toJs();
    requests.destroy();
    protocol.destroy();
  } catch {
    setTimeout(end, 0);
    return;
  }
  const next = () => {
    const text = texts.shift();
    if (asked || text === undefined) return end();
    try {
      handle(text);
    } catch {
      return end();
    }
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

self.addEventListener("message", async (event) => {
  /** @type {ToWorker | RuntimeFiles} */
  const message = event.data;
  if ("type" in message) return;
  const { id, request, files } = message;
  asked = true;
  try {
    // A start that failed is told first ("failed", which the page words for the reader), and
    // only then is this request answered with its error.
    const handle = await ready.catch(async (error) => {
      await told;
      throw error;
    });
    // The snapshot is made before the reader's first request, never after: Python's memory, kept
    // in this browser for later visits, holds nothing of what a reader asked or read (a request
    // that came before the warm-up ended: a link with inputs, a file chosen while loading).
    keepPython();
    await filesBack.catch(() => {});
    // A JSON string crosses the boundary, so no PyProxy leaks into the page.
    const response = files?.length ? await readHistory(id, request, files, handle) : handle(request);
    post({ type: "answer", id, response });
  } catch (error) {
    post({ type: "answer", id, error: describe(error) });
  }
});
