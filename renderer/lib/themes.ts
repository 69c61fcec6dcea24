// The renderer's memory of recently used themes (the tree itself is core/codebook/tree).
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
