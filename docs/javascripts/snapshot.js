// Python's memory snapshot as this browser keeps it: only the parts that are not zero.
//
// Pyodide's snapshot (makeMemorySnapshot) is a short header and a copy of the whole WebAssembly
// memory: about 31 MB here, of which about 18 MB are 4-KB blocks of zeros (memory Python has not
// used). The kept form lists the runs of blocks that hold anything, then those blocks' bytes:
// about 13 MB, so a return visit reads less than half as much before Python can start.
//
//   kept = packSnapshot(snapshot);          // Uint8Array, to keep (worker.js, keepSnapshot)
//   snapshot = unpackSnapshot(kept.buffer); // the same bytes as snapshot, or throws
//
// Layout, 32-bit words in the platform's byte order (little-endian wherever WebAssembly runs):
// MAGIC, the snapshot's length in bytes, the number of runs N, then N pairs (first block, number
// of blocks), in order and apart, then the runs' bytes in that order (the last block may be
// short: the snapshot's length need not be a multiple of BLOCK), zeros to a multiple of 4 bytes,
// and a checksum of everything before it. Reading checks the form, then the checksum: a
// snapshot damaged anywhere (a flipped bit in Python's memory could crash Python, or worse,
// change an answer) is refused, and Python starts afresh.

/** Marks the kept form ("KLS1"): a snapshot kept in any other form is refused, not misread. */
export const MAGIC = 0x31534c4b;
/** Bytes per block: a memory page of the systems browsers run on. */
export const BLOCK = 4096;
/** The largest snapshot read back: 2 GiB of memory, and Pyodide's header. */
const MAX_LENGTH = 2 ** 31 + BLOCK;

/**
 * A 32-bit checksum of bytes (FNV-1a over 32-bit words, the last partial word padded with
 * zeros): 5-10 ms for the 13 MB kept here. It catches damage, not forgery: only this worker
 * writes the kept form, and a page that could forge it could run its own code anyway.
 * @param {Uint8Array} bytes starting on a 4-byte boundary
 * @returns {number}
 */
export function checksum(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  let hash = 0x811c9dc5;
  for (let word = 0; word < words.length; word++) hash = Math.imul(hash ^ words[word], 0x01000193);
  let last = 0;
  for (let byte = words.length * 4; byte < bytes.length; byte++) last |= bytes[byte] << (8 * (byte % 4));
  if (bytes.length % 4) hash = Math.imul(hash ^ last, 0x01000193);
  return hash >>> 0;
}

/** @param {number} size bytes @returns {number} size, up to a multiple of 4 */
const padded = (size) => Math.ceil(size / 4) * 4;

/**
 * Whether bytes[from, to) are all zero (whole 32-bit words where it can).
 * @param {Uint8Array} bytes
 * @param {Uint32Array} words the same memory as whole words (bytes.byteOffset is a multiple of 4)
 * @param {number} from
 * @param {number} to
 * @returns {boolean}
 */
function allZero(bytes, words, from, to) {
  const wholeEnd = Math.min(Math.floor(to / 4), words.length);
  for (let word = Math.floor(from / 4); word < wholeEnd; word++) if (words[word] !== 0) return false;
  for (let byte = wholeEnd * 4; byte < to; byte++) if (bytes[byte] !== 0) return false;
  return true;
}

/**
 * The kept form of a snapshot: its runs of blocks that are not all zero.
 * @param {Uint8Array} snapshot any bytes (Pyodide's snapshot)
 * @returns {Uint8Array<ArrayBuffer>} the kept form (unpackSnapshot gives the snapshot back; one
 *   of zeros only, never Python's, it refuses)
 * @throws {RangeError} for 4 GiB or more (no WebAssembly memory is that large)
 */
export function packSnapshot(snapshot) {
  if (snapshot.length >= 2 ** 32) throw new RangeError("A snapshot of 4 GiB or more cannot be kept.");
  const bytes = snapshot.byteOffset % 4 === 0 ? snapshot : snapshot.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  const blocks = Math.ceil(bytes.length / BLOCK);
  /** @type {number[]} first block, number of blocks, for each run */
  const runs = [];
  let dataLength = 0;
  for (let block = 0; block < blocks; block++) {
    const from = block * BLOCK;
    const to = Math.min(bytes.length, from + BLOCK);
    if (allZero(bytes, words, from, to)) continue;
    dataLength += to - from;
    if (runs.length && runs[runs.length - 2] + runs[runs.length - 1] === block) runs[runs.length - 1] += 1;
    else runs.push(block, 1);
  }
  const header = 4 * (3 + runs.length);
  const body = padded(header + dataLength);
  const kept = new Uint8Array(body + 4);
  const head = new Uint32Array(kept.buffer, 0, 3 + runs.length);
  head[0] = MAGIC;
  head[1] = bytes.length;
  head[2] = runs.length / 2;
  head.set(runs, 3);
  let at = header;
  for (const [from, to] of byteRanges(runs, bytes.length)) {
    kept.set(bytes.subarray(from, to), at);
    at += to - from;
  }
  new Uint32Array(kept.buffer, body, 1)[0] = checksum(kept.subarray(0, body));
  return kept;
}

/**
 * The snapshot from its kept form.
 * @param {ArrayBuffer} kept what packSnapshot returned (its buffer)
 * @returns {Uint8Array<ArrayBuffer>} the snapshot, zeros restored
 * @throws {Error} when kept is not in this form, is cut short or too long, or was changed
 */
export function unpackSnapshot(kept) {
  const refuse = () => new Error("The kept snapshot is not in the form this worker keeps.");
  if (kept.byteLength < 12) throw refuse();
  const [magic, length, count] = new Uint32Array(kept, 0, 3);
  const header = 4 * (3 + 2 * count);
  // Python's memory always holds something, and WebAssembly's memory here is at most 2 GiB
  // (Emscripten's default maximum, Pyodide's too).
  if (magic !== MAGIC || count === 0 || length > MAX_LENGTH || kept.byteLength < header) throw refuse();
  const ranges = byteRanges(new Uint32Array(kept, 12, 2 * count), length);
  // Everything checked before the snapshot's memory is asked for: runs in order, apart, inside
  // the snapshot (none empty), and exactly as many bytes as they need.
  let size = 0;
  let end = 0;
  for (const [from, to] of ranges) {
    if (from < end || to <= from) throw refuse();
    size += to - from;
    end = to;
  }
  const body = padded(header + size);
  if (body + 4 !== kept.byteLength) throw refuse();
  const bytes = new Uint8Array(kept);
  if (checksum(bytes.subarray(0, body)) !== new Uint32Array(kept, body, 1)[0]) throw refuse();
  const snapshot = new Uint8Array(length);
  let at = header;
  for (const [from, to] of ranges) {
    snapshot.set(bytes.subarray(at, at + to - from), from);
    at += to - from;
  }
  return snapshot;
}

/**
 * Each run's bytes in the snapshot: [from, to), the last block cut at the snapshot's length.
 * @param {ArrayLike<number>} runs (first block, number of blocks) pairs
 * @param {number} length the snapshot's length in bytes
 * @returns {[number, number][]}
 */
function byteRanges(runs, length) {
  /** @type {[number, number][]} */
  const ranges = [];
  for (let run = 0; run < runs.length; run += 2) {
    ranges.push([runs[run] * BLOCK, Math.min(length, (runs[run] + runs[run + 1]) * BLOCK)]);
  }
  return ranges;
}
