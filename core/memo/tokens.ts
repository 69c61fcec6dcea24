// Long (~510 lines): one linear scanner (parseCitationTokens) plus the CommonMark block tests it needs,
// kept together so the agreement with markdown-it is checked in one place. What would split it: the
// line-shape predicates (isAtxHeading, openingFence, listMarkerEnd, ...) into a blocks.ts of their own.
// Finds citation tokens in a memo's Markdown without building a Markdown tree.
//
// Why not just ask markdown-it? The editor calls this on every keystroke (squiggles,
// hover cards, the "broken citations" list), and it needs source offsets, which
// markdown-it's inline tokens do not carry. So this is a single linear pass that
// knows just enough CommonMark to agree with markdown-it about what is code:
// fenced blocks (``` and ~~~, inside block quotes and list items too), indented
// blocks (4+ columns past the enclosing list item, not continuing a paragraph)
// and inline code spans (matching backtick runs within one paragraph).
// Backslash escapes are honoured the same way markdown-it does: `\[[hl:x]]` is text.

import { isBlankRange, matchTokenAt, type TokenKind } from './syntax';

export type { TokenKind } from './syntax';

export interface CitationToken {
  kind: TokenKind;
  /** Lower-cased UID (GUIDs are case-insensitive). */
  uid: string;
  /** UTF-16 offset of the token's first character ('[', '!' or '#') in the Markdown. */
  start: number;
  /** UTF-16 offset just past the closing "]]". */
  end: number;
  /** 1-based line (Monaco's convention). */
  line: number;
  /** 1-based column in UTF-16 code units (Monaco's convention). */
  column: number;
  /** Only for embeds: alone on its line (after any `>` / list marker), so rendered as a block quote. */
  block: boolean;
}

/** The name the brief uses; kept as an alias so renderer code can say `Token`. */
export type Token = CitationToken;

interface Fence {
  ch: number; // ` or ~
  len: number;
  depth: number; // block quote depth it opened in: fewer '>' closes it
  rel: number; // content column of its list item, relative to the quote's content (0 outside lists)
}

interface ListItem {
  rel: number; // content column, relative to the content start of its block quote
  depth: number; // block quote depth the item was opened at
}

/** The container shape of one line. Columns count tabs to multiples of 4, as CommonMark does. */
interface LineShape {
  quoteDepth: number;
  gtCols: number[]; // column of each '>'
  contentCols: number[]; // [0, content column after the 1st '>', after the 2nd, ...]
  indentCol: number; // column of the first non-space character after the '>' markers
}

const TAB = 0x09;
const SPACE = 0x20;
const GT = 0x3e;
const BACKTICK = 0x60;
const TILDE = 0x7e;
const BACKSLASH = 0x5c;
const HASH = 0x23;
const BANG = 0x21;
const OPEN = 0x5b;

function isAsciiPunct(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

export function parseCitationTokens(markdown: string): CitationToken[] {
  const src = markdown;
  const out: CitationToken[] = [];
  // Most paragraphs of most memos have no token at all: bail out before any work.
  if (src.indexOf('[[') === -1) return out;

  const n = src.length;
  const lineStarts: number[] = [];
  let fence: Fence | null = null;
  const lists: ListItem[] = []; // open list items, innermost last
  let emptyItem = 0; // lists.length right after an item opened on a blank line (0: none)
  let prevPara = false; // previous line was paragraph text (so the next may continue it)
  let paraDepth = 0; // block quote depth the current paragraph started at
  let paraItemRel = 0; // relative content column of the list item it started in (0: none)
  let segStart = -1; // current paragraph's [segStart, segEnd) for inline scanning
  let segEnd = -1;
  const line: LineShape = { quoteDepth: 0, gtCols: [], contentCols: [0], indentCol: 0 };

  // Next "[[" at or after a position, cached so paragraphs without tokens cost O(1)
  // (an indexOf per paragraph would rescan the rest of the memo each time: quadratic).
  let nextOpen = src.indexOf('[[');
  const scan = (s: number, e: number, oneLineBlock: boolean): void => {
    if (nextOpen !== -1 && nextOpen < s) nextOpen = src.indexOf('[[', s);
    if (nextOpen === -1 || nextOpen >= e) return;
    scanInline(src, s, e, out, oneLineBlock);
  };
  const flush = (): void => {
    if (segStart >= 0) scan(segStart, segEnd, false);
    segStart = -1;
  };

  for (let pos = 0; pos <= n; ) {
    let eol = src.indexOf('\n', pos);
    if (eol === -1) eol = n;
    lineStarts.push(pos);
    const ws = readContainers(src, pos, eol, line);
    const { quoteDepth, indentCol } = line;
    const containerCol = line.contentCols[quoteDepth];
    const blank = isBlankRange(src, ws, eol);
    const next = eol + 1;

    if (fence) {
      const f: Fence = fence;
      const left = quoteDepth < f.depth || (f.rel > 0 && (!blank || quoteDepth > f.depth) && relAt(line, f.depth) < f.rel);
      if (!left) {
        // Extra '>' beyond the fence's own depth are code content, never a closing fence.
        const rel = indentCol - line.contentCols[f.depth] - f.rel;
        if (quoteDepth === f.depth && !blank && rel < 4 && isClosingFence(src, ws, eol, f)) fence = null;
        pos = next;
        continue;
      }
      fence = null; // its container ended; this line is ordinary again
    }

    // More '>' than the open paragraph has starts a new block quote (fewer may be lazy).
    if (prevPara && quoteDepth > paraDepth) {
      flush();
      prevPara = false;
    }

    if (blank) {
      flush();
      prevPara = false;
      // An item that opened on a blank line and meets another blank line is empty and over.
      if (emptyItem) lists.length = emptyItem - 1;
      // A blank line keeps list items open, but not those of a block quote it is outside of.
      popLists(lists, line, true);
      emptyItem = 0;
      pos = next;
      continue;
    }
    emptyItem = 0;

    if (!prevPara) popLists(lists, line);
    const lineRel = indentCol - containerCol;
    const inner = innermostItem(lists, quoteDepth);
    const enclosing = enclosingItem(lists, quoteDepth, lineRel);
    const base = containerCol + (enclosing ? enclosing.rel : 0);

    if (indentCol - base >= 4) {
      // Indented: code, unless it continues a paragraph (then it is just text).
      if (prevPara) segEnd = eol;
      else flush();
      pos = next;
      continue;
    }

    if (
      isThematicBreak(src, ws, eol) ||
      // "===" / "---" under a paragraph in the same container ends it (a setext heading);
      // as a lazy line from outside the container it is just more text.
      (prevPara && quoteDepth === paraDepth && lineRel >= paraItemRel && isSetextUnderline(src, ws, eol))
    ) {
      flush();
      popLists(lists, line);
      prevPara = false;
      pos = next;
      continue;
    }

    // Like markdown-it: a marker "interrupts a paragraph" (and so must be "1." and have
    // content) only inside the paragraph's own item; less indented, it starts a sibling.
    // A lazy line from inside a block quote is judged by the quote, where any marker ends it.
    const interrupting = prevPara && quoteDepth >= paraDepth && lineRel >= (inner ? inner.rel : 0);
    let content = ws;
    const marker = listMarkerEnd(src, ws, eol, interrupting);
    if (marker >= 0) {
      flush();
      prevPara = false;
      popLists(lists, line);
      const opened = openItems(src, ws, marker, eol, indentCol, containerCol, quoteDepth, lists);
      content = opened.content;
      if (opened.blank) {
        emptyItem = lists.length;
        pos = next;
        continue; // nothing to scan, and the next line cannot continue a paragraph
      }
    }

    const fenceOpen = openingFence(src, content, eol);
    const oneLineBlock =
      !fenceOpen && (isAtxHeading(src, content, eol) || isBlockEmbed(src, marker >= 0 ? skipContainers(src, content, eol) : content, eol));
    // A block start (unlike lazy paragraph text) ends the list items it is not indented into.
    if (marker < 0 && (fenceOpen || oneLineBlock)) popLists(lists, line);

    if (fenceOpen) {
      flush();
      const item = innermostItem(lists, quoteDepth);
      fence = { ch: fenceOpen.ch, len: fenceOpen.len, depth: quoteDepth, rel: item ? item.rel : 0 };
      prevPara = false;
    } else if (oneLineBlock) {
      // One-line blocks: code spans cannot reach into or out of them.
      flush();
      scan(pos, eol, true);
      prevPara = false;
    } else {
      if (segStart < 0) {
        segStart = pos;
        paraDepth = quoteDepth;
        const item = innermostItem(lists, quoteDepth);
        paraItemRel = item ? item.rel : 0;
      }
      segEnd = eol;
      prevPara = true;
    }
    pos = next;
  }
  flush();

  // Line/column by walking line starts alongside the (already ordered) tokens: linear.
  let li = 0;
  for (const t of out) {
    while (li + 1 < lineStarts.length && lineStarts[li + 1] <= t.start) li++;
    t.line = li + 1;
    t.column = t.start - lineStarts[li] + 1;
  }
  return out;
}

/**
 * Reads block quote markers (up to 3 spaces, '>', one optional space; repeated) and
 * the indentation after them into `line`; returns the offset of the first non-space.
 */
function readContainers(src: string, pos: number, eol: number, line: LineShape): number {
  let p = pos;
  let col = 0;
  line.quoteDepth = 0;
  line.gtCols.length = 0;
  line.contentCols.length = 1;
  for (;;) {
    let q = p;
    let c = col;
    while (q < eol && src.charCodeAt(q) === SPACE && c - col < 3) {
      q++;
      c++;
    }
    if (q >= eol || src.charCodeAt(q) !== GT) break;
    line.gtCols.push(c);
    line.quoteDepth++;
    q++;
    c++;
    if (q < eol && src.charCodeAt(q) === SPACE) {
      q++;
      c++;
    }
    line.contentCols.push(c);
    p = q;
    col = c;
  }
  while (p < eol) {
    const c = src.charCodeAt(p);
    if (c === SPACE) col++;
    else if (c === TAB) col += 4 - (col % 4);
    else break;
    p++;
  }
  line.indentCol = col;
  return p;
}

/** Pushes the item(s) a line opens ("- - x" opens two); returns where the content starts. */
function openItems(
  src: string,
  ws: number,
  marker: number,
  eol: number,
  indentCol: number,
  containerCol: number,
  depth: number,
  lists: ListItem[],
): { content: number; blank: boolean } {
  let m = marker;
  let markerStart = ws;
  let markerCol = indentCol;
  for (;;) {
    const markerEndCol = markerCol + (m - markerStart);
    let q = m;
    let c = markerEndCol;
    while (q < eol) {
      const ch = src.charCodeAt(q);
      if (ch === SPACE) c++;
      else if (ch === TAB) c += 4 - (c % 4);
      else break;
      q++;
    }
    const blank = isBlankRange(src, q, eol);
    // Blank item start or 5+ columns of space: content sits one column after the marker.
    const wide = c - markerEndCol > 4;
    lists.push({ rel: (blank || wide ? markerEndCol + 1 : c) - containerCol, depth });
    if (blank || wide || isThematicBreak(src, q, eol)) return { content: q, blank };
    const nested = listMarkerEnd(src, q, eol, false);
    if (nested < 0) return { content: q, blank: false };
    markerStart = q;
    markerCol = c;
    m = nested;
  }
}

/** Where this line's content starts, relative to the content of the quote at `depth`: the next '>' or the text. */
function relAt(line: LineShape, depth: number): number {
  return (line.quoteDepth > depth ? line.gtCols[depth] : line.indentCol) - line.contentCols[depth];
}

/**
 * Closes the list items this line is not inside: items in a block quote the line left,
 * and items whose content column is right of where the line's content (or, for an
 * item outside a block quote this line opens, that quote's '>') starts.
 */
function popLists(lists: ListItem[], line: LineShape, blank = false): void {
  while (lists.length) {
    const item = lists[lists.length - 1];
    if (line.quoteDepth < item.depth) lists.pop();
    else if ((!blank || line.quoteDepth > item.depth) && item.rel > relAt(line, item.depth)) lists.pop();
    else break;
  }
}

function innermostItem(lists: readonly ListItem[], depth: number): ListItem | null {
  const item = lists[lists.length - 1];
  return item && item.depth === depth ? item : null;
}

/** The innermost item (in this quote) the line is indented into, for lines that may be lazy. */
function enclosingItem(lists: readonly ListItem[], depth: number, lineRel: number): ListItem | null {
  for (let i = lists.length - 1; i >= 0 && lists[i].depth === depth; i--) if (lists[i].rel <= lineRel) return lists[i];
  return null;
}

/** Scans one paragraph (or one-line block) for tokens, skipping code spans and escapes. */
function scanInline(src: string, s: number, e: number, out: CitationToken[], oneLineBlock: boolean): void {
  let runs: Map<number, { at: number[]; next: number }> | null = null;
  let escapedAt = -1;
  let i = s;
  while (i < e) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 < e && isAsciiPunct(src.charCodeAt(i + 1))) {
        escapedAt = i + 1;
        i += 2;
      } else i++;
      continue;
    }
    if (c === BACKTICK) {
      let j = i;
      while (j < e && src.charCodeAt(j) === BACKTICK) j++;
      runs ??= backtickRuns(src, s, e);
      const closer = nextRun(runs, j - i, j);
      i = closer >= 0 ? closer + (j - i) : j;
      continue;
    }
    if (c === OPEN && src.charCodeAt(i + 1) === OPEN) {
      let m = null;
      let start = i;
      const prev = i > s ? src.charCodeAt(i - 1) : -1;
      if ((prev === BANG || prev === HASH) && escapedAt !== i - 1) {
        m = matchTokenAt(src, i - 1, e);
        if (m) start = i - 1;
      }
      if (!m) m = matchTokenAt(src, i, e);
      if (m) {
        out.push({
          kind: m.kind,
          uid: m.uid,
          start,
          end: m.end,
          line: 0,
          column: 0,
          block: oneLineBlock && m.kind === 'embed' && isBlankRange(src, m.end, e) && isContainerPrefix(src, s, start),
        });
        i = m.end;
        continue;
      }
    }
    i++;
  }
}

/** All maximal backtick runs of a paragraph, by length, so finding a closer is amortised O(1). */
function backtickRuns(src: string, s: number, e: number): Map<number, { at: number[]; next: number }> {
  const runs = new Map<number, { at: number[]; next: number }>();
  let i = s;
  while (i < e) {
    i = src.indexOf('`', i);
    if (i === -1 || i >= e) break;
    let j = i;
    while (j < e && src.charCodeAt(j) === BACKTICK) j++;
    let r = runs.get(j - i);
    if (!r) runs.set(j - i, (r = { at: [], next: 0 }));
    r.at.push(i);
    i = j;
  }
  return runs;
}

function nextRun(runs: Map<number, { at: number[]; next: number }>, len: number, from: number): number {
  const r = runs.get(len);
  if (!r) return -1;
  while (r.next < r.at.length && r.at[r.next] < from) r.next++;
  return r.next < r.at.length ? r.at[r.next] : -1;
}

/** Everything before the embed on its line is container syntax: spaces, '>' and list markers. */
function isContainerPrefix(src: string, from: number, to: number): boolean {
  const prefix = src.slice(from, to);
  return /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*$/.test(prefix);
}

/** Skips nested container markers ("> ", "- ", "1. ") that follow the first one, e.g. "1. > ". */
function skipContainers(src: string, p: number, eol: number): number {
  let q = p;
  for (;;) {
    while (q < eol && (src.charCodeAt(q) === SPACE || src.charCodeAt(q) === TAB)) q++;
    if (q < eol && src.charCodeAt(q) === GT) {
      q++;
      continue;
    }
    const m = listMarkerEnd(src, q, eol, false);
    if (m > q && m < eol) {
      q = m;
      continue;
    }
    return q;
  }
}

function isBlockEmbed(src: string, p: number, eol: number): boolean {
  if (src.charCodeAt(p) !== BANG) return false;
  const m = matchTokenAt(src, p, eol);
  return m !== null && m.kind === 'embed' && isBlankRange(src, m.end, eol);
}

function isAtxHeading(src: string, p: number, eol: number): boolean {
  let q = p;
  while (q < eol && q - p < 7 && src.charCodeAt(q) === HASH) q++;
  const level = q - p;
  if (level < 1 || level > 6) return false;
  return q === eol || src.charCodeAt(q) === SPACE || src.charCodeAt(q) === TAB || src.charCodeAt(q) === 0x0d;
}

function isSetextUnderline(src: string, p: number, eol: number): boolean {
  const ch = src.charCodeAt(p);
  if (ch !== 0x3d && ch !== 0x2d) return false; // = -
  let q = p;
  while (q < eol && src.charCodeAt(q) === ch) q++;
  return isBlankRange(src, q, eol);
}

function isThematicBreak(src: string, p: number, eol: number): boolean {
  const ch = src.charCodeAt(p);
  if (ch !== 0x2a && ch !== 0x2d && ch !== 0x5f) return false; // * - _
  let count = 0;
  for (let q = p; q < eol; q++) {
    const c = src.charCodeAt(q);
    if (c === ch) count++;
    else if (c !== SPACE && c !== TAB && c !== 0x0d) return false;
  }
  return count >= 3;
}

/**
 * If a list marker starts at p, the offset just past it; else -1.
 * Like CommonMark, a marker interrupting a paragraph must have content, and an
 * ordered one must be "1." -- so "2020. The year..." wrapped onto a new line is text.
 */
function listMarkerEnd(src: string, p: number, eol: number, interrupting: boolean): number {
  const c = src.charCodeAt(p);
  let q = p;
  if (c === 0x2d || c === 0x2b || c === 0x2a) {
    q = p + 1;
  } else {
    while (q < eol && q - p < 10 && src.charCodeAt(q) >= 0x30 && src.charCodeAt(q) <= 0x39) q++;
    if (q === p || q - p > 9) return -1;
    const d = src.charCodeAt(q);
    if (d !== 0x2e && d !== 0x29) return -1; // . )
    if (interrupting && src.slice(p, q) !== '1') return -1;
    q++;
  }
  if (q < eol) {
    const after = src.charCodeAt(q);
    if (after !== SPACE && after !== TAB) return -1;
  }
  if (interrupting && isBlankRange(src, q, eol)) return -1;
  return q;
}

function openingFence(src: string, p: number, eol: number): { ch: number; len: number } | null {
  const ch = src.charCodeAt(p);
  if (ch !== BACKTICK && ch !== TILDE) return null;
  let q = p;
  while (q < eol && src.charCodeAt(q) === ch) q++;
  const len = q - p;
  if (len < 3) return null;
  // A backtick fence's info string may not contain backticks (else it is inline code).
  if (ch === BACKTICK) for (let r = q; r < eol; r++) if (src.charCodeAt(r) === BACKTICK) return null;
  return { ch, len };
}

function isClosingFence(src: string, p: number, eol: number, fence: Fence): boolean {
  let q = p;
  while (q < eol && src.charCodeAt(q) === fence.ch) q++;
  return q - p >= fence.len && isBlankRange(src, q, eol);
}
