import { useEffect, useState } from 'react';
import type { Highlight, Theme } from '../../electron/api/contract';
import { themePath } from '../../core/codebook/tree';

export function HighlightInspector(props: {
  highlight: Highlight;
  themeById: Map<number, Theme>;
  onRemoveTheme: (id: number) => void;
  onAddThemes: (x: number, y: number) => void;
  onComment: (comment: string) => void;
  onDelete: () => void;
  onAdjust: (edge: 'start' | 'end', dir: 1 | -1) => void;
}) {
  const h = props.highlight;
  const [comment, setComment] = useState(h.comment);
  useEffect(() => setComment(h.comment), [h.id, h.comment]);
  const saveComment = () => {
    if (comment !== h.comment) props.onComment(comment);
  };
  return (
    <section className="inspector" aria-label="Selected highlight" data-testid="inspector">
      <blockquote className="quote">{h.quote}</blockquote>
      {h.orphaned && <p className="warning">This passage could not be found after the article text changed. Select where it belongs and choose “Re-place here”, or delete it.</p>}
      <div className="chips" aria-label="Themes of this highlight">
        {h.themeIds.map((id) => {
          const t = props.themeById.get(id);
          if (!t) return null;
          return (
            <span key={id} className="chip" style={{ borderColor: t.color }}>
              <span className="swatch" style={{ background: t.color }} />
              {themePath(t, props.themeById).join(' › ')}
              <button className="icon" aria-label={`Remove theme ${t.name}`} onClick={() => props.onRemoveTheme(id)}>
                ×
              </button>
            </span>
          );
        })}
        <button
          className="small"
          onClick={(e) => {
            const r = (e.target as HTMLElement).getBoundingClientRect();
            props.onAddThemes(r.left - 200, r.bottom + 4);
          }}
        >
          + Theme
        </button>
      </div>
      <label className="field">
        <span>Comment</span>
        <textarea
          id="highlight-comment"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onBlur={saveComment}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); saveComment(); }
            if (e.key === 'Escape') { setComment(h.comment); (e.target as HTMLElement).blur(); }
          }}
          placeholder="Why does this passage matter?"
        />
      </label>
      <div className="adjust" aria-label="Adjust boundaries">
        <span className="muted">Start</span>
        <button className="small" aria-label="Move start one word earlier" onClick={() => props.onAdjust('start', -1)}>
          ◀
        </button>
        <button className="small" aria-label="Move start one word later" onClick={() => props.onAdjust('start', 1)}>
          ▶
        </button>
        <span className="muted">End</span>
        <button className="small" aria-label="Move end one word earlier" onClick={() => props.onAdjust('end', -1)}>
          ◀
        </button>
        <button className="small" aria-label="Move end one word later" onClick={() => props.onAdjust('end', 1)}>
          ▶
        </button>
      </div>
      <p className="muted small-print">
        Made {new Date(h.createdAt).toLocaleString()}
        {h.updatedAt !== h.createdAt ? ` · changed ${new Date(h.updatedAt).toLocaleString()}` : ''} · characters {h.start}–{h.end}
      </p>
      <button className="danger" onClick={props.onDelete}>
        Delete highlight
      </button>
    </section>
  );
}
