// Handlers for exports, interchange imports, backups and store files (issue 6).
// The work lives in electron/interchange/ and db/backups.ts; these wire it to
// the contract, write files atomically when given a path, and tell windows
// what changed.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { backupAndRotate, backupDir, getBackupSettings, listBackups, setBackupSettings } from '../../../db/backups';
import { StoreError, fromSqliteError } from '../../../db/errors';
import { backupTo } from '../../../db/maintenance';
import type { ExportProgress, ExportResult, InterchangeImportSummary } from '../contract-interchange';
import type { interchangeContract } from '../contract-interchange';
import type { ImportOutcome, ImportSummary } from '../contract';
import { changed, type Context } from '../context';
import type { ImportItem } from '../../import/service';
import { checkSize } from '../../import/decode';
import { checkTarget, fileError, tempPathFor, writeFileAtomic } from '../../interchange/atomic-write';
import { codebookTask, countExcerpts, excerptsTask, projectTask, runToEnd, type ExportFile, type ExportTask } from '../../interchange/export-tasks';
import { isInterchangeFile, parseInterchangeFile } from '../../interchange/import-file';
import { recentStoresView } from '../../interchange/recent-stores';
import { writeNewStore, writeSnapshot, type WriteReport } from '../../interchange/store-write';
import { ALL_SCOPES, openAnotherStore, restoreBackup } from '../../interchange/store-switch';
import type { HandlerGroup } from './types';

/** Largest interchange file read from disk (a .qdpx of a big project is tens of MB). */
const MAX_INTERCHANGE_BYTES = 512 * 1024 * 1024;

async function finish(file: ExportFile, outPath: string | undefined): Promise<ExportResult> {
  const base = { mimeType: file.mimeType, count: file.count, bytes: file.data.byteLength, warnings: file.warnings };
  if (!outPath) return { ...base, fileName: file.fileName, base64: file.data.toString('base64') };
  const written = await writeFileAtomic(outPath, file.data, `Exporting ${file.fileName}`);
  return { ...base, fileName: basename(written.path), path: written.path };
}

// ---- export jobs: one bounded step per call, so the UI can show progress ----

interface Job {
  task: ExportTask;
  /** The store the job reads; another store opened (or a restore) ends the job. */
  db: Context['store']['db'];
  outPath?: string;
  touched: number;
}
const jobs = new Map<string, Job>();
const MAX_JOBS = 8;
const JOB_TTL_MS = 30 * 60_000;

function progress(jobId: string, task: ExportTask, result: ExportResult | null): ExportProgress {
  return { jobId, done: task.done, total: task.total, phase: task.phase, result };
}

function dropStaleJobs(now: number): void {
  for (const [id, job] of jobs) if (now - job.touched > JOB_TTL_MS) jobs.delete(id);
  while (jobs.size >= MAX_JOBS) jobs.delete(jobs.keys().next().value!);
}

// ---- interchange import ----

export interface InterchangeImportOptions {
  name: string;
  bytes: Uint8Array;
  target: 'open' | 'new';
  newStorePath?: string;
  openAfter?: boolean;
}

const isEmptyStore = (ctx: Context) =>
  (ctx.store.db.prepare('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM themes) + (SELECT count(*) FROM memos) AS n').get() as { n: number }).n === 0;

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
  const backup = parsed.kind === 'project' && !isEmptyStore(ctx) ? await backupAndRotate(ctx.store.db, ctx.store.path, 'before-import') : null;
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
      let bytes: Uint8Array;
      if ('bytes' in item) bytes = item.bytes;
      else {
        const st = await fs.stat(item.path);
        checkSize(st.size, item.name, MAX_INTERCHANGE_BYTES);
        bytes = await fs.readFile(item.path);
      }
      const s = await importInterchange(ctx, { name: item.name, bytes, target: 'open' });
      outcomes.push({
        file: item.name,
        status: 'imported',
        title: `${s.kind === 'project' ? 'project' : 'codebook'} “${s.name}”: ${describeCounts(s)}`,
        message: describeCounts(s),
        warnings: [...s.warnings, ...s.notCarried.map((n) => `not carried over: ${n}`)],
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? `${item.name}: no such file` : err instanceof Error ? err.message : String(err);
      outcomes.push({ file: item.name, status: 'skipped', message });
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

export const interchangeHandlers: HandlerGroup<keyof typeof interchangeContract> = {
  'exports.excerpts': async (ctx, i) => finish(await runToEnd(excerptsTask(ctx.store.db, i)), i.outPath),
  'exports.codebook': async (ctx, i) => finish(await runToEnd(codebookTask(ctx.store.db, ctx.store.path, i.format)), i.outPath),
  'exports.project': async (ctx, i) => finish(await runToEnd(projectTask(ctx.store.db, ctx.store.path)), i.outPath),
  'exports.excerptsCount': (ctx, i) => countExcerpts(ctx.store.db, i),

  'exports.start': (ctx, i) => {
    const given = [i.excerpts, i.codebook, i.project].filter(Boolean).length;
    if (given !== 1) throw new StoreError('invalid', 'exports.start: give exactly one of excerpts, codebook or project.');
    const task = i.excerpts
      ? excerptsTask(ctx.store.db, i.excerpts)
      : i.codebook
        ? codebookTask(ctx.store.db, ctx.store.path, i.codebook.format)
        : projectTask(ctx.store.db, ctx.store.path);
    const now = Date.now();
    dropStaleJobs(now);
    const jobId = randomUUID();
    jobs.set(jobId, { task, db: ctx.store.db, outPath: (i.excerpts ?? i.codebook ?? i.project)?.outPath, touched: now });
    return progress(jobId, task, null);
  },
  'exports.step': async (ctx, i) => {
    const job = jobs.get(i.jobId);
    if (!job) throw new StoreError('not-found', 'This export is no longer running (finished, cancelled or expired); start it again.');
    if (job.db !== ctx.store.db) {
      jobs.delete(i.jobId);
      throw new StoreError('conflict', 'Another store was opened (or a backup restored) while exporting; start the export again.');
    }
    job.touched = Date.now();
    let file: ExportFile | null;
    try {
      file = await job.task.step();
    } catch (err) {
      jobs.delete(i.jobId);
      throw err;
    }
    if (!file) return progress(i.jobId, job.task, null);
    jobs.delete(i.jobId);
    return progress(i.jobId, job.task, await finish(file, job.outPath));
  },
  'exports.cancel': (_ctx, i) => ({ cancelled: jobs.delete(i.jobId) }),

  'interchange.importFile': async (ctx, i) => {
    if (!i.data === !i.path) throw new StoreError('invalid', 'interchange.importFile: give either the file data or its path.');
    let bytes: Uint8Array;
    if (i.data !== undefined) bytes = Buffer.from(i.data, 'base64');
    else {
      try {
        const st = await fs.stat(i.path!);
        checkSize(st.size, i.name, MAX_INTERCHANGE_BYTES);
        bytes = await fs.readFile(i.path!);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreError('not-found', `There is no file at ${i.path}.`);
        throw err;
      }
    }
    return importInterchange(ctx, { name: i.name, bytes, target: i.target, newStorePath: i.newStorePath, openAfter: i.openAfter });
  },

  'store.saveCopy': async (ctx, i) => {
    if (i.path) {
      // Backup API into a temporary file beside the target, then rename: never a half copy under the real name.
      const target = await checkTarget(i.path, 'Saving a copy of the store');
      if (target === ctx.store.path) throw new StoreError('invalid', 'That is the open store itself; choose another file name.');
      const tmp = tempPathFor(target, 'sqlite');
      try {
        await backupTo(ctx.store.db, tmp);
        await fs.rename(tmp, target);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        const mapped = fromSqliteError(err, target, 'Saving a copy of the store');
        throw mapped instanceof StoreError ? mapped : fileError(err, target, 'Saving a copy of the store');
      }
      return { fileName: basename(target), bytes: (await fs.stat(target)).size, path: target };
    }
    // No path (browser host): a consistent copy in a temp folder, sent as a download.
    const dir = await fs.mkdtemp(join(tmpdir(), 'quarry-copy-'));
    try {
      const file = join(dir, 'copy.sqlite');
      await backupTo(ctx.store.db, file);
      const data = await fs.readFile(file);
      return { fileName: `${basename(ctx.store.path, '.sqlite')}-copy.sqlite`, bytes: data.byteLength, base64: data.toString('base64') };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
  'store.backups': (ctx) => ({ dir: backupDir(ctx.store.path), settings: getBackupSettings(ctx.store.db), backups: listBackups(ctx.store.path) }),
  'store.backupNow': (ctx) => backupAndRotate(ctx.store.db, ctx.store.path, 'manual'),
  'store.setBackupSettings': (ctx, i) => setBackupSettings(ctx.store.db, { keep: i.keep, ...(i.intervalHours !== undefined ? { intervalHours: i.intervalHours } : {}) }),
  'store.restore': (ctx, i) => restoreBackup(ctx, i.backupPath),
  'store.open': (ctx, i) => openAnotherStore(ctx, i.path, { create: i.create }),
  'store.recent': (ctx) => ({
    current: ctx.store.path,
    stores: recentStoresView(ctx.recentStoresFile ?? '', ctx.store.path),
  }),
};
