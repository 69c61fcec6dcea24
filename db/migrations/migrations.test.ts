// Each migration, tested from the version before it on a store full of data, the
// way Signal tests its migrations (ts/test-node/sql/migration_*_test.node.ts):
// build a store at N-1, fill it, apply N, and check that every row survived.
// What a migration adds is tested in its own file (migration-0002.test.ts, ...);
// updateToVersion is in test/fixtures/stores.ts, the seed data in test/fixtures/store-seeds.ts.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSchema, schemaAtVersion, type Schema } from '../../scripts/schema-snapshot.mjs';
import { S, MEMO_BODY, SEEDS, dump, expectHealthy, ftsHits, seededStore, updateToVersion } from '../../test/fixtures/stores';
import { onCleanup, tempDir } from '../../test/helpers';
import { getMemo } from '../memos';
import { openStore } from '../store';
import { LATEST_VERSION, migrations } from './index';

describe('seed data', () => {
  it('has a seed for every migration, and leaves no table of the latest schema empty', () => {
    expect(Object.keys(SEEDS).map(Number), 'add a SEEDS entry for each new migration').toEqual(migrations.map((m) => m.version));
    const db = seededStore(LATEST_VERSION);
    const empty = Object.entries(dump(db))
      .filter(([, rows]) => rows.length === 0)
      .map(([t]) => t);
    // So that the next migration is tested on a store that uses every table.
    expect(empty, 'these tables have no seed rows; fill them in the SEEDS entry of the migration that made them').toEqual([]);
    expectHealthy(db);
  });

  it('is consistent: every seeded quote is the slice of its article at its offsets', () => {
    const db = seededStore(1);
    const rows = db
      .prepare('SELECT h.id, h.start, h."end", h.quote, a.body FROM highlights h JOIN articles a ON a.id = h.article_id')
      .all() as {
      id: number;
      start: number;
      end: number;
      quote: string;
      body: string;
    }[];
    for (const r of rows) expect(r.body.slice(r.start, r.end), `highlight ${r.id}`).toBe(r.quote);
  });
});

describe.each(migrations.filter((m) => m.version >= 2).map((m) => [m.version, m.name] as const))(
  'migration %i (%s), from the version before it',
  (version) => {
    it('keeps every row of every table, the search index and the store healthy', () => {
      const db = seededStore(version - 1);
      const shape = readSchema(db);
      const before = dump(db, shape);
      const hits = ftsHits(db);
      updateToVersion(db, version);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      expect(dump(db, shape)).toEqual(before);
      expect(ftsHits(db)).toEqual(hits);
      expectHealthy(db);
    });

    it('builds the same schema on a store with data as on an empty one', () => {
      const db = seededStore(version - 1);
      updateToVersion(db, version);
      expect(readSchema(db)).toEqual(schemaAtVersion(migrations, version));
    });
  },
);

describe('opening a version-1 store with openStore', () => {
  function v1File(): { dir: string; file: string; shape: Schema; rows: Record<string, unknown[]> } {
    const dir = tempDir();
    const file = path.join(dir, 'store.sqlite');
    const db = seededStore(1, file);
    const shape = readSchema(db);
    const rows = dump(db, shape);
    db.close(); // checkpoints the WAL into the file, as a closed Quarry leaves it
    return { dir, file, shape, rows };
  }
  const backupsOf = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('store.sqlite.v1-') && f.endsWith('.bak'));

  it(`migrates it to version ${LATEST_VERSION}, keeps every row, and leaves a valid version-1 backup beside it`, async () => {
    const { dir, file, shape, rows } = v1File();
    const store = await openStore(file);
    onCleanup(() => store.close());
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(dump(store.db, shape)).toEqual(rows);
    expect(readSchema(store.db)).toEqual(schemaAtVersion(migrations, LATEST_VERSION));
    expectHealthy(store.db);
    expect(getMemo(store.db, S.memo).body).toBe(MEMO_BODY);

    const backups = backupsOf(dir);
    expect(backups).toHaveLength(1);
    const bak = new Database(path.join(dir, backups[0]), { readonly: true });
    onCleanup(() => {
      bak.close();
    });
    expect(bak.pragma('user_version', { simple: true })).toBe(1);
    expect(bak.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readSchema(bak)).toEqual(schemaAtVersion(migrations, 1));
    expect(dump(bak, shape)).toEqual(rows);
  });

  it('takes no second backup when the migrated store is opened again', async () => {
    const { dir, file, shape, rows } = v1File();
    (await openStore(file)).close();
    const again = await openStore(file);
    onCleanup(() => again.close());
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(dump(again.db, shape)).toEqual(rows);
    expect(backupsOf(dir)).toHaveLength(1);
  });

  it('a migration that fails half-way leaves the store at version 1 with every row and nothing half-made', async () => {
    // Another tool left a table with the name migration 2 needs, after migration
    // 2's first tables: the runner must roll all of migration 2 back.
    const { file, shape } = v1File();
    const raw = new Database(file);
    raw.exec('CREATE TABLE memo_links (x TEXT)');
    const rows = dump(raw, shape);
    const schema = readSchema(raw);
    raw.close();
    await expect(openStore(file)).rejects.toThrow(/memo_links/);
    const after = new Database(file, { readonly: true });
    onCleanup(() => {
      after.close();
    });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect(readSchema(after)).toEqual(schema);
    expect(dump(after, shape)).toEqual(rows);
  });
});
