// The embed frame's side (embed-frame.js): which host messages it takes (the shapes protocol.d.ts
// types as HostToFrame; everything else is ignored), and a calculator that starts only when asked.

import assert from "node:assert/strict";
import { test } from "node:test";

import { page } from "./dom.mjs";

// page.js (imported by embed-frame.js) looks at the document when it loads: give it one with no form.
globalThis.document = page("<p>A page with no calculator.</p>");
const { deferredCalculator, readHostMessage } = await import("../../docs/javascripts/embed-frame.js");

test("a well-formed request is taken, as a plain copy", () => {
  const request = { check: "ramp", weeks: [20, 22], unit: "km" };
  const message = readHostMessage({ kneeload: 1, type: "request", id: "a-1", request });
  assert.deepEqual(message, { kneeload: 1, type: "request", id: "a-1", request });
  assert.notEqual(message?.type === "request" && message.request, request);
  assert.deepEqual(readHostMessage({ kneeload: 1, type: "request", id: 7, request }), { kneeload: 1, type: "request", id: 7, request });
});

test("NaN and Infinity reach the calculator as their names, never as null (an empty field)", () => {
  const message = readHostMessage({ kneeload: 1, type: "request", id: 1, request: { check: "ramp", weeks: [20, Infinity, -Infinity, NaN] } });
  assert.deepEqual(message?.type === "request" && message.request.weeks, [20, "Infinity", "-Infinity", "NaN"]);
});

test("a hello is taken", () => {
  assert.deepEqual(readHostMessage({ kneeload: 1, type: "hello", extra: "ignored" }), { kneeload: 1, type: "hello" });
});

test("every malformed message is ignored", () => {
  const request = { check: "ramp", weeks: [20, 22] };
  const malformed = [
    null, undefined, "request", 42, [], [{ kneeload: 1, type: "request", id: 1, request }],
    { type: "request", id: 1, request },
    { kneeload: 2, type: "request", id: 1, request },
    { kneeload: "1", type: "request", id: 1, request },
    { kneeload: 1, type: "answer", id: 1, answer: { ok: true } },
    { kneeload: 1, type: "eval", code: "alert(1)" },
    { kneeload: 1, type: "request", request },
    { kneeload: 1, type: "request", id: {}, request },
    { kneeload: 1, type: "request", id: 1.5, request },
    { kneeload: 1, type: "request", id: 2 ** 60, request },
    { kneeload: 1, type: "request", id: "x".repeat(65), request },
    { kneeload: 1, type: "request", id: 1 },
    { kneeload: 1, type: "request", id: 1, request: "{\"check\": \"ramp\"}" },
    { kneeload: 1, type: "request", id: 1, request: [request] },
    { kneeload: 1, type: "request", id: 1, request: { weeks: [20] } },
    { kneeload: 1, type: "request", id: 1, request: { check: 1 } },
    { kneeload: 1, type: "request", id: 1, request: new Date() },
  ];
  malformed.forEach((data, index) => assert.equal(readHostMessage(data), null, `malformed message ${index}`));
});

test("a request addressed right that the calculator cannot take is refused with its id and why", () => {
  // {"check":"ramp","weeks":[ is 25 characters, 60,000 ones and 59,999 commas 119,999, then ]}: 120,026,
  // over LONGEST_REQUEST (100,000)
  const long = readHostMessage({ kneeload: 1, type: "request", id: 9, request: { check: "ramp", weeks: new Array(60_000).fill(1) } });
  assert.deepEqual(long, { type: "refused", id: 9, error: "The request is 120026 characters long; a calculator takes at most 100000." });
  const big = readHostMessage({ kneeload: 1, type: "request", id: "b", request: { check: "ramp", big: 1n } });
  assert.equal(big?.type, "refused");
  assert.equal(big?.id, "b");
});

/** A calculator start that records its calls. */
function recordingStart() {
  /** @type {unknown[]} */
  const calls = [];
  /** @type {any} */
  const start = (/** @type {unknown} */ options) => {
    calls.push(options);
    return { ready: Promise.resolve(), request: async (/** @type {any} */ payload) => ({ ok: true, check: payload.check, result: {} }) };
  };
  return { calls, start };
}

test("the deferred calculator starts nothing until it is booted", async () => {
  const { calls, start } = recordingStart();
  const deferred = deferredCalculator(start);
  const onProgress = () => {};
  const calculator = deferred.start({ onProgress });
  let ready = false;
  calculator.ready.then(() => { ready = true; });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls.length, 0);
  assert.equal(ready, false);
  deferred.boot();
  deferred.boot();
  await calculator.ready;
  assert.deepEqual(calls, [{ onProgress }]);
});

test("a request boots the deferred calculator, once", async () => {
  const { calls, start } = recordingStart();
  const deferred = deferredCalculator(start);
  const calculator = deferred.start({});
  const answers = await Promise.all([calculator.request({ check: "ramp" }), calculator.request({ check: "spike" })]);
  assert.deepEqual(answers.map((answer) => answer.check), ["ramp", "spike"]);
  assert.equal(calls.length, 1);
});

const { embedAddress, pastedCheck, pastedNote, snippets } = await import("../../docs/javascripts/embed-builder.js");
const HERE = "https://kneeload.test/calculator/embed.html";

test("the Embed page makes the frame's address from the check, the colours and a pasted answer", () => {
  assert.equal(embedAddress("ramp", "auto", "", HERE), "https://kneeload.test/embed/ramp.html");
  assert.equal(embedAddress("spike", "dark", "", HERE), "https://kneeload.test/embed/spike.html#theme=dark");
  // A check's page after an answer keeps its inputs after the #; an old link in its query.
  assert.equal(
    embedAddress("ramp", "light", "https://kneeload.test/calculator/ramp.html#weeks=20&weeks=22&unit=km&theme=dark", HERE),
    "https://kneeload.test/embed/ramp.html#weeks=20&weeks=22&unit=km&theme=light",
  );
  assert.equal(
    embedAddress("plan", "auto", "https://kneeload.test/calculator/plan.html?current=20&target=26", HERE),
    "https://kneeload.test/embed/plan.html#current=20&target=26",
  );
  assert.equal(embedAddress("ramp", "auto", "http://[not an address", HERE), "https://kneeload.test/embed/ramp.html");
});

test("the snippets hold the address as HTML text, ampersands escaped", () => {
  const made = snippets("https://kneeload.test/embed/ramp.html#weeks=20&unit=km", 'Weekly "ramp"', "https://kneeload.test/javascripts/embed.js");
  assert.match(made.iframe, /^<iframe src="https:\/\/kneeload\.test\/embed\/ramp\.html#weeks=20&amp;unit=km" title="Weekly &quot;ramp&quot; \(kneeload\)"/);
  assert.match(made.iframe, /frame-sizing: content-height/);
  assert.equal(
    made.script,
    '<a data-kneeload-embed href="https://kneeload.test/embed/ramp.html#weeks=20&amp;unit=km">Weekly &quot;ramp&quot; on kneeload</a>\n'
      + '<script src="https://kneeload.test/javascripts/embed.js" async></script>',
  );
});

// A break test pasted a plan page's address with the ramp check chosen: the snippet was an empty
// ramp form. The address's own check is found, and an address with no answers is said so.
test("a pasted address names its check, and one with no answers is told", () => {
  const checks = ["ramp", "plan", "spike", "acwr", "redflags", "where", "shoes", "overtraining"];
  assert.equal(pastedCheck("https://kneeload.test/calculator/plan.html#current=20&target=30", HERE, checks), "plan");
  assert.equal(pastedCheck("https://kneeload.test/embed/spike.html#planned=16", HERE, checks), "spike");
  assert.equal(pastedCheck("https://kneeload.test/calculator/", HERE, checks), null);
  assert.equal(pastedCheck("javascript:alert(1)", HERE, checks), null);
  assert.equal(pastedCheck("", HERE, checks), null);
  assert.equal(pastedNote("https://kneeload.test/calculator/plan.html#current=20&target=30", HERE), "");
  assert.equal(pastedNote("", HERE), "");
  assert.match(pastedNote("javascript:alert(1)", HERE), /^No answers found in that address/);
  assert.match(pastedNote("just some text", HERE), /^No answers found/);
  assert.match(pastedNote("https://kneeload.test/calculator/ramp.html", HERE), /^No answers found/);
});
