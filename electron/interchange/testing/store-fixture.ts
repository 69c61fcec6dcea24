// Test-only: a real store filled from the sample corpus (emoji, flags and
// Japanese included) with nested themes, overlapping highlights, comments,
// attributes, a memo citing passages, and things that must NOT be exported
// (an article, a theme, a highlight and a memo in the Trash).
import { createHash } from 'node:crypto';
import { updateArticle } from '../../../db/articles';
import { insertHighlightRaw } from '../../../db/highlights';
import { insertMemoRaw } from '../../../db/memos';
import type { DB, Store } from '../../../db/store';
import { insertThemeRaw } from '../../../db/themes';
import type { Id } from '../../../db/types';
import { addCorpus } from '../../../test/helpers';

export interface RichStore {
  articleIds: Id[];
  themes: Record<'geo' | 'china' | 'controls' | 'alliances' | 'economics' | 'japanese' | 'trashed', Id>;
  highlightUids: string[];
  memoId: Id;
}

function quoteIn(body: string, quote: string, from = 0): [number, number] {
  const start = body.indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: "${quote}" is not in the text`);
  return [start, start + quote.length];
}

export function fillRichStore(store: Store): RichStore {
  const db = store.db;
  const corpus = addCorpus(store);
  const alliance = corpus.find((c) => c.file.name === 'us-japan-rare-earths-alliance-assessment.txt')!;
  const pm = corpus.find((c) => c.file.name === 'japan-pm-seeks-us-partnership.txt')!;
  const strategy = corpus.find((c) => c.file.name === 'japan-rare-earth-strategy.txt')!;
  updateArticle(db, alliance.id, { source: 'Substack', author: 'JP-01', url: 'https://example.org/jp-01?a=1&b=2', publishedAt: '2025-10-28', attributes: { Country: 'Japan', Stance: 'hawkish <&>' } });
  updateArticle(db, pm.id, { source: 'Reuters', publishedAt: '2025-10-01', attributes: { Country: 'Japan' } });
  updateArticle(db, strategy.id, { source: 'Nikkei', publishedAt: '2024-12' });
  return db.transaction(() => {
    const themes = {
      geo: insertThemeRaw(db, { name: 'Geopolitics', color: '#AA3300', description: 'State power & strategy' }),
      china: 0,
      controls: 0,
      alliances: 0,
      economics: insertThemeRaw(db, { name: 'Economics <"&">', color: '#33CC33', description: 'Line one\nLine two' }),
      japanese: 0,
      trashed: insertThemeRaw(db, { name: 'Old idea', color: '#123456' }),
    };
    themes.china = insertThemeRaw(db, { name: 'China leverage', parentId: themes.geo, color: '#CC6600', description: 'Dominance in processing' });
    themes.controls = insertThemeRaw(db, { name: 'Export controls', parentId: themes.china, color: '#FF8800' });
    themes.alliances = insertThemeRaw(db, { name: 'Alliances', parentId: themes.geo, color: '#0066CC' });
    themes.japanese = insertThemeRaw(db, { name: '日本語 🇯🇵', parentId: themes.economics, color: '#123456' });
    db.prepare("UPDATE themes SET deleted_at = '2025-11-01T00:00:00.000Z' WHERE id = ?").run(themes.trashed);

    const a = alliance.body;
    const specs: { article: Id; body: string; range: [number, number]; themes: Id[]; comment?: string }[] = [
      { article: alliance.id, body: a, range: quoteIn(a, 'China processes more than 90% of the world’s rare earth elements'), themes: [themes.china, themes.controls], comment: 'Key figure;\n"90%" vs 80' },
      { article: alliance.id, body: a, range: quoteIn(a, 'more than 90% of the world’s rare earth'), themes: [themes.economics], comment: 'overlaps the one before' },
      { article: alliance.id, body: a, range: quoteIn(a, '🇯🇵 JP-01 Assessment: Strategic Layers'), themes: [themes.alliances, themes.japanese] },
      { article: alliance.id, body: a, range: quoteIn(a, '🧭 1.\u00a0Geostrategic Context'), themes: [themes.geo] },
      { article: alliance.id, body: a, range: quoteIn(a, 'Undercut\u00a0China’s leverage over rare earths'), themes: [themes.china], comment: 'after emoji and flags' },
      { article: pm.id, body: pm.body, range: quoteIn(pm.body, 'reduce strategic dependence on China'), themes: [themes.china, themes.alliances] },
      { article: pm.id, body: pm.body, range: quoteIn(pm.body, 'Sanae Takaichi'), themes: [], comment: 'comment only, no theme' },
      { article: strategy.id, body: strategy.body, range: [0, 40], themes: [themes.economics] },
    ];
    const ids = specs.map((s) => insertHighlightRaw(db, { articleId: s.article, start: s.range[0], end: s.range[1], themeIds: s.themes, comment: s.comment }, s.body));
    const uids = ids.map((id) => (db.prepare('SELECT uid FROM highlights WHERE id = ?').get(id) as { uid: string }).uid);
    // In the Trash: one highlight, one article (takaichi), one memo.
    db.prepare("UPDATE highlights SET deleted_at = '2025-11-01T00:00:00.000Z' WHERE id = ?").run(ids[7]);
    const trashedArticle = corpus.find((c) => c.file.name === 'takaichi-us-economic-ties.txt')!;
    db.prepare("UPDATE articles SET deleted_at = '2025-11-01T00:00:00.000Z' WHERE id = ?").run(trashedArticle.id);
    const geoUid = (db.prepare('SELECT uid FROM themes WHERE id = ?').get(themes.geo) as { uid: string }).uid;
    const memoId = insertMemoRaw(db, {
      title: 'Processing share',
      body: `# Processing share\n\nSources disagree: [[hl:${uids[0]}]] and\n\n![[hl:${uids[5]}]]\n\nSee #[[theme:${geoUid}]].\n\n  indented & <b>markup</b> kept  \n`,
    });
    insertMemoRaw(db, { title: 'Loose note', body: 'No citations here. Tab\tand emoji 🇯🇵.' });
    const gone = insertMemoRaw(db, { title: 'Deleted memo', body: 'gone' });
    db.prepare("UPDATE memos SET deleted_at = '2025-11-01T00:00:00.000Z' WHERE id = ?").run(gone);
    return { articleIds: corpus.map((c) => c.id), themes, highlightUids: uids.slice(0, 7), memoId };
  })();
}

/** Every row of every table, hashed: equal fingerprints = the store was not changed. */
export function storeFingerprint(db: DB): string {
  const hash = createHash('sha256');
  for (const table of ['articles', 'article_attributes', 'article_originals', 'themes', 'highlights', 'highlight_themes', 'memos', 'journal', 'settings']) {
    const rows = db.prepare(`SELECT * FROM ${table}`).all().map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
    hash.update(`${table}:${rows.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

export function counts(db: DB): Record<string, number> {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    articles: n('SELECT count(*) AS n FROM articles'),
    themes: n('SELECT count(*) AS n FROM themes'),
    highlights: n('SELECT count(*) AS n FROM highlights'),
    memos: n('SELECT count(*) AS n FROM memos'),
  };
}

/** Live content keyed by uids and theme paths (not local ids), for comparing two stores. */
export function comparableStore(db: DB) {
  const themes = db.prepare('SELECT * FROM themes WHERE deleted_at IS NULL').all() as { id: number; parent_id: number | null; name: string; color: string; description: string; uid: string }[];
  const byId = new Map(themes.map((t) => [t.id, t]));
  const path = (id: number): string => {
    const t = byId.get(id)!;
    return t.parent_id === null ? t.name : `${path(t.parent_id)} > ${t.name}`;
  };
  const articles = db.prepare('SELECT * FROM articles WHERE deleted_at IS NULL').all() as Record<string, unknown>[];
  const articleUid = new Map(articles.map((a) => [a.id as number, String(a.uid).toLowerCase()]));
  const attrs = (id: unknown) => Object.fromEntries((db.prepare('SELECT key, value FROM article_attributes WHERE article_id = ? ORDER BY key').all(id) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const highlights = db
    .prepare('SELECT h.* FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL')
    .all() as Record<string, unknown>[];
  const themesOf = (hid: unknown) =>
    (db.prepare('SELECT theme_id FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id WHERE ht.highlight_id = ? AND t.deleted_at IS NULL').all(hid) as { theme_id: number }[])
      .map((r) => path(r.theme_id))
      .sort();
  return {
    articles: articles
      .map((a) => ({ uid: String(a.uid).toLowerCase(), title: a.title, body: a.body, source: a.source, author: a.author, url: a.url, publishedAt: a.published_at, attributes: attrs(a.id) }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
    themes: themes.map((t) => ({ uid: t.uid.toLowerCase(), path: path(t.id), color: t.color.toUpperCase(), description: t.description })).sort((x, y) => x.path.localeCompare(y.path)),
    highlights: highlights
      .map((h) => ({ uid: String(h.uid).toLowerCase(), article: articleUid.get(h.article_id as number), start: h.start, end: h.end, quote: h.quote, prefix: h.prefix, suffix: h.suffix, comment: h.comment, themes: themesOf(h.id) }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
    memos: (db.prepare('SELECT * FROM memos WHERE deleted_at IS NULL').all() as Record<string, unknown>[])
      .map((m) => ({ uid: String(m.uid).toLowerCase(), title: m.title, body: m.body }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
  };
}
