// REFI-QDA project import (.qdpx), per NOTES.md §11 "Import": any single
// .qde at the root, sources/ looked up case-insensitively, legacy namespaces
// read by local name, offsets unit chosen per source, everything Quarry cannot
// hold reported in notCarried. Pure: bytes in, snapshot out; no store access.
import { ImportError } from '../import/types';
import { openZipSafely, type SafeZip, type ZipEntryInfo, type ZipLimits } from '../import/zip-safety';
import { importArticles, type SourceText } from './import-articles';
import { importMemos } from './import-memos';
import { importThemes } from './import-themes';
import { readProject } from './qde-read';
import type { ProjectSnapshot } from './snapshot';
import { stripBom } from './text-utils';
import { decodeXmlBytes, parseRefiXml } from './xml-read';

export const PROJECT_NAMESPACE_1_0 = 'urn:QDA-XML:project:1.0';

export interface QdpxImportResult {
  snapshot: ProjectSnapshot;
  warnings: string[];
  notCarried: string[]; // what the file held that Quarry could not keep, counted
}

export interface QdpxImportOptions {
  limits?: Partial<ZipLimits>;
  now?: Date;
}

/** Decodes a text file as UTF-8 (REFI's encoding; NOTES §10.4), BOM removed. */
export function decodeSourceText(bytes: Uint8Array, what: string, warn: (m: string) => void): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return decodeXmlBytes(bytes);
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    warn(`${what} is not valid UTF-8; unreadable bytes were replaced with "\uFFFD".`);
    return stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  }
}

/** The file name a plainTextPath points at inside the archive, or null for external paths. */
function internalName(path: string): string | null {
  const p = path.trim();
  const internal = /^internal:\/*(.+)$/i.exec(p);
  if (internal) return internal[1];
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('/')) return null; // relative://, file://, C:\, absolute
  return p; // bare file name (QualCoder once wrote these; NOTES §10.8)
}

function findSourceEntry(zip: SafeZip, path: string): ZipEntryInfo | undefined {
  const name = internalName(path);
  if (!name) return undefined;
  // findEntry is case-insensitive: NVivo writes Sources/, the spec sources/ (NOTES §10.6).
  const file = name.replace(/\\/g, '/');
  return zip.findEntry(`sources/${file}`) ?? zip.findEntry(file);
}

function findQde(zip: SafeZip): ZipEntryInfo {
  const atRoot = zip.entries.filter((e) => !e.isDirectory && !e.name.includes('/') && e.name.toLowerCase().endsWith('.qde'));
  if (atRoot.length === 1) return atRoot[0];
  const exact = atRoot.find((e) => e.name === 'project.qde');
  if (exact) return exact;
  if (atRoot.length === 0) throw new ImportError(zip.fileName, 'corrupt', 'no project file (.qde) at the top of the archive; is this a REFI-QDA .qdpx export?');
  throw new ImportError(zip.fileName, 'corrupt', `several project files (${atRoot.map((e) => e.name).join(', ')}); expected one .qde`);
}

export async function importQdpx(bytes: Uint8Array, fileName: string, options: QdpxImportOptions = {}): Promise<QdpxImportResult> {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const lost = new Map<string, number>();
  const lose = (kind: string, n = 1) => n > 0 && lost.set(kind, (lost.get(kind) ?? 0) + n);
  const now = (options.now ?? new Date()).toISOString();

  const zip = await openZipSafely(bytes, fileName, options.limits, 'REFI-QDA project (.qdpx)');
  try {
    const qdeEntry = findQde(zip);
    const doc = parseRefiXml(decodeXmlBytes(await zip.readEntry(qdeEntry.name), fileName, qdeEntry.name), fileName, qdeEntry.name);
    if (doc.root.name === 'CodeBook') throw new ImportError(fileName, 'unsupported', `${qdeEntry.name} is a codebook, not a project; import it as a codebook (.qdc).`);
    if (doc.root.name !== 'Project') throw new ImportError(fileName, 'corrupt', `${qdeEntry.name} is not a REFI-QDA project (root element <${doc.root.name}>)`);
    if (doc.namespace !== PROJECT_NAMESPACE_1_0) {
      warn(doc.namespace && /^urn:QDA-XML:project:/i.test(doc.namespace)
        ? `${qdeEntry.name} uses the namespace "${doc.namespace}" (another REFI-QDA version); read by element names.`
        : `${qdeEntry.name} has ${doc.namespace ? `an unknown namespace "${doc.namespace}"` : 'no namespace'}; read by element names.`);
    }
    const project = readProject(doc.root, warn);
    for (const [kind, n] of project.notCarried) lose(kind, n);

    const texts = new Map<string, SourceText>();
    for (const source of project.sources) {
      if (source.plainTextContent !== null) {
        texts.set(source.guid, { raw: stripBom(source.plainTextContent), bytes: Buffer.byteLength(source.plainTextContent) });
        continue;
      }
      const entry = source.plainTextPath ? findSourceEntry(zip, source.plainTextPath) : undefined;
      if (!entry) {
        warn(`Source "${source.name}" was skipped: its text ${source.plainTextPath ? `"${source.plainTextPath}" is not in the archive` : 'is missing (no PlainTextContent or plainTextPath)'}.`);
        continue;
      }
      const data = await zip.readEntry(entry.name);
      texts.set(source.guid, { raw: decodeSourceText(data, `The text of "${source.name}"`, warn), bytes: data.length });
    }
    const noteTexts = new Map<string, string>();
    for (const note of project.notes) {
      if (note.text !== null) noteTexts.set(note.guid, note.text);
      else if (note.plainTextPath) {
        const entry = findSourceEntry(zip, note.plainTextPath);
        if (entry) noteTexts.set(note.guid, decodeSourceText(await zip.readEntry(entry.name), `Note "${note.name}"`, warn));
        else warn(`Note "${note.name}": its text "${note.plainTextPath}" is not in the archive; imported with an empty body.`);
      }
    }

    const { themes, idByGuid } = importThemes(project.codes, warn);
    const imported = importArticles({ project, texts, themeIdByGuid: idByGuid, fileName, now, warn, lose });
    const memos = importMemos({ project, noteTexts, highlightByGuid: imported.highlightByGuid, articleByGuid: imported.articleByGuid, now, lose });
    return {
      snapshot: { name: project.name, articles: imported.articles, themes, highlights: imported.highlights, memos },
      warnings,
      notCarried: [...lost].map(([kind, n]) => `${n} ${kind}`),
    };
  } finally {
    zip.close();
  }
}
