// Splitting renderMemoHtml's output into top-level blocks (see preview.ts for why).
// Pure string work, shared by the preview and the benchmark.

// A top-level block starts a line with a tag carrying data-line (markdown-it escapes
// raw HTML, and code is escaped, so "<" at a line start is always our own markup);
// the footnotes section starts with its own tag.
const BLOCK_START = /^(?:<[a-z][a-z0-9]*\b[^>\n]*?\sdata-line="\d+"|<section class="footnotes">)/gm;
const LINE_ATTR = /\sdata-line="(\d+)"/;

/** FNV-1a, 32-bit: a cheap content hash for React keys. */
export function hash(s: string): string {
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


export interface KeyedBlock {
  /** Content hash + occurrence: stable across renders for identical content. */
  key: string;
  line: number | null;
  /** UNSANITISED block HTML (without its data-line). */
  html: string;
}

/** splitBlocks + a React key per block. */
export function keyedBlocks(html: string): KeyedBlock[] {
  const seen = new Map<string, number>();
  return splitBlocks(html).map((b) => {
    const h = hash(b.html);
    const n = seen.get(h) ?? 0;
    seen.set(h, n + 1);
    return { key: `${h}:${n}`, line: b.line, html: b.html };
  });
}
