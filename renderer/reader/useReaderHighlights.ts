// The Reader's view of an article's highlights: live and orphaned ones, the look of
// each (theme colours, tooltip), and the flash on the passage the user arrived for.
import { useEffect, useMemo, type RefObject } from 'react';
import type { Highlight, Theme } from '../../electron/api/contract';
import { themePath } from '../../core/codebook/tree';
import type { HighlightLook } from './ArticleText';

export function useHighlightLooks(all: Highlight[], themeList: Theme[]) {
  const themeById = useMemo(() => new Map<number, Theme>(themeList.map((t) => [t.id, t])), [themeList]);
  const live = useMemo(() => all.filter((h) => !h.orphaned), [all]);
  const orphans = useMemo(() => all.filter((h) => h.orphaned), [all]);

  const looks = useMemo(() => {
    const m = new Map<number, HighlightLook>();
    for (const h of live) {
      const ts = h.themeIds.map((id) => themeById.get(id)).filter((t): t is Theme => !!t);
      const names = ts.map((t) => themePath(t, themeById).join(' › '));
      m.set(h.id, { colors: ts.map((t) => t.color), title: `${names.join(', ') || 'No theme'}${h.comment ? ` — ${h.comment}` : ''}` });
    }
    return m;
  }, [live, themeById]);
  return { themeById, live, orphans, looks };
}

/** Arriving from an excerpt or a memo: scroll to the passage and flash it. `article`, `highlights`: the loaded data (undefined until then). */
export function useFocusHighlight(
  focusHighlight: number | null,
  rootRef: RefObject<HTMLDivElement | null>,
  setSelectedId: (id: number) => void,
  article: unknown,
  highlights: unknown,
) {
  useEffect(() => {
    if (!focusHighlight || !article || !highlights) return;
    setSelectedId(focusHighlight);
    requestAnimationFrame(() => {
      const el = rootRef.current?.querySelector<HTMLElement>(`[data-hl~="${focusHighlight}"]`);
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      for (const s of rootRef.current!.querySelectorAll<HTMLElement>(`[data-hl~="${focusHighlight}"]`)) {
        s.classList.remove('flash');
        void s.offsetWidth;
        s.classList.add('flash');
      }
    });
  }, [focusHighlight, article, highlights]);
}
