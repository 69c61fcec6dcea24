import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusArticles, corpusExpectation, corpusPath } from '../../test/helpers/corpus';
import { describeIfShared, SHARED_CORPUS_DIR, sharedCorpusFiles } from '../../test/helpers/shared';
import { decodeText } from './decode';
import { parsePlainText, type PlainTextFormat } from './text';
import { ImportError } from './types';

const corpus = SHARED_CORPUS_DIR;
const importFixtures = path.resolve(import.meta.dirname, '../../test/fixtures/import/text');

const parse = (text: string, format: PlainTextFormat = 'txt', fileName = `article.${format === 'md' ? 'md' : 'txt'}`) =>
  parsePlainText({ bytes: new TextEncoder().encode(text), fileName, format });

const parseCorpus = (file: string) =>
  parsePlainText({ bytes: readFileSync(path.join(corpus, file)), fileName: file, format: 'txt' });

function expectCanonical(body: string): void {
  expect(body).not.toMatch(/\r|\ufeff/);
  expect(body).not.toMatch(/\n[ \t\u00a0]*\n[ \t\u00a0]*\n/); // one blank line between paragraphs, never more
  expect(body).not.toMatch(/^\s|\s$/);
  expect(body).not.toMatch(/[ \t\u00a0]\n/);
  // eslint-disable-next-line no-control-regex
  expect(body).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
}

describe('parsePlainText on the project corpus', () => {
  const plain = corpusArticles().filter((a) => a.format === 'txt');
  const parseFixture = (name: string) => parsePlainText({ bytes: readFileSync(corpusPath(name)), fileName: name, format: 'txt' });

  it('produces canonical bodies that lose no word of the file, whatever its encoding, BOM or line endings', () => {
    expect(plain.length).toBeGreaterThanOrEqual(5);
    for (const { name, bytes } of plain) {
      const { body, warnings } = parseFixture(name);
      expectCanonical(body);
      expect(warnings).toEqual(corpusExpectation(name).facts.warnings);
      const raw = decodeText(bytes, name).text;
      expect(body.split(/\s+/).join(' '), name).toBe(raw.trim().split(/\s+/).join(' '));
    }
  });

  it('splits one-paragraph-per-line text into paragraphs', () => {
    const raw = readFileSync(corpusPath(CORPUS.clean), 'utf8');
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    expect(parseFixture(CORPUS.clean).body.split('\n\n')).toEqual(lines);
  });

  it('keeps a dash list together in one-paragraph-per-line text (CRLF and a BOM)', () => {
    const { body } = parseFixture(CORPUS.wire);
    const paragraphs = body.split('\n\n');
    const list = paragraphs.find((p) => p.startsWith('- Cap inspection fees'));
    expect(list?.split('\n')).toHaveLength(3);
    expect(paragraphs).toContain('What the Agreement Covers');
    expect(paragraphs).toContain('A Fragile Truce');
  });

  it('keeps decomposed letters as given: no Unicode normalisation', () => {
    const { body } = parseFixture(CORPUS.wire);
    expect(body).toContain('cafe\u0301');
    expect(body).not.toContain('caf\u00e9');
    expect(body).toContain('Ha\u0309i Pho\u0300ng');
  });

  it('keeps blank-line paragraphs, dedents bullet blocks and keeps nested indentation relative', () => {
    const { body } = parseFixture(CORPUS.hazards);
    expect(body).toContain('stand out:\n\n• Automation\u00a0guarantees');
    expect(body).toContain('last minute.\n• Night-shift pay');
    expect(body).toContain('1. Short term → reroute to the coastal ports\n  Their berths are too shallow');
    expect(body).toContain('🇳🇱 Harbour Desk Brief');
    expect(body).toContain('newsletter (1998)');
  });

  it('reads title, author and source from the page lines', () => {
    expect(parseFixture(CORPUS.blog).metadata).toMatchObject({
      title: 'Magnets Reborn: How a Small Recycler Wants to Break the Rare-Earth Bottleneck',
      author: '🌿Nadia حداد✨',
      source: 'Ledger',
      publishedAt: null,
    });
    expect(parseFixture(CORPUS.hazards).metadata.title).toBe('Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains');
  });

  it('shortens the title when the first line is a whole paragraph', () => {
    const { title } = parseFixture(CORPUS.wire).metadata;
    expect(title).toBe('In a late-night announcement on Friday, the port authorities of three Black Sea harbours agreed to…');
  });
});

// The same rules on the five real articles in ../shared/corpus: an extra set.
describeIfShared('corpus', 'parsePlainText on the real articles in ../shared/corpus', () => {
  const files = sharedCorpusFiles();

  it('produces canonical bodies that lose no word of the file', () => {
    expect(files.length).toBe(5);
    for (const file of files) {
      const raw = readFileSync(path.join(corpus, file), 'utf8');
      const { body, warnings } = parseCorpus(file);
      expectCanonical(body);
      expect(warnings).toEqual([]);
      expect(body.split(/\s+/).join(' ')).toBe(raw.trim().split(/\s+/).join(' '));
    }
  });

  it('splits one-paragraph-per-line text into paragraphs', () => {
    const raw = readFileSync(path.join(corpus, 'japan-pm-seeks-us-partnership.txt'), 'utf8');
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    const { body } = parseCorpus('japan-pm-seeks-us-partnership.txt');
    expect(body.split('\n\n')).toEqual(lines);
  });

  it('keeps a dash list together in one-paragraph-per-line text', () => {
    const { body } = parseCorpus('trump-takaichi-trade-agreement.txt');
    const paragraphs = body.split('\n\n');
    const list = paragraphs.find((p) => p.startsWith('- Lower tariffs'));
    expect(list?.split('\n')).toHaveLength(3);
    expect(paragraphs).toContain('Strategic Importance of the Deal');
    expect(paragraphs).toContain('A New Era of Strategic Cooperation');
  });

  it('keeps blank-line paragraphs, dedents bullet blocks and keeps nested indentation relative', () => {
    const { body } = parseCorpus('us-japan-rare-earths-alliance-assessment.txt');
    expect(body).toContain('aims to:\n\n• Undercut\u00a0China’s leverage');
    expect(body).toContain('slowdowns.\n• Demonstrate to Beijing');
    expect(body).toContain('1. Framework → Industrial Base Treaty?\n  Expect this to evolve');
    expect(body).toContain('🇯🇵 JP-01 Assessment');
    expect(body).toContain('(堕落論, 1946)');
  });

  it('reads title, author and source from the page lines', () => {
    expect(parseCorpus('japan-rare-earth-strategy.txt').metadata).toMatchObject({
      title: 'Japan’s Rare Earth Strategy: Takaichi’s Push for Stronger U.S. Cooperation',
      author: '😎Baلoch✨.zada😎',
      source: 'Viva',
      publishedAt: null,
    });
    expect(parseCorpus('us-japan-rare-earths-alliance-assessment.txt').metadata.title).toBe(
      'U.S. and Japan Forge Rare Earths Alliance',
    );
  });

  it('shortens the title when the first line is a whole paragraph', () => {
    const { title } = parseCorpus('trump-takaichi-trade-agreement.txt').metadata;
    expect(title).toBe('In a high-stakes diplomatic moment, US President Donald Trump and Japanese Prime Minister Sanae…');
  });
});

describe('parsePlainText paragraphs', () => {
  it('keeps single line breaks inside blank-line paragraphs (poetry, addresses)', () => {
    const text = 'Autumn\n\nThe leaves fall down,\nthe river runs;\nno one waits.\n\nMinistry of Trade\n1-3-1 Kasumigaseki\nTokyo\n';
    expect(parse(text).body).toBe('Autumn\n\nThe leaves fall down,\nthe river runs;\nno one waits.\n\nMinistry of Trade\n1-3-1 Kasumigaseki\nTokyo');
  });

  it('keeps a stanza poem intact even though single breaks outnumber blank lines', () => {
    const poem = 'Ode\n\nI walked along the shore\nand counted every stone\nthe tide had left behind\nfor me to carry home\n\nThe gulls were loud and white\nthe wind was cold and long';
    expect(parse(poem).body).toBe(poem);
  });

  it('trims trailing whitespace and a paragraph’s leading indentation, nothing else', () => {
    const text = '    Indented title   \n\n  First line\t\n  second  line  \n\n\tTabbed';
    expect(parse(text).body).toBe('Indented title\n\nFirst line\nsecond  line\n\nTabbed');
  });

  it('collapses extra blank lines and normalises CRLF in pasted text', () => {
    const { body } = parse('Headline here for a paste\r\n\r\n\r\n\r\nBody text.\r\n\r\n', 'paste', 'Pasted text');
    expect(body).toBe('Headline here for a paste\n\nBody text.');
  });

  it('finds byline and date lines at the top of plain text', () => {
    const text = [
      'Tokyo and Washington agree on minerals',
      '',
      'By Jane Doe',
      'Published 12 March 2025',
      '',
      'The two governments signed a framework on Tuesday that commits both to secure supplies of rare earths for the next decade.',
    ].join('\n');
    const { metadata, cuts, body } = parse(text);
    expect(metadata).toMatchObject({ title: 'Tokyo and Washington agree on minerals', author: 'Jane Doe', publishedAt: '2025-03-12' });
    expect(cuts.map((c) => [body.slice(c.start, c.end), c.reason])).toEqual([
      ['By Jane Doe', 'byline'],
      ['Published 12 March 2025', 'date line'],
    ]);
  });
});

describe('parsePlainText Markdown', () => {
  const md = [
    '---',
    'title: "Rare earths: the long game"',
    'author: Kim Tanaka # staff writer',
    'date: 2025-10-28',
    'url: https://example.org/rare-earths',
    'source: Example Review',
    'tags: [minerals, japan]',
    '---',
    '',
    '# Rare earths: the long game',
    '',
    'Japan has **quietly** built stockpiles since 2010.  ',
    'See [the report](https://example.org/report).',
    '',
    '    indented code stays indented',
  ].join('\n');

  it('reads front matter into metadata and removes it from the body', () => {
    const { body, metadata, warnings } = parse(md, 'md');
    expect(metadata).toEqual({
      title: 'Rare earths: the long game',
      author: 'Kim Tanaka',
      source: 'Example Review',
      url: 'https://example.org/rare-earths',
      publishedAt: '2025-10-28',
      language: null,
    });
    expect(warnings).toEqual([]);
    expect(body).toBe(
      '# Rare earths: the long game\n\nJapan has **quietly** built stockpiles since 2010.\nSee [the report](https://example.org/report).\n\n    indented code stays indented',
    );
  });

  it('takes the title from a leading # heading when there is no front matter', () => {
    const { metadata, body } = parse('# Minerals and power\n\nText.', 'md');
    expect(metadata.title).toBe('Minerals and power');
    expect(body.startsWith('# Minerals and power')).toBe(true);
  });

  it('treats an unclosed leading --- as text, not front matter', () => {
    expect(parse('---\ntitle: no\n\nJust text.', 'md').body).toBe('---\ntitle: no\n\nJust text.');
  });

  it('warns about a front matter date it cannot read', () => {
    const { metadata, warnings } = parse('---\ndate: last Tuesday\n---\nText.', 'md');
    expect(metadata.publishedAt).toBeNull();
    expect(warnings).toEqual(['front matter date "last Tuesday" is not a recognisable date; ignored']);
  });

  it('refuses a file that is only front matter', () => {
    expect(() => parse('---\ntitle: Empty\n---\n', 'md')).toThrow(expect.objectContaining({ code: 'no-text' }));
  });
});

describe('parsePlainText on bad input', () => {
  it('passes decoding problems through as ImportErrors and warnings', () => {
    const png = readFileSync(path.join(importFixtures, 'image-renamed.txt'));
    expect(() => parsePlainText({ bytes: png, fileName: 'image-renamed.txt', format: 'txt' })).toThrow(ImportError);
    const cp1252 = readFileSync(path.join(importFixtures, 'cp1252-smart-quotes.txt'));
    const article = parsePlainText({ bytes: cp1252, fileName: 'cp1252-smart-quotes.txt', format: 'txt' });
    expect(article.body).toBe('Café owner said “we’re open” – prices up €2.');
    expect(article.warnings).toEqual(['not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252']);
    const utf16 = readFileSync(path.join(importFixtures, 'utf16be-bom.txt'));
    expect(parsePlainText({ bytes: utf16, fileName: 'utf16be-bom.txt', format: 'txt' }).body).toBe(
      'Japan’s rare earths 🇯🇵\n\nSecond paragraph: 堕落論.',
    );
  });

  it('refuses empty input', () => {
    expect(() => parse('', 'paste')).toThrow(expect.objectContaining({ code: 'empty' }));
    expect(() => parse(' \n\t\n', 'txt')).toThrow(expect.objectContaining({ code: 'empty' }));
  });
});
