import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Highlight, Theme } from '../../electron/api/contract';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { navigate } from '../lib/router';
import { themePath } from '../../core/codebook/tree';
import { rememberThemes } from '../lib/themes';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, queryClient, useCall } from '../queries';
import { ArticleText, type HighlightLook } from '../reader/ArticleText';
import { offsetAtPoint, offsetsToRange, selectionOffsets } from '../reader/dom-offsets';
import { HighlightInspector } from '../reader/HighlightInspector';
import { HighlightList } from '../reader/HighlightList';
import { MetadataForm } from '../reader/MetadataForm';
import { citeInMemo } from '../memos/cite';
import { CitingMemos } from '../memos/CitingMemos';
import { nextWordBoundary } from '../reader/segments';
import { ReplaceTextDialog } from '../reader/ReplaceTextDialog';
import { ThemePicker, type PickResult } from '../reader/ThemePicker';
import { deleteWithUndo } from '../library/actions';

type Picker = { mode: 'create'; start: number; end: number; x: number; y: number } | { mode: 'edit'; highlightId: number; x: number; y: number };

/** Create any themes typed in the picker, then return every theme id to apply. */
async function resolvePick(r: PickResult): Promise<number[]> {
  const ids = [...r.themeIds];
  for (const name of r.newNames) {
    const t = await call('themes.create', { name });
    ids.push(t.id);
  }
  if (r.newNames.length) invalidateScopes(['themes']);
  rememberThemes(ids);
  return ids;
}

export function Reader(props: { articleId: number; focusHighlight: number | null }) {
  const { articleId } = props;
  const article = useCall('articles.get', { id: articleId });
  const highlights = useCall('highlights.listByArticle', { articleId });
  const themes = useCall('themes.list', {});
  const [selectedId, setSelectedId] = useState<number | null>(props.focusHighlight);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [tab, setTab] = useState<'highlights' | 'details'>('highlights');
  const [replacing, setReplacing] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const themeList = themes.data ?? [];
  const themeById = useMemo(() => new Map<number, Theme>(themeList.map((t) => [t.id, t])), [themeList]);
  const all = highlights.data ?? [];
  const live = useMemo(() => all.filter((h) => !h.orphaned), [all]);
  const orphans = useMemo(() => all.filter((h) => h.orphaned), [all]);
  const selected = all.find((h) => h.id === selectedId) ?? null;

  const looks = useMemo(() => {
    const m = new Map<number, HighlightLook>();
    for (const h of live) {
      const ts = h.themeIds.map((id) => themeById.get(id)).filter((t): t is Theme => !!t);
      const names = ts.map((t) => themePath(t, themeById).join(' › '));
      m.set(h.id, { colors: ts.map((t) => t.color), title: `${names.join(', ') || 'No theme'}${h.comment ? ` — ${h.comment}` : ''}` });
    }
    return m;
  }, [live, themeById]);

  // Arriving from an excerpt or a memo: scroll to the passage and flash it.
  useEffect(() => {
    if (!props.focusHighlight || !article.data || !highlights.data) return;
    setSelectedId(props.focusHighlight);
    requestAnimationFrame(() => {
      const el = rootRef.current?.querySelector<HTMLElement>(`[data-hl~="${props.focusHighlight}"]`);
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      for (const s of rootRef.current!.querySelectorAll<HTMLElement>(`[data-hl~="${props.focusHighlight}"]`)) {
        s.classList.remove('flash');
        void s.offsetWidth;
        s.classList.add('flash');
      }
    });
  }, [props.focusHighlight, article.data, highlights.data]);

  const setHighlights = (fn: (hs: Highlight[]) => Highlight[]) =>
    queryClient.setQueryData<Highlight[]>(['highlights.listByArticle', { articleId }], (old) => fn(old ?? []));

  const createHighlight = async (start: number, end: number, pick: PickResult) => {
    try {
      const themeIds = await resolvePick(pick);
      const h = await call('highlights.create', { articleId, start, end, themeIds });
      // Paint at once from the answer; the invalidation refetch only confirms it.
      setHighlights((hs) => [...hs.filter((x) => x.id !== h.id), h]);
      setSelectedId(h.id);
      window.getSelection()?.removeAllRanges();
      invalidateScopes(['highlights']);
    } catch (err) {
      toastError(err);
    }
  };

  const openPickerForSelection = useCallback(() => {
    const root = rootRef.current;
    if (!root) return false;
    const offs = selectionOffsets(root);
    if (!offs) return false;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    setPicker({ mode: 'create', start: offs.start, end: offs.end, x: rect.left, y: rect.bottom + 6 });
    return true;
  }, []);

  const updateSelected = async (patch: { start?: number; end?: number; comment?: string; addThemeIds?: number[]; removeThemeIds?: number[]; themeIds?: number[] }) => {
    if (!selected) return;
    try {
      const h = await call('highlights.update', { id: selected.id, ...patch });
      setHighlights((hs) => hs.map((x) => (x.id === h.id ? h : x)));
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
      setHighlights((hs) => hs.filter((x) => x.id !== id));
      setSelectedId(null);
      invalidateScopes(['highlights']);
      toast('Highlight moved to the Trash.', {
        action: { label: 'Undo', run: () => void call('highlights.restore', { ids: [id] }).then(() => invalidateScopes(['highlights'])) },
      });
    } catch (err) {
      toastError(err);
    }
  };

  const body = article.data?.body ?? '';
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

  const hasSelection = () => !!rootRef.current && selectionOffsets(rootRef.current) !== null;
  useCommands([
    { id: 'reader.tag', label: 'Tag selection with themes…', group: 'Reader', shortcut: 'T', enabled: hasSelection, run: () => void openPickerForSelection() },
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
    { id: 'reader.comment', label: 'Comment on the selected highlight', group: 'Reader', shortcut: 'C', enabled: () => !!selected, run: () => document.querySelector<HTMLTextAreaElement>('#highlight-comment')?.focus() },
    { id: 'reader.deleteHighlight', label: 'Delete the selected highlight', group: 'Reader', shortcut: 'Delete', enabled: () => !!selected, run: () => void deleteSelected() },
    { id: 'reader.startLeft', label: 'Highlight start: one word earlier', group: 'Reader', shortcut: 'Alt+Shift+ArrowLeft', enabled: () => !!selected, run: () => adjust('start', -1) },
    { id: 'reader.startRight', label: 'Highlight start: one word later', group: 'Reader', shortcut: 'Alt+Shift+ArrowRight', enabled: () => !!selected, run: () => adjust('start', 1) },
    { id: 'reader.endLeft', label: 'Highlight end: one word earlier', group: 'Reader', shortcut: 'Alt+ArrowLeft', enabled: () => !!selected, run: () => adjust('end', -1) },
    { id: 'reader.endRight', label: 'Highlight end: one word later', group: 'Reader', shortcut: 'Alt+ArrowRight', enabled: () => !!selected, run: () => adjust('end', 1) },
    { id: 'reader.deselect', label: 'Clear the highlight selection', group: 'Reader', shortcut: 'Escape', enabled: () => !!selected && !picker, run: () => setSelectedId(null) },
    { id: 'reader.details', label: 'Edit article details', group: 'Reader', shortcut: 'Mod+I', whileTyping: true, run: () => setTab('details') },
    { id: 'reader.replaceText', label: 'Replace the text of this article (keep highlights)…', group: 'Reader', run: () => setReplacing(true) },
    { id: 'reader.deleteArticle', label: 'Move this article to the Trash', group: 'Reader', run: () => void deleteWithUndo([articleId], article.data?.title).then(() => navigate('/library')) },
    {
      id: 'reader.citeInMemo',
      label: 'Cite selection in memo',
      group: 'Reader',
      shortcut: 'M',
      enabled: () => hasSelection() || (!!selected && !selected.orphaned),
      run: async () => {
        const sel = rootRef.current ? selectionOffsets(rootRef.current) : null;
        const r = await citeInMemo({ articleId, articleTitle: article.data?.title ?? 'article', selection: sel, highlight: selected && !selected.orphaned ? selected : null });
        if (r?.highlightId) {
          window.getSelection()?.removeAllRanges();
          setSelectedId(r.highlightId);
        }
      },
    },
  ]);

  /** Keyboard selection: Shift+arrows by character, Ctrl+Shift by word, Alt+Shift+Up/Down by sentence, Ctrl+Shift+Up/Down by paragraph. */
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const sel = window.getSelection() as Selection & { modify?: (a: string, d: string, g: string) => void };
    if (!sel?.modify) return;
    const arrows: Record<string, 'forward' | 'backward'> = { ArrowRight: 'forward', ArrowLeft: 'backward', ArrowDown: 'forward', ArrowUp: 'backward' };
    const dir = arrows[e.key];
    if (!dir) return;
    if (selected && e.altKey) return; // boundary adjustment commands
    const vertical = e.key === 'ArrowDown' || e.key === 'ArrowUp';
    const granularity = vertical ? (e.ctrlKey || e.metaKey ? 'paragraph' : e.altKey ? 'sentence' : 'line') : e.ctrlKey || e.metaKey ? 'word' : e.altKey ? 'sentence' : 'character';
    if (sel.rangeCount === 0 || !rootRef.current!.contains(sel.anchorNode)) {
      const first = rootRef.current!.querySelector('[data-o]')?.firstChild;
      if (!first) return;
      sel.collapse(first, 0);
    }
    e.preventDefault();
    sel.modify(e.shiftKey ? 'extend' : 'move', dir, granularity);
  };

  // Dragging the handles of the selected highlight adjusts its edges.
  const [drag, setDrag] = useState<'start' | 'end' | null>(null);
  useEffect(() => {
    if (!drag || !selected) return;
    const up = (e: MouseEvent) => {
      setDrag(null);
      const off = rootRef.current ? offsetAtPoint(rootRef.current, e.clientX, e.clientY) : null;
      if (off === null) return;
      const start = drag === 'start' ? Math.min(off, selected.end - 1) : selected.start;
      const end = drag === 'end' ? Math.max(off, selected.start + 1) : selected.end;
      void updateSelected({ start, end });
    };
    window.addEventListener('mouseup', up, { once: true });
    return () => window.removeEventListener('mouseup', up);
  });
  const [handles, setHandles] = useState<{ s: DOMRect; e: DOMRect } | null>(null);
  useEffect(() => {
    if (!selected || selected.orphaned || !rootRef.current) return setHandles(null);
    const place = () => {
      const r = offsetsToRange(rootRef.current!, selected.start, selected.end);
      const rects = r ? [...r.getClientRects()] : [];
      setHandles(rects.length ? { s: rects[0], e: rects[rects.length - 1] } : null);
    };
    place();
    const scroller = rootRef.current.closest('.reader-scroll');
    scroller?.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      scroller?.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [selected, body]);

  if (article.isError) return <p className="error pad">{article.error.message}</p>;
  if (!article.data) return <p className="muted pad">Loading…</p>;
  const a = article.data;

  return (
    <section className="reader" aria-label="Reader">
      <div className="reader-scroll">
        <header className="reader-head">
          <h1>{a.title}</h1>
          <p className="byline">
            {[a.source, a.author, a.publishedAt].filter(Boolean).join(' · ') || <span className="muted">No outlet, author or date yet: add them under Details.</span>}
            {a.deletedAt && <strong className="flag"> · in the Trash</strong>}
            {a.similarTo && (
              <span className="flag">
                {' '}
                · similar to <a href={`#/article/${a.similarTo.id}`}>{a.similarTo.title}</a>
              </span>
            )}
          </p>
        </header>
        <ArticleText
          body={a.body}
          highlights={live}
          looks={looks}
          selectedId={selectedId}
          rootRef={rootRef}
          lang={a.language}
          onKeyDown={onKeyDown}
          onMouseUp={() => {
            if (drag) return;
            // Let the browser settle the selection first.
            setTimeout(() => openPickerForSelection(), 0);
          }}
          onClickHighlight={(ids) => setSelectedId(ids.length ? ids[ids.length - 1] : null)}
        />
      </div>
      {handles && (
        <>
          <span className="drag-handle start" title="Drag to move the start" style={{ left: handles.s.left - 5, top: handles.s.top - 4, height: handles.s.height + 8 }} onMouseDown={(e) => (e.preventDefault(), setDrag('start'))} />
          <span className="drag-handle end" title="Drag to move the end" style={{ left: handles.e.right - 1, top: handles.e.top - 4, height: handles.e.height + 8 }} onMouseDown={(e) => (e.preventDefault(), setDrag('end'))} />
        </>
      )}
      <aside className="reader-side" aria-label="Highlights and details">
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'highlights'} onClick={() => setTab('highlights')}>
            Highlights ({live.length})
          </button>
          <button role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
            Details
          </button>
        </div>
        {tab === 'details' ? (
          <MetadataForm article={a} />
        ) : (
          <>
            {selected && (
              <HighlightInspector
                highlight={selected}
                themeById={themeById}
                onRemoveTheme={(id) => void updateSelected({ removeThemeIds: [id] })}
                onAddThemes={(x, y) => setPicker({ mode: 'edit', highlightId: selected.id, x, y })}
                onComment={(comment) => void updateSelected({ comment })}
                onDelete={() => void deleteSelected()}
                onAdjust={adjust}
              />
            )}
            <HighlightList
              highlights={live}
              orphans={orphans}
              themeById={themeById}
              selectedId={selectedId}
              onSelect={(id) => {
                setSelectedId(id);
                rootRef.current?.querySelector(`[data-hl~="${id}"]`)?.scrollIntoView({ block: 'center' });
              }}
              onReplace={async (id) => {
                const o = rootRef.current ? selectionOffsets(rootRef.current) : null;
                if (!o) return toast('Select the text where this passage belongs, then choose “Re-place here”.');
                try {
                  await call('highlights.update', { id, start: o.start, end: o.end });
                  invalidateScopes(['highlights']);
                } catch (err) {
                  toastError(err);
                }
              }}
            />
            <CitingMemos articleId={articleId} />
          </>
        )}
      </aside>
      {replacing && <ReplaceTextDialog articleId={articleId} title={a.title} onClose={() => setReplacing(false)} />}
      {picker && (
        <ThemePicker
          themes={themeList}
          at={{ x: picker.x, y: picker.y }}
          initial={picker.mode === 'edit' ? all.find((h) => h.id === picker.highlightId)?.themeIds : undefined}
          title={picker.mode === 'edit' ? 'Themes of this highlight' : 'Tag with themes'}
          onCancel={() => setPicker(null)}
          onSave={(r) => {
            const p = picker;
            setPicker(null);
            if (p.mode === 'create') void createHighlight(p.start, p.end, r);
            else
              void resolvePick(r).then((ids) =>
                call('highlights.update', { id: p.highlightId, themeIds: ids })
                  .then((h) => {
                    setHighlights((hs) => hs.map((x) => (x.id === h.id ? h : x)));
                    invalidateScopes(['highlights']);
                  })
                  .catch(toastError),
              );
          }}
        />
      )}
    </section>
  );
}
