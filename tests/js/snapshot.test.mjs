// The kept form of Python's memory snapshot (snapshot.js): the same bytes back, whatever their
// zeros, in less room; anything not in that form refused. The right values are the inputs.

import assert from "node:assert/strict";
import { test } from "node:test";

import { BLOCK, packSnapshot, unpackSnapshot } from "../../docs/javascripts/snapshot.js";

/** @param {number} length @param {[number, number][]} filled byte ranges [from, to) to fill */
function memory(length, filled) {
  const bytes = new Uint8Array(length);
  for (const [from, to] of filled) for (let i = from; i < to; i++) bytes[i] = 1 + ((i * 7919) % 255);
  return bytes;
}

/** @param {Uint8Array} bytes */
function roundTrip(bytes) {
  const kept = packSnapshot(bytes);
  assert.deepEqual(unpackSnapshot(kept.buffer), bytes);
  return kept;
}

test("blocks of zeros are left out, and come back", () => {
  // Three blocks hold something (the first, the sixth, and the last, which is short); seven are zero.
  const length = 9 * BLOCK + 100;
  const kept = roundTrip(memory(length, [[10, 11], [5 * BLOCK + 4095, 5 * BLOCK + 4096], [length - 1, length]]));
  // Header: 3 words and 3 runs of 2 words; then 2 whole blocks and the 100-byte last one.
  assert.equal(kept.length, 4 * (3 + 6) + 2 * BLOCK + 100);
});

test("neighbouring blocks that hold something are kept as one run", () => {
  const kept = roundTrip(memory(8 * BLOCK, [[BLOCK, 4 * BLOCK - 1]]));
  assert.equal(kept.length, 4 * (3 + 2) + 3 * BLOCK);
});

test("edge cases: all zeros, nothing zero, empty, a length that is not a multiple of 4", () => {
  assert.equal(roundTrip(new Uint8Array(5 * BLOCK)).length, 12);
  assert.equal(roundTrip(memory(3 * BLOCK, [[0, 3 * BLOCK]])).length, 12 + 8 + 3 * BLOCK);
  assert.equal(roundTrip(new Uint8Array(0)).length, 12);
  roundTrip(memory(2 * BLOCK + 3, [[2 * BLOCK + 2, 2 * BLOCK + 3]]));
  roundTrip(memory(7, [[6, 7]]));
});

test("a snapshot that does not start on a 4-byte boundary is read the same", () => {
  const whole = memory(3 * BLOCK + 1, [[1 + BLOCK, 1 + BLOCK + 10]]);
  const view = whole.subarray(1);
  assert.deepEqual(unpackSnapshot(packSnapshot(view).buffer), view);
});

test("what is not in the kept form is refused, never misread", () => {
  const kept = packSnapshot(memory(4 * BLOCK, [[BLOCK, BLOCK + 5]]));
  const refused = /not in the form this worker keeps/;
  assert.throws(() => unpackSnapshot(new ArrayBuffer(4)), refused);
  // An older build's snapshot: Pyodide's own form, kept whole.
  assert.throws(() => unpackSnapshot(memory(4 * BLOCK, [[0, 4 * BLOCK]]).buffer), refused);
  // Cut short, or with bytes left over.
  assert.throws(() => unpackSnapshot(kept.buffer.slice(0, kept.length - 1)), refused);
  const longer = new Uint8Array(kept.length + 1);
  longer.set(kept);
  assert.throws(() => unpackSnapshot(longer.buffer), refused);
  // A run beyond the snapshot's end.
  const wrong = kept.slice();
  new Uint32Array(wrong.buffer)[3] = 99;
  assert.throws(() => unpackSnapshot(wrong.buffer), refused);
});
