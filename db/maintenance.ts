// Store health and copies: stats, doctor, backups.
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { replaceViaTemp } from './atomic-write';
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
}

/** Everything `quarry doctor` verifies. Read-only. */
export function doctor(db: DB): DoctorReport {
  const checks: DoctorReport['checks'] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const iok = integrity.length === 1 && integrity[0].integrity_check === 'ok';
  checks.push({ name: 'SQLite integrity', ok: iok, detail: iok ? 'ok' : integrity.map((r) => r.integrity_check).slice(0, 10).join('; ') });
  const fk = db.pragma('foreign_key_check') as unknown[];
  checks.push({ name: 'Foreign keys', ok: fk.length === 0, detail: fk.length === 0 ? 'ok' : `${fk.length} broken references` });
  let ftsOk = true;
  let ftsDetail = 'ok';
  try {
    // With rank = 1, FTS5 compares the index against the content table too.
    db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (err) {
    ftsOk = false;
    ftsDetail = `${(err as Error).message}; rebuild with: quarry call store.rebuildSearch`;
  }
  checks.push({ name: 'Search index matches articles', ok: ftsOk, detail: ftsDetail });
  const bad = findQuoteMismatches(db);
  checks.push({
    name: 'Every highlight quote equals its article slice',
    ok: bad.length === 0,
    detail: bad.length === 0 ? 'ok' : `${bad.length} mismatched: ${bad.slice(0, 5).map((b) => `highlight ${b.id} (article ${b.articleId}, ${b.start}-${b.end})`).join(', ')}`,
  });
  return { ok: checks.every((c) => c.ok), checks };
}

export function rebuildSearchIndex(db: DB): void {
  db.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')").run();
}

/** A consistent copy of the live store via SQLite's backup API (never a file copy of a live WAL). */
export async function backupTo(db: DB, target: string): Promise<{ path: string; bytes: number }> {
  // Written beside the target and renamed into place: a failed or interrupted
  // backup never leaves a half-written file under the target's name.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  await replaceViaTemp(temp, target, (tmp) => db.backup(tmp));
  return { path: target, bytes: statSync(target).size };
}
