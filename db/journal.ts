// Undo and redo that survive a reload.
//
// Each user action runs through `recordAction`: inside its transaction we take an
// image of every row it touches before and after, and store both in `journal`.
// Undo writes the before-images back, redo the after-images. Because images are
// whole rows (not inverse operations), one small mechanism covers every action,
// and an undo can never drift from what the action actually did.
//
// Not journalled on purpose: imports (undo = delete the article) and memo text
// (Monaco has its own undo and memos keep a version history).
import type { DB } from './store';
import { nowIso } from './util';

export type RowTable = 'articles' | 'themes' | 'highlights' | 'memos';
export type SetTable = 'highlight_themes' | 'article_attributes';
/** An article's text and what derives from it (FTS follows by trigger); imaged only by "Replace article text". */
export type BodyRef = 'article_body';
export interface RowRef {
  t: RowTable | SetTable | BodyRef;
  id: number;
}
type Row = Record<string, unknown>;
interface Image {
  ref: RowRef;
  before: Row | Row[] | null;
  after: Row | Row[] | null;
}

// Columns captured per table. Article bodies stay out of these images: only
// replacing the text changes them, and it images them apart ('article_body'), so
// every other action stays small. Memo bodies are versioned elsewhere.
const COLUMNS: Record<RowTable, string[]> = {
  articles: ['id', 'title', 'source', 'author', 'url', 'published_at', 'language', 'deleted_at'],
  themes: ['id', 'uid', 'parent_id', 'name', 'color', 'description', 'position', 'created_at', 'updated_at', 'deleted_at'],
  highlights: ['id', 'uid', 'article_id', 'start', 'end', 'quote', 'prefix', 'suffix', 'comment', 'orphaned', 'created_at', 'updated_at', 'deleted_at'],
  memos: ['id', 'uid', 'title', 'created_at', 'updated_at', 'deleted_at'],
};
const INSERT_ORDER: RowTable[] = ['articles', 'themes', 'memos', 'highlights'];
const JOURNAL_LIMIT = 1000;

const q = (c: string) => `"${c}"`; // identifiers come from COLUMNS only, never from input

function snapshot(db: DB, ref: RowRef): Row | Row[] | null {
  switch (ref.t) {
    case 'highlight_themes':
      return db.prepare('SELECT theme_id FROM highlight_themes WHERE highlight_id = ? ORDER BY theme_id').all(ref.id) as Row[];
    case 'article_body':
      return (db.prepare('SELECT body, body_sha256, word_count, char_count FROM articles WHERE id = ?').get(ref.id) as Row | undefined) ?? null;
    case 'article_attributes':
      return db.prepare('SELECT key, value FROM article_attributes WHERE article_id = ? ORDER BY key').all(ref.id) as Row[];
    default: {
      const cols = COLUMNS[ref.t].map(q).join(', ');
      return (db.prepare(`SELECT ${cols} FROM ${ref.t} WHERE id = ?`).get(ref.id) as Row | undefined) ?? null;
    }
  }
}

export interface ActionContext {
  /** Add a row the action created (or will touch) so it is imaged too. */
  track(ref: RowRef): void;
}

/**
 * Run `fn` as one undoable user action, in one transaction. `refs` are rows the
 * action will change; rows it creates are added with `ctx.track` after creation
 * (their before-image is "absent").
 */
export function recordAction<T>(db: DB, label: string, refs: RowRef[], fn: (ctx: ActionContext) => T): T {
  return db.transaction(() => {
    const images = new Map<string, Image>();
    const add = (ref: RowRef, before: Image['before']) => {
      const key = `${ref.t}:${ref.id}`;
      if (!images.has(key)) images.set(key, { ref, before, after: null });
    };
    for (const ref of refs) add(ref, snapshot(db, ref));
    const result = fn({
      track(ref) {
        add(ref, ref.t === 'highlight_themes' || ref.t === 'article_attributes' ? [] : null);
      },
    });
    const changed: Image[] = [];
    for (const img of images.values()) {
      img.after = snapshot(db, img.ref);
      if (JSON.stringify(img.before) !== JSON.stringify(img.after)) changed.push(img);
    }
    if (changed.length > 0) {
      // A new action ends the redo branch, as in every editor.
      db.prepare('DELETE FROM journal WHERE undone = 1').run();
      db.prepare('INSERT INTO journal (label, changes, created_at) VALUES (?, ?, ?)').run(label, JSON.stringify(changed), nowIso());
      db.prepare('DELETE FROM journal WHERE id <= (SELECT max(id) FROM journal) - ?').run(JOURNAL_LIMIT);
    }
    return result;
  })();
}

export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
}

export function historyState(db: DB): HistoryState {
  const u = db.prepare('SELECT label FROM journal WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as { label: string } | undefined;
  const r = db.prepare('SELECT label FROM journal WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as { label: string } | undefined;
  return { undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

/** Undo the latest action. Returns its label and the tables it touched, or null when there is nothing to undo. */
export function undo(db: DB): { label: string; tables: string[] } | null {
  return db.transaction(() => {
    const e = db.prepare('SELECT id, label, changes FROM journal WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as
      | { id: number; label: string; changes: string }
      | undefined;
    if (!e) return null;
    const images = JSON.parse(e.changes) as Image[];
    apply(db, images, 'before');
    db.prepare('UPDATE journal SET undone = 1 WHERE id = ?').run(e.id);
    return { label: e.label, tables: [...new Set(images.map((i) => i.ref.t))] };
  })();
}

export function redo(db: DB): { label: string; tables: string[] } | null {
  return db.transaction(() => {
    const e = db.prepare('SELECT id, label, changes FROM journal WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as
      | { id: number; label: string; changes: string }
      | undefined;
    if (!e) return null;
    const images = JSON.parse(e.changes) as Image[];
    apply(db, images, 'after');
    db.prepare('UPDATE journal SET undone = 0 WHERE id = ?').run(e.id);
    return { label: e.label, tables: [...new Set(images.map((i) => i.ref.t))] };
  })();
}

function apply(db: DB, images: Image[], side: 'before' | 'after'): void {
  const rows = images.filter((i) => i.ref.t in COLUMNS);
  const bodies = images.filter((i) => i.ref.t === 'article_body');
  const sets = images.filter((i) => !(i.ref.t in COLUMNS) && i.ref.t !== 'article_body');
  const rank = (t: string) => INSERT_ORDER.indexOf(t as RowTable);
  // 1. Rows that must exist: parents first.
  const upserts = rows.filter((i) => i[side] !== null).sort((a, b) => rank(a.ref.t) - rank(b.ref.t) || a.ref.id - b.ref.id);
  for (const img of upserts) upsert(db, img.ref.t as RowTable, img[side] as Row);
  // Article text: the row itself exists (articles are never created or removed here).
  const setBody = db.prepare('UPDATE articles SET body = @body, body_sha256 = @body_sha256, word_count = @word_count, char_count = @char_count WHERE id = @id');
  for (const img of bodies) if (img[side]) setBody.run({ ...(img[side] as Row), id: img.ref.id });
  // 2. Membership sets (themes of a highlight, attributes of an article).
  for (const img of sets) replaceSet(db, img.ref, (img[side] as Row[] | null) ?? []);
  // 3. Rows that must not exist: children first.
  const removals = rows.filter((i) => i[side] === null).sort((a, b) => rank(b.ref.t) - rank(a.ref.t) || b.ref.id - a.ref.id);
  for (const img of removals) remove(db, img.ref);
}

function upsert(db: DB, table: RowTable, row: Row): void {
  const cols = COLUMNS[table].filter((c) => c in row);
  if (table === 'articles' || table === 'memos') {
    // Articles are never created by journalled actions, and memo bodies are not
    // journalled: the row exists (perhaps in the Trash), so update in place.
    const sets = cols.filter((c) => c !== 'id').map((c) => `${q(c)} = @${c}`).join(', ');
    db.prepare(`UPDATE ${table} SET ${sets} WHERE id = @id`).run(row);
    return;
  }
  const names = cols.map(q).join(', ');
  const values = cols.map((c) => `@${c}`).join(', ');
  const updates = cols.filter((c) => c !== 'id').map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
  db.prepare(`INSERT INTO ${table} (${names}) VALUES (${values}) ON CONFLICT(id) DO UPDATE SET ${updates}`).run(row);
}

function replaceSet(db: DB, ref: RowRef, rows: Row[]): void {
  if (ref.t === 'highlight_themes') {
    db.prepare('DELETE FROM highlight_themes WHERE highlight_id = ?').run(ref.id);
    const ins = db.prepare('INSERT INTO highlight_themes (highlight_id, theme_id) VALUES (?, ?)');
    for (const r of rows) ins.run(ref.id, r.theme_id);
  } else {
    db.prepare('DELETE FROM article_attributes WHERE article_id = ?').run(ref.id);
    const ins = db.prepare('INSERT INTO article_attributes (article_id, key, value) VALUES (?, ?, ?)');
    for (const r of rows) ins.run(ref.id, r.key, r.value);
  }
}

function remove(db: DB, ref: RowRef): void {
  if (ref.t === 'memos') {
    // Undoing "new memo" must not destroy text typed since: send it to the Trash.
    db.prepare('UPDATE memos SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(nowIso(), ref.id);
    return;
  }
  if (ref.t === 'articles') return; // never created by journalled actions
  if (ref.t === 'themes') db.prepare('DELETE FROM highlight_themes WHERE theme_id = ?').run(ref.id);
  db.prepare(`DELETE FROM ${ref.t} WHERE id = ?`).run(ref.id);
}
