// What the Reader does to highlights: create one (with the themes picked or typed),
// update or delete the selected one, move its edges by a word, step between them.
// Each paints at once from the answer; the invalidation refetch only confirms it.
import type { RefObject } from 'react';
import type { Highlight } from '../../electron/api/contract';
import { call } from '../api';
import { rememberThemes } from '../lib/themes';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, queryClient } from '../queries';
import { selectionOffsets } from './dom-offsets';
import { nextWordBoundary } from './segments';
import type { PickResult } from './ThemePicker';

/** Create any themes typed in the picker, then return every theme id to apply. */
export async function resolvePick(r: PickResult): Promise<number[]> {
  const ids = [...r.themeIds];
  for (const name of r.newNames) {
    const t = await call('themes.create', { name });
    ids.push(t.id);
  }
  if (r.newNames.length) invalidateScopes(['themes']);
  rememberThemes(ids);
  return ids;
}

/** Paint at once from an answer, before the refetch confirms it. */
const setHighlights = (articleId: number, fn: (hs: Highlight[]) => Highlight[]) =>
  queryClient.setQueryData<Highlight[]>(['highlights.listByArticle', { articleId }], (old) => fn(old ?? []));

/** The picker's answer for an existing highlight: its themes become the ones picked. */
export const setThemes = (articleId: number, highlightId: number, r: PickResult) =>
  void resolvePick(r).then((ids) =>
    call('highlights.update', { id: highlightId, themeIds: ids })
      .then((h) => {
        setHighlights(articleId, (hs) => hs.map((x) => (x.id === h.id ? h : x)));
        invalidateScopes(['highlights']);
      })
      .catch(toastError),
  );

/** An orphaned passage put back where the user has selected its text. */
export const replaceAtSelection = async (rootRef: RefObject<HTMLDivElement | null>, id: number) => {
  const o = rootRef.current ? selectionOffsets(rootRef.current) : null;
  if (!o) return toast('Select the text where this passage belongs, then choose “Re-place here”.');
  try {
    await call('highlights.update', { id, start: o.start, end: o.end });
    invalidateScopes(['highlights']);
  } catch (err) {
    toastError(err);
  }
};

export type HighlightPatch = {
  start?: number;
  end?: number;
  comment?: string;
  addThemeIds?: number[];
  removeThemeIds?: number[];
  themeIds?: number[];
};

interface Deps {
  articleId: number;
  selected: Highlight | null;
  live: Highlight[];
  body: string;
  rootRef: RefObject<HTMLDivElement | null>;
  setSelectedId: (id: number | null) => void;
}

export function useHighlightActions({ articleId, selected, live, body, rootRef, setSelectedId }: Deps) {
  const createHighlight = async (start: number, end: number, pick: PickResult) => {
    try {
      const themeIds = await resolvePick(pick);
      const h = await call('highlights.create', { articleId, start, end, themeIds });
      // Paint at once from the answer; the invalidation refetch only confirms it.
      setHighlights(articleId, (hs) => [...hs.filter((x) => x.id !== h.id), h]);
      setSelectedId(h.id);
      window.getSelection()?.removeAllRanges();
      invalidateScopes(['highlights']);
    } catch (err) {
      toastError(err);
    }
  };

  const updateSelected = async (patch: HighlightPatch) => {
    if (!selected) return;
    try {
      const h = await call('highlights.update', { id: selected.id, ...patch });
      setHighlights(articleId, (hs) => hs.map((x) => (x.id === h.id ? h : x)));
      invalidateScopes(['highlights']);
    } catch (err) {
      toastError(err);
    }
  };

  const deleteSelected = async () => {
    if (!selected) return;
    const id = selected.id;
    try {
      await call('highlights.delete', { ids: [id] });
      setHighlights(articleId, (hs) => hs.filter((x) => x.id !== id));
      setSelectedId(null);
      invalidateScopes(['highlights']);
      toast('Highlight moved to the Trash.', {
        action: { label: 'Undo', run: () => void call('highlights.restore', { ids: [id] }).then(() => invalidateScopes(['highlights'])) },
      });
    } catch (err) {
      toastError(err);
    }
  };

  const adjust = (edge: 'start' | 'end', dir: 1 | -1) => {
    if (!selected) return;
    const pos = edge === 'start' ? selected.start : selected.end;
    const next = nextWordBoundary(body, pos, dir);
    const start = edge === 'start' ? next : selected.start;
    const end = edge === 'end' ? next : selected.end;
    if (end > start) void updateSelected({ start, end });
  };

  const jump = (dir: 1 | -1) => {
    if (live.length === 0) return;
    const sorted = [...live].sort((a, b) => a.start - b.start || a.id - b.id);
    const i = selected ? sorted.findIndex((h) => h.id === selected.id) : -1;
    const next = sorted[(i + dir + sorted.length) % sorted.length];
    setSelectedId(next.id);
    rootRef.current?.querySelector(`[data-hl~="${next.id}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  return { createHighlight, updateSelected, deleteSelected, adjust, jump };
}
