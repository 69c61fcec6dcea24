// Memo Markdown -> HTML for the preview and the HTML export.
// The HTML is UNSANITISED: callers must pass it through sanitizeMemoHtml before it
// touches a DOM or a file. (markdown-it runs with html: false, so raw HTML in the
// memo is already escaped; sanitising is the second line of defence.)
//
// Footnote numbers follow the order citations appear in the rendered output, so the
// HTML is always self-consistent (1, 2, 3... each with its note). For ordinary memos
// that is exactly resolveCitations' order; the tests check the two agree.

import type { MarkdownIt, Token as MdToken } from 'markdown-it';
import { escapeHtml } from './escape';
import { brokenMarkerText, embedSourceSegments, flattenQuote, footnoteSegments, type Segment } from './format';
import { createMemoMarkdownIt } from './markdown';
import { EMBED_BLOCK, INLINE_REF, refMeta, type RefMeta } from './plugin';
import {
  CitationResolver,
  resolveCitations,
  type BrokenCitation,
  type CitedPassage,
  type Footnote,
  type PassageLookup,
  type ThemeLookup,
  type ThemeRef,
} from './resolve';
import { parseCitationTokens } from './tokens';

export interface RenderOptions {
  /**
   * Where theme references link: `${linkBase}/themes/<id>`. Default '#' (the app's
   * hash router: "#/themes/12"). null renders theme names as plain text (exports).
   */
  linkBase?: string | null;
  /** Resolves `#[[theme:UID]]`. Without it every theme reference is reported missing. */
  themes?: ThemeLookup;
}

export interface RenderResult {
  html: string; // UNSANITISED
  footnotes: Footnote[];
  broken: BrokenCitation[];
}

/** Per-render state, reached from markdown-it render rules through `env`. */
class HtmlCitations {
  readonly footnotes: Footnote[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly referenced = new Set<number>();

  constructor(
    readonly resolver: CitationResolver,
    readonly linkBase: string | null,
  ) {}

  number(uid: string, passage: CitedPassage): number {
    let n = this.numbers.get(uid);
    if (n === undefined) {
      n = this.footnotes.length + 1;
      this.numbers.set(uid, n);
      this.footnotes.push({ n, uid, passage });
    }
    return n;
  }

  /** The first reference to a note gets the id its back-link points to; ids stay unique. */
  refId(n: number): string {
    if (this.referenced.has(n)) return '';
    this.referenced.add(n);
    return ` id="fnref-${n}"`;
  }
}

type Env = {
  quarry: HtmlCitations;
};

export function segmentsToHtml(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      const text = escapeHtml(s.text);
      if (s.url) return `<a href="${escapeHtml(s.url)}">${text}</a>`;
      if (s.title) return `<cite>${text}</cite>`;
      return text;
    })
    .join('');
}

function brokenMark(kind: RefMeta['kind'], uid: string, reason: string): string {
  const attr = kind === 'theme' ? 'data-theme' : 'data-hl';
  return `<mark class="broken-cite" title="${escapeHtml(reason)}" ${attr}="${escapeHtml(uid)}">${escapeHtml(brokenMarkerText(kind, reason))}</mark>`;
}

function footnoteRef(state: HtmlCitations, uid: string, passage: CitedPassage): string {
  const n = state.number(uid, passage);
  return `<sup class="cite"><a href="#fn-${n}"${state.refId(n)} data-hl="${escapeHtml(uid)}">${n}</a></sup>`;
}

function themeHtml(state: HtmlCitations, uid: string, theme: ThemeRef): string {
  const name = escapeHtml(theme.name);
  if (state.linkBase === null) return `<span class="theme-ref" data-theme="${escapeHtml(uid)}">${name}</span>`;
  const base = state.linkBase.replace(/\/+$/, '');
  return `<a class="theme-ref" href="${escapeHtml(`${base}/themes/${theme.id}`)}" data-theme="${escapeHtml(uid)}">${name}</a>`;
}

/** Quote text keeps its paragraphs (blank lines) and line breaks. */
function quoteParagraphs(quote: string): string {
  return quote
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>\n')}</p>`)
    .join('');
}

function renderInlineRef(tokens: MdToken[], idx: number, _o: unknown, env: Env): string {
  const state = env.quarry;
  const { kind, uid } = refMeta(tokens[idx]);
  const r = state.resolver.resolve(kind, uid);
  if (!r.ok) return brokenMark(kind, uid, r.reason);
  if (r.kind === 'theme') return themeHtml(state, uid, r.theme);
  if (r.kind === 'embed') {
    // An embed inside running text: an inline quotation plus its note.
    return `<q class="embed-inline" data-hl="${escapeHtml(uid)}">${escapeHtml(flattenQuote(r.passage.quote))}</q>${footnoteRef(state, uid, r.passage)}`;
  }
  return footnoteRef(state, uid, r.passage);
}

function renderEmbedBlock(tokens: MdToken[], idx: number, _o: unknown, env: Env): string {
  const token = tokens[idx];
  const { uid } = refMeta(token);
  const line = token.attrGet('data-line');
  const lineAttr = line ? ` data-line="${line}"` : '';
  const r = env.quarry.resolver.resolve('embed', uid);
  if (!r.ok) return `<p class="broken-embed"${lineAttr}>${brokenMark('embed', uid, r.reason)}</p>\n`;
  if (r.kind === 'theme') return ''; // unreachable: block embeds are never themes
  const source = embedSourceSegments(r.passage.article);
  const footer = source.length ? `<footer>${segmentsToHtml(source)}</footer>` : '';
  return `<blockquote class="embed" data-hl="${escapeHtml(uid)}"${lineAttr}>${quoteParagraphs(r.passage.quote)}${footer}</blockquote>\n`;
}

function renderFence(tokens: MdToken[], idx: number): string {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0];
  const line = token.attrGet('data-line');
  const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
  return `<pre${line ? ` data-line="${line}"` : ''}><code${cls}>${escapeHtml(token.content)}</code></pre>\n`;
}

/** Quarry is offline and memos have no attachments: images show as a labelled placeholder, never a request. */
function renderImage(tokens: MdToken[], idx: number): string {
  const alt = (tokens[idx].children ?? []).map((c) => c.content).join('');
  return `<span class="image-ref">[image${alt ? `: ${escapeHtml(alt)}` : ''}]</span>`;
}

export function footnotesHtml(footnotes: readonly Footnote[]): string {
  if (!footnotes.length) return '';
  const items = footnotes
    .map(
      (f) =>
        `<li id="fn-${f.n}" data-hl="${escapeHtml(f.uid)}">${segmentsToHtml(footnoteSegments(f.passage))} <a href="#fnref-${f.n}" class="footnote-back" aria-label="Back to text">↩</a></li>`,
    )
    .join('\n');
  return `<section class="footnotes">\n<hr>\n<ol>\n${items}\n</ol>\n</section>\n`;
}

let shared: MarkdownIt | null = null;

/** The HTML-rendering markdown-it instance (parser config + Quarry's render rules). */
export function memoHtmlRenderer(): MarkdownIt {
  if (shared) return shared;
  const md = createMemoMarkdownIt();
  md.renderer.rules[INLINE_REF] = renderInlineRef as never;
  md.renderer.rules[EMBED_BLOCK] = renderEmbedBlock as never;
  md.renderer.rules.fence = renderFence as never;
  md.renderer.rules.image = renderImage as never;
  shared = md;
  return md;
}

export function renderMemoHtml(markdown: string, lookup: PassageLookup, options: RenderOptions = {}): RenderResult {
  const resolver = new CitationResolver(lookup, options.themes);
  const state = new HtmlCitations(resolver, options.linkBase === undefined ? '#' : options.linkBase);
  const env: Env = { quarry: state };
  const body = memoHtmlRenderer().render(markdown, env);
  // Broken citations come from the scanner because the editor needs their positions.
  const { broken } = resolveCitations(parseCitationTokens(markdown), resolver);
  return { html: body + footnotesHtml(state.footnotes), footnotes: state.footnotes, broken };
}
