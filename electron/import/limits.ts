// The hard limits on what one imported article may hold, for every way in
// (files of each format, pasted text, REFI-QDA projects). They exist so that
// what Quarry stores it can also index, export and read back; the size cap a
// user may raise (--max-size, Settings) never raises these.
import { ImportError } from './types';

/**
 * Most UTF-16 code units one article body may hold: 50 million, about 50 MB of
 * English text or 8 million words, some thirty long novels; the same figure
 * the articles.importText contract allows for pasted text. Longer texts are
 * not one article, and every character is held several times over while it
 * is parsed, fingerprinted and indexed (bench/import-memory has the figures).
 */
export const MAX_BODY_CHARS = 50_000_000;

/**
 * The largest text-like file (txt, md, html, csv, jsonl) worth reading at all.
 * A UTF-8 code unit takes at most 3 bytes, so a file above 3 x MAX_BODY_CHARS
 * cannot fit in one article whatever its script; it is refused from its size
 * alone, before a byte is read. Batch files (CSV/JSONL) share the ceiling: the
 * whole file is one string while its rows are parsed.
 */
export const MAX_TEXT_FILE_BYTES = 3 * MAX_BODY_CHARS;

/** Most characters of an article title; the same figure the articles.update contract enforces. */
export const MAX_TITLE_CHARS = 2000;

/** Most characters of the other metadata fields (author, source, url, language, date): the contract's limit too. */
export const MAX_METADATA_CHARS = 2000;

/** Formats whose file is the text itself (or a markup of it): the text ceiling applies to the file size. */
const TEXT_LIKE = new Set(['txt', 'text', 'md', 'markdown', 'html', 'htm', 'xhtml', 'csv', 'tsv', 'jsonl', 'ndjson', '']);

export function isTextLike(ext: string): boolean {
  return TEXT_LIKE.has(ext.toLowerCase());
}

const million = (n: number): string => String(Math.round(n / 1e5) / 10);

/** Refuses a text-like file that is too large to be read, from its size alone. */
export function checkTextFileSize(bytes: number, fileName: string, ext: string): void {
  if (!isTextLike(ext) || bytes <= MAX_TEXT_FILE_BYTES) return;
  throw new ImportError(
    fileName,
    'too-large',
    `the file is ${million(bytes)} MB; Quarry reads text files of at most ${million(MAX_TEXT_FILE_BYTES)} MB ` +
      `(one article holds at most ${million(MAX_BODY_CHARS)} million characters), whatever --max-size says; split the file into parts and import those`,
  );
}

/** Refuses a body (or a decoded text on its way to becoming one) over MAX_BODY_CHARS. */
export function checkBodyLength(length: number, fileName: string, what = 'the text'): void {
  if (length <= MAX_BODY_CHARS) return;
  throw new ImportError(
    fileName,
    'too-large',
    `${what} is ${length.toLocaleString('en')} characters long, over the limit of ${MAX_BODY_CHARS.toLocaleString('en')} characters for one article; split it into parts and import those`,
  );
}

/**
 * Cuts `s` to at most `max` UTF-16 code units, ending with "…", at a grapheme
 * boundary (never inside a surrogate pair, a combining sequence, a flag or an
 * emoji ZWJ sequence). Only the first `max` + some characters are segmented,
 * so a 1 MB title costs no more than a short one.
 */
export function truncateAtGrapheme(s: string, max: number): string {
  if (s.length <= max) return s;
  const room = max - 1; // the ellipsis
  const head = s.slice(0, room + 64); // one grapheme is rarely longer than a few code units; 64 is ample
  let end = 0;
  for (const { index, segment } of graphemes().segment(head)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${s.slice(0, end).trimEnd()}…`;
}

let segmenter: Intl.Segmenter | null = null;
const graphemes = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

export interface BoundedMetadata {
  title?: string | null;
  author?: string | null;
  source?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  language?: string | null;
}

/**
 * The one place article metadata is held to its limits, whatever the format
 * it came from. Titles and names are truncated (an analyst would rather have
 * the start of a 1 MB <title> than lose the article); a warning says so.
 * A URL or date cut short would be wrong rather than short, so those are dropped.
 */
export function boundMetadata<T extends BoundedMetadata>(m: T, warnings?: string[]): T {
  const out = { ...m };
  const cut = (key: 'title' | 'author' | 'source' | 'language', max: number): void => {
    const v = out[key];
    if (typeof v !== 'string' || v.length <= max) return;
    out[key] = truncateAtGrapheme(v, max) as T[typeof key];
    warnings?.push(`the ${key} was ${v.length.toLocaleString('en')} characters long and was cut to ${max.toLocaleString('en')}`);
  };
  cut('title', MAX_TITLE_CHARS);
  cut('author', MAX_METADATA_CHARS);
  cut('source', MAX_METADATA_CHARS);
  cut('language', MAX_METADATA_CHARS);
  for (const key of ['url', 'publishedAt'] as const) {
    const v = out[key];
    if (typeof v !== 'string' || v.length <= MAX_METADATA_CHARS) continue;
    warnings?.push(`the ${key === 'url' ? 'URL' : 'date'} was ${v.length.toLocaleString('en')} characters long, over the limit of ${MAX_METADATA_CHARS.toLocaleString('en')}, and was left out`);
    out[key] = null as T[typeof key];
  }
  return out;
}
