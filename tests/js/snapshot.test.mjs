// The kept form of Python's memory snapshot (snapshot.js): the same bytes back, whatever their
// zeros, in less room; anything not in that form refused. The right values are the inputs.

import assert from "node:assert/strict";
import { test } from "node:test";

import { BLOCK, checksum, packSnapshot, unpackSnapshot } from "../../docs/javascripts/snapshot.js";

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
  // Header: 3 words and 3 runs of 2 words; then 2 whole blocks and the 100-byte last one; the checksum.
  assert.equal(kept.length, 4 * (3 + 6) + 2 * BLOCK + 100 + 4);
});

test("neighbouring blocks that hold something are kept as one run", () => {
  const kept = roundTrip(memory(8 * BLOCK, [[BLOCK, 4 * BLOCK - 1]]));
  assert.equal(kept.length, 4 * (3 + 2) + 3 * BLOCK + 4);
});

test("edge cases: nothing zero, a length that is not a multiple of 4", () => {
  assert.equal(roundTrip(memory(3 * BLOCK, [[0, 3 * BLOCK]])).length, 12 + 8 + 3 * BLOCK + 4);
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
  // More runs than the kept bytes hold.
  const counted = kept.slice();
  new Uint32Array(counted.buffer)[2] = 1000;
  assert.throws(() => unpackSnapshot(counted.buffer), refused);
});

test("runs out of order, overlapping, empty or past the end are refused before any memory is asked for", () => {
  // Two runs of one block each (blocks 1 and 3) of a 4-block snapshot.
  const kept = packSnapshot(memory(4 * BLOCK, [[BLOCK, BLOCK + 5], [3 * BLOCK, 3 * BLOCK + 5]]));
  assert.deepEqual([...new Uint32Array(kept.buffer, 0, 7)].slice(2), [2, 1, 1, 3, 1]);
  const refused = /not in the form this worker keeps/;
  for (const [word, value] of [[5, 1], [5, 0], [6, 0], [5, 4], [4, 3]]) {
    const changed = kept.slice();
    new Uint32Array(changed.buffer)[word] = value;
    assert.throws(() => unpackSnapshot(changed.buffer), refused, `word ${word} = ${value}`);
  }
  // Zeros only (never Python's memory), no runs at all, or a length past 2 GiB: refused, not asked of the memory.
  assert.throws(() => unpackSnapshot(packSnapshot(new Uint8Array(5 * BLOCK)).buffer), refused);
  assert.throws(() => unpackSnapshot(new Uint32Array([0x31534c4b, 0xffffffff, 0]).buffer), refused);
  const huge = kept.slice();
  new Uint32Array(huge.buffer)[1] = 0xffffffff;
  assert.throws(() => unpackSnapshot(huge.buffer), refused);
});

test("a kept snapshot changed anywhere is refused: one flipped bit in its data, header or checksum", () => {
  const kept = packSnapshot(memory(6 * BLOCK + 2, [[100, 200], [4 * BLOCK, 6 * BLOCK + 2]]));
  const refused = /not in the form this worker keeps/;
  for (const at of [12, 20, 40, 28 + BLOCK + 10, kept.length - 6, kept.length - 1]) {
    const changed = kept.slice();
    changed[at] ^= 1;
    assert.throws(() => unpackSnapshot(changed.buffer), refused, `byte ${at}`);
  }
});

test("the checksum is FNV-1a over 32-bit words, a short last word padded with zeros", () => {
  // By hand: FNV-1a's offset basis 0x811c9dc5, prime 0x01000193, one step per word.
  const step = (/** @type {number} */ hash, /** @type {number} */ word) => Math.imul(hash ^ word, 0x01000193) >>> 0;
  assert.equal(checksum(new Uint8Array(0)), 0x811c9dc5);
  assert.equal(checksum(new Uint8Array([1, 0, 0, 0])), step(0x811c9dc5, 1));
  assert.equal(checksum(new Uint8Array([1, 0, 0, 0, 2, 3])), step(step(0x811c9dc5, 1), 0x0302));
});
