// Plain text, Markdown and pasted text -> ParsedArticle.
//
// Body rules (on top of normaliseText):
// - Paragraphs are separated by exactly one blank line.
// - Text copied from web pages often puts one paragraph per line with no blank
//   lines between. When single line breaks dominate and most of them follow a
//   finished sentence (or a line too long to be hard-wrapped), every non-empty
//   line becomes its own paragraph. Otherwise blank lines mark paragraphs and
//   single line breaks inside a paragraph stay (poetry, addresses, lists).
//   In line-per-paragraph text, consecutive list items ("- a", "• b", "1. c")
//   still form one paragraph.
// - Each line loses its trailing whitespace. A paragraph loses the indentation
//   all its lines share, and its first line loses any indentation left, so
//   "  • a\n  • b" becomes "• a\n• b" and nested indentation is kept relative.
// - Markdown keeps its source text (analysts highlight what they read, and the
//   reader shows text, not rendered HTML): only a YAML front matter block is
//   read into metadata and removed, and lines lose trailing whitespace (so a
//   two-space hard break becomes a plain line break). No dedent: indentation is
//   syntax in Markdown.
// Nothing else is rewritten; the title line stays in the body. Clutter is only
// proposed (`cuts`), never removed here.
import { ImportError, type ParseInput, type ParsedArticle, type ParsedMetadata } from './types';
import { decodeText, normaliseText } from './decode';
import { inspectArticle, parseDate } from './clutter';
import { checkBodyLength } from './limits';

export type PlainTextFormat = 'txt' | 'md' | 'paste';

export function parsePlainText(input: ParseInput & { format: PlainTextFormat }): ParsedArticle {
  const decoded = decodeText(input.bytes, input.fileName);
  // The file is the body here: refuse an overlong one before the paragraph
  // passes, each of which would copy it again.
  checkBodyLength(decoded.text.length, input.fileName);
  const warnings = [...decoded.warnings];
  let source = normaliseText(decoded.text);

  let declared: ParsedMetadata = {};
  if (input.format === 'md') {
    const fm = readFrontMatter(source);
    if (fm) {
      declared = fm.metadata;
      warnings.push(...fm.warnings);
      source = normaliseText(fm.rest);
    }
  }

  const body = input.format === 'md' ? blockParagraphs(source.split('\n'), false) : plainParagraphs(source);
  if (body === '') {
    throw new ImportError(input.fileName, 'no-text', 'the file has no text besides its front matter');
  }

  const { cuts, found } = inspectArticle(body, declared);
  const heading = input.format === 'md' ? markdownTitle(body) : null;
  const metadata: ParsedMetadata = {
    title: declared.title ?? heading ?? found.title ?? firstLineTitle(body),
    author: declared.author ?? found.author ?? null,
    source: declared.source ?? found.source ?? null,
    url: declared.url ?? found.url ?? null,
    publishedAt: declared.publishedAt ?? found.publishedAt ?? null,
    language: declared.language ?? null,
  };
  return { body, metadata, cuts, warnings };
}

// ---------------------------------------------------------------- paragraphs

function plainParagraphs(source: string): string {
  const lines = source.split('\n');
  if (!isLinePerParagraph(lines)) return blockParagraphs(lines, true);
  const out: string[] = [];
  let prevWasItem = false;
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      prevWasItem = false;
      continue;
    }
    // Consecutive list items stay one paragraph, as they were on the page.
    const item = LIST_ITEM.test(t);
    if (item && prevWasItem) out[out.length - 1] += `\n${t}`;
    else out.push(t);
    prevWasItem = item;
  }
  return out.join('\n\n');
}

const LIST_ITEM = /^(?:[•·▪◦‣●○■□➤►→*+-]|\d{1,3}[.)])\s/u;
const LIST_OR_INDENT = /^(?:\s|[•·▪◦‣●○■□➤►→*+-]\s|\d{1,3}[.)]\s)/u;

/** Single line breaks outnumber blank lines, and mostly end a sentence or a long line. */
function isLinePerParagraph(lines: string[]): boolean {
  let blank = 0;
  let single = 0;
  let paragraphLike = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') {
      blank++;
      continue;
    }
    const next = lines[i + 1];
    // Lists and indented continuations are single-spaced in either convention.
    if (next === undefined || next === '' || LIST_OR_INDENT.test(next)) continue;
    single++;
    const t = line.trimEnd();
    if (t.length > 120 || endsSentenceOrLabel(t)) paragraphLike++;
  }
  return single > blank && paragraphLike * 2 >= single;
}

function endsSentenceOrLabel(line: string): boolean {
  let end = line.length;
  while (end > 0 && `"'”’»)]`.includes(line[end - 1])) end--;
  return end > 0 && '.!?:。！？'.includes(line[end - 1]);
}

function blockParagraphs(lines: string[], dedent: boolean): string {
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    paragraphs.push(dedent ? dedentBlock(block) : block.join('\n'));
    block = [];
  };
  for (const line of lines) {
    if (line.trim() === '') flush();
    else block.push(line.trimEnd());
  }
  flush();
  return paragraphs.join('\n\n');
}

function dedentBlock(block: string[]): string {
  let common = /^[ \t]*/.exec(block[0])![0];
  for (const line of block) {
    let k = 0;
    while (k < common.length && k < line.length && line[k] === common[k]) k++;
    common = common.slice(0, k);
    if (common === '') break;
  }
  const out = block.map((line) => line.slice(common.length));
  out[0] = out[0].trimStart();
  return out.join('\n');
}

// ---------------------------------------------------------------- titles

function markdownTitle(body: string): string | null {
  const [first, second = ''] = body.split('\n', 2);
  const atx = /^#\s+(.+?)(?:\s+#+)?\s*$/.exec(first);
  if (atx) return atx[1];
  // Setext: "Title" underlined with "===".
  return /^=+\s*$/.test(second) ? first.trim() : null;
}

/** The first line, cut at a word boundary when it is a whole paragraph rather than a title. */
function firstLineTitle(body: string): string {
  const nl = body.indexOf('\n');
  const first = (nl < 0 ? body : body.slice(0, nl)).replace(/^#+\s+/, '').trim();
  if (first.length <= 120) return first;
  const space = first.lastIndexOf(' ', 100);
  return `${first.slice(0, space > 40 ? space : 100).replace(/[\s,;:]+$/, '')}…`;
}

// ---------------------------------------------------------------- front matter

interface FrontMatter {
  metadata: ParsedMetadata;
  rest: string;
  warnings: string[];
}

const KEYS: Record<string, keyof ParsedMetadata> = {
  title: 'title',
  author: 'author',
  authors: 'author',
  by: 'author',
  date: 'publishedAt',
  published: 'publishedAt',
  published_at: 'publishedAt',
  publishedat: 'publishedAt',
  pubdate: 'publishedAt',
  created: 'publishedAt',
  url: 'url',
  link: 'url',
  source_url: 'url',
  canonical_url: 'url',
  source: 'source',
  site: 'source',
  site_name: 'source',
  publication: 'source',
  publisher: 'source',
  outlet: 'source',
  lang: 'language',
  language: 'language',
};

const ISO_8601 = /^\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * A leading `---` ... `---` (or `...`) block of flat YAML `key: value` pairs.
 * Only the keys Quarry stores are read; lists ("- a" lines or [a, b]) are
 * joined with ", ". A leading `---` with no closing fence is a thematic break,
 * not front matter.
 */
function readFrontMatter(source: string): FrontMatter | null {
  if (!source.startsWith('---\n')) return null;
  const lines = source.split('\n');
  let close = -1;
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    if (lines[i] === '---' || lines[i] === '...') {
      close = i;
      break;
    }
  }
  if (close < 0) return null;

  const values = new Map<string, string>();
  let listKey: string | null = null;
  for (let i = 1; i < close; i++) {
    const line = lines[i];
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const prev = values.get(listKey);
      values.set(listKey, prev ? `${prev}, ${unquote(item[1])}` : unquote(item[1]));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].toLowerCase();
    listKey = kv[2].trim() === '' ? key : null;
    const inline = /^\[(.*)\]$/.exec(kv[2].trim());
    const value = inline ? inline[1].split(',').map(unquote).filter(Boolean).join(', ') : unquote(kv[2]);
    if (value !== '') values.set(key, value);
  }
  if (values.size === 0 && close > 1) return null;

  const metadata: ParsedMetadata = {};
  const warnings: string[] = [];
  for (const [key, value] of values) {
    const field = KEYS[key];
    if (!field || metadata[field]) continue;
    if (field === 'publishedAt') {
      const iso = ISO_8601.test(value) ? value.replace(' ', 'T') : parseDate(value);
      if (iso) metadata.publishedAt = iso;
      else warnings.push(`front matter ${key} "${value}" is not a recognisable date; ignored`);
    } else {
      metadata[field] = value;
    }
  }
  return { metadata, rest: lines.slice(close + 1).join('\n'), warnings };
}

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1).trim();
  }
  // Drop a trailing YAML comment, which needs whitespace before the #.
  const comment = v.search(/\s#/);
  return comment < 0 ? v : v.slice(0, comment).trimEnd();
}
