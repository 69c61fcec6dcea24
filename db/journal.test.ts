import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCorpus, tempDir, tempStore } from '../test/helpers';
import { deleteArticles, restoreArticles, updateArticle } from './articles';
import { StoreError } from './errors';
import { createHighlight, deleteHighlights, getHighlight, restoreHighlights, updateHighlight } from './highlights';
import { historyState, redo, undo } from './journal';
import { createMemo, deleteMemo, getMemo, listMemos, restoreMemo, updateMemo } from './memos';
import { openStore, type DB } from './store';
import { createTheme, deleteTheme, mergeThemes, restoreTheme, updateTheme } from './themes';

/** Every row Undo may touch, in a stable order. */
const dump = (db: DB) => ({
  articles: db.prepare('SELECT id, uid, title, source, author, url, published_at, language, body, deleted_at FROM articles ORDER BY id').all(),
  attributes: db.prepare('SELECT * FROM article_attributes ORDER BY article_id, key').all(),
  themes: db.prepare('SELECT * FROM themes ORDER BY id').all(),
  highlights: db.prepare('SELECT * FROM highlights ORDER BY id').all(),
  memberships: db.prepare('SELECT * FROM highlight_themes ORDER BY highlight_id, theme_id').all(),
  memos: db.prepare('SELECT * FROM memos ORDER BY id').all(),
});

async function world() {
  const store = await tempStore();
  const db = store.db;
  const arts = addCorpus(store);
  const t1 = createTheme(db, { name: 'Supply' });
  const t2 = createTheme(db, { name: 'Security', parentId: t1.id });
  const t3 = createTheme(db, { name: 'Trade' });
  const h1 = createHighlight(db, { articleId: arts[0].id, start: 0, end: 30, themeIds: [t1.id, t2.id], comment: 'first' });
  const h2 = createHighlight(db, { articleId: arts[1].id, start: 10, end: 50, themeIds: [t3.id] });
  const m = createMemo(db, { title: 'Memo', body: 'Text [[hl:' + h1.uid + ']]' });
  updateArticle(db, arts[0].id, { attributes: { country: 'Japan' } });
  return { store, db, arts, t1, t2, t3, h1, h2, m };
}

type World = Awaited<ReturnType<typeof world>>;

const ACTIONS: [string, (w: World) => unknown, ((w: World) => unknown)?][] = [
  ['highlight create', (w) => createHighlight(w.db, { articleId: w.arts[2].id, start: 5, end: 40, themeIds: [w.t1.id, w.t3.id], comment: 'c' })],
  ['highlight boundaries', (w) => updateHighlight(w.db, w.h1.id, { start: 3, end: 60 })],
  ['highlight comment', (w) => updateHighlight(w.db, w.h1.id, { comment: 'changed' })],
  ['highlight themes', (w) => updateHighlight(w.db, w.h1.id, { addThemeIds: [w.t3.id], removeThemeIds: [w.t1.id] })],
  ['highlight delete', (w) => deleteHighlights(w.db, [w.h1.id, w.h2.id])],
  ['highlight restore', (w) => restoreHighlights(w.db, [w.h1.id]), (w) => deleteHighlights(w.db, [w.h1.id])],
  ['article edit', (w) => updateArticle(w.db, w.arts[0].id, { title: 'New title', source: 'Src', attributes: { country: 'US', kind: 'news' } })],
  ['article delete', (w) => deleteArticles(w.db, [w.arts[0].id, w.arts[3].id])],
  ['article restore', (w) => restoreArticles(w.db, [w.arts[1].id]), (w) => deleteArticles(w.db, [w.arts[1].id])],
  ['theme create', (w) => createTheme(w.db, { name: 'New', parentId: w.t1.id, color: '#123456' })],
  ['theme rename/move', (w) => updateTheme(w.db, w.t3.id, { name: 'Commerce', parentId: w.t1.id, color: '#654321', description: 'd' })],
  ['theme delete', (w) => deleteTheme(w.db, w.t1.id)],
  ['theme restore', (w) => restoreTheme(w.db, w.t1.id), (w) => deleteTheme(w.db, w.t1.id)],
  ['theme merge', (w) => mergeThemes(w.db, w.t1.id, w.t3.id)],
  ['memo delete', (w) => deleteMemo(w.db, w.m.id)],
  ['memo restore', (w) => restoreMemo(w.db, w.m.id), (w) => deleteMemo(w.db, w.m.id)],
];

describe('journal: undo and redo', () => {
  it.each(ACTIONS)('%s: undo restores the exact rows, redo re-applies them', async (_name, act, setup) => {
    const w = await world();
    setup?.(w);
    const before = dump(w.db);
    act(w);
    const after = dump(w.db);
    expect(after).not.toEqual(before);
    expect(undo(w.db)).not.toBeNull();
    expect(dump(w.db)).toEqual(before);
    expect(historyState(w.db).redoLabel).not.toBeNull();
    expect(redo(w.db)).not.toBeNull();
    expect(dump(w.db)).toEqual(after);
  });

  it('highlight create: undo removes it, redo brings it back with the same id, uid, quote and themes', async () => {
    const w = await world();
    const h = createHighlight(w.db, { articleId: w.arts[4].id, start: 0, end: 25, themeIds: [w.t2.id, w.t3.id] });
    expect(historyState(w.db).undoLabel).toBe('Highlight passage');
    expect(undo(w.db)).toEqual({ label: 'Highlight passage', tables: expect.arrayContaining(['highlights', 'highlight_themes']) });
    expect(() => getHighlight(w.db, h.id)).toThrow(StoreError);
    expect(historyState(w.db).redoLabel).toBe('Highlight passage');
    redo(w.db);
    const back = getHighlight(w.db, h.id);
    expect(back).toMatchObject({ id: h.id, uid: h.uid, quote: h.quote, start: h.start, end: h.end });
    expect(back.themeIds.sort()).toEqual(h.themeIds.sort());
    expect(back).toEqual({ ...h, themeIds: back.themeIds });
  });

  it('undo and redo step through several actions in order; nothing left returns null', async () => {
    const store = await tempStore();
    const db = store.db;
    expect(undo(db)).toBeNull();
    expect(redo(db)).toBeNull();
    const s0 = dump(db);
    const t = createTheme(db, { name: 'One' });
    const s1 = dump(db);
    updateTheme(db, t.id, { name: 'Two' });
    const s2 = dump(db);
    deleteTheme(db, t.id);
    expect(undo(db)?.label).toBe('Delete theme "Two"');
    expect(dump(db)).toEqual(s2);
    expect(undo(db)?.label).toBe('Rename theme "One"');
    expect(dump(db)).toEqual(s1);
    expect(undo(db)?.label).toBe('New theme "One"');
    expect(dump(db)).toEqual(s0);
    expect(undo(db)).toBeNull();
    expect(redo(db)?.label).toBe('New theme "One"');
    expect(redo(db)?.label).toBe('Rename theme "One"');
    expect(dump(db)).toEqual(s2);
    expect(historyState(db)).toEqual({ undoLabel: 'Rename theme "One"', redoLabel: 'Delete theme "Two"' });
  });

  it('a new action after an undo clears the redo branch', async () => {
    const w = await world();
    updateHighlight(w.db, w.h1.id, { comment: 'one' });
    undo(w.db);
    expect(historyState(w.db).redoLabel).toBe('Edit comment');
    updateHighlight(w.db, w.h2.id, { comment: 'two' });
    expect(historyState(w.db).redoLabel).toBeNull();
    expect(redo(w.db)).toBeNull();
    expect(getHighlight(w.db, w.h1.id).comment).toBe('first');
    expect((w.db.prepare('SELECT count(*) AS n FROM journal WHERE undone = 1').get() as { n: number }).n).toBe(0);
  });

  it('an action that changes nothing is not journalled', async () => {
    const w = await world();
    const n = () => (w.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
    const before = n();
    deleteHighlights(w.db, [w.h1.id]);
    expect(n()).toBe(before + 1);
    deleteHighlights(w.db, [w.h1.id]); // already in the Trash
    expect(n()).toBe(before + 1);
  });

  it('undo and redo survive closing and reopening the store', async () => {
    const dir = tempDir();
    const p = path.join(dir, 'undo.sqlite');
    let store = await openStore(p);
    const [art] = addCorpus(store);
    const theme = createTheme(store.db, { name: 'Persisted' });
    const h = createHighlight(store.db, { articleId: art.id, start: 0, end: 12, themeIds: [theme.id] });
    store.close();

    store = await openStore(p);
    expect(historyState(store.db).undoLabel).toBe('Highlight passage');
    expect(undo(store.db)?.label).toBe('Highlight passage');
    expect(() => getHighlight(store.db, h.id)).toThrow(StoreError);
    store.close();

    store = await openStore(p);
    expect(historyState(store.db)).toEqual({ undoLabel: 'New theme "Persisted"', redoLabel: 'Highlight passage' });
    redo(store.db);
    expect(getHighlight(store.db, h.id)).toEqual(h);
    store.close();
  });

  it('undoing "new memo" sends the memo to the Trash but keeps its text; redo brings it back', async () => {
    const store = await tempStore();
    const db = store.db;
    const m = createMemo(db, { title: 'Findings', body: 'Draft one' });
    updateMemo(db, m.id, { body: 'Draft two, typed after creating' }); // not journalled
    expect(undo(db)?.label).toBe('New memo');
    const trashed = getMemo(db, m.id);
    expect(trashed.deletedAt).not.toBeNull();
    expect(trashed.body).toBe('Draft two, typed after creating');
    expect(trashed.title).toBe('Findings');
    expect(listMemos(db)).toEqual([]);
    expect(listMemos(db, { trash: true }).map((x) => x.id)).toEqual([m.id]);
    redo(db);
    expect(getMemo(db, m.id)).toMatchObject({ deletedAt: null, body: 'Draft two, typed after creating', uid: m.uid });
  });
});
