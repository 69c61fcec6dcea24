// The interchange contract methods on real stores: exports (one shot, as a
// job with progress, to a path), backups, restore (and its undo), save a copy,
// open another store and the recent stores list.
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backups';
import { openStore } from '../../db/store';
import { onCleanup, tempDir, tempStore } from '../../test/helpers';
import { closeContext, createContext } from '../app-context';
import type { Context } from './context';
import type { ExportResult } from './contract-interchange';
import { call, dispatch } from './dispatch';
import { counts, fillRichStore, storeFingerprint, type RichStore } from '../../test/fixtures/rich-store';

async function richCtx(): Promise<{ ctx: Context; rich: RichStore; dir: string }> {
  const dir = tempDir();
  const ctx = await createContext(path.join(dir, 'study.sqlite'), 'cli');
  ctx.recentStoresFile = path.join(dir, 'recent-stores.json');
  onCleanup(() => closeContext(ctx));
  return { ctx, rich: fillRichStore(ctx.store), dir };
}

const bytesOf = (r: ExportResult) => Buffer.from(r.base64!, 'base64');
const csvRows = (r: ExportResult) => Papa.parse<string[]>(bytesOf(r).toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('exports.excerpts', () => {
  it('CSV: BOM, header, one row per passage and theme; a theme includes its sub-themes', async () => {
    const { ctx, rich } = await richCtx();
    const r = await call(ctx, 'exports.excerpts', { format: 'csv', themeIds: [rich.themes.china] });
    expect(r.mimeType).toBe('text/csv; charset=utf-8');
    expect(r.fileName).toBe('Excerpts - China leverage.csv');
    expect(bytesOf(r).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = csvRows(r);
    expect(header).toEqual(['Theme', 'Quote', 'Comment', 'Article', 'Source', 'Author', 'Published', 'URL', 'Start', 'End', 'Created']);
    expect(r.count).toBe(3); // passages tagged China leverage or Export controls
    expect(rows.map((x) => x[0]).sort()).toEqual(['Geopolitics > China leverage', 'Geopolitics > China leverage', 'Geopolitics > China leverage', 'Geopolitics > China leverage > Export controls']);
    const first = rows.find((x) => x[1].startsWith('The port handles'))!;
    expect(first.slice(2, 8)).toEqual(['Key figure;\n"90%" vs 80', 'Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains', 'Substack', 'JP-01', '2025-10-28', 'https://example.org/jp-01?a=1&b=2']);
    const only = await call(ctx, 'exports.excerpts', { format: 'csv', themeIds: [rich.themes.china], includeSubThemes: false, rowPer: 'highlight' });
    expect(csvRows(only).slice(1).map((x) => x[0])).toEqual(['Geopolitics > China leverage', 'Geopolitics > China leverage', 'Geopolitics > China leverage']);
  });

  it('filters by article, source and dates; counts match exports.excerptsCount', async () => {
    const { ctx, rich } = await richCtx();
    const all = await call(ctx, 'exports.excerptsCount', {});
    expect(all).toEqual({ highlights: 7, articles: 2 });
    expect(await call(ctx, 'exports.excerptsCount', { source: 'Reuters' })).toEqual({ highlights: 2, articles: 1 });
    expect(await call(ctx, 'exports.excerptsCount', { from: '2025-10-02' })).toEqual({ highlights: 5, articles: 1 });
    expect(await call(ctx, 'exports.excerptsCount', { to: '2025-10' })).toEqual({ highlights: 7, articles: 2 });
    expect(await call(ctx, 'exports.excerptsCount', { to: '2025-10-01' })).toEqual({ highlights: 2, articles: 1 });
    expect(await call(ctx, 'exports.excerptsCount', { articleIds: [rich.articleIds[0]] })).toEqual({ highlights: 2, articles: 1 });
    const r = await call(ctx, 'exports.excerpts', { format: 'json', source: 'Reuters' });
    const json = JSON.parse(bytesOf(r).toString('utf8')) as { type: string; total: number; first: { items: { target: { selector: { type: string }[] } }[] } };
    expect(json.type).toBe('AnnotationCollection');
    expect(json.total).toBe(2);
    expect(json.first.items[0].target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
  });

  it('XLSX: an "All" sheet and one per theme; Markdown and DOCX grouped by theme with descriptions', async () => {
    const { ctx } = await richCtx();
    const xlsx = await call(ctx, 'exports.excerpts', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('All');
    expect(wb.worksheets.length).toBeGreaterThan(4);
    expect(wb.worksheets[0].getRow(1).font?.bold).toBe(true);
    const md = bytesOf(await call(ctx, 'exports.excerpts', { format: 'md', title: 'Report' })).toString('utf8');
    expect(md).toMatch(/^# Report\n/);
    expect(md).toContain('## Geopolitics > China leverage\n\nDominance in processing');
    expect(md).toContain('> 🇳🇱 Harbour Desk Brief: Four Pressure Points');
    // Groups follow the codebook as far as passages with several themes allow.
    expect(md.indexOf('## Geopolitics\n')).toBeLessThan(md.indexOf('## Economics'));
    const docx = await call(ctx, 'exports.excerpts', { format: 'docx' });
    expect(bytesOf(docx).subarray(0, 2).toString()).toBe('PK');
    expect(docx.fileName).toBe('Excerpts.docx');
  });

  it('runs as a job: steps report growing progress and end with the same file as one call', async () => {
    const { ctx } = await richCtx();
    let p = await call(ctx, 'exports.start', { excerpts: { format: 'csv' } });
    expect(p.result).toBeNull();
    const seen = [p.done];
    while (!p.result) {
      p = await call(ctx, 'exports.step', { jobId: p.jobId });
      seen.push(p.done);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(p.done).toBe(p.total);
    const once = await call(ctx, 'exports.excerpts', { format: 'csv' });
    expect(p.result.base64).toBe(once.base64);
    const gone = await dispatch(ctx, 'exports.step', { jobId: p.jobId });
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
    const started = await call(ctx, 'exports.start', { project: { format: 'qdpx' } });
    expect(await call(ctx, 'exports.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    const two = await dispatch(ctx, 'exports.start', { excerpts: { format: 'csv' }, codebook: { format: 'csv' } });
    expect(two.ok ? null : two.error.message).toMatch(/exactly one/);
  });

  it('writes to a path atomically; a target that is not writable fails clearly and changes nothing', async () => {
    const { ctx, dir } = await richCtx();
    const out = path.join(dir, 'out', 'x.csv');
    const before = storeFingerprint(ctx.store.db);
    const bad = await dispatch(ctx, 'exports.excerpts', { format: 'csv', outPath: out });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain(out);
    const file = path.join(dir, 'a-file.txt');
    writeFileSync(file, 'x');
    const inside = await dispatch(ctx, 'exports.project', { outPath: path.join(file, 'p.qdpx') });
    expect(inside.ok ? null : inside.error).toMatchObject({ code: 'io', message: expect.stringContaining(path.join(file, 'p.qdpx')) });
    expect(storeFingerprint(ctx.store.db)).toBe(before);

    const target = path.join(dir, 'excerpts.md');
    const r = await call(ctx, 'exports.excerpts', { format: 'md', outPath: target });
    expect(r.path).toBe(target);
    expect(r.base64).toBeUndefined();
    expect(readFileSync(target, 'utf8')).toMatch(/^# Excerpts/);
  });
});

describe('exports.codebook and exports.project', () => {
  it('codebook as CSV (path, description, colour), Markdown and .qdc; an empty codebook cannot be a .qdc', async () => {
    const { ctx } = await richCtx();
    const csv = Papa.parse<string[]>(bytesOf(await call(ctx, 'exports.codebook', { format: 'csv' })).toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual(['path', 'description', 'color']);
    expect(csv.slice(1).map((r) => r[0])).toEqual(['Geopolitics', 'Geopolitics > China leverage', 'Geopolitics > China leverage > Export controls', 'Geopolitics > Alliances', 'Economics <"&">', 'Economics <"&"> > 日本語 🇯🇵']);
    const md = await call(ctx, 'exports.codebook', { format: 'md' });
    expect(bytesOf(md).toString('utf8')).toContain('- **Geopolitics**\n  State power & strategy\n  - **China leverage**');
    const qdc = await call(ctx, 'exports.codebook', { format: 'qdc' });
    expect(qdc.count).toBe(6);
    expect(qdc.fileName).toBe('Codebook of study.qdc');

    const empty = await createContext(path.join(tempDir(), 'empty.sqlite'), 'cli');
    onCleanup(() => closeContext(empty));
    const r = await dispatch(empty, 'exports.codebook', { format: 'qdc' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/codebook is empty/) });
  });

  it('project as .qdpx, named after the store', async () => {
    const { ctx } = await richCtx();
    const r = await call(ctx, 'exports.project', {});
    expect(r.fileName).toBe('study.qdpx');
    expect(r.mimeType).toBe('application/zip');
    expect(r.count).toBe(4);
  });
});

describe('backups, restore, save a copy', () => {
  it('lists, makes and rotates backups with the configured count', async () => {
    const { ctx } = await richCtx();
    const first = await call(ctx, 'store.backups', {});
    expect(first.settings).toEqual({ keep: 10, intervalHours: 24 });
    expect(first.dir).toBe(`${ctx.store.path}.backups`);
    await call(ctx, 'store.setBackupSettings', { keep: 2 });
    for (let i = 0; i < 3; i++) await call(ctx, 'store.backupNow', {});
    const after = await call(ctx, 'store.backups', {});
    expect(after.backups).toHaveLength(2);
    expect(after.backups.every((b) => b.reason === 'manual')).toBe(true);
  });

  it('restore replaces the open store with a backup, first saving the current state, so it can be undone', async () => {
    const { ctx } = await richCtx();
    const backup = await call(ctx, 'store.backupNow', {});
    const original = storeFingerprint(ctx.store.db);
    await call(ctx, 'articles.delete', { ids: [1, 2] });
    await call(ctx, 'memos.create', { title: 'Written after the backup' });
    const changed = storeFingerprint(ctx.store.db);
    const events: string[][] = [];
    ctx.events.on('store.changed', (e) => events.push(e.scopes));

    const r = await call(ctx, 'store.restore', { backupPath: backup.path });
    expect(r.restoredFrom).toBe(backup.path);
    expect(r.undoBackup.reason).toBe('before-restore');
    expect(storeFingerprint(ctx.store.db)).toBe(original);
    expect((await call(ctx, 'articles.list', {})).length).toBe(4);
    expect(events.at(-1)).toEqual(expect.arrayContaining(['articles', 'themes', 'highlights', 'memos']));

    // Undo the restore: restore the state saved just before it.
    await call(ctx, 'store.restore', { backupPath: r.undoBackup.path });
    expect(storeFingerprint(ctx.store.db)).toBe(changed);
    expect(listBackups(ctx.store.path).filter((b) => b.reason === 'before-restore')).toHaveLength(2);
  });

  it('restore refuses a file that is not a Quarry store, and the store itself, without changing anything', async () => {
    const { ctx, dir } = await richCtx();
    const before = storeFingerprint(ctx.store.db);
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database, only text, long enough to have a header of some kind');
    const r = await dispatch(ctx, 'store.restore', { backupPath: junk });
    expect(r.ok ? null : r.error.code).toBe('corrupt');
    const self = await dispatch(ctx, 'store.restore', { backupPath: ctx.store.path });
    expect(self.ok ? null : self.error.code).toBe('invalid');
    expect(storeFingerprint(ctx.store.db)).toBe(before);
    expect(listBackups(ctx.store.path)).toEqual([]);
  });

  it('save a copy: to a path (atomically) or as a download', async () => {
    const { ctx, dir } = await richCtx();
    const target = path.join(dir, 'copy.sqlite');
    const r = await call(ctx, 'store.saveCopy', { path: target });
    expect(r.path).toBe(target);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    const copy = await openStore(target, { skipBackup: true });
    onCleanup(() => copy.close());
    expect(counts(copy.db)).toEqual(counts(ctx.store.db));
    const download = await call(ctx, 'store.saveCopy', {});
    expect(download.fileName).toBe('study-copy.sqlite');
    expect(Buffer.from(download.base64!, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3');
    const bad = await dispatch(ctx, 'store.saveCopy', { path: path.join(target, 'x.sqlite') });
    expect(bad.ok ? null : bad.error.code).toBe('io');
  });
});

describe('store.open and store.recent', () => {
  it('opens another store file (or creates one) and keeps the recent list', async () => {
    const { ctx, dir } = await richCtx();
    const first = ctx.store.path;
    const other = await tempStore('other.sqlite');
    other.close();
    expect((await call(ctx, 'store.open', { path: other.path })).created).toBe(false);
    expect(ctx.store.path).toBe(other.path);
    expect(await call(ctx, 'articles.list', {})).toEqual([]);

    const missing = path.join(dir, 'fresh.sqlite');
    const refused = await dispatch(ctx, 'store.open', { path: missing });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'not-found', message: expect.stringContaining(missing) });
    expect((await call(ctx, 'store.open', { path: missing, create: true })).created).toBe(true);

    const recent = await call(ctx, 'store.recent', {});
    expect(recent.current).toBe(missing);
    expect(recent.stores.map((s) => s.path)).toEqual([missing, other.path, first]);
    expect(recent.stores[0].current).toBe(true);

    await call(ctx, 'store.open', { path: first });
    expect((await call(ctx, 'articles.list', {})).length).toBe(4);
    const damaged = path.join(dir, 'damaged.sqlite');
    writeFileSync(damaged, 'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage');
    const r = await dispatch(ctx, 'store.open', { path: damaged });
    expect(r.ok ? null : r.error.code).toBe('corrupt');
    expect(ctx.store.path).toBe(first); // still usable
    expect((await call(ctx, 'articles.list', {})).length).toBe(4);
  });
});
