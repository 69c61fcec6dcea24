// The one place where Quarry's offsets (UTF-16 code units, what JS strings and
// DOM Ranges use) meet offsets counted in Unicode code points (REFI-QDA §10.2,
// W3C TextPositionSelector). Every border crossing goes through these, and so
// does every question about surrogate pairs (db/anchor, the REFI importer).
//
// Rules, chosen so that a conversion never invents text:
// - A code point outside the BMP is 2 UTF-16 units and 1 code point.
// - A lone surrogate (malformed text) counts as 1 code point, as JS iteration does.
// - A UTF-16 offset that falls inside a surrogate pair is rounded DOWN to the
//   start of that pair (the half character is not counted).
// - Offsets outside [0, length] throw a RangeError naming the offset.

/** A UTF-16 code unit that opens a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
/** A UTF-16 code unit that closes a surrogate pair. */
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
const isHigh = isHighSurrogate;
const isLow = isLowSurrogate;

/** True when a whole surrogate pair (one code point outside the BMP) starts at `i`. */
export function isSurrogatePairAt(text: string, i: number): boolean {
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1));
}

/** True when `utf16Offset` sits between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, utf16Offset: number): boolean {
  return (
    utf16Offset > 0 &&
    utf16Offset < text.length &&
    isHigh(text.charCodeAt(utf16Offset - 1)) &&
    isLow(text.charCodeAt(utf16Offset))
  );
}

/**
 * Widen [start, end) so it never cuts a surrogate pair in half: a selection that
 * starts or ends inside an emoji or a flag takes the whole character.
 */
export function snapToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  return {
    start: splitsSurrogatePair(text, start) ? start - 1 : start,
    end: splitsSurrogatePair(text, end) ? end + 1 : end,
  };
}

function checkRange(offset: number, max: number, what: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > max) {
    throw new RangeError(`${what} ${offset} is outside the text (0..${max})`);
  }
}

/** Number of code points in text.slice(0, utf16Offset). */
export function utf16ToCodePoint(text: string, utf16Offset: number): number {
  return utf16ToCodePoints(text, [utf16Offset])[0];
}

/** UTF-16 offset of the code point with index `cpOffset` (or text.length at the end). */
export function codePointToUtf16(text: string, cpOffset: number): number {
  return codePointsToUtf16(text, [cpOffset])[0];
}

/** Indices of `offsets` ordered by value, so one pass over the text serves them all. */
function sortedOrder(offsets: readonly number[]): number[] {
  const order = offsets.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i] < offsets[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) order.sort((a, b) => offsets[a] - offsets[b]);
  return order;
}

/**
 * Batch version of utf16ToCodePoint: one pass over the text for any number of
 * offsets (any order; already-sorted input skips the sort). Results are in
 * input order.
 */
export function utf16ToCodePoints(text: string, offsets: readonly number[]): number[] {
  for (const o of offsets) checkRange(o, text.length, 'UTF-16 offset');
  const out = new Array<number>(offsets.length);
  const order = sortedOrder(offsets);
  let unit = 0; // UTF-16 position
  let cp = 0; // code points before `unit`
  for (const idx of order) {
    const target = offsets[idx];
    while (unit < target) {
      const step = isSurrogatePairAt(text, unit) ? 2 : 1;
      if (unit + step > target) break; // target splits this pair: round down
      unit += step;
      cp++;
    }
    out[idx] = cp;
  }
  return out;
}

/** Batch version of codePointToUtf16 (one pass, results in input order). */
export function codePointsToUtf16(text: string, offsets: readonly number[]): number[] {
  const order = sortedOrder(offsets);
  const out = new Array<number>(offsets.length);
  let unit = 0;
  let cp = 0;
  for (const idx of order) {
    const target = offsets[idx];
    if (!Number.isInteger(target) || target < 0) checkRange(target, Infinity, 'code point offset');
    while (cp < target && unit < text.length) {
      unit += isSurrogatePairAt(text, unit) ? 2 : 1;
      cp++;
    }
    if (cp < target) checkRange(target, cp, 'code point offset');
    out[idx] = unit;
  }
  return out;
}

/** Code points in the whole text (what REFI-QDA would call its length). */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}
