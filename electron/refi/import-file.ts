// Which interchange format a file is, and reading it into a snapshot (pure:
// bytes in, snapshot out; the store is written elsewhere, in one transaction).
// Projects: .qdpx (zip), or a bare .qde whose sources are inline. Codebooks:
// .qdc, CSV (path, description, colour) and a Markdown list.
import { extname } from 'node:path';
import { ImportError } from '../import/types';
import { looksLikeZip } from '../import/zip-safety';
import { codebookFromCsv } from './codebook';
import { codebookFromMarkdown } from './codebook-markdown';
import { importQdc } from './qdc-import';
import { importQdpx } from './qdpx-import';
import type { ProjectSnapshot } from './snapshot';
import { refuseDeepThemes } from './theme-depth';
import { themesFromPaths } from './theme-merge';
import { buildZip } from './zip-write';

export type InterchangeKind = 'project' | 'codebook';

/** A .qdpx holds one file per source: allow projects of many thousand articles (the size limits still apply). */
const PROJECT_ZIP_LIMITS = { maxEntries: 200_000 };

export interface ParsedInterchange {
  kind: InterchangeKind;
  name: string;
  snapshot: ProjectSnapshot;
  warnings: string[];
  notCarried: string[];
}

/** Extensions routed to the interchange importer by `quarry import` and the app's import. */
export const INTERCHANGE_EXTENSIONS = ['qdpx', 'qdc'] as const;

export function isInterchangeFile(name: string): boolean {
  return (INTERCHANGE_EXTENSIONS as readonly string[]).includes(extname(name).slice(1).toLowerCase());
}

const codebookSnapshot = (name: string, themes: ProjectSnapshot['themes']): ProjectSnapshot => ({ name, articles: [], themes, highlights: [], memos: [] });

function decodeText(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportError(fileName, 'encoding', 'is not UTF-8 text; save it as UTF-8 and import it again.');
  }
}

export async function parseInterchangeFile(fileName: string, bytes: Uint8Array): Promise<ParsedInterchange> {
  const parsed = await parseByFormat(fileName, bytes);
  refuseDeepThemes(parsed.snapshot.themes, fileName); // one check for every format
  return parsed;
}

async function parseByFormat(fileName: string, bytes: Uint8Array): Promise<ParsedInterchange> {
  if (bytes.byteLength === 0) throw new ImportError(fileName, 'empty', 'the file is empty.');
  const ext = extname(fileName).slice(1).toLowerCase();
  if (ext === 'qdpx' || (looksLikeZip(bytes) && ext !== 'qdc')) {
    const r = await importQdpx(bytes, fileName, { limits: PROJECT_ZIP_LIMITS });
    return { kind: 'project', name: r.snapshot.name || fileName, ...r };
  }
  if (ext === 'qde') {
    // A project file on its own: sources must be inline (PlainTextContent); missing texts are reported.
    const r = await importQdpx(await buildZip([{ path: 'project.qde', data: Buffer.from(bytes) }]), fileName);
    return { kind: 'project', name: r.snapshot.name || fileName, ...r };
  }
  if (ext === 'qdc' || ext === 'xml') {
    const r = importQdc(bytes, fileName);
    return { kind: 'codebook', name: fileName, snapshot: codebookSnapshot(fileName, r.themes), warnings: r.warnings, notCarried: [] };
  }
  if (ext === 'csv' || ext === 'tsv') {
    const r = codebookFromCsv(decodeText(bytes, fileName));
    return { kind: 'codebook', name: fileName, snapshot: codebookSnapshot(fileName, themesFromPaths(r.themes)), warnings: r.warnings, notCarried: [] };
  }
  if (ext === 'md' || ext === 'markdown') {
    const r = codebookFromMarkdown(decodeText(bytes, fileName));
    return { kind: 'codebook', name: fileName, snapshot: codebookSnapshot(fileName, themesFromPaths(r.themes)), warnings: r.warnings, notCarried: [] };
  }
  throw new ImportError(fileName, 'unsupported', 'is not a project (.qdpx) or codebook (.qdc, .csv, .md) file.');
}
