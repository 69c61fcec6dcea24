// Importing a project or codebook file into the store the app has open, or
// into a new store file: parse everything first (pure), then write in one
// transaction (store-write.ts). Also the routing of .qdpx/.qdc files that
// reach the generic article import (`quarry import`, the app's Import).
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { backupAndRotate, isEmptyStore } from '../../db/backups';
import { StoreError, fromSqliteError } from '../../db/errors';
import type { ImportOutcome, ImportSummary } from '../api/contract';
import type { InterchangeImportSummary } from '../api/contract-interchange';
import { changed, type Context } from '../context';
import { checkSize } from '../import/decode';
import type { ImportItem } from '../import/service';
import { isInterchangeFile, parseInterchangeFile } from './import-file';
import { writeNewStore, writeSnapshot, type WriteReport } from './store-write';
import { ALL_SCOPES, openAnotherStore } from '../files/store-switch';

/** Largest interchange file read from disk (a .qdpx of a big project is tens of MB). */
const MAX_INTERCHANGE_BYTES = 512 * 1024 * 1024;

/** Reads an interchange file from disk, refusing what is too large before reading it. */
export async function readInterchangeFile(path: string, name: string): Promise<Uint8Array> {
  try {
    const st = await fs.stat(path);
    checkSize(st.size, name, MAX_INTERCHANGE_BYTES);
    return await fs.readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreError('not-found', `There is no file at ${path}.`);
    throw err;
  }
}

export interface InterchangeImportOptions {
  name: string;
  bytes: Uint8Array;
  target: 'open' | 'new';
  newStorePath?: string;
  openAfter?: boolean;
}

export async function importInterchange(ctx: Context, o: InterchangeImportOptions): Promise<InterchangeImportSummary> {
  const file = basename(o.name);
  const parsed = await parseInterchangeFile(file, o.bytes); // parse fully before anything is written
  const summary = (report: WriteReport, storePath: string, backupPath: string | null, opened: boolean): InterchangeImportSummary => ({
    file,
    kind: parsed.kind,
    name: parsed.name,
    target: o.target,
    storePath,
    articles: report.articles,
    themes: report.themes,
    highlights: report.highlights,
    memos: report.memos,
    addedThemes: report.addedThemes,
    existingThemes: report.existingThemes,
    warnings: [...parsed.warnings, ...report.warnings],
    notCarried: parsed.notCarried,
    backupPath,
    opened,
  });
  if (o.target === 'new') {
    if (!o.newStorePath) throw new StoreError('invalid', 'Importing into a new store needs the path of the new store file.');
    const created = await writeNewStore(o.newStorePath, (db) => writeSnapshot(db, parsed.snapshot, { fileName: file }));
    const open = o.openAfter !== false;
    if (open) await openAnotherStore(ctx, created.path, { fresh: true });
    return summary(created.result, created.path, null, open);
  }
  // A project merged into a store with data gets a backup first: imports are not journalled, the backup is their undo.
  const backup = parsed.kind === 'project' && !isEmptyStore(ctx.store.db) ? await backupAndRotate(ctx.store.db, ctx.store.path, 'before-import') : null;
  let report: WriteReport;
  try {
    report = writeSnapshot(ctx.store.db, parsed.snapshot, { fileName: file });
  } catch (err) {
    throw fromSqliteError(err, ctx.store.path, `Importing ${file}`);
  }
  ctx.importer.invalidate();
  changed(ctx, ...ALL_SCOPES);
  return summary(report, ctx.store.path, backup?.path ?? null, false);
}

function describeCounts(s: InterchangeImportSummary): string {
  const part = (n: { added: number; existing: number }, what: string) => `${n.added} ${what} added${n.existing ? ` (${n.existing} already there)` : ''}`;
  return s.kind === 'project'
    ? [part(s.articles, 'articles'), part(s.themes, 'themes'), part(s.highlights, 'highlights'), part(s.memos, 'memos')].join(', ')
    : part(s.themes, 'themes');
}

/** Splits off the .qdpx/.qdc files of an import batch: they go to the interchange importer. */
export function splitInterchangeItems(items: ImportItem[]): { interchange: ImportItem[]; rest: ImportItem[] } {
  return { interchange: items.filter((i) => isInterchangeFile(i.name)), rest: items.filter((i) => !isInterchangeFile(i.name)) };
}

/** Imports .qdpx/.qdc files into the open store, one outcome per file (the ImportSummary shape). */
export async function importInterchangeItems(ctx: Context, items: ImportItem[]): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const item of items) {
    try {
      const bytes = 'bytes' in item ? item.bytes : await readInterchangeFile(item.path, item.name);
      const s = await importInterchange(ctx, { name: item.name, bytes, target: 'open' });
      outcomes.push({
        file: item.name,
        status: 'imported',
        title: `${s.kind === 'project' ? 'project' : 'codebook'} “${s.name}”: ${describeCounts(s)}`,
        message: describeCounts(s),
        warnings: [...s.warnings, ...s.notCarried.map((n) => `not carried over: ${n}`)],
      });
    } catch (err) {
      outcomes.push({ file: item.name, status: 'skipped', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcomes;
}

/** Adds interchange outcomes to a batch summary. */
export function withOutcomes(summary: ImportSummary, outcomes: ImportOutcome[]): ImportSummary {
  return {
    ...summary,
    imported: summary.imported + outcomes.filter((o) => o.status === 'imported').length,
    skipped: summary.skipped + outcomes.filter((o) => o.status === 'skipped').length,
    results: [...outcomes, ...summary.results],
  };
}
