// The import limits and the low-memory fingerprints that let a long article
// through within bounded memory (see bench/import-memory).
import { describe, expect, it } from 'vitest';
import { countWords } from '../../db/util';
import { boundMetadata, checkBodyLength, checkTextFileSize, MAX_BODY_CHARS, MAX_TEXT_FILE_BYTES, MAX_TITLE_CHARS, truncateAtGrapheme } from './limits';
import { minhashOf, minhashSignature, shingles } from './similarity';
import { ImportError } from './types';
import { countWordsOf } from './word-count';

describe('truncateAtGrapheme', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncateAtGrapheme('short', 10)).toBe('short');
    const cut = truncateAtGrapheme('word '.repeat(1000), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('never splits a surrogate pair, a flag, a combining sequence or a ZWJ emoji', () => {
    for (const unit of ['😀', '🇯🇵', 'e\u0301', '👩‍👩‍👧‍👦']) {
      for (let pad = 0; pad < 12; pad++) {
        const s = 'a'.repeat(pad) + unit.repeat(30);
        const cut = truncateAtGrapheme(s, 20);
        expect(cut.length).toBeLessThanOrEqual(20);
        const body = cut.slice(0, -1);
        expect(s.startsWith(body)).toBe(true);
        expect((body.length - pad) % unit.length).toBe(0); // whole units only
      }
    }
  });

  it('costs no more on a 10 MB title than on a short one (only the head is segmented)', () => {
    const huge = '🇯🇵'.repeat(5_000_000);
    expect(truncateAtGrapheme(huge, MAX_TITLE_CHARS)).toBe(`${'🇯🇵'.repeat(499)}…`);
  });
});

describe('boundMetadata', () => {
  it('cuts title, author and source, drops an overlong URL or date, and says so', () => {
    const warnings: string[] = [];
    const m = boundMetadata({ title: 't'.repeat(5000), author: 'a'.repeat(3000), source: 'ok', url: `https://x.org/${'p'.repeat(3000)}`, publishedAt: '2'.repeat(3000) }, warnings);
    expect(m.title).toHaveLength(MAX_TITLE_CHARS);
    expect(m.author!.length).toBeLessThanOrEqual(2000);
    expect(m.source).toBe('ok');
    expect(m.url).toBeNull();
    expect(m.publishedAt).toBeNull();
    expect(warnings).toEqual([
      'the title was 5,000 characters long and was cut to 2,000',
      'the author was 3,000 characters long and was cut to 2,000',
      'the URL was 3,014 characters long, over the limit of 2,000, and was left out',
      'the date was 3,000 characters long, over the limit of 2,000, and was left out',
    ]);
  });

  it('returns metadata within the limits unchanged', () => {
    const m = { title: 'A title', author: null, url: 'https://example.org/a' };
    expect(boundMetadata(m)).toEqual(m);
  });
});

describe('size ceilings', () => {
  it('refuses bodies over MAX_BODY_CHARS and text files that cannot fit, naming the file', () => {
    expect(() => checkBodyLength(MAX_BODY_CHARS, 'a.txt')).not.toThrow();
    expect(() => checkBodyLength(MAX_BODY_CHARS + 1, 'a.txt')).toThrow(ImportError);
    expect(() => checkBodyLength(MAX_BODY_CHARS + 1, 'a.txt')).toThrow(/^a\.txt: the text is 50,000,001 characters long, over the limit of 50,000,000/);
    expect(() => checkTextFileSize(MAX_TEXT_FILE_BYTES + 1, 'b.md', 'md')).toThrow(/^b\.md: the file is 150 MB; Quarry reads text files of at most 150 MB/);
    // Containers are judged by what they hold, not by their size.
    expect(() => checkTextFileSize(MAX_TEXT_FILE_BYTES + 1, 'c.pdf', 'pdf')).not.toThrow();
  });
});

/** A text over a MiB with the cases the streaming path must get right: chunk edges, CJK, final sigma, NFKC, apostrophes. */
function longMixedText(): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 2_500_000; i++) {
    const p = `Paragraph ${i}: Japan’s ${i % 7} ΟΔΟΣ ΟΔΟΣ ﬁnal café\u0301 東京都の会議 ${'x'.repeat(i % 50)}${i % 3 === 0 ? '\n\n' : ' '}`;
    parts.push(p);
    length += p.length;
  }
  return parts.join('') + 'a'.repeat(1_200_000); // and a "word" longer than a chunk, at the end
}

describe('fingerprints in bounded memory', () => {
  const long = longMixedText();

  it('minhashSignature streams to exactly the signature of the collected shingles', () => {
    for (const text of ['', 'one', 'two words only', 'one two three four five six seven', long]) {
      expect(Array.from(minhashSignature(text))).toEqual(Array.from(minhashOf(shingles(text))));
    }
  });

  it('countWordsOf counts what db/util countWords counts', () => {
    for (const text of ['', 'Japan’s rare-earth policy, 2025: 90% 東京 ok', long]) expect(countWordsOf(text)).toBe(countWords(text));
  });
});
