// Handlers for exports, interchange imports, backups and store files (issue 6).
// The work lives in electron/interchange/ and db/backups.ts; these wire it to
// the contract, write files atomically when given a path, and tell windows
// what changed.
import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { backupAndRotate, backupDir, getBackupSettings, listBackups, setBackupSettings } from '../../../db/backups';
import { StoreError } from '../../../db/errors';
import type { ExportProgress, ExportResult, interchangeContract } from '../contract-interchange';
import type { Context } from '../context';
import { writeFileAtomic } from '../../../db/atomic-write';
import { codebookTask, countExcerpts, excerptsTask, projectTask, runToEnd, type ExportFile, type ExportTask } from '../../export/jobs';
import { importInterchange, readInterchangeFile } from '../../refi/import-service';
import { recentStoresView } from '../../files/recent-stores';
import { copyForDownload, saveCopyTo } from '../../files/store-copy';
import { openAnotherStore, restoreBackup } from '../../files/store-switch';
import type { HandlerGroup } from './types';

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
    const bytes = i.data !== undefined ? Buffer.from(i.data, 'base64') : await readInterchangeFile(i.path!, i.name);
    return importInterchange(ctx, { name: i.name, bytes, target: i.target, newStorePath: i.newStorePath, openAfter: i.openAfter });
  },

  'store.saveCopy': (ctx, i) => (i.path ? saveCopyTo(ctx.store, i.path) : copyForDownload(ctx.store)),
  'store.backups': (ctx) => ({ dir: backupDir(ctx.store.path), settings: getBackupSettings(ctx.store.db), backups: listBackups(ctx.store.path) }),
  'store.backupNow': (ctx) => backupAndRotate(ctx.store.db, ctx.store.path, 'manual'),
  'store.setBackupSettings': (ctx, i) => setBackupSettings(ctx.store.db, { keep: i.keep, ...(i.intervalHours !== undefined ? { intervalHours: i.intervalHours } : {}) }),
  'store.restore': (ctx, i) => {
    if ((i.backupName === undefined) === (i.backupPath === undefined)) throw new StoreError('invalid', 'store.restore: give either backupName (from store.backups) or backupPath.');
    return restoreBackup(ctx, i.backupPath ?? backupNamed(ctx, i.backupName!));
  },
  'store.open': (ctx, i) => {
    if ((i.recentId === undefined) === (i.path === undefined)) throw new StoreError('invalid', 'store.open: give either recentId (from store.recent) or path.');
    if (i.path !== undefined) return openAnotherStore(ctx, i.path, { create: i.create });
    return openAnotherStore(ctx, recentNamed(ctx, i.recentId!));
  },
  'store.recent': (ctx) => ({
    current: ctx.store.path,
    stores: recentStoresView(ctx.recentStoresFile ?? '', ctx.store.path).map((s) => ({ id: recentId(s.path), ...s })),
  }),
};

/** A backup by name: only what the store's own backups folder lists, so a name can never point elsewhere. */
function backupNamed(ctx: Context, name: string): string {
  const found = listBackups(ctx.store.path).find((b) => b.name === name);
  if (!found) throw new StoreError('not-found', `store.restore: there is no backup named "${name}" in ${backupDir(ctx.store.path)}; choose one from the list of backups.`);
  return found.path;
}

/** Stable while the list is reordered, and says nothing about the path to someone who has not seen the list. */
const recentId = (path: string): string => createHash('sha256').update(path).digest('hex').slice(0, 16);

function recentNamed(ctx: Context, id: string): string {
  const found = recentStoresView(ctx.recentStoresFile ?? '', ctx.store.path).find((s) => recentId(s.path) === id);
  if (!found) throw new StoreError('not-found', 'store.open: that store is no longer in the recent list; open it from the desktop app or the command line.');
  return found.path;
}
