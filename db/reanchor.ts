// Re-anchoring highlights after an article's text changes (a corrected or
// re-imported version), after hypothesis/client
// src/annotator/anchoring/match-quote.ts: verify the stored position against the
// quote; else find the quote exactly; else approximately; choose between
// candidates by prefix/suffix context and nearness to where the passage should be.
// Unlike Hypothesis, which always takes its best guess, Quarry orphans what it
// cannot place with confidence: a wrong placement silently mis-codes a passage,
// while an orphan is visible and the analyst re-places it by hand.
// Pure: no store access. Offsets are UTF-16 code units.
import search from 'approx-string-match';
import { snapToCodePoints } from '../core/text/offsets';

/** What re-anchoring needs of a stored highlight (W3C TextQuote + TextPosition selectors). */
export interface QuoteAnchor {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export type ReanchorResult = { status: 'stayed' | 'moved'; start: number; end: number } | { status: 'orphaned'; start?: undefined; end?: undefined };

export interface ReanchorOptions {
  /** Where the passage is expected in the new text (default: its old start). Breaks ties between candidates. */
  hint?: number;
}

// Hypothesis's weights: the quote dominates, context decides between copies of
// it, position only breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
/**
 * A fuzzy match must keep at least 3/4 of the quote (edit distance <= 25% of its
 * length). Hypothesis searches with up to half the quote in errors and takes the
 * best score whatever it is; that happily places a highlight on a sentence that
 * shares half its characters. 0.75 still absorbs typo fixes, changed numbers,
 * punctuation and a reworded clause in a sentence-long passage.
 */
export const MIN_QUOTE_SIMILARITY = 0.75;
/** Hypothesis's cap: search cost grows with the error budget (O(k/32 * n)). */
const MAX_ERRORS = 256;
/**
 * Below this length a quote ("rare earths", "Japan") occurs all over an article
 * and a few edits turn it into another word, so a short quote is only placed
 * where its prefix or its suffix still agrees.
 */
const SHORT_QUOTE = 32;
const MIN_SIDE_CONTEXT = 0.75;
/** An exact copy whose context agrees this well (mean of both sides) is taken without looking for edited versions nearby. */
const TRUSTED_CONTEXT = 0.5;
/** Fuzzy search looks first within this distance (at least the quote's length) of the expected position. */
const WINDOW = 1024;
/** Scoring context costs two small searches per candidate; the nearest few hundred are plenty. */
const MAX_CANDIDATES = 256;
/** Canonical bodies contain no NUL (imports strip control characters), so it matches nothing. */
const MASK = '\u0000';

interface Candidate {
  start: number;
  end: number;
  errors: number;
}
interface Scored extends Candidate {
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  score: number;
}

const ORPHANED: ReanchorResult = { status: 'orphaned' };

/** Hypothesis's textMatchScore: 1 - (edit distance of `pattern` within `text`) / pattern length. */
function similarity(text: string, pattern: string): number {
  if (text === pattern) return 1;
  if (text.length === 0 || pattern.length === 0) return 0;
  const m = search(text, pattern, pattern.length);
  return m.length > 0 ? 1 - m[0].errors / pattern.length : 0;
}

function score(text: string, h: QuoteAnchor, c: Candidate, hint: number): Scored {
  const quoteScore = 1 - c.errors / h.quote.length;
  // No stored context (a passage at the very start or end) cannot disagree.
  const prefixScore = h.prefix ? similarity(text.slice(Math.max(0, c.start - h.prefix.length), c.start), h.prefix) : 1;
  const suffixScore = h.suffix ? similarity(text.slice(c.end, c.end + h.suffix.length), h.suffix) : 1;
  const positionScore = 1 - Math.abs(c.start - hint) / Math.max(1, text.length);
  const raw = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
  return { ...c, quoteScore, prefixScore, suffixScore, score: raw / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT) };
}

function acceptable(h: QuoteAnchor, c: Scored): boolean {
  if (c.quoteScore < MIN_QUOTE_SIMILARITY) return false;
  return h.quote.length >= SHORT_QUOTE || Math.max(c.prefixScore, c.suffixScore) >= MIN_SIDE_CONTEXT;
}

function nearest(cs: Candidate[], hint: number): Candidate[] {
  if (cs.length <= MAX_CANDIDATES) return cs;
  return [...cs].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint)).slice(0, MAX_CANDIDATES);
}

function exactOccurrences(text: string, quote: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) out.push({ start: i, end: i + quote.length, errors: 0 });
  return out;
}

/**
 * The lowest-error approximate matches within text[lo, hi) (approx-string-match
 * reports only those). Exact copies are masked out first: the search would
 * otherwise report only them, and hide an edited version of the passage.
 */
function approximate(text: string, quote: string, lo: number, hi: number, maxErrors: number, copies: Candidate[]): Candidate[] {
  let window = '';
  let at = lo;
  for (const c of copies) {
    if (c.end <= at || c.start >= hi) continue;
    window += text.slice(at, c.start) + MASK.repeat(Math.min(c.end, hi) - Math.max(c.start, at));
    at = Math.min(c.end, hi);
  }
  window += text.slice(at, hi);
  return search(window, quote, maxErrors).map((m) => ({ start: m.start + lo, end: m.end + lo, errors: m.errors }));
}

function best(cs: Scored[], quoteLength: number): Scored | null {
  let top: Scored | null = null;
  for (const c of cs) {
    // On a tie (equal errors can end a character apart), prefer the length of the quote.
    const better =
      !top || c.score > top.score || (c.score === top.score && Math.abs(c.end - c.start - quoteLength) < Math.abs(top.end - top.start - quoteLength));
    if (better) top = c;
  }
  return top;
}

function place(text: string, h: QuoteAnchor, c: Candidate): ReanchorResult {
  // A fuzzy match may begin or end inside an emoji or a flag: take the whole character.
  const r = snapToCodePoints(text, c.start, c.end);
  if (r.end <= r.start || text.slice(r.start, r.end).trim() === '') return ORPHANED;
  const same = r.start === h.start && r.end === h.end && text.slice(r.start, r.end) === h.quote;
  return { status: same ? 'stayed' : 'moved', start: r.start, end: r.end };
}

/** Find `h` in `newText`. 'stayed' only when the quote is unchanged at the same offsets. */
export function reanchor(newText: string, h: QuoteAnchor, options: ReanchorOptions = {}): ReanchorResult {
  const quote = h.quote;
  if (quote.length === 0) return ORPHANED;
  const hint = Math.min(Math.max(0, Math.round(options.hint ?? h.start)), newText.length);

  // (a) The stored position, verified against the quote. (The hint is only a
  // guess inside an edited region, so it is never taken on its own.)
  if (newText.startsWith(quote, h.start)) return place(newText, h, { start: h.start, end: h.start + quote.length, errors: 0 });

  // (b) Exact copies of the quote, chosen by context, then nearness.
  const copies = exactOccurrences(newText, quote);
  const exact = nearest(copies, hint)
    .map((c) => score(newText, h, c, hint))
    .filter((c) => acceptable(h, c));
  const topExact = best(exact, quote.length);
  if (topExact && (topExact.prefixScore + topExact.suffixScore) / 2 >= TRUSTED_CONTEXT) return place(newText, h, topExact);

  // (c) Approximate matches. Near the expected position first: the passage was
  // most likely edited where it stood, and a small window is cheap. When an exact
  // copy exists but its context disagrees, an edited version of the passage
  // competes with it on score.
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY)));
  const pool: Scored[] = [...exact];
  if (maxErrors > 0) {
    const radius = Math.max(WINDOW, quote.length);
    const lo = Math.max(0, hint - radius);
    const hi = Math.min(newText.length, hint + quote.length + radius);
    const fuzzy = (from: number, to: number) =>
      nearest(approximate(newText, quote, from, to, maxErrors, copies), hint)
        .map((c) => score(newText, h, c, hint))
        .filter((c) => acceptable(h, c));
    let found = fuzzy(lo, hi);
    if (found.length === 0 && (lo > 0 || hi < newText.length)) found = fuzzy(0, newText.length);
    pool.push(...found);
  }
  const top = best(pool, quote.length);
  // (d) Nothing close enough: orphaned, never guessed.
  return top ? place(newText, h, top) : ORPHANED;
}

/** Where positions of an old text land in a new one (see positionMap). */
export interface PositionMap {
  /** The new start of a range lying wholly outside the changed region, else null. */
  unchanged(start: number, end: number): number | null;
  /** The new range of one that wholly contains the changed region (the edit happened inside the passage), else null. */
  around(start: number, end: number): { start: number; end: number } | null;
  /** The expected new place of a position (a hint, inside the changed region). */
  map(x: number): number;
}

/**
 * Where positions of `oldText` land in `newText`, from their common prefix and
 * suffix: exact outside the changed region, scaled by its change in length inside.
 */
export function positionMap(oldText: string, newText: string): PositionMap {
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  const oldChangedEnd = oldText.length - s;
  const newChangedEnd = newText.length - s;
  const delta = newText.length - oldText.length;
  return {
    unchanged(start, end) {
      if (end <= p) return start;
      if (start >= oldChangedEnd) return start + delta;
      return null;
    },
    around(start, end) {
      return start <= p && oldChangedEnd <= end && end + delta > start ? { start, end: end + delta } : null;
    },
    map(x) {
      if (x <= p) return x;
      if (x >= oldChangedEnd) return x + delta;
      return p + Math.round(((x - p) * (newChangedEnd - p)) / Math.max(1, oldChangedEnd - p));
    },
  };
}

/**
 * Re-anchor every highlight of an article whose text changed from `oldText` to
 * `newText`; results are in the order of `highlights`. Passages outside the
 * edited region are placed by arithmetic (verified against the quote), so a
 * typical edit costs a string comparison per highlight; only passages the edit
 * touched are searched for. Highlights whose offsets do not refer to `oldText`
 * (already orphaned) fail the verification and are searched for like the rest.
 */
export function reanchorAll(oldText: string, newText: string, highlights: readonly QuoteAnchor[]): ReanchorResult[] {
  const pm = positionMap(oldText, newText);
  return highlights.map((h) => {
    if (h.quote.length === 0) return ORPHANED;
    const at = pm.unchanged(h.start, h.end);
    if (at !== null && newText.startsWith(h.quote, at)) return place(newText, h, { start: at, end: at + h.quote.length, errors: 0 });
    // An edit inside the passage (a typo fixed, a clause added): it stretches or
    // shrinks with the edit, as a text editor's marker would, if enough of the
    // quote survives. A search would rather cut the new words off the passage.
    const r = oldText.startsWith(h.quote, h.start) ? pm.around(h.start, h.end) : null;
    if (r) {
      const kept = similarity(newText.slice(r.start, r.end), h.quote);
      if (kept >= MIN_QUOTE_SIMILARITY) return place(newText, h, { ...r, errors: 0 });
    }
    return reanchor(newText, h, { hint: pm.map(h.start) });
  });
}
