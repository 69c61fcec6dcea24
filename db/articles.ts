// Articles: the imported texts. The body is canonical and never rewritten after
// import (highlights index into it); metadata can be edited.
import { StoreError } from './errors';
import { recordAction, type RowRef } from './journal';
import { ARTICLE_SUMMARY_COLUMNS, toArticleSummary } from './rows';
import { stmt } from './statements';
import type { DB } from './store';
import type { Article, ArticleMeta, ArticleSummary, Id } from './types';
import { countWords, newUid, nowIso, sha256 } from './util';

export interface NewArticle extends ArticleMeta {
  body: string;
  /** sha256 and word count of the body, when the caller already computed them (import workers do). */
  bodySha256?: string;
  wordCount?: number;
  uid?: string;
  originalName?: string | null;
  originalFormat?: string | null;
  originalBytes?: number | null;
  /** The original file, kept for provenance. */
  original?: Uint8Array | null;
  attributes?: Record<string, string>;
  similarToId?: Id | null;
  minhash?: Uint8Array | null;
  importedAt?: string;
}

/** Insert one article. Call inside the caller's transaction; the body must already be canonical. */
export function insertArticle(db: DB, a: NewArticle): Id {
  if (a.body.trim().length === 0) throw new StoreError('invalid', `Article "${a.title}" has no text.`);
  const info = stmt(
    db,
    `INSERT INTO articles (uid, title, source, author, url, published_at, language, imported_at, body, body_sha256,
       word_count, char_count, original_name, original_format, original_bytes, similar_to_id, minhash)
     VALUES (@uid, @title, @source, @author, @url, @publishedAt, @language, @importedAt, @body, @sha, @words, @chars,
       @originalName, @originalFormat, @originalBytes, @similarToId, @minhash)`,
  ).run({
      uid: a.uid ?? newUid(),
      title: a.title.trim() || 'Untitled',
      source: a.source ?? null,
      author: a.author ?? null,
      url: a.url ?? null,
      publishedAt: a.publishedAt ?? null,
      language: a.language ?? null,
      importedAt: a.importedAt ?? nowIso(),
      body: a.body,
      sha: a.bodySha256 ?? sha256(a.body),
      words: a.wordCount ?? countWords(a.body),
      chars: a.body.length,
      originalName: a.originalName ?? null,
      originalFormat: a.originalFormat ?? null,
      originalBytes: a.originalBytes ?? null,
      similarToId: a.similarToId ?? null,
      minhash: a.minhash ? Buffer.from(a.minhash) : null,
    });
  const id = Number(info.lastInsertRowid);
  if (a.original) stmt(db, 'INSERT INTO article_originals (article_id, bytes) VALUES (?, ?)').run(id, Buffer.from(a.original));
  if (a.attributes) {
    const ins = db.prepare('INSERT INTO article_attributes (article_id, key, value) VALUES (?, ?, ?)');
    for (const [k, v] of Object.entries(a.attributes)) ins.run(id, k, v);
  }
  return id;
}

export type ArticleSort = 'title' | 'source' | 'publishedAt' | 'importedAt' | 'wordCount' | 'highlightCount';
const SORT_SQL: Record<ArticleSort, string> = {
  title: 'a.title COLLATE NOCASE',
  source: 'a.source COLLATE NOCASE',
  publishedAt: 'a.published_at',
  importedAt: 'a.imported_at',
  wordCount: 'a.word_count',
  highlightCount: 'highlight_count',
};

export interface ListArticlesOptions {
  trash?: boolean; // list the Trash instead of the library
  sort?: ArticleSort;
  direction?: 'asc' | 'desc';
  source?: string | null; // exact outlet filter
  text?: string | null; // substring filter on title/source/author
}

export function listArticles(db: DB, o: ListArticlesOptions = {}): ArticleSummary[] {
  const where = [o.trash ? 'a.deleted_at IS NOT NULL' : 'a.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (o.source) {
    where.push('a.source = @source');
    params.source = o.source;
  }
  if (o.text) {
    where.push("(instr(lower(a.title), @text) > 0 OR instr(lower(ifnull(a.source,'')), @text) > 0 OR instr(lower(ifnull(a.author,'')), @text) > 0)");
    params.text = o.text.toLowerCase();
  }
  const order = SORT_SQL[o.sort ?? 'importedAt'];
  const dir = o.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT ${ARTICLE_SUMMARY_COLUMNS} FROM articles a WHERE ${where.join(' AND ')} ORDER BY ${order} ${dir} NULLS LAST, a.id ${dir}`)
    .all(params);
  return rows.map(toArticleSummary);
}

export function getArticle(db: DB, id: Id): Article {
  const r = db.prepare(`SELECT ${ARTICLE_SUMMARY_COLUMNS}, a.body, a.body_sha256 FROM articles a WHERE a.id = ?`).get(id) as
    | Record<string, unknown>
    | undefined;
  if (!r) throw new StoreError('not-found', `No article with id ${id}.`);
  const attrs = db.prepare('SELECT key, value FROM article_attributes WHERE article_id = ? ORDER BY key').all(id) as { key: string; value: string }[];
  return {
    ...toArticleSummary(r),
    body: r.body as string,
    bodySha256: r.body_sha256 as string,
    attributes: Object.fromEntries(attrs.map((x) => [x.key, x.value])),
  };
}

export function getArticleBody(db: DB, id: Id): { body: string; deletedAt: string | null } {
  const r = db.prepare('SELECT body, deleted_at FROM articles WHERE id = ?').get(id) as { body: string; deleted_at: string | null } | undefined;
  if (!r) throw new StoreError('not-found', `No article with id ${id}.`);
  return { body: r.body, deletedAt: r.deleted_at };
}

export type ArticlePatch = Partial<ArticleMeta> & { attributes?: Record<string, string> };

const META_COLUMNS: Record<keyof ArticleMeta, string> = {
  title: 'title',
  source: 'source',
  author: 'author',
  url: 'url',
  publishedAt: 'published_at',
  language: 'language',
};

export function updateArticle(db: DB, id: Id, patch: ArticlePatch): Article {
  getArticleBody(db, id); // not-found check
  const refs: RowRef[] = [{ t: 'articles', id }];
  if (patch.attributes) refs.push({ t: 'article_attributes', id });
  recordAction(db, 'Edit article details', refs, () => {
    for (const [key, col] of Object.entries(META_COLUMNS) as [keyof ArticleMeta, string][]) {
      if (!(key in patch)) continue;
      let value = patch[key] ?? null;
      if (typeof value === 'string') value = value.trim() || null;
      if (key === 'title' && !value) throw new StoreError('invalid', 'An article needs a title.');
      db.prepare(`UPDATE articles SET ${col} = ? WHERE id = ?`).run(value, id);
    }
    if (patch.attributes) {
      db.prepare('DELETE FROM article_attributes WHERE article_id = ?').run(id);
      const ins = db.prepare('INSERT INTO article_attributes (article_id, key, value) VALUES (?, ?, ?)');
      for (const [k, v] of Object.entries(patch.attributes)) if (k.trim() && v.trim()) ins.run(id, k.trim(), v.trim());
    }
  });
  return getArticle(db, id);
}

/** Move articles to the Trash (soft delete). Returns how many moved. */
export function deleteArticles(db: DB, ids: Id[]): number {
  return setDeleted(db, ids, nowIso(), ids.length === 1 ? 'Delete article' : `Delete ${ids.length} articles`);
}

export function restoreArticles(db: DB, ids: Id[]): number {
  return setDeleted(db, ids, null, ids.length === 1 ? 'Restore article' : `Restore ${ids.length} articles`);
}

function setDeleted(db: DB, ids: Id[], deletedAt: string | null, label: string): number {
  for (const id of ids) getArticleBody(db, id);
  return recordAction(
    db,
    label,
    ids.map((id) => ({ t: 'articles', id })),
    () => {
      let n = 0;
      const stmt =
        deletedAt === null
          ? db.prepare('UPDATE articles SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL')
          : db.prepare('UPDATE articles SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
      for (const id of ids) n += (deletedAt === null ? stmt.run(id) : stmt.run(deletedAt, id)).changes;
      return n;
    },
  );
}

/** A live or trashed article with exactly this text, if any (exact duplicate check at import). */
export function findByBodyHash(db: DB, bodySha: string): { id: Id; title: string; deletedAt: string | null } | null {
  const r = stmt(db, 'SELECT id, title, deleted_at FROM articles WHERE body_sha256 = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1').get(bodySha) as
    | { id: number; title: string; deleted_at: string | null }
    | undefined;
  return r ? { id: r.id, title: r.title, deletedAt: r.deleted_at } : null;
}

/** An article's title (live or trashed), for messages that name it. */
export function articleTitle(db: DB, id: Id): string | undefined {
  return (stmt(db, 'SELECT title FROM articles WHERE id = ?').get(id) as { title: string } | undefined)?.title;
}

/** The oldest live article imported from this URL, if any (a re-import replaces its text). */
export function liveArticleByUrl(db: DB, url: string): { id: Id; title: string } | undefined {
  return stmt(db, 'SELECT id, title FROM articles WHERE url = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(url) as { id: number; title: string } | undefined;
}

export function setMinhash(db: DB, id: Id, minhash: Buffer): void {
  stmt(db, 'UPDATE articles SET minhash = ? WHERE id = ?').run(minhash, id);
}

/** Every live article's MinHash signature (as stored), for the near-duplicate index. */
export function liveMinhashes(db: DB): { id: Id; minhash: Buffer }[] {
  return db.prepare('SELECT id, minhash FROM articles WHERE deleted_at IS NULL AND minhash IS NOT NULL').all() as { id: number; minhash: Buffer }[];
}

export function listSources(db: DB): { source: string; count: number }[] {
  return db
    .prepare("SELECT source, count(*) AS count FROM articles WHERE deleted_at IS NULL AND source IS NOT NULL AND source <> '' GROUP BY source ORDER BY source COLLATE NOCASE")
    .all() as { source: string; count: number }[];
}
