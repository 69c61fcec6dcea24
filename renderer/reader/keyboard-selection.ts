// Keyboard selection in the article text (Selection.modify, where the browser has it).
import type { KeyboardEvent } from 'react';

const ARROWS: Record<string, 'forward' | 'backward'> = {
  ArrowRight: 'forward',
  ArrowLeft: 'backward',
  ArrowDown: 'forward',
  ArrowUp: 'backward',
};

/** Keyboard selection: Shift+arrows by character, Ctrl+Shift by word, Alt+Shift+Up/Down by sentence, Ctrl+Shift+Up/Down by paragraph.
 *  `hasSelected`: a highlight is selected, so Alt+arrows belong to the boundary adjustment commands. */
export function moveSelectionByKey(e: KeyboardEvent<HTMLDivElement>, root: HTMLElement, hasSelected: boolean) {
  const sel = window.getSelection() as Selection & { modify?: (a: string, d: string, g: string) => void };
  if (!sel?.modify) return;
  const dir = ARROWS[e.key];
  if (!dir) return;
  if (hasSelected && e.altKey) return; // boundary adjustment commands
  const vertical = e.key === 'ArrowDown' || e.key === 'ArrowUp';
  const granularity = vertical
    ? e.ctrlKey || e.metaKey
      ? 'paragraph'
      : e.altKey
        ? 'sentence'
        : 'line'
    : e.ctrlKey || e.metaKey
      ? 'word'
      : e.altKey
        ? 'sentence'
        : 'character';
  if (sel.rangeCount === 0 || !root.contains(sel.anchorNode)) {
    const first = root.querySelector('[data-o]')?.firstChild;
    if (!first) return;
    sel.collapse(first, 0);
  }
  e.preventDefault();
  sel.modify(e.shiftKey ? 'extend' : 'move', dir, granularity);
}
