// Long (~450 lines): the jobs listed below query the same tables (highlights, memo_citations, memo_links).
// What would split it: passage lookup and search; the citation index (staleMemos, replaceMemoCitations);
// links and the overviews over both (linkMemo, memoLinks, citingMemos, memoOverview).
// What memos cite and what they are linked to.
//
// - Passages a memo cites, as the editor, the preview and the exports need them:
//   each with a status (ok / deleted / orphaned / changed / missing), its themes and
//   its article (lookupPassages).
// - Passage search for the editor's "@" completion (searchPassages).
// - The derived index of the uids each memo's tokens name (memo_citations). The
//   token scanner lives with the Markdown code, so the main process parses stale
//   memos and hands the result to replaceMemoCitations; a trigger marks a memo stale
//   whenever its body changes, whoever writes it.
// - Manual links (memo_links) and the queries over both: what a memo is linked to,
//   and which memos cite or link an article or a theme.
import { StoreError } from './errors';
import { getMemo } from './memos';
import type { DB } from './store';
import type { Id } from './types';
import { nowIso } from './util';

export type PassageStatus = 'ok' | 'deleted' | 'orphaned' | 'changed' | 'missing';

export interface PassageTheme {
  id: Id;
  name: string;
  color: string;
}

export interface PassageArticle {
  id: Id;
  uid: string;
  title: string;
  source: string | null;
  author: string | null;
  publishedAt: string | null;
  url: string | null;
}

/** A cited passage (the shape of core/memo's CitedPassage, plus the highlight's id for navigation). */
export interface PassageRecord {
  /** Lower-cased uid, as tokens carry it. */
  uid: string;
  highlightId: Id | null;
  status: PassageStatus;
  quote: string;
  prefix?: string;
  comment?: string;
  themes: PassageTheme[];
  article: PassageArticle | null;
}

interface PassageRow {
  id: number;
  uid: string;
  article_id: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  comment: string;
  orphaned: number;
  deleted_at: string | null;
  a_deleted_at: string | null;
  a_uid: string;
  title: string;
  source: string | null;
  author: string | null;
  published_at: string | null;
  url: string | null;
}

const PASSAGE_SELECT = `SELECT h.id, h.uid, h.article_id, h.start, h."end", h.quote, h.prefix, h.comment, h.orphaned, h.deleted_at,
    a.deleted_at AS a_deleted_at, a.uid AS a_uid, a.title, a.source, a.author, a.published_at, a.url
  FROM highlights h JOIN articles a ON a.id = h.article_id`;

/**
 * Look up passages by uid (case-insensitive). Every requested uid gets a record;
 * unknown ones have status 'missing'. Keys of the result are lower-cased uids.
 */
export function lookupPassages(db: DB, uids: readonly string[]): Map<string, PassageRecord> {
  const wanted = [...new Set(uids.map((u) => u.toLowerCase()))];
  const out = new Map<string, PassageRecord>();
  if (wanted.length === 0) return out;
  const rows = db.prepare(`${PASSAGE_SELECT} WHERE lower(h.uid) IN (SELECT value FROM json_each(?))`).all(JSON.stringify(wanted)) as PassageRow[];
  const themes = themesOf(
    db,
    rows.map((r) => r.id),
  );
  // The "changed" check needs each cited article's text once.
  const bodies = new Map<number, string>();
  const bodyStmt = db.prepare('SELECT body FROM articles WHERE id = ?').pluck();
  for (const r of rows) {
    let status: PassageStatus = 'ok';
    if (r.deleted_at || r.a_deleted_at) status = 'deleted';
    else if (r.orphaned) status = 'orphaned';
    else {
      let body = bodies.get(r.article_id);
      if (body === undefined) {
        body = bodyStmt.get(r.article_id) as string;
        bodies.set(r.article_id, body);
      }
      if (body.slice(r.start, r.end) !== r.quote) status = 'changed';
    }
    const uid = r.uid.toLowerCase();
    out.set(uid, {
      uid,
      highlightId: r.id,
      status,
      quote: r.quote,
      prefix: r.prefix,
      comment: r.comment,
      themes: themes.get(r.id) ?? [],
      article: { id: r.article_id, uid: r.a_uid, title: r.title, source: r.source, author: r.author, publishedAt: r.published_at, url: r.url },
    });
  }
  for (const uid of wanted) if (!out.has(uid)) out.set(uid, { uid, highlightId: null, status: 'missing', quote: '', themes: [], article: null });
  return out;
}

/** Live themes of each highlight, in codebook order. */
function themesOf(db: DB, highlightIds: readonly number[]): Map<number, PassageTheme[]> {
  const out = new Map<number, PassageTheme[]>();
  if (highlightIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT ht.highlight_id AS hid, t.id, t.name, t.color FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id
       WHERE t.deleted_at IS NULL AND ht.highlight_id IN (SELECT value FROM json_each(?))
       ORDER BY t.position, t.name COLLATE NOCASE`,
    )
    .all(JSON.stringify(highlightIds)) as { hid: number; id: number; name: string; color: string }[];
  for (const r of rows) {
    let list = out.get(r.hid);
    if (!list) out.set(r.hid, (list = []));
    list.push({ id: r.id, name: r.name, color: r.color });
  }
  return out;
}

export interface PassageHit {
  id: Id;
  uid: string;
  quote: string;
  comment: string;
  themes: PassageTheme[];
  article: { id: Id; title: string; source: string | null; author: string | null; publishedAt: string | null };
}

/** Longest quote returned by searchPassages (completion items show the start of it). */
const HIT_QUOTE_CHARS = 600;

/**
 * Live, placed passages matching every word of `query` in their quote, comment,
 * theme names, article title or outlet. Passages whose quote contains the whole
 * query come first, then the most recently touched. An empty query lists the most
 * recent passages. ASCII letters match case-insensitively (SQLite's lower()); other
 * letters match as typed.
 */
export function searchPassages(db: DB, query: string, limit = 30): PassageHit[] {
  const terms = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const phrase = query.trim().replace(/\s+/g, ' ');
  const params: Record<string, unknown> = { limit: Math.min(Math.max(limit, 1), 200), phrase, phraseLow: phrase.toLowerCase() };
  const where = ['h.deleted_at IS NULL', 'a.deleted_at IS NULL', 'h.orphaned = 0'];
  const has = (col: string, i: number) => `(instr(lower(${col}), @l${i}) > 0 OR instr(${col}, @t${i}) > 0)`;
  terms.forEach((t, i) => {
    params[`t${i}`] = t;
    params[`l${i}`] = t.toLowerCase();
    // Themes and articles are few: find the matching ones once (SQLite materialises
    // these subqueries), so each highlight only has its quote and comment searched.
    where.push(
      `(${has('h.quote', i)} OR ${has('h.comment', i)}
        OR h.article_id IN (SELECT id FROM articles WHERE deleted_at IS NULL AND (${has('title', i)} OR ${has("ifnull(source, '')", i)}))
        OR h.id IN (SELECT ht.highlight_id FROM highlight_themes ht WHERE ht.theme_id IN
             (SELECT id FROM themes WHERE deleted_at IS NULL AND ${has('name', i)})))`,
    );
  });
  const rows = db
    .prepare(
      `SELECT h.id, h.uid, substr(h.quote, 1, ${HIT_QUOTE_CHARS}) AS quote, h.comment, h.article_id, a.title, a.source, a.author, a.published_at
       FROM highlights h JOIN articles a ON a.id = h.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY (@phrase <> '' AND (instr(lower(h.quote), @phraseLow) > 0 OR instr(h.quote, @phrase) > 0)) DESC, h.updated_at DESC, h.id DESC
       LIMIT @limit`,
    )
    .all(params) as { id: number; uid: string; quote: string; comment: string; article_id: number; title: string; source: string | null; author: string | null; published_at: string | null }[];
  const themes = themesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    uid: r.uid.toLowerCase(),
    quote: r.quote,
    comment: r.comment,
    themes: themes.get(r.id) ?? [],
    article: { id: r.article_id, title: r.title, source: r.source, author: r.author, publishedAt: r.published_at },
  }));
}

export interface ThemeRefRecord {
  id: Id;
  uid: string; // lower-cased
  name: string;
  color: string;
  parentId: Id | null;
  deleted: boolean;
}

/** Every theme, live and in the Trash, for `#` completion and theme references. */
export function listThemeRefs(db: DB): ThemeRefRecord[] {
  const rows = db.prepare('SELECT id, uid, name, color, parent_id, deleted_at FROM themes ORDER BY parent_id NULLS FIRST, position, name COLLATE NOCASE').all() as {
    id: number;
    uid: string;
    name: string;
    color: string;
    parent_id: number | null;
    deleted_at: string | null;
  }[];
  return rows.map((r) => ({ id: r.id, uid: r.uid.toLowerCase(), name: r.name, color: r.color, parentId: r.parent_id, deleted: r.deleted_at !== null }));
}

// ---------------------------------------------------------------------------
// The derived citation index

export interface CitationRef {
  kind: 'hl' | 'theme';
  uid: string;
  count: number;
}

/** Memos whose citation index is missing or out of date (their body changed since). */
export function staleMemos(db: DB): { id: Id; body: string }[] {
  return db
    .prepare('SELECT m.id, m.body FROM memos m LEFT JOIN memo_citation_state s ON s.memo_id = m.id WHERE s.memo_id IS NULL')
    .all() as { id: Id; body: string }[];
}

/** Replace a memo's index entries (call with what its current body cites). */
export function replaceMemoCitations(db: DB, memoId: Id, refs: readonly CitationRef[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM memo_citations WHERE memo_id = ?').run(memoId);
    const ins = db.prepare('INSERT INTO memo_citations (memo_id, kind, uid, count) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count');
    for (const r of refs) ins.run(memoId, r.kind, r.uid.toLowerCase(), r.count);
    db.prepare('INSERT INTO memo_citation_state (memo_id, indexed_at) VALUES (?, ?) ON CONFLICT(memo_id) DO UPDATE SET indexed_at = excluded.indexed_at').run(memoId, nowIso());
  })();
}

// ---------------------------------------------------------------------------
// Manual links

export interface LinkTarget {
  articleId?: Id | null;
  themeId?: Id | null;
}

function checkTarget(db: DB, t: LinkTarget): { articleId: Id | null; themeId: Id | null } {
  const articleId = t.articleId ?? null;
  const themeId = t.themeId ?? null;
  if ((articleId === null) === (themeId === null)) throw new StoreError('invalid', 'Link a memo to exactly one article or one theme.');
  if (articleId !== null && !db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw new StoreError('not-found', `No article with id ${articleId}.`);
  if (themeId !== null && !db.prepare('SELECT 1 FROM themes WHERE id = ?').get(themeId)) throw new StoreError('not-found', `No theme with id ${themeId}.`);
  return { articleId, themeId };
}

/** Link a memo to an article or a theme by hand. Linking twice is harmless. Returns whether a link was added. */
export function linkMemo(db: DB, memoId: Id, target: LinkTarget): boolean {
  getMemo(db, memoId);
  const t = checkTarget(db, target);
  const r = db
    .prepare('INSERT INTO memo_links (memo_id, article_id, theme_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(memoId, t.articleId, t.themeId, nowIso());
  return r.changes > 0;
}

/** Remove a manual link. Links derived from citations stay as long as the memo cites. Returns whether a link was removed. */
export function unlinkMemo(db: DB, memoId: Id, target: LinkTarget): boolean {
  getMemo(db, memoId);
  const t = checkTarget(db, target);
  const r =
    t.articleId !== null
      ? db.prepare('DELETE FROM memo_links WHERE memo_id = ? AND article_id = ?').run(memoId, t.articleId)
      : db.prepare('DELETE FROM memo_links WHERE memo_id = ? AND theme_id = ?').run(memoId, t.themeId);
  return r.changes > 0;
}

// ---------------------------------------------------------------------------
// Queries over citations and links (call after refreshing stale memos)

export interface LinkedArticle {
  id: Id;
  title: string;
  source: string | null;
  publishedAt: string | null;
  deleted: boolean;
  /** Citation tokens pointing into this article. */
  citations: number;
  manual: boolean;
}

export interface LinkedTheme {
  id: Id;
  uid: string;
  name: string;
  color: string;
  deleted: boolean;
  /** #[[theme:]] references to it. */
  references: number;
  /** Citation tokens whose passage carries it. */
  passages: number;
  manual: boolean;
}

export interface MemoLinks {
  articles: LinkedArticle[];
  themes: LinkedTheme[];
}

/** What one memo cites and is linked to (cited first, by weight). */
export function memoLinks(db: DB, memoId: Id): MemoLinks {
  getMemo(db, memoId);
  const articles = db
    .prepare(
      `WITH cited AS (
         SELECT h.article_id AS id, sum(mc.count) AS n FROM memo_citations mc JOIN highlights h ON lower(h.uid) = +mc.uid
         WHERE mc.memo_id = @m AND mc.kind = 'hl' GROUP BY h.article_id),
       manual AS (SELECT article_id AS id FROM memo_links WHERE memo_id = @m AND article_id IS NOT NULL),
       ids AS (SELECT id FROM cited UNION SELECT id FROM manual)
       SELECT a.id, a.title, a.source, a.published_at, a.deleted_at, ifnull(c.n, 0) AS n, (ml.id IS NOT NULL) AS manual
       FROM ids JOIN articles a ON a.id = ids.id LEFT JOIN cited c ON c.id = ids.id LEFT JOIN manual ml ON ml.id = ids.id
       ORDER BY n DESC, a.title COLLATE NOCASE`,
    )
    .all({ m: memoId }) as { id: number; title: string; source: string | null; published_at: string | null; deleted_at: string | null; n: number; manual: number }[];
  const themes = db
    .prepare(
      `WITH refs AS (
         SELECT t.id, sum(mc.count) AS n FROM memo_citations mc JOIN themes t ON lower(t.uid) = +mc.uid
         WHERE mc.memo_id = @m AND mc.kind = 'theme' GROUP BY t.id),
       via AS (
         SELECT ht.theme_id AS id, sum(mc.count) AS n FROM memo_citations mc JOIN highlights h ON lower(h.uid) = +mc.uid
         JOIN highlight_themes ht ON ht.highlight_id = h.id
         WHERE mc.memo_id = @m AND mc.kind = 'hl' AND h.deleted_at IS NULL GROUP BY ht.theme_id),
       manual AS (SELECT theme_id AS id FROM memo_links WHERE memo_id = @m AND theme_id IS NOT NULL),
       ids AS (SELECT id FROM refs UNION SELECT id FROM via UNION SELECT id FROM manual)
       SELECT t.id, t.uid, t.name, t.color, t.deleted_at, ifnull(r.n, 0) AS refs, ifnull(v.n, 0) AS via, (ml.id IS NOT NULL) AS manual
       FROM ids JOIN themes t ON t.id = ids.id LEFT JOIN refs r ON r.id = ids.id LEFT JOIN via v ON v.id = ids.id LEFT JOIN manual ml ON ml.id = ids.id
       ORDER BY (ifnull(r.n, 0) + ifnull(v.n, 0)) DESC, t.name COLLATE NOCASE`,
    )
    .all({ m: memoId }) as { id: number; uid: string; name: string; color: string; deleted_at: string | null; refs: number; via: number; manual: number }[];
  return {
    articles: articles.map((r) => ({ id: r.id, title: r.title, source: r.source, publishedAt: r.published_at, deleted: r.deleted_at !== null, citations: r.n, manual: r.manual === 1 })),
    themes: themes.map((r) => ({
      id: r.id,
      uid: r.uid.toLowerCase(),
      name: r.name,
      color: r.color,
      deleted: r.deleted_at !== null,
      references: r.refs,
      passages: r.via,
      manual: r.manual === 1,
    })),
  };
}

export interface CitingMemo {
  id: Id;
  title: string;
  updatedAt: string;
  /** Citation tokens naming a passage of the article / carrying the theme. */
  citations: number;
  /** #[[theme:]] references (themes only). */
  references: number;
  manual: boolean;
}

/** Memos (not in the Trash) that cite or are linked to an article or a theme, most recently edited first. */
export function citingMemos(db: DB, target: LinkTarget): CitingMemo[] {
  const t = checkTarget(db, target);
  const sql =
    t.articleId !== null
      ? `WITH cites AS (
           SELECT mc.memo_id, sum(mc.count) AS n, 0 AS r FROM highlights h JOIN memo_citations mc ON mc.kind = 'hl' AND mc.uid = lower(h.uid)
           WHERE h.article_id = @id GROUP BY mc.memo_id),
         manual AS (SELECT memo_id FROM memo_links WHERE article_id = @id)`
      : `WITH cites AS (
           SELECT memo_id, sum(n) AS n, sum(r) AS r FROM (
             SELECT mc.memo_id, mc.count AS n, 0 AS r FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
               JOIN memo_citations mc ON mc.kind = 'hl' AND mc.uid = lower(h.uid)
               WHERE ht.theme_id = @id AND h.deleted_at IS NULL
             UNION ALL
             SELECT mc.memo_id, 0, mc.count FROM themes th JOIN memo_citations mc ON mc.kind = 'theme' AND mc.uid = lower(th.uid) WHERE th.id = @id)
           GROUP BY memo_id),
         manual AS (SELECT memo_id FROM memo_links WHERE theme_id = @id)`;
  const rows = db
    .prepare(
      `${sql}
       SELECT m.id, m.title, m.updated_at, ifnull(c.n, 0) AS n, ifnull(c.r, 0) AS r, (ml.memo_id IS NOT NULL) AS manual
       FROM memos m LEFT JOIN cites c ON c.memo_id = m.id LEFT JOIN manual ml ON ml.memo_id = m.id
       WHERE m.deleted_at IS NULL AND (c.memo_id IS NOT NULL OR ml.memo_id IS NOT NULL)
       ORDER BY m.updated_at DESC, m.id DESC`,
    )
    .all({ id: t.articleId ?? t.themeId }) as { id: number; title: string; updated_at: string; n: number; r: number; manual: number }[];
  return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updated_at, citations: r.n, references: r.r, manual: r.manual === 1 }));
}

export interface MemoOverview {
  id: Id;
  title: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Characters of text. */
  chars: number;
  /** Citation tokens ([[hl:]] and ![[hl:]]). */
  citations: number;
  articles: { id: Id; title: string }[];
  themes: { id: Id; name: string; color: string }[];
}

/**
 * The memo list: each memo with what it cites and is linked to. `query` matches
 * title or text (all words, ASCII case-insensitive).
 */
export function memoOverview(db: DB, o: { query?: string | null; trash?: boolean } = {}): MemoOverview[] {
  const terms = (o.query ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const params: Record<string, unknown> = {};
  const where = [o.trash ? 'm.deleted_at IS NOT NULL' : 'm.deleted_at IS NULL'];
  terms.forEach((t, i) => {
    params[`t${i}`] = t;
    params[`l${i}`] = t.toLowerCase();
    where.push(`(instr(lower(m.title), @l${i}) > 0 OR instr(m.title, @t${i}) > 0 OR instr(lower(m.body), @l${i}) > 0 OR instr(m.body, @t${i}) > 0)`);
  });
  const rows = db
    .prepare(
      `SELECT m.id, m.title, m.created_at, m.updated_at, m.deleted_at, length(m.body) AS chars,
         (SELECT ifnull(sum(count), 0) FROM memo_citations mc WHERE mc.memo_id = m.id AND mc.kind = 'hl') AS citations
       FROM memos m WHERE ${where.join(' AND ')} ORDER BY m.updated_at DESC, m.id DESC`,
    )
    .all(params) as { id: number; title: string; created_at: string; updated_at: string; deleted_at: string | null; chars: number; citations: number }[];
  return rows.map((r) => {
    const links = memoLinks(db, r.id);
    return {
      id: r.id,
      title: r.title,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      deletedAt: r.deleted_at,
      chars: r.chars,
      citations: r.citations,
      articles: links.articles.filter((a) => !a.deleted).map((a) => ({ id: a.id, title: a.title })),
      themes: links.themes.filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, color: t.color })),
    };
  });
}
