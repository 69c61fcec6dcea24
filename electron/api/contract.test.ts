import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ctxFor } from '../../test/helpers/context';
import { contract, isMethodName, type MethodName } from './contract';
import { call, dispatch } from './dispatch';
import { handlers } from './handlers/index';

/** The keys a method's input object declares (unwrapping `.default({})`). */
function shapeKeys(schema: z.ZodType): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  expect(s).toBeInstanceOf(z.ZodObject);
  return Object.keys((s as z.ZodObject).shape);
}

const METHODS = Object.keys(contract) as MethodName[];

/** Obviously wrong values for every field name the contract uses. */
const GENERIC_BAD = {
  __bad: true,
  id: 'not-a-number',
  ids: 'x',
  articleId: -1,
  query: 5,
  text: 5,
  title: 5,
  name: 5,
  paths: 'x',
  files: 'x',
  fromId: 'x',
  intoId: 'x',
  themeId: 'x',
  path: 5,
  trash: 'yes',
  start: -1,
  end: 'x',
  body: 5,
};

describe('contract and dispatch', () => {
  it('every contract method has a handler, and every handler a contract entry', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(isMethodName(m)).toBe(true);
  });

  it.each(METHODS)('%s refuses obviously invalid input with invalid-input, naming the method', async (method) => {
    const ctx = await ctxFor();
    const keys = shapeKeys(contract[method].input as z.ZodType);
    const attempts: unknown[] = [42, 'not an object', [1, 2], true];
    if (keys.length > 0) {
      attempts.push(GENERIC_BAD);
      // Every declared field with a value of the wrong type.
      attempts.push(Object.fromEntries(keys.map((k) => [k, { wrong: true }])));
    }
    for (const input of attempts) {
      const r = await dispatch(ctx, method, input);
      expect(r.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-input');
        expect(r.error.message.startsWith(`${method}: `), r.error.message).toBe(true);
      }
    }
    // Methods without required fields take {} (or nothing) but still refuse a wrong type for a field they know.
    const empty = contract[method].input.safeParse({});
    if (empty.success && keys.length > 0) {
      for (const k of keys) {
        const r = await dispatch(ctx, method, { [k]: { wrong: true } });
        expect(r.ok, `${method} accepted a wrong ${k}`).toBe(false);
        if (!r.ok) expect(r.error.message).toContain(k);
      }
    }
  });

  it('refuses specific wrong types with a message naming the field', async () => {
    const ctx = await ctxFor();
    const cases: [string, unknown, string][] = [
      ['articles.list', { trash: 'yes' }, 'trash'],
      ['articles.list', { sort: 'bogus' }, 'sort'],
      ['themes.list', { trash: 1 }, 'trash'],
      ['memos.list', { trash: 'no' }, 'trash'],
      ['articles.get', { id: 'x' }, 'id'],
      ['articles.get', { id: 0 }, 'id'],
      ['articles.get', { id: 1.5 }, 'id'],
      ['themes.create', { name: 'x', color: 'red' }, 'color'],
      ['highlights.create', { articleId: 1, start: -1, end: 2 }, 'start'],
      ['search.query', { query: 'x'.repeat(1001) }, 'query'],
      ['articles.importText', { text: 'hello', publishedAt: 'yesterday' }, 'publishedAt'],
      ['articles.delete', { ids: [] }, 'ids'],
    ];
    for (const [m, input, field] of cases) {
      const r = await dispatch(ctx, m, input);
      expect(r, `${m} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!r.ok) {
        expect(r.error.message.startsWith(`${m}: `)).toBe(true);
        expect(r.error.message).toContain(field);
      }
    }
  });

  it.each(['no.such', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('unknown method %j → unknown-method', async (m) => {
    const ctx = await ctxFor();
    const r = await dispatch(ctx, m, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('a missing id → not-found', async () => {
    const ctx = await ctxFor();
    for (const [m, input] of [
      ['articles.get', { id: 999 }],
      ['memos.get', { id: 999 }],
      ['themes.update', { id: 999, name: 'x' }],
      ['highlights.update', { id: 999, comment: 'x' }],
      ['highlights.listByArticle', { articleId: 999 }],
      ['excerpts.list', { themeId: 999 }],
    ] as const) {
      const r = await dispatch(ctx, m, input);
      if (m === 'highlights.listByArticle') {
        expect(r).toEqual({ ok: true, value: [] });
        continue;
      }
      expect(r, m).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('happy path through dispatch: importText → themes.create → highlights.create → memos.create → search → stats → undo', async () => {
    const ctx = await ctxFor();
    const events: { scopes: string[] }[] = [];
    ctx.events.on('store.changed', (e) => events.push(e));
    const text =
      'Japan eyes Minamitorishima mud\n\nDeep-sea mud near Minamitorishima holds rare earths 🇯🇵.\n\nTrials start in 2026.';
    const imp = await call(ctx, 'articles.importText', { text, source: 'Nikkei', publishedAt: '2025-10' });
    expect(imp.status).toBe('imported');
    expect(imp.title).toBe('Japan eyes Minamitorishima mud');
    const articleId = imp.articleId!;
    const art = await call(ctx, 'articles.get', { id: articleId });
    expect(art).toMatchObject({ id: articleId, source: 'Nikkei', publishedAt: '2025-10', similarTo: null, originalFormat: 'paste' });
    expect(art.body).toBe(text);

    const dup = await call(ctx, 'articles.importText', { text });
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: { id: articleId } });

    const theme = await call(ctx, 'themes.create', { name: 'Deep-sea mining', color: '#0072B2' });
    const start = art.body.indexOf('Deep-sea mud');
    const end = art.body.indexOf('🇯🇵') + '🇯🇵'.length;
    const h = await call(ctx, 'highlights.create', { articleId, start, end, themeIds: [theme.id], comment: 'key claim' });
    expect(h.quote).toBe(art.body.slice(start, end));
    expect(h.quote.endsWith('🇯🇵')).toBe(true);
    const memo = await call(ctx, 'memos.create', { title: 'Findings', body: `See [[hl:${h.uid}]]` });
    expect(memo.body).toContain(h.uid);

    const hits = await call(ctx, 'search.query', { query: 'Minamitorishima' });
    expect(hits.map((x) => x.articleId)).toEqual([articleId]);
    expect(hits[0].snippet).toContain('\u0001Minamitorishima\u0002');

    const stats = await call(ctx, 'store.stats', {});
    expect(stats).toMatchObject({ articles: 1, themes: 1, highlights: 1, memos: 1, trashedArticles: 0 });
    const list = await call(ctx, 'themes.list', {});
    expect(list[0]).toMatchObject({ id: theme.id, highlightCount: 1, totalHighlightCount: 1 });
    const ex = await call(ctx, 'excerpts.list', { themeId: theme.id });
    expect(ex.items.map((x) => x.id)).toEqual([h.id]);

    const u = await call(ctx, 'history.undo', {});
    expect(u.label).toBe('New memo');
    expect((await call(ctx, 'store.stats', {})).memos).toBe(0);
    expect(u.redoLabel).toBe('New memo');

    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.some((e) => e.scopes.includes('highlights'))).toBe(true);
    expect(events.some((e) => e.scopes.includes('memos'))).toBe(true);
    expect((await call(ctx, 'store.doctor', {})).ok).toBe(true);
  });

  it('store errors keep their code through dispatch (conflict, invalid), import failures become import-failed', async () => {
    const ctx = await ctxFor();
    await call(ctx, 'themes.create', { name: 'Same' });
    expect(await dispatch(ctx, 'themes.create', { name: 'same' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const imp = await call(ctx, 'articles.importText', { text: 'Some text here.' });
    expect(await dispatch(ctx, 'highlights.create', { articleId: imp.articleId, start: 0, end: 999 })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    const blank = await dispatch(ctx, 'articles.importText', { text: ' \n\n \t ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'import-failed' } });
    await expect(call(ctx, 'articles.get', { id: 12345 })).rejects.toMatchObject({ code: 'not-found' });
  });
});
