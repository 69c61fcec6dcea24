// A theme's passages across the corpus: filters (ExcerptToolbar), the paged,
// virtualised rows (useExcerpts) and one card per passage (ExcerptCard).
import { useMemo, useState } from 'react';
import type { Theme, ThemeWithCounts } from '../../electron/api/contract';
import { useCall } from '../queries';
import { ExcerptCard, ExcerptToolbar } from './ExcerptParts';
import { useExcerptFilters, useExcerptRows } from './useExcerpts';

/** Every passage of a theme across the corpus, paged from the store and virtualised. */
export function Excerpts(props: { theme: ThemeWithCounts; themes: Theme[] }) {
  const f = useExcerptFilters();
  const { grouped, source, from, to, co } = f;
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const sources = useCall('articles.sources', {});
  const byId = useMemo(() => new Map(props.themes.map((t) => [t.id, t])), [props.themes]);
  const { q, total, rows, parent, v, items } = useExcerptRows(props.theme.id, f);
  const toggle = (id: number) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  return (
    <section className="excerpts" aria-label="Excerpts">
      <ExcerptToolbar f={f} total={total} sources={sources.data} themes={props.themes} themeId={props.theme.id} />
      <div className="excerpt-scroll" ref={parent}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const r = rows[it.index];
            return (
              <div
                key={it.key}
                data-index={it.index}
                ref={v.measureElement}
                className="excerpt-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)` }}
              >
                {r.kind === 'group' ? (
                  <h3 className="excerpt-group">
                    <a href={`#/article/${r.articleId}`}>{r.title}</a> <span className="muted">{r.meta}</span>
                  </h3>
                ) : (
                  <ExcerptCard
                    e={r.e}
                    themeId={props.theme.id}
                    byId={byId}
                    grouped={grouped}
                    expanded={expanded.has(r.e.id)}
                    onToggle={() => toggle(r.e.id)}
                  />
                )}
              </div>
            );
          })}
        </div>
        {q.isFetching && <p className="muted pad">Loading…</p>}
        {!q.isFetching && total === 0 && (
          <p className="muted pad">
            No passage is tagged with this theme yet{source || from || to || co !== '' ? ' (with these filters)' : ''}.
          </p>
        )}
      </div>
    </section>
  );
}
