// The codebook as a tree, built from the flat theme rows: the one rule for
// parents, paths and sibling order that the exports (REFI, CSV, Markdown, the
// excerpt files) and the renderer (Themes view, pickers, export dialog) share.
//
// The rows come from the store, which refuses cycles, but imported projects and
// older stores are not trusted to be well formed, so:
// - a theme whose parent is not in the list is a root (nothing is lost);
// - a theme whose chain of parents loops (every theme on the loop, and any theme
//   below it) is a root, so a path is always finite and every theme appears once;
// - a soft-deleted theme and everything under it are left out of the tree (the
//   Trash is not part of an export or of the codebook view).

/** The fields of a theme the tree needs (db/types' Theme has them all). */
export interface TreeTheme {
  id: number;
  parentId: number | null;
  name: string;
  position: number;
  deletedAt?: string | null;
}

export interface ThemeNode<T extends TreeTheme = TreeTheme> {
  theme: T;
  path: string[]; // names from the root down to this theme
  children: ThemeNode<T>[];
}

/** Siblings by `position`, then by name, so the output is stable. */
function bySiblingOrder(a: TreeTheme, b: TreeTheme): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

/** True when walking up from `start` comes back to a theme already seen. */
function parentChainLoops(start: TreeTheme, byId: ReadonlyMap<number, TreeTheme>): boolean {
  const seen = new Set<number>([start.id]);
  let cur = start.parentId;
  while (cur !== null) {
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** The parent a theme hangs under in the tree: null for roots (missing parent, or a looping chain). */
export function effectiveParentId(t: TreeTheme, byId: ReadonlyMap<number, TreeTheme>): number | null {
  return t.parentId !== null && byId.has(t.parentId) && !parentChainLoops(t, byId) ? t.parentId : null;
}

/**
 * Live themes as a forest, siblings in `position` order (then name). Soft-deleted
 * themes and their descendants are left out.
 */
export function buildThemeTree<T extends TreeTheme>(themes: readonly T[]): ThemeNode<T>[] {
  const live = themes.filter((t) => !t.deletedAt);
  const deleted = new Set(themes.filter((t) => t.deletedAt).map((t) => t.id));
  const byId = new Map<number, T>(live.map((t) => [t.id, t]));
  const kids = new Map<number | null, T[]>();
  for (const t of live) {
    if (t.parentId !== null && deleted.has(t.parentId)) continue; // under a deleted theme
    const parent = effectiveParentId(t, byId);
    const list = kids.get(parent) ?? [];
    list.push(t);
    kids.set(parent, list);
  }
  const build = (parentId: number | null, path: string[]): ThemeNode<T>[] =>
    (kids.get(parentId) ?? []).sort(bySiblingOrder).map((theme) => {
      const p = [...path, theme.name];
      return { theme, path: p, children: build(theme.id, p) };
    });
  return build(null, []);
}

/** Depth-first walk, parents before children. */
export function* walkThemeTree<T extends TreeTheme>(nodes: readonly ThemeNode<T>[]): Generator<ThemeNode<T>> {
  for (const n of nodes) {
    yield n;
    yield* walkThemeTree(n.children);
  }
}

/** The tree flattened depth-first (parents before children, siblings in order), with each theme's depth. */
export function treeOrder<T extends TreeTheme>(themes: readonly T[]): { theme: T; depth: number }[] {
  return [...walkThemeTree(buildThemeTree(themes))].map((n) => ({ theme: n.theme, depth: n.path.length - 1 }));
}

/**
 * Names from the root down to `t`, by the same parent rule as the tree (a theme
 * on or under a looping chain is a root). Deleted ancestors still count: a passage
 * tagged with a theme whose parent is in the Trash shows where it came from.
 */
export function themePath<T extends TreeTheme>(t: T, byId: ReadonlyMap<number, TreeTheme>): string[] {
  const path = [t.name];
  for (let p = effectiveParentId(t, byId); p !== null; ) {
    const parent = byId.get(p)!;
    path.unshift(parent.name);
    p = effectiveParentId(parent, byId);
  }
  return path;
}
