import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCorpus, CORPUS, onCleanup, tempDir, tempStore, UNIQUE_WORD } from '../test/helpers';
import { deleteArticles, listArticles } from './articles';
import { createHighlight, deleteHighlights } from './highlights';
import { backupTo, doctor, rebuildSearchIndex, storeStats } from './maintenance';
import { createMemo, deleteMemo } from './memos';
import { LATEST_VERSION } from './migrations/index';
import { searchArticles } from './search';
import { openStore } from './store';
import { createTheme, deleteTheme } from './themes';

const check = (rep: ReturnType<typeof doctor>, name: RegExp) => rep.checks.find((c) => name.test(c.name))!;

describe('maintenance', () => {
  it('stats count live rows and the Trash separately', async () => {
    const store = await tempStore();
    const empty = storeStats(store.db, store.path);
    expect(empty).toMatchObject({ path: store.path, articles: 0, trashedArticles: 0, themes: 0, highlights: 0, memos: 0, schemaVersion: LATEST_VERSION });
    expect(empty.bytes).toBeGreaterThan(0);

    const arts = addCorpus(store);
    const t1 = createTheme(store.db, { name: 'A' });
    const t2 = createTheme(store.db, { name: 'B' });
    createTheme(store.db, { name: 'C' });
    const hs = arts.map((a) => createHighlight(store.db, { articleId: a.id, start: 0, end: 10, themeIds: [t1.id] }));
    createHighlight(store.db, { articleId: arts[0].id, start: 20, end: 30, themeIds: [] });
    deleteHighlights(store.db, [hs[0].id]);
    deleteArticles(store.db, [arts[1].id]); // its highlight no longer counts
    deleteTheme(store.db, t2.id);
    createMemo(store.db, { title: 'm1' });
    const m2 = createMemo(store.db, { title: 'm2' });
    deleteMemo(store.db, m2.id);
    const n = arts.length; // one highlight per article, plus one; one highlight and one article trashed
    expect(storeStats(store.db, store.path)).toMatchObject({ articles: n - 1, trashedArticles: 1, themes: 2, highlights: n + 1 - 2, memos: 1 });
  });

  it('doctor reports a healthy store as ok, with every check ok', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    for (const a of arts) createHighlight(store.db, { articleId: a.id, start: 3, end: 33, themeIds: [] });
    const rep = doctor(store.db);
    expect(rep.ok).toBe(true);
    expect(rep.checks.length).toBeGreaterThanOrEqual(4);
    for (const c of rep.checks) expect(c, c.name).toMatchObject({ ok: true, detail: 'ok' });
  });

  it('doctor fails when a highlight quote was corrupted with raw SQL, naming the highlight', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const h = createHighlight(store.db, { articleId: arts[3].id, start: 3, end: 33, themeIds: [] });
    store.db.prepare('UPDATE highlights SET quote = ? WHERE id = ?').run('not what the article says', h.id);
    const rep = doctor(store.db);
    expect(rep.ok).toBe(false);
    const c = check(rep, /quote/i);
    expect(c.ok).toBe(false);
    expect(c.detail).toContain(`highlight ${h.id}`);
    expect(check(rep, /integrity/i).ok).toBe(true);
  });

  it('doctor fails when the search index is out of step with the articles; rebuild repairs it', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const victim = arts.find((a) => a.file.name === CORPUS.clean)!;
    // Remove the FTS entry with values that are not what was indexed: the index no longer matches its content table.
    store.db
      .prepare("INSERT INTO articles_fts(articles_fts, rowid, title, body, source) VALUES ('delete', ?, 'wrong title', 'wrong body text', '')")
      .run(victim.id);
    const rep = doctor(store.db);
    expect(rep.ok).toBe(false);
    const c = check(rep, /search/i);
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(/rebuild/i);
    rebuildSearchIndex(store.db);
    expect(doctor(store.db).ok).toBe(true);
    expect(searchArticles(store.db, UNIQUE_WORD)).toHaveLength(1);
  });

  it('doctor fails when an article row is missing from the index (removed with its true values)', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const row = store.db.prepare('SELECT id, title, body, ifnull(source, \'\') AS source FROM articles WHERE id = ?').get(arts[2].id) as {
      id: number;
      title: string;
      body: string;
      source: string;
    };
    store.db.prepare("INSERT INTO articles_fts(articles_fts, rowid, title, body, source) VALUES ('delete', ?, ?, ?, ?)").run(row.id, row.title, row.body, row.source);
    expect(doctor(store.db).ok).toBe(false);
  });

  it('backupTo writes a consistent, openable copy with the same articles (including unsynced WAL content)', async () => {
    const store = await tempStore();
    addCorpus(store);
    createTheme(store.db, { name: 'In the WAL only' });
    expect(existsSync(store.path + '-wal')).toBe(true);
    const target = path.join(tempDir(), 'copy.sqlite');
    const r = await backupTo(store.db, target);
    expect(r.path).toBe(target);
    expect(r.bytes).toBe(statSync(target).size);
    const copy = await openStore(target);
    onCleanup(() => copy.close());
    expect(listArticles(copy.db).map((a) => [a.uid, a.title, a.wordCount])).toEqual(listArticles(store.db).map((a) => [a.uid, a.title, a.wordCount]));
    expect(copy.db.prepare('SELECT name FROM themes').all()).toEqual([{ name: 'In the WAL only' }]);
    expect(doctor(copy.db).ok).toBe(true);
    expect(searchArticles(copy.db, UNIQUE_WORD)).toHaveLength(1);
  });
});
