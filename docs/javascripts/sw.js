// The calculator's service worker: a returning reader's calculator works with no network and
// starts without downloading the runtime again. Hosted site only: page.js registers it from
// calculator pages (never on file:, never in the downloaded copy). The build serves it as
// calculator/sw.js, so its scope is calculator/ (the calculator pages and their worker,
// calculator/worker.js); reading pages are outside it and never wait on it.
//
// - The versioned runtime (pyodide/<hash>/: Pyodide's files, the lock file, the wheels; a path
//   always holds the same bytes) is stored when the service worker installs and then served
//   from the store (the WebAssembly file from the browser's HTTP cache while it holds it; a
//   wheel damaged in the store downloaded again: fromStore).
// - A calculator page, its scripts, styles and images always come from the network; the last copy
//   is kept only to be used when the network fails, so no page is ever served stale while the
//   site answers. Every calculator page is kept so, once one has been opened (they share their
//   scripts and styles): a reader can open another for the first time with no network.
// - Everything else passes by untouched.
//
// The build writes the BUILD line (hooks/runtime.py, service_worker_with_build): the runtime's
// files and the version of this build. Each build's stores are named by its version (the
// worker's snapshot store by the runtime's folders), and a new build's service worker deletes
// the others when it takes over.

/** @type {{ version: string, runtime: string[], pages: string[] }} */
const BUILD = { version: "source", runtime: [], pages: [] };
const PREFIX = "kneeload-";
const RUNTIME_STORE = `${PREFIX}runtime-${BUILD.version}`;
const PAGES_STORE = `${PREFIX}pages-${BUILD.version}`;
/** The worker's store of Python's memory for this build's runtime (worker.js, SNAPSHOT_STORE). */
const SNAPSHOT_STORE = `${PREFIX}snapshot-${["pyodide.mjs", "pyodide-lock.json"]
  .map((name) => BUILD.runtime.find((path) => path.endsWith(`/${name}`))?.split("/").at(-2)).join("-")}`;
const KEPT = [RUNTIME_STORE, PAGES_STORE, SNAPSHOT_STORE];
const SITE = new URL("../", self.location.href).href;
/** What is versioned: same path, same bytes. */
const VERSIONED = new RegExp(`^${SITE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}pyodide/[0-9a-f]{16}/`);
/** Where a calculator page's own files are (its page, scripts, styles, images). */
const PAGE_FILES = ["calculator/", "javascripts/", "stylesheets/", "assets/", "images/"].map((folder) => SITE + folder);

/** @typedef {{ waitUntil(promise: Promise<unknown>): void }} ExtendableEvent */
/** @typedef {ExtendableEvent & { request: Request, respondWith(response: Promise<Response>): void }} FetchEvent */
/** @typedef {ExtendableEvent & { data: unknown }} ExtendableMessageEvent */
const worker = /** @type {any} */ (self);

worker.addEventListener("install", (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(
    caches.open(RUNTIME_STORE)
      // From the browser's HTTP cache where the page's start just put them (force-cache: a
      // versioned path always holds the same bytes), so a first visit downloads nothing twice.
      .then((store) => store.addAll(BUILD.runtime.map((path) => new Request(SITE + path, { cache: "force-cache" }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith(PREFIX) && !KEPT.includes(name))
        .map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

/** The pages' store's last keeping (one after another). @type {Promise<void>} */
let keeping = Promise.resolve();

/**
 * The page that registered this worker names its own files (its address and what it loaded):
 * those of the calculator's that pass PAGE_FILES are kept for when the network fails. The copies
 * kept are those the page just loaded, from the browser's HTTP cache (force-cache: nothing is
 * downloaded again; the network only for a file the cache no longer holds). A file kept already
 * is left as it is: a page this worker controls had each of its files kept as it loaded them
 * (fromNetwork); a page it did not has them here: a first visit, or the first under a new build
 * (the page tells the new worker once it takes over: page.js, on controllerchange). Then the
 * calculator pages not kept yet, or kept more than a day ago (BUILD.pages), are downloaded and
 * kept, one at a time.
 */
worker.addEventListener("message", (/** @type {ExtendableMessageEvent} */ event) => {
  const data = /** @type {{ type?: unknown, urls?: unknown }} */ (event.data);
  if (data?.type !== "keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === "string" && isPageFile(url));
  // One message at a time: a first visit sends two (page.js: ready, then controllerchange), and
  // side by side both would download the same pages.
  keeping = keeping.then(() => caches.open(PAGES_STORE)).then(async (store) => {
    /** @param {string} url @param {RequestCache} cache @param {number} [days] how long a copy holds */
    const keep = async (url, cache, days = Infinity) => {
      const kept = await store.match(url);
      if (kept && ageInDays(kept) < days) return;
      const response = await fetch(url, { cache });
      if (response.ok) await store.put(url, await unredirected(response));
    };
    await Promise.all(urls.map((url) => keep(url, "force-cache")));
    // A page kept ahead and never opened since is asked for again (its validators: unchanged,
    // nothing is downloaded) once its copy is a day old, so its text is never older than that
    // while the reader comes back online.
    for (const path of BUILD.pages) await keep(SITE + path, "no-cache", 1);
  }).catch(() => {});
  event.waitUntil(keeping);
});

/**
 * How old a kept copy is, in days, by its Date header (0 without one).
 * @param {Response} kept
 * @returns {number}
 */
function ageInDays(kept) {
  const age = (Date.now() - Date.parse(kept.headers.get("Date") ?? "")) / 86_400_000;
  // No Date header (HTTP asks every origin server with a clock to send one): taken as kept now,
  // rather than asked for again at every visit.
  return Number.isNaN(age) ? 0 : age;
}

/**
 * A response a page can be given: a host that answers page.html with a redirect to page (pretty
 * addresses) gives a redirected response, which the browser refuses for a page's load; its copy
 * is not marked redirected.
 * @param {Response} response
 * @returns {Promise<Response>}
 */
async function unredirected(response) {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

/**
 * The other address of a page: page.html for page, and page for page.html; folder/index.html for
 * folder/ and the other way round (a host may redirect one to the other, so a page may be kept
 * under either).
 * @param {string} key
 * @returns {string}
 */
function otherAddress(key) {
  if (key.endsWith("/")) return `${key}index.html`;
  if (key.endsWith("/index.html")) return key.slice(0, -"index.html".length);
  return key.endsWith(".html") ? key.slice(0, -".html".length) : `${key}.html`;
}

/**
 * The address a page file is kept under: without its query and its fragment (a request's
 * address keeps the fragment: ramp.html#weeks=20 is ramp.html).
 * @param {string} url
 * @returns {string}
 */
function pageKey(url) {
  return url.split(/[?#]/)[0];
}

/** @param {string} url */
function isPageFile(url) {
  return !url.includes("#") && PAGE_FILES.some((folder) => url.startsWith(folder));
}

worker.addEventListener("fetch", (/** @type {FetchEvent} */ event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  if (VERSIONED.test(request.url)) event.respondWith(fromStore(event));
  // (A page's address may carry inputs after # or ?: its kept copy is the page's.)
  else if (isPageFile(pageKey(request.url))) event.respondWith(fromNetwork(event));
});

/**
 * The versioned runtime: from the store, else from the network (and then kept). The WebAssembly
 * file comes from the browser's HTTP cache first, if it still holds it (never from the network
 * there: only-if-cached), because Chrome keeps its compiled code beside that copy and not beside
 * the store's: a return visit then skips compiling it, and its first answers are 2-4 times
 * faster (README, Speed). A store that lost it (site data cleared in part) is given it again then.
 * @param {FetchEvent} event
 * @returns {Promise<Response>}
 */
async function fromStore(event) {
  const { request } = event;
  const store = await caches.open(RUNTIME_STORE);
  const kept = await store.match(request, { ignoreSearch: true });
  if (request.url.endsWith(".wasm")) {
    const cached = await fetch(request.url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null);
    if (cached?.ok) {
      if (!kept) event.waitUntil(store.put(request, cached.clone()).catch(() => {}));
      return cached;
    }
  }
  if (kept && request.integrity && !(await intact(kept, request.integrity))) {
    // A copy damaged in the store (the wheel, which the worker asks for with its sha256): a new
    // one when the network answers (the browser checks it too), else this one, which the
    // worker's check then refuses (and its kept snapshot still answers).
    const fresh = await fetch(request).catch(() => null);
    if (fresh?.ok) {
      await store.put(request, fresh.clone());
      return fresh;
    }
  }
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await store.put(request, response.clone());
  return response;
}

/**
 * Whether a kept response's bytes match a request's Subresource Integrity metadata (its
 * sha256-BASE64 part; metadata without one is not checked here).
 * @param {Response} kept
 * @param {string} integrity
 * @returns {Promise<boolean>}
 */
async function intact(kept, integrity) {
  const expected = /(?:^|\s)sha256-([A-Za-z0-9+/=]+)/.exec(integrity)?.[1];
  if (!expected) return true;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await kept.clone().arrayBuffer()));
  return btoa(String.fromCharCode(...digest)) === expected;
}

/**
 * Whether two responses of one address hold the same file, as their validators say: the same
 * ETag, or (a host that sends none) the same Last-Modified and Content-Length. Never true when
 * the host sends neither: such a file is always kept again. (A host whose ETag is made of a
 * file's time and size, as nginx's and Apache's are, and which gives a changed file of the same
 * size the same time, would keep the older copy for when the network fails; the page itself
 * always comes from the network while it answers.)
 * @param {Response} kept
 * @param {Response} fresh
 * @returns {boolean}
 */
function sameFile(kept, fresh) {
  const header = (/** @type {Response} */ response, /** @type {string} */ name) => response.headers.get(name);
  const etag = header(fresh, "ETag");
  if (etag) return header(kept, "ETag") === etag;
  const modified = header(fresh, "Last-Modified");
  const length = header(fresh, "Content-Length");
  return Boolean(modified && length) && header(kept, "Last-Modified") === modified
    && header(kept, "Content-Length") === length;
}

/**
 * A calculator page's own files: from the network, else the kept copy. The copy is kept after
 * the page has its response (the page never waits on the store: a write per file delayed each
 * of them on a return visit), and only when it changed (a return visit rewrote every file,
 * beside the calculator's start).
 * @param {FetchEvent} event
 * @returns {Promise<Response>}
 */
async function fromNetwork(event) {
  const key = pageKey(event.request.url);
  const store = caches.open(PAGES_STORE);
  try {
    const response = await fetch(event.request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(store.then(async (opened) => {
        const kept = await opened.match(key);
        if (!kept || !sameFile(kept, copy)) await opened.put(key, copy);
        else await copy.body?.cancel(); // not read: its bytes are let go
      }).catch(() => {}));
    }
    return response;
  } catch (error) {
    const opened = await store;
    const kept = (await opened.match(key)) ?? (await opened.match(otherAddress(key)));
    if (kept) return kept;
    throw error;
  }
}
