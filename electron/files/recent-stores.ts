// The recent stores list: a small JSON file next to the default store (in the
// app's userData folder), newest first. Written atomically; a missing or
// unreadable file is an empty list, never an error.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../db/atomic-write';

export const RECENT_LIMIT = 10;

export interface RecentStore {
  path: string;
  openedAt: string;
}

export function readRecentStores(file: string): RecentStore[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter((x): x is RecentStore => !!x && typeof x.path === 'string' && typeof x.openedAt === 'string');
  } catch {
    return [];
  }
}

/** Puts `paths` (most recent first) at the top of the list. */
export async function rememberStores(file: string, paths: string[], now = new Date()): Promise<RecentStore[]> {
  const at = now.toISOString();
  const fresh = paths.map((p) => ({ path: resolve(p), openedAt: at }));
  const keep = readRecentStores(file).filter((r) => !fresh.some((f) => f.path === r.path));
  const list = [...fresh, ...keep].slice(0, RECENT_LIMIT);
  mkdirSync(dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(list, null, 2) + '\n', 'Saving the recent stores list');
  return list;
}

/** The list as shown: the open store first, then the others, each marked if its file is gone. */
export function recentStoresView(file: string, current: string): { path: string; openedAt: string | null; exists: boolean; current: boolean }[] {
  const list = readRecentStores(file).filter((r) => r.path !== current);
  return [
    { path: current, openedAt: null, exists: true, current: true },
    ...list.map((r) => ({ path: r.path, openedAt: r.openedAt, exists: existsSync(r.path), current: false })),
  ];
}
