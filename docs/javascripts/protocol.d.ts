// The calculator's messages, typed once for every module here (tsc checks the JavaScript against
// them; see tsconfig.json). Nothing here runs and the site does not ship it (mkdocs.yml
// exclude_docs). The protocol's written spec is calculator/protocol.py: these types are the part of
// it the browser reads, and they change with it.
//
//   page --(Request)--> client --(ToWorker)--> worker --text--> calculator.protocol.handle
//   page <--(Answer)--  client <--(FromWorker)-- worker <--text--

// --- the protocol (calculator/protocol.py) ------------------------------------------------------

/** A request: the check's name and its fields (numbers, text, lists, nested answers). */
export interface Request {
  check: string;
  [field: string]: unknown;
}

/** One problem with a request: where it is ("weeks[1]", "answers.locked", "request") and what. */
export interface FieldError {
  field: string | null;
  message: string;
}

/** A page the answer links to: docs-relative ("conditions/bursitis.md"), with its title. */
export interface Link {
  title: string;
  page: string;
}

/** One row of an answer's table; a flagged row is one the reader should look at. */
export interface TableRow {
  cells: string[];
  flagged: boolean;
}

/** The table an answer brings (calculator/present.py). */
export interface Table {
  caption: string;
  columns: string[];
  rows: TableRow[];
}

/**
 * What every check's result carries (calculator/answer.py, the answer contract), plus the table
 * and chart the protocol adds. Each check adds fields of its own, which the page does not read.
 */
export interface Result {
  summary: string;
  verdict: string;
  why: string;
  links: Link[];
  sources: string[];
  disclaimer: string;
  see_clinician: boolean;
  caveat?: string | null;
  table?: Table | null;
  chart_svg?: string | null;
  /** Plain sentences to read with the summary (ramp and acwr: calculator/protocol.py). */
  notes?: string[] | null;
  [field: string]: unknown;
}

/** A number to call, linked with tel: (calculator/rules/redflags.py, a level's calls). */
export interface Call {
  number: string;
  label: string;
}

/**
 * What to do at one care level, when and where: the red-flags result's own fields, and the where
 * result's "urgency" when it found a red flag (calculator/checks/redflags.py).
 */
export interface Care {
  level: "self-care" | "soon" | "urgent" | "emergency";
  level_label: string;
  heading: string;
  action: string;
  watch: string;
  calls: Call[];
}

/** An answer: a result, or every problem with the request at once. */
export type Answer =
  | { ok: true; check: string; result: Result }
  | { ok: false; check: string | null; errors: FieldError[] };

// --- the page <-> worker messages (client.js, worker.js) ----------------------------------------

/** The steps of starting Python in the worker, in order. */
export type ProgressStep = "download" | "start";

/**
 * Page to worker: one request, as JSON text, with the id its answer will carry. files: the files a
 * history request reads (the reader's own, posted to the worker, never sent anywhere): the worker
 * puts them in its own file system and the request's "files" become their paths there.
 */
export interface ToWorker {
  id: number;
  request: string;
  files?: File[];
}

/** Worker to page while a history is read: files read of all, activities found, the part just read. */
export interface Reading {
  type: "reading";
  id: number;
  done: number;
  total: number;
  found: number;
  name: string;
}

/** What goes beside a request (client.js): files, and who hears the counts while they are read. */
export interface RequestOptions {
  files?: File[];
  onReading?: (reading: Reading) => void;
}

/**
 * Page to worker, first and once, from a downloaded copy opened from disk (file:): each runtime
 * file of the copy's pyodide/ folder by name, as gzipped base64 text, and that folder's URL.
 */
export interface RuntimeFiles {
  type: "runtime";
  base: string;
  files: Record<string, string>;
}

/** Worker to page. */
export type FromWorker =
  /** loaded: bytes of the runtime downloaded so far (total when known), sent as they arrive. */
  | { type: "progress"; step: ProgressStep; label: string; loaded?: number; total?: number }
  | Reading
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "answer"; id: number; response: string }
  | { type: "answer"; id: number; error: string };

/** The part of a Worker the client uses (a fake one in the tests). */
export interface WorkerLike {
  postMessage(message: ToWorker | RuntimeFiles): void;
  addEventListener(type: "message", listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: "error", listener: (event: { message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
}

/** What startCalculator returns: readiness, and one promise per request. */
export interface Calculator {
  /** Resolves once Python runs; rejects with a message for the reader. */
  ready: Promise<void>;
  request(payload: Request, options?: RequestOptions): Promise<Answer>;
}

// --- the host page <-> embed frame messages (embed.js; embed-frame.js and embed-start.js) -------
//
// A page on another site shows embed/<check>.html in an iframe and talks to it with postMessage.
// Every message is a plain object with kneeload: 1 (the version of these messages) and a type.
// The frame takes requests only from the window that embeds it, ignores every message that is not
// exactly a HostToFrame (nothing in one is ever evaluated: the request goes to the calculator as
// JSON), and posts an answer only to the origin that asked. "ready" and "size" carry no reader
// data. The host's script (embed.js) takes messages only from kneeload's own origin (its script's)
// and only from a frame it knows. The Embed page (docs/calculator/embed.md) has the same as a table.

/** Host to frame: one protocol request; its answer comes back with the same id. */
export interface HostRequest {
  kneeload: 1;
  type: "request";
  /** any string of up to 64 characters, or a safe integer, chosen by the host */
  id: string | number;
  request: Request;
}

/** Host to frame: are you listening? The frame answers "ready" (it also says so, once, when it starts). */
export interface HostHello {
  kneeload: 1;
  type: "hello";
}

export type HostToFrame = HostRequest | HostHello;

/** Frame to host. */
export type FrameToHost =
  /** The frame listens: requests may be sent (earlier ones are lost). Sent once at start, and to each hello. */
  | { kneeload: 1; type: "ready"; check: string }
  /** The frame's content is this tall, in CSS pixels: the host may size the iframe to it. */
  | { kneeload: 1; type: "size"; height: number }
  /** The answer to the request with this id, or why there is none (the calculator could not start, or
   * the request is too long or not plain data). */
  | { kneeload: 1; type: "answer"; id: string | number; answer: Answer }
  | { kneeload: 1; type: "answer"; id: string | number; error: string };

/** What embed.js gives the host page, as window.kneeload. */
export interface KneeloadEmbed {
  /** Ask a kneeload frame of this page (one embed.js made, or an iframe[data-kneeload-embed]). */
  request(frame: HTMLIFrameElement, request: Request): Promise<Answer>;
}

/**
 * A downloaded copy (the offline build only): javascripts/offline-runtime.js, written by
 * hooks/offline.py, sets names, worker and page; offline.js, opened from disk (file:), adds
 * scripts and files. Nothing of it exists on the hosted site.
 */
export interface OfflineCopy {
  /** The runtime's files in pyodide/, each also shipped as pyodide/NAME.js (gzipped base64). */
  names: string[];
  /** worker.js's text: started as a module worker from a data: URL. */
  worker: string;
  /** form.js, answer.js, client.js and page.js as one module's text, imported from a data: URL. */
  page: string;
  /** What the reader is told when this browser will not run the calculator from disk. */
  refused?: string;
  /** The javascripts/ folder's URL (what import.meta.url stands for in `page`). */
  scripts?: string;
  /** The runtime's files for the worker, once their scripts have loaded. */
  files?: Promise<RuntimeFiles>;
}

declare global {
  var kneeloadOffline: OfflineCopy | undefined;
  /** Each of a copy's pyodide/NAME.js scripts adds its file: name to gzipped base64 text. */
  var kneeloadRuntime: Record<string, string> | undefined;
  /** The browser's own Worker, kept before the search's iframe-worker shim replaces it on file:. */
  var kneeloadNativeWorker: typeof Worker | undefined;
  /** On a host page that loads kneeload's embed.js. */
  var kneeload: KneeloadEmbed | undefined;
}
