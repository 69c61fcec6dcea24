// The schema guard (after Actual's schema-guard.test.ts): the latest schema is
// committed as db/migrations/schema-snapshot.json, and every migration only adds
// to the schema before it. A store written by an older Quarry must keep meaning
// what it meant, so no migration may drop, rename or redefine a table, column,
// index, trigger or view that an earlier one made.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyMigrations,
  readMigrationFiles,
  readSchema,
  schemaAtVersion,
  SNAPSHOT_PATH,
  type Schema,
} from '../../scripts/schema-snapshot.mjs';
import { tempDir } from '../../test/helpers';
import { openStore } from '../store';
import { LATEST_VERSION, migrations } from './index';

/**
 * Changes to existing objects that were reviewed and accepted, by migration
 * version: the exact message `onlyAdds` prints, with a comment saying why old
 * data stays valid. Keep this empty; a migration that needs an entry here is
 * rare (say, an FTS trigger that must index a new column).
 */
const REVIEWED_CHANGES: Record<number, string[]> = {};

/** What `after` removed or redefined from `before`; additions are fine. */
function onlyAdds(before: Schema, after: Schema): string[] {
  const out: string[] = [];
  const tables = new Map(after.tables.map((t) => [t.name, t]));
  for (const old of before.tables) {
    const now = tables.get(old.name);
    if (!now) {
      out.push(`table ${old.name} was dropped or renamed`);
      continue;
    }
    for (const k of ['virtual', 'strict', 'withoutRowid'] as const) {
      if (old[k] !== now[k]) out.push(`table ${old.name}: ${k} changed from ${old[k]} to ${now[k]}`);
    }
    let dropped = false;
    for (const c of old.columns) {
      const n = now.columns.find((x) => x.name === c.name);
      if (!n) {
        dropped = true;
        out.push(`column ${old.name}.${c.name} was dropped or renamed`);
      } else if (JSON.stringify(n) !== JSON.stringify(c))
        out.push(`column ${old.name}.${c.name} changed: ${JSON.stringify(c)} -> ${JSON.stringify(n)}`);
    }
    // Added columns come last; old ones out of place mean the table was rebuilt.
    if (!dropped && old.columns.some((c, i) => now.columns[i]?.name !== c.name))
      out.push(`table ${old.name}: its columns were reordered (the table was rebuilt)`);
    for (const fk of old.foreignKeys) {
      if (!now.foreignKeys.some((f) => JSON.stringify(f) === JSON.stringify(fk)))
        out.push(`table ${old.name}: foreign key ${JSON.stringify(fk)} was dropped or changed`);
    }
    // ALTER TABLE ... ADD COLUMN writes the new columns after the last one and
    // leaves the rest of the text alone, so the old text must survive around a
    // single insertion; any other difference (a CHECK or constraint changed by a
    // rebuild) is a change.
    if (!(old.virtual ? now.sql === old.sql : isOneInsertion(old.sql, now.sql))) {
      out.push(`table ${old.name}: its definition changed beyond added columns`);
    }
  }
  const kinds = [
    ['index', before.indexes, after.indexes],
    ['trigger', before.triggers, after.triggers],
    ['view', before.views, after.views],
  ] as const;
  for (const [kind, olds, nows] of kinds) {
    const byName = new Map<string, unknown>(nows.map((o) => [o.name, o]));
    for (const o of olds) {
      const n = byName.get(o.name);
      if (!n) out.push(`${kind} ${o.name} was dropped or renamed`);
      else if (JSON.stringify(n) !== JSON.stringify(o)) out.push(`${kind} ${o.name} was redefined`);
    }
  }
  return out;
}

/** Whether `after` is `before` with one run of text inserted somewhere. */
function isOneInsertion(before: string, after: string): boolean {
  if (after.length < before.length) return false;
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return p + s === before.length;
}

function readSnapshot(): Schema {
  return JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Schema;
}

async function liveSchema(): Promise<Schema> {
  const store = await openStore(path.join(tempDir(), 'fresh.sqlite'), { skipBackup: true });
  try {
    return readSchema(store.db);
  } finally {
    store.close();
  }
}

const STALE = `db/migrations/schema-snapshot.json does not match the schema that migrations 1-${LATEST_VERSION} build. After adding a migration, run \`npm run schema:snapshot\`, read the diff and commit it.`;

describe('schema snapshot', () => {
  it('matches the schema a new store gets from the real migration runner', async () => {
    const snapshot = readSnapshot();
    const live = await liveSchema();
    expect(live, STALE).toEqual(snapshot);
    expect(snapshot.version, STALE).toBe(LATEST_VERSION);
  });

  it('is built from the same migrations the app ships: the .sql files are exactly the list in index.ts', () => {
    // The snapshot script reads the files; the app bundles index.ts. A file left
    // out of index.ts (or a version number skipped) would make them disagree.
    const files = readMigrationFiles();
    expect(
      files.map((f) => ({ version: f.version, name: f.name, sql: f.sql })),
      'every db/migrations/NNNN-name.sql must be listed in db/migrations/index.ts, in order',
    ).toEqual(migrations.map((m) => ({ version: m.version, name: m.name, sql: m.sql })));
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('the test helper that stops at a version builds the same schema as the real runner', async () => {
    expect(schemaAtVersion(migrations, LATEST_VERSION)).toEqual(await liveSchema());
  });
});

describe('migrations only add', () => {
  it.each(migrations.filter((m) => m.version >= 2).map((m) => [m.version, m.name] as const))(
    'migration %i (%s) keeps every table, column, index, trigger and view of the version before it',
    (version) => {
      const changes = onlyAdds(schemaAtVersion(migrations, version - 1), schemaAtVersion(migrations, version));
      expect(
        changes,
        `migration ${version} changes what an earlier migration made; add a new object instead (or record a reviewed change in REVIEWED_CHANGES)`,
      ).toEqual(REVIEWED_CHANGES[version] ?? []);
    },
  );

  // The guard itself: each bad migration below, applied after the latest one,
  // must be caught; each good one must pass.
  const next = LATEST_VERSION + 1;
  const withExtra = (sql: string) => {
    const extra = [...migrations, { version: next, name: 'extra', sql }];
    return onlyAdds(schemaAtVersion(migrations, LATEST_VERSION), schemaAtVersion(extra, next));
  };

  it.each([
    ['drops a column', 'ALTER TABLE highlights DROP COLUMN comment', 'column highlights.comment was dropped'],
    ['renames a column', 'ALTER TABLE memos RENAME COLUMN title TO heading', 'column memos.title was dropped or renamed'],
    [
      'rebuilds a table with its columns in another order',
      `CREATE TABLE settings_new (value TEXT NOT NULL CHECK (json_valid(value)), key TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
       INSERT INTO settings_new (key, value) SELECT key, value FROM settings; DROP TABLE settings; ALTER TABLE settings_new RENAME TO settings`,
      'table settings: its columns were reordered',
    ],
    ['renames a table', 'ALTER TABLE settings RENAME TO preferences', 'table settings was dropped or renamed'],
    ['drops a table', 'DROP TABLE memo_citation_state', 'table memo_citation_state was dropped'],
    ['drops an index', 'DROP INDEX highlights_uid_lower', 'index highlights_uid_lower was dropped'],
    [
      'redefines an index',
      'DROP INDEX themes_parent; CREATE INDEX themes_parent ON themes(parent_id, position)',
      'index themes_parent was redefined',
    ],
    [
      'redefines a trigger',
      'DROP TRIGGER memo_citations_stale; CREATE TRIGGER memo_citations_stale AFTER UPDATE ON memos BEGIN DELETE FROM memo_citation_state WHERE memo_id = new.id; END',
      'trigger memo_citations_stale was redefined',
    ],
    [
      'rebuilds a table without its CHECK constraint',
      `CREATE TABLE settings_new (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
       INSERT INTO settings_new SELECT * FROM settings; DROP TABLE settings; ALTER TABLE settings_new RENAME TO settings`,
      'table settings: its definition changed beyond added columns',
    ],
    [
      'rebuilds a table with a column of another type',
      `CREATE TABLE settings_new (key TEXT PRIMARY KEY, value ANY NOT NULL CHECK (json_valid(value))) STRICT, WITHOUT ROWID;
       INSERT INTO settings_new SELECT * FROM settings; DROP TABLE settings; ALTER TABLE settings_new RENAME TO settings`,
      'column settings.value changed',
    ],
  ])('catches a migration that %s', (_what, sql, message) => {
    const changes = withExtra(sql);
    expect(changes.join('\n')).toContain(message);
  });

  // Names no real migration will take, so these keep working as the schema grows.
  it.each([
    ['adds a column', 'ALTER TABLE highlights ADD COLUMN guard_probe TEXT'],
    ['adds a column to a table that ends in a CHECK constraint', "ALTER TABLE memo_links ADD COLUMN guard_probe TEXT NOT NULL DEFAULT ''"],
    [
      'adds a table, an index, a trigger and a view',
      `CREATE TABLE guard_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
       CREATE INDEX guard_probe_name ON guard_probe(name);
       CREATE TRIGGER guard_probe_touch AFTER INSERT ON guard_probe BEGIN SELECT 1; END;
       CREATE VIEW guard_probe_memos AS SELECT id, title FROM memos WHERE deleted_at IS NULL`,
    ],
  ])('lets through a migration that %s', (_what, sql) => {
    expect(withExtra(sql)).toEqual([]);
  });

  it('reads the schema of a real file the same way as an in-memory one', () => {
    const file = path.join(tempDir(), 'v1.sqlite');
    const db = new Database(file);
    try {
      applyMigrations(db, migrations, 1);
      expect(readSchema(db)).toEqual(schemaAtVersion(migrations, 1));
    } finally {
      db.close();
    }
  });
});
