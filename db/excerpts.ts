// Excerpts: every passage tagged with a theme across the corpus, paged with a
// keyset cursor (never OFFSET), so the 200th page costs what the first does.
import { StoreError } from './errors';
import type { DB } from './store';
import { toHighlight } from './rows';
import type { Article, Excerpt, ExcerptPage, Highlight, Id } from './types';

export type { Excerpt, ExcerptPage };

export interface ExcerptQuery {
  themeId: Id;
  includeSubThemes?: boolean;
  source?: string | null;
  from?: string | null; // published on/after (ISO prefix)
  to?: string | null; // published on/before (ISO prefix, inclusive)
  coThemeId?: Id | null; // also tagged with this theme
  sort?: 'date' | 'article';
  cursor?: string | null;
  limit?: number;
  /** Characters of context each side (cut back to whole words). */
  contextChars?: number;
}

export function themeAndDescendants(db: DB, themeId: Id): Id[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE d(id) AS (SELECT ? UNION SELECT t.id FROM themes t JOIN d ON t.parent_id = d.id WHERE t.deleted_at IS NULL) SELECT id FROM d`,
      )
      .all(themeId) as { id: number }[]
  ).map((r) => r.id);
}

type Key = [string, number, number, number];

/** Which articles' passages count, for the excerpt list and the excerpt export alike. */
export interface ArticleFilter {
  articleIds?: Id[];
  source?: string | null;
  from?: string | null; // published on/after (ISO prefix)
  to?: string | null; // published on/before (ISO prefix, inclusive)
}

/** Adds the filter's conditions on `a` (articles) to `where`, with their parameters. */
function addArticleFilter(where: string[], params: Record<string, unknown>, f: ArticleFilter): void {
  if (f.articleIds?.length) {
    where.push('a.id IN (SELECT value FROM json_each(@articles))');
    params.articles = JSON.stringify(f.articleIds);
  }
  if (f.source) {
    where.push('a.source = @source');
    params.source = f.source;
  }
  if (f.from) {
    where.push('a.published_at >= @from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('substr(a.published_at, 1, length(@to)) <= @to');
    params.to = f.to;
  }
}

/**
 * Live passages for an export, in article order: those of the filtered
 * articles, and with `themeIds` only those tagged with one of them.
 */
export function excerptHighlightIds(db: DB, f: ArticleFilter & { themeIds?: readonly Id[] | null }): { id: Id; article_id: Id }[] {
  const where = ['h.deleted_at IS NULL', 'a.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (f.themeIds) {
    where.push(
      'EXISTS (SELECT 1 FROM highlight_themes ht WHERE ht.highlight_id = h.id AND ht.theme_id IN (SELECT value FROM json_each(@themes)))',
    );
    params.themes = JSON.stringify(f.themeIds);
  }
  addArticleFilter(where, params, f);
  return db
    .prepare(
      `SELECT h.id, h.article_id FROM highlights h JOIN articles a ON a.id = h.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY lower(a.title), a.id, h.start, h."end", h.id`,
    )
    .all(params) as { id: Id; article_id: Id }[];
}

/** The highlights `ids` (any order, deleted ones too) with all their theme ids. */
export function highlightsByIds(db: DB, ids: readonly Id[]): Highlight[] {
  return db
    .prepare(
      `SELECT h.*, (SELECT group_concat(ht.theme_id) FROM highlight_themes ht WHERE ht.highlight_id = h.id) AS theme_ids
       FROM highlights h WHERE h.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids))
    .map(toHighlight);
}

export type CitedArticle = Pick<Article, 'id' | 'uid' | 'title' | 'source' | 'author' | 'publishedAt' | 'url'> & { body?: string };

/** What an excerpt cites of its article; the body only `withBodies`. */
export function citedArticles(db: DB, ids: readonly Id[], withBodies: boolean): CitedArticle[] {
  const cols = `id, uid, title, source, author, published_at, url${withBodies ? ', body' : ''}`;
  return (db.prepare(`SELECT ${cols} FROM articles WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<string, unknown>[]).map((a) => ({
    id: a.id as Id,
    uid: a.uid as string,
    title: a.title as string,
    source: a.source as string | null,
    author: a.author as string | null,
    publishedAt: a.published_at as string | null,
    url: a.url as string | null,
    ...(withBodies ? { body: a.body as string } : {}),
  }));
}

export function listExcerpts(db: DB, q: ExcerptQuery): ExcerptPage {
  const theme = db.prepare('SELECT id FROM themes WHERE id = ?').get(q.themeId);
  if (!theme) throw new StoreError('not-found', `No theme with id ${q.themeId}.`);
  const ids = q.includeSubThemes === false ? [q.themeId] : themeAndDescendants(db, q.themeId);
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  const where = [
    'h.deleted_at IS NULL',
    'a.deleted_at IS NULL',
    'h.id IN (SELECT ht.highlight_id FROM highlight_themes ht WHERE ht.theme_id IN (SELECT value FROM json_each(@ids)))',
  ];
  const params: Record<string, unknown> = { ids: JSON.stringify(ids), limit: limit + 1 };
  addArticleFilter(where, params, q);
  if (q.coThemeId) {
    where.push('EXISTS (SELECT 1 FROM highlight_themes c WHERE c.highlight_id = h.id AND c.theme_id = @co)');
    params.co = q.coThemeId;
  }
  // The first sort column differs; the rest make the order total, so the cursor is exact.
  const first = q.sort === 'article' ? 'lower(a.title)' : "ifnull(a.published_at, '')";
  const total =
    q.cursor == null ? (db.prepare(`SELECT count(*) AS n FROM highlights h JOIN articles a ON a.id = h.article_id WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n : null;
  if (q.cursor) {
    const k = decodeCursor(q.cursor);
    where.push(`(${first}, a.id, h.start, h.id) > (@k0, @k1, @k2, @k3)`);
    Object.assign(params, { k0: k[0], k1: k[1], k2: k[2], k3: k[3] });
  }
  const rows = db
    .prepare(
      `SELECT h.id, h.uid, h.start, h."end", h.quote, h.comment, h.orphaned, h.created_at, ${first} AS k0,
         a.id AS article_id, a.title, a.source, a.author, a.published_at, a.url,
         (SELECT group_concat(ht.theme_id) FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id WHERE ht.highlight_id = h.id AND t.deleted_at IS NULL) AS theme_ids
       FROM highlights h JOIN articles a ON a.id = h.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${first}, a.id, h.start, h.id
       LIMIT @limit`,
    )
    .all(params) as Record<string, unknown>[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const ctx = q.contextChars ?? 160;
  const bodyStmt = db.prepare('SELECT body FROM articles WHERE id = ?');
  const bodies = new Map<number, string>();
  const items = page.map((r): Excerpt => {
    const aid = r.article_id as number;
    if (!bodies.has(aid)) bodies.set(aid, (bodyStmt.get(aid) as { body: string }).body);
    const body = bodies.get(aid)!;
    const start = r.start as number;
    const end = r.end as number;
    return {
      id: r.id as number,
      uid: r.uid as string,
      start,
      end,
      quote: r.quote as string,
      comment: r.comment as string,
      orphaned: r.orphaned === 1,
      createdAt: r.created_at as string,
      themeIds: r.theme_ids ? String(r.theme_ids).split(',').map(Number) : [],
      before: contextBefore(body, start, ctx),
      after: contextAfter(body, end, ctx),
      article: {
        id: aid,
        title: r.title as string,
        source: r.source as string | null,
        author: r.author as string | null,
        publishedAt: r.published_at as string | null,
        url: r.url as string | null,
      },
    };
  });
  const last = page[page.length - 1];
  return { items, total, nextCursor: more && last ? encodeCursor([String(last.k0), last.article_id as number, last.start as number, last.id as number]) : null };
}

/** Context before a passage: back to a word boundary, never across a paragraph break. */
export function contextBefore(body: string, start: number, chars: number): string {
  // A passage that starts at (or with) a paragraph break has no context before it.
  if (body.startsWith('\n\n', start) || (start >= 2 && body.startsWith('\n\n', start - 2))) return '';
  let from = Math.max(0, start - chars);
  const para = body.lastIndexOf('\n\n', start - 1);
  if (para >= 0 && para + 2 > from) from = para + 2;
  else if (from > 0) {
    const sp = body.indexOf(' ', from);
    if (sp >= 0 && sp < start) from = sp + 1;
  }
  return body.slice(from, start);
}

export function contextAfter(body: string, end: number, chars: number): string {
  if (body.startsWith('\n\n', end) || (end >= 1 && body[end - 1] === '\n' && (body[end] === '\n' || body[end - 2] === '\n'))) return '';
  let to = Math.min(body.length, end + chars);
  const para = body.indexOf('\n\n', end);
  if (para >= 0 && para < to) to = para;
  else if (to < body.length) {
    const sp = body.lastIndexOf(' ', to);
    if (sp > end) to = sp;
  }
  return body.slice(end, to);
}

function encodeCursor(k: Key): string {
  return Buffer.from(JSON.stringify(k), 'utf8').toString('base64url');
}

function decodeCursor(c: string): Key {
  try {
    const k = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(k) && k.length === 4 && typeof k[0] === 'string' && k.slice(1).every((x) => Number.isInteger(x))) return k as Key;
  } catch {
    /* fall through */
  }
  throw new StoreError('invalid', 'The excerpt list position (cursor) is not valid; reload the list.');
}
