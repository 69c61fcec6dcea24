// Long (~420 lines): the three parts listed below share the DomLike walker types. What would split it:
// part 1 (parse5 -> light DOM: parseHtmlDocument, parseXhtmlDocument) into its own file, and part 3
// (cleanValue, normalizeDate) beside the importers' metadata code.
// HTML -> canonical plain text (see DESIGN.md "Text, offsets and anchors").
//
// Parts:
// 1. parseHtmlDocument(): HTML string -> a light DOM. parse5 (the spec-compliant
//    parser jsdom itself uses) builds the tree; Mozilla's JSDOMParser node classes
//    (shipped with @mozilla/readability for exactly this purpose) hold it. Building
//    a jsdom window costs ~20 ms per 30 KB page; this costs ~1.5 ms, and the light
//    DOM has no script engine, loader or event system at all, so nothing on the
//    page can run or fetch. Code-bearing elements are not even copied into it.
//    parseXhtmlDocument() does the same for XHTML (EPUB chapters, .xhtml).
// 2. htmlToParagraphs()/htmlToText(): DOM (light or jsdom) -> paragraphs;
//    htmlStringToText() = 1 + 2.
// 3. cleanValue()/normalizeDate(): metadata value helpers every importer shares.
//
// Output rules, shared by every importer that goes through HTML (web pages,
// DOCX via mammoth, EPUB chapters, HTML found inside CSV/JSONL cells):
// - one paragraph per block element (p, div, h1-h6, li, blockquote, tr, ...),
//   paragraphs separated by exactly one blank line, no leading/trailing blanks;
// - inline whitespace (including U+00A0) collapses to one space; soft hyphens go;
// - `<br>` is a line break inside the paragraph; two of them split the paragraph;
// - `<pre>` keeps its lines (trailing spaces trimmed, blank runs collapsed);
// - list items are prefixed "• " (ul/menu) or "N. " (ol, honouring start/value);
//   nesting is not indented, because leading spaces are invisible in the reader
//   and would make highlights start on whitespace;
// - table rows become one paragraph, non-empty cells joined with " | ";
// - code-bearing and interactive elements (script, style, iframe, svg, object,
//   form controls, ...) are dropped with their text. `form` itself is kept:
//   ASP.NET pages wrap the whole body in one.
// The walker only reads text nodes and a few attributes; it never renders,
// resolves URLs or touches event handlers, so hostile markup stays inert.

import { parse, type DefaultTreeAdapterTypes as P5 } from 'parse5';
import { parseDate } from './clutter';
// @ts-expect-error JSDOMParser ships without type declarations; LightDocument below describes what we use.
import JSDOMParser from '@mozilla/readability/JSDOMParser.js';

/**
 * The part of the DOM the converter reads. jsdom nodes and the light DOM both
 * satisfy it. Text is read through textContent (the light DOM has no `data`).
 */
export interface DomLike {
  readonly nodeType: number;
  readonly firstChild: DomLike | null;
  readonly nextSibling: DomLike | null;
  readonly parentNode: DomLike | null;
  readonly textContent: string | null;
  readonly localName?: string | null;
  getAttribute?(name: string): string | null | undefined;
  hasAttribute?(name: string): boolean;
}

export interface LightElement extends DomLike {
  readonly localName: string;
  getAttribute(name: string): string | null | undefined;
  hasAttribute(name: string): boolean;
  getElementsByTagName(tag: string): LightElement[];
}

/** A JSDOMParser document: what Readability accepts in place of a browser DOM. */
export interface LightDocument extends DomLike {
  documentElement: LightElement | null;
  head: LightElement | null;
  body: LightElement | null;
  title: string;
  getElementsByTagName(tag: string): LightElement[];
}

export interface HtmlToTextOptions {
  /** Extra element names (lowercase) to drop with their content, e.g. nav/aside for page-level fallbacks. */
  dropTags?: readonly string[];
}

const ALWAYS_DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'svg', 'canvas', 'object',
  'embed', 'applet', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'head',
  'title', 'meta', 'link', 'base', 'audio', 'video', 'source', 'track', 'map', 'area', 'img', 'picture',
  'dialog', 'slot',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'thead', 'tfoot', 'ul', 'listing', 'plaintext', 'xmp', 'search',
]);

const PRE = new Set(['pre', 'listing', 'plaintext', 'xmp']);

// U+00AD soft hyphen: invisible in browsers, but would break search and quotes.
const SOFT_HYPHEN = /\u00AD/g;
// HTML "ASCII whitespace" plus NBSP (analysts search for "New York", not "New\u00A0York").
const INLINE_WS = /[ \t\n\r\f\u00A0]+/g;

class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private lines: string[] = [''];
  private preDepth = 0;
  private pendingPrefix = '';

  text(data: string): void {
    const clean = data.replace(SOFT_HYPHEN, '');
    if (this.preDepth > 0) {
      const parts = clean.replace(/\r\n?/g, '\n').split('\n');
      this.lines[this.lines.length - 1] += parts[0];
      for (let i = 1; i < parts.length; i++) this.lines.push(parts[i]);
    } else {
      this.lines[this.lines.length - 1] += clean;
    }
  }

  lineBreak(): void {
    this.lines.push('');
  }

  enterPre(): void {
    this.flush();
    this.preDepth++;
  }

  leavePre(): void {
    this.flush();
    this.preDepth--;
  }

  /** The next non-empty paragraph gets this prefix (list markers). */
  setPrefix(prefix: string): void {
    this.pendingPrefix = prefix;
  }

  clearPrefix(): void {
    this.pendingPrefix = '';
  }

  flush(): void {
    const pre = this.preDepth > 0;
    const lines = this.lines.map((l) => (pre ? l.replace(/\s+$/, '') : l.replace(INLINE_WS, ' ').trim()));
    this.lines = [''];
    // Blank lines (from <br><br> or blank lines in <pre>) split paragraphs.
    let current: string[] = [];
    const emit = (): void => {
      if (current.length === 0) return;
      this.paragraphs.push(this.pendingPrefix + current.join('\n'));
      this.pendingPrefix = '';
      current = [];
    };
    for (const line of lines) {
      if (line.trim() === '') emit();
      else current.push(line);
    }
    emit();
  }
}

function tagOf(el: DomLike): string {
  return (el.localName ?? '').toLowerCase();
}

function attr(el: DomLike, name: string): string | null {
  return el.getAttribute?.(name) ?? null;
}

function childElements(el: DomLike): DomLike[] {
  const out: DomLike[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c);
  return out;
}

/** Text of the whole subtree as one line (used for table cells). */
function inlineText(node: DomLike, options: HtmlToTextOptions): string {
  return htmlToParagraphs(node, options).join(' ').replace(/\s+/g, ' ').trim();
}

function listMarker(li: DomLike): string {
  const parent = li.parentNode;
  if (!parent || tagOf(parent) !== 'ol') return '• ';
  const reversed = attr(parent, 'reversed') !== null;
  const items = childElements(parent).filter((c) => tagOf(c) === 'li');
  const startAttr = Number.parseInt(attr(parent, 'start') ?? '', 10);
  let n = Number.isFinite(startAttr) ? startAttr : reversed ? items.length : 1;
  for (const item of items) {
    const v = Number.parseInt(attr(item, 'value') ?? '', 10);
    if (Number.isFinite(v)) n = v;
    if (item === li) return `${n}. `;
    n += reversed ? -1 : 1;
  }
  return '• ';
}

interface WalkContext {
  out: ParagraphCollector;
  drop: Set<string>;
  options: HtmlToTextOptions;
}

function visitChildren(node: DomLike, ctx: WalkContext): void {
  for (let child = node.firstChild; child; child = child.nextSibling) visit(child, ctx);
}

function visit(node: DomLike, ctx: WalkContext): void {
  const { out } = ctx;
  if (node.nodeType === 3 /* TEXT_NODE */ || node.nodeType === 4 /* CDATA_SECTION_NODE */) {
    out.text(node.textContent ?? '');
    return;
  }
  if (node.nodeType === 9 /* DOCUMENT */ || node.nodeType === 11 /* FRAGMENT */) {
    visitChildren(node, ctx);
    return;
  }
  if (node.nodeType !== 1 /* ELEMENT_NODE */) return; // comments, processing instructions, doctypes
  const el = node;
  const tag = tagOf(el);
  if (ALWAYS_DROP.has(tag) || ctx.drop.has(tag) || attr(el, 'hidden') !== null) return;
  if (tag === 'br') {
    out.lineBreak();
    return;
  }
  if (tag === 'tr') {
    out.flush();
    const cells = childElements(el)
      .filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th')
      .map((c) => inlineText(c, ctx.options))
      .filter((t) => t !== '');
    if (cells.length > 0) out.paragraphs.push(cells.join(' | '));
    return;
  }
  if (PRE.has(tag)) {
    out.enterPre();
    visitChildren(el, ctx);
    out.leavePre();
    return;
  }
  if (tag === 'li') {
    out.flush();
    out.setPrefix(listMarker(el));
    visitChildren(el, ctx);
    out.flush();
    out.clearPrefix();
    return;
  }
  // td/th outside a tr (broken markup) behave like blocks.
  const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
  if (block) out.flush();
  visitChildren(el, ctx);
  if (block) out.flush();
}

/** Paragraphs of a DOM subtree (element, document or fragment), in document order, each non-empty. */
export function htmlToParagraphs(root: DomLike, options: HtmlToTextOptions = {}): string[] {
  const out = new ParagraphCollector();
  const drop = new Set((options.dropTags ?? []).map((t) => t.toLowerCase()));
  visit(root, { out, drop, options });
  out.flush();
  return out.paragraphs;
}

/** DOM subtree -> canonical body text (paragraphs joined by one blank line). */
export function htmlToText(root: DomLike, options: HtmlToTextOptions = {}): string {
  return joinParagraphs(htmlToParagraphs(root, options));
}

/** Join paragraphs canonically: one blank line between, none at the ends, no empty paragraphs. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}

// ---- HTML string -> light DOM ---------------------------------------------------

/** Never copied into the light DOM: code, embedded documents and graphics. */
const NOT_COPIED = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'svg', 'object', 'embed',
  'applet', 'canvas',
]);

// Names JSDOMParser can serialise and re-read (Readability round-trips the body
// through innerHTML when it retries); odd names like `a"b` or `=x` are dropped.
const SAFE_ATTR_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
// Event handlers, data-* and aria-* (but aria-hidden, which Readability reads for
// visibility) carry no text and only slow every attribute scan and serialisation.
const USELESS_ATTR = /^(on|data-|aria-(?!hidden$|modal$))/i;

interface LightFactory {
  createElement(tag: string): LightElement & { setAttribute(n: string, v: string): void; appendChild(c: DomLike): void };
  createTextNode(text: string): DomLike;
  appendChild(c: DomLike): void;
}

/**
 * Parses an HTML document (or fragment: parse5 adds html/head/body) into a
 * Readability-compatible light DOM. `<script type="application/ld+json">` is the
 * one script kept, as inert text, because it carries article metadata.
 * `skipTags` leaves further elements (lowercase names) out, with their content.
 */
export function parseHtmlDocument(html: string, options: { skipTags?: ReadonlySet<string> } = {}): LightDocument {
  const skip = options.skipTags;
  const doc = new JSDOMParser().parse('', 'about:blank') as LightDocument & LightFactory;
  type Target = LightFactory | ReturnType<LightFactory['createElement']>;
  // Iterative copy: parse5 builds arbitrarily deep trees without recursion, so must we.
  const stack: { children: P5.ChildNode[]; i: number; to: Target; depth: number }[] = [
    { children: parse(html).childNodes, i: 0, to: doc, depth: 0 },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.i >= frame.children.length) {
      stack.pop();
      continue;
    }
    const child = frame.children[frame.i++];
    if (child.nodeName === '#text') {
      frame.to.appendChild(doc.createTextNode((child as P5.TextNode).value));
      continue;
    }
    if (!('tagName' in child)) continue; // comments, doctype
    const tag = child.tagName;
    if (NOT_COPIED.has(tag) && !(tag === 'script' && isJsonLd(child))) continue;
    if (skip?.has(tag)) continue;
    if (frame.depth >= MAX_DEPTH) {
      // Flatten absurd nesting (hostile or broken pages) so that every recursive
      // walker downstream, Readability's included, stays within the stack.
      stack.push({ children: child.childNodes, i: 0, to: frame.to, depth: frame.depth });
      continue;
    }
    const el = doc.createElement(tag);
    for (const a of child.attrs) if (SAFE_ATTR_NAME.test(a.name) && !USELESS_ATTR.test(a.name)) el.setAttribute(a.name, a.value);
    frame.to.appendChild(el);
    if (tag === 'html' && !doc.documentElement) doc.documentElement = el;
    else if (tag === 'head' && !doc.head) doc.head = el;
    else if (tag === 'body' && !doc.body) doc.body = el;
    else if (tag === 'title' && !doc.title) {
      doc.title = child.childNodes.map((c) => (c.nodeName === '#text' ? (c as P5.TextNode).value : '')).join('').trim();
    }
    stack.push({ children: child.childNodes, i: 0, to: el, depth: frame.depth + 1 });
  }
  return doc;
}

/** Deeper element nesting than this is flattened (browsers cap at 512 too, in effect). */
const MAX_DEPTH = 256;

/**
 * XHTML (EPUB chapters, .xhtml files) through the same HTML parser. Two XML-isms
 * would mislead an HTML parser and are rewritten first:
 * - `<tag/>` on a non-void element: HTML ignores the slash, so `<title/>` or
 *   `<script src="x"/>` would swallow the rest of the file as raw text; it
 *   becomes `<tag></tag>`.
 * - `<![CDATA[...]]>` in content: HTML reads it as a comment; it becomes escaped text.
 * DOCTYPEs are ignored by the HTML parser, so entities declared in them are never
 * expanded (no billion-laughs, no external entities).
 */
export function parseXhtmlDocument(xhtml: string, options: { skipTags?: ReadonlySet<string> } = {}): LightDocument {
  const expanded = xhtml
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .replace(/<([A-Za-z][\w:.-]*)(\s[^<>]*?)?\/>/g, (whole, tag: string, attrs: string | undefined) =>
      VOID_ELEMENTS.has(tag.toLowerCase()) ? whole : `<${tag}${attrs ?? ''}></${tag}>`,
    );
  return parseHtmlDocument(expanded, options);
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

function isJsonLd(el: P5.Element): boolean {
  return el.attrs.some((a) => a.name === 'type' && a.value.trim().toLowerCase() === 'application/ld+json');
}

/** HTML string (document or fragment) -> canonical text. Used for mammoth output and HTML in batch cells. */
export function htmlStringToText(html: string, options: HtmlToTextOptions = {}): string {
  const doc = parseHtmlDocument(html);
  return htmlToText(doc.body ?? doc, options);
}

// ---- metadata value helpers -------------------------------------------------
// Shared by every importer (html, docx, epub, pdf, batch). They live here
// because this module has no dependencies, so batch.ts can use them without
// loading jsdom.

/** Collapses whitespace; empty -> null. */
export function cleanValue(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = String(s).replace(/[\s\u00A0]+/g, ' ').trim();
  return t === '' ? null : t;
}

const ISO_PARTIAL = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A publication date as ISO 8601, possibly partial ("2025", "2025-03", "2025-03-12",
 * "2025-03-12T09:30:00+01:00"). ISO input is kept as written (re-expressing it in UTC
 * could move the calendar day). "2025/3/12" becomes "2025-03-12", "12.03.2025" (dotted,
 * so day-first) "2025-03-12"; "12 March 2025",
 * "25/03/2025" go through clutter.parseDate (which refuses ambiguous 03/04/2025);
 * other text with a month name (RFC 2822 "Wed, 12 Mar 2025 ...") goes through
 * Date.parse. Unparseable -> null.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  const s = cleanValue(raw);
  if (!s) return null;
  if (ISO_PARTIAL.test(s)) return s;
  if (ISO_DATETIME.test(s)) return s.replace(' ', 'T');
  const m = /^(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?$/.exec(s);
  if (m) return [m[1], m[2].padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
  // Dotted numeric dates (12.03.2025) are day-first wherever they are used.
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (dotted && +dotted[2] <= 12 && +dotted[1] <= 31) return `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}`;
  const found = parseDate(s);
  if (found) return found;
  if (!/[a-z]{3}/i.test(s)) return null; // numeric but ambiguous: do not guess
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 10);
}
