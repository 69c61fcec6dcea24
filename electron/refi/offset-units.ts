// Imported offsets, whatever unit the writing tool counted in, mapped into
// Quarry's body: UTF-16 code units over the text with CRLF normalised to LF.
// NOTES.md §6.8: the spec says code points, NVivo for Windows writes UTF-16
// units, ATLAS.ti counts CRLF as one; the unit is chosen per source by
// checking which reading reproduces the selection names.
//
// core/text/offsets.ts is the export border (our LF-only text, code points); this module
// generalises the same walk to the four countings seen in the wild.

import { isSurrogatePairAt } from '../../core/text/offsets';

export interface Counting {
  unit: 'codepoint' | 'utf16';
  crlf: 1 | 2; // how many positions a CRLF pair occupies
}

export const SPEC_COUNTING: Counting = { unit: 'codepoint', crlf: 2 };
const ALL: Counting[] = [
  SPEC_COUNTING,
  { unit: 'codepoint', crlf: 1 },
  { unit: 'utf16', crlf: 2 },
  { unit: 'utf16', crlf: 1 },
];

export function describeCounting(c: Counting): string {
  return `${c.unit === 'utf16' ? 'UTF-16 code units' : 'code points'}, CRLF counted as ${c.crlf}`;
}

export interface MappedOffset {
  pos: number; // UTF-16 offset into the LF-normalised text
  split: boolean; // fell inside a surrogate pair (pos is the start of the pair)
  outOfRange: boolean; // negative or beyond the text (pos was clamped)
}

/** Maps offsets (any order) counted with `counting` over `raw` (BOM already stripped). */
export function mapOffsets(raw: string, offsets: readonly number[], counting: Counting): MappedOffset[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<MappedOffset>(offsets.length);
  let i = 0; // raw UTF-16 index
  let c = 0; // positions counted so far in `counting`
  let n = 0; // normalised UTF-16 index
  for (const idx of order) {
    const target = offsets[idx];
    if (target < 0) {
      out[idx] = { pos: 0, split: false, outOfRange: true };
      continue;
    }
    let split = false;
    while (c < target && i < raw.length) {
      const code = raw.charCodeAt(i);
      const next = raw.charCodeAt(i + 1);
      let rawLen = 1;
      let normLen = 1;
      let len = 1;
      let pair = false;
      if (isSurrogatePairAt(raw, i)) {
        rawLen = 2;
        normLen = 2;
        len = counting.unit === 'utf16' ? 2 : 1;
        pair = true;
      } else if (code === 13 && next === 10) {
        rawLen = 2;
        normLen = 1; // CRLF becomes one LF in the body
        len = counting.crlf;
      }
      if (c + len > target) {
        // Inside this unit: between CR and LF maps to before the LF; inside a
        // surrogate pair is a real split, which scoring counts against the reading.
        split = pair;
        break;
      }
      c += len;
      i += rawLen;
      n += normLen;
    }
    out[idx] = { pos: n, split, outOfRange: c < target && !split && i >= raw.length };
  }
  return out;
}

export interface SelectionSpan {
  start: number;
  end: number;
  name: string | null;
}

export interface CountingChoice {
  counting: Counting;
  starts: MappedOffset[];
  ends: MappedOffset[];
  nameScore: number; // sum of nameMatchScore over the selections
  named: number; // selections with a non-empty name
  /** 'same': every reading agrees; 'evidence': names/ranges decided; 'origin': a tie broken by the writing tool. */
  basis: 'same' | 'evidence' | 'origin';
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * How well a selection name (the quoted text, maybe shortened) fits a slice:
 * 2 = equal, 1 = the name is a shortened form of it, 0 = no match. Exact
 * matches weigh more so a longer slice cannot tie with the right one.
 */
export function nameMatchScore(name: string | null, slice: string): number {
  if (!name || !name.trim()) return 0;
  const n = squash(name);
  const s = squash(slice);
  if (n === s) return 2;
  const cut = n.replace(/\s*(…|\.\.\.)$/, '');
  const shortened = cut.length < n.length || Array.from(cut).length >= 8;
  return shortened && cut.length > 0 && s.startsWith(cut) ? 1 : 0;
}

export function nameMatches(name: string | null, slice: string): boolean {
  return nameMatchScore(name, slice) > 0;
}

/** The counting the writing tool is known to use, for ties (NOTES.md §6.8 step 4). */
export function countingForOrigin(origin: string): Counting {
  if (/^\s*nvivo/i.test(origin)) return { unit: 'utf16', crlf: 2 };
  if (/^\s*atlas\.?ti/i.test(origin)) return { unit: 'codepoint', crlf: 1 };
  return SPEC_COUNTING;
}

/** Picks the counting for one source: names first, then no split pairs, then in range. */
export function chooseCounting(raw: string, spans: readonly SelectionSpan[], origin: string): CountingChoice {
  const normalised = raw.replace(/\r\n?/g, '\n');
  const preferred = countingForOrigin(origin);
  const candidates = [preferred, ...ALL.filter((c) => c.unit !== preferred.unit || c.crlf !== preferred.crlf)];
  const scored = candidates.map((counting) => {
    const starts = mapOffsets(raw, spans.map((s) => s.start), counting);
    const ends = mapOffsets(raw, spans.map((s) => s.end), counting);
    let matches = 0;
    let splits = 0;
    let outside = 0;
    spans.forEach((s, k) => {
      matches += nameMatchScore(s.name, normalised.slice(starts[k].pos, ends[k].pos));
      splits += Number(starts[k].split) + Number(ends[k].split);
      outside += Number(starts[k].outOfRange) + Number(ends[k].outOfRange);
    });
    return { counting, starts, ends, matches, splits, outside, key: starts.map((m) => m.pos).join() + '|' + ends.map((m) => m.pos).join() };
  });
  const better = (a: (typeof scored)[0], b: (typeof scored)[0]) =>
    a.matches !== b.matches ? a.matches > b.matches : a.splits !== b.splits ? a.splits < b.splits : a.outside < b.outside;
  let best = scored[0]; // the origin's counting wins ties
  for (const s of scored.slice(1)) if (better(s, best)) best = s;
  const allSame = scored.every((s) => s.key === scored[0].key);
  const tied = scored.filter((s) => s.key !== best.key && !better(best, s)).length > 0;
  return {
    counting: best.counting,
    starts: best.starts,
    ends: best.ends,
    nameScore: best.matches,
    named: spans.filter((s) => s.name?.trim()).length,
    basis: allSame ? 'same' : tied ? 'origin' : 'evidence',
  };
}
