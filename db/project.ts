// A whole project, read and written by the REFI-QDA exchange
// (electron/refi/store-snapshot.ts, store-write.ts): the queries only;
// the merge rules and progress reporting stay with their callers.
import { toArticle, toHighlight, toMemo, toTheme } from './rows';
import type { DB } from './store';
import type { Article, Highlight, Id, Memo, Theme } from './types';

/** The `project.name` setting as stored (parsed JSON), or null when unset. */
export function projectNameSetting(db: DB): unknown {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'project.name'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}

export function liveArticleIds(db: DB): Id[] {
  return (db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

/** Live themes, parents first, so ids of parents are known before children. */
export function liveThemesByParent(db: DB): Theme[] {
  return db.prepare('SELECT * FROM themes WHERE deleted_at IS NULL ORDER BY parent_id NULLS FIRST, position, id').all().map(toTheme);
}

export function liveMemos(db: DB): Memo[] {
  return db.prepare('SELECT * FROM memos WHERE deleted_at IS NULL ORDER BY id').all().map(toMemo);
}

/** The live articles among `ids` (one chunk), with their attributes, in id order. */
export function liveArticlesByIds(db: DB, ids: readonly Id[]): Article[] {
  const json = JSON.stringify(ids);
  const attrs = new Map<number, Record<string, string>>();
  for (const r of db
    .prepare('SELECT article_id, key, value FROM article_attributes WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, key')
    .all(json) as { article_id: number; key: string; value: string }[]) {
    const a = attrs.get(r.article_id) ?? {};
    a[r.key] = r.value;
    attrs.set(r.article_id, a);
  }
  return (db.prepare('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY id').all(json) as Record<string, unknown>[]).map(
    (r) => toArticle(r, attrs.get(r.id as number) ?? {}),
  );
}

/** Live highlights of the articles `ids`, with their live themes, in text order. */
export function liveHighlightsOfArticles(db: DB, ids: readonly Id[]): Highlight[] {
  return db
    .prepare(
      `SELECT h.*, (SELECT group_concat(ht.theme_id) FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id
         WHERE ht.highlight_id = h.id AND t.deleted_at IS NULL) AS theme_ids
       FROM highlights h WHERE h.article_id IN (SELECT value FROM json_each(?)) AND h.deleted_at IS NULL
       ORDER BY h.article_id, h.start, h.id`,
    )
    .all(JSON.stringify(ids))
    .map(toHighlight);
}

/**
 * The look-ups an import makes for every incoming row, prepared once. uids are
 * GUIDs; matching the three spellings keeps the look-ups on the unique index.
 */
export function importLookups(db: DB) {
  const sameText = db.prepare('SELECT id, body FROM articles WHERE body_sha256 = ? AND deleted_at IS NULL ORDER BY id');
  const articleUid = db.prepare('SELECT 1 FROM articles WHERE uid IN (@u, lower(@u), upper(@u))');
  const highlightUid = db.prepare('SELECT uid, article_id, start, "end" FROM highlights WHERE uid IN (@u, lower(@u), upper(@u))');
  const themeUid = db.prepare('SELECT uid FROM themes WHERE id = ?');
  const themeUidTaken = db.prepare('SELECT 1 FROM themes WHERE uid IN (@u, lower(@u), upper(@u))');
  const memoUid = db.prepare('SELECT title, body FROM memos WHERE uid IN (@u, lower(@u), upper(@u))');
  return {
    /** Live articles whose text has this sha256. */
    sameText: (sha: string) => sameText.all(sha) as { id: Id; body: string }[],
    articleUidTaken: (uid: string) => !!articleUid.get({ u: uid }),
    highlightByUid: (uid: string) => highlightUid.get({ u: uid }) as { uid: string; article_id: Id; start: number; end: number } | undefined,
    themeUidOf: (id: Id) => (themeUid.get(id) as { uid: string }).uid,
    themeUidTaken: (uid: string) => !!themeUidTaken.get({ u: uid }),
    memoByUid: (uid: string) => memoUid.get({ u: uid }) as { title: string; body: string } | undefined,
  };
}

/**
 * For a store file that only becomes a store once complete (and is deleted on
 * any failure): no write-ahead log nor a sync per commit. The rollback journal
 * in memory still undoes a failed write; the caller fsyncs once before renaming.
 */
export function useScratchJournal(db: DB): void {
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
}
