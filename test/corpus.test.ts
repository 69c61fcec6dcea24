// The project's test corpus checks itself: every hazard it claims is really in
// its bytes or its canonical text, git has not normalised those bytes, and the
// helpers hand tests exactly what the importer produces.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../electron/import/parse-file';
import { CORPUS_DIR, EXPECTED_DIR, HAZARDS, corpusArticles, corpusExpectation, type CorpusArticle, type CorpusExpectation, type Hazard } from './helpers/corpus';

/** What the issue asks the corpus to carry, at the least. */
const REQUIRED: Hazard[] = ['web-clutter', 'flag-emoji', 'zwj-emoji', 'astral', 'combining-marks', 'nbsp', 'japanese', 'arabic', 'hebrew', 'crlf', 'bom', 'windows-1252'];

const paragraphs = (body: string) => body.split('\n\n');
const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
/** A paragraph of at least 10 letters of `script` and no Latin letter: a whole paragraph in that script. */
const paragraphIn = (body: string, script: RegExp) =>
  paragraphs(body).some((p) => (p.match(new RegExp(script.source, 'gu')) ?? []).length >= 10 && !/[A-Za-z]/.test(p));

const CHECKS: Record<Hazard, (a: CorpusArticle, e: CorpusExpectation) => boolean> = {
  'web-clutter': (_a, e) => e.mustCut.length > 0,
  'flag-emoji': (a) => /\p{Regional_Indicator}{2}/u.test(a.body),
  'zwj-emoji': (a) => /\p{Extended_Pictographic}\u200d\p{Extended_Pictographic}/u.test(a.body),
  astral: (a) => /[\u{10000}-\u{10FFFF}]/u.test(a.body),
  'variation-selector': (a) => a.body.includes('\ufe0f'),
  'combining-marks': (a) => /\p{M}/u.test(a.body) && a.body.normalize('NFC') !== a.body,
  nbsp: (a) => a.body.includes('\u00a0'),
  japanese: (a) => paragraphIn(a.body, /[\u3040-\u30ff\u4e00-\u9fff]/),
  arabic: (a) => paragraphIn(a.body, /[\u0621-\u064a]/),
  hebrew: (a) => paragraphIn(a.body, /[\u05d0-\u05ea]/),
  crlf: (a) => a.bytes.includes('\r\n') && !/[^\r]\n/.test(a.bytes.toString('latin1')),
  bom: (a) => a.bytes[0] === 0xef && a.bytes[1] === 0xbb && a.bytes[2] === 0xbf,
  'windows-1252': (a) => !isUtf8(a.bytes) && a.bytes.some((b) => b >= 0x80 && b <= 0x9f),
  'line-per-paragraph': (a) => {
    const source = new TextDecoder().decode(a.bytes).split(/\r?\n/);
    const blank = source.filter((l) => l.trim() === '').length;
    return paragraphs(a.body).length > 2 * blank;
  },
  markdown: (a) => a.format === 'md',
  'front-matter': (a) => a.bytes.subarray(0, 4).toString() === '---\n',
  html: (a) => a.format === 'html',
};

describe('the project test corpus', () => {
  const articles = corpusArticles();

  it('holds 8 to 12 articles, each with its .expected.json, and no stray file', () => {
    expect(readdirSync(CORPUS_DIR).sort()).toEqual(articles.map((a) => a.name));
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(12);
    const expected = readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', '')).sort();
    expect(expected).toEqual(articles.map((a) => a.name.replace(/\.\w+$/, '')));
    for (const a of articles) expect(corpusExpectation(a.name).source).toBe(a.name);
  });

  it('carries every hazard of real pasted articles, each one where its fixture says', () => {
    const seen = new Set<Hazard>();
    for (const a of articles) {
      const e = corpusExpectation(a.name);
      for (const h of e.facts.hazards) {
        expect(HAZARDS, `${a.name}: unknown hazard ${h}`).toContain(h);
        expect(CHECKS[h](a, e), `${a.name} claims ${h}`).toBe(true);
        seen.add(h);
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(articles.map((a) => [a.name, a] as const))('%s: raw bytes are as committed (encoding, BOM, line endings)', (_name, a) => {
    const { raw } = corpusExpectation(a.name).facts;
    expect(isUtf8(a.bytes)).toBe(raw.encoding === 'utf-8');
    expect(CHECKS.bom(a, corpusExpectation(a.name))).toBe(raw.bom);
    expect(a.bytes.includes('\r')).toBe(raw.lineEnding === 'crlf');
    if (raw.lineEnding === 'crlf') expect(CHECKS.crlf(a, corpusExpectation(a.name))).toBe(true);
  });

  it.each(articles.map((a) => [a.name, a] as const))('%s: the helpers give what the importer gives', async (_name, a) => {
    const { articles: [parsed] } = await parseFile(a.bytes, a.name);
    expect(a.body).toBe(parsed.body);
    expect(a.metadata).toEqual(parsed.metadata);
    expect(a.cuts).toEqual(parsed.cuts);
    expect(a.warnings).toEqual(parsed.warnings);
  });

  it.each(articles.map((a) => [a.name, a] as const))('%s: canonical text facts hold', (_name, a) => {
    const { facts } = corpusExpectation(a.name);
    expect(a.warnings).toEqual(facts.warnings);
    expect(a.body).not.toMatch(/\r|\ufeff|\n\n\n|^\s|\s$|[ \t\u00a0]\n/);
    // eslint-disable-next-line no-control-regex
    expect(a.body).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    for (const s of facts.contains) expect(a.body, JSON.stringify(s)).toContain(s);
    for (const s of facts.lacks ?? []) expect(a.body, JSON.stringify(s)).not.toContain(s);
  });
});
