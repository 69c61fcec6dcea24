// The Reader's commands (palette, menus, single-key shortcuts), as a list of command objects.
import { useCallback, useState, type RefObject } from 'react';
import type { Highlight } from '../../electron/api/contract';
import { useCommands, type Command } from '../commands/registry';
import { deleteWithUndo } from '../library/actions';
import { navigate } from '../lib/router';
import { citeInMemo } from '../memos/cite';
import { selectionOffsets } from './dom-offsets';
import type { useHighlightActions } from './useHighlightActions';

export type Picker =
  { mode: 'create'; start: number; end: number; x: number; y: number } | { mode: 'edit'; highlightId: number; x: number; y: number };

/** The theme picker's state; `openPickerForSelection` opens it under the text selected (false: nothing selected). */
export function usePicker(rootRef: RefObject<HTMLDivElement | null>) {
  const [picker, setPicker] = useState<Picker | null>(null);
  const openPickerForSelection = useCallback(() => {
    const root = rootRef.current;
    if (!root) return false;
    const offs = selectionOffsets(root);
    if (!offs) return false;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    setPicker({ mode: 'create', start: offs.start, end: offs.end, x: rect.left, y: rect.bottom + 6 });
    return true;
  }, []);
  return { picker, setPicker, openPickerForSelection };
}

interface Deps {
  articleId: number;
  articleTitle: string | undefined;
  rootRef: RefObject<HTMLDivElement | null>;
  selected: Highlight | null;
  live: Highlight[];
  picker: Picker | null;
  setPicker: (p: Picker | null) => void;
  setSelectedId: (id: number | null) => void;
  setTab: (tab: 'highlights' | 'details') => void;
  setReplacing: (on: boolean) => void;
  openPickerForSelection: () => boolean;
  actions: ReturnType<typeof useHighlightActions>;
}

/** Acting on the text selected in the article. */
function selectionCommands(d: Deps): Command[] {
  const { rootRef, openPickerForSelection } = d;
  const { createHighlight } = d.actions;
  const hasSelection = () => !!rootRef.current && selectionOffsets(rootRef.current) !== null;
  return [
    {
      id: 'reader.tag',
      label: 'Tag selection with themes…',
      group: 'Reader',
      shortcut: 'T',
      enabled: hasSelection,
      run: () => void openPickerForSelection(),
    },
    {
      id: 'reader.highlight',
      label: 'Highlight selection (no theme)',
      group: 'Reader',
      shortcut: 'H',
      enabled: hasSelection,
      run: () => {
        const o = selectionOffsets(rootRef.current!);
        if (o) void createHighlight(o.start, o.end, { themeIds: [], newNames: [] });
      },
    },
  ];
}

/** Stepping between highlights and editing the selected one. */
function highlightCommands(d: Deps): Command[] {
  const { rootRef, selected, live, picker, setPicker, setSelectedId } = d;
  const { deleteSelected, adjust, jump } = d.actions;
  return [
    { id: 'reader.next', label: 'Next highlight', group: 'Reader', shortcut: 'J', enabled: () => live.length > 0, run: () => jump(1) },
    { id: 'reader.prev', label: 'Previous highlight', group: 'Reader', shortcut: 'K', enabled: () => live.length > 0, run: () => jump(-1) },
    {
      id: 'reader.addTheme',
      label: 'Add themes to the selected highlight…',
      group: 'Reader',
      shortcut: 'A',
      enabled: () => !!selected && !selected.orphaned,
      run: () => {
        const el = rootRef.current?.querySelector(`[data-hl~="${selected!.id}"]`)?.getBoundingClientRect();
        setPicker({ mode: 'edit', highlightId: selected!.id, x: el?.left ?? 200, y: (el?.bottom ?? 200) + 6 });
      },
    },
    {
      id: 'reader.comment',
      label: 'Comment on the selected highlight',
      group: 'Reader',
      shortcut: 'C',
      enabled: () => !!selected,
      run: () => document.querySelector<HTMLTextAreaElement>('#highlight-comment')?.focus(),
    },
    {
      id: 'reader.deleteHighlight',
      label: 'Delete the selected highlight',
      group: 'Reader',
      shortcut: 'Delete',
      enabled: () => !!selected,
      run: () => void deleteSelected(),
    },
    {
      id: 'reader.startLeft',
      label: 'Highlight start: one word earlier',
      group: 'Reader',
      shortcut: 'Alt+Shift+ArrowLeft',
      enabled: () => !!selected,
      run: () => adjust('start', -1),
    },
    {
      id: 'reader.startRight',
      label: 'Highlight start: one word later',
      group: 'Reader',
      shortcut: 'Alt+Shift+ArrowRight',
      enabled: () => !!selected,
      run: () => adjust('start', 1),
    },
    {
      id: 'reader.endLeft',
      label: 'Highlight end: one word earlier',
      group: 'Reader',
      shortcut: 'Alt+ArrowLeft',
      enabled: () => !!selected,
      run: () => adjust('end', -1),
    },
    {
      id: 'reader.endRight',
      label: 'Highlight end: one word later',
      group: 'Reader',
      shortcut: 'Alt+ArrowRight',
      enabled: () => !!selected,
      run: () => adjust('end', 1),
    },
    {
      id: 'reader.deselect',
      label: 'Clear the highlight selection',
      group: 'Reader',
      shortcut: 'Escape',
      enabled: () => !!selected && !picker,
      run: () => setSelectedId(null),
    },
  ];
}

/** The article itself: details, its text, the Trash, citing it in a memo. */
function articleCommands(d: Deps): Command[] {
  const { articleId, rootRef, selected, setSelectedId, setTab, setReplacing } = d;
  const hasSelection = () => !!rootRef.current && selectionOffsets(rootRef.current) !== null;
  return [
    {
      id: 'reader.details',
      label: 'Edit article details',
      group: 'Reader',
      shortcut: 'Mod+I',
      whileTyping: true,
      run: () => setTab('details'),
    },
    {
      id: 'reader.replaceText',
      label: 'Replace the text of this article (keep highlights)…',
      group: 'Reader',
      run: () => setReplacing(true),
    },
    {
      id: 'reader.deleteArticle',
      label: 'Move this article to the Trash',
      group: 'Reader',
      run: () => void deleteWithUndo([articleId], d.articleTitle).then(() => navigate('/library')),
    },
    {
      id: 'reader.citeInMemo',
      label: 'Cite selection in memo',
      group: 'Reader',
      shortcut: 'M',
      enabled: () => hasSelection() || (!!selected && !selected.orphaned),
      run: async () => {
        const sel = rootRef.current ? selectionOffsets(rootRef.current) : null;
        const r = await citeInMemo({
          articleId,
          articleTitle: d.articleTitle ?? 'article',
          selection: sel,
          highlight: selected && !selected.orphaned ? selected : null,
        });
        if (r?.highlightId) {
          window.getSelection()?.removeAllRanges();
          setSelectedId(r.highlightId);
        }
      },
    },
  ];
}

export function readerCommands(d: Deps): Command[] {
  return [...selectionCommands(d), ...highlightCommands(d), ...articleCommands(d)];
}

export function useReaderCommands(deps: Deps): void {
  useCommands(readerCommands(deps));
}
