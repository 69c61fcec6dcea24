import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS, corpusArticle } from '../test/helpers/corpus';
import { describeIfShared, SHARED_CORPUS_DIR } from '../test/helpers/shared';
import { makeAnchor } from './anchor';
import { getArticle, insertArticle } from './articles';
import { createHighlight, deleteHighlights, findQuoteMismatches, getHighlight, listHighlightsByArticle } from './highlights';
import { historyState, redo, undo } from './journal';
import { positionMap } from './reanchor';
import { listOrphans, replaceArticleText, replaceOrphan } from './replace-text';
import { openStore, type Store } from './store';
import { createTheme } from './themes';
import type { Id } from './types';
import { countWords, sha256 } from './util';

/** [start, end) from the first `from` to the end of the next `to`: markers avoid the article's no-break spaces. */
function span(body: string, [from, to]: readonly [string, string]): [number, number] {
  const i = body.indexOf(from);
  const j = body.indexOf(to, i);
  if (i < 0 || j < 0) throw new Error(`fixture: ${from} … ${to} not found`);
  return [i, j + to.length];
}

/** The seven highlighted passages every article fixture names, by their role in the tests. */
type Name = 'flag' | 'nested' | 'bullet' | 'emojiHeading' | 'paragraph' | 'later' | 'lastHeading';
const NAMES: Name[] = ['flag', 'nested', 'bullet', 'emojiHeading', 'paragraph', 'later', 'lastHeading'];

/**
 * An article with emoji, flags and no-break spaces, and the places in it the
 * tests edit. Passages are in text order, each given by [from, to] markers.
 */
interface ArticleFixture {
  title: string;
  load: () => string;
  passages: Record<Name, readonly [string, string]>;
  /** A passage the first test trashes before the edit. */
  trashed: readonly [string, string];
  /** Two typos: one of the same length inside `bullet`, one that drops a letter inside `paragraph`. */
  typos: readonly [readonly [string, string], readonly [string, string]];
  /** Where a quotation of `bullet` goes (end of this marker), and the bullet after next that is cut. */
  quoteAfter: string;
  cutBullet: readonly [string, string];
  /** Where the orphaned `paragraph` highlight is placed again by hand. */
  replaceAt: readonly [string, string];
}

const PROJECT: ArticleFixture = {
  title: 'Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains',
  load: () => corpusArticle(CORPUS.hazards).body,
  passages: {
    flag: ['🇳🇱 Harbour Desk', 'Veldhaven Strike'], // starts with a flag
    nested: ['Pressure Points of the Veldhaven Strike', 'Strike'], // nested inside `flag`
    bullet: ['Automation', 'last minute.'],
    emojiHeading: ['⚓\ufe0f 2.', 'Who Feels It First'], // emoji + variation selector
    paragraph: ['Diverting ships', 'Two paths are open:'],
    later: ['A mediator appointed', 'labour ministry'],
    lastHeading: ['🛡 5.', 'What Could End It'],
  },
  trashed: ['Refrigerated containers', 'wait at anchor'],
  typos: [
    ['guarantees were dropped', 'guarnatees were dropped'],
    ['not a cure', 'not a cur'],
  ],
  quoteAfter: 'go with them.',
  cutBullet: ['• The union’s strike fund', 'six weeks.\n'],
  replaceAt: ['Each day of stoppage', 'unmoved.'],
};

/** The real article in ../shared/corpus the suite was first written on. */
const REAL: ArticleFixture = {
  title: 'U.S. and Japan Forge Rare Earths Alliance',
  load: () => readFileSync(path.join(SHARED_CORPUS_DIR, 'us-japan-rare-earths-alliance-assessment.txt'), 'utf8'),
  passages: {
    flag: ['🇯🇵 JP-01', 'Minerals Accord'],
    nested: ['Critical Minerals Accord', 'Accord'],
    bullet: ['Undercut', 'licensing slowdowns.'],
    emojiHeading: ['⛏️ 2.', 'Consumer to Controller'],
    paragraph: ['This is not just about minerals', '21st century.'],
    later: ['front-line state', 'rare earths contest'],
    lastHeading: ['🛡 5.', 'Implications'],
  },
  trashed: ['Streamlined permitting', 'strategic vulnerability.'],
  typos: [
    ['weaponized', 'weaponzied'],
    ['industrial value chain', 'industial value chain'],
  ],
  quoteAfter: 'maneuvering.',
  cutBullet: ['  • Test how far', 'semiconductors.\n'],
  replaceAt: ['In effect, the agreement', 'influence it entails.'],
};

describe('replaceArticleText on the project corpus', () => {
  replaceTextSuite(PROJECT);
});

describeIfShared('corpus', 'replaceArticleText on the real article in ../shared/corpus', () => {
  replaceTextSuite(REAL);
});

function replaceTextSuite(F: ArticleFixture): void {
  const PASSAGES = F.passages;
  const quoteIn = (body: string, n: Name) => body.slice(...span(body, PASSAGES[n]));
  let BODY = '';
  let dir: string;
  let store: Store;
  let themeId: Id;
  beforeEach(async () => {
    BODY = F.load();
    dir = mkdtempSync(join(tmpdir(), 'quarry-replace-'));
    store = await openStore(join(dir, 'store.quarry'), { skipBackup: true });
    themeId = createTheme(store.db, { name: 'Supply chains' }).id;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Import `body` and highlight every passage (found in that body). */
  function setup(body: string): { articleId: Id; ids: Record<Name, Id> } {
    const db = store.db;
    const articleId = db.transaction(() =>
      insertArticle(db, { title: F.title, source: null, author: null, url: null, publishedAt: null, language: 'en', body }),
    )();
    const ids = {} as Record<Name, Id>;
    for (const n of NAMES) {
      const [start, end] = span(body, PASSAGES[n]);
      ids[n] = createHighlight(db, { articleId, start, end, themeIds: [themeId] }).id;
    }
    return { articleId, ids };
  }

  /** Every placed highlight satisfies the invariant and carries fresh context. */
  function expectConsistent(articleId: Id) {
    const body = getArticle(store.db, articleId).body;
    expect(findQuoteMismatches(store.db)).toEqual([]);
    for (const h of listHighlightsByArticle(store.db, articleId, { includeDeleted: true })) {
      if (h.orphaned) continue;
      const a = makeAnchor(body, h.start, h.end);
      expect({ quote: h.quote, prefix: h.prefix, suffix: h.suffix }).toEqual({ quote: a.quote, prefix: a.prefix, suffix: a.suffix });
    }
  }

  it('(a) text inserted before the passages: every highlight moves, quotes unchanged', () => {
    const { articleId, ids } = setup(BODY);
    const before = Object.fromEntries(NAMES.map((n) => [n, getHighlight(store.db, ids[n])]));
    // A highlight in the Trash must follow too, or restoring it would break the invariant.
    const trashed = createHighlight(store.db, { articleId, ...rangeOf(BODY, ...F.trashed), themeIds: [] }).id;
    deleteHighlights(store.db, [trashed]);

    const note = 'Editor’s note 🇺🇸🤝🇯🇵: figures on zirconium refining added on 30 October.\n\n';
    const newBody = note + BODY;
    const r = replaceArticleText(store.db, articleId, newBody);

    expect(r).toEqual({ moved: NAMES.length, stayed: 0, orphaned: 0, orphanedIds: [] });
    for (const n of NAMES) {
      const h = getHighlight(store.db, ids[n]);
      expect(h.start).toBe(before[n].start + note.length);
      expect(h.quote).toBe(before[n].quote);
      expect(h.themeIds).toEqual([themeId]);
    }
    expect(getHighlight(store.db, trashed).quote).toBe(newBody.slice(getHighlight(store.db, trashed).start, getHighlight(store.db, trashed).end));
    const a = getArticle(store.db, articleId);
    expect(a.body).toBe(newBody);
    expect(a.bodySha256).toBe(sha256(newBody));
    expect(a.wordCount).toBe(countWords(newBody));
    const fts = store.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zirconium'").all() as { rowid: number }[];
    expect(fts.map((x) => x.rowid)).toEqual([articleId]);
    expectConsistent(articleId);
  });

  it('(b) a typo fixed inside a passage: found approximately, quote updated', () => {
    const [[right1, typo1], [right2, typo2]] = F.typos;
    const typos = BODY.replace(right1, typo1).replace(right2, typo2);
    const { articleId, ids } = setup(typos);
    expect(getHighlight(store.db, ids.bullet).quote).toContain(typo1);

    const r = replaceArticleText(store.db, articleId, BODY);

    expect(r).toMatchObject({ moved: 4, stayed: 3, orphaned: 0 });
    for (const n of NAMES) expect(getHighlight(store.db, ids[n]).quote).toBe(quoteIn(BODY, n));
    expect(getHighlight(store.db, ids.bullet).quote).toContain(right1);
    expect(getHighlight(store.db, ids.paragraph).quote).toContain(right2);
    expectConsistent(articleId);
  });

  it('(c) a passage deleted: orphaned and kept with its old quote, then re-placed by hand', () => {
    const { articleId, ids } = setup(BODY);
    const old = getHighlight(store.db, ids.paragraph);
    const [s, e] = span(BODY, PASSAGES.paragraph);
    const newBody = BODY.slice(0, s) + BODY.slice(e).replace(/^\n+/, '');

    const r = replaceArticleText(store.db, articleId, newBody);

    expect(r).toEqual({ moved: 2, stayed: 4, orphaned: 1, orphanedIds: [ids.paragraph] });
    const orphan = getHighlight(store.db, ids.paragraph);
    expect(orphan).toMatchObject({ orphaned: true, deletedAt: null, start: old.start, end: old.end, quote: old.quote, themeIds: [themeId] });
    expect(listOrphans(store.db, articleId).map((h) => h.id)).toEqual([ids.paragraph]);
    expect(listOrphans(store.db).map((h) => h.id)).toEqual([ids.paragraph]);
    expectConsistent(articleId);

    const target = rangeOf(newBody, ...F.replaceAt);
    const placed = replaceOrphan(store.db, ids.paragraph, target.start, target.end);
    expect(placed).toMatchObject({ orphaned: false, quote: newBody.slice(target.start, target.end) });
    expect(listOrphans(store.db)).toEqual([]);
    expectConsistent(articleId);
    // Re-placing is one undoable action: undo returns it to the orphans.
    expect(undo(store.db)?.label).toBe('Adjust highlight');
    expect(getHighlight(store.db, ids.paragraph)).toMatchObject({ orphaned: true, quote: old.quote });
  });

  it('(d) identical text: every highlight stays, nothing is written', () => {
    const { articleId, ids } = setup(BODY);
    const before = NAMES.map((n) => getHighlight(store.db, ids[n]));
    const history = historyState(store.db);

    const r = replaceArticleText(store.db, articleId, BODY);

    expect(r).toEqual({ moved: 0, stayed: NAMES.length, orphaned: 0, orphanedIds: [] });
    expect(NAMES.map((n) => getHighlight(store.db, ids[n]))).toEqual(before);
    expect(historyState(store.db)).toEqual(history);
  });

  it('(e) a passage that now occurs twice: the copy whose prefix and suffix agree wins over the nearer one', () => {
    const { articleId, ids } = setup(BODY);
    const quote = quoteIn(BODY, 'bullet');
    // Two edits around the passage, so it lies inside the edited region: a
    // quotation of it is added to the paragraph above, and the bullet after next is cut.
    const at = BODY.indexOf(F.quoteAfter) + F.quoteAfter.length;
    const cut = rangeOf(BODY, ...F.cutBullet);
    const newBody = `${BODY.slice(0, at)} One aide summed it up as “${quote}”, which critics call naive.${BODY.slice(at, cut.start)}${BODY.slice(cut.end)}`;
    const copy = newBody.indexOf(quote);
    const original = newBody.lastIndexOf(quote);
    const hint = positionMap(BODY, newBody).map(getHighlight(store.db, ids.bullet).start);
    expect(Math.abs(copy - hint)).toBeLessThan(Math.abs(original - hint)); // the quotation is the nearer one

    const r = replaceArticleText(store.db, articleId, newBody);

    expect(r.orphaned).toBe(0);
    expect(getHighlight(store.db, ids.bullet)).toMatchObject({ start: original, quote });
    expectConsistent(articleId);
  });

  it('is one undoable action: undo brings back the old text and anchors, redo the new', () => {
    const { articleId, ids } = setup(BODY);
    const [s, e] = span(BODY, PASSAGES.paragraph);
    const newBody = 'Editor’s note: zirconium.\n\n' + BODY.slice(0, s) + BODY.slice(e).replace(/^\n+/, '');
    const before = NAMES.map((n) => getHighlight(store.db, ids[n]));
    replaceArticleText(store.db, articleId, newBody);
    const after = NAMES.map((n) => getHighlight(store.db, ids[n]));
    expect(undo(store.db)?.label).toBe('Replace article text');
    expect(getArticle(store.db, articleId)).toMatchObject({ body: BODY, bodySha256: sha256(BODY), wordCount: countWords(BODY) });
    expect(NAMES.map((n) => getHighlight(store.db, ids[n]))).toEqual(before);
    expect(store.db.prepare("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'zirconium'").get()).toEqual({ n: 0 });
    expectConsistent(articleId);
    expect(redo(store.db)?.label).toBe('Replace article text');
    expect(getArticle(store.db, articleId).body).toBe(newBody);
    expect(NAMES.map((n) => getHighlight(store.db, ids[n]))).toEqual(after);
    expectConsistent(articleId);
  });

  it('refuses text that is not canonical, an empty text and an article in the Trash', () => {
    const { articleId } = setup(BODY);
    expect(() => replaceArticleText(store.db, articleId, BODY.replace(/\n/g, '\r\n'))).toThrow(/not normalised/);
    expect(() => replaceArticleText(store.db, articleId, ' \n ')).toThrow(/empty/);
    store.db.prepare('UPDATE articles SET deleted_at = ? WHERE id = ?').run('2025-10-30T00:00:00Z', articleId);
    expect(() => replaceArticleText(store.db, articleId, BODY + '\n\nMore.')).toThrow(/Trash/);
    expect(getArticle(store.db, articleId).body).toBe(BODY);
  });
}

function rangeOf(body: string, from: string, to: string): { start: number; end: number } {
  const [start, end] = span(body, [from, to]);
  return { start, end };
}
