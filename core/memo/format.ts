// The wording of citations, as styled segments, so HTML, Markdown and DOCX all say
// the same thing and differ only in how they mark up a title or a URL.
//
//   footnote:      “quote” — Author, Title, Source, Date. URL
//   embed source:  — Source, Title, Date
//   sources entry: Author. Title. Source, Date. URL
//
// One order everywhere (author first, like a reference list) rather than a
// different order per format: an analyst comparing the DOCX with the preview
// should see the same note.

import type { CitedArticle, CitedPassage } from './resolve';

export interface Segment {
  text: string;
  /** The article title: italic in Markdown/DOCX, <cite> in HTML. */
  title?: boolean;
  /** Set on a URL segment (text === url): a link where the format allows one. */
  url?: string;
}

/**
 * "2025-10-28T09:00:00Z" -> "2025-10-28"; partial dates ("2025", "2025-10") stay as they are.
 * Never parsed into a Date: that would invent a day for "2025-10" and shift by time zone.
 */
export function displayDate(iso: string | null | undefined): string | null {
  const s = iso?.trim();
  if (!s) return null;
  const m = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(s);
  return m ? m[0] : s;
}

/** Quotes span paragraphs; notes and source lines want one line. */
export function flattenQuote(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim();
}

/** Only web links become links; anything else (file:, javascript:) stays text. */
export function isWebUrl(url: string | null | undefined): url is string {
  return !!url && /^https?:\/\/\S+$/i.test(url.trim());
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

function joinWithCommas(parts: Segment[]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push({ text: ', ' });
    out.push(p);
  });
  return out;
}

function urlSegment(url: string | null): Segment[] {
  const u = clean(url);
  if (!u) return [];
  return isWebUrl(u) ? [{ text: u, url: u }] : [{ text: u }];
}

/** Author, Title, Source, Date. URL  (without the quote). */
export function referenceSegments(article: CitedArticle | null): Segment[] {
  if (!article) return [];
  const parts: Segment[] = [];
  const author = clean(article.author);
  const title = clean(article.title);
  const source = clean(article.source);
  const date = displayDate(article.publishedAt);
  if (author) parts.push({ text: author });
  if (title) parts.push({ text: title, title: true });
  if (source) parts.push({ text: source });
  if (date) parts.push({ text: date });
  const out = joinWithCommas(parts);
  const url = urlSegment(article.url);
  if (out.length) out.push({ text: '.' });
  if (url.length) {
    if (out.length) out.push({ text: ' ' });
    out.push(...url);
  }
  return out;
}

/** “quote” — Author, Title, Source, Date. URL */
export function footnoteSegments(passage: CitedPassage): Segment[] {
  const ref = referenceSegments(passage.article);
  const out: Segment[] = [{ text: `“${flattenQuote(passage.quote)}”` }];
  if (ref.length) out.push({ text: ' — ' }, ...ref);
  return out;
}

/** — Source, Title, Date  (the line under an embedded quote). */
export function embedSourceSegments(article: CitedArticle | null): Segment[] {
  if (!article) return [];
  const parts: Segment[] = [];
  const source = clean(article.source);
  const title = clean(article.title);
  const date = displayDate(article.publishedAt);
  if (source) parts.push({ text: source });
  if (title) parts.push({ text: title, title: true });
  if (date) parts.push({ text: date });
  if (!parts.length) return [];
  return [{ text: '— ' }, ...joinWithCommas(parts)];
}

/** Author. Title. Source, Date. URL  (one entry of a Sources list). */
export function sourceEntrySegments(article: CitedArticle): Segment[] {
  const out: Segment[] = [];
  const author = clean(article.author);
  const title = clean(article.title);
  const tail = [clean(article.source), displayDate(article.publishedAt)].filter((s): s is string => !!s).join(', ');
  if (author) out.push({ text: `${author}. ` });
  if (title) out.push({ text: title, title: true }, { text: '. ' });
  if (tail) out.push({ text: `${tail}. ` });
  out.push(...urlSegment(article.url));
  // Drop the trailing space left when there is no URL.
  const last = out[out.length - 1];
  if (last && !last.url && !last.title) last.text = last.text.trimEnd();
  return out;
}

/** Plain-text rendering of segments (for titles, tests, warnings). */
export function segmentsToText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** The visible text that stands in for a broken citation or theme reference. */
export function brokenMarkerText(kind: 'cite' | 'embed' | 'theme', reason: string): string {
  return kind === 'theme' ? `[broken theme reference: ${reason}]` : `[broken citation: ${reason}]`;
}
