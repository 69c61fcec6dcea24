// Near-duplicate detection: word shingles, exact Jaccard, and MinHash
// signatures small enough to store per article (128 x 32 bits = 512 bytes) and
// compare against thousands of stored ones in milliseconds.

/** Articles at or above this estimated Jaccard similarity are reported as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** Hash functions per signature. Standard error of the estimate is sqrt(J(1-J)/128) <= 0.045. */
export const MINHASH_SIZE = 128;

const SHINGLE_SIZE = 5;

// Combining marks, ligatures, fullwidth and halfwidth forms: the characters
// whose NFKC form differs in ways that matter here. normalize() only runs
// when one of them is present.
// eslint-disable-next-line no-misleading-character-class -- lone combining marks are what this looks for
const NEEDS_NFKC = /[\u0300-\u036f\u1ab0-\u1aff\u3099\u309a\ufb00-\ufb4f\uff00-\uffef]/;
const APOSTROPHES = /['’ʼ]/g;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Unicode property regexes cost ~0.1 ms per 5 KB text; a hand-written scanner
// with a per-code-point cache is several times faster.
const wordCharCache = new Map<number, boolean>();

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  let known = wordCharCache.get(c);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(c));
    wordCharCache.set(c, known);
  }
  return known;
}

// Han, Hiragana and Katakana are written without spaces between words: each
// character is a token, so Japanese and Chinese text still yields useful shingles.
function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2fa1f)
  );
}

function prepare(text: string): string {
  return prepareWith(text, NEEDS_NFKC.test(text));
}

function prepareWith(text: string, nfkc: boolean): string {
  return (nfkc ? text.normalize('NFKC') : text).toLowerCase().replace(APOSTROPHES, '');
}

/** Calls `emit` with the [start, end) range of each token of a prepared string. */
function scanTokens(s: string, emit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i)!;
    const width = c > 0xffff ? 2 : 1;
    if (isWordChar(c) && !isCjk(c)) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) emit(start, i);
      start = -1;
      if (isWordChar(c)) emit(i, i + width);
    }
    i += width;
  }
  if (start >= 0) emit(start, s.length);
}

/** Lower-cased words, punctuation dropped; "Japan’s" -> "japans", "90%" -> "90", "堕落論" -> 3 tokens. */
export function tokens(text: string): string[] {
  const s = prepare(text);
  const out: string[] = [];
  scanTokens(s, (start, end) => out.push(s.slice(start, end)));
  return out;
}

/** FNV-1a of each token, hashed in place rather than via token strings (the hot path). */
function tokenHashes(text: string): number[] {
  const s = prepare(text);
  const out: number[] = [];
  scanTokens(s, (start, end) => {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    out.push(h >>> 0);
  });
  return out;
}

/**
 * Word k-shingles hashed to 32-bit integers (FNV-1a). A text shorter than k
 * words yields one shingle of all its words, so short texts can still match.
 */
export function shingles(text: string, k: number = SHINGLE_SIZE): Set<number> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle size must be a positive integer, got ${k}`);
  const hashes = tokenHashes(text);
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  const last = Math.max(hashes.length - k, 0);
  for (let i = 0; i <= last; i++) {
    let h = 0x811c9dc5;
    // Combine the word hashes in order; position matters, so "a b" != "b a".
    for (let j = i; j < Math.min(i + k, hashes.length); j++) h = Math.imul(h ^ hashes[j], 0x01000193) >>> 0;
    out.add(fmix32(h));
  }
  return out;
}

/** Exact Jaccard similarity |A∩B| / |A∪B|; 0 when either set is empty (nothing to compare). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

const EMPTY = 0xffffffff;

/**
 * MinHash signature of the text's 5-word shingles, by one-permutation hashing
 * (Li, Owen & Zhang 2012) with rotation densification (Shrivastava & Li 2014):
 * each shingle is hashed once and lands in one of 128 bins, a bin keeps its
 * minimum, and an empty bin borrows from the next non-empty one. The estimator
 * is the same (share of equal positions), at 1/128 of the hashing cost of 128
 * separate hash functions, which dominated import time.
 */
export function minhashSignature(text: string): Uint32Array {
  // Streams the shingles into the bins instead of collecting them: a bin keeps
  // its minimum, so a shingle seen twice changes nothing, and the result is
  // exactly minhashOf(shingles(text)) without holding every token and shingle
  // of a long text at once (a 50 MB text held ~300 MB of them).
  const sig = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  const k = SHINGLE_SIZE;
  const ring = new Uint32Array(k);
  let n = 0;
  forEachPreparedChunk(text, (s) =>
    scanTokens(s, (start, end) => {
      let t = 0x811c9dc5;
      for (let i = start; i < end; i++) t = Math.imul(t ^ s.charCodeAt(i), 0x01000193);
      ring[n % k] = t >>> 0;
      n++;
      if (n >= k) addToSignature(sig, windowHash(ring, n - k, k));
    }),
  );
  if (n === 0) return sig;
  if (n < k) addToSignature(sig, windowHash(ring, 0, n)); // a short text is one shingle of all its words
  return densify(sig);
}

/** The shingle of ring positions first..first+len (token indexes), as shingles() hashes it. */
function windowHash(ring: Uint32Array, first: number, len: number): number {
  let h = 0x811c9dc5;
  for (let j = first; j < first + len; j++) h = Math.imul(h ^ ring[j % ring.length], 0x01000193) >>> 0;
  return fmix32(h);
}

// Texts longer than this are lower-cased (and NFKC-normalised) a piece at a
// time. Pieces end just after a line break (or a space), where no token,
// case mapping or normalisation spans, so the tokens are the same as for the
// whole text at once.
const PREPARE_CHUNK = 1 << 20;

function forEachPreparedChunk(text: string, fn: (s: string) => void): void {
  if (text.length <= PREPARE_CHUNK) return fn(prepare(text));
  const nfkc = NEEDS_NFKC.test(text); // decided for the whole text, as prepare() does
  for (let pos = 0; pos < text.length; ) {
    let end = Math.min(pos + PREPARE_CHUNK, text.length);
    if (end < text.length) {
      const back = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf(' ', end - 1));
      if (back >= pos) end = back + 1;
      else {
        const nl = text.indexOf('\n', end);
        const sp = text.indexOf(' ', end);
        const next = nl < 0 ? sp : sp < 0 ? nl : Math.min(nl, sp);
        end = next < 0 ? text.length : next + 1;
      }
    }
    fn(prepareWith(text.slice(pos, end), nfkc));
    pos = end;
  }
}

const BIN_BITS = 7; // 2^7 = 128 bins = MINHASH_SIZE
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;
const SIGNATURE_SEED = 0x9e3779b9;

export function minhashOf(set: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  for (const x of set) addToSignature(sig, x);
  if (set.size === 0) return sig;
  return densify(sig);
}

function addToSignature(sig: Uint32Array, shingle: number): void {
  const h = fmix32((shingle ^ SIGNATURE_SEED) >>> 0);
  const bin = h >>> (32 - BIN_BITS);
  const v = h & VALUE_MASK;
  if (v < sig[bin]) sig[bin] = v;
}

function densify(sig: Uint32Array): Uint32Array {
  // Densify: an empty bin takes the value of the next non-empty bin to its
  // right (cyclically), offset by the distance so borrowed values stay distinct.
  for (let i = 0; i < MINHASH_SIZE; i++) {
    if (sig[i] !== EMPTY) continue;
    let j = (i + 1) % MINHASH_SIZE;
    let d = 1;
    while (sig[j] === EMPTY || (sig[j] >>> 31) === 1) {
      j = (j + 1) % MINHASH_SIZE;
      d++;
      if (d > MINHASH_SIZE) return sig;
    }
    // Borrowed values are mixed with the distance and marked in the top bit
    // (own bin values use only 25 bits), so they never pose as a bin's own minimum.
    sig[i] = (fmix32((sig[j] ^ Math.imul(d, 0x9e3779b1)) >>> 0) | 0x80000000) >>> 0;
  }
  return sig;
}

/** Fraction of positions where the signatures agree: an unbiased estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signatures differ in length (${a.length} and ${b.length})`);
  let equal = 0;
  let compared = 0;
  for (let i = 0; i < a.length; i++) {
    // Positions empty on both sides come from empty texts: no evidence either way.
    if (a[i] === EMPTY && b[i] === EMPTY) continue;
    compared++;
    if (a[i] === b[i]) equal++;
  }
  return compared === 0 ? 0 : equal / compared;
}

export function isNearDuplicate(a: Uint32Array, b: Uint32Array): boolean {
  return estimateJaccard(a, b) >= NEAR_DUPLICATE_THRESHOLD;
}

/** Little-endian bytes for a BLOB column; the same on every machine. */
export function signatureToBuffer(sig: Uint32Array): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i], i * 4);
  return buf;
}

export function bufferToSignature(buf: Uint8Array): Uint32Array {
  if (buf.byteLength !== MINHASH_SIZE * 4) {
    throw new RangeError(`a MinHash signature is ${MINHASH_SIZE * 4} bytes, got ${buf.byteLength}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const sig = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/** MurmurHash3's finaliser: spreads every input bit over the output, and is invertible. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
