// Helpers over the codebook as the renderer holds it.
import type { Theme } from '../../db/types';

export function themePath(t: Theme, byId: Map<number, Theme>): string[] {
  const path: string[] = [];
  let cur: Theme | undefined = t;
  const seen = new Set<number>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    path.unshift(cur.name);
    cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
  }
  return path;
}

const RECENT_KEY = 'quarry.recentThemes';

export function recentThemeIds(): number[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

export function rememberThemes(ids: number[]): void {
  const next = [...ids, ...recentThemeIds().filter((x) => !ids.includes(x))].slice(0, 20);
  localStorage.setItem(RECENT_KEY, JSON.stringify(next));
}

/** Depth-first order of the tree (parents before children, by position). */
export function treeOrder<T extends Theme>(themes: T[]): { theme: T; depth: number }[] {
  const children = new Map<number | null, T[]>();
  for (const t of themes) {
    const k = t.parentId !== null && themes.some((x) => x.id === t.parentId) ? t.parentId : null;
    children.set(k, [...(children.get(k) ?? []), t]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const out: { theme: T; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const t of children.get(parent) ?? []) {
      out.push({ theme: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
