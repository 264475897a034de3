// The client: one promise per request, matched to its answer by id, and every way of failing to
// start said once to the reader. A fake Worker stands in for worker.js; the messages are those
// protocol.d.ts types (ToWorker in, FromWorker out).

import assert from "node:assert/strict";
import { test } from "node:test";

import { requestText, startCalculator } from "../../docs/javascripts/client.js";

/** A Worker that records what it is sent and lets the test answer. */
class FakeWorker {
  constructor() {
    /** @type {{ id: number, request: string }[]} */
    this.sent = [];
    /** @type {Record<string, ((event: any) => void)[]>} */
    this.listeners = { message: [], error: [] };
    this.terminated = false;
  }

  /** @param {{ id: number, request: string }} message */
  postMessage(message) {
    this.sent.push(message);
  }

  /** @param {string} type @param {(event: any) => void} listener */
  addEventListener(type, listener) {
    this.listeners[type].push(listener);
  }

  terminate() {
    this.terminated = true;
  }

  /** The worker posts a message to the page. @param {object} data */
  post(data) {
    for (const listener of this.listeners.message) listener({ data });
  }

  /** The worker's script fails to load. @param {string} message */
  crash(message) {
    let prevented = false;
    for (const listener of this.listeners.error) listener({ message, preventDefault: () => { prevented = true; } });
    return prevented;
  }
}

function start() {
  const worker = new FakeWorker();
  /** @type {string[]} */
  const progress = [];
  const calculator = startCalculator({
    onProgress: ({ label }) => progress.push(label),
    createWorker: () => /** @type {any} */ (worker),
  });
  return { worker, progress, calculator };
}

const RAMP_ANSWER = { ok: true, check: "ramp", result: { summary: "Both weeks within the 10 % limit." } };
const SPIKE_ANSWER = { ok: false, check: "spike", errors: [{ field: "planned", message: "Enter a distance." }] };

test("each request is sent as JSON text with its own id, and resolves with its own answer", async () => {
  const { worker, calculator } = start();
  const ramp = calculator.request({ check: "ramp", weeks: [20, 22] });
  const spike = calculator.request({ check: "spike", planned: "" });
  assert.deepEqual(worker.sent, [
    { id: 1, request: '{"check":"ramp","weeks":[20,22]}' },
    { id: 2, request: '{"check":"spike","planned":""}' },
  ]);
  // Answered in the other order: each promise still gets its own answer.
  worker.post({ type: "answer", id: 2, response: JSON.stringify(SPIKE_ANSWER) });
  worker.post({ type: "answer", id: 1, response: JSON.stringify(RAMP_ANSWER) });
  assert.deepEqual(await spike, SPIKE_ANSWER);
  assert.deepEqual(await ramp, RAMP_ANSWER);
});

test("progress is passed on, and ready resolves when the worker says so", async () => {
  const { worker, progress, calculator } = start();
  worker.post({ type: "progress", step: "download", label: "Downloading the Python runtime" });
  worker.post({ type: "progress", step: "start", label: "Starting Python" });
  worker.post({ type: "ready" });
  await calculator.ready;
  assert.deepEqual(progress, ["Downloading the Python runtime", "Starting Python"]);
});

test("a request the worker could not answer rejects with the worker's message; others still answer", async () => {
  const { worker, calculator } = start();
  const failing = calculator.request({ check: "ramp" });
  const fine = calculator.request({ check: "ramp" });
  worker.post({ type: "answer", id: 1, error: "PythonError: boom" });
  worker.post({ type: "answer", id: 99, response: "not JSON, and no one asked" }); // ignored
  worker.post({ type: "answer", id: 2, response: JSON.stringify(RAMP_ANSWER) });
  await assert.rejects(failing, { message: "PythonError: boom" });
  assert.deepEqual(await fine, RAMP_ANSWER);
});

const COULD_NOT_START =
  "The calculator could not start: the Python runtime (WebAssembly) could not be loaded. "
  + "Reload the page to try again; the rest of this page still works.";

test("a worker that fails to start rejects ready, the waiting requests and every later one, and is ended", async () => {
  const { worker, calculator } = start();
  const waiting = calculator.request({ check: "ramp" });
  worker.post({ type: "failed", message: "the Python runtime (WebAssembly) could not be loaded." });
  await assert.rejects(calculator.ready, { message: COULD_NOT_START });
  await assert.rejects(waiting, { message: COULD_NOT_START });
  await assert.rejects(calculator.request({ check: "ramp" }), { message: COULD_NOT_START });
  assert.equal(worker.terminated, true);
  assert.equal(worker.sent.length, 1);
});

test("a worker script that cannot load is caught and said", async () => {
  const { worker, calculator } = start();
  assert.equal(worker.crash(""), true);
  await assert.rejects(calculator.ready, {
    message:
      "The calculator could not start: its files could not be loaded. "
      + "Reload the page to try again; the rest of this page still works.",
  });
});

test("a browser without Web Workers is told so, and no worker is made", async () => {
  // Node has WebAssembly but no Worker global: the browser check says why.
  const calculator = startCalculator();
  const reason = "This browser cannot run the calculator (it needs WebAssembly and Web Workers). "
    + "The reading pages work without it.";
  await assert.rejects(calculator.ready, { message: reason });
  await assert.rejects(calculator.request({ check: "ramp" }), { message: reason });
});

test("a worker the page may not start (a sandbox, a CSP) is said, not left loading", async () => {
  const calculator = startCalculator({
    createWorker: () => {
      throw new Error("Failed to construct 'Worker': access denied.");
    },
  });
  const message = "The calculator could not start: this page may not start its worker here "
    + "(Failed to construct 'Worker': access denied.). The rest of this page still works.";
  await assert.rejects(calculator.ready, { message });
  await assert.rejects(calculator.request({ check: "ramp" }), { message });
});

test("the bytes downloaded so far are passed on with their step", async () => {
  const worker = new FakeWorker();
  /** @type {unknown[]} */
  const seen = [];
  const calculator = startCalculator({ createWorker: () => /** @type {any} */ (worker), onProgress: (step) => seen.push(step) });
  worker.post({ type: "progress", step: "download", label: "Downloading the Python runtime", loaded: 4200000 });
  worker.post({ type: "progress", step: "start", label: "Starting Python" });
  worker.post({ type: "ready" });
  await calculator.ready;
  assert.deepEqual(seen, [
    { step: "download", label: "Downloading the Python runtime", loaded: 4200000, total: undefined },
    { step: "start", label: "Starting Python" },
  ]);
});

test("an answer that is not JSON rejects its request with a message, and the next still answers", async () => {
  const { worker, calculator } = start();
  const broken = calculator.request({ check: "ramp" });
  const fine = calculator.request({ check: "ramp" });
  worker.post({ type: "answer", id: 1, response: /** @type {any} */ (undefined) });
  worker.post({ type: "answer", id: 2, response: JSON.stringify(RAMP_ANSWER) });
  await assert.rejects(broken, { message: "The calculator's answer could not be read. Reload the page to try again." });
  assert.deepEqual(await fine, RAMP_ANSWER);
});

test("a failure said without a full stop gets one before the advice to reload", async () => {
  const { worker, calculator } = start();
  worker.post({ type: "failed", message: "Failed to fetch" });
  await assert.rejects(calculator.ready, {
    message: "The calculator could not start: Failed to fetch. Reload the page to try again; the rest of this page still works.",
  });
});

test("requestText sends NaN and Infinity as their names, never as null (an empty field)", () => {
  assert.equal(requestText({ check: "ramp", weeks: [20, Infinity, -Infinity, NaN] }), '{"check":"ramp","weeks":[20,"Infinity","-Infinity","NaN"]}');
  assert.equal(requestText({ check: "spike", planned: 16 }), '{"check":"spike","planned":16}');
});
