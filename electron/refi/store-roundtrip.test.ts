// Quarry store -> .qdpx -> new store, on real SQLite files with the sample
// corpus (emoji, flags, Japanese): the same articles, themes, highlights
// (same quotes), comments and memos; the project validates against the XSD.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor } from '../../db/maintenance';
import { openStore } from '../../db/store';
import { onCleanup, tempDir, tempStore } from '../../test/helpers';
import { openZipSafely } from '../import/zip-safety';
import { codebookTask, projectTask, runToEnd } from '../export/jobs';
import { importQdpx } from './qdpx-import';
import { snapshotFromStore } from './store-snapshot';
import { writeNewStore, writeSnapshot } from './store-write';
import { comparableStore, fillRichStore } from '../../test/fixtures/rich-store';
import { describeIfShared } from '../../test/helpers/shared';
import { validateWithXsd } from '../../test/helpers/xsd';

async function exportProject(store: Awaited<ReturnType<typeof tempStore>>) {
  return runToEnd(projectTask(store.db, store.path));
}

async function qdeOf(qdpx: Buffer): Promise<string> {
  const zip = await openZipSafely(qdpx, 'project.qdpx');
  try {
    return await zip.readText('project.qde');
  } finally {
    zip.close();
  }
}

describe('store -> .qdpx -> new store', () => {
  it('gives the same articles, themes, highlights (same quotes), comments and memos', async () => {
    const source = await tempStore();
    fillRichStore(source);
    const file = await exportProject(source);
    expect(file.fileName).toMatch(/\.qdpx$/);
    expect(file.count).toBe(4); // 5 corpus articles, one in the Trash

    const parsed = await importQdpx(file.data, file.fileName);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.notCarried).toEqual([]);
    const target = path.join(tempDir(), 'copy.sqlite');
    const { result } = await writeNewStore(target, (db) => writeSnapshot(db, parsed.snapshot, { fileName: file.fileName }));
    expect(result.articles).toEqual({ added: 4, existing: 0 });
    expect(result.highlights).toEqual({ added: 7, existing: 0 });
    expect(result.memos).toEqual({ added: 2, existing: 0 });
    expect(result.themes).toEqual({ added: 6, existing: 0 });

    const copy = await openStore(target);
    onCleanup(() => copy.close());
    const before = comparableStore(source.db);
    const after = comparableStore(copy.db);
    expect(after.articles).toEqual(before.articles);
    expect(after.themes).toEqual(before.themes);
    expect(after.highlights).toEqual(before.highlights);
    expect(after.memos).toEqual(before.memos);
    // The flag passage survived the code-point conversion both ways.
    expect(after.highlights.some((h) => h.quote === '🇳🇱 Harbour Desk Brief: Four Pressure Points')).toBe(true);
    expect(doctor(copy.db).ok).toBe(true);
  });

  it('exports live rows only: the Trash is left out', async () => {
    const store = await tempStore();
    fillRichStore(store);
    const qde = await qdeOf((await exportProject(store)).data);
    expect(qde).not.toContain('Old idea'); // trashed theme
    expect(qde).not.toContain('Deleted memo');
    expect(qde).not.toContain('name="Marlow Bay council'); // the trashed article (the news page)
    expect(qde.match(/<TextSource /g)).toHaveLength(4);
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(7); // the trashed highlight is not there
  });

  it('reports orphaned highlights and does not export them as selections', async () => {
    const store = await tempStore();
    const rich = fillRichStore(store);
    store.db.prepare('UPDATE highlights SET orphaned = 1 WHERE uid = ?').run(rich.highlightUids[4]);
    const { snapshot, orphaned } = snapshotFromStore(store.db, 'x');
    expect(orphaned.map((o) => o.uid)).toEqual([rich.highlightUids[4]]);
    expect(snapshot.highlights.map((h) => h.uid)).not.toContain(rich.highlightUids[4]);
    const file = await exportProject(store);
    expect(file.warnings.join('\n')).toMatch(/1 orphaned highlight\(s\) were left out.*Automation\u00a0guarantees/);
    expect((await qdeOf(file.data)).match(/<PlainTextSelection /g)).toHaveLength(6);
  });

  it('keeps GUIDs stable: two exports of the same store name every element alike', async () => {
    const store = await tempStore();
    fillRichStore(store);
    const strip = (xml: string) => xml.replace(/ creationDateTime="[^"]*"/, '');
    const first = strip(await qdeOf((await exportProject(store)).data));
    const second = strip(await qdeOf((await exportProject(store)).data));
    expect(second).toBe(first);
  });

  it('reports progress while reading articles, then finishes with the file', async () => {
    const store = await tempStore();
    fillRichStore(store);
    const task = projectTask(store.db, store.path);
    const seen: number[] = [];
    let file = null;
    while (!(file = await task.step())) seen.push(task.done);
    expect(seen[0]).toBe(4);
    expect(task.done).toBe(task.total);
    expect(file.count).toBe(4);
  });
});

// Needs the REFI-QDA schemas (the standard's files, not the project's): see test/helpers/shared.ts.
describeIfShared('refi-xsd', 'REFI-QDA schema validation of a real store\'s export (libxml2 as WebAssembly)', () => {
  it('writes a project.qde that validates against Project-mrt2019.xsd, and a .qdc against Codebook-mrt2019.xsd', async () => {
    const store = await tempStore();
    fillRichStore(store);
    const qde = await qdeOf((await exportProject(store)).data);
    const project = await validateWithXsd(qde, 'Project-mrt2019.xsd');
    expect(project.report).toBe('project.qde validates');
    expect(project.ok).toBe(true);
    const qdc = (await runToEnd(codebookTask(store.db, store.path, 'qdc'))).data.toString('utf8');
    const codebook = await validateWithXsd(qdc, 'Codebook-mrt2019.xsd', 'codebook.qdc');
    expect(codebook.ok, codebook.report).toBe(true);
  });
});
