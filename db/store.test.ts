import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onCleanup, sha256File, tempDir } from '../test/helpers';
import { StoreError } from './errors';
import { LATEST_VERSION, migrations } from './migrations/index';
import { openStore } from './store';

async function openErr(p: string): Promise<StoreError> {
  try {
    const s = await openStore(p);
    s.close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error(`openStore(${p}) succeeded but should have failed`);
}

async function makeStore(dir: string, name = 'store.sqlite'): Promise<string> {
  const p = path.join(dir, name);
  const s = await openStore(p);
  s.close();
  return p;
}

describe('openStore', () => {
  it('creates a new store at the latest version with the stated pragmas and STRICT tables', async () => {
    const dir = tempDir();
    const s = await openStore(path.join(dir, 'sub', 'new.sqlite'));
    onCleanup(() => s.close());
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(migrations[migrations.length - 1].version);
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(s.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = s.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%'")
      .all() as { name: string; sql: string }[];
    // Migration 1's data model (later migrations only add tables).
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['article_attributes', 'article_originals', 'articles', 'highlight_themes', 'highlights', 'journal', 'memos', 'settings', 'themes']),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT\b/);
    // STRICT really is enforced: a text in a REAL column is refused (a plain table would store it).
    expect(() =>
      s.db
        .prepare("INSERT INTO themes (uid, name, color, position, created_at, updated_at) VALUES ('u', 'n', '#000000', 'abc', 'a', 'b')")
        .run(),
    ).toThrow(/cannot store TEXT value in REAL column/);
    // Foreign keys are enforced.
    expect(() =>
      s.db.prepare("INSERT INTO highlights (uid, article_id, start, \"end\", quote, created_at, updated_at) VALUES ('h', 999, 0, 1, 'x', 'a', 'b')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('reopening is idempotent: same version, data kept, no backup taken for a fresh store', async () => {
    const dir = tempDir();
    const p = path.join(dir, 'store.sqlite');
    const s1 = await openStore(p);
    s1.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    s1.close();
    const s2 = await openStore(p);
    onCleanup(() => s2.close());
    expect(s2.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(s2.db.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    const objects = (s2.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'articles'").get() as { n: number }).n;
    expect(objects).toBe(1);
    // Only one migration ships, so no store can be at 0 < version < LATEST: a
    // fresh store (version 0, new file) is never backed up.
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a store from a newer Quarry with a message naming the path, leaving the file untouched', async () => {
    const dir = tempDir();
    const p = await makeStore(dir);
    const raw = new Database(p);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = sha256File(p);
    const err = await openErr(p);
    expect(err.code).toBe('newer-version');
    expect(err.message).toContain(p);
    expect(err.message).toContain(String(LATEST_VERSION + 1));
    expect(sha256File(p)).toBe(before);
    const check = new Database(p, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('refuses a file of random bytes as corrupt, naming the path, without changing it', async () => {
    const dir = tempDir();
    const p = path.join(dir, 'random.sqlite');
    writeFileSync(p, randomBytes(64 * 1024));
    const before = sha256File(p);
    const err = await openErr(p);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(p);
    expect(sha256File(p)).toBe(before);
  });

  it.each([0.5, 0.1])('refuses a truncated real store (%s of its size) as corrupt', async (fraction) => {
    const dir = tempDir();
    const p = await makeStore(dir);
    const size = statSync(p).size;
    expect(size).toBeGreaterThan(8192);
    truncateSync(p, Math.floor(size * fraction));
    const err = await openErr(p);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(p);
  });

  it('refuses a read-only file (mode 0444) with code read-only, naming the path', async () => {
    const dir = tempDir();
    const p = await makeStore(dir);
    chmodSync(p, 0o444);
    onCleanup(() => chmodSync(p, 0o644));
    const before = sha256File(p);
    const err = await openErr(p);
    expect(err.code).toBe('read-only');
    expect(err.message).toContain(p);
    expect(sha256File(p)).toBe(before);
  });

  it('refuses a SQLite file that is not a Quarry store (user_version 0, other tables) and leaves it untouched', async () => {
    // DESIGN.md: a file Quarry cannot use gets a clear message and nothing
    // half-written. An existing non-empty SQLite database from another program
    // must not be switched to WAL and filled with Quarry's tables.
    const dir = tempDir();
    const p = path.join(dir, 'other-app.sqlite');
    const raw = new Database(p);
    raw.exec('CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO bookmarks (url) VALUES (\'https://example.org\');');
    raw.close();
    const before = sha256File(p);
    const err = await openErr(p);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(p);
    expect(sha256File(p)).toBe(before);
    expect(existsSync(p + '-wal')).toBe(false);
  });

  it('close() is safe to call twice', async () => {
    const dir = tempDir();
    const s = await openStore(path.join(dir, 'x.sqlite'));
    s.close();
    expect(() => s.close()).not.toThrow();
    expect(s.db.open).toBe(false);
  });
});
