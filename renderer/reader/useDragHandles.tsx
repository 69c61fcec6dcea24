// The two handles on the selected highlight's edges: placed over its first and last
// line boxes (and kept there on scroll and resize); dragging one moves that edge.
import { useEffect, useState, type RefObject } from 'react';
import type { Highlight } from '../../electron/api/contract';
import { offsetAtPoint, offsetsToRange } from './dom-offsets';
import type { HighlightPatch } from './useHighlightActions';

export type DragEdge = 'start' | 'end';

export function useDragHandles(
  rootRef: RefObject<HTMLDivElement | null>,
  selected: Highlight | null,
  body: string,
  updateSelected: (patch: HighlightPatch) => Promise<void>,
) {
  // Dragging the handles of the selected highlight adjusts its edges.
  const [drag, setDrag] = useState<DragEdge | null>(null);
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
  return { drag, setDrag, handles };
}

export function DragHandles({ handles, setDrag }: { handles: { s: DOMRect; e: DOMRect }; setDrag: (edge: DragEdge) => void }) {
  return (
    <>
      <span
        className="drag-handle start"
        title="Drag to move the start"
        style={{ left: handles.s.left - 5, top: handles.s.top - 4, height: handles.s.height + 8 }}
        onMouseDown={(e) => (e.preventDefault(), setDrag('start'))}
      />
      <span
        className="drag-handle end"
        title="Drag to move the end"
        style={{ left: handles.e.right - 1, top: handles.e.top - 4, height: handles.e.height + 8 }}
        onMouseDown={(e) => (e.preventDefault(), setDrag('end'))}
      />
    </>
  );
}
