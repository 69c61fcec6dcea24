// Opening a Quarry store: one SQLite file, pragmas set once here, migrations
// applied in one transaction, a backup taken before any migration.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, fromSqliteError } from './errors';
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
}

export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const existed = existsSync(path) && statSync(path).size > 0;
  if (existed) {
    // A file without any write permission bit was made read-only on purpose:
    // honour that even when running as root, who could write it anyway.
    if ((statSync(path).mode & 0o222) === 0) {
      throw new StoreError('read-only', `Cannot open ${path}: the file is read-only. Quarry needs to write to its store; make the file writable or open a copy.`);
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
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
      } finally {
        db.close();
      }
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
