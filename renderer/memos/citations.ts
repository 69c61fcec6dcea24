// Small pure helpers the memo editor uses around citation tokens (no Monaco, no DOM).
import type { MemoPassage, PassageHit } from '../../electron/api/contract-memos';
import { displayDate } from '../../core/memo/format';
import type { CitationToken } from '../../core/memo/tokens';

/** The token whose source span contains `offset` (a caret right after "]]" still counts). */
export function tokenAtOffset(tokens: readonly CitationToken[], offset: number): CitationToken | null {
  // Tokens are in source order: binary search for the last one starting at or before offset.
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const t = tokens[found];
  return offset <= t.end ? t : null;
}

/** An "@" query being typed: the '@' must start a word (not an e-mail address), the query stays on one line. */
export function triggerQuery(lineBeforeCursor: string, trigger: '@' | '#'): { start: number; query: string } | null {
  const at = lineBeforeCursor.lastIndexOf(trigger);
  if (at < 0) return null;
  const before = at === 0 ? '' : lineBeforeCursor[at - 1];
  if (before && !/[\s([{"'“‘>*_~]/.test(before)) return null;
  const query = lineBeforeCursor.slice(at + 1);
  const max = trigger === '@' ? 80 : 40;
  if (query.length > max || /[[\]@#]/.test(query) || /^\s/.test(query)) return null;
  if (trigger === '#') {
    // "# Heading" / "## Heading": a '#' that only follows other '#'s at the line start is Markdown, not a theme.
    const head = lineBeforeCursor.slice(0, at).trim();
    if (head === '' || /^#+$/.test(head) || /^[-*+>]$/.test(head)) return null;
  }
  return { start: at, query };
}

/** First `n` characters of a one-line version of a quote. */
export function shortQuote(quote: string, n = 90): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length > n ? `${q.slice(0, n - 1)}…` : q;
}

/** "Nikkei Asia · Title · 2025-10-28" */
export function sourceLine(a: { title: string; source: string | null; publishedAt: string | null } | null): string {
  if (!a) return '';
  return [a.source, a.title, displayDate(a.publishedAt)].filter(Boolean).join(' · ');
}

/** Markdown for Monaco hovers: the text is data, so every Markdown character is escaped. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

export function hoverMarkdown(p: MemoPassage | undefined, reason: string | null): string[] {
  if (!p || p.status === 'missing') return [`**Broken citation**: ${escapeMd(reason ?? 'no passage with this id')}`];
  const parts: string[] = [];
  parts.push(reason ? `**Broken citation**: ${escapeMd(reason)}` : '**Cited passage**');
  parts.push(
    shortQuote(p.quote, 600)
      .split('\n')
      .map((l) => `> ${escapeMd(l)}`)
      .join('\n'),
  );
  if (p.themes.length) parts.push(`Themes: ${p.themes.map((t) => escapeMd(t.name)).join(', ')}`);
  if (p.article) {
    const a = p.article;
    const esc = (x: string | null) => (x ? escapeMd(x) : null);
    const line = [esc(a.author), `*${escapeMd(a.title)}*`, esc(a.source), esc(displayDate(a.publishedAt))].filter(Boolean);
    parts.push(line.join(', '));
  }
  parts.push('_F12 or Ctrl+click: open in the Reader_');
  return parts;
}

export function hitDocumentation(h: PassageHit): string {
  const parts = [
    shortQuote(h.quote, 600)
      .split('\n')
      .map((l) => `> ${escapeMd(l)}`)
      .join('\n'),
  ];
  if (h.themes.length) parts.push(`Themes: ${h.themes.map((t) => escapeMd(t.name)).join(', ')}`);
  parts.push(escapeMd(sourceLine(h.article)));
  if (h.comment) parts.push(`Comment: ${escapeMd(h.comment)}`);
  return parts.join('\n\n');
}
