import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  codePointToUtf16,
  codePointsToUtf16,
  isSurrogatePairAt,
  snapToCodePoints,
  splitsSurrogatePair,
  utf16ToCodePoint,
  utf16ToCodePoints,
} from './offsets';

// NOTES.md §7: the validated minimal project's source text.
const NOTES7 = 'Interviewer: How was the café?\nParticipant: Great 🙂 — very calm.\n';

describe('offsets: the REFI border (UTF-16 <-> code points)', () => {
  it('matches the NOTES.md §7 fixture: "café" 25-29 both ways', () => {
    expect(NOTES7.slice(25, 29)).toBe('café');
    expect(utf16ToCodePoint(NOTES7, 25)).toBe(25);
    expect(utf16ToCodePoint(NOTES7, 29)).toBe(29);
    expect(codePointToUtf16(NOTES7, 25)).toBe(25);
    expect(codePointToUtf16(NOTES7, 29)).toBe(29);
  });

  it('matches the NOTES.md §7 fixture: emoji selection is cp 44-64 = UTF-16 44-65', () => {
    expect(NOTES7.slice(44, 65)).toBe('Great 🙂 — very calm.');
    expect(utf16ToCodePoints(NOTES7, [44, 65])).toEqual([44, 64]);
    expect(codePointsToUtf16(NOTES7, [44, 64])).toEqual([44, 65]);
    expect(Buffer.byteLength(NOTES7)).toBe(71);
    expect(codePointLength(NOTES7)).toBe(NOTES7.length - 1);
  });

  it('counts a flag as 2 code points and 4 UTF-16 units', () => {
    const text = 'a🇯🇵b';
    expect(text.length).toBe(6);
    expect(codePointLength(text)).toBe(4);
    expect(utf16ToCodePoint(text, 5)).toBe(3); // before "b"
    expect(codePointToUtf16(text, 3)).toBe(5);
    expect(codePointToUtf16(text, 2)).toBe(3); // between the two regional indicators
  });

  it('rounds an offset inside a surrogate pair down and reports the split', () => {
    const text = 'x🙂y';
    expect(splitsSurrogatePair(text, 2)).toBe(true);
    expect(splitsSurrogatePair(text, 1)).toBe(false);
    expect(splitsSurrogatePair(text, 3)).toBe(false);
    expect(utf16ToCodePoint(text, 2)).toBe(1);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
  });

  it('counts lone surrogates as one code point each (malformed text stays countable)', () => {
    const text = 'a\uD83Db\uDE42c';
    expect(codePointLength(text)).toBe(5);
    expect(codePointToUtf16(text, 4)).toBe(4);
    // A high surrogate at the very end has no partner.
    expect(codePointLength('z\uD83D')).toBe(2);
  });

  it('handles empty text and the end position', () => {
    expect(utf16ToCodePoint('', 0)).toBe(0);
    expect(codePointToUtf16('', 0)).toBe(0);
    expect(codePointToUtf16('🙂', 1)).toBe(2);
  });

  it('throws a RangeError for offsets outside the text', () => {
    expect(() => utf16ToCodePoint('abc', 4)).toThrow(RangeError);
    expect(() => utf16ToCodePoint('abc', -1)).toThrow(RangeError);
    expect(() => codePointToUtf16('🙂', 2)).toThrow(/outside the text/);
    expect(() => codePointToUtf16('abc', 1.5)).toThrow(RangeError);
  });

  it('batch versions agree with the single versions, in any input order', () => {
    const text = 'Ünïcode 🙂 mixed 🇯🇵 日本語 text ✓ 𝔘 end';
    const units = Array.from({ length: text.length + 1 }, (_, i) => i).filter((i) => !splitsSurrogatePair(text, i));
    const shuffled = [...units].reverse();
    const cps = utf16ToCodePoints(text, shuffled);
    shuffled.forEach((u, i) => expect(cps[i]).toBe(utf16ToCodePoint(text, u)));
    expect(codePointsToUtf16(text, cps)).toEqual(shuffled);
    // Round trip through code points and back is the identity on valid offsets.
    for (const u of units) expect(codePointToUtf16(text, utf16ToCodePoint(text, u))).toBe(u);
  });

  it('converts thousands of offsets in one pass quickly', () => {
    const text = 'word 🙂 '.repeat(50_000);
    const offsets = Array.from({ length: 20_000 }, (_, i) => i * 17).filter((o) => !splitsSurrogatePair(text, o));
    const cps = utf16ToCodePoints(text, offsets);
    expect(codePointsToUtf16(text, cps)).toEqual(offsets);
  });
});

describe('surrogate pairs: the one definition db/anchor and the REFI importer use', () => {
  const text = 'a😎b\ud800c'; // an emoji (a pair), then a lone high surrogate

  it('finds whole pairs only, never a lone half', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => isSurrogatePairAt(text, i))).toEqual([false, true, false, false, false, false]);
    expect(isSurrogatePairAt(text, text.length)).toBe(false);
  });

  it('widens a range that cuts an emoji to take the whole character, and leaves other ranges alone', () => {
    expect(snapToCodePoints(text, 2, 3)).toEqual({ start: 1, end: 3 });
    expect(snapToCodePoints(text, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(snapToCodePoints(text, 4, 5)).toEqual({ start: 4, end: 5 }); // a lone surrogate is one character
    expect(snapToCodePoints(text, 0, text.length)).toEqual({ start: 0, end: text.length });
  });
});
