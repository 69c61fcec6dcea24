// The codebook's moves (reparent, reorder among siblings) and its commands (palette,
// menus, shortcuts), as a list of command objects.
import type { Theme, ThemeWithCounts } from '../../electron/api/contract';
import { call } from '../api';
import { useCommands, type Command } from '../commands/registry';
import { navigate } from '../lib/router';
import { toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';
import { deleteThemeWithConfirm } from './actions';

type Ordered = { theme: ThemeWithCounts; depth: number }[];

export function codebookMoves(ordered: Ordered) {
  const move = async (id: number, parentId: number | null, position?: number) => {
    try {
      await call('themes.update', { id, parentId, ...(position !== undefined ? { position } : {}) });
      invalidateScopes(['themes']);
    } catch (err) {
      toastError(err);
    }
  };

  const siblingsOf = (t: Theme) => ordered.filter((x) => x.theme.parentId === t.parentId).map((x) => x.theme);
  const reorder = (t: Theme, dir: -1 | 1) => {
    const sib = siblingsOf(t);
    const i = sib.findIndex((x) => x.id === t.id);
    const j = i + dir;
    if (j < 0 || j >= sib.length) return;
    // Place it just beyond its neighbour.
    const beyond = sib[j + dir];
    const pos = beyond ? (sib[j].position + beyond.position) / 2 : sib[j].position + dir;
    void move(t.id, t.parentId, pos);
  };
  return { move, siblingsOf, reorder };
}

interface Deps {
  selected: ThemeWithCounts | null;
  byId: Map<number, ThemeWithCounts>;
  visible: Ordered;
  moves: ReturnType<typeof codebookMoves>;
  setCreating: (c: { parentId: number | null }) => void;
  setMerging: (t: Theme | null) => void;
}

/** Creating, deleting and merging themes. */
function editCommands({ selected, setCreating, setMerging }: Deps): Command[] {
  return [
    {
      id: 'themes.new',
      label: 'New theme…',
      group: 'Themes',
      shortcut: 'Mod+Shift+N',
      whileTyping: true,
      run: () => setCreating({ parentId: null }),
    },
    {
      id: 'themes.newChild',
      label: 'New sub-theme of the selected theme…',
      group: 'Themes',
      enabled: () => !!selected,
      run: () => setCreating({ parentId: selected!.id }),
    },
    {
      id: 'themes.delete',
      label: 'Delete the selected theme',
      group: 'Themes',
      shortcut: 'Delete',
      enabled: () => !!selected,
      run: () => void deleteThemeWithConfirm(selected!).then((ok) => ok && navigate('/themes')),
    },
    {
      id: 'themes.merge',
      label: 'Merge the selected theme into…',
      group: 'Themes',
      shortcut: 'Mod+M',
      enabled: () => !!selected,
      run: () => setMerging(selected),
    },
  ];
}

/** Moving the selected theme in the tree. */
function moveCommands({ selected, byId, moves }: Deps): Command[] {
  const { move, siblingsOf, reorder } = moves;
  return [
    {
      id: 'themes.up',
      label: 'Move theme up',
      group: 'Themes',
      shortcut: 'Alt+ArrowUp',
      enabled: () => !!selected,
      run: () => reorder(selected!, -1),
    },
    {
      id: 'themes.down',
      label: 'Move theme down',
      group: 'Themes',
      shortcut: 'Alt+ArrowDown',
      enabled: () => !!selected,
      run: () => reorder(selected!, 1),
    },
    {
      id: 'themes.indent',
      label: 'Nest theme under the one above',
      group: 'Themes',
      shortcut: 'Alt+ArrowRight',
      enabled: () => !!selected && siblingsOf(selected).findIndex((x) => x.id === selected.id) > 0,
      run: () => {
        const sib = siblingsOf(selected!);
        const above = sib[sib.findIndex((x) => x.id === selected!.id) - 1];
        void move(selected!.id, above.id);
      },
    },
    {
      id: 'themes.outdent',
      label: 'Move theme out one level',
      group: 'Themes',
      shortcut: 'Alt+ArrowLeft',
      enabled: () => !!selected && selected.parentId !== null,
      run: () => void move(selected!.id, byId.get(selected!.parentId!)?.parentId ?? null),
    },
  ];
}

/** Stepping through the visible themes. */
function stepCommands({ selected, visible }: Deps): Command[] {
  const indexInVisible = selected ? visible.findIndex((v) => v.theme.id === selected.id) : -1;
  return [
    {
      id: 'themes.nextTheme',
      label: 'Next theme',
      group: 'Themes',
      shortcut: 'ArrowDown',
      enabled: () => visible.length > 0,
      run: () => navigate(`/themes/${visible[Math.min(indexInVisible + 1, visible.length - 1)].theme.id}`),
    },
    {
      id: 'themes.prevTheme',
      label: 'Previous theme',
      group: 'Themes',
      shortcut: 'ArrowUp',
      enabled: () => visible.length > 0,
      run: () => navigate(`/themes/${visible[Math.max(indexInVisible - 1, 0)].theme.id}`),
    },
  ];
}

export function codebookCommands(deps: Deps): Command[] {
  return [...editCommands(deps), ...moveCommands(deps), ...stepCommands(deps)];
}

export function useCodebookCommands(deps: Deps): void {
  useCommands(codebookCommands(deps));
}
