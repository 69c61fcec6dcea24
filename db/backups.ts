// Rotating backups of a store, in the folder `<store>.backups/` beside it.
//
// Every copy is made with SQLite's backup API (db.backup), never by copying
// the file: a live WAL store's pages may still sit in its -wal file. A copy is
// written under a temporary name and renamed when complete, so a crash or a
// full disk never leaves a half backup that looks whole. The rotation keeps
// the newest `keep` copies (a setting in the store, default 10); automatic
// copies are taken at most once per `intervalHours` when a store is opened,
// and before a restore or a project import, so those can be undone.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SQLITE_SIDE_FILES, replaceViaTemp } from './atomic-write';
import { StoreError, fromSqliteError, storeFileError } from './errors';
import { LATEST_VERSION } from './migrations/index';
import type { DB } from './store';

export type BackupReason = 'auto' | 'manual' | 'before-restore' | 'before-import';

export interface BackupInfo {
  path: string;
  name: string;
  bytes: number;
  createdAt: string; // ISO
  reason: BackupReason;
}

export interface BackupSettings {
  /** How many backups the rotation keeps (1-1000). */
  keep: number;
  /** Automatic backups on open: at most one per this many hours (0 = at every open). */
  intervalHours: number;
}

export const DEFAULT_BACKUP_SETTINGS: Readonly<BackupSettings> = Object.freeze({ keep: 10, intervalHours: 24 });
const SETTINGS_KEY = 'backups';
const NAME = /^(\d{8}T\d{9}Z)-(auto|manual|before-restore|before-import)(?:-\d+)?\.sqlite$/;

export function backupDir(storePath: string): string {
  return `${storePath}.backups`;
}

export function getBackupSettings(db: DB): BackupSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  const stored = row ? (JSON.parse(row.value) as Partial<BackupSettings>) : {};
  return {
    keep: Number.isInteger(stored.keep) && stored.keep! >= 1 ? stored.keep! : DEFAULT_BACKUP_SETTINGS.keep,
    intervalHours: typeof stored.intervalHours === 'number' && stored.intervalHours >= 0 ? stored.intervalHours : DEFAULT_BACKUP_SETTINGS.intervalHours,
  };
}

export function setBackupSettings(db: DB, patch: Partial<BackupSettings>): BackupSettings {
  const next = { ...getBackupSettings(db), ...patch };
  if (!Number.isInteger(next.keep) || next.keep < 1 || next.keep > 1000) throw new StoreError('invalid', `Backups to keep must be a whole number from 1 to 1000, not ${next.keep}.`);
  if (!(next.intervalHours >= 0 && next.intervalHours <= 24 * 365)) throw new StoreError('invalid', `The backup interval must be between 0 and 8760 hours, not ${next.intervalHours}.`);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SETTINGS_KEY, JSON.stringify(next));
  return next;
}

/** "20251028T091500123Z" for 2025-10-28T09:15:00.123Z: sorts by time as text. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

/** Backups of `storePath`, newest first. Files that are not Quarry backups are ignored. */
export function listBackups(storePath: string): BackupInfo[] {
  const dir = backupDir(storePath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    try {
      out.push({ path, name, bytes: statSync(path).size, createdAt: parseStamp(m[1]), reason: m[2] as BackupReason });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

function fsError(err: unknown, path: string, operation: string): unknown {
  return storeFileError(err, path, operation);
}

/**
 * SQLite's integrity_check of the open store: null when it passes, else its
 * first findings. integrity_check rather than quick_check: a zeroed page inside
 * an article's overflow chain passes quick_check (the b-tree shape is intact)
 * and is only caught when the rows are compared with their indexes (test:
 * test/hardening/store-faults.test.ts). It reads the whole file once, which
 * backups (at most once per interval) can afford.
 */
export function storeDamage(db: DB): string | null {
  let rows: { integrity_check: string }[];
  try {
    rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
  } catch (err) {
    return (err as Error).message; // SQLITE_CORRUPT while walking the b-trees
  }
  if (rows.length === 1 && rows[0].integrity_check === 'ok') return null;
  return rows
    .map((r) => r.integrity_check)
    .slice(0, 3)
    .join('; ');
}

/** The newest backup that is whole (passes checkStoreFile), or null. */
export function latestGoodBackup(storePath: string): BackupInfo | null {
  for (const b of listBackups(storePath)) {
    try {
      checkStoreFile(b.path);
      return b;
    } catch {
      /* damaged or foreign: look further back */
    }
  }
  return null;
}

/** What a user reads when their store is damaged: what happened and the two ways out. */
export function damagedStoreMessage(storePath: string, damage: string): string {
  const good = latestGoodBackup(storePath);
  const restore = good
    ? `restore the latest good backup, ${good.name} (${good.createdAt.slice(0, 16).replace('T', ' ')} UTC): quarry restore "${good.path}", or File > Backups`
    : 'there is no good backup of it to restore';
  return `The store ${storePath} is damaged (${damage}). No backup was taken, so the good backups are kept. What to do: ${restore}; or export what can still be read (quarry export --format qdpx) into a new store.`;
}

/**
 * A consistent copy of the store into its backup folder, written under a
 * temporary name first. A damaged store is refused: a backup of it would look
 * like a good one and, through the rotation, push the good ones out.
 */
export async function createBackup(db: DB, storePath: string, reason: BackupReason, now = new Date()): Promise<BackupInfo> {
  const dir = backupDir(storePath);
  const operation = 'Backing up the store';
  const damage = storeDamage(db);
  if (damage) throw new StoreError('corrupt', damagedStoreMessage(storePath, damage));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fsError(err, dir, operation);
  }
  let name = `${stamp(now)}-${reason}.sqlite`;
  for (let n = 2; listBackups(storePath).some((b) => b.name === name); n++) name = `${stamp(now)}-${reason}-${n}.sqlite`;
  const path = join(dir, name);
  const partial = join(dir, `.${name}.partial`);
  try {
    await replaceViaTemp(partial, path, (tmp) => db.backup(tmp), { alsoRemove: SQLITE_SIDE_FILES });
  } catch (err) {
    throw fsError(err, path, operation);
  }
  return { path, name, bytes: statSync(path).size, createdAt: now.toISOString(), reason };
}

/**
 * Deletes the oldest backups beyond `keep`, but never the last good one: when
 * none of the kept copies passes checkStoreFile (they were damaged before
 * Quarry checked, or by the disk since), the newest good one among the rest
 * stays. Returns the removed paths.
 */
export function rotateBackups(storePath: string, keep: number): string[] {
  const removed: string[] = [];
  const all = listBackups(storePath);
  const kept = all.slice(0, Math.max(1, keep));
  const surplus = all.slice(Math.max(1, keep));
  const keptIsGood = (b: BackupInfo) => {
    try {
      checkStoreFile(b.path);
      return true;
    } catch {
      return false;
    }
  };
  if (surplus.length && !kept.some(keptIsGood)) {
    const lastGood = surplus.findIndex(keptIsGood);
    if (lastGood >= 0) surplus.splice(lastGood, 1);
  }
  for (const b of surplus) {
    try {
      rmSync(b.path, { force: true });
      removed.push(b.path);
    } catch {
      /* keep it; the next rotation tries again */
    }
  }
  return removed;
}

/** createBackup, then the rotation the store's settings ask for. */
export async function backupAndRotate(db: DB, storePath: string, reason: BackupReason, now = new Date()): Promise<BackupInfo> {
  const info = await createBackup(db, storePath, reason, now);
  rotateBackups(storePath, getBackupSettings(db).keep);
  return info;
}

/** True for a store with no articles, themes or memos at all (not even in the Trash). */
export function isEmptyStore(db: DB): boolean {
  const n = db.prepare('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM themes) + (SELECT count(*) FROM memos) AS n').get() as { n: number };
  return n.n === 0;
}

/**
 * The backup taken when a store is opened: skipped for an empty store and
 * when the newest backup is younger than the interval. Returns what it wrote.
 */
export async function autoBackup(db: DB, storePath: string, now = new Date()): Promise<BackupInfo | null> {
  if (isEmptyStore(db)) return null;
  const { intervalHours } = getBackupSettings(db);
  const newest = listBackups(storePath)[0];
  if (newest && now.getTime() - Date.parse(newest.createdAt) < intervalHours * 3600_000) return null;
  return backupAndRotate(db, storePath, 'auto', now);
}

/**
 * Checks that `path` is a Quarry store this version can open, without
 * changing it. Returns its schema version.
 */
export function checkStoreFile(path: string): { version: number } {
  let db: DB;
  try {
    statSync(path);
  } catch {
    throw new StoreError('not-found', `There is no file at ${path}.`);
  }
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw fromSqliteError(err, path, 'Reading the backup');
  }
  try {
    const check = db.pragma('integrity_check', { simple: true }); // not quick_check: see storeDamage
    if (check !== 'ok') throw new StoreError('corrupt', `${basename(path)} is damaged (${String(check)}); choose another backup.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasArticles = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").get();
    if (version < 1 || !hasArticles) throw new StoreError('invalid', `${basename(path)} is not a Quarry store.`);
    if (version > LATEST_VERSION) {
      throw new StoreError('newer-version', `${basename(path)} was written by a newer version of Quarry (store version ${version}; this Quarry understands up to ${LATEST_VERSION}).`);
    }
    return { version };
  } catch (err) {
    throw fromSqliteError(err, path, 'Reading the backup');
  } finally {
    db.close();
  }
}
