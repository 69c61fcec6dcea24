// Highlights (passages) and the themes they carry.
import { assertQuoteMatches, makeAnchor } from './anchor';
import { getArticleBody } from './articles';
import { StoreError } from './errors';
import { recordAction, type RowRef } from './journal';
import { toHighlight } from './rows';
import type { DB } from './store';
import type { Highlight, Id } from './types';
import { newUid, nowIso } from './util';

const SELECT = `SELECT h.*, (SELECT group_concat(ht.theme_id) FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id
  WHERE ht.highlight_id = h.id AND t.deleted_at IS NULL) AS theme_ids FROM highlights h`;

export interface NewHighlight {
  articleId: Id;
  start: number;
  end: number;
  themeIds: Id[];
  comment?: string;
  uid?: string;
}

function checkThemes(db: DB, themeIds: Id[]): Id[] {
  const ids = [...new Set(themeIds)];
  const stmt = db.prepare('SELECT deleted_at FROM themes WHERE id = ?');
  for (const id of ids) {
    const t = stmt.get(id) as { deleted_at: string | null } | undefined;
    if (!t) throw new StoreError('not-found', `No theme with id ${id}.`);
    if (t.deleted_at) throw new StoreError('invalid', `Theme ${id} is in the Trash; restore it before using it.`);
  }
  return ids;
}

function liveBody(db: DB, articleId: Id): string {
  const a = getArticleBody(db, articleId);
  if (a.deletedAt) throw new StoreError('invalid', `Article ${articleId} is in the Trash; restore it before highlighting.`);
  return a.body;
}

export function getHighlight(db: DB, id: Id): Highlight {
  const r = db.prepare(`${SELECT} WHERE h.id = ?`).get(id);
  if (!r) throw new StoreError('not-found', `No highlight with id ${id}.`);
  return toHighlight(r);
}

export function getHighlightByUid(db: DB, uid: string): Highlight | null {
  const r = db.prepare(`${SELECT} WHERE h.uid = ? COLLATE NOCASE`).get(uid);
  return r ? toHighlight(r) : null;
}

export function listHighlightsByArticle(db: DB, articleId: Id, o: { includeDeleted?: boolean } = {}): Highlight[] {
  const where = o.includeDeleted ? '' : ' AND h.deleted_at IS NULL';
  return db.prepare(`${SELECT} WHERE h.article_id = ?${where} ORDER BY h.start, h."end" DESC, h.id`).all(articleId).map(toHighlight);
}

/** Insert without journalling (imports); call inside a transaction. */
export function insertHighlightRaw(db: DB, h: NewHighlight & { createdAt?: string; orphaned?: boolean }, body: string): Id {
  const a = makeAnchor(body, h.start, h.end);
  const now = h.createdAt ?? nowIso();
  const info = db
    .prepare(
      `INSERT INTO highlights (uid, article_id, start, "end", quote, prefix, suffix, comment, orphaned, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(h.uid ?? newUid(), h.articleId, a.start, a.end, a.quote, a.prefix, a.suffix, h.comment ?? '', h.orphaned ? 1 : 0, now, now);
  const id = Number(info.lastInsertRowid);
  const ins = db.prepare('INSERT OR IGNORE INTO highlight_themes (highlight_id, theme_id) VALUES (?, ?)');
  for (const t of h.themeIds) ins.run(id, t);
  return id;
}

export function createHighlight(db: DB, h: NewHighlight): Highlight {
  const body = liveBody(db, h.articleId);
  const themeIds = checkThemes(db, h.themeIds);
  const id = recordAction(db, 'Highlight passage', [], (ctx) => {
    const id = insertHighlightRaw(db, { ...h, themeIds }, body);
    ctx.track({ t: 'highlights', id });
    ctx.track({ t: 'highlight_themes', id });
    return id;
  });
  return getHighlight(db, id);
}

export interface HighlightPatch {
  start?: number;
  end?: number;
  comment?: string;
  themeIds?: Id[];
  addThemeIds?: Id[];
  removeThemeIds?: Id[];
}

export function updateHighlight(db: DB, id: Id, p: HighlightPatch): Highlight {
  const cur = getHighlight(db, id);
  if (cur.deletedAt) throw new StoreError('invalid', 'This highlight is in the Trash; restore it first.');
  const refs: RowRef[] = [{ t: 'highlights', id }, { t: 'highlight_themes', id }];
  const label = p.start !== undefined || p.end !== undefined ? 'Adjust highlight' : p.comment !== undefined ? 'Edit comment' : 'Change themes';
  recordAction(db, label, refs, () => {
    const now = nowIso();
    if (p.start !== undefined || p.end !== undefined) {
      const body = liveBody(db, cur.articleId);
      const a = makeAnchor(body, p.start ?? cur.start, p.end ?? cur.end);
      db.prepare('UPDATE highlights SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, orphaned = 0, updated_at = ? WHERE id = ?').run(
        a.start,
        a.end,
        a.quote,
        a.prefix,
        a.suffix,
        now,
        id,
      );
    }
    if (p.comment !== undefined) db.prepare('UPDATE highlights SET comment = ?, updated_at = ? WHERE id = ?').run(p.comment, now, id);
    let themes: Id[] | null = null;
    if (p.themeIds) themes = checkThemes(db, p.themeIds);
    if (p.addThemeIds || p.removeThemeIds) {
      const set = new Set(themes ?? cur.themeIds);
      for (const t of checkThemes(db, p.addThemeIds ?? [])) set.add(t);
      for (const t of p.removeThemeIds ?? []) set.delete(t);
      themes = [...set];
    }
    if (themes) {
      // Memberships in trashed themes stay, so restoring the theme brings its passages back.
      db.prepare('DELETE FROM highlight_themes WHERE highlight_id = ? AND theme_id IN (SELECT id FROM themes WHERE deleted_at IS NULL)').run(id);
      const ins = db.prepare('INSERT OR IGNORE INTO highlight_themes (highlight_id, theme_id) VALUES (?, ?)');
      for (const t of themes) ins.run(id, t);
      db.prepare('UPDATE highlights SET updated_at = ? WHERE id = ?').run(now, id);
    }
  });
  return getHighlight(db, id);
}

export function deleteHighlights(db: DB, ids: Id[]): number {
  return setDeleted(db, ids, nowIso(), ids.length === 1 ? 'Delete highlight' : `Delete ${ids.length} highlights`);
}

export function restoreHighlights(db: DB, ids: Id[]): number {
  return setDeleted(db, ids, null, ids.length === 1 ? 'Restore highlight' : `Restore ${ids.length} highlights`);
}

function setDeleted(db: DB, ids: Id[], at: string | null, label: string): number {
  for (const id of ids) getHighlight(db, id);
  return recordAction(
    db,
    label,
    ids.map((id) => ({ t: 'highlights', id })),
    () => {
      const stmt = at
        ? db.prepare('UPDATE highlights SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
        : db.prepare('UPDATE highlights SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
      let n = 0;
      for (const id of ids) n += (at ? stmt.run(at, id) : stmt.run(id)).changes;
      return n;
    },
  );
}

/** Check the anchor invariant for every highlight of the store (doctor). */
export function findQuoteMismatches(db: DB): { id: Id; articleId: Id; start: number; end: number }[] {
  const bad: { id: Id; articleId: Id; start: number; end: number }[] = [];
  const bodies = new Map<number, string>();
  const rows = db.prepare('SELECT id, article_id, start, "end", quote FROM highlights WHERE orphaned = 0 ORDER BY article_id').all() as Array<{
    id: number;
    article_id: number;
    start: number;
    end: number;
    quote: string;
  }>;
  const bodyStmt = db.prepare('SELECT body FROM articles WHERE id = ?');
  for (const r of rows) {
    if (!bodies.has(r.article_id)) {
      bodies.clear();
      bodies.set(r.article_id, (bodyStmt.get(r.article_id) as { body: string }).body);
    }
    try {
      assertQuoteMatches(bodies.get(r.article_id)!, r.start, r.end, r.quote);
    } catch {
      bad.push({ id: r.id, articleId: r.article_id, start: r.start, end: r.end });
    }
  }
  return bad;
}

/** Highlights in the Trash (their article still live), newest first, with the article title. */
export function listTrashedHighlights(db: DB): (Highlight & { articleTitle: string })[] {
  return (
    db
      .prepare(
        `${SELECT.replace('FROM highlights h', ', a.title AS article_title FROM highlights h JOIN articles a ON a.id = h.article_id')}
         WHERE h.deleted_at IS NOT NULL AND a.deleted_at IS NULL ORDER BY h.deleted_at DESC LIMIT 1000`,
      )
      .all() as Record<string, unknown>[]
  ).map((r) => ({ ...toHighlight(r), articleTitle: r.article_title as string }));
}
