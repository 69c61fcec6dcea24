import { describe, expect, it } from 'vitest';
import { addCorpus, CORPUS, tempStore } from '../test/helpers';
import { deleteArticles, updateArticle } from './articles';
import { StoreError } from './errors';
import { contextAfter, contextBefore, listExcerpts, type Excerpt, type ExcerptQuery } from './excerpts';
import { createHighlight, deleteHighlights } from './highlights';
import type { DB } from './store';
import { createTheme, deleteTheme } from './themes';

/** Deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const META = [
  { title: 'Echo on partnership', source: 'Nikkei', publishedAt: '2025-10-28' },
  { title: 'alpha strategy', source: 'Nikkei', publishedAt: '2025-10' },
  { title: 'Delta economic ties', source: 'Reuters', publishedAt: '2025' },
  { title: 'Bravo trade agreement', source: 'CSPAN', publishedAt: '2024-12-31' },
  { title: 'charlie assessment', source: null, publishedAt: null },
];

interface Passage {
  id: number;
  articleIndex: number;
  themes: Set<number>;
}

async function setup(count = 250) {
  const store = await tempStore();
  const db = store.db;
  // Five articles, one per META row: plain text, Windows-1252, emoji and flags, RTL scripts.
  const arts = addCorpus(store, [CORPUS.news, CORPUS.clean, CORPUS.cp1252, CORPUS.hazards, CORPUS.blog]);
  arts.forEach((a, i) => updateArticle(db, a.id, META[i]));
  const parent = createTheme(db, { name: 'Parent' });
  const child = createTheme(db, { name: 'Child', parentId: parent.id });
  const co = createTheme(db, { name: 'Co' });
  const rand = rng(7);
  const passages: Passage[] = [];
  while (passages.length < count) {
    const ai = passages.length % arts.length;
    const body = arts[ai].body;
    const len = 10 + Math.floor(rand() * 70);
    const start = Math.floor(rand() * (body.length - len));
    if (body.slice(start, start + len).trim() === '') continue;
    const k = passages.length % 3;
    const themeIds = k === 0 ? [parent.id] : k === 1 ? [child.id] : [parent.id, child.id];
    if (passages.length % 4 === 0) themeIds.push(co.id);
    const h = createHighlight(db, { articleId: arts[ai].id, start, end: start + len, themeIds });
    passages.push({ id: h.id, articleIndex: ai, themes: new Set(themeIds) });
  }
  return { store, db, arts, parent, child, co, passages };
}

function allPages(db: DB, q: ExcerptQuery): { items: Excerpt[]; pages: number; total: number | null } {
  const items: Excerpt[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number | null = null;
  do {
    const page = listExcerpts(db, { ...q, cursor });
    if (pages === 0) total = page.total;
    else expect(page.total).toBeNull();
    expect(page.items.length).toBeLessThanOrEqual(q.limit ?? 100);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages, total };
}

const ids = (xs: { id: number }[]) => xs.map((x) => x.id).sort((a, b) => a - b);

describe('excerpts', () => {
  it.each(['date', 'article'] as const)('keyset paging (sort %s) returns every passage exactly once, in order', async (sort) => {
    const w = await setup();
    const { items, pages, total } = allPages(w.db, { themeId: w.parent.id, sort, limit: 40 });
    expect(total).toBe(250);
    expect(items).toHaveLength(250);
    expect(pages).toBe(Math.ceil(250 / 40));
    expect(new Set(items.map((x) => x.id)).size).toBe(250);
    expect(ids(items)).toEqual(ids(w.passages));
    // Paging gives exactly the order of one big page.
    const one = listExcerpts(w.db, { themeId: w.parent.id, sort, limit: 1000 });
    expect(one.nextCursor).toBeNull();
    expect(items.map((x) => x.id)).toEqual(one.items.map((x) => x.id));
    // And that order is the documented one.
    const key = (x: Excerpt) => (sort === 'article' ? x.article.title.toLowerCase() : (x.article.publishedAt ?? ''));
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1];
      const b = items[i];
      const cmp = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.article.id - b.article.id || a.start - b.start || a.id - b.id;
      expect(cmp, `${a.id} before ${b.id}`).toBeLessThan(0);
    }
  });

  it('includeSubThemes: true (default) includes passages of sub-themes, false only the theme itself', async () => {
    const w = await setup(60);
    const direct = w.passages.filter((p) => p.themes.has(w.parent.id));
    const withSubs = w.passages.filter((p) => p.themes.has(w.parent.id) || p.themes.has(w.child.id));
    expect(ids(allPages(w.db, { themeId: w.parent.id, limit: 7 }).items)).toEqual(ids(withSubs));
    expect(ids(allPages(w.db, { themeId: w.parent.id, includeSubThemes: true, limit: 7 }).items)).toEqual(ids(withSubs));
    const only = allPages(w.db, { themeId: w.parent.id, includeSubThemes: false, limit: 7 });
    expect(only.total).toBe(direct.length);
    expect(ids(only.items)).toEqual(ids(direct));
    expect(ids(allPages(w.db, { themeId: w.child.id, limit: 1000 }).items)).toEqual(ids(w.passages.filter((p) => p.themes.has(w.child.id))));
    // A trashed sub-theme no longer contributes.
    deleteTheme(w.db, w.child.id);
    expect(ids(allPages(w.db, { themeId: w.parent.id, limit: 1000 }).items)).toEqual(ids(direct));
  });

  it('filters by source, co-theme, and leaves out trashed passages and articles', async () => {
    const w = await setup(60);
    const nikkei = w.passages.filter((p) => META[p.articleIndex].source === 'Nikkei');
    const r = allPages(w.db, { themeId: w.parent.id, source: 'Nikkei', limit: 9 });
    expect(r.total).toBe(nikkei.length);
    expect(ids(r.items)).toEqual(ids(nikkei));
    for (const x of r.items) expect(x.article.source).toBe('Nikkei');

    const withCo = w.passages.filter((p) => p.themes.has(w.co.id));
    expect(withCo.length).toBeGreaterThan(0);
    expect(ids(allPages(w.db, { themeId: w.parent.id, coThemeId: w.co.id, limit: 4 }).items)).toEqual(ids(withCo));

    deleteHighlights(w.db, [w.passages[0].id]);
    deleteArticles(w.db, [w.arts[1].id]);
    const left = w.passages.slice(1).filter((p) => p.articleIndex !== 1);
    const after = allPages(w.db, { themeId: w.parent.id, limit: 11 });
    expect(after.total).toBe(left.length);
    expect(ids(after.items)).toEqual(ids(left));
  });

  it.each([
    [{ from: '2025-10' }, ['2025-10-28', '2025-10']],
    [{ from: '2025' }, ['2025-10-28', '2025-10', '2025']],
    [{ to: '2025-10' }, ['2025-10-28', '2025-10', '2025', '2024-12-31']],
    [{ to: '2024' }, ['2024-12-31']],
    [{ to: '2024-12-31' }, ['2024-12-31']],
    [{ from: '2024-12-31', to: '2024-12-31' }, ['2024-12-31']],
    [{ from: '2025-10-28', to: '2025-10-28' }, ['2025-10-28']],
    [{ from: '2025-01', to: '2025-12' }, ['2025-10-28', '2025-10']],
    [{ from: '2026' }, []],
  ])('date filter %j (inclusive, partial dates) keeps articles dated %j', async (filter, dates) => {
    const w = await setup(30);
    const expected = w.passages.filter((p) => dates.includes(META[p.articleIndex].publishedAt as string));
    const r = allPages(w.db, { themeId: w.parent.id, limit: 8, ...filter });
    expect(r.total).toBe(expected.length);
    expect(ids(r.items)).toEqual(ids(expected));
  });

  it('gives context from the passage own paragraph(s), never across a paragraph break', async () => {
    const w = await setup(250);
    const bodies = new Map(w.arts.map((a) => [a.id, a.body]));
    const { items } = allPages(w.db, { themeId: w.parent.id, limit: 100, contextChars: 120 });
    for (const x of items) {
      const body = bodies.get(x.article.id)!;
      expect(x.quote).toBe(body.slice(x.start, x.end));
      expect(body.slice(x.start - x.before.length, x.start)).toBe(x.before);
      expect(body.slice(x.end, x.end + x.after.length)).toBe(x.after);
      expect(x.before.includes('\n\n'), `before of ${x.id}`).toBe(false);
      expect(x.after.includes('\n\n'), `after of ${x.id}`).toBe(false);
      expect(x.before.length).toBeLessThanOrEqual(120);
      expect(x.after.length).toBeLessThanOrEqual(120);
    }
    // contextChars 0: none at all
    for (const x of listExcerpts(w.db, { themeId: w.parent.id, contextChars: 0, limit: 50 }).items) {
      expect(x.before).toBe('');
      expect(x.after).toBe('');
    }
  });

  it('a passage selected together with its paragraph break gets no context from the neighbouring paragraph', async () => {
    const store = await tempStore();
    const db = store.db;
    const [{ id, body }] = addCorpus(store, [CORPUS.blog]);
    const t = createTheme(db, { name: 'T' });
    const br = body.indexOf('\n\n', 500);
    const paraStart = body.lastIndexOf('\n\n', br - 1) + 2;
    // Triple-click style selections: the paragraph plus one or both newlines of the break after it.
    const h1 = createHighlight(db, { articleId: id, start: paraStart, end: br + 1, themeIds: [t.id] });
    const h2 = createHighlight(db, { articleId: id, start: paraStart, end: br + 2, themeIds: [t.id] });
    // And a selection that starts inside the break before the next paragraph.
    const nextEnd = body.indexOf('\n\n', br + 2);
    const h3 = createHighlight(db, { articleId: id, start: br, end: nextEnd, themeIds: [t.id] });
    const byId = new Map(listExcerpts(db, { themeId: t.id }).items.map((x) => [x.id, x]));
    expect(byId.get(h1.id)!.after).toBe('');
    expect(byId.get(h2.id)!.after).toBe('');
    expect(byId.get(h3.id)!.before).toBe('');
  });

  it('contextBefore/contextAfter cut to whole words within the limit', () => {
    const body = 'Alpha beta gamma delta.\n\nEpsilon zeta eta theta iota kappa.';
    const s = body.indexOf('theta');
    expect(contextBefore(body, s, 12)).toBe('zeta eta ');
    expect(contextBefore(body, s, 100)).toBe('Epsilon zeta eta ');
    const e = body.indexOf('beta') + 4;
    expect(contextAfter(body, e, 8)).toBe(' gamma');
    expect(contextAfter(body, e, 100)).toBe(' gamma delta.');
  });

  it('refuses an invalid cursor with code invalid, and a missing theme with not-found', async () => {
    const w = await setup(10);
    const bad = [
      'garbage!!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["x",1,2]').toString('base64url'),
      Buffer.from('["x",1,2,"3"]').toString('base64url'),
      Buffer.from('[1,1,2,3]').toString('base64url'),
    ];
    for (const cursor of bad) {
      let code: string | null = null;
      try {
        listExcerpts(w.db, { themeId: w.parent.id, cursor });
      } catch (err) {
        expect(err).toBeInstanceOf(StoreError);
        code = (err as StoreError).code;
      }
      expect(code, cursor).toBe('invalid');
    }
    expect(() => listExcerpts(w.db, { themeId: 9999 })).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
