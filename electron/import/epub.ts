// EPUB (2 and 3) -> ONE ParsedArticle: the chapters in spine order, each chapter's
// paragraphs appended to the body. A chapter without a heading of its own gets
// its table-of-contents label as its first paragraph, so chapter boundaries
// stay visible in the plain text. The book title is metadata, not prepended
// (books carry their own title page).
//
// Safety: the archive is vetted by zip-safety; every XML part read (container.xml,
// the OPF package, NCX/nav, each chapter) is decoded as XML says (UTF-16
// included) and refused when it carries a DOCTYPE internal subset or entity
// declarations; chapters are parsed by the HTML parser of html-to-text, which
// never expands DTD entities and builds a DOM that cannot run scripts. Paths from the OPF are resolved inside the archive
// only. DRM-encrypted books are refused ('encrypted'); font obfuscation is fine.
//
// Left out on purpose: the nav/TOC document itself (a list of links, clutter
// for analysis) and spine items marked linear="no" (pop-up notes, covers).
import { posix } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { normaliseText } from './decode';
import { cleanValue, htmlToParagraphs, joinParagraphs, normalizeDate, parseXhtmlDocument } from './html-to-text';
import { decodeXmlPart, unsafeDtd } from './xml-safety';
import { openZipSafely, type SafeZip, type ZipLimits } from './zip-safety';
import { ImportError, type ParsedArticle, type ParsedMetadata, type ParseInput } from './types';

const MiB = 1024 * 1024;
const KIND = 'EPUB book';
const MAX_XML = 8 * MiB; // container.xml, OPF, NCX
const MAX_CHAPTER = 32 * MiB;

/** Font obfuscation algorithms (IDPF, Adobe): fonts only, text stays readable. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: true, // only the predefined five remain: entity declarations are refused first
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'itemref', 'rootfile', 'creator', 'title', 'date', 'language', 'publisher', 'identifier', 'navPoint', 'EncryptedData', 'source'].includes(name),
});

type XmlNode = Record<string, unknown>;

export async function parseEpub(input: ParseInput, limits: Partial<ZipLimits> = {}): Promise<ParsedArticle> {
  const { bytes, fileName } = input;
  if (bytes.length === 0) throw new ImportError(fileName, 'empty', 'the file is empty');
  const zip = await openZipSafely(bytes, fileName, limits, KIND);
  try {
    return await readBook(zip);
  } finally {
    zip.close();
  }
}

async function readBook(zip: SafeZip): Promise<ParsedArticle> {
  const { fileName } = zip;
  const warnings: string[] = [];
  const corrupt = (why: string): ImportError => new ImportError(fileName, 'corrupt', `is not a valid ${KIND} (${why})`);

  const mimetype = zip.findEntry('mimetype');
  if (!mimetype || (await zip.readText(mimetype.name, 1024)).trim() !== 'application/epub+zip') {
    warnings.push('the mimetype entry is missing or wrong; read it as an EPUB anyway');
  }
  await refuseDrm(zip);

  const container = await readXml(zip, 'META-INF/container.xml', corrupt);
  const rootfiles = asArray(dig(container, 'container', 'rootfiles', 'rootfile')) as XmlNode[];
  const opfPath = rootfiles.map((r) => attr(r, 'full-path')).find((p): p is string => !!p);
  if (!opfPath) throw corrupt('container.xml names no package file');
  const opfDir = posix.dirname(opfPath) === '.' ? '' : posix.dirname(opfPath);
  const opf = dig(await readXml(zip, opfPath, corrupt), 'package') as XmlNode | undefined;
  if (!opf) throw corrupt(`${opfPath} is not an OPF package`);

  const metadata = readMetadata(dig(opf, 'metadata') as XmlNode | undefined);

  // Manifest: id -> resolved path, media type, properties.
  const manifest = new Map<string, { path: string | null; type: string; props: string }>();
  for (const item of asArray(dig(opf, 'manifest', 'item')) as XmlNode[]) {
    const id = attr(item, 'id');
    const href = attr(item, 'href');
    if (!id || !href) continue;
    manifest.set(id, { path: resolveHref(opfDir, href), type: attr(item, 'media-type') ?? '', props: attr(item, 'properties') ?? '' });
  }

  const labels = await readTocLabels(zip, opf, manifest, warnings);

  const paragraphs: string[] = [];
  let chapters = 0;
  const spine = dig(opf, 'spine') as XmlNode | undefined;
  for (const ref of asArray(dig(spine, 'itemref')) as XmlNode[]) {
    if (attr(ref, 'linear') === 'no') continue;
    const item = manifest.get(attr(ref, 'idref') ?? '');
    if (!item || !/xhtml|html/i.test(item.type) || /\bnav\b/.test(item.props)) continue;
    if (!item.path || !zip.findEntry(item.path)) {
      warnings.push(`a chapter listed in the book (${item.path ?? 'outside the archive'}) is missing; skipped`);
      continue;
    }
    const doc = parseXhtmlDocument(await readPart(zip, item.path, MAX_CHAPTER));
    const chapter = htmlToParagraphs(doc.body ?? doc);
    // The TOC label stands in for a missing heading; a chapter with its own
    // heading ("CHAPTER ONE" vs label "Chapter One: Arrival") keeps just that.
    const label = labels.get(item.path.toLowerCase());
    const hasHeading = ['h1', 'h2', 'h3'].some((t) => doc.getElementsByTagName(t).length > 0);
    if (label && !hasHeading && !(chapter[0] ?? '').toLowerCase().replace(/\s+/g, ' ').startsWith(label.toLowerCase())) {
      chapter.unshift(label);
    }
    if (chapter.length > 0) chapters++;
    paragraphs.push(...chapter);
  }

  const body = normaliseText(joinParagraphs(paragraphs));
  if (body === '') throw new ImportError(fileName, 'no-text', 'the book contains no readable text (only images?)');
  if (chapters === 0) warnings.push('no chapters found');
  return { body, metadata, cuts: [], warnings };
}

// ---- metadata -------------------------------------------------------------------

function readMetadata(meta: XmlNode | undefined): ParsedMetadata {
  const all = (key: string): string[] =>
    asArray(meta?.[key])
      .map(textOf)
      .filter((s): s is string => !!s);
  const identifiers = [...all('identifier'), ...all('source')];
  return {
    title: all('title')[0] ?? null,
    author: all('creator').length > 0 ? [...new Set(all('creator'))].join(', ') : null,
    source: all('publisher')[0] ?? null,
    url: identifiers.find((s) => /^https?:\/\//i.test(s)) ?? null,
    publishedAt: normalizeDate(all('date')[0]),
    language: all('language')[0] ?? null,
  };
}

// ---- table of contents labels ------------------------------------------------------

/** Chapter file (lowercased path) -> its first label in the EPUB 3 nav or the EPUB 2 NCX. */
async function readTocLabels(
  zip: SafeZip,
  opf: XmlNode,
  manifest: Map<string, { path: string | null; type: string; props: string }>,
  warnings: string[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const add = (baseDir: string, href: string | null, label: string | null): void => {
    if (!href || !label) return;
    const path = resolveHref(baseDir, href);
    if (path && !labels.has(path.toLowerCase())) labels.set(path.toLowerCase(), label);
  };
  try {
    const nav = [...manifest.values()].find((m) => /\bnav\b/.test(m.props) && m.path);
    if (nav?.path && zip.findEntry(nav.path)) {
      const doc = parseXhtmlDocument(await readPart(zip, nav.path, MAX_XML));
      const navs = doc.getElementsByTagName('nav');
      const toc = navs.find((n) => /\btoc\b/.test(n.getAttribute('epub:type') ?? '')) ?? navs[0];
      for (const a of toc?.getElementsByTagName('a') ?? []) add(posix.dirname(nav.path), a.getAttribute('href') ?? null, cleanValue(a.textContent));
      return labels;
    }
    const ncxId = attr(dig(opf, 'spine') as XmlNode | undefined, 'toc');
    const ncx = [...manifest.entries()].find(([id, m]) => id === ncxId || m.type === 'application/x-dtbncx+xml')?.[1];
    if (ncx?.path && zip.findEntry(ncx.path)) {
      const doc = await readXml(zip, ncx.path, (why) => new ImportError(zip.fileName, 'corrupt', why));
      const walk = (points: unknown): void => {
        for (const p of asArray(points) as XmlNode[]) {
          add(posix.dirname(ncx.path!), attr(dig(p, 'content') as XmlNode, 'src'), textOf(dig(p, 'navLabel', 'text')));
          walk(p.navPoint);
        }
      };
      walk(dig(doc, 'ncx', 'navMap', 'navPoint'));
    }
  } catch (err) {
    if (err instanceof ImportError && err.code === 'unsafe') throw err;
    warnings.push('the table of contents could not be read; chapter titles come from the chapters only');
  }
  return labels;
}

// ---- helpers ----------------------------------------------------------------------

async function refuseDrm(zip: SafeZip): Promise<void> {
  const entry = zip.findEntry('META-INF/encryption.xml');
  if (!entry) return;
  const doc = await readXml(zip, entry.name, (why) => new ImportError(zip.fileName, 'corrupt', why));
  const encrypted = asArray(dig(doc, 'encryption', 'EncryptedData')) as XmlNode[];
  const drm = encrypted.some((d) => !FONT_OBFUSCATION.has(attr(dig(d, 'EncryptionMethod') as XmlNode, 'Algorithm') ?? ''));
  if (drm) {
    throw new ImportError(zip.fileName, 'encrypted', 'is DRM-protected; only DRM-free EPUB books can be imported');
  }
}

/**
 * The text of an XML or XHTML part, decoded as XML says (UTF-16 with or
 * without a BOM too), refused when it carries a DTD internal subset, entity
 * declarations or a malformed DOCTYPE: no EPUB needs them, and they are how
 * entity-expansion bombs and external-entity reads start. Chapters included:
 * the HTML parser would not expand entities, but it would store the subset as
 * text. A plain external DOCTYPE (EPUB 2 chapters and NCX files carry one) is
 * allowed: nothing here ever fetches it.
 */
async function readPart(zip: SafeZip, path: string, maxBytes: number): Promise<string> {
  const entry = zip.findEntry(path);
  const name = entry?.name ?? path;
  const text = decodeXmlPart(await zip.readEntry(name, maxBytes), zip.fileName, name);
  if (unsafeDtd(text, { allowExternalDoctype: true })) {
    throw new ImportError(
      zip.fileName,
      'unsafe',
      `${name} declares a DTD or entities, which EPUB files never need; refusing it (possible XML entity attack)`,
    );
  }
  return text;
}

/** Parses a steering XML file (container, package, NCX, encryption), vetted by readPart. */
async function readXml(zip: SafeZip, path: string, corrupt: (why: string) => ImportError): Promise<XmlNode> {
  const entry = zip.findEntry(path);
  if (!entry) throw corrupt(`${path} is missing`);
  const text = await readPart(zip, entry.name, MAX_XML);
  try {
    return xml.parse(text) as XmlNode;
  } catch (err) {
    throw corrupt(`${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** An OPF-relative href -> archive path, or null when it is remote, absolute or climbs out of the archive. */
export function resolveHref(baseDir: string, href: string): string | null {
  let path = href.split('#')[0];
  if (path === '' || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) return null;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep as written */
  }
  const joined = posix.normalize(posix.join(baseDir, path));
  return joined === '..' || joined.startsWith('../') ? null : joined;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function dig(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as XmlNode)[k];
  }
  return cur;
}

function attr(node: XmlNode | undefined, name: string): string | null {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : null;
}

function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string' || typeof v === 'number') return cleanValue(String(v));
  if (v && typeof v === 'object' && '#text' in v) return cleanValue(String((v as XmlNode)['#text']));
  return null;
}
