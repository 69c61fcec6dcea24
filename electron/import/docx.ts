// Word (.docx) -> one ParsedArticle.
//
// Order matters for safety: the archive is vetted by zip-safety (zip-slip names,
// entry count, declared sizes, compression ratio) and every entry is inflated
// once through its byte-counting reader BEFORE mammoth sees the file. mammoth
// (JSZip) trusts the archive's size fields; after our pass, every entry is known
// to inflate to exactly what it declares, within the limits. XML parts with a
// DOCTYPE are refused: OOXML never uses one, and it is how entity-expansion and
// external-entity attacks start.
//
// Text: mammoth converts the document body to HTML (headings, lists, tables,
// footnotes), which html-to-text reduces to canonical paragraphs. Images are
// never decoded (a blank converter), and mammoth may not open external files.
// The core-properties title is metadata only and is not prepended to the body:
// it is often stale ("Document1", a template name), and the document's own
// first heading is already at the top.
import mammoth from 'mammoth';
import { XMLParser } from 'fast-xml-parser';
import { normaliseText } from './decode';
import { cleanValue, htmlStringToText, normalizeDate } from './html-to-text';
import { decodeXmlPart, sniffXmlEncoding, unsafeDtd } from './xml-safety';
import { looksLikeZip, openZipSafely, type SafeZip, type ZipLimits } from './zip-safety';
import { ImportError, type ParsedArticle, type ParsedMetadata, type ParseInput } from './types';

const MiB = 1024 * 1024;

/** A Word package has a few dozen parts; thousands means something else is going on. */
const DOCX_ZIP_LIMITS: Partial<ZipLimits> = { maxEntries: 5_000 };

const KIND = 'Word document';

export async function parseDocx(input: ParseInput, limits: Partial<ZipLimits> = {}): Promise<ParsedArticle> {
  const { bytes, fileName } = input;
  if (bytes.length === 0) throw new ImportError(fileName, 'empty', 'the file is empty');
  if (isOleCompoundFile(bytes)) {
    // Password-protected .docx files are OLE containers, as are legacy .doc files.
    throw new ImportError(
      fileName,
      'encrypted',
      'is password-protected or an old-format Word file (.doc); remove the password or save it as .docx and import again',
    );
  }
  if (!looksLikeZip(bytes)) throw new ImportError(fileName, 'corrupt', `is not a valid ${KIND} (it is not a ZIP package)`);

  const zip = await openZipSafely(bytes, fileName, { ...DOCX_ZIP_LIMITS, ...limits }, KIND);
  let core: ParsedMetadata;
  try {
    if (!zip.findEntry('word/document.xml')) {
      throw new ImportError(fileName, 'corrupt', `is not a valid ${KIND} (word/document.xml is missing)`);
    }
    await vetAllEntries(zip);
    core = await readCoreProperties(zip);
  } finally {
    zip.close();
  }

  let html: string;
  const warnings: string[] = [];
  try {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
    const errors = result.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) warnings.push(`Word conversion: ${errors.map((m) => m.message).join('; ').slice(0, 300)}`);
  } catch (err) {
    throw new ImportError(fileName, 'corrupt', `is not a valid ${KIND} (${err instanceof Error ? err.message : String(err)})`);
  }

  // Footnote back-links ("↑") are navigation, not text.
  html = html.replace(/<a href="#(?:footnote|endnote)-ref-[^"]*">[^<]*<\/a>/g, '');
  const body = normaliseText(htmlStringToText(html));
  if (body === '') throw new ImportError(fileName, 'no-text', 'the document contains no text');

  const metadata: ParsedMetadata = {
    ...core,
    title: core.title ?? firstHeading(html) ?? null,
  };
  return { body, metadata, cuts: [], warnings };
}

/** D0 CF 11 E0: OLE2 compound file (legacy .doc, or an encrypted OOXML package). */
function isOleCompoundFile(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1;
}

async function vetAllEntries(zip: SafeZip): Promise<void> {
  for (const entry of zip.entries) {
    if (entry.isDirectory) continue;
    const data = await zip.readEntry(entry.name);
    if (isXmlPart(entry.name, data) && unsafeDtd(decodeXmlPart(data, zip.fileName, entry.name))) {
      throw new ImportError(
        zip.fileName,
        'unsafe',
        `the part "${entry.name}" declares a DOCTYPE, which Word never writes; refusing it (possible XML entity attack)`,
      );
    }
  }
}

/**
 * Parts a reader might parse as XML: by name, or by content, since the
 * package's relationships may point at an XML part with any name. HTML parts
 * (altChunk imports, which mammoth never reads) carry <!DOCTYPE html> and are
 * left alone; binary parts (images) do not start with "<".
 */
function isXmlPart(name: string, data: Buffer): boolean {
  if (/\.(xml|rels)$/i.test(name)) return true;
  if (/\.(html?|mht(ml)?)$/i.test(name)) return false;
  const { encoding, bom } = sniffXmlEncoding(data.subarray(0, 64));
  if (encoding === 'utf-32') return true; // refused by decodeXmlPart, with a message
  const head = new TextDecoder(encoding).decode(data.subarray(bom, bom + 64)).trimStart();
  return head.startsWith('<');
}

const xml = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // DOCTYPEs were refused above, so only the five predefined XML entities remain.
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
});

async function readCoreProperties(zip: SafeZip): Promise<ParsedMetadata> {
  const entry = zip.findEntry('docProps/core.xml');
  if (!entry) return {};
  try {
    const doc = xml.parse(decodeXmlPart(await zip.readEntry(entry.name, 4 * MiB), zip.fileName, entry.name)) as { coreProperties?: Record<string, unknown> };
    const p = doc.coreProperties ?? {};
    const text = (k: string): string | null => {
      const v = p[k];
      if (typeof v === 'string') return cleanValue(v);
      if (v && typeof v === 'object' && '#text' in v) return cleanValue(String((v as { '#text': unknown })['#text']));
      return null;
    };
    return {
      title: text('title'),
      author: text('creator'),
      // Word keeps only file dates; "created" is the closest to authorship time.
      publishedAt: normalizeDate(text('created') ?? text('modified')),
      language: text('language'),
    };
  } catch {
    return {}; // unreadable properties never block the text
  }
}

function firstHeading(html: string): string | null {
  const m = /<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/.exec(html);
  return m ? cleanValue(htmlStringToText(m[1])) : null;
}
