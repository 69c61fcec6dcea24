// Theme trees from any codebook or project file are held to the depth the
// themes API allows (db/themes MAX_THEME_DEPTH): what Quarry reads it must be
// able to store, edit and write back out.
import { MAX_THEME_DEPTH } from '../../db/themes';
import type { Theme } from '../../db/types';
import { ImportError } from '../import/types';

/** Refuses a theme forest (parentId links) deeper than MAX_THEME_DEPTH, naming the deepest theme's path. */
export function refuseDeepThemes(themes: readonly Theme[], fileName: string): void {
  const byId = new Map(themes.map((t) => [t.id, t]));
  const depth = new Map<number, number>();
  const depthOf = (start: Theme): number => {
    // Iterative, and bounded: parent links from a file may loop.
    const chain: Theme[] = [];
    let cur: Theme | undefined = start;
    while (cur && !depth.has(cur.id) && chain.length <= MAX_THEME_DEPTH + 1 && !chain.includes(cur)) {
      chain.push(cur);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    let d = cur && depth.has(cur.id) ? depth.get(cur.id)! : 0;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i].id, ++d);
    return depth.get(start.id)!;
  };
  for (const t of themes) {
    const d = depthOf(t);
    if (d <= MAX_THEME_DEPTH) continue;
    const path: string[] = [];
    for (let cur: Theme | undefined = t; cur && path.length < 3; cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) path.unshift(cur.name);
    throw new ImportError(
      fileName,
      'unsupported',
      `its theme tree is more than ${MAX_THEME_DEPTH} levels deep (at "… > ${path.join(' > ')}"); Quarry holds themes up to ${MAX_THEME_DEPTH} levels deep, so flatten the codebook and import it again`,
    );
  }
}
