// Importing projects and codebooks into real stores through the contract:
// merging into the open store (themes by path, articles by text), new stores,
// and hostile or broken files, after each of which the store is unchanged.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backups';
import { insertHighlightRaw } from '../../db/highlights';
import { doctor } from '../../db/maintenance';
import { insertThemeRaw } from '../../db/themes';
import { addArticle, CORPUS, corpusArticle, tempDir, tempStore } from '../../test/helpers';
import { ctxFor } from '../../test/helpers/context';
import type { Context } from '../context';
import type { InterchangeImportSummary } from '../api/contract-interchange';
import { call, dispatch } from '../api/dispatch';
import { projectTask, runToEnd } from '../export/jobs';
import { fixture, minimalQdpx, zip } from '../../test/fixtures/refi-archives';
import { makeZipBomb } from '../../test/fixtures/formats/make-zip';
import { comparableStore, counts, fillRichStore, storeFingerprint } from '../../test/fixtures/rich-store';

/** A .qdpx of the rich fixture store. */
async function richQdpx(): Promise<Buffer> {
  const store = await tempStore();
  fillRichStore(store);
  return (await runToEnd(projectTask(store.db, store.path))).data;
}

const importBytes = (ctx: Context, name: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
  call(ctx, 'interchange.importFile', { name, data: bytes.toString('base64'), ...extra }) as Promise<InterchangeImportSummary>;

const themePaths = (ctx: Context) => comparableStore(ctx.store.db).themes.map((t) => t.path);

/** yazl refuses unsafe names, so write a safe one of the same length and patch the bytes. */
function rename(bytes: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

describe('interchange.importFile into the open store', () => {
  it('merges themes by name path and reports what was added and what already existed', async () => {
    const ctx = await ctxFor();
    const db = ctx.store.db;
    const geo = insertThemeRaw(db, { name: 'geopolitics' }); // same path, other case
    insertThemeRaw(db, { name: 'Alliances', parentId: geo });
    insertThemeRaw(db, { name: 'Unrelated' });
    const sameText = addArticle(ctx.store, { title: 'My copy', body: corpusArticle(CORPUS.hazards).body });

    const s = await importBytes(ctx, 'study.qdpx', await richQdpx());
    expect(s.kind).toBe('project');
    expect(s.themes).toEqual({ added: 4, existing: 2 });
    expect(s.existingThemes).toEqual(['Geopolitics', 'Geopolitics > Alliances']);
    expect(s.addedThemes).toEqual(['Geopolitics > China leverage', 'Geopolitics > China leverage > Export controls', 'Economics <"&">', 'Economics <"&"> > 日本語 🇯🇵']);
    expect(s.articles).toEqual({ added: 3, existing: 1 });
    expect(s.highlights).toEqual({ added: 7, existing: 0 });
    expect(s.memos).toEqual({ added: 2, existing: 0 });
    expect(themePaths(ctx).filter((p) => p.toLowerCase() === 'geopolitics')).toEqual(['geopolitics']);
    // The highlights of the article whose text was already here sit on that article.
    const onCopy = db.prepare('SELECT count(*) AS n FROM highlights WHERE article_id = ?').get(sameText) as { n: number };
    expect(onCopy.n).toBe(5);
    expect(doctor(db).ok).toBe(true);
    // A backup was taken first: the import's undo.
    // The memo's theme token now names the Geopolitics theme that was already here.
    const memo = db.prepare("SELECT body FROM memos WHERE title = 'Processing share'").get() as { body: string };
    const geoUid = (db.prepare('SELECT uid FROM themes WHERE id = ?').get(geo) as { uid: string }).uid;
    expect(memo.body).toContain(`See #[[theme:${geoUid}]].`);
    expect(s.backupPath).not.toBeNull();
    expect(listBackups(ctx.store.path).map((b) => b.reason)).toEqual(['before-import']);
  });

  it('a second import of the same file finds everything already there and adds nothing', async () => {
    const ctx = await ctxFor();
    const bytes = await richQdpx();
    await importBytes(ctx, 'study.qdpx', bytes);
    const before = storeFingerprint(ctx.store.db);
    const again = await importBytes(ctx, 'study.qdpx', bytes);
    expect(again.articles).toEqual({ added: 0, existing: 4 });
    expect(again.themes).toEqual({ added: 0, existing: 6 });
    expect(again.highlights).toEqual({ added: 0, existing: 7 });
    expect(again.memos).toEqual({ added: 0, existing: 2 });
    expect(storeFingerprint(ctx.store.db)).toBe(before);
  });

  it('gives a highlight a new uid when the store uses its uid elsewhere, and the memo citing it follows', async () => {
    const source = await tempStore();
    const rich = fillRichStore(source);
    const bytes = (await runToEnd(projectTask(source.db, source.path))).data;
    const ctx = await ctxFor();
    const other = addArticle(ctx.store, { title: 'Other', body: 'Some unrelated text to hold a highlight.' });
    const taken = rich.highlightUids[0];
    ctx.store.db.transaction(() => insertHighlightRaw(ctx.store.db, { articleId: other, start: 0, end: 4, themeIds: [], uid: taken }, 'Some unrelated text to hold a highlight.'))();
    await importBytes(ctx, 'study.qdpx', bytes);
    const moved = ctx.store.db.prepare("SELECT uid FROM highlights WHERE quote = 'The port handles more than 40% of the country’s container traffic'").get() as { uid: string };
    expect(moved.uid).not.toBe(taken);
    const memo = ctx.store.db.prepare("SELECT body FROM memos WHERE title = 'Processing share'").get() as { body: string };
    expect(memo.body).toContain(`[[hl:${moved.uid}]]`);
    expect(memo.body).not.toContain(taken);
    expect(memo.body).toContain(`![[hl:${rich.highlightUids[5]}]]`);
  });

  it('imports codebooks (.qdc, .csv, .md) merged by path', async () => {
    const ctx = await ctxFor();
    insertThemeRaw(ctx.store.db, { name: 'Economy' });
    const csv = await importBytes(ctx, 'codes.csv', Buffer.from('\uFEFFpath,description,color\r\nEconomy,Money,#112233\r\nEconomy > Prices,Inflation,#445566\r\nSecurity,,\r\n'));
    expect(csv.kind).toBe('codebook');
    expect(csv.themes).toEqual({ added: 2, existing: 1 });
    expect(csv.addedThemes).toEqual(['Economy > Prices', 'Security']);
    const md = await importBytes(ctx, 'codes.md', Buffer.from('# Codebook\n\n- **economy**\n  - **Prices**\n  - **Wages**\n    Pay and salaries\n- Energy\n'));
    expect(md.themes).toEqual({ added: 2, existing: 2 });
    expect(comparableStore(ctx.store.db).themes.find((t) => t.path === 'Economy > Wages')?.description).toBe('Pay and salaries');
    const qdc = await importBytes(ctx, 'codes.qdc', fixture('minimal-codebook.qdc'));
    expect(qdc.themes.added).toBeGreaterThan(0);
  });

  it('the app\'s generic import routes .qdpx and .qdc files here, each with its outcome in the same summary', async () => {
    const ctx = await ctxFor();
    const files = [
      { name: 'study.qdpx', data: (await richQdpx()).toString('base64') },
      { name: 'codes.qdc', data: fixture('minimal-codebook.qdc').toString('base64') },
      { name: 'note.txt', data: Buffer.from('A plain text article, imported as usual.').toString('base64') },
      { name: 'broken.qdpx', data: Buffer.from('not a zip').toString('base64') },
    ];
    const summary = await call(ctx, 'articles.importFiles', { files });
    expect(summary).toMatchObject({ imported: 3, skipped: 1 });
    const byFile = new Map(summary.results.map((r) => [r.file, r]));
    expect(byFile.get('study.qdpx')).toMatchObject({ status: 'imported', title: 'project “store”: 4 articles added, 6 themes added, 7 highlights added, 2 memos added' });
    expect(byFile.get('codes.qdc')?.status).toBe('imported');
    expect(byFile.get('note.txt')?.status).toBe('imported');
    expect(byFile.get('broken.qdpx')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/broken\.qdpx: is not a valid REFI-QDA project/) });
    expect(counts(ctx.store.db).articles).toBe(5);
  });

  it('creates a new store file and opens it (target "new"); an existing file is never overwritten', async () => {
    const ctx = await ctxFor();
    const first = ctx.store.path;
    const target = path.join(tempDir(), 'imported.sqlite');
    const s = await importBytes(ctx, 'study.qdpx', await richQdpx(), { target: 'new', newStorePath: target });
    expect(s.opened).toBe(true);
    expect(s.storePath).toBe(target);
    expect(ctx.store.path).toBe(target);
    expect(counts(ctx.store.db)).toMatchObject({ articles: 4, highlights: 7, memos: 2 });
    const recent = await call(ctx, 'store.recent', {});
    expect(recent.stores.map((r) => r.path)).toEqual([target, first]);

    const again = await dispatch(ctx, 'interchange.importFile', { name: 'study.qdpx', data: (await richQdpx()).toString('base64'), target: 'new', newStorePath: first });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.message).toContain(first);
    }
  });
});

describe('interchange.importFile: bad input is refused clearly and leaves the store unchanged', () => {
  async function expectRefused(bytes: Buffer, name: string, message: RegExp, code = 'import-failed') {
    const ctx = await ctxFor();
    fillRichStore(ctx.store);
    const before = storeFingerprint(ctx.store.db);
    const r = await dispatch(ctx, 'interchange.importFile', { name, data: bytes.toString('base64') });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
      expect(r.error.message).toContain(name);
    }
    expect(storeFingerprint(ctx.store.db)).toBe(before);
    expect(listBackups(ctx.store.path)).toEqual([]); // refused before anything was written
  }

  it('a zip-slip entry', async () => {
    const bytes = rename(await zip({ 'project.qde': fixture('minimal-project.qde'), 'xx/evil.txt': 'x' }), 'xx/evil.txt', '../evil.txt');
    await expectRefused(bytes, 'slip.qdpx', /outside the archive/);
  });

  it('a zip bomb', async () => {
    const bytes = makeZipBomb([{ name: 'project.qde', data: fixture('minimal-project.qde') }, { name: 'sources/zeros.txt', zeros: 1024 * 1024 * 1024 }]);
    await expectRefused(bytes, 'bomb.qdpx', /would expand to 1024 MiB, over the limit of 256 MiB; refusing it as a possible zip bomb/);
  });

  it('XML with an external entity', async () => {
    await expectRefused(await zip({ 'project.qde': fixture('external-entity.qde') }), 'xxe.qdpx', /DTD/);
  });

  it('XML with entity expansion (billion laughs)', async () => {
    await expectRefused(await zip({ 'project.qde': fixture('billion-laughs.qde') }), 'lol.qdpx', /DTD/);
  });

  it('not a project at all', async () => {
    await expectRefused(Buffer.from('PK\u0003\u0004 this is not a zip'), 'fake.qdpx', /not a valid REFI-QDA project/);
  });

  it('a full disk while writing: nothing is written (one transaction)', async () => {
    const ctx = await ctxFor();
    addArticle(ctx.store, { title: 'Already here', body: 'A short article already in the store.' });
    const bytes = await richQdpx(); // four long articles: the import needs many new pages
    ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = ctx.store.db.pragma('page_count', { simple: true }) as number;
    ctx.store.db.pragma(`max_page_count = ${pages}`); // the "disk" is full at the current size
    const before = storeFingerprint(ctx.store.db);
    const r = await dispatch(ctx, 'interchange.importFile', { name: 'study.qdpx', data: bytes.toString('base64'), target: 'open' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('disk-full');
      expect(r.error.message).toContain(ctx.store.path);
      expect(r.error.message).toMatch(/nothing was saved/);
    }
    expect(storeFingerprint(ctx.store.db)).toBe(before);
  });
});

describe('interchange.importFile: damaged content is imported with warnings, never silently', () => {
  async function importInto(bytes: Buffer, name: string) {
    const ctx = await ctxFor();
    fillRichStore(ctx.store);
    const before = counts(ctx.store.db);
    const s = await importBytes(ctx, name, bytes);
    const after = counts(ctx.store.db);
    // Exactly what the summary reports was added; nothing else changed.
    expect(after.articles - before.articles).toBe(s.articles.added);
    expect(after.themes - before.themes).toBe(s.themes.added);
    expect(after.highlights - before.highlights).toBe(s.highlights.added);
    expect(after.memos - before.memos).toBe(s.memos.added);
    expect(doctor(ctx.store.db).ok).toBe(true); // every quote equals its slice
    return { ctx, s };
  }

  it('a missing source file: the source is reported, its selections counted as not carried', async () => {
    const { s } = await importInto(await zip({ 'project.qde': fixture('minimal-project.qde') }), 'nosource.qdpx');
    expect(s.articles.added).toBe(0);
    expect(s.warnings.join('\n')).toMatch(/Source "Interview 1" was skipped: its text "internal:\/\/6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F.txt" is not in the archive/);
    expect(s.notCarried).toContain('2 selections in the missing source "Interview 1"');
  });

  it('offsets beyond the text are cut at its end, with a warning', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('startPosition="44" endPosition="64"', 'startPosition="44" endPosition="6400"');
    const { ctx, s } = await importInto(await minimalQdpx(qde), 'beyond.qdpx');
    expect(s.warnings.join('\n')).toMatch(/1 selection\(s\) in "Interview 1" reach beyond its text; they were cut at the end of the text/);
    const h = ctx.store.db.prepare("SELECT quote FROM highlights WHERE quote LIKE 'Great%'").get() as { quote: string };
    expect(h.quote).toBe('Great 🙂 — very calm.\n');
  });

  it('duplicate GUIDs get fresh ones, with a warning', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('guid="E5000000-0000-4000-8000-000000000002"', 'guid="E5000000-0000-4000-8000-000000000001"');
    const { s } = await importInto(await minimalQdpx(qde), 'dups.qdpx');
    expect(s.highlights.added).toBe(2);
    expect(s.warnings.join('\n')).toMatch(/repeats the GUID e5000000-0000-4000-8000-000000000001/);
  });

  it('a codebook with invalid colours: readable ones converted, others defaulted, all reported', async () => {
    const { ctx, s } = await importInto(fixture('codebook-invalid-colours.qdc'), 'colours.qdc');
    const text = s.warnings.join('\n');
    expect(text).toMatch(/"Broken" has an unreadable colour "blue-ish"/);
    expect(text).toMatch(/transparency dropped/);
    const themes = comparableStore(ctx.store.db).themes;
    expect(themes.find((t) => t.path === 'Short hex')?.color).toBe('#FF8800');
    expect(themes.find((t) => t.path === 'Broken')?.color).toBe('#8C8C8C');
    expect(themes.find((t) => t.path === 'With alpha > RGB function')?.color).toBe('#FF8000');
  });

  it('leaves no temporary files beside a new store when the import fails', async () => {
    const ctx = await ctxFor();
    const dir = tempDir();
    const target = path.join(dir, 'new.sqlite');
    const r = await dispatch(ctx, 'interchange.importFile', { name: 'lol.qdpx', data: (await zip({ 'project.qde': fixture('billion-laughs.qde') })).toString('base64'), target: 'new', newStorePath: target });
    expect(r.ok).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
