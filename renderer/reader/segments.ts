// Turning an article body and its highlights into paragraphs of segments.
// Every segment's text is an exact slice of the body (offsets in UTF-16 code
// units), so a DOM position maps back to a body offset with simple arithmetic
// and the text is rendered as text nodes, never HTML.
export interface Paragraph {
  start: number;
  end: number;
}

export interface SegmentHighlight {
  id: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Highlights covering this segment, outermost first (innermost last). */
  ids: number[];
}

/** Paragraphs are separated by blank lines; single newlines stay inside a paragraph. */
export function splitParagraphs(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\n[ \t]*\n\s*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m.index > last) out.push({ start: last, end: m.index });
    last = m.index + m[0].length;
  }
  if (last < body.length) out.push({ start: last, end: body.length });
  return out;
}

/**
 * Segments of one paragraph. `sorted` must be sorted by start; `from` is an
 * index into it from which to scan (returned for the next paragraph), so the
 * whole article is segmented in one pass over the highlights.
 */
export function segmentParagraph(p: Paragraph, sorted: SegmentHighlight[]): Segment[] {
  const inside = sorted.filter((h) => h.start < p.end && h.end > p.start);
  if (inside.length === 0) return [{ start: p.start, end: p.end, ids: [] }];
  const cuts = new Set<number>([p.start, p.end]);
  for (const h of inside) {
    if (h.start > p.start) cuts.add(h.start);
    if (h.end < p.end) cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segs: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const ids = inside
      .filter((h) => h.start <= a && h.end >= b)
      .sort((x, y) => y.end - y.start - (x.end - x.start) || x.id - y.id)
      .map((h) => h.id);
    segs.push({ start: a, end: b, ids });
  }
  return segs;
}

/** Index highlights by paragraph so each paragraph only looks at its own. */
export function highlightsByParagraph(paragraphs: Paragraph[], highlights: SegmentHighlight[]): SegmentHighlight[][] {
  const out: SegmentHighlight[][] = paragraphs.map(() => []);
  const starts = paragraphs.map((p) => p.start);
  for (const h of highlights) {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= h.start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i < paragraphs.length && paragraphs[i].start < h.end; i++) {
      if (paragraphs[i].end > h.start) out[i].push(h);
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}_'’-]/u;

/** Offsets of word boundaries next to `pos`, for keyboard adjustment of highlight edges. */
export function nextWordBoundary(body: string, pos: number, dir: 1 | -1): number {
  let i = pos;
  if (dir > 0) {
    while (i < body.length && !WORD.test(body[i])) i++;
    while (i < body.length && WORD.test(body[i])) i++;
  } else {
    while (i > 0 && !WORD.test(body[i - 1])) i--;
    while (i > 0 && WORD.test(body[i - 1])) i--;
  }
  return i;
}
