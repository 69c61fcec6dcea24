// The codebook as a tree, built once from the flat Theme rows. Shared by the
// REFI writers and the CSV/Markdown codebook formats.
import type { Theme } from '../../db/types';

export interface ThemeNode {
  theme: Theme;
  path: string[]; // names from the root down to this theme
  children: ThemeNode[];
}

/**
 * Live themes as a forest, siblings in `position` order (then name, so the
 * output is stable). Soft-deleted themes and their descendants are left out:
 * the Trash is not part of an export. A parent that is missing (or a cycle)
 * makes the theme a root rather than losing it.
 */
export function buildThemeTree(themes: readonly Theme[]): ThemeNode[] {
  const live = themes.filter((t) => !t.deletedAt);
  const deleted = new Set(themes.filter((t) => t.deletedAt).map((t) => t.id));
  const byId = new Map(live.map((t) => [t.id, t]));
  const kids = new Map<number | null, Theme[]>();
  for (const t of live) {
    if (t.parentId !== null && deleted.has(t.parentId)) continue; // under a deleted theme
    const parent = t.parentId !== null && byId.has(t.parentId) && !inCycle(t, byId) ? t.parentId : null;
    const list = kids.get(parent) ?? [];
    list.push(t);
    kids.set(parent, list);
  }
  const build = (parentId: number | null, path: string[]): ThemeNode[] =>
    (kids.get(parentId) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((theme) => {
        const p = [...path, theme.name];
        return { theme, path: p, children: build(theme.id, p) };
      });
  return build(null, []);
}

function inCycle(start: Theme, byId: Map<number, Theme>): boolean {
  const seen = new Set<number>([start.id]);
  let cur = start.parentId;
  while (cur !== null) {
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Depth-first walk, parents before children. */
export function* walkThemeTree(nodes: readonly ThemeNode[]): Generator<ThemeNode> {
  for (const n of nodes) {
    yield n;
    yield* walkThemeTree(n.children);
  }
}
