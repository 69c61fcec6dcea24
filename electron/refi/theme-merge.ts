// Writing incoming themes (from a project or a codebook) into the store,
// merged by name path: a theme whose path ("Parent > Child", names compared
// case-insensitively) already exists is reused and left unchanged; the others
// are created under their (existing or newly created) parent. The plan comes
// from the pure mergeCodebook; this module carries it out and keeps each
// incoming theme's GUID when the store does not already use it.
import { importLookups } from '../../db/project';
import type { DB } from '../../db/store';
import { insertThemeRaw, liveThemes } from '../../db/themes';
import type { Id, Theme } from '../../db/types';
import { mergeCodebook, type IncomingTheme } from './codebook';
import { DEFAULT_THEME_COLOR } from './colors';
import { buildThemeTree, walkThemeTree } from '../../core/codebook/tree';

export interface ThemeMerge {
  /** Incoming theme id -> store theme id (existing or created). */
  idMap: Map<Id, Id>;
  added: string[]; // paths created, parents before children
  existing: string[]; // incoming paths that were already there
}

const UNNAMED = '(unnamed)';
const COLOR = /^#[0-9a-fA-F]{6}$/;
const key = (path: readonly string[]) => path.map((p) => p.trim().toLowerCase()).join('\u0000');
const cleanPath = (path: readonly string[]) => path.map((p) => p.trim() || UNNAMED);

/** Call inside the caller's transaction. */
export function mergeThemesIntoStore(db: DB, incoming: readonly Theme[]): ThemeMerge {
  const existing = liveThemes(db);
  const idByKey = new Map<string, Id>();
  for (const n of walkThemeTree(buildThemeTree(existing))) idByKey.set(key(n.path), n.theme.id);

  const nodes = [...walkThemeTree(buildThemeTree(incoming))].map((n) => ({ theme: n.theme, path: cleanPath(n.path) }));
  const items: IncomingTheme[] = nodes.map((n) => ({ path: n.path, color: n.theme.color || null, description: n.theme.description }));
  const uidByKey = new Map(nodes.map((n) => [key(n.path), n.theme.uid]));
  const plan = mergeCodebook(existing, items);

  const { themeUidTaken } = importLookups(db);
  for (const c of plan.toCreate) {
    const parentId = c.parentId ?? (c.parentPath.length ? idByKey.get(key(c.parentPath)) ?? null : null);
    const uid = uidByKey.get(key(c.path));
    const id = insertThemeRaw(db, {
      name: c.name,
      parentId,
      color: COLOR.test(c.color) ? c.color : DEFAULT_THEME_COLOR,
      description: c.description,
      uid: uid && !themeUidTaken(uid) ? uid : undefined,
    });
    idByKey.set(key(c.path), id);
  }
  const idMap = new Map<Id, Id>();
  for (const n of nodes) {
    const id = idByKey.get(key(n.path));
    if (id !== undefined) idMap.set(n.theme.id, id);
  }
  return { idMap, added: plan.added, existing: plan.existing };
}

/** Codebook rows (paths) as a theme forest with local ids, for mergeThemesIntoStore. */
export function themesFromPaths(items: readonly IncomingTheme[]): Theme[] {
  const themes: Theme[] = [];
  const byKey = new Map<string, Theme>();
  for (const item of items) {
    const path = item.path.map((p) => p.trim()).filter(Boolean);
    for (let depth = 1; depth <= path.length; depth++) {
      const sub = path.slice(0, depth);
      const leaf = depth === path.length;
      let t = byKey.get(key(sub));
      if (!t) {
        t = {
          id: themes.length + 1,
          uid: '',
          parentId: depth > 1 ? byKey.get(key(path.slice(0, depth - 1)))!.id : null,
          name: sub[depth - 1],
          color: '',
          description: '',
          position: themes.length,
          deletedAt: null,
        };
        themes.push(t);
        byKey.set(key(sub), t);
      }
      if (leaf) {
        if (item.color) t.color = item.color;
        if (item.description) t.description = item.description;
      }
    }
  }
  return themes;
}
