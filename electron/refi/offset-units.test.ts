import { describe, expect, it } from 'vitest';
import { chooseCounting, mapOffsets, nameMatches } from './offset-units';
import { utf16ToCodePoints } from '../../core/text/offsets';

const RAW = 'a🙂b\r\nc🇯🇵d\r\n';
const NORM = 'a🙂b\nc🇯🇵d\n';

describe('mapOffsets: the four countings into the LF-normalised UTF-16 body', () => {
  it('agrees with offsets.ts for code points on LF-only text', () => {
    const cps = utf16ToCodePoints(NORM, [0, 1, 3, 4, 5, 6, 10, 11, 12]);
    const mapped = mapOffsets(NORM, cps, { unit: 'codepoint', crlf: 2 }).map((m) => m.pos);
    expect(mapped).toEqual([0, 1, 3, 4, 5, 6, 10, 11, 12]);
  });

  it('code points, CRLF = 2 (the spec)', () => {
    // a 🙂 b CR LF c 🇯 🇵 d -> "c" is cp 5, in the body at UTF-16 5
    expect(mapOffsets(RAW, [5, 6, 8, 9], { unit: 'codepoint', crlf: 2 }).map((m) => m.pos)).toEqual([5, 6, 10, 11]);
  });

  it('code points, CRLF = 1 (ATLAS.ti)', () => {
    expect(mapOffsets(RAW, [4, 5, 7, 8], { unit: 'codepoint', crlf: 1 }).map((m) => m.pos)).toEqual([5, 6, 10, 11]);
  });

  it('UTF-16, CRLF = 2 (NVivo for Windows)', () => {
    expect(mapOffsets(RAW, [6, 7, 11, 12], { unit: 'utf16', crlf: 2 }).map((m) => m.pos)).toEqual([5, 6, 10, 11]);
  });

  it('UTF-16, CRLF = 1', () => {
    expect(mapOffsets(RAW, [5, 6, 10, 11], { unit: 'utf16', crlf: 1 }).map((m) => m.pos)).toEqual([5, 6, 10, 11]);
  });

  it('an offset between CR and LF lands before the LF', () => {
    expect(mapOffsets(RAW, [4], { unit: 'codepoint', crlf: 2 })[0]).toEqual({ pos: 4, split: false, outOfRange: false });
  });

  it('flags an offset inside a surrogate pair and offsets outside the text', () => {
    expect(mapOffsets(RAW, [2], { unit: 'utf16', crlf: 2 })[0]).toEqual({ pos: 1, split: true, outOfRange: false });
    const [neg, far] = mapOffsets(RAW, [-3, 99], { unit: 'codepoint', crlf: 2 });
    expect(neg).toEqual({ pos: 0, split: false, outOfRange: true });
    expect(far).toEqual({ pos: NORM.length, split: false, outOfRange: true });
  });
});

describe('chooseCounting', () => {
  it('picks the reading whose slices equal the selection names', () => {
    const spans = [{ start: 6, end: 12, name: 'c🇯🇵d' }]; // UTF-16, CRLF=2
    const choice = chooseCounting(RAW, spans, 'SomeTool 1.0');
    expect(choice.counting).toEqual({ unit: 'utf16', crlf: 2 });
    expect(choice.basis).toBe('evidence');
    expect(NORM.slice(choice.starts[0].pos, choice.ends[0].pos)).toBe('c🇯🇵d');
  });

  it('falls back on the origin when names cannot decide', () => {
    const spans = [{ start: 6, end: 7, name: 'Selection 1' }];
    expect(chooseCounting(RAW, spans, 'NVivo 12').counting).toEqual({ unit: 'utf16', crlf: 2 });
    expect(chooseCounting(RAW, spans, 'ATLAS.ti 23').counting).toEqual({ unit: 'codepoint', crlf: 1 });
    expect(chooseCounting(RAW, spans, 'MAXQDA 24').counting).toEqual({ unit: 'codepoint', crlf: 2 });
    expect(chooseCounting(RAW, spans, 'MAXQDA 24').basis).toBe('origin');
  });

  it('says "same" when every reading agrees (no astral characters or CR before the offsets)', () => {
    expect(chooseCounting('plain text\r\nmore', [{ start: 0, end: 5, name: null }], 'x').basis).toBe('same');
  });

  it('avoids readings that split surrogate pairs when names are absent', () => {
    // Offsets 1-3 in code points: "🙂b". Read as UTF-16 they would split the emoji.
    const choice = chooseCounting(RAW, [{ start: 1, end: 3, name: null }, { start: 2, end: 3, name: null }], 'NVivo 12');
    expect(choice.counting.unit).toBe('codepoint');
  });
});

describe('nameMatches', () => {
  it('accepts exact, whitespace-normalised and shortened names', () => {
    expect(nameMatches('Great 🙂 — very calm.', 'Great 🙂 — very calm.')).toBe(true);
    expect(nameMatches('two\nlines', 'two lines')).toBe(true);
    expect(nameMatches('The start of a long…', 'The start of a long passage')).toBe(true);
    expect(nameMatches('The start of a long...', 'The start of a long passage')).toBe(true);
    expect(nameMatches('Selection 3', 'really calm.')).toBe(false);
    expect(nameMatches('', '')).toBe(false);
    expect(nameMatches(null, 'x')).toBe(false);
  });
});
