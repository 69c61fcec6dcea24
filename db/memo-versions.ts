// Memo version history: snapshots of a memo's title and text.
//
// Why snapshots and not the undo journal: memo text is saved every second while
// the analyst types, and Monaco already undoes keystrokes. What a memo needs on top
// is "give me back the text as it was an hour ago / before that export". So:
// - 'auto'    the editor asks for one at least every few minutes of editing (and
//             when an editing session starts). Skipped when nothing changed since
//             the latest snapshot; thinned out with age (see pruneAutoVersions).
// - 'export'  every export, so what was sent out can always be found again.
// - 'restore' restoring an old version first snapshots the current text, so a
//             restore is undone by restoring that snapshot.
// - 'manual'  "Save a version now".
// Non-auto snapshots are never pruned.
import { StoreError } from './errors';
import { getMemo } from './memos';
import type { DB } from './store';
import type { Id, Memo } from './types';
import { nowIso } from './util';

export type VersionReason = 'auto' | 'export' | 'restore' | 'manual';
export const VERSION_REASONS: readonly VersionReason[] = ['auto', 'export', 'restore', 'manual'];

export interface MemoVersionSummary {
  id: Id;
  memoId: Id;
  title: string;
  createdAt: string;
  reason: VersionReason;
  /** Length of the text in characters. */
  chars: number;
}

export interface MemoVersion extends MemoVersionSummary {
  body: string;
}

interface VersionRow {
  id: number;
  memo_id: number;
  title: string;
  body: string;
  created_at: string;
  reason: VersionReason;
}

function toVersion(r: VersionRow): MemoVersion {
  return { id: r.id, memoId: r.memo_id, title: r.title, body: r.body, createdAt: r.created_at, reason: r.reason, chars: [...r.body].length };
}

/** Auto snapshots younger than this are all kept. */
const KEEP_ALL_MS = 24 * 3600_000;
/** Between one day and one week old: the latest auto snapshot of each hour is kept. */
const KEEP_HOURLY_MS = 7 * 24 * 3600_000;

export interface SnapshotResult {
  version: MemoVersionSummary;
  /** false when an 'auto' snapshot was skipped because the text equals the latest snapshot. */
  created: boolean;
}

/**
 * Snapshot the memo's current (stored) title and text. `now` is for tests of the
 * thinning policy only.
 */
export function snapshotMemo(db: DB, memoId: Id, reason: VersionReason, now: Date = new Date()): SnapshotResult {
  return db.transaction(() => {
    const memo = getMemo(db, memoId);
    const latest = db.prepare('SELECT * FROM memo_versions WHERE memo_id = ? ORDER BY id DESC LIMIT 1').get(memoId) as VersionRow | undefined;
    if (reason === 'auto' && latest && latest.body === memo.body && latest.title === memo.title) {
      return { version: summary(toVersion(latest)), created: false };
    }
    const info = db
      .prepare('INSERT INTO memo_versions (memo_id, title, body, created_at, reason) VALUES (?, ?, ?, ?, ?)')
      .run(memoId, memo.title, memo.body, now.toISOString(), reason);
    if (reason === 'auto') pruneAutoVersions(db, memoId, now);
    return { version: summary(getVersion(db, Number(info.lastInsertRowid))), created: true };
  })();
}

/**
 * Thin out old 'auto' snapshots: all of the last day, the latest per hour for the
 * last week, the latest per day before that. Other reasons are never removed.
 */
export function pruneAutoVersions(db: DB, memoId: Id, now: Date = new Date()): number {
  const rows = db.prepare("SELECT id, created_at FROM memo_versions WHERE memo_id = ? AND reason = 'auto' ORDER BY id DESC").all(memoId) as {
    id: number;
    created_at: string;
  }[];
  const seen = new Set<string>();
  const drop: number[] = [];
  for (const r of rows) {
    const age = now.getTime() - Date.parse(r.created_at);
    if (age < KEEP_ALL_MS) continue;
    // ISO strings: the first 13 characters are the hour, the first 10 the day (UTC).
    const bucket = age < KEEP_HOURLY_MS ? `h${r.created_at.slice(0, 13)}` : `d${r.created_at.slice(0, 10)}`;
    if (seen.has(bucket)) drop.push(r.id);
    else seen.add(bucket); // newest first: the first one seen in a bucket is the one kept
  }
  const del = db.prepare('DELETE FROM memo_versions WHERE id = ?');
  for (const id of drop) del.run(id);
  return drop.length;
}

function summary(v: MemoVersion): MemoVersionSummary {
  const { body: _body, ...rest } = v;
  return rest;
}

export function listVersions(db: DB, memoId: Id): MemoVersionSummary[] {
  getMemo(db, memoId);
  // length() counts characters, like the summary of a single version; bodies are not read.
  const rows = db
    .prepare('SELECT id, memo_id, title, created_at, reason, length(body) AS chars FROM memo_versions WHERE memo_id = ? ORDER BY id DESC')
    .all(memoId) as (Omit<VersionRow, 'body'> & { chars: number })[];
  return rows.map((r) => ({ id: r.id, memoId: r.memo_id, title: r.title, createdAt: r.created_at, reason: r.reason, chars: r.chars }));
}

export function getVersion(db: DB, id: Id): MemoVersion {
  const r = db.prepare('SELECT * FROM memo_versions WHERE id = ?').get(id) as VersionRow | undefined;
  if (!r) throw new StoreError('not-found', `No memo version with id ${id}.`);
  return toVersion(r);
}

export interface RestoreResult {
  memo: Memo;
  /** The snapshot of the text as it was before the restore: restore it to undo. */
  undoVersion: MemoVersionSummary;
}

/**
 * Put an earlier version back as the memo's current title and text, in one
 * transaction: first snapshot the current text (reason 'restore'), then write.
 */
export function restoreVersion(db: DB, memoId: Id, versionId: Id): RestoreResult {
  return db.transaction(() => {
    const memo = getMemo(db, memoId);
    if (memo.deletedAt) throw new StoreError('invalid', `Memo "${memo.title}" is in the Trash; restore it before restoring an earlier version.`);
    const v = getVersion(db, versionId);
    if (v.memoId !== memoId) throw new StoreError('invalid', `Version ${versionId} belongs to another memo.`);
    const before = snapshotMemo(db, memoId, 'restore').version;
    db.prepare('UPDATE memos SET title = ?, body = ?, updated_at = ? WHERE id = ?').run(v.title, v.body, nowIso(), memoId);
    return { memo: getMemo(db, memoId), undoVersion: before };
  })();
}
