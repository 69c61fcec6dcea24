// REFI codes -> Quarry themes. Every code becomes a theme, folders
// (isCodable="false") included: Quarry themes are all codable, and the tree
// must survive even if a tool marked parents as folders (NOTES.md §10.12).
import type { Theme } from '../../db/types';
import { DEFAULT_THEME_COLOR, parseColor } from './colors';
import type { RefiCode } from './qde-model';

export interface ImportedThemes {
  themes: Theme[];
  idByGuid: Map<string, number>;
}

/** Names must be unique among siblings in the store; later twins get " (2)", " (3)"... */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function importThemes(codes: readonly RefiCode[], warn: (m: string) => void, firstId = 1): ImportedThemes {
  const themes: Theme[] = [];
  const idByGuid = new Map<string, number>();
  let nextId = firstId;
  const visit = (list: readonly RefiCode[], parentId: number | null, parentPath: string) => {
    const taken = new Set<string>();
    list.forEach((code, position) => {
      const name = uniqueName(code.name, taken);
      const path = parentPath ? `${parentPath} > ${name}` : name;
      if (name !== code.name) warn(`Theme "${path}" was renamed: another theme beside it has the same name.`);
      let color = DEFAULT_THEME_COLOR;
      if (code.color !== null) {
        const parsed = parseColor(code.color);
        if (parsed.ok) {
          color = parsed.color;
          if (parsed.note) warn(`Theme "${path}": colour "${code.color}" read as ${color} (${parsed.note}).`);
        } else {
          warn(`Theme "${path}" has an unreadable colour "${code.color}"; used the default ${DEFAULT_THEME_COLOR}.`);
        }
      }
      const id = nextId++;
      idByGuid.set(code.guid, id);
      themes.push({ id, uid: code.guid, parentId, name, color, description: code.description, position, deletedAt: null });
      visit(code.children, id, path);
    });
  };
  visit(codes, null, '');
  return { themes, idByGuid };
}
