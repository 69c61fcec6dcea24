import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapToCodePoints } from '../core/text/offsets';
import { CORPUS, corpusArticles } from '../test/helpers/corpus';
import { describeIfShared, SHARED_CORPUS_DIR, sharedCorpusFiles } from '../test/helpers/shared';
import { makeAnchor, type Anchor } from './anchor';
import { MIN_QUOTE_SIMILARITY, positionMap, reanchor, reanchorAll, type ReanchorResult } from './reanchor';

const anchorOf = (text: string, passage: string, from = 0): Anchor => {
  const i = text.indexOf(passage, from);
  if (i < 0) throw new Error(`fixture: "${passage}" not in text`);
  return makeAnchor(text, i, i + passage.length);
};
const quoteOf = (text: string, r: ReanchorResult) => (r.status === 'orphaned' ? null : text.slice(r.start, r.end));

const OLD = [
  'Japan and the United States signed a framework on critical minerals in Tokyo.',
  'China processes more than 90% of the world’s rare earth elements and recently tightened export controls.',
  'Under the deal, both governments will streamline permitting for mining and processing.',
].join('\n\n');
const PASSAGE = 'China processes more than 90% of the world’s rare earth elements';

describe('reanchor', () => {
  it('keeps a highlight whose quote is still at its offsets', () => {
    const h = anchorOf(OLD, PASSAGE);
    const edited = OLD.replace('streamline permitting', 'speed up permits');
    expect(reanchor(edited, h)).toEqual({ status: 'stayed', start: h.start, end: h.end });
  });

  it('moves a highlight to the exact quote when text is inserted before it', () => {
    const h = anchorOf(OLD, PASSAGE);
    const edited = 'Editor’s note 🇺🇸🤝🇯🇵: updated.\n\n' + OLD;
    const r = reanchor(edited, h);
    expect(r.status).toBe('moved');
    expect(quoteOf(edited, r)).toBe(PASSAGE);
  });

  it('chooses the copy whose prefix and suffix agree, even when another copy is nearer', () => {
    const h = anchorOf(OLD, PASSAGE);
    // A quotation of the passage is added at the top, and the hint points at it.
    const edited = `Summary: “${PASSAGE}”, it says.\n\n${OLD}`;
    const r = reanchor(edited, h, { hint: edited.indexOf(PASSAGE) });
    expect(r.status).toBe('moved');
    expect(quoteOf(edited, r)).toBe(PASSAGE);
    expect(r.start).toBe(edited.lastIndexOf(PASSAGE));
  });

  it('finds an edited passage approximately and reports its new quote', () => {
    const typo = OLD.replace('processes', 'procsses');
    const h = anchorOf(typo, 'China procsses more than 90% of the world’s rare earth elements');
    const r = reanchor(OLD, h);
    expect(r.status).toBe('moved');
    expect(quoteOf(OLD, r)).toBe(PASSAGE);
  });

  it('prefers the edited passage in place over an exact copy elsewhere with other context', () => {
    const h = anchorOf(OLD, PASSAGE);
    const edited = OLD.replace(PASSAGE, 'China processes more than 85% of the world’s rare earth elements') + `\n\nAppendix. Quoted: “${PASSAGE}”.`;
    const r = reanchor(edited, h);
    expect(quoteOf(edited, r)).toBe('China processes more than 85% of the world’s rare earth elements');
  });

  it('orphans a passage rewritten beyond recognition, and one deleted', () => {
    const h = anchorOf(OLD, PASSAGE);
    const rewritten = OLD.replace(PASSAGE, 'Beijing refines nearly all of the planet’s lanthanides');
    expect(reanchor(rewritten, h)).toEqual({ status: 'orphaned' });
    const deleted = OLD.replace(/China processes[^\n]*\n\n/, '');
    expect(reanchor(deleted, h)).toEqual({ status: 'orphaned' });
  });

  it('places a short quote only where its context still agrees', () => {
    const h = anchorOf(OLD, 'rare earth');
    const typo = OLD.replace('rare earth elements', 'rare eartt elements');
    expect(quoteOf(typo, reanchor(typo, h))).toBe('rare eartt');
    // The same typo with its surroundings rewritten: "rare eartt" alone is too weak a clue.
    const rewritten = OLD.replace(/China processes[^\n]*/, 'Beijing dominates rare eartt markets today.');
    expect(reanchor(rewritten, h)).toEqual({ status: 'orphaned' });
  });

  it('never splits an emoji or a flag', () => {
    const text = 'Allies: the alliance of Japan 🇯🇵 and the United States 🇺🇸 is stronger than ever, officials say.';
    const h = anchorOf(text, 'the alliance of Japan 🇯🇵');
    const variants = [
      text.replace('🇯🇵', '🇯🇸'), // same high surrogates, different low ones
      text.replace('🇯🇵', '🇯'),
      text.replace('Japan 🇯🇵', 'Japan ⛏️'),
      '🧭 ' + text.replace('alliance', 'aliance'),
    ];
    for (const v of variants) {
      const r = reanchor(v, h);
      expect(r.status).toBe('moved');
      if (r.status === 'orphaned') continue;
      expect(snapToCodePoints(v, r.start, r.end)).toEqual({ start: r.start, end: r.end });
      expect(v.slice(r.start, r.end).startsWith('the al')).toBe(true);
    }
  });

  it('orphans an empty quote and a quote of white space only', () => {
    expect(reanchor(OLD, { start: 0, end: 0, quote: '', prefix: '', suffix: '' })).toEqual({ status: 'orphaned' });
    expect(reanchor(OLD, { start: 3, end: 5, quote: '\n\n', prefix: 'abc', suffix: 'def' })).toEqual({ status: 'orphaned' });
  });
});

describe('positionMap', () => {
  it('maps exactly outside the edit and scales inside it', () => {
    const pm = positionMap('aaaa XXXX bbbb', 'aaaa YYYYYYYY bbbb');
    expect(pm.unchanged(0, 4)).toBe(0);
    expect(pm.unchanged(10, 14)).toBe(14);
    expect(pm.unchanged(5, 9)).toBeNull();
    expect(pm.map(7)).toBe(9);
  });
});

/**
 * 1,000 highlights on 50,000 characters built from `loadSource` (called inside
 * the test, so a skipped set never reads its files).
 */
function reanchorAllChecks(loadSource: () => string): void {
  it('re-anchors 1,000 highlights on 50,000 characters after an insertion near the start', () => {
    const source = loadSource();
    // Deterministic pseudo-random numbers (mulberry32).
    let seed = 42;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    // 50,000 characters of prose with its emoji and flags: the corpus, then
    // its paragraphs with their words shuffled, so passages are not repeated verbatim
    // (a verbatim copy with the same context is a legitimate place for a passage).
    let text = source;
    while (text.length < 50_000) {
      const paragraphs = source.split('\n\n').map((p) => {
        const words = p.split(' ');
        for (let i = words.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [words[i], words[j]] = [words[j], words[i]];
        }
        return words.join(' ');
      });
      text += '\n\n' + paragraphs.join('\n\n');
    }
    text = text.slice(0, 50_000);

    const highlights: Anchor[] = [];
    while (highlights.length < 1000) {
      const start = Math.floor(rand() * (text.length - 300));
      const len = 20 + Math.floor(rand() * 180);
      try {
        highlights.push(makeAnchor(text, start, start + len));
      } catch {
        // white space only: draw again
      }
    }

    const inserted = text.slice(0, 100) + 'An inserted sentence about 🇯🇵 and 🇺🇸 partnership. ' + text.slice(100);
    const t0 = performance.now();
    const results = reanchorAll(text, inserted, highlights);
    const ms = performance.now() - t0;

    // The same without the diff (every passage searched for), for comparison.
    const t1 = performance.now();
    const searched = highlights.map((h) => reanchor(inserted, h));
    const searchedMs = performance.now() - t1;

    // One letter changed inside every tenth passage: those need the fuzzy search.
    const edited = highlights.filter((_, i) => i % 10 === 0);
    const typoAt = new Set(edited.map((h) => h.start + Math.floor(h.quote.length / 2)));
    const chars = inserted.split('');
    const delta = inserted.length - text.length;
    for (const at of typoAt) {
      const i = at + (at >= 100 ? delta : 0);
      if (/[a-z]/.test(chars[i])) chars[i] = chars[i] === 'e' ? 'a' : 'e';
    }
    const typoText = chars.join('');
    const t2 = performance.now();
    const fuzzy = reanchorAll(text, typoText, highlights);
    const fuzzyMs = performance.now() - t2;

    console.log(
      JSON.stringify({
        bench: 'reanchorAll 1000 highlights / 50000 chars',
        insertionMs: Math.round(ms * 10) / 10,
        searchEachMs: Math.round(searchedMs * 10) / 10,
        typoInEveryTenthMs: Math.round(fuzzyMs * 10) / 10,
      }),
    );

    // Where each passage belongs: unchanged before the insertion, shifted after
    // it, and stretched over it when the sentence went into the passage itself.
    const AT = 100;
    const expected = (h: Anchor): [number, number] => (h.end <= AT ? [h.start, h.end] : h.start >= AT ? [h.start + delta, h.end + delta] : [h.start, h.end + delta]);
    const straddling = (h: Anchor) => h.start < AT && h.end > AT;
    // A passage the sentence went into stretches over it while enough of the quote
    // survives (MIN_QUOTE_SIMILARITY); a short one the sentence swamps may be
    // orphaned instead, but is never placed somewhere else.
    const swamped = (h: Anchor) => straddling(h) && 1 - delta / h.quote.length < MIN_QUOTE_SIMILARITY;
    results.forEach((r, i) => {
      if (r.status === 'orphaned') {
        expect(swamped(highlights[i]), JSON.stringify(highlights[i].quote)).toBe(true);
        return;
      }
      expect(quoteOf(inserted, r)).toBe(inserted.slice(...expected(highlights[i])));
    });
    // Without the diff, a search finds each passage too, except that one cut by the insertion.
    searched.forEach((r, i) => {
      if (!straddling(highlights[i])) expect(quoteOf(inserted, r)).toBe(highlights[i].quote);
    });
    fuzzy.forEach((r, i) => {
      const h = highlights[i];
      if (!straddling(h)) expect(quoteOf(typoText, r)).toBe(typoText.slice(...expected(h)));
    });
    for (const r of fuzzy) if (r.status !== 'orphaned') expect(snapToCodePoints(typoText, r.start, r.end)).toEqual({ start: r.start, end: r.end });
  });
}

describe('reanchorAll on the project corpus', () => {
  // The clean article first: the insertion lands at offset 100, and a page that
  // repeats its headline and teaser there would make the straddling passage's
  // place ambiguous (a second copy of its text is a legitimate place for it).
  const bodies = () => [...corpusArticles()].sort((a, b) => Number(b.name === CORPUS.clean) - Number(a.name === CORPUS.clean)).map((a) => a.body);
  reanchorAllChecks(() => bodies().join('\n\n'));
});

describeIfShared('corpus', 'reanchorAll on the real articles in ../shared/corpus', () => {
  reanchorAllChecks(() => sharedCorpusFiles().map((f) => readFileSync(path.join(SHARED_CORPUS_DIR, f), 'utf8')).join('\n\n'));
});
