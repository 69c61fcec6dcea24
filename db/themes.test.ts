import { describe, expect, it } from 'vitest';
import { addCorpus, tempStore } from '../test/helpers';
import { codeOf } from '../test/helpers/errors';
import { deleteArticles } from './articles';
import { createHighlight, deleteHighlights, getHighlight } from './highlights';
import { redo, undo } from './journal';
import type { DB } from './store';
import { createTheme, deleteTheme, getTheme, listThemes, mergeThemes, PALETTE, restoreTheme, themeUsage, updateTheme } from './themes';

const byId = (db: DB) => new Map(listThemes(db).map((t) => [t.id, t]));
const dump = (db: DB) => ({
  themes: db.prepare('SELECT * FROM themes ORDER BY id').all(),
  memberships: db.prepare('SELECT * FROM highlight_themes ORDER BY highlight_id, theme_id').all(),
  highlights: db.prepare('SELECT * FROM highlights ORDER BY id').all(),
});

describe('themes: the codebook tree', () => {
  it('creates, nests, renames and moves themes', async () => {
    const store = await tempStore();
    const db = store.db;
    const geo = createTheme(db, { name: '  Geopolitics ', description: 'State power', color: '#e69f00' });
    expect(geo).toMatchObject({ name: 'Geopolitics', parentId: null, description: 'State power', color: '#E69F00', deletedAt: null });
    const china = createTheme(db, { name: 'China', parentId: geo.id });
    const leverage = createTheme(db, { name: 'Leverage', parentId: china.id });
    expect(china.parentId).toBe(geo.id);
    expect(leverage.parentId).toBe(china.id);
    expect(PALETTE).toContain(china.color);
    expect(china.position).toBe(0);
    expect(createTheme(db, { name: 'Japan', parentId: geo.id }).position).toBe(1);

    expect(updateTheme(db, china.id, { name: 'PRC' }).name).toBe('PRC');
    const eco = createTheme(db, { name: 'Economy' });
    const moved = updateTheme(db, china.id, { parentId: eco.id });
    expect(moved.parentId).toBe(eco.id);
    expect(getTheme(db, leverage.id).parentId).toBe(china.id); // the subtree moves along
    expect(updateTheme(db, china.id, { parentId: null }).parentId).toBeNull();
    expect(updateTheme(db, china.id, { description: 'def', color: '#00ff00' })).toMatchObject({ description: 'def', color: '#00FF00', name: 'PRC' });
    expect(codeOf(() => updateTheme(db, 999, { name: 'x' }))).toBe('not-found');
    expect(codeOf(() => createTheme(db, { name: 'x', parentId: 999 }))).toBe('not-found');
  });

  it('keeps names unique among siblings, case-insensitively (conflict), but allows them elsewhere', async () => {
    const store = await tempStore();
    const db = store.db;
    const a = createTheme(db, { name: 'Supply chains' });
    expect(codeOf(() => createTheme(db, { name: 'supply CHAINS' }))).toBe('conflict');
    expect(codeOf(() => createTheme(db, { name: '  Supply chains  ' }))).toBe('conflict');
    const b = createTheme(db, { name: 'Other' });
    expect(codeOf(() => updateTheme(db, b.id, { name: 'SUPPLY chains' }))).toBe('conflict');
    const child = createTheme(db, { name: 'Supply Chains', parentId: b.id }); // different parent: fine
    expect(codeOf(() => updateTheme(db, child.id, { parentId: null }))).toBe('conflict'); // moving next to a namesake
    expect(updateTheme(db, a.id, { name: 'SUPPLY CHAINS' }).name).toBe('SUPPLY CHAINS'); // own name, new case
    expect(codeOf(() => createTheme(db, { name: '   ' }))).toBe('invalid');
    // A trashed theme frees its name.
    deleteTheme(db, b.id);
    expect(createTheme(db, { name: 'other' }).name).toBe('other');
  });

  it('refuses to move a theme into itself or one of its descendants', async () => {
    const store = await tempStore();
    const db = store.db;
    const a = createTheme(db, { name: 'A' });
    const b = createTheme(db, { name: 'B', parentId: a.id });
    const c = createTheme(db, { name: 'C', parentId: b.id });
    expect(codeOf(() => updateTheme(db, a.id, { parentId: a.id }))).toBe('invalid');
    expect(codeOf(() => updateTheme(db, a.id, { parentId: b.id }))).toBe('invalid');
    expect(codeOf(() => updateTheme(db, a.id, { parentId: c.id }))).toBe('invalid');
    expect(getTheme(db, a.id).parentId).toBeNull();
    expect(updateTheme(db, c.id, { parentId: a.id }).parentId).toBe(a.id); // moving up is fine
  });

  it('validates colours', async () => {
    const store = await tempStore();
    const db = store.db;
    for (const bad of ['red', '#fff', '#12345g', 'E69F00', '#E69F001', '']) {
      expect(codeOf(() => createTheme(db, { name: `t${bad}`, color: bad })), bad).toBe('invalid');
    }
    const t = createTheme(db, { name: 'ok', color: '#abcdef' });
    expect(t.color).toBe('#ABCDEF');
    expect(codeOf(() => updateTheme(db, t.id, { color: 'blue' }))).toBe('invalid');
    expect(getTheme(db, t.id).color).toBe('#ABCDEF');
  });

  it('counts highlights and articles per theme and including sub-themes, each passage once', async () => {
    const store = await tempStore();
    const db = store.db;
    const arts = addCorpus(store);
    const parent = createTheme(db, { name: 'Parent' });
    const child = createTheme(db, { name: 'Child', parentId: parent.id });
    const grandchild = createTheme(db, { name: 'Grandchild', parentId: child.id });
    const other = createTheme(db, { name: 'Other' });
    const h = (i: number, s: number, themeIds: number[]) => createHighlight(db, { articleId: arts[i].id, start: s, end: s + 10, themeIds });
    h(0, 0, [parent.id, child.id]); // tagged with parent AND child
    h(0, 20, [child.id]);
    h(1, 0, [grandchild.id]);
    h(2, 0, [other.id]);
    const gone = h(3, 0, [child.id]);
    deleteHighlights(db, [gone.id]);
    const trashedArt = h(4, 0, [parent.id]);
    deleteArticles(db, [arts[4].id]);
    expect(trashedArt.id).toBeGreaterThan(0);

    const t = byId(db);
    expect(t.get(parent.id)).toMatchObject({ highlightCount: 1, articleCount: 1, totalHighlightCount: 3, totalArticleCount: 2 });
    expect(t.get(child.id)).toMatchObject({ highlightCount: 2, articleCount: 1, totalHighlightCount: 3, totalArticleCount: 2 });
    expect(t.get(grandchild.id)).toMatchObject({ highlightCount: 1, articleCount: 1, totalHighlightCount: 1, totalArticleCount: 1 });
    expect(t.get(other.id)).toMatchObject({ highlightCount: 1, articleCount: 1, totalHighlightCount: 1, totalArticleCount: 1 });

    expect(themeUsage(db, parent.id)).toEqual({ highlights: 3 + 1 /* the one in a trashed article */, subThemes: 2 });
    expect(themeUsage(db, grandchild.id)).toEqual({ highlights: 1, subThemes: 0 });

    // A trashed sub-theme no longer counts towards its parent.
    deleteTheme(db, grandchild.id);
    expect(byId(db).get(parent.id)).toMatchObject({ totalHighlightCount: 2, totalArticleCount: 1 });
  });

  it('delete moves the whole subtree to the Trash; restore brings it back', async () => {
    const store = await tempStore();
    const db = store.db;
    const [art] = addCorpus(store);
    const a = createTheme(db, { name: 'A' });
    const b = createTheme(db, { name: 'B', parentId: a.id });
    const c = createTheme(db, { name: 'C', parentId: b.id });
    const keep = createTheme(db, { name: 'Keep' });
    const hl = createHighlight(db, { articleId: art.id, start: 0, end: 10, themeIds: [c.id, keep.id] });
    expect(deleteTheme(db, a.id)).toBe(3);
    expect(listThemes(db).map((t) => t.id)).toEqual([keep.id]);
    expect(listThemes(db, { trash: true }).map((t) => t.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(getHighlight(db, hl.id).themeIds).toEqual([keep.id]); // keeps its other themes
    expect(codeOf(() => createTheme(db, { name: 'under trash', parentId: a.id }))).toBe('invalid');
    expect(codeOf(() => updateTheme(db, b.id, { name: 'x' }))).toBe('invalid');

    const r = restoreTheme(db, a.id);
    expect(r.deletedAt).toBeNull();
    expect(listThemes(db).map((t) => t.id).sort()).toEqual([a.id, b.id, c.id, keep.id].sort());
    expect(getTheme(db, c.id).parentId).toBe(b.id);
    expect(getHighlight(db, hl.id).themeIds.sort()).toEqual([c.id, keep.id].sort());
  });

  it('restores a sub-theme at top level while its parent stays in the Trash; refuses a restore whose name is now taken', async () => {
    const store = await tempStore();
    const db = store.db;
    const a = createTheme(db, { name: 'A' });
    const b = createTheme(db, { name: 'B', parentId: a.id });
    deleteTheme(db, a.id);
    expect(restoreTheme(db, b.id)).toMatchObject({ parentId: null, deletedAt: null });
    expect(getTheme(db, a.id).deletedAt).not.toBeNull();
    createTheme(db, { name: 'a' });
    expect(codeOf(() => restoreTheme(db, a.id))).toBe('conflict');
    expect(getTheme(db, a.id).deletedAt).not.toBeNull();
  });

  it('merges one theme into another: memberships without duplicates, children moved, source trashed; undo restores everything exactly', async () => {
    const store = await tempStore();
    const db = store.db;
    const arts = addCorpus(store);
    const from = createTheme(db, { name: 'Rare earths' });
    const into = createTheme(db, { name: 'Critical minerals' });
    const kid1 = createTheme(db, { name: 'Magnets', parentId: from.id });
    const kid2 = createTheme(db, { name: 'Processing', parentId: from.id });
    const intoKid = createTheme(db, { name: 'Lithium', parentId: into.id });
    const h1 = createHighlight(db, { articleId: arts[0].id, start: 0, end: 10, themeIds: [from.id] });
    const h2 = createHighlight(db, { articleId: arts[1].id, start: 0, end: 10, themeIds: [from.id, into.id] });
    const h3 = createHighlight(db, { articleId: arts[2].id, start: 0, end: 10, themeIds: [into.id, kid1.id] });
    const before = dump(db);

    expect(mergeThemes(db, from.id, into.id)).toEqual({ moved: 1, alreadyTagged: 1 });
    expect(getHighlight(db, h1.id).themeIds).toEqual([into.id]);
    expect(getHighlight(db, h2.id).themeIds).toEqual([into.id]);
    expect((db.prepare('SELECT count(*) AS n FROM highlight_themes WHERE highlight_id = ?').get(h2.id) as { n: number }).n).toBe(1);
    expect(getHighlight(db, h3.id).themeIds.sort()).toEqual([into.id, kid1.id].sort());
    expect(getTheme(db, from.id).deletedAt).not.toBeNull();
    expect(getTheme(db, kid1.id).parentId).toBe(into.id);
    expect(getTheme(db, kid2.id).parentId).toBe(into.id);
    expect(getTheme(db, intoKid.id).parentId).toBe(into.id);
    expect(new Set([getTheme(db, kid1.id).position, getTheme(db, kid2.id).position, getTheme(db, intoKid.id).position]).size).toBe(3);
    const after = dump(db);

    expect(undo(db)?.label).toBe('Merge "Rare earths" into "Critical minerals"');
    expect(dump(db)).toEqual(before);
    expect(redo(db)).not.toBeNull();
    expect(dump(db)).toEqual(after);
  });

  it('refuses merges into itself, into a descendant, with trashed themes, and rolls back a merge whose child names clash', async () => {
    const store = await tempStore();
    const db = store.db;
    const a = createTheme(db, { name: 'A' });
    const a1 = createTheme(db, { name: 'Same', parentId: a.id });
    const b = createTheme(db, { name: 'B' });
    createTheme(db, { name: 'same', parentId: b.id });
    const t = createTheme(db, { name: 'T' });
    expect(codeOf(() => mergeThemes(db, a.id, a.id))).toBe('invalid');
    expect(codeOf(() => mergeThemes(db, a.id, a1.id))).toBe('invalid');
    expect(codeOf(() => mergeThemes(db, a.id, 999))).toBe('not-found');
    deleteTheme(db, t.id);
    expect(codeOf(() => mergeThemes(db, t.id, b.id))).toBe('invalid');
    const before = dump(db);
    expect(codeOf(() => mergeThemes(db, a.id, b.id))).toBe('conflict');
    expect(dump(db)).toEqual(before);
  });
});
