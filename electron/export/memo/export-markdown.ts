// Memo -> portable Markdown (CommonMark + the common footnote extension), for people
// who read it outside Quarry where [[hl:...]] means nothing.
//
// The memo's own Markdown is kept byte for byte except at the tokens the scanner found
// (so code blocks, which it skips, are untouched):
//   [[hl:UID]]        -> [^N]                 (N by first appearance; repeats share N)
//   ![[hl:UID]] alone -> > quote / > — Source, *Title*, Date   (inside the same list item or quote)
//   ![[hl:UID]] in text -> “quote”[^N]
//   #[[theme:UID]]    -> the theme's name
//   broken            -> **[broken citation: reason]** and a warning
// and the notes follow at the end: [^N]: “quote” — Author, *Title*, Source, Date. <URL>

import type { Memo } from '../../../db/types';
import { brokenMarkerText, embedSourceSegments, flattenQuote, footnoteSegments, type Segment } from '../../../core/memo/format';
import { CitationResolver, resolveCitations, type CitedPassage, type PassageLookup, type ThemeLookup } from '../../../core/memo/resolve';
import { parseCitationTokens, type CitationToken } from '../../../core/memo/tokens';
import { bodyOpensWithH1, brokenWarning, type ExportWarning } from './common';

export interface MarkdownExportOptions {
  themes?: ThemeLookup;
}

export interface MarkdownExport {
  text: string;
  warnings: ExportWarning[];
}

/** Escapes text so Markdown shows it literally (quotes, titles and names are data, not markup). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2') // would start a list item or a setext underline
    .replace(/^([ \t]*\d{1,9})([.)])/gm, '$1\\$2'); // would start an ordered list
}

function segmentsToMarkdown(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      if (s.url) return /[<>\s]/.test(s.url) ? escapeMarkdown(s.url) : `<${s.url}>`;
      if (s.title) return `*${escapeMarkdown(s.text)}*`;
      return escapeMarkdown(s.text);
    })
    .join('');
}

/** `- ` / `1. ` become spaces, `>` stays: the prefix that keeps later lines in the same container. */
function continuationPrefix(linePrefix: string): string {
  return linePrefix.replace(/[^>\t]/g, ' ');
}

/**
 * Would this line, right under a block quote, lazily continue the quote's last paragraph?
 * Only plain text does; blank lines and lines that start a block (list item, heading,
 * quote, fence, rule) do not.
 */
function continuesLazily(line: string, cont: string): boolean {
  const rest = line.startsWith(cont) ? line.slice(cont.length) : line;
  if (rest.trim() === '' || rest.trim() === '>') return false;
  return !/^[ \t]*(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|```|~~~|(?:[-*_][ \t]*){3,}$)/.test(rest);
}

function embedBlockMarkdown(passage: CitedPassage, cont: string): string {
  const lines: string[] = [];
  const paragraphs = passage.quote.trim().split(/\n[ \t]*\n+/);
  paragraphs.forEach((p, i) => {
    if (i > 0) lines.push('>');
    // A single newline inside a quoted paragraph stays a line break (backslash hard break).
    const quoted = p.trim().split('\n').map((l) => escapeMarkdown(l.trim()));
    quoted.forEach((l, j) => lines.push(`> ${l}${j < quoted.length - 1 ? '\\' : ''}`));
  });
  const source = embedSourceSegments(passage.article);
  if (source.length) lines.push('>', `> ${segmentsToMarkdown(source)}`);
  return lines.map((l, i) => (i === 0 ? l : cont + l)).join('\n');
}

export function exportMemoMarkdown(memo: Pick<Memo, 'title' | 'body'>, lookup: PassageLookup, options: MarkdownExportOptions = {}): MarkdownExport {
  const src = memo.body;
  const tokens = parseCitationTokens(src);
  const resolver = new CitationResolver(lookup, options.themes);
  const { footnotes, numbers, broken } = resolveCitations(tokens, resolver);
  // The memo may already use [^1]-style notes of its own; then ours get a prefix.
  const label = /\[\^\d+\]/.test(src) ? (n: number) => `cite-${n}` : (n: number) => String(n);

  let out = '';
  let last = 0;
  for (const t of tokens) {
    out += src.slice(last, t.start);
    out += replacement(src, t, resolver, numbers, label);
    last = t.end;
  }
  out += src.slice(last);

  let text = bodyOpensWithH1(src) ? '' : `# ${escapeMarkdown(memo.title.trim() || 'Untitled memo')}\n\n`;
  text += out.replace(/\s+$/, '') + '\n';
  if (footnotes.length) {
    text += '\n' + footnotes.map((f) => `[^${label(f.n)}]: ${segmentsToMarkdown(footnoteSegments(f.passage))}`).join('\n') + '\n';
  }
  return { text, warnings: broken.map(brokenWarning) };
}

function replacement(
  src: string,
  t: CitationToken,
  resolver: CitationResolver,
  numbers: Map<string, number>,
  label: (n: number) => string,
): string {
  const r = resolver.resolve(t.kind, t.uid);
  // Our own fixed wording: no need to escape, and the raw text stays readable.
  if (!r.ok) return `**${brokenMarkerText(t.kind, r.reason)}**`;
  if (r.kind === 'theme') return escapeMarkdown(r.theme.name);
  const ref = `[^${label(numbers.get(t.uid) ?? 0)}]`;
  if (r.kind === 'cite') return ref;
  if (!t.block) return `“${escapeMarkdown(flattenQuote(r.passage.quote))}”${ref}`;
  const lineStart = src.lastIndexOf('\n', t.start - 1) + 1;
  const cont = continuationPrefix(src.slice(lineStart, t.start));
  let block = embedBlockMarkdown(r.passage, cont);
  // A text line right below would lazily continue the quote: keep a blank line between.
  const eol = src.indexOf('\n', t.end);
  if (eol !== -1) {
    const nextEnd = src.indexOf('\n', eol + 1);
    const next = src.slice(eol + 1, nextEnd === -1 ? src.length : nextEnd);
    if (continuesLazily(next, cont)) block += '\n' + cont.trimEnd();
  }
  return block;
}
