// Store health and copies: stats, doctor, backups.
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SQLITE_SIDE_FILES, replaceViaTemp } from './atomic-write';
import { findQuoteMismatches } from './highlights';
import type { DB } from './store';

export interface StoreStats {
  path: string;
  bytes: number;
  articles: number;
  trashedArticles: number;
  themes: number;
  highlights: number;
  memos: number;
  schemaVersion: number;
}

export function storeStats(db: DB, path: string): StoreStats {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      /* no WAL yet */
    }
  }
  return {
    path,
    bytes,
    articles: n('SELECT count(*) AS n FROM articles WHERE deleted_at IS NULL'),
    trashedArticles: n('SELECT count(*) AS n FROM articles WHERE deleted_at IS NOT NULL'),
    themes: n('SELECT count(*) AS n FROM themes WHERE deleted_at IS NULL'),
    highlights: n('SELECT count(*) AS n FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL'),
    memos: n('SELECT count(*) AS n FROM memos WHERE deleted_at IS NULL'),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}

export interface DoctorReport {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
  /** Set when the file itself is damaged: what the user should do. */
  advice?: string;
}

/** Everything `quarry doctor` verifies. Read-only. */
export function doctor(db: DB): DoctorReport {
  const checks: DoctorReport['checks'] = [];
  // Each check runs on its own: on a damaged file one of them throws
  // (SQLITE_CORRUPT while reading a page), and the report must still say
  // which parts are whole instead of failing as a whole.
  const check = (name: string, run: () => { ok: boolean; detail: string }) => {
    try {
      checks.push({ name, ...run() });
    } catch (err) {
      checks.push({ name, ok: false, detail: `could not be checked: ${(err as Error).message}` });
    }
  };
  check('SQLite integrity', () => {
    const integrity = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const ok = integrity.length === 1 && integrity[0].integrity_check === 'ok';
    return { ok, detail: ok ? 'ok' : integrity.map((r) => r.integrity_check).slice(0, 10).join('; ') };
  });
  check('Foreign keys', () => {
    const fk = db.pragma('foreign_key_check') as unknown[];
    return { ok: fk.length === 0, detail: fk.length === 0 ? 'ok' : `${fk.length} broken references` };
  });
  check('Search index matches articles', () => {
    try {
      // With rank = 1, FTS5 compares the index against the content table too.
      db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run();
      return { ok: true, detail: 'ok' };
    } catch (err) {
      return { ok: false, detail: `${(err as Error).message}; rebuild with: quarry call store.rebuildSearch` };
    }
  });
  check('Every highlight quote equals its article slice', () => {
    const bad = findQuoteMismatches(db);
    return {
      ok: bad.length === 0,
      detail: bad.length === 0 ? 'ok' : `${bad.length} mismatched: ${bad.slice(0, 5).map((b) => `highlight ${b.id} (article ${b.articleId}, ${b.start}-${b.end})`).join(', ')}`,
    };
  });
  const ok = checks.every((c) => c.ok);
  const damaged = !checks[0].ok;
  return {
    ok,
    checks,
    ...(damaged
      ? {
          advice:
            'The store file is damaged. Restore the latest good backup (quarry restore BACKUP, or File > Backups; `quarry call store.backups` lists them), or export what can still be read (quarry export --format qdpx --out rescue.qdpx) and import it into a new store.',
        }
      : {}),
  };
}

export function rebuildSearchIndex(db: DB): void {
  db.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')").run();
}

/** A consistent copy of the live store via SQLite's backup API (never a file copy of a live WAL). */
export async function backupTo(db: DB, target: string): Promise<{ path: string; bytes: number }> {
  // Written beside the target and renamed into place: a failed or interrupted
  // backup never leaves a half-written file under the target's name.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  await replaceViaTemp(temp, target, (tmp) => db.backup(tmp), { alsoRemove: SQLITE_SIDE_FILES });
  return { path: target, bytes: statSync(target).size };
}
