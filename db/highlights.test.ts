import { describe, expect, it } from 'vitest';
import { addCorpus, CORPUS, corpusArticles, tempStore } from '../test/helpers';
import { codeOf } from '../test/helpers/errors';
import { snapToCodePoints } from '../core/text/offsets';
import { CONTEXT_CHARS } from './anchor';
import { deleteArticles } from './articles';
import {
  createHighlight,
  deleteHighlights,
  findQuoteMismatches,
  getHighlight,
  getHighlightByUid,
  listHighlightsByArticle,
  restoreHighlights,
  updateHighlight,
} from './highlights';
import { createTheme, deleteTheme, restoreTheme } from './themes';
import type { Highlight } from './types';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

function expectAnchored(body: string, h: Highlight): void {
  expect(h.quote).toBe(body.slice(h.start, h.end));
  expect(h.prefix).toBe(body.slice(Math.max(0, h.start - CONTEXT_CHARS), h.start));
  expect(h.suffix).toBe(body.slice(h.end, h.end + CONTEXT_CHARS));
  // Never half a surrogate pair at either edge.
  expect(h.quote).toBe(Array.from(h.quote).join(''));
  expect(/^[\uDC00-\uDFFF]/.test(h.quote)).toBe(false);
  expect(/[\uD800-\uDBFF]$/.test(h.quote)).toBe(false);
}

const HAZARDS = CORPUS.hazards;

describe('highlights and anchors on the test corpus', () => {
  it('anchors ranges on every corpus article: quote === body.slice(start, end)', async () => {
    const store = await tempStore();
    const theme = createTheme(store.db, { name: 'Minerals' });
    const arts = addCorpus(store);
    expect(arts).toHaveLength(corpusArticles().length);
    for (const { id, body } of arts) {
      const n = body.length;
      const ranges = [
        [0, Math.min(40, n)],
        [Math.floor(n / 3), Math.floor(n / 3) + 57],
        [Math.floor(n / 2), Math.floor(n / 2) + 1],
        [n - 25, n],
      ];
      for (const [s, e] of ranges) {
        if (body.slice(s, e).trim() === '') continue;
        const h = createHighlight(store.db, { articleId: id, start: s, end: e, themeIds: [theme.id] });
        expectAnchored(body, h);
        expect(getHighlight(store.db, h.id)).toEqual(h);
        expect(getHighlightByUid(store.db, h.uid.toUpperCase())?.id).toBe(h.id);
      }
    }
    expect(findQuoteMismatches(store.db)).toEqual([]);
  });

  it('highlights flags and emoji exactly, in UTF-16 code units', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const { id, body } = arts.find((a) => a.file.name === HAZARDS)!;
    for (const emoji of ['🇳🇱', '🧭', '⚓\ufe0f', '📦', '🛰', '🛡', '🇯🇵', '📖']) {
      const i = body.indexOf(emoji);
      expect(i, emoji).toBeGreaterThanOrEqual(0);
      // The emoji together with the heading that follows it, to the end of its line.
      const lineEnd = body.indexOf('\n', i);
      const h = createHighlight(store.db, { articleId: id, start: i, end: lineEnd, themeIds: [] });
      expect(h.start).toBe(i);
      expect(h.end).toBe(lineEnd);
      expect(h.quote.startsWith(emoji)).toBe(true);
      expectAnchored(body, h);
    }
    const flag = body.indexOf('🇳🇱');
    const only = createHighlight(store.db, { articleId: id, start: flag, end: flag + '🇳🇱'.length, themeIds: [] });
    expect(only.quote).toBe('🇳🇱');
    expect(only.end - only.start).toBe(4);
  });

  it('widens a range that starts or ends inside a surrogate pair to the whole character', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const { id, body } = arts.find((a) => a.file.name === HAZARDS)!;
    const compass = body.indexOf('🧭');
    // start in the middle of 🧭
    const a = createHighlight(store.db, { articleId: id, start: compass + 1, end: compass + 10, themeIds: [] });
    expect(a.start).toBe(compass);
    expect(a.quote.startsWith('🧭')).toBe(true);
    expectAnchored(body, a);
    // end in the middle of 🧭
    const b = createHighlight(store.db, { articleId: id, start: compass - 5, end: compass + 1, themeIds: [] });
    expect(b.end).toBe(compass + 2);
    expect(b.quote.endsWith('🧭')).toBe(true);
    expectAnchored(body, b);
    // both edges inside the flag's two regional indicators
    const flag = body.indexOf('🇯🇵');
    const c = createHighlight(store.db, { articleId: id, start: flag + 1, end: flag + 3, themeIds: [] });
    expect([c.start, c.end]).toEqual([flag, flag + 4]);
    expect(c.quote).toBe('🇯🇵');
    // a selection of just the low half of 🧭
    const d = createHighlight(store.db, { articleId: id, start: compass + 1, end: compass + 2, themeIds: [] });
    expect(d.quote).toBe('🧭');
    expect(snapToCodePoints('a😎b', 2, 3)).toEqual({ start: 1, end: 3 });
    expect(snapToCodePoints('a😎b', 0, 2)).toEqual({ start: 0, end: 3 });
  });

  it('refuses white-space-only and out-of-range selections with invalid', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const { id, body } = arts.find((a) => a.file.name === HAZARDS)!;
    const gap = body.indexOf('\n\n');
    expect(codeOf(() => createHighlight(store.db, { articleId: id, start: gap, end: gap + 2, themeIds: [] }))).toBe('invalid');
    const space = body.indexOf(' ');
    expect(codeOf(() => createHighlight(store.db, { articleId: id, start: space, end: space + 1, themeIds: [] }))).toBe('invalid');
    for (const [s, e] of [
      [0, body.length + 1],
      [-1, 5],
      [10, 10],
      [10, 5],
      [1.5, 8],
      [body.length, body.length + 3],
    ]) {
      expect(codeOf(() => createHighlight(store.db, { articleId: id, start: s, end: e, themeIds: [] })), `${s}-${e}`).toBe('invalid');
    }
    expect(codeOf(() => createHighlight(store.db, { articleId: 999, start: 0, end: 1, themeIds: [] }))).toBe('not-found');
    expect(listHighlightsByArticle(store.db, id)).toEqual([]);
    // whole body is fine
    expectAnchored(body, createHighlight(store.db, { articleId: id, start: 0, end: body.length, themeIds: [] }));
  });

  it('allows ranges across paragraphs, overlapping and nested highlights, listed by position', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const { id, body } = arts.find((a) => a.file.name === CORPUS.blog)!;
    const gap = body.indexOf('\n\n', 200);
    const across = createHighlight(store.db, { articleId: id, start: gap - 30, end: gap + 30, themeIds: [] });
    expect(across.quote).toContain('\n\n');
    expectAnchored(body, across);
    const outer = createHighlight(store.db, { articleId: id, start: 100, end: 400, themeIds: [] });
    const inner = createHighlight(store.db, { articleId: id, start: 150, end: 200, themeIds: [] });
    const overlap = createHighlight(store.db, { articleId: id, start: 350, end: 450, themeIds: [] });
    const same = createHighlight(store.db, { articleId: id, start: 150, end: 200, themeIds: [] });
    for (const h of [outer, inner, overlap, same]) expectAnchored(body, h);
    expect(same.id).not.toBe(inner.id);
    const list = listHighlightsByArticle(store.db, id);
    expect(list.map((h) => h.id)).toEqual(
      [...list].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id).map((h) => h.id),
    );
    expect(list).toHaveLength(5);
    expect(list[0].id).toBe(outer.id);
  });

  it('carries several themes; refuses trashed and missing themes and trashed articles', async () => {
    const store = await tempStore();
    const [{ id, body }] = addCorpus(store);
    const t1 = createTheme(store.db, { name: 'One' });
    const t2 = createTheme(store.db, { name: 'Two' });
    const t3 = createTheme(store.db, { name: 'Three' });
    const h = createHighlight(store.db, { articleId: id, start: 0, end: 20, themeIds: [t1.id, t2.id, t3.id, t2.id], comment: 'note' });
    expect(sorted(h.themeIds)).toEqual(sorted([t1.id, t2.id, t3.id]));
    expect(h.comment).toBe('note');
    expectAnchored(body, h);
    deleteTheme(store.db, t3.id);
    expect(codeOf(() => createHighlight(store.db, { articleId: id, start: 30, end: 40, themeIds: [t3.id] }))).toBe('invalid');
    expect(codeOf(() => createHighlight(store.db, { articleId: id, start: 30, end: 40, themeIds: [9999] }))).toBe('not-found');
    // A trashed theme disappears from the highlight's list, and comes back on restore.
    expect(sorted(getHighlight(store.db, h.id).themeIds)).toEqual(sorted([t1.id, t2.id]));
    restoreTheme(store.db, t3.id);
    expect(sorted(getHighlight(store.db, h.id).themeIds)).toEqual(sorted([t1.id, t2.id, t3.id]));
    deleteArticles(store.db, [id]);
    expect(codeOf(() => createHighlight(store.db, { articleId: id, start: 30, end: 40, themeIds: [] }))).toBe('invalid');
    expect(listHighlightsByArticle(store.db, id)).toHaveLength(1);
  });

  it('updates boundaries (re-anchors), comment, and themes (replace, add, remove)', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const { id, body } = arts.find((a) => a.file.name === HAZARDS)!;
    const [a, b, c] = ['A', 'B', 'C'].map((name) => createTheme(store.db, { name }));
    const h = createHighlight(store.db, { articleId: id, start: 10, end: 30, themeIds: [a.id] });
    const flag = body.indexOf('🇯🇵');
    const moved = updateHighlight(store.db, h.id, { start: flag + 1, end: flag + 40 });
    expect(moved.start).toBe(flag);
    expect(moved.end).toBe(flag + 40);
    expectAnchored(body, moved);
    expect(moved.uid).toBe(h.uid);
    const endOnly = updateHighlight(store.db, h.id, { end: flag + 50 });
    expect([endOnly.start, endOnly.end]).toEqual([flag, flag + 50]);
    expectAnchored(body, endOnly);
    expect(codeOf(() => updateHighlight(store.db, h.id, { end: flag }))).toBe('invalid');
    expect(codeOf(() => updateHighlight(store.db, h.id, { start: 0, end: body.length + 5 }))).toBe('invalid');
    expect(getHighlight(store.db, h.id).end).toBe(flag + 50); // refused updates change nothing

    expect(updateHighlight(store.db, h.id, { comment: 'Why this matters' }).comment).toBe('Why this matters');
    expect(sorted(updateHighlight(store.db, h.id, { addThemeIds: [b.id, c.id] }).themeIds)).toEqual(sorted([a.id, b.id, c.id]));
    expect(sorted(updateHighlight(store.db, h.id, { removeThemeIds: [a.id] }).themeIds)).toEqual(sorted([b.id, c.id]));
    expect(updateHighlight(store.db, h.id, { themeIds: [a.id] }).themeIds).toEqual([a.id]);
    expect(updateHighlight(store.db, h.id, { themeIds: [] }).themeIds).toEqual([]);
    expect(codeOf(() => updateHighlight(store.db, h.id, { addThemeIds: [777] }))).toBe('not-found');
    expect(codeOf(() => updateHighlight(store.db, 12345, { comment: 'x' }))).toBe('not-found');
  });

  it('keeps a membership in a trashed theme when other themes of the highlight change, so restoring the theme brings it back', async () => {
    const store = await tempStore();
    const [{ id }] = addCorpus(store);
    const keep = createTheme(store.db, { name: 'Keep' });
    const trashed = createTheme(store.db, { name: 'Trashed for a while' });
    const extra = createTheme(store.db, { name: 'Extra' });
    const h = createHighlight(store.db, { articleId: id, start: 0, end: 20, themeIds: [keep.id, trashed.id] });
    deleteTheme(store.db, trashed.id);
    updateHighlight(store.db, h.id, { addThemeIds: [extra.id] });
    restoreTheme(store.db, trashed.id);
    expect(sorted(getHighlight(store.db, h.id).themeIds)).toEqual(sorted([keep.id, trashed.id, extra.id]));
  });

  it('soft-deletes and restores highlights', async () => {
    const store = await tempStore();
    const [{ id }] = addCorpus(store);
    const h1 = createHighlight(store.db, { articleId: id, start: 0, end: 10, themeIds: [] });
    const h2 = createHighlight(store.db, { articleId: id, start: 20, end: 30, themeIds: [] });
    expect(deleteHighlights(store.db, [h1.id, h2.id])).toBe(2);
    expect(deleteHighlights(store.db, [h1.id])).toBe(0);
    expect(listHighlightsByArticle(store.db, id)).toEqual([]);
    expect(listHighlightsByArticle(store.db, id, { includeDeleted: true })).toHaveLength(2);
    expect(getHighlight(store.db, h1.id).deletedAt).not.toBeNull();
    expect(codeOf(() => updateHighlight(store.db, h1.id, { comment: 'x' }))).toBe('invalid');
    expect(restoreHighlights(store.db, [h1.id])).toBe(1);
    expect(listHighlightsByArticle(store.db, id).map((h) => h.id)).toEqual([h1.id]);
    expect(getHighlight(store.db, h1.id)).toEqual({ ...h1, deletedAt: null });
    expect(codeOf(() => deleteHighlights(store.db, [999]))).toBe('not-found');
  });

  it('findQuoteMismatches finds a highlight corrupted by a raw UPDATE', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const made = arts.map((a) => createHighlight(store.db, { articleId: a.id, start: 5, end: 25, themeIds: [] }));
    expect(findQuoteMismatches(store.db)).toEqual([]);
    const victim = made[2];
    store.db.prepare('UPDATE highlights SET quote = ? WHERE id = ?').run('tampered text', victim.id);
    expect(findQuoteMismatches(store.db)).toEqual([{ id: victim.id, articleId: victim.articleId, start: 5, end: 25 }]);
    const other = made[4];
    store.db.prepare('UPDATE highlights SET start = start + 1 WHERE id = ?').run(other.id);
    expect(findQuoteMismatches(store.db).map((b) => b.id).sort()).toEqual([victim.id, other.id].sort());
  });
});
