import { describe, expect, it } from 'vitest';
import { addArticle, addCorpus, COMMON_WORD, CORPUS, tempStore, UNIQUE_WORD } from '../test/helpers';
import { deleteArticles, restoreArticles, updateArticle } from './articles';
import { MARK_END, MARK_START, searchArticles, toFtsQuery } from './search';

describe('search', () => {
  it('finds a word in the one corpus article that has it, with a marked snippet', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const hits = searchArticles(store.db, UNIQUE_WORD);
    expect(hits).toHaveLength(1);
    const expected = arts.find((a) => a.file.name === CORPUS.clean)!;
    expect(hits[0].articleId).toBe(expected.id);
    expect(hits[0].snippet).toContain(`${MARK_START}${UNIQUE_WORD}${MARK_END}`);
    expect(typeof hits[0].rank).toBe('number');
    // case-insensitive, and a prefix while typing
    expect(searchArticles(store.db, UNIQUE_WORD.slice(0, 6).toLowerCase()).map((h) => h.articleId)).toEqual([expected.id]);
  });

  it('ranks and filters: several words are ANDed', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const all = searchArticles(store.db, COMMON_WORD);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const h of all) expect(arts.find((a) => a.id === h.articleId)!.body.toLowerCase()).toContain(COMMON_WORD);
    const both = searchArticles(store.db, `${COMMON_WORD} ${UNIQUE_WORD}`);
    expect(both.map((h) => h.articleId)).toEqual(searchArticles(store.db, UNIQUE_WORD).map((h) => h.articleId));
    expect(searchArticles(store.db, 'zzqqxx')).toEqual([]);
    expect(searchArticles(store.db, COMMON_WORD, { limit: 2 })).toHaveLength(2);
  });

  it.each([
    '"',
    '""',
    '"rare earth',
    'rare"earth',
    '*',
    'rare*',
    '(',
    ')',
    '(rare',
    'AND',
    'rare AND',
    'OR NOT',
    'NEAR(rare earth)',
    '-',
    '-rare',
    'rare -earth',
    '^rare',
    'title:rare',
    ':',
    '"-"',
    '"()"',
    '   ',
    '',
    "O'Brien",
    '🇯🇵',
    'a\u0000b',
    '\\',
    '{rare}',
    '+rare',
    '.',
  ])('never throws on odd input %j', async (q) => {
    const store = await tempStore();
    addCorpus(store);
    expect(() => searchArticles(store.db, q)).not.toThrow();
    expect(Array.isArray(searchArticles(store.db, q))).toBe(true);
  });

  it('treats operators as words and quoted text as a phrase', async () => {
    const store = await tempStore();
    const a = addArticle(store, { title: 'Ops', body: 'Japan AND China signed. Rare earth supply.' });
    const b = addArticle(store, { title: 'Other', body: 'Earth is rare here.' });
    expect(searchArticles(store.db, '"rare earth"').map((h) => h.articleId)).toEqual([a]);
    expect(searchArticles(store.db, 'rare earth').map((h) => h.articleId).sort()).toEqual([a, b].sort());
    expect(searchArticles(store.db, 'Japan AND').map((h) => h.articleId)).toEqual([a]);
    expect(toFtsQuery('rare earth')).toBe('"rare" "earth"*');
    expect(toFtsQuery('"rare earth"')).toBe('"rare earth"');
    expect(toFtsQuery('*()')).toBeNull();
  });

  it('does not find articles in the Trash; finds them again after restore', async () => {
    const store = await tempStore();
    const arts = addCorpus(store);
    const target = arts.find((a) => a.file.name === CORPUS.clean)!;
    deleteArticles(store.db, [target.id]);
    expect(searchArticles(store.db, UNIQUE_WORD)).toEqual([]);
    restoreArticles(store.db, [target.id]);
    expect(searchArticles(store.db, UNIQUE_WORD)).toHaveLength(1);
  });

  it('a title or source edit is searchable at once (triggers keep the index in step)', async () => {
    const store = await tempStore();
    const [first] = addCorpus(store);
    expect(searchArticles(store.db, 'Xylophonic')).toEqual([]);
    updateArticle(store.db, first.id, { title: 'Xylophonic minerals dossier', source: 'Quuxpress' });
    const hits = searchArticles(store.db, 'Xylophonic');
    expect(hits.map((h) => h.articleId)).toEqual([first.id]);
    expect(hits[0].title).toBe('Xylophonic minerals dossier');
    expect(searchArticles(store.db, 'Quuxpress').map((h) => h.articleId)).toEqual([first.id]);
    updateArticle(store.db, first.id, { title: 'Plain' });
    expect(searchArticles(store.db, 'Xylophonic')).toEqual([]);
  });

  it('prefix-matches only the last word', async () => {
    const store = await tempStore();
    const a = addArticle(store, { title: 't', body: 'processing capacity at Minamitorishima' });
    expect(searchArticles(store.db, 'processing Minami').map((h) => h.articleId)).toEqual([a]);
    expect(searchArticles(store.db, 'process Minamitorishima')).toEqual([]); // "process" is a whole word, not a prefix
    expect(searchArticles(store.db, 'Minamitorishima proc').map((h) => h.articleId)).toEqual([a]);
    expect(searchArticles(store.db, 'proc ')).toHaveLength(1); // trailing space: still the last word
    expect(searchArticles(store.db, '"proc"')).toEqual([]); // a closed phrase is exact
  });
});
