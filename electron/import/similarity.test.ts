import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCuts } from './clutter';
import {
  MINHASH_SIZE,
  NEAR_DUPLICATE_THRESHOLD,
  bufferToSignature,
  estimateJaccard,
  isNearDuplicate,
  jaccard,
  minhashSignature,
  shingles,
  signatureToBuffer,
  tokens,
} from './similarity';
import { parsePlainText } from './text';
import { corpusArticles } from '../../test/helpers/corpus';
import { describeIfShared, SHARED_CORPUS_DIR, sharedCorpusFiles } from '../../test/helpers/shared';

interface Sample {
  file: string;
  raw: string;
  clean: string;
}

/** The project corpus, parsed as the importer does, with and without its proposed cuts. */
const projectArticles: Sample[] = corpusArticles().map((a) => ({ file: a.name, raw: a.body, clean: applyCuts(a.body, a.cuts) }));

/** The five real articles in ../shared/corpus (read when a test asks: the set is skipped without them). */
function realArticles(): Sample[] {
  return sharedCorpusFiles().map((file) => {
    const parsed = parsePlainText({ bytes: readFileSync(path.join(SHARED_CORPUS_DIR, file)), fileName: file, format: 'txt' });
    return { file, raw: parsed.body, clean: applyCuts(parsed.body, parsed.cuts) };
  });
}

const find = (articles: Sample[], prefix: string) => articles.find((a) => a.file.startsWith(prefix))!;

/** The same story re-published with a new opening paragraph under the same headline. */
function withNewIntro(body: string): string {
  const paragraphs = body.split('\n\n');
  const intro =
    'In a story first published elsewhere, officials said this week that the plans described below would be put to a public consultation before any money is spent, according to people who briefed reporters on condition of anonymity.';
  return [paragraphs[0], intro, ...paragraphs.slice(2)].join('\n\n');
}

const both = (a: string, b: string) => ({
  exact: jaccard(shingles(a), shingles(b)),
  estimate: estimateJaccard(minhashSignature(a), minhashSignature(b)),
});

describe('tokens and shingles', () => {
  it('ignore case, punctuation and apostrophes', () => {
    expect(tokens('Japan’s PM — “seeks” 90% of U.S. supply!')).toEqual(['japans', 'pm', 'seeks', '90', 'of', 'u', 's', 'supply']);
    expect(shingles('Japan’s PM, seeks US partnership on rare earths')).toEqual(shingles('japans pm seeks us partnership on RARE EARTHS.'));
  });

  it('count word order', () => {
    expect(shingles('a b c d e', 5)).not.toEqual(shingles('e d c b a', 5));
    expect(shingles('one two three four five six', 5).size).toBe(2);
    expect(shingles('one two three four five six', 2).size).toBe(5);
  });

  it('give short texts one shingle and empty texts none', () => {
    expect(shingles('rare earths').size).toBe(1);
    expect(shingles(' — … ').size).toBe(0);
    expect(() => shingles('x', 0)).toThrow(RangeError);
  });

  it('split Japanese into characters, which have no spaces between words', () => {
    const ja = '文明が発展すればするほど、必要とされる鉱物は深く地中に潜る。';
    expect(shingles(ja).size).toBeGreaterThan(20);
    expect(jaccard(shingles(ja), shingles(`${ja}人間の欲望もまた。`))).toBeGreaterThan(0.7);
  });
});

describe('jaccard', () => {
  it('computes |A∩B| / |A∪B|', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBe(0.5);
    expect(jaccard(new Set([1]), new Set([1]))).toBe(1);
    expect(jaccard(new Set([1]), new Set([2]))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

/** The near-duplicate checks, on a set of articles: `republished` names three by prefix, `pair` two different ones. */
function nearDuplicateChecks(load: () => Sample[], republished: string[], pair: [string, string]): void {
  it('flags a re-published story with a changed intro paragraph', () => {
    const articles = load();
    for (const name of republished) {
      const { clean } = find(articles, name);
      const { exact, estimate } = both(clean, withNewIntro(clean));
      expect(exact, name).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
      expect(estimate, name).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
      expect(isNearDuplicate(minhashSignature(clean), minhashSignature(withNewIntro(clean)))).toBe(true);
    }
  });

  it('flags the same story pasted with and without its page clutter', () => {
    for (const { file, raw, clean } of load()) {
      expect(both(raw, clean).estimate, file).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    }
  });

  it('scores different articles below 0.3', () => {
    const articles = load();
    for (let i = 0; i < articles.length; i++) {
      for (let j = i + 1; j < articles.length; j++) {
        const { exact, estimate } = both(articles[i].clean, articles[j].clean);
        expect(exact, `${articles[i].file} / ${articles[j].file}`).toBeLessThan(0.3);
        expect(estimate, `${articles[i].file} / ${articles[j].file}`).toBeLessThan(0.3);
      }
    }
  });

  it('estimates Jaccard within ±0.1 across a range of similarities', () => {
    const articles = load();
    const pairs: [string, string][] = [];
    for (const { clean, raw } of articles) {
      const paragraphs = clean.split('\n\n');
      pairs.push([clean, raw]);
      pairs.push([clean, withNewIntro(clean)]);
      pairs.push([clean, paragraphs.slice(0, Math.ceil(paragraphs.length * 0.6)).join('\n\n')]);
      pairs.push([clean, paragraphs.filter((_, i) => i % 3 !== 1).join('\n\n')]);
    }
    pairs.push([find(articles, pair[0]).clean, find(articles, pair[1]).clean]);
    const exacts = pairs.map(([a, b]) => both(a, b).exact);
    // The pairs must span the scale, or the check would prove little.
    expect(Math.min(...exacts)).toBeLessThan(0.1);
    expect(exacts.some((x) => x > 0.35 && x < 0.65)).toBe(true);
    for (const [a, b] of pairs) {
      const { exact, estimate } = both(a, b);
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.1);
    }
  });
}

describe('near-duplicates on the project corpus', () => {
  nearDuplicateChecks(() => projectArticles, ['rare-earth-recycling', 'port-strike', 'river-basin'], ['city-budget', 'rare-earth-recycling']);
});

describeIfShared('corpus', 'near-duplicates on the real articles in ../shared/corpus', () => {
  nearDuplicateChecks(realArticles, ['takaichi', 'japan-rare', 'us-japan'], ['takaichi', 'japan-rare']);
});

describe('signatures', () => {
  it('have a fixed size and are deterministic', () => {
    const text = find(projectArticles, 'grain-corridor').clean;
    const sig = minhashSignature(text);
    expect(sig).toHaveLength(MINHASH_SIZE);
    expect(minhashSignature(text)).toEqual(sig);
    expect(estimateJaccard(sig, sig)).toBe(1);
  });

  it('round-trip through a little-endian BLOB', () => {
    const sig = minhashSignature(find(projectArticles, 'desalination').clean);
    const buf = signatureToBuffer(sig);
    expect(buf.byteLength).toBe(MINHASH_SIZE * 4);
    expect(buf.readUInt32LE(4)).toBe(sig[1]);
    expect(bufferToSignature(buf)).toEqual(sig);
    // A view into a larger buffer, as SQLite drivers may hand back.
    const padded = Buffer.concat([Buffer.from([9, 9, 9]), buf]);
    expect(bufferToSignature(padded.subarray(3))).toEqual(sig);
  });

  it('refuse mismatched lengths', () => {
    expect(() => bufferToSignature(new Uint8Array(12))).toThrow(RangeError);
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8))).toThrow(RangeError);
  });

  it('do not call two empty texts duplicates', () => {
    expect(estimateJaccard(minhashSignature(''), minhashSignature('...'))).toBe(0);
  });
});
