// PDF -> one ParsedArticle, via pdfjs-dist (legacy build, Node).
//
// pdfjs gives positioned text fragments, not paragraphs. We rebuild them:
// 1. Lines: fragments in content-stream order join the current line while their
//    baseline stays within half a font size; a big jump starts a new line.
//    Stream order (not a global sort by y) keeps two-column pages in reading
//    order when, as usual, each column is drawn in turn.
// 2. Running headers/footers: among the two top-most and two bottom-most lines
//    of each page, a text that repeats (digits ignored, so "Page 3 of 9"
//    matches "Page 4 of 9") on at least half the pages, and on 2 or more, is
//    dropped; a line there that is only a page number is always dropped.
// 3. Paragraphs: a new paragraph starts at a vertical gap > 1.5x the usual line
//    gap, a font-size change (headings), a line after a short line that ends a
//    sentence or precedes a capital/indented line, an indented first line, or a
//    bullet. Across a page or column break, a paragraph continues only when the
//    previous line ran to the right margin.
// 4. Hyphenation: "inter-" + "national" -> "international" only when the hyphen
//    ends the line and the next line starts lowercase (so "Franco-" + "German"
//    stays). Soft hyphens at line ends always go.
//
// Safety: isEvalSupported false (no Function() for fonts), no system fonts, no
// font faces, no network (data is passed in memory; standard fonts are read
// from node_modules). The input bytes are copied because pdfjs transfers
// (detaches) the buffer it is given.
import { createRequire } from 'node:module';
import path from 'node:path';
import { normaliseText } from './decode';
import { cleanValue, joinParagraphs } from './html-to-text';
import { ImportError, type ParsedArticle, type ParsedMetadata, type ParseInput } from './types';

export interface PdfOptions {
  /** Stop with ImportError 'too-large' when reading takes longer (checked between pages). Default 60 s. */
  timeLimitMs?: number;
  /** Refuse documents with more pages. Default 5,000. */
  maxPages?: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

function standardFontDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
}

/** One visual line of text on a page. */
export interface PdfLine {
  text: string;
  x: number;
  right: number;
  y: number; // baseline, PDF user space (grows upwards)
  size: number; // font size
  page: number; // 1-based
}

export async function parsePdf(input: ParseInput, options: PdfOptions = {}): Promise<ParsedArticle> {
  const { fileName } = input;
  const timeLimitMs = options.timeLimitMs ?? 60_000;
  const maxPages = options.maxPages ?? 5_000;
  if (input.bytes.length === 0) throw new ImportError(fileName, 'empty', 'the file is empty');
  const started = Date.now();

  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(input.bytes), // a copy: pdfjs detaches the buffer it gets
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: standardFontDir(),
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      throw mapPdfError(err, fileName);
    }
    if (doc.numPages > maxPages) {
      throw new ImportError(fileName, 'too-large', `has ${doc.numPages} pages, more than the limit of ${maxPages}`);
    }

    const pages: PdfLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started >= timeLimitMs) {
        throw new ImportError(
          fileName,
          'too-large',
          `reading took longer than ${Math.round(timeLimitMs / 1000)} s (stopped at page ${n} of ${doc.numPages}); split the PDF and import the parts`,
        );
      }
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push(itemsToLines(content.items, n));
        page.cleanup();
      } catch (err) {
        throw mapPdfError(err, fileName);
      }
    }

    const info = await readInfo(doc);
    const warnings: string[] = [];
    if (pages.every((p) => p.length === 0)) {
      throw new ImportError(fileName, 'no-text', 'has no text layer (scanned image?); run OCR first');
    }
    const kept = dropRunningLines(pages);
    const paragraphs = linesToParagraphs(kept);
    const body = normaliseText(joinParagraphs(paragraphs));
    if (body === '') throw new ImportError(fileName, 'no-text', 'has no text layer (scanned image?); run OCR first');
    const textPages = pages.filter((p) => p.length > 0).length;
    if (textPages < pages.length) {
      warnings.push(`${pages.length - textPages} of ${pages.length} pages have no text layer (scanned?); their content is missing`);
    }

    const metadata: ParsedMetadata = {
      ...info,
      title: info.title ?? headingTitle(kept, paragraphs),
    };
    return { body, metadata, cuts: [], warnings };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

function mapPdfError(err: unknown, fileName: string): ImportError {
  if (err instanceof ImportError) return err;
  const name = (err as { name?: string } | null)?.name ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') {
    return new ImportError(fileName, 'encrypted', 'is password-protected; remove the password and import again');
  }
  return new ImportError(fileName, 'corrupt', `is not a valid PDF (${message})`);
}

// ---- metadata ----------------------------------------------------------------------

async function readInfo(doc: { getMetadata(): Promise<{ info: unknown; metadata: unknown }> }): Promise<ParsedMetadata> {
  try {
    const { info, metadata } = await doc.getMetadata();
    const i = (info ?? {}) as Record<string, unknown>;
    const xmp = metadata as { get?(name: string): unknown } | null;
    const str = (v: unknown): string | null => (typeof v === 'string' ? cleanValue(v) : null);
    const xmpStr = (name: string): string | null => {
      const v = xmp?.get?.(name);
      return Array.isArray(v) ? str(v[0]) : str(v);
    };
    return {
      title: cleanPdfTitle(str(i.Title) ?? xmpStr('dc:title')),
      author: str(i.Author) ?? xmpStr('dc:creator'),
      publishedAt: pdfDateToIso(str(i.CreationDate)) ?? xmpStr('xmp:createdate'),
      language: str(i.Language),
    };
  } catch {
    return {};
  }
}

/**
 * Converters often put the source file name in Title ("Microsoft Word - report.docx",
 * "draft_v3.indd"): that is not a title, so the heading fallback gets its chance.
 */
function cleanPdfTitle(t: string | null): string | null {
  if (!t) return null;
  if (/^Microsoft (Word|PowerPoint|Excel) - /i.test(t) || /\.(docx?|pptx?|xlsx?|odt|rtf|txt|indd|tex|pdf)$/i.test(t)) return null;
  return /^(untitled|document\d*)$/i.test(t) ? null : t;
}

/** PDF date "D:20250312093000+01'00'" -> "2025-03-12T09:30:00+01:00"; partial dates stay partial. */
export function pdfDateToIso(raw: string | null): string | null {
  if (!raw) return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, tz] = m;
  if (!mo) return y;
  if (!d) return `${y}-${mo}`;
  if (!h) return `${y}-${mo}-${d}`;
  let zone = '';
  if (tz === 'Z') zone = 'Z';
  else if (tz) {
    const z = /^([+-])(\d{2})'?(\d{2})?/.exec(tz)!;
    zone = `${z[1]}${z[2]}:${z[3] ?? '00'}`;
  }
  return `${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s ?? '00'}${zone}`;
}

/** Without a Title: the first paragraph, when it is set larger than the body text. */
function headingTitle(lines: PdfLine[], paragraphs: string[]): string | null {
  const first = lines[0];
  if (!first || paragraphs.length === 0) return null;
  const body = bodyFontSize(lines);
  return first.size > body * 1.15 && paragraphs[0].length <= 200 ? paragraphs[0] : null;
}

// ---- fragments -> lines ----------------------------------------------------------------

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}

export function itemsToLines(items: readonly unknown[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let cur: PdfLine | null = null;
  for (const raw of items as RawItem[]) {
    if (typeof raw.str !== 'string' || !raw.transform) continue; // marked-content markers
    const t = raw.transform;
    const size = Math.hypot(t[2], t[3]) || raw.height || 1;
    const x = t[4];
    const y = t[5];
    const width = raw.width ?? 0;
    if (raw.str === '') continue;
    const sameLine = cur !== null && Math.abs(y - cur.y) <= 0.5 * Math.max(size, cur.size) && x >= cur.x - size;
    if (cur && sameLine) {
      const gap = x - cur.right;
      if (gap > 0.15 * size && !cur.text.endsWith(' ') && !raw.str.startsWith(' ')) cur.text += ' ';
      cur.text += raw.str;
      cur.right = Math.max(cur.right, x + width);
      cur.size = Math.max(cur.size, size);
    } else {
      cur = { text: raw.str, x, right: x + width, y, size, page };
      lines.push(cur);
    }
  }
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text !== '');
}

// ---- running headers and footers ---------------------------------------------------------

function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** "12", "- 12 -", "Page 12", "page 3 of 9", "3/9", "xii". */
function isPageNumber(text: string): boolean {
  const t = text.trim().toLowerCase();
  return /^[-–—\s]*(page\s*)?\d{1,5}(\s*(of|\/)\s*\d{1,5})?[-–—\s]*$/.test(t) || /^[ivxlcdm]{1,7}$/.test(t);
}

const EDGE_LINES = 2;

/**
 * Header/footer candidates of one page: up to two lines at the top and at the
 * bottom, each set off from the text block by a gap wider than the usual line
 * spacing. A body line that merely happens to end a page is not set off.
 */
function edgeLines(lines: PdfLine[], lineGap: number): PdfLine[] {
  const byY = [...lines].sort((a, b) => b.y - a.y);
  const out = new Set<PdfLine>();
  for (let i = 0; i < Math.min(EDGE_LINES, byY.length); i++) {
    const next = byY[i + 1];
    if (!next || byY[i].y - next.y > 1.4 * lineGap) for (let k = 0; k <= i; k++) out.add(byY[k]);
  }
  for (let i = 0; i < Math.min(EDGE_LINES, byY.length); i++) {
    const j = byY.length - 1 - i;
    const prev = byY[j - 1];
    if (!prev || prev.y - byY[j].y > 1.4 * lineGap) for (let k = j; k < byY.length; k++) out.add(byY[k]);
  }
  return [...out];
}

/** Median baseline distance between consecutive lines of the same page and size. */
function typicalLineGap(pages: PdfLine[][]): number {
  const gaps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (a.y > b.y && Math.abs(a.size - b.size) < 0.5) gaps.push(a.y - b.y);
    }
  }
  return median(gaps) || 14;
}

/** Same text at (about) the same height: a running header/footer, not a repeated sentence. */
function runningSlot(l: PdfLine): string {
  return `${Math.round(l.y / 4)}|${runningKey(l.text)}`;
}

export function dropRunningLines(pages: PdfLine[][]): PdfLine[] {
  const pagesWithSlot = new Map<string, Set<number>>();
  const note = (slot: string, page: number): void => {
    const set = pagesWithSlot.get(slot) ?? new Set<number>();
    set.add(page);
    pagesWithSlot.set(slot, set);
  };
  const lineGap = typicalLineGap(pages);
  const edgesOf = pages.map((lines) => new Set(edgeLines(lines, lineGap)));
  edgesOf.forEach((edges) => edges.forEach((l) => note(runningSlot(l), l.page)));
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  const repeats = (l: PdfLine): boolean => {
    // Count pages with this text at this height or one rounding step away.
    const key = runningKey(l.text);
    const row = Math.round(l.y / 4);
    const seen = new Set<number>();
    for (const r of [row - 1, row, row + 1]) for (const p of pagesWithSlot.get(`${r}|${key}`) ?? []) seen.add(p);
    return seen.size >= threshold;
  };
  const out: PdfLine[] = [];
  pages.forEach((lines, i) => {
    const edges = edgesOf[i];
    for (const l of lines) {
      if (edges.has(l) && (isPageNumber(l.text) || (pages.length >= 2 && repeats(l)))) continue;
      out.push(l);
    }
  });
  return out;
}

// ---- lines -> paragraphs -------------------------------------------------------------------

/** The font size carrying the most characters: the body text. */
function bodyFontSize(lines: PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(Math.round(l.size * 2) / 2, (chars.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  let best = 0;
  let bestChars = -1;
  for (const [size, n] of chars) if (n > bestChars) [best, bestChars] = [size, n];
  return best || 10;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

const SENTENCE_END = /[.!?:;…"'”’)\]]$/;
const STARTS_UPPER = /^["'“‘([]?[\p{Lu}\p{N}]/u;
const STARTS_LOWER = /^\p{Ll}/u;
const BULLET = /^([•●▪◦‣∙*–-]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)/;
const HYPHEN_END = /[\p{L}][-\u2010]$/u;

export function linesToParagraphs(lines: PdfLine[]): string[] {
  if (lines.length === 0) return [];
  const bodySize = bodyFontSize(lines);
  const bodyLines = lines.filter((l) => Math.abs(l.size - bodySize) < 0.5);
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a.page === b.page && Math.abs(a.size - bodySize) < 0.5 && Math.abs(b.size - bodySize) < 0.5 && a.y > b.y) gaps.push(a.y - b.y);
  }
  const lineGap = median(gaps) || bodySize * 1.2;
  const left = percentile(bodyLines.map((l) => l.x), 0.1);
  const right = percentile(bodyLines.map((l) => l.right), 0.9);
  const width = Math.max(right - left, bodySize * 10);

  const isShort = (l: PdfLine): boolean => l.right < right - Math.max(3 * l.size, 0.12 * width);
  const isIndented = (l: PdfLine): boolean => l.x > left + 0.8 * l.size && l.x < left + 6 * l.size;

  const paragraphs: string[] = [];
  let current = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    let split: boolean;
    if (Math.abs(a.size - b.size) > 0.1 * Math.max(a.size, b.size)) split = true;
    else if (BULLET.test(b.text)) split = true;
    else if (HYPHEN_END.test(a.text) || a.text.endsWith('\u00ad')) split = false; // a paragraph never ends mid-word
    else if (a.page !== b.page || b.y >= a.y) split = isShort(a) || isIndented(b); // page or column break
    else if (a.y - b.y > 1.5 * lineGap * (a.size / bodySize)) split = true;
    else if (isShort(a) && (SENTENCE_END.test(a.text) || STARTS_UPPER.test(b.text) || isIndented(b))) split = true;
    else split = isIndented(b) && !isIndented(a);

    if (split) {
      paragraphs.push(current);
      current = b.text;
    } else if (a.text.endsWith('\u00ad')) {
      current = current.slice(0, -1) + b.text;
    } else if (HYPHEN_END.test(a.text)) {
      // "inter-" + "national": a broken word. "Franco-" + "German": a real hyphen, kept.
      current = STARTS_LOWER.test(b.text) ? current.slice(0, -1) + b.text : current + b.text;
    } else {
      current += ` ${b.text}`;
    }
  }
  paragraphs.push(current);
  return paragraphs.map((p) => p.replace(/\u00ad/g, ''));
}
