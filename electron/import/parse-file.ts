// Format detection and dispatch: bytes + file name in, parsed articles out.
// Runs inside the import worker (never on the thread that answers the UI).
import { applyCuts, detectClutter } from './clutter';
import { boundMetadata, checkBodyLength, checkTextFileSize } from './limits';
import { parsePlainText } from './text';
import { ImportError, type ParsedArticle } from './types';

export const SUPPORTED_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'html', 'htm', 'xhtml', 'docx', 'pdf', 'epub', 'csv', 'jsonl', 'ndjson'] as const;

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

export function isSupported(fileName: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}

export interface ParseOptions {
  /** Apply the clutter detector's proposed cuts (CLI --clean). */
  clean?: boolean;
  /** For pasted text: 'paste'; otherwise taken from the extension. */
  format?: 'paste' | 'txt' | 'md';
}

export interface ParsedFileArticle extends ParsedArticle {
  format: string;
  /** For batch files: which row this came from ("row 12"). */
  rowLabel?: string;
}

export interface ParsedFile {
  articles: ParsedFileArticle[];
  /** Rows of a batch file that could not be read. */
  problems: { row: number; message: string }[];
}

export async function parseFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedFile> {
  const ext = options.format === 'paste' ? 'paste' : extensionOf(fileName);
  // The service refuses these before reading the file; checked again here for every other caller.
  checkTextFileSize(bytes.length, fileName, ext === 'paste' ? '' : ext);
  const input = { bytes, fileName };
  let articles: ParsedFileArticle[];
  let problems: ParsedFile['problems'] = [];
  switch (ext) {
    case 'paste':
    case 'txt':
    case 'text':
    case '':
      articles = [{ ...parsePlainText({ ...input, format: ext === 'paste' ? 'paste' : 'txt' }), format: ext || 'txt' }];
      break;
    case 'md':
    case 'markdown':
      articles = [{ ...parsePlainText({ ...input, format: 'md' }), format: 'md' }];
      break;
    case 'html':
    case 'htm':
    case 'xhtml': {
      const { parseHtml } = await import('./html');
      articles = [{ ...(await parseHtml(input)), format: 'html' }];
      break;
    }
    case 'docx': {
      const { parseDocx } = await import('./docx');
      articles = [{ ...(await parseDocx(input)), format: 'docx' }];
      break;
    }
    case 'pdf': {
      const { parsePdf } = await import('./pdf');
      articles = [{ ...(await parsePdf(input)), format: 'pdf' }];
      break;
    }
    case 'epub': {
      const { parseEpub } = await import('./epub');
      articles = [{ ...(await parseEpub(input)), format: 'epub' }];
      break;
    }
    case 'csv':
    case 'jsonl':
    case 'ndjson': {
      const { parseBatch } = await import('./batch');
      const r = await parseBatch(input);
      articles = r.articles.map((a) => ({ ...a, format: ext }));
      problems = r.problems;
      break;
    }
    default:
      throw new ImportError(fileName, 'unsupported', `.${ext} files are not supported (Quarry imports ${SUPPORTED_EXTENSIONS.map((e) => '.' + e).join(', ')}).`);
  }
  for (const a of articles) {
    // Before clutter detection, which walks the whole body line by line.
    checkBodyLength(a.body.length, fileName, a.rowLabel ? `the text of ${a.rowLabel}` : 'the text');
    a.metadata = boundMetadata(a.metadata, a.warnings);
    if (a.cuts.length === 0 && !['csv', 'jsonl', 'ndjson'].includes(ext)) a.cuts = detectClutter(a.body, a.metadata);
    if (options.clean && a.cuts.length > 0) {
      a.body = applyCuts(a.body, a.cuts);
      a.cuts = [];
    }
    if (a.body.trim().length === 0) throw new ImportError(fileName, 'no-text', 'contains no text to import.');
  }
  return { articles, problems };
}
