// Web page (.html/.htm) -> one ParsedArticle.
//
// Pipeline: decode bytes (BOM > <meta charset> > UTF-8 > Windows-1252) -> light
// DOM (parse5 + JSDOMParser, see html-to-text.ts) -> metadata from the page ->
// Readability on the same tree (it mutates it, so metadata is read first) ->
// paragraphs. When Readability fails or finds < 200 characters, the page is
// parsed again for the structural fallback (<article>, <main>, [role=main],
// body minus chrome); re-parsing (~1.5 ms) is cheaper than cloning every page.
//
// Why not jsdom here: a jsdom window costs ~20 ms for a 30 KB page and
// Readability on it ~85 ms more (~11 pages/s); the light DOM does the same work
// at ~5 ms. It also cannot run anything: there is no script engine, no loader and
// no event system, and script/iframe/svg/object/style are never copied into it.
import { Readability } from '@mozilla/readability';
import { decodeText, decodeWindows1252, normaliseText } from './decode';
import {
  cleanValue,
  htmlToParagraphs,
  joinParagraphs,
  normalizeDate,
  parseHtmlDocument,
  parseXhtmlDocument,
  type DomLike,
  type LightDocument,
} from './html-to-text';
import { ImportError, type ParsedArticle, type ParsedMetadata, type ParseInput } from './types';

/**
 * Left out of the tree Readability scores: navigation, sidebars and footers are
 * never the article (Readability strips aside/footer from its result anyway),
 * and mega-menus and link-heavy footers are a large share of a real page's
 * nodes, which Readability walks many times.
 */
const NEVER_ARTICLE: ReadonlySet<string> = new Set(['nav', 'aside', 'footer']);

/** Readability output shorter than this means it probably picked the wrong block. */
const MIN_READABLE_CHARS = 200;

export async function parseHtml(input: ParseInput): Promise<ParsedArticle> {
  const { fileName } = input;
  const { html, warnings } = decodeHtml(input.bytes, fileName);
  return htmlStringToArticle(html, fileName, warnings);
}

/**
 * An HTML string -> article, for callers that already hold text (e.g. a paste).
 * The headline goes first in the body unless the text already starts with it:
 * Readability removes the <h1> that repeats the title, and analysts expect the
 * headline at the top of what they read and quote.
 */
export function htmlStringToArticle(html: string, fileName: string, warnings: string[] = []): ParsedArticle {
  // .xhtml files (and HTML saved as XML) need XML's self-closing tags honoured.
  const xhtml = /\.xht(ml)?$/i.test(fileName) || /^\s*<\?xml/i.test(html);
  const load = (skipTags?: ReadonlySet<string>): LightDocument =>
    xhtml ? parseXhtmlDocument(html, { skipTags }) : parseHtmlDocument(html, { skipTags });
  const doc = load(NEVER_ARTICLE);
  const meta = extractHtmlMetadata(doc);

  let paragraphs = readableParagraphs(doc, meta);
  if (paragraphs === null) {
    paragraphs = fallbackParagraphs(load()); // Readability consumed `doc`
    if (paragraphs.length > 0) warnings.push('the main text could not be isolated; imported the whole page text');
  }

  const title = meta.title ?? null;
  if (title && paragraphs.length > 0 && !startsWithTitle(paragraphs[0], title)) paragraphs.unshift(title);
  const body = normaliseText(joinParagraphs(paragraphs));
  if (body === '') throw new ImportError(fileName, 'no-text', 'the page contains no readable text');
  return { body, metadata: { ...meta, title }, cuts: [], warnings };
}

/** Readability's article as paragraphs, or null when it failed or looks too short. */
function readableParagraphs(doc: LightDocument, meta: PageMetadata): string[] | null {
  let article: { content: DomLike | null | undefined; title?: string | null } | null;
  try {
    // serializer: identity hands back the article node instead of an HTML string
    // (no serialise + re-parse). JSON-LD is read by us, so Readability skips it.
    const reader = new Readability<DomLike>(doc as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (n) => n as unknown as DomLike,
      disableJSONLD: true,
    });
    article = reader.parse();
  } catch {
    return null; // Readability throws on some malformed trees; the fallback copes
  }
  if (!article?.content) return null;
  const paragraphs = htmlToParagraphs(article.content);
  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  if (chars < MIN_READABLE_CHARS) return null;
  if (!meta.title && article.title) meta.title = cleanValue(article.title);
  return paragraphs;
}

/** Page chrome that is never the article when we have to take a whole container. */
const CHROME = ['nav', 'aside', 'header', 'footer'];

function fallbackParagraphs(doc: LightDocument): string[] {
  const all = doc.getElementsByTagName('*');
  const container =
    all.find((e) => e.localName === 'article') ??
    all.find((e) => e.localName === 'main') ??
    all.find((e) => e.getAttribute('role') === 'main') ??
    doc.body;
  if (!container) return [];
  // Inside <article>/<main> the <header> holds the headline, so keep it there.
  const dropTags = container === doc.body ? CHROME : ['nav', 'aside'];
  const paragraphs = htmlToParagraphs(container, { dropTags });
  // An <article> that is only a teaser card: take the body instead.
  if (container !== doc.body && doc.body && paragraphs.join('').length < MIN_READABLE_CHARS) {
    return htmlToParagraphs(doc.body, { dropTags: CHROME });
  }
  return paragraphs;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function startsWithTitle(firstParagraph: string, title: string): boolean {
  return squash(firstParagraph).startsWith(squash(title));
}

// ---- decoding ----------------------------------------------------------------

/** Bytes of the head we scan for <meta charset>, as the HTML spec's prescan does (it uses 1024). */
const CHARSET_PRESCAN_BYTES = 4096;

function decodeHtml(bytes: Uint8Array, fileName: string): { html: string; warnings: string[] } {
  if (bytes.length === 0) throw new ImportError(fileName, 'empty', 'the file is empty');
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? null : declaredCharset(bytes);
  if (declared && !/^(utf-?8|unicode-1-1-utf-8|utf-?16(le|be)?)$/i.test(declared)) {
    // A declared legacy charset wins over UTF-8 sniffing, as in browsers.
    const label = declared.toLowerCase();
    if (/^(windows-1252|cp1252|x-cp1252|iso-8859-1|latin1|l1|us-ascii|ascii|iso8859-1)$/.test(label)) {
      // Browsers treat all of these as windows-1252; Node's TextDecoder does not (see decode.ts).
      return { html: decodeWindows1252(bytes), warnings: [] };
    }
    try {
      return { html: new TextDecoder(label).decode(bytes), warnings: [] };
    } catch {
      const result = decodeText(bytes, fileName);
      return {
        html: result.text,
        warnings: [`unknown charset "${declared}" in <meta>; decoded as ${result.encoding}`, ...result.warnings],
      };
    }
  }
  // BOM, declared UTF-8/UTF-16 (which HTML treats as UTF-8 without a BOM), or nothing.
  const result = decodeText(bytes, fileName);
  return { html: result.text, warnings: result.warnings };
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = decodeWindows1252(bytes.subarray(0, CHARSET_PRESCAN_BYTES));
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([A-Za-z0-9._:-]+)/i.exec(head) ??
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1] : null;
}

// ---- metadata -----------------------------------------------------------------

type PageMetadata = ParsedMetadata;

interface JsonLdArticle {
  headline?: unknown;
  name?: unknown;
  author?: unknown;
  creator?: unknown;
  datePublished?: unknown;
  dateCreated?: unknown;
  publisher?: unknown;
  url?: unknown;
  mainEntityOfPage?: unknown;
  inLanguage?: unknown;
}

/**
 * Metadata from <head>, most specific source first: Open Graph / article:*,
 * Highwire citation_* (scholarly pages), schema.org JSON-LD, Dublin Core,
 * plain <meta name=author|date>, <link rel=canonical>, <html lang>, <title>.
 */
export function extractHtmlMetadata(doc: LightDocument): PageMetadata {
  const metas = collectMeta(doc);
  const first = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = metas.get(k)?.map((x) => cleanValue(x)).find((x) => x);
      if (v) return v;
    }
    return null;
  };
  const all = (key: string): string[] => (metas.get(key) ?? []).map((x) => cleanValue(x)).filter((x): x is string => !!x);
  const ld = findJsonLdArticle(doc);

  const source =
    first('og:site_name', 'application-name', 'citation_journal_title', 'citation_publisher', 'dc.publisher') ??
    personOrOrgNames(ld?.publisher)[0] ??
    null;

  const ldTitle = ld ? cleanValue(asString(ld.headline) ?? asString(ld.name)) : null;
  const rawTitle =
    first('og:title', 'twitter:title', 'citation_title', 'dc.title') ??
    ldTitle ??
    cleanTitleTag(cleanValue(doc.title), source);
  const title = rawTitle ? stripSiteName(rawTitle, source) : null;

  const author =
    joinNames(all('citation_author')) ??
    joinNames(personOrOrgNames(ld?.author ?? ld?.creator)) ??
    joinNames(all('author')) ??
    joinNames(all('article:author').filter((a) => !/^https?:/i.test(a))) ?? // often a profile URL
    joinNames(all('dc.creator')) ??
    first('byl')?.replace(/^by\s+/i, '') ??
    null;

  const publishedAt = normalizeDate(
    first('article:published_time', 'citation_publication_date', 'citation_date', 'citation_online_date') ??
      asString(ld?.datePublished) ??
      asString(ld?.dateCreated) ??
      first('date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.created', 'pubdate', 'publish-date', 'sailthru.date', 'parsely-pub-date') ??
      articleTime(doc),
  );

  const url =
    httpUrl(canonicalHref(doc)) ??
    httpUrl(first('og:url')) ??
    httpUrl(first('citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url')) ??
    httpUrl(asString(ld?.url)) ??
    httpUrl(asString(ld?.mainEntityOfPage) ?? asString((ld?.mainEntityOfPage as { '@id'?: unknown } | undefined)?.['@id']));

  const language =
    cleanValue(doc.documentElement?.getAttribute('lang')) ??
    cleanValue(doc.documentElement?.getAttribute('xml:lang')) ??
    first('content-language', 'dc.language', 'citation_language') ??
    asString(ld?.inLanguage) ??
    first('og:locale')?.replace('_', '-') ??
    null;

  return {
    title,
    author,
    source: source ?? (url ? new URL(url).hostname.replace(/^www\./, '') : null),
    url,
    publishedAt,
    language,
  };
}

function canonicalHref(doc: LightDocument): string | null {
  const link = doc
    .getElementsByTagName('link')
    .find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  return link?.getAttribute('href') ?? null;
}

/** <time datetime> inside an <article> (or marked pubdate): the byline date on many blogs. */
function articleTime(doc: LightDocument): string | null {
  for (const t of doc.getElementsByTagName('time')) {
    const dt = t.getAttribute('datetime');
    if (!dt) continue;
    if (t.hasAttribute('pubdate')) return dt;
    for (let p = t.parentNode; p; p = p.parentNode) if (p.localName === 'article') return dt;
  }
  return null;
}

function collectMeta(doc: LightDocument): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const el of doc.getElementsByTagName('meta')) {
    if (!el.hasAttribute('content')) continue;
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? el.getAttribute('http-equiv'))
      ?.trim()
      .toLowerCase();
    if (!key) continue;
    const list = map.get(key) ?? [];
    list.push(el.getAttribute('content') ?? '');
    map.set(key, list);
  }
  return map;
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report|Posting)$/;

function findJsonLdArticle(doc: LightDocument): JsonLdArticle | null {
  for (const script of doc.getElementsByTagName('script')) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      // Comment wrappers (<!-- -->) and CDATA appear on real sites.
      data = JSON.parse((script.textContent ?? '').replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[)|(-->|\/\/\s*\]\]>)\s*$/g, ''));
    } catch {
      continue; // broken JSON-LD is common; other sources still apply
    }
    const found = searchJsonLd(data, 0);
    if (found) return found;
  }
  return null;
}

function searchJsonLd(node: unknown, depth: number): JsonLdArticle | null {
  if (depth > 6 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const hit = searchJsonLd(item, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  const obj = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(obj['@type'] ?? []).filter((t): t is string => typeof t === 'string');
  if (types.some((t) => ARTICLE_TYPE.test(t))) return obj as JsonLdArticle;
  return searchJsonLd(obj['@graph'], depth + 1);
}

function asString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return asString(v[0]);
  return null;
}

/** schema.org Person/Organization values: "Name", {name}, or arrays of either. */
function personOrOrgNames(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.flatMap(personOrOrgNames);
  if (typeof v === 'string') return cleanValue(v) && !/^https?:/i.test(v) ? [cleanValue(v)!] : [];
  if (typeof v === 'object') {
    const name = (v as { name?: unknown }).name;
    return typeof name === 'string' && cleanValue(name) ? [cleanValue(name)!] : [];
  }
  return [];
}

/** "A, B"; but "Lima, Ana; Okafor, Ben" when the names themselves are "Last, First". */
function joinNames(names: string[]): string | null {
  const unique = [...new Set(names)];
  if (unique.length === 0) return null;
  return unique.join(unique.some((n) => n.includes(',')) ? '; ' : ', ');
}

function httpUrl(v: string | null | undefined): string | null {
  const s = cleanValue(v);
  if (!s) return null;
  try {
    const u = new URL(s); // relative URLs throw: no base, on purpose
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const SEP = '[|\\u2013\\u2014\\-:\\u00b7\\u2022/]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes a " | Site Name" (or "Site Name: ") segment when it names the site. */
function stripSiteName(title: string, site: string | null): string {
  if (!site) return title;
  const name = escapeRegExp(site).replace(/\s+/g, '\\s+');
  const out = title
    .replace(new RegExp(`\\s+${SEP}\\s+${name}\\s*$`, 'i'), '')
    .replace(new RegExp(`^\\s*${name}\\s*${SEP}\\s+`, 'i'), '')
    .trim();
  return out === '' ? title : out;
}

/**
 * <title> usually carries a site suffix even when no og:site_name names it:
 * drop a short (<= 4 words) last segment after " | " or a dash.
 */
function cleanTitleTag(title: string | null, site: string | null): string | null {
  if (!title) return null;
  const stripped = stripSiteName(title, site);
  if (stripped !== title) return stripped;
  const m = /^(.*\S)\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]+)$/.exec(title);
  if (m && m[2].trim().split(/\s+/).length <= 4 && m[1].trim().split(/\s+/).length >= 2) return m[1].trim();
  return title;
}
