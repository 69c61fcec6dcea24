// Memos: the analyst's writing, Markdown with citation tokens.
import { StoreError } from './errors';
import { recordAction } from './journal';
import { toMemo } from './rows';
import type { DB } from './store';
import type { Id, Memo } from './types';
import { newUid, nowIso } from './util';

export function getMemo(db: DB, id: Id): Memo {
  const r = db.prepare('SELECT * FROM memos WHERE id = ?').get(id);
  if (!r) throw new StoreError('not-found', `No memo with id ${id}.`);
  return toMemo(r);
}

export function listMemos(db: DB, o: { trash?: boolean } = {}): Memo[] {
  return db
    .prepare(`SELECT * FROM memos WHERE ${o.trash ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'} ORDER BY updated_at DESC, id DESC`)
    .all()
    .map(toMemo);
}

export function insertMemoRaw(db: DB, m: { title: string; body?: string; uid?: string; createdAt?: string; updatedAt?: string }): Id {
  const now = nowIso();
  const info = db
    .prepare('INSERT INTO memos (uid, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(m.uid ?? newUid(), m.title.trim() || 'Untitled memo', m.body ?? '', m.createdAt ?? now, m.updatedAt ?? now);
  return Number(info.lastInsertRowid);
}

export function createMemo(db: DB, m: { title: string; body?: string }): Memo {
  const id = recordAction(db, 'New memo', [], (ctx) => {
    const id = insertMemoRaw(db, m);
    ctx.track({ t: 'memos', id });
    return id;
  });
  return getMemo(db, id);
}

/**
 * Save a memo's title and/or text. Not journalled: the editor has its own undo,
 * and the version history keeps earlier texts.
 */
export function updateMemo(db: DB, id: Id, p: { title?: string; body?: string }): Memo {
  const cur = getMemo(db, id);
  if (cur.deletedAt) throw new StoreError('invalid', `Memo "${cur.title}" is in the Trash; restore it before editing.`);
  const title = p.title !== undefined ? p.title.trim() || 'Untitled memo' : cur.title;
  const body = p.body ?? cur.body;
  if (title === cur.title && body === cur.body) return cur;
  db.prepare('UPDATE memos SET title = ?, body = ?, updated_at = ? WHERE id = ?').run(title, body, nowIso(), id);
  return getMemo(db, id);
}

export function deleteMemo(db: DB, id: Id): void {
  const cur = getMemo(db, id);
  recordAction(db, `Delete memo "${cur.title}"`, [{ t: 'memos', id }], () => {
    db.prepare('UPDATE memos SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(nowIso(), id);
  });
}

export function restoreMemo(db: DB, id: Id): Memo {
  const cur = getMemo(db, id);
  recordAction(db, `Restore memo "${cur.title}"`, [{ t: 'memos', id }], () => {
    db.prepare('UPDATE memos SET deleted_at = NULL WHERE id = ?').run(id);
  });
  return getMemo(db, id);
}
