// Opening a Quarry store: one SQLite file, pragmas set once here, migrations
// applied in one transaction, a backup taken before any migration.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, fileError, fromSqliteError } from './errors';
import { LATEST_VERSION, migrations } from './migrations/index';

export type DB = Database.Database;

export interface Store {
  readonly db: DB;
  readonly path: string;
  close(): void;
}

export interface OpenOptions {
  /** Skip the pre-migration backup (tests and benchmarks of throwaway stores). */
  skipBackup?: boolean;
  /**
   * Accept an existing 0-byte file as a new, empty store. Off by default: a
   * 0-byte file where a store was is almost always a store cut short (a full
   * disk, a sync tool, a crash while copying), and silently starting afresh
   * over it would hide the loss.
   */
  allowEmptyFile?: boolean;
}

/** How many times a write transaction was retried after SQLITE_BUSY, in this process (reported by `quarry doctor --json` and the bench). */
export const busyStats = { retries: 0, givenUp: 0 };
/** Attempts at BEGIN IMMEDIATE, each waiting up to busy_timeout, before a write gives up with a clear `busy` error. */
export const WRITE_ATTEMPTS = 4;

export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const existed = existsSync(path) && statSync(path).size > 0;
  if (!existed && existsSync(path) && statSync(path).isFile() && !options.allowEmptyFile) {
    throw new StoreError(
      'corrupt',
      `Cannot open ${path}: the file is empty (0 bytes), so it is most likely a store that was cut short, not a new one. Restore a backup (quarry restore, or File > Backups), or delete the empty file to start a new store there.`,
    );
  }
  if (existed) {
    // A file without any write permission bit was made read-only on purpose:
    // honour that even when running as root, who could write it anyway.
    if ((statSync(path).mode & 0o222) === 0) {
      throw new StoreError('read-only', `Cannot open ${path}: the file is read-only. Quarry needs to write to its store; make the file writable or open a copy.`);
    }
  } else if (!existsSync(path)) {
    createAtomically(path);
  }
  let db: DB;
  try {
    db = new Database(path);
  } catch (err) {
    throw fromSqliteError(err, path, 'Opening the store');
  }
  try {
    // Reading the schema first makes a non-SQLite or damaged file fail here, and
    // the version check comes before any pragma that writes (WAL switch), so a
    // store from a newer Quarry is refused without being touched.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      throw new StoreError(
        'newer-version',
        `${path} was written by a newer version of Quarry (store version ${version}; this Quarry understands up to ${LATEST_VERSION}). Update Quarry to open it; the file was left untouched.`,
      );
    }
    if (version === 0) {
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
      if (tables > 0) {
        throw new StoreError('corrupt', `${path} is an SQLite database from another program, not a Quarry store; it was left untouched. Choose another file.`);
      }
    }
    configure(db);
    beginWritesImmediately(db);
    if (version < LATEST_VERSION) {
      if (existed && version > 0 && !options.skipBackup) await backupBeforeMigration(db, path, version);
      migrate(db, version);
    }
  } catch (err) {
    db.close();
    throw fromSqliteError(err, path, 'Opening the store');
  }
  return {
    db,
    path,
    close() {
      if (!db.open) return;
      try {
        db.pragma('optimize');
      } catch {
        // optimize only refreshes planner statistics: on a full disk or a
        // damaged file it fails, and closing must still succeed (the data is
        // already committed); a stack trace here would hide the real message.
      }
      db.close();
    },
  };
}

function configure(db: DB): void {
  // WAL: readers never block the single writer; crash-safe.
  db.pragma('journal_mode = WAL');
  // synchronous=NORMAL in WAL mode: the file is never corrupted, and an app crash
  // loses nothing; a power cut may drop the last few commits since the last WAL
  // sync. FULL would fsync on every commit and cap imports at a few hundred
  // files/s on ordinary disks; rotating backups cover the remaining risk.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another Quarry process (CLI while the app runs) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000'); // 32 MB page cache
}

function migrate(db: DB, from: number): void {
  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${LATEST_VERSION}`); // integer constant from code, not input
  })();
}

async function backupBeforeMigration(db: DB, path: string, version: number): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await db.backup(`${path}.v${version}-${stamp}.bak`);
}

/**
 * Every transaction this connection runs begins IMMEDIATE, and a busy store is
 * waited for, not failed. A DEFERRED transaction starts as a reader and upgrades
 * to a writer at its first write; when another process holds the write lock at
 * that moment SQLite returns SQLITE_BUSY at once, without calling the busy
 * handler (waiting could deadlock two upgrading readers). That is how two CLI
 * imports side by side lost most of their files to "database is locked".
 * BEGIN IMMEDIATE takes the write lock up front, so the busy_timeout wait
 * applies; on top of it, a bounded number of whole-transaction retries
 * (WRITE_ATTEMPTS, counted in busyStats) before a clear `busy` error. Nested
 * calls are savepoints inside the outer transaction and are not retried.
 * Done here, once, so no call site can forget it.
 */
function beginWritesImmediately(db: DB): void {
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const t = original(fn);
    const run = (...args: unknown[]): unknown => {
      if (db.inTransaction) return t.immediate(...args);
      for (let attempt = 1; ; attempt++) {
        try {
          return t.immediate(...args);
        } catch (err) {
          const code = String((err as { code?: unknown })?.code ?? '');
          if (!code.startsWith('SQLITE_BUSY')) throw err;
          if (attempt >= WRITE_ATTEMPTS) {
            busyStats.givenUp++;
            throw new StoreError(
              'busy',
              `The store is busy: another Quarry process (an import from the command line, or the app) held it for over ${(WRITE_ATTEMPTS * 5).toString()} seconds; nothing was saved. Try again when it has finished.`,
            );
          }
          busyStats.retries++;
        }
      }
    };
    return Object.assign(run, { default: run, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive, database: db });
  }) as unknown as DB['transaction'];
}

/**
 * A new store is built under a temporary name and renamed into place once its
 * schema is committed, so a crash (or kill -9) while creating it never leaves a
 * 0-byte or schema-less file under the store's name — which openStore would
 * then rightly refuse as a store cut short.
 */
function createAtomically(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw fileError(err, path, 'Creating the store');
  }
  const tmp = `${path}.creating-${process.pid}`;
  try {
    const db = new Database(tmp);
    try {
      db.pragma('journal_mode = DELETE'); // one file to rename; WAL is switched on at the real open
      db.pragma('foreign_keys = ON');
      migrate(db, 0);
    } finally {
      db.close();
    }
    renameSync(tmp, path);
  } catch (err) {
    for (const f of [tmp, `${tmp}-journal`]) rmSync(f, { force: true });
    const mapped = fromSqliteError(err, path, 'Creating the store');
    throw mapped instanceof StoreError ? mapped : fileError(err, path, 'Creating the store');
  }
}
