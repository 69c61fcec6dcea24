// Themes: the codebook tree.
import { StoreError } from './errors';
import { recordAction, type RowRef } from './journal';
import { toTheme } from './rows';
import type { DB } from './store';
import type { Id, Theme, ThemeWithCounts } from './types';
import { newUid, nowIso } from './util';

// Okabe-Ito based palette: distinguishable with the common colour-vision
// deficiencies, and light enough to sit behind text as a highlight.
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#8C8C8C', '#7FC97F', '#BEAED4', '#FDC086', '#A6CEE3'];

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

/**
 * Deepest a theme may sit (a top-level theme is at depth 1). Real codebooks
 * stay under ten levels; the limit exists so that every tree Quarry holds can
 * be written to REFI-QDA and read back: the XML reader (electron/interchange/
 * xml-read.ts) allows this many nested <Code> elements plus the project's
 * wrapper elements, and every codebook and project import refuses deeper trees.
 */
export const MAX_THEME_DEPTH = 64;

/** Levels from the top to `id` (1 for a top-level theme); trashed themes count, as they can be restored in place. */
function depthOf(db: DB, id: Id): number {
  return (db.prepare('WITH RECURSIVE up(id, d) AS (SELECT ?, 1 UNION ALL SELECT t.parent_id, up.d + 1 FROM themes t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL AND up.d <= ?) SELECT max(d) AS d FROM up').get(id, MAX_THEME_DEPTH + 1) as { d: number }).d;
}

/** Levels of the subtree under `id`, itself included (1 for a theme without sub-themes). */
function heightOf(db: DB, id: Id): number {
  return (db.prepare('WITH RECURSIVE down(id, d) AS (SELECT ?, 1 UNION ALL SELECT t.id, down.d + 1 FROM themes t JOIN down ON t.parent_id = down.id WHERE down.d <= ?) SELECT max(d) AS d FROM down').get(id, MAX_THEME_DEPTH + 1) as { d: number }).d;
}

/** Refuses to place a subtree of `height` levels under `parentId` when it would reach past MAX_THEME_DEPTH. */
function checkDepth(db: DB, parentId: Id | null, height: number): void {
  const depth = (parentId === null ? 0 : depthOf(db, parentId)) + height;
  if (depth > MAX_THEME_DEPTH) {
    throw new StoreError('invalid', `Themes can be nested at most ${MAX_THEME_DEPTH} levels deep; this would make ${depth}. Place it higher in the tree.`);
  }
}

export function getTheme(db: DB, id: Id): Theme {
  const r = db.prepare('SELECT * FROM themes WHERE id = ?').get(id);
  if (!r) throw new StoreError('not-found', `No theme with id ${id}.`);
  return toTheme(r);
}

/** The live codebook, unordered and without counts (the exporters and the merge build the tree). */
export function liveThemes(db: DB): Theme[] {
  return db.prepare('SELECT * FROM themes WHERE deleted_at IS NULL').all().map(toTheme);
}

/** The live theme with this name (case-insensitive) under `parentId` (null: top level). */
export function liveThemeByName(db: DB, parentId: Id | null, name: string): Id | undefined {
  const r = db.prepare('SELECT id FROM themes WHERE ifnull(parent_id, 0) = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL').get(parentId ?? 0, name) as { id: number } | undefined;
  return r?.id;
}

export function listThemes(db: DB, o: { trash?: boolean } = {}): ThemeWithCounts[] {
  const rows = db
    .prepare(
      `SELECT t.*,
         (SELECT count(*) FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id JOIN articles a ON a.id = h.article_id
           WHERE ht.theme_id = t.id AND h.deleted_at IS NULL AND a.deleted_at IS NULL) AS hl,
         (SELECT count(DISTINCT h.article_id) FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id JOIN articles a ON a.id = h.article_id
           WHERE ht.theme_id = t.id AND h.deleted_at IS NULL AND a.deleted_at IS NULL) AS art
       FROM themes t WHERE ${o.trash ? 't.deleted_at IS NOT NULL' : 't.deleted_at IS NULL'}
       ORDER BY t.parent_id NULLS FIRST, t.position, t.name COLLATE NOCASE`,
    )
    .all() as (Record<string, unknown> & { hl: number; art: number })[];
  const themes = rows.map((r) => ({ ...toTheme(r), highlightCount: r.hl, articleCount: r.art, totalHighlightCount: 0, totalArticleCount: 0 }));
  if (o.trash) return themes.map((t) => ({ ...t, totalHighlightCount: t.highlightCount, totalArticleCount: t.articleCount }));
  // Totals including sub-themes count each highlight/article once, so they are
  // computed from the membership rows rather than summed.
  const members = db
    .prepare(
      `SELECT ht.theme_id, h.id AS hid, h.article_id FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
       JOIN articles a ON a.id = h.article_id WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL`,
    )
    .all() as { theme_id: number; hid: number; article_id: number }[];
  const byId = new Map(themes.map((t) => [t.id, t]));
  const hl = new Map<number, Set<number>>();
  const art = new Map<number, Set<number>>();
  for (const m of members) {
    // Walk up the tree: a passage tagged with a sub-theme counts for every ancestor.
    let cur = byId.get(m.theme_id);
    const seen = new Set<number>();
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      if (!hl.has(cur.id)) { hl.set(cur.id, new Set()); art.set(cur.id, new Set()); }
      hl.get(cur.id)!.add(m.hid);
      art.get(cur.id)!.add(m.article_id);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
  }
  for (const t of themes) {
    t.totalHighlightCount = hl.get(t.id)?.size ?? 0;
    t.totalArticleCount = art.get(t.id)?.size ?? 0;
  }
  return themes;
}

function checkParent(db: DB, parentId: Id | null, selfId?: Id): void {
  if (parentId === null) return;
  const p = getTheme(db, parentId);
  if (p.deletedAt) throw new StoreError('invalid', `Theme "${p.name}" is in the Trash.`);
  // A theme cannot become its own descendant.
  let cur: Theme | null = p;
  while (cur) {
    if (cur.id === selfId) throw new StoreError('invalid', 'A theme cannot be moved inside itself or one of its sub-themes.');
    cur = cur.parentId === null ? null : getTheme(db, cur.parentId);
  }
  checkDepth(db, parentId, selfId === undefined ? 1 : heightOf(db, selfId));
}

function checkName(db: DB, name: string, parentId: Id | null, selfId?: Id): string {
  const n = name.trim();
  if (!n) throw new StoreError('invalid', 'A theme needs a name.');
  const clash = db
    .prepare('SELECT id FROM themes WHERE ifnull(parent_id, 0) = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?')
    .get(parentId ?? 0, n, selfId ?? null);
  if (clash) throw new StoreError('conflict', `There is already a theme called "${n}" here.`);
  return n;
}

function checkColor(color: string): string {
  if (!COLOR_RE.test(color)) throw new StoreError('invalid', `"${color}" is not a colour; use #RRGGBB.`);
  return color.toUpperCase();
}

export interface NewTheme {
  name: string;
  parentId?: Id | null;
  color?: string;
  description?: string;
  uid?: string;
}

/** Insert without journalling (imports); call inside a transaction. */
export function insertThemeRaw(db: DB, t: NewTheme): Id {
  const parentId = t.parentId ?? null;
  const name = checkName(db, t.name, parentId);
  const count = (db.prepare('SELECT count(*) AS n FROM themes').get() as { n: number }).n;
  const color = checkColor(t.color ?? PALETTE[count % PALETTE.length]);
  const pos = (db.prepare('SELECT ifnull(max(position), -1) + 1 AS p FROM themes WHERE ifnull(parent_id, 0) = ?').get(parentId ?? 0) as { p: number }).p;
  const now = nowIso();
  const info = db
    .prepare('INSERT INTO themes (uid, parent_id, name, color, description, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(t.uid ?? newUid(), parentId, name, color, t.description ?? '', pos, now, now);
  return Number(info.lastInsertRowid);
}

export function createTheme(db: DB, t: NewTheme): Theme {
  checkParent(db, t.parentId ?? null);
  const id = recordAction(db, `New theme "${t.name.trim()}"`, [], (ctx) => {
    const id = insertThemeRaw(db, t);
    ctx.track({ t: 'themes', id });
    return id;
  });
  return getTheme(db, id);
}

export interface ThemePatch {
  name?: string;
  color?: string;
  description?: string;
  parentId?: Id | null;
  position?: number;
}

export function updateTheme(db: DB, id: Id, p: ThemePatch): Theme {
  const cur = getTheme(db, id);
  if (cur.deletedAt) throw new StoreError('invalid', `Theme "${cur.name}" is in the Trash; restore it first.`);
  const parentId = p.parentId === undefined ? cur.parentId : p.parentId;
  if (p.parentId !== undefined) checkParent(db, parentId, id);
  const name = p.name !== undefined || parentId !== cur.parentId ? checkName(db, p.name ?? cur.name, parentId, id) : cur.name;
  const label = p.parentId !== undefined || p.position !== undefined ? `Move theme "${cur.name}"` : p.name ? `Rename theme "${cur.name}"` : `Edit theme "${cur.name}"`;
  recordAction(db, label, [{ t: 'themes', id }], () => {
    db.prepare('UPDATE themes SET name = ?, color = ?, description = ?, parent_id = ?, position = ?, updated_at = ? WHERE id = ?').run(
      name,
      p.color !== undefined ? checkColor(p.color) : cur.color,
      p.description ?? cur.description,
      parentId,
      p.position ?? (parentId !== cur.parentId ? nextPosition(db, parentId) : cur.position),
      nowIso(),
      id,
    );
  });
  return getTheme(db, id);
}

function nextPosition(db: DB, parentId: Id | null): number {
  return (db.prepare('SELECT ifnull(max(position), -1) + 1 AS p FROM themes WHERE ifnull(parent_id, 0) = ? AND deleted_at IS NULL').get(parentId ?? 0) as { p: number }).p;
}

function descendants(db: DB, id: Id): Id[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE d(id) AS (SELECT id FROM themes WHERE parent_id = ? AND deleted_at IS NULL
           UNION SELECT t.id FROM themes t JOIN d ON t.parent_id = d.id WHERE t.deleted_at IS NULL) SELECT id FROM d`,
      )
      .all(id) as { id: number }[]
  ).map((r) => r.id);
}

/** How many live highlights a theme (and its sub-themes) touches: asked before deleting. */
export function themeUsage(db: DB, id: Id): { highlights: number; subThemes: number } {
  const ids = [id, ...descendants(db, id)];
  const n = db
    .prepare(
      `SELECT count(DISTINCT ht.highlight_id) AS n FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
       WHERE h.deleted_at IS NULL AND ht.theme_id IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(ids)) as { n: number };
  return { highlights: n.n, subThemes: ids.length - 1 };
}

/** Move a theme and its sub-themes to the Trash. Highlights keep their other themes. */
export function deleteTheme(db: DB, id: Id): number {
  const cur = getTheme(db, id);
  const ids = [id, ...descendants(db, id)];
  return recordAction(
    db,
    `Delete theme "${cur.name}"`,
    ids.map((i) => ({ t: 'themes', id: i })),
    () => {
      const now = nowIso();
      const stmt = db.prepare('UPDATE themes SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
      let n = 0;
      for (const i of ids) n += stmt.run(now, i).changes;
      return n;
    },
  );
}

export function restoreTheme(db: DB, id: Id): Theme {
  const cur = getTheme(db, id);
  if (!cur.deletedAt) return cur;
  // Restore the sub-themes trashed together with it (same deletion time).
  const ids = (
    db
      .prepare(
        `WITH RECURSIVE d(id) AS (SELECT ? UNION SELECT t.id FROM themes t JOIN d ON t.parent_id = d.id WHERE t.deleted_at = ?) SELECT id FROM d`,
      )
      .all(id, cur.deletedAt) as { id: number }[]
  ).map((r) => r.id);
  let parentId = cur.parentId;
  if (parentId !== null && getTheme(db, parentId).deletedAt) parentId = null; // parent still in the Trash: restore at top level
  checkName(db, cur.name, parentId, id);
  recordAction(
    db,
    `Restore theme "${cur.name}"`,
    ids.map((i) => ({ t: 'themes', id: i })),
    () => {
      db.prepare('UPDATE themes SET parent_id = ? WHERE id = ?').run(parentId, id);
      const stmt = db.prepare('UPDATE themes SET deleted_at = NULL WHERE id = ?');
      for (const i of ids) stmt.run(i);
    },
  );
  return getTheme(db, id);
}

/**
 * Merge theme `fromId` into `intoId`: every passage tagged with A gets B (no
 * duplicates), A's sub-themes move under B, A goes to the Trash. One undoable action.
 */
export function mergeThemes(db: DB, fromId: Id, intoId: Id): { moved: number; alreadyTagged: number } {
  if (fromId === intoId) throw new StoreError('invalid', 'Cannot merge a theme into itself.');
  const from = getTheme(db, fromId);
  const into = getTheme(db, intoId);
  if (from.deletedAt || into.deletedAt) throw new StoreError('invalid', 'Both themes must be live (not in the Trash) to merge.');
  if (descendants(db, fromId).includes(intoId)) throw new StoreError('invalid', `"${into.name}" is inside "${from.name}"; move it out before merging.`);
  const hids = (db.prepare('SELECT highlight_id FROM highlight_themes WHERE theme_id = ?').all(fromId) as { highlight_id: number }[]).map((r) => r.highlight_id);
  const children = (db.prepare('SELECT id FROM themes WHERE parent_id = ? AND deleted_at IS NULL').all(fromId) as { id: number }[]).map((r) => r.id);
  const refs: RowRef[] = [
    { t: 'themes', id: fromId },
    ...children.map((id) => ({ t: 'themes' as const, id })),
    ...hids.map((id) => ({ t: 'highlight_themes' as const, id })),
  ];
  return recordAction(db, `Merge "${from.name}" into "${into.name}"`, refs, () => {
    let moved = 0;
    let already = 0;
    for (const hid of hids) {
      const r = db.prepare('INSERT OR IGNORE INTO highlight_themes (highlight_id, theme_id) VALUES (?, ?)').run(hid, intoId);
      if (r.changes) moved++;
      else already++;
      db.prepare('DELETE FROM highlight_themes WHERE highlight_id = ? AND theme_id = ?').run(hid, fromId);
    }
    for (const c of children) {
      const child = getTheme(db, c);
      checkName(db, child.name, intoId, c);
      checkDepth(db, intoId, heightOf(db, c));
      db.prepare('UPDATE themes SET parent_id = ?, position = ? WHERE id = ?').run(intoId, nextPosition(db, intoId), c);
    }
    db.prepare('UPDATE themes SET deleted_at = ? WHERE id = ?').run(nowIso(), fromId);
    return { moved, alreadyTagged: already };
  });
}
