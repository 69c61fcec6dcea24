import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { Highlight, Theme } from '../../electron/api/contract';

/** The article's highlights in text order (virtualised: an article may carry thousands), then the orphans. */
export function HighlightList(props: {
  highlights: Highlight[];
  orphans: Highlight[];
  themeById: Map<number, Theme>;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onReplace: (id: number) => void;
}) {
  const sorted = useMemo(() => [...props.highlights].sort((a, b) => a.start - b.start || a.id - b.id), [props.highlights]);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => 64, overscan: 10 });
  const selectedIndex = sorted.findIndex((h) => h.id === props.selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) v.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, v]);
  return (
    <div className="highlight-list" ref={scroller}>
      {sorted.length === 0 && <p className="muted">Select text in the article to highlight it and tag it with themes (or press T after selecting with Shift+arrows).</p>}
      <ol aria-label="Highlights in text order" style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => {
          const h = sorted[item.index];
          return (
            <li
              key={h.id}
              data-index={item.index}
              ref={v.measureElement}
              className={h.id === props.selectedId ? 'selected' : ''}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', `[[hl:${h.uid}]]`);
                e.dataTransfer.setData('application/x-quarry-highlight', h.uid);
              }}
            >
              <button className="hl-item" onClick={() => props.onSelect(h.id)} aria-current={h.id === props.selectedId}>
                <span className="swatches">
                  {h.themeIds.map((id) => (
                    <span key={id} className="swatch" style={{ background: props.themeById.get(id)?.color ?? '#999' }} title={props.themeById.get(id)?.name} />
                  ))}
                </span>
                <span className="hl-quote">{h.quote.length > 160 ? `${h.quote.slice(0, 160)}…` : h.quote}</span>
                {h.comment && <span className="hl-comment">{h.comment}</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {props.orphans.length > 0 && (
        <section className="orphans" aria-label="Orphaned highlights">
          <h3>Could not be placed ({props.orphans.length})</h3>
          <p className="muted">The article text changed and these passages were not found. Re-place each one at a selection, or delete it.</p>
          <ul>
            {props.orphans.map((h) => (
              <li key={h.id}>
                <button className="hl-item" onClick={() => props.onSelect(h.id)}>
                  <span className="hl-quote">{h.quote}</span>
                </button>
                <button className="small" onClick={() => props.onReplace(h.id)}>
                  Re-place here
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
