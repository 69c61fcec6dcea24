import type { Highlight, Theme } from '../../db/types';

export function HighlightList(props: {
  highlights: Highlight[];
  orphans: Highlight[];
  themeById: Map<number, Theme>;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onReplace: (id: number) => void;
}) {
  const sorted = [...props.highlights].sort((a, b) => a.start - b.start || a.id - b.id);
  return (
    <div className="highlight-list">
      {sorted.length === 0 && <p className="muted">Select text in the article to highlight it and tag it with themes (or press T after selecting with Shift+arrows).</p>}
      <ol aria-label="Highlights in text order">
        {sorted.map((h) => (
          <li
            key={h.id}
            className={h.id === props.selectedId ? 'selected' : ''}
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
        ))}
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
