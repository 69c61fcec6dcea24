// The memo preview: renderMemoHtml, split into top-level blocks, each block
// sanitised with the one DOMPurify policy (sanitizeMemoHtml + DOMPurify(window)).
//
// Why blocks: a 20,000-word memo renders to ~350 KB of HTML. Sanitising and
// re-parsing all of it on every keystroke would blow the 50 ms budget, while a
// keystroke changes one block. So each block's sanitised HTML is cached by its
// content, and the view (MemoPreview) keys blocks by content, so React leaves
// unchanged blocks' DOM alone. The block's source line (data-line) is taken out of
// the cached HTML and put on the block's wrapper, so a line inserted above does not
// invalidate every block below.
//
// Safety: every string that reaches the DOM went through sanitizeMemoHtml. Each
// sanitised block is serialised by DOMPurify from a DOM, hence well-formed, and a
// concatenation of well-formed fragments cannot form new markup.
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { renderMemoHtml, type RenderResult } from '../memo/render';
import type { PassageLookup, ThemeLookup } from '../memo/resolve';
import { sanitizeMemoHtml } from '../memo/sanitize';

export interface PreviewBlock {
  /** Stable across renders for identical content (React key). */
  key: string;
  /** 1-based source line of the block (null for the footnotes). */
  line: number | null;
  /** SANITISED HTML of the block (without its data-line). */
  html: string;
}

export interface PreviewResult {
  blocks: PreviewBlock[];
  footnotes: RenderResult['footnotes'];
  broken: RenderResult['broken'];
}

let purify: DOMPurify | null = null;
function browserPurify(): DOMPurify {
  purify ??= createDOMPurify(window);
  return purify;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 4000;

/** Sanitise one block, memoised by its exact unsanitised HTML. */
function sanitizeBlock(html: string): string {
  let out = cache.get(html);
  if (out === undefined) {
    out = sanitizeMemoHtml(html, browserPurify());
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(html, out);
  }
  return out;
}

// A top-level block starts a line with a tag carrying data-line (markdown-it escapes
// raw HTML, and code is escaped, so "<" at a line start is always our own markup);
// the footnotes section starts with its own tag.
const BLOCK_START = /^(?:<[a-z][a-z0-9]*\b[^>\n]*?\sdata-line="\d+"|<section class="footnotes">)/gm;
const LINE_ATTR = /\sdata-line="(\d+)"/;

/** FNV-1a, 32-bit: a cheap content hash for React keys. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + s.length.toString(36);
}

/** Split renderMemoHtml's output into top-level blocks (unsanitised, data-line taken out). */
export function splitBlocks(html: string): { line: number | null; html: string }[] {
  const starts: number[] = [];
  BLOCK_START.lastIndex = 0;
  for (let m = BLOCK_START.exec(html); m; m = BLOCK_START.exec(html)) starts.push(m.index);
  if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
  const out: { line: number | null; html: string }[] = [];
  for (let i = 0; i < starts.length; i++) {
    let chunk = html.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : html.length);
    if (!chunk.trim()) continue;
    const firstTagEnd = chunk.indexOf('>');
    const m = LINE_ATTR.exec(chunk.slice(0, firstTagEnd + 1));
    let line: number | null = null;
    if (m) {
      line = Number(m[1]);
      chunk = chunk.slice(0, m.index) + chunk.slice(m.index + m[0].length);
    }
    out.push({ line, html: chunk });
  }
  return out;
}

export function renderPreview(markdown: string, lookup: PassageLookup, themes: ThemeLookup): PreviewResult {
  const r = renderMemoHtml(markdown, lookup, { themes });
  const seen = new Map<string, number>();
  const blocks = splitBlocks(r.html).map((b) => {
    const h = hash(b.html);
    const n = seen.get(h) ?? 0;
    seen.set(h, n + 1);
    return { key: `${h}:${n}`, line: b.line, html: sanitizeBlock(b.html) };
  });
  return { blocks, footnotes: r.footnotes, broken: r.broken };
}
