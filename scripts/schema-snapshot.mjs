// The store's schema as data, and the committed snapshot of the latest one.
//
//   npm run schema:snapshot            rewrite db/migrations/schema-snapshot.json
//   npm run schema:snapshot -- --check exit 1 when the snapshot is out of date
//
// Plain Node on purpose: it reads the numbered .sql files directly and applies
// them with better-sqlite3 the way db/store.ts does, so it needs no build. The
// tests in db/migrations/ use the same functions and check that the files read
// here are exactly the list in db/migrations/index.ts.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'db', 'migrations');
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, 'schema-snapshot.json');

const FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** The numbered migration files, in order: [{ version, name, sql }]. */
export function readMigrationFiles(dir = MIGRATIONS_DIR) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const m = FILE.exec(f);
      if (!m) throw new Error(`${path.join(dir, f)}: a migration file is named NNNN-name.sql (four digits, lower-case words).`);
      return { version: Number(m[1]), name: m[2], sql: readFileSync(path.join(dir, f), 'utf8') };
    });
}

/**
 * Bring `db` from its user_version up to `to`, as db/store.ts migrates: foreign
 * keys on, the pending files and the user_version bump in one transaction.
 * Unlike the runner it can stop at any version, which is what the tests need.
 */
export function applyMigrations(db, migrations, to) {
  const from = db.pragma('user_version', { simple: true });
  if (to < from) throw new Error(`The store is at version ${from}; migrations only go forward, not to ${to}.`);
  if (!migrations.some((m) => m.version === to) && to !== 0) throw new Error(`There is no migration ${to}.`);
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const m of migrations) if (m.version > from && m.version <= to) db.exec(m.sql);
    db.pragma(`user_version = ${Number(to)}`);
  })();
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every object a migration can create, in a stable order: tables (with their
 * columns, foreign keys, STRICT / WITHOUT ROWID), indexes (including the
 * automatic ones behind UNIQUE and PRIMARY KEY), triggers and views. The shadow
 * tables of FTS5 belong to SQLite, not to us, and are left out.
 */
export function readSchema(db) {
  const objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  const sqlOf = new Map(objects.map((o) => [o.name, o.sql]));
  const list = db
    .prepare(
      "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'virtual') ORDER BY name",
    )
    .all();
  const tables = list.map((t) => ({
    name: t.name,
    virtual: t.type === 'virtual',
    strict: t.strict === 1,
    withoutRowid: t.wr === 1,
    columns: db
      .prepare('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid')
      .all(t.name)
      .map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1, default: c.dflt_value, pk: c.pk, hidden: c.hidden })),
    foreignKeys: foreignKeys(db, t.name),
    sql: sqlOf.get(t.name),
  }));
  const indexes = [];
  for (const t of tables) {
    if (t.virtual) continue;
    for (const ix of db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(t.name)) {
      indexes.push({
        name: ix.name,
        table: t.name,
        unique: ix.unique === 1,
        origin: ix.origin, // 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY
        partial: ix.partial === 1,
        columns: db
          .prepare('SELECT cid, name, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno')
          .all(ix.name)
          .map((c) => ({ name: c.cid === -2 ? '<expression>' : c.name, desc: c.desc === 1, collation: c.coll })),
        sql: sqlOf.get(ix.name) ?? null,
      });
    }
  }
  indexes.sort(byName);
  const triggers = objects.filter((o) => o.type === 'trigger').map((o) => ({ name: o.name, table: o.tbl_name, sql: o.sql }));
  const views = objects.filter((o) => o.type === 'view').map((o) => ({ name: o.name, sql: o.sql }));
  return { version: db.pragma('user_version', { simple: true }), tables, indexes, triggers, views };
}

function foreignKeys(db, table) {
  const rows = db
    .prepare('SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq')
    .all(table);
  const byId = new Map();
  for (const r of rows) {
    let fk = byId.get(r.id);
    if (!fk) byId.set(r.id, (fk = { table: r.table, from: [], to: [], onUpdate: r.on_update, onDelete: r.on_delete }));
    fk.from.push(r.from);
    fk.to.push(r.to);
  }
  // SQLite numbers foreign keys from the last one declared; sort so the order means nothing.
  return [...byId.values()].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** The schema of a new, empty store after migrations 1..to. */
export function schemaAtVersion(migrations, to) {
  const db = new Database(':memory:');
  try {
    applyMigrations(db, migrations, to);
    return readSchema(db);
  } finally {
    db.close();
  }
}

/**
 * JSON as Prettier writes it (so `prettier --check` passes without a rewrite):
 * objects one key a line, arrays of plain values on one line.
 */
export function formatSnapshot(schema) {
  const out = (v, pad) => {
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      return `[\n${v.map((x) => `${pad}  ${out(x, `${pad}  `)}`).join(',\n')}\n${pad}]`;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0) return '{}';
      return `{\n${keys.map((k) => `${pad}  ${JSON.stringify(k)}: ${out(v[k], `${pad}  `)}`).join(',\n')}\n${pad}}`;
    }
    return JSON.stringify(v);
  };
  return `${out(schema, '')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const migrations = readMigrationFiles();
  const latest = migrations[migrations.length - 1].version;
  const text = formatSnapshot(schemaAtVersion(migrations, latest));
  const rel = path.relative(process.cwd(), SNAPSHOT_PATH);
  if (process.argv.includes('--check')) {
    let current = null;
    try {
      current = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8'));
    } catch {
      /* missing or unreadable: out of date */
    }
    if (JSON.stringify(current) !== JSON.stringify(JSON.parse(text))) {
      console.error(`${rel} does not match migrations 1-${latest}. Run \`npm run schema:snapshot\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${rel} matches migrations 1-${latest}.`);
  } else {
    writeFileSync(SNAPSHOT_PATH, text);
    console.log(`Wrote ${rel}: the schema after migrations 1-${latest}.`);
  }
}
