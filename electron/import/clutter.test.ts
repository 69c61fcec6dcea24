import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusArticles, corpusExpectation, CORPUS, type CorpusArticle, type CorpusExpectation } from '../../test/helpers/corpus';
import { describeIfShared, SHARED_CORPUS_DIR } from '../../test/helpers/shared';
import { applyCuts, detectClutter, parseByline, parseDate, parseDateLine } from './clutter';
import { parsePlainText } from './text';
import type { ClutterCut, ParsedMetadata } from './types';

/** The fields of a clutter fixture (test/fixtures/corpus/*.expected.json, test/fixtures/clutter/*.expected.json). */
type Expected = Omit<CorpusExpectation, 'source' | 'facts'>;

interface Parsed {
  body: string;
  metadata: ParsedMetadata;
  cuts: ClutterCut[];
}

function expectCanonical(body: string): void {
  expect(body).not.toMatch(/\r|\ufeff/);
  expect(body).not.toMatch(/\n\n\n/);
  expect(body).not.toMatch(/^\s|\s$/);
  expect(body).not.toMatch(/[ \t\u00a0]\n/);
}

const lineSet = (body: string) => new Set(body.split('\n').map((l) => l.trim()));

/** The cut the fixture describes: first and last paragraph, what stays, what goes, the metadata. */
function expectCleanedAsDescribed(article: Parsed, expected: Expected): void {
  const clean = applyCuts(article.body, article.cuts);
  const paragraphs = clean.split('\n\n');
  expect(paragraphs[0]).toBe(expected.firstParagraph);
  expect(paragraphs[paragraphs.length - 1]).toBe(expected.lastParagraph);
  for (const sentence of expected.mustKeep) expect(clean).toContain(sentence);
  const lines = lineSet(clean);
  for (const clutter of expected.mustCut) expect(lines.has(clutter), clutter).toBe(false);
  // A known miss still there; when the detector learns it, move the line to mustCut.
  for (const miss of expected.knownMisses ?? []) expect(lines.has(miss.line), `known miss fixed? ${miss.line}`).toBe(true);
  for (const once of expected.appearOnce) expect(clean.split(once).length - 1, once).toBe(1);
  if (expected.noCuts) expect(article.cuts).toEqual([]);
  expectCanonical(clean);
  for (const [key, value] of Object.entries(expected.metadata)) {
    expect(article.metadata[key as keyof ParsedMetadata], key).toBe(value);
  }
}

/** Cuts are sorted, do not overlap, cover whole lines and say why. */
function expectWellFormedCuts(body: string, cuts: ClutterCut[]): void {
  let last = -1;
  for (const cut of cuts) {
    expect(cut.start).toBeGreaterThan(last);
    expect(cut.end).toBeGreaterThan(cut.start);
    expect(cut.start === 0 || body[cut.start - 1] === '\n').toBe(true);
    expect(cut.end === body.length || body[cut.end] === '\n').toBe(true);
    expect(cut.reason).not.toBe('');
    last = cut.end;
  }
}

/** Cut text is never a long sentence (headline copies and teasers repeat one that stays). */
function expectNoLongSentenceCut(body: string, cuts: ClutterCut[]): void {
  for (const cut of cuts) {
    if (cut.reason === 'repeated headline' || cut.reason === 'teaser') continue;
    for (const line of body.slice(cut.start, cut.end).split('\n')) {
      const long = line.trim().split(/\s+/).length > 25 && /[.!?]["”’)]*$/.test(line.trim());
      expect(long, line).toBe(false);
    }
  }
}

describe('clutter on the project corpus', () => {
  const articles = corpusArticles();
  const cases = articles.map((a) => [a.name, a] as const);

  it.each(cases)('cleans %s to the article and nothing but the article', (_name, a: CorpusArticle) => {
    expectCleanedAsDescribed(a, corpusExpectation(a.name));
    // The detector proposes the same cuts when the parsed metadata is fed back, as the import pipeline does.
    expect(detectClutter(a.body, a.metadata)).toEqual(a.cuts);
  });

  it('proposes no cut at all on a clean article', () => {
    const a = articles.find((x) => x.name === CORPUS.clean)!;
    expect(detectClutter(a.body, a.metadata)).toEqual([]);
    expect(detectClutter(a.body, {})).toEqual([]);
  });

  it('returns sorted, non-overlapping cuts that cover whole lines', () => {
    for (const a of articles) expectWellFormedCuts(a.body, detectClutter(a.body, {}));
  });

  it('keeps every article sentence of the corpus: cut text is never a long sentence', () => {
    for (const a of articles) expectNoLongSentenceCut(a.body, detectClutter(a.body, {}));
  });
});

// The five real articles in ../shared/corpus, with their cuts described in
// test/fixtures/clutter: an extra set, run when ../shared is there.
describeIfShared('corpus', 'clutter on the real articles in ../shared/corpus', () => {
  const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/clutter');
  const names = readdirSync(fixtures)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace('.expected.json', ''))
    .sort();
  const parseReal = (name: string) => {
    const file = `${name}.txt`;
    return parsePlainText({ bytes: readFileSync(path.join(SHARED_CORPUS_DIR, file)), fileName: file, format: 'txt' });
  };

  it('has a fixture for each real article', () => {
    const articles = readdirSync(SHARED_CORPUS_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.replace('.txt', ''));
    expect(names).toEqual(articles.sort());
  });

  it.each(names)('cleans %s to the article and nothing but the article', (name) => {
    const expected = JSON.parse(readFileSync(path.join(fixtures, `${name}.expected.json`), 'utf8')) as Expected;
    const article = parseReal(name);
    const cuts = detectClutter(article.body, {});
    expect(article.cuts).toEqual(cuts);
    expect(detectClutter(article.body, article.metadata)).toEqual(cuts);
    expectCleanedAsDescribed(article, expected);
  });

  it('proposes no cut at all on the clean real article', () => {
    const article = parseReal('japan-pm-seeks-us-partnership');
    expect(detectClutter(article.body, article.metadata)).toEqual([]);
  });

  it('returns well-formed cuts and never cuts a long sentence', () => {
    for (const name of names) {
      const { body } = parseReal(name);
      const cuts = detectClutter(body, {});
      expectWellFormedCuts(body, cuts);
      expectNoLongSentenceCut(body, cuts);
    }
  });
});

// An article from a site the corpus does not include, written the way news sites paste.
const unseen = [
  'Skip to content',
  '',
  'World',
  '',
  'Copper prices hit record as smelters cut output in Chile',
  '',
  'By Maria Lopez | March 12, 2025',
  '',
  'Listen to this article',
  '',
  'Copper prices climbed to a record on Tuesday after two of the largest smelters in Chile said they would cut output for the rest of the quarter, tightening a market already short of refined metal.',
  '',
  'Advertisement',
  '',
  'Traders said the cuts, which follow months of low treatment charges, could remove as much as 150,000 tonnes of refined copper from the market this year, according to estimates by two banks.',
  '',
  'Image: Reuters/Ivan Alvarado',
  '',
  'Comments matter to the industry: producers have long argued that low charges make smelting unviable, and several said they would keep plants idle until terms improve.',
  '',
  'Share on Facebook Twitter Email',
  '',
  'Tags: copper, Chile, mining',
  '',
  'You may also like',
  '',
  'Gold slips as dollar firms',
  'Lithium miners brace for another weak year...',
  '',
  '© 2025 Example Media Group',
].join('\n');

describe('clutter on an unseen site', () => {
  const cuts = detectClutter(unseen, {});
  const clean = applyCuts(unseen, cuts);

  it('starts at the headline and ends at the last paragraph', () => {
    const paragraphs = clean.split('\n\n');
    expect(paragraphs[0]).toBe('Copper prices hit record as smelters cut output in Chile');
    expect(paragraphs[paragraphs.length - 1]).toMatch(/^Comments matter to the industry: .* until terms improve\.$/);
    expect(paragraphs).toHaveLength(4);
  });

  it('names what it cuts', () => {
    const reasons = Object.fromEntries(cuts.map((c) => [unseen.slice(c.start, c.end).split('\n')[0], c.reason]));
    expect(reasons).toMatchObject({
      'Skip to content': 'page furniture',
      World: 'site label',
      'By Maria Lopez | March 12, 2025': 'byline',
      Advertisement: 'page furniture',
      'Image: Reuters/Ivan Alvarado': 'photo credit',
      'Share on Facebook Twitter Email': 'share buttons',
      'You may also like': 'related articles',
    });
  });

  it('keeps a long sentence that merely starts like a marker ("Comments ...", "Share ...")', () => {
    const text = [
      'A headline about shared rules for trade',
      '',
      'Share of exports going to allied countries rose for the third year running, the ministry said on Monday, citing customs data that covered both goods and services.',
      '',
      'Comments from officials suggested the trend would continue as firms move production closer to home, though several warned that costs would rise for consumers.',
    ].join('\n');
    expect(detectClutter(text, {})).toEqual([]);
  });

  it('cuts a breadcrumb trail before the headline', () => {
    const text = 'Home > World > Asia\n\nJapan and the US sign minerals framework\n\nThe two governments signed a framework on Tuesday to secure supplies of rare earths.';
    expect(detectClutter(text, {}).map((c) => text.slice(c.start, c.end))).toEqual(['Home > World > Asia']);
  });

  it('keeps a short bullet list that ends an article', () => {
    const text = [
      'Japan and the US sign minerals framework',
      '',
      'The two governments signed a framework on Tuesday that commits both to secure supplies of rare earths and other minerals for their industries.',
      '',
      'What the deal covers:',
      '',
      '- Joint stockpiles',
      '- Faster permits',
      '- Recycling research',
    ].join('\n');
    expect(detectClutter(text, {})).toEqual([]);
  });

  it('keeps a "Related" heading that is followed by much of the article', () => {
    const text = [
      'Minerals pact signed',
      '',
      'Officials in both capitals said the arrangement would take years to show results in the supply of processed minerals.',
      '',
      'A similar pact with Australia, signed two years earlier, has so far produced one refinery and a joint stockpile of magnet metals.',
      '',
      'Related',
      '',
      'Analysts expect the new framework to follow the same slow path before any mine opens under its terms.',
    ].join('\n');
    expect(detectClutter(text, {})).toEqual([]);
  });

  it('keeps short label lines when no headline follows them', () => {
    const text = 'Rare Earths\n\nJapan has long sought to reduce its dependence on Chinese supplies of rare earth elements used in magnets.';
    expect(detectClutter(text, {})).toEqual([]);
  });

  it('uses the declared title and author to find the headline and the author box', () => {
    const text = [
      'Opinion',
      '',
      'Why Supply Chains Are Politics Now',
      '',
      'For decades supply chains were the business of logistics managers, and governments left them alone as long as goods kept arriving on time and at low cost.',
      '',
      'That era is over, and the change is visible in every budget.',
      '',
      'Kim Tanaka',
    ].join('\n');
    const cuts = detectClutter(text, { title: 'Why supply chains are politics now', author: 'Kim Tanaka' });
    expect(cuts.map((c) => text.slice(c.start, c.end))).toEqual(['Opinion', 'Kim Tanaka']);
    expect(cuts[1].reason).toBe('author name');
  });
});

describe('applyCuts', () => {
  it('removes a line inside a paragraph without splitting the paragraph', () => {
    const body = 'Intro\n\nfirst line\nnoise\nlast line\n\nOutro';
    const start = body.indexOf('noise');
    expect(applyCuts(body, [{ start, end: start + 5, reason: 'x' }])).toBe('Intro\n\nfirst line\nlast line\n\nOutro');
  });

  it('keeps one blank line between paragraphs when whole paragraphs go', () => {
    const body = 'A\n\nB\n\nC\n\nD';
    const b = body.indexOf('B');
    const c = body.indexOf('C');
    expect(applyCuts(body, [{ start: c, end: c + 1, reason: 'x' }, { start: b, end: b + 1, reason: 'y' }])).toBe('A\n\nD');
    expect(applyCuts(body, [{ start: 0, end: 1, reason: 'x' }])).toBe('B\n\nC\n\nD');
    expect(applyCuts(body, [{ start: body.length - 1, end: body.length, reason: 'x' }])).toBe('A\n\nB\n\nC');
  });

  it('returns the body untouched when there is nothing to cut', () => {
    expect(applyCuts('A\n\nB', [])).toBe('A\n\nB');
  });

  it('refuses a cut outside the body', () => {
    expect(() => applyCuts('short', [{ start: 2, end: 50, reason: 'x' }])).toThrow(RangeError);
  });
});

describe('bylines and dates', () => {
  it('reads names out of bylines and leaves sentences alone', () => {
    expect(parseByline('By Jane Doe')).toEqual({ author: 'Jane Doe', publishedAt: null });
    expect(parseByline('By 😎Baلoch✨.zada😎Published a day ago 4 min read')?.author).toBe('😎Baلoch✨.zada😎');
    expect(parseByline('By Jane Doe and John Roe, 12 March 2025')).toEqual({
      author: 'Jane Doe and John Roe',
      publishedAt: '2025-03-12',
    });
    expect(parseByline('Written by Kim Tanaka | Reuters')?.author).toBe('Kim Tanaka');
    expect(parseByline('By 2030, Japan wants a fifth of its magnets from recycled material.')).toBeNull();
    expect(parseByline('By prioritizing rare earth cooperation with the United States, Japan aims to strengthen its position.')).toBeNull();
  });

  it('turns unambiguous dates into ISO dates', () => {
    expect(parseDate('2025-03-12')).toBe('2025-03-12');
    expect(parseDate('12 March 2025')).toBe('2025-03-12');
    expect(parseDate('March 12, 2025')).toBe('2025-03-12');
    expect(parseDate('Sept. 3rd 2024')).toBe('2024-09-03');
    expect(parseDate('25/03/2025')).toBe('2025-03-25');
    expect(parseDate('03/04/2025')).toBeNull(); // March or April
    expect(parseDate('31 April 2025')).toBeNull();
    expect(parseDate('a day ago')).toBeNull();
  });

  it('recognises lines that are only a date', () => {
    expect(parseDateLine('Published 12 March 2025')).toBe('2025-03-12');
    expect(parseDateLine('Updated: Wednesday, March 12, 2025 10:30 GMT')).toBe('2025-03-12');
    expect(parseDateLine('2025-03-12')).toBe('2025-03-12');
    expect(parseDateLine('March 2025')).toBe('2025-03');
    expect(parseDateLine('March 12, 2025 was the day the framework was signed')).toBeNull();
  });
});
