import { describe, expect, it } from 'vitest';
import { addArticle, addCorpus, tempStore } from '../test/helpers';
import { codeOf } from '../test/helpers/errors';
import { deleteArticles, findByBodyHash, getArticle, getArticleBody, insertArticle, listArticles, listSources, restoreArticles, updateArticle } from './articles';
import type { Store } from './store';
import { countWords, sha256 } from './util';

function seed(store: Store) {
  const a = addArticle(store, {
    title: 'Bravo report',
    source: 'Nikkei Asia',
    author: 'Ann Author',
    publishedAt: '2025-10-28',
    body: 'Rare earth magnets matter.\n\nSecond paragraph here.',
    importedAt: '2025-11-01T00:00:00.000Z',
  });
  const b = addArticle(store, {
    title: 'alpha brief',
    source: 'Reuters',
    author: null,
    publishedAt: '2024',
    body: 'One two three four five six seven.',
    importedAt: '2025-11-03T00:00:00.000Z',
  });
  const c = addArticle(store, {
    title: 'Charlie analysis',
    source: null,
    publishedAt: null,
    body: 'Short.',
    importedAt: '2025-11-02T00:00:00.000Z',
  });
  return { a, b, c };
}

describe('articles', () => {
  it('inserts and reads back an article with word count, hash, provenance and attributes', async () => {
    const store = await tempStore();
    const body = 'Japan’s rare-earth strategy 🇯🇵 covers Minamitorishima.\n\nIt is 2025.';
    const id = store.db.transaction(() =>
      insertArticle(store.db, {
        title: '  Strategy  ',
        source: 'Nikkei',
        author: 'A. Writer',
        url: 'https://example.org/a',
        publishedAt: '2025-10',
        language: 'en',
        body,
        originalName: 'strategy.txt',
        originalFormat: 'txt',
        originalBytes: 123,
        original: new TextEncoder().encode(body),
        attributes: { country: 'Japan', type: 'news' },
      }),
    )();
    const a = getArticle(store.db, id);
    expect(a).toMatchObject({
      id,
      title: 'Strategy',
      source: 'Nikkei',
      author: 'A. Writer',
      url: 'https://example.org/a',
      publishedAt: '2025-10',
      language: 'en',
      body,
      bodySha256: sha256(body),
      highlightCount: 0,
      originalName: 'strategy.txt',
      originalFormat: 'txt',
      originalBytes: 123,
      deletedAt: null,
      attributes: { country: 'Japan', type: 'news' },
    });
    expect(a.wordCount).toBe(countWords(body));
    expect(a.wordCount).toBe(8); // Japan’s rare-earth strategy covers Minamitorishima It is 2025
    expect(a.uid).toMatch(/^[0-9a-f-]{36}$/);
    const orig = store.db.prepare('SELECT bytes FROM article_originals WHERE article_id = ?').get(id) as { bytes: Buffer };
    expect(Buffer.from(orig.bytes).toString('utf8')).toBe(body);
  });

  it('charCount is in UTF-16 code units like every other offset (body.length), also for emoji and flags', async () => {
    const store = await tempStore();
    const body = 'Flag 🇯🇵 and compass 🧭 and plain text.';
    const id = addArticle(store, { title: 't', body });
    expect(getArticle(store.db, id).charCount).toBe(body.length);
    expect(listArticles(store.db)[0].charCount).toBe(body.length);
  });

  it('refuses an empty body and fills an empty title with Untitled', async () => {
    const store = await tempStore();
    expect(codeOf(() => addArticle(store, { title: 'x', body: '  \n\n ' }))).toBe('invalid');
    const id = addArticle(store, { title: '   ', body: 'text' });
    expect(getArticle(store.db, id).title).toBe('Untitled');
  });

  it('get/getArticleBody of a missing id is not-found', async () => {
    const store = await tempStore();
    expect(codeOf(() => getArticle(store.db, 42))).toBe('not-found');
    expect(codeOf(() => getArticleBody(store.db, 42))).toBe('not-found');
    expect(codeOf(() => updateArticle(store.db, 42, { title: 'x' }))).toBe('not-found');
    expect(codeOf(() => deleteArticles(store.db, [42]))).toBe('not-found');
  });

  it('lists live articles, newest import first by default', async () => {
    const store = await tempStore();
    const { a, b, c } = seed(store);
    expect(listArticles(store.db).map((x) => x.id)).toEqual([b, c, a]);
  });

  it.each([
    ['title', 'asc', ['alpha brief', 'Bravo report', 'Charlie analysis']],
    ['title', 'desc', ['Charlie analysis', 'Bravo report', 'alpha brief']],
    ['source', 'asc', ['Bravo report', 'alpha brief', 'Charlie analysis']], // Nikkei, Reuters, null last
    ['source', 'desc', ['alpha brief', 'Bravo report', 'Charlie analysis']], // null last either way
    ['publishedAt', 'asc', ['alpha brief', 'Bravo report', 'Charlie analysis']],
    ['publishedAt', 'desc', ['Bravo report', 'alpha brief', 'Charlie analysis']],
    ['importedAt', 'asc', ['Bravo report', 'Charlie analysis', 'alpha brief']],
    ['importedAt', 'desc', ['alpha brief', 'Charlie analysis', 'Bravo report']],
    ['wordCount', 'asc', ['Charlie analysis', 'Bravo report', 'alpha brief']],
    ['wordCount', 'desc', ['alpha brief', 'Bravo report', 'Charlie analysis']],
  ] as const)('sorts by %s %s', async (sort, direction, titles) => {
    const store = await tempStore();
    seed(store);
    expect(listArticles(store.db, { sort, direction }).map((x) => x.title)).toEqual(titles);
  });

  it('sorts by highlight count', async () => {
    const store = await tempStore();
    const { a, b, c } = seed(store);
    const ins = store.db.prepare(
      `INSERT INTO highlights (uid, article_id, start, "end", quote, created_at, updated_at) VALUES (?, ?, 0, 1, ?, 'x', 'x')`,
    );
    ins.run('h1', b, 'O');
    ins.run('h2', b, 'O');
    ins.run('h3', c, 'S');
    expect(listArticles(store.db, { sort: 'highlightCount', direction: 'desc' }).map((x) => x.id)).toEqual([b, c, a]);
    expect(listArticles(store.db, { sort: 'highlightCount', direction: 'asc' }).map((x) => x.id)).toEqual([a, c, b]);
    expect(getArticle(store.db, b).highlightCount).toBe(2);
  });

  it('filters by exact source and by text in title, source or author (case-insensitive)', async () => {
    const store = await tempStore();
    const { a, b } = seed(store);
    expect(listArticles(store.db, { source: 'Reuters' }).map((x) => x.id)).toEqual([b]);
    expect(listArticles(store.db, { source: 'reuters' })).toEqual([]);
    expect(listArticles(store.db, { text: 'BRAVO' }).map((x) => x.id)).toEqual([a]);
    expect(listArticles(store.db, { text: 'nikkei' }).map((x) => x.id)).toEqual([a]);
    expect(listArticles(store.db, { text: 'ann auth' }).map((x) => x.id)).toEqual([a]);
    expect(listArticles(store.db, { text: 'zzz' })).toEqual([]);
    expect(listSources(store.db)).toEqual([
      { source: 'Nikkei Asia', count: 1 },
      { source: 'Reuters', count: 1 },
    ]);
  });

  it('updates metadata (trimmed; blanks become null), requires a title, replaces attributes', async () => {
    const store = await tempStore();
    const { a } = seed(store);
    const u = updateArticle(store.db, a, { title: '  New title  ', source: '  ', author: ' B. Writer ', publishedAt: '2025-11', attributes: { country: ' JP ', empty: ' ' } });
    expect(u.title).toBe('New title');
    expect(u.source).toBeNull();
    expect(u.author).toBe('B. Writer');
    expect(u.publishedAt).toBe('2025-11');
    expect(u.attributes).toEqual({ country: 'JP' });
    const bodyBefore = u.body;
    expect(codeOf(() => updateArticle(store.db, a, { title: '   ' }))).toBe('invalid');
    expect(codeOf(() => updateArticle(store.db, a, { title: null as unknown as string }))).toBe('invalid');
    // The refused update changed nothing (one transaction).
    const after = getArticle(store.db, a);
    expect(after.title).toBe('New title');
    expect(after.body).toBe(bodyBefore);
    // Keys not in the patch are left alone.
    expect(updateArticle(store.db, a, { url: 'https://x.example' }).author).toBe('B. Writer');
  });

  it('soft-deletes to the Trash and restores', async () => {
    const store = await tempStore();
    const { a, b, c } = seed(store);
    expect(deleteArticles(store.db, [a, b])).toBe(2);
    expect(deleteArticles(store.db, [a])).toBe(0); // already in the Trash
    expect(listArticles(store.db).map((x) => x.id)).toEqual([c]);
    expect(listArticles(store.db, { trash: true }).map((x) => x.id).sort()).toEqual([a, b].sort());
    expect(getArticle(store.db, a).deletedAt).not.toBeNull();
    expect(listSources(store.db)).toEqual([]);
    expect(restoreArticles(store.db, [a])).toBe(1);
    expect(restoreArticles(store.db, [a])).toBe(0);
    expect(getArticle(store.db, a).deletedAt).toBeNull();
    expect(listArticles(store.db).map((x) => x.id).sort()).toEqual([a, c].sort());
  });

  it('findByBodyHash finds live articles first, then trashed ones, else null', async () => {
    const store = await tempStore();
    const [first] = addCorpus(store);
    const h = sha256(first.body);
    expect(findByBodyHash(store.db, h)).toEqual({ id: first.id, title: getArticle(store.db, first.id).title, deletedAt: null });
    deleteArticles(store.db, [first.id]);
    const trashed = findByBodyHash(store.db, h);
    expect(trashed?.id).toBe(first.id);
    expect(trashed?.deletedAt).not.toBeNull();
    const again = addArticle(store, { title: 'copy', body: first.body });
    expect(findByBodyHash(store.db, h)?.id).toBe(again); // the live copy wins
    expect(findByBodyHash(store.db, sha256('nothing like it'))).toBeNull();
  });
});
