import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Excerpt, Theme, ThemeWithCounts } from '../../electron/api/contract';
import { call } from '../api';
import { navigate } from '../lib/router';
import { useCall } from '../queries';

type Row = { kind: 'group'; title: string; articleId: number; meta: string } | { kind: 'excerpt'; e: Excerpt };

/** Every passage of a theme across the corpus, paged from the store and virtualised. */
export function Excerpts(props: { theme: ThemeWithCounts; themes: Theme[] }) {
  const [includeSub, setIncludeSub] = useState(true);
  const [grouped, setGrouped] = useState(true);
  const [sort, setSort] = useState<'date' | 'article'>('article');
  const [source, setSource] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [co, setCo] = useState<number | ''>('');
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const sources = useCall('articles.sources', {});
  const byId = useMemo(() => new Map(props.themes.map((t) => [t.id, t])), [props.themes]);
  const validDate = (d: string) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d);
  const input = {
    themeId: props.theme.id,
    includeSubThemes: includeSub,
    sort,
    source: source || null,
    from: validDate(from) ? from : null,
    to: validDate(to) ? to : null,
    coThemeId: co === '' ? null : co,
    limit: 100,
    contextChars: 400,
  };
  const q = useInfiniteQuery({
    queryKey: ['excerpts.list', input],
    queryFn: ({ pageParam }) => call('excerpts.list', { ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const total = q.data?.pages[0]?.total ?? 0;
  const rows = useMemo(() => {
    const out: Row[] = [];
    let lastArticle = -1;
    for (const p of q.data?.pages ?? [])
      for (const e of p.items) {
        if (grouped && e.article.id !== lastArticle) {
          out.push({ kind: 'group', title: e.article.title, articleId: e.article.id, meta: [e.article.source, e.article.publishedAt].filter(Boolean).join(' · ') });
          lastArticle = e.article.id;
        }
        out.push({ kind: 'excerpt', e });
      }
    return out;
  }, [q.data, grouped]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: (i) => (rows[i].kind === 'group' ? 40 : 120), overscan: 8 });
  const items = v.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 10 && q.hasNextPage && !q.isFetchingNextPage) void q.fetchNextPage();
  }, [lastIndex, rows.length, q]);

  const trim = (s: string, n: number, fromEnd: boolean) => (s.length <= n ? s : fromEnd ? `…${s.slice(s.length - n)}` : `${s.slice(0, n)}…`);

  return (
    <section className="excerpts" aria-label="Excerpts">
      <div className="toolbar wrap">
        <strong data-testid="excerpt-count">{total} passages</strong>
        <label>
          <input type="checkbox" checked={includeSub} onChange={(e) => setIncludeSub(e.target.checked)} /> with sub-themes
        </label>
        <label>
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> group by article
        </label>
        <select aria-label="Sort excerpts" value={sort} onChange={(e) => setSort(e.target.value as 'date' | 'article')}>
          <option value="article">by article</option>
          <option value="date">by date</option>
        </select>
        <select aria-label="Filter by outlet" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">all outlets</option>
          {sources.data?.map((s) => (
            <option key={s.source} value={s.source}>
              {s.source}
            </option>
          ))}
        </select>
        <input aria-label="Published from" placeholder="from YYYY-MM-DD" value={from} onChange={(e) => setFrom(e.target.value)} size={12} />
        <input aria-label="Published to" placeholder="to YYYY-MM-DD" value={to} onChange={(e) => setTo(e.target.value)} size={12} />
        <select aria-label="Also tagged with" value={co} onChange={(e) => setCo(e.target.value ? Number(e.target.value) : '')}>
          <option value="">also tagged: any</option>
          {props.themes
            .filter((t) => t.id !== props.theme.id)
            .map((t) => (
              <option key={t.id} value={t.id}>
                also: {t.name}
              </option>
            ))}
        </select>
      </div>
      <div className="excerpt-scroll" ref={parent}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const r = rows[it.index];
            return (
              <div key={it.key} data-index={it.index} ref={v.measureElement} className="excerpt-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)` }}>
                {r.kind === 'group' ? (
                  <h3 className="excerpt-group">
                    <a href={`#/article/${r.articleId}`}>{r.title}</a> <span className="muted">{r.meta}</span>
                  </h3>
                ) : (
                  <article
                    className={r.e.orphaned ? 'excerpt orphaned' : 'excerpt'}
                    draggable
                    onDragStart={(e) => {
                      // Drop into a memo to cite the passage (docs/memo-citations.md).
                      e.dataTransfer.setData('text/plain', `[[hl:${r.e.uid}]]`);
                      e.dataTransfer.setData('application/x-quarry-highlight', r.e.uid);
                    }}
                  >
                    <p className="excerpt-text" onClick={() => navigate(`/article/${r.e.article.id}?h=${r.e.id}`)} title="Open in the Reader">
                      <span className="ctx">{expanded.has(r.e.id) ? r.e.before : trim(r.e.before, 120, true)}</span>
                      <mark className="excerpt-quote">{r.e.quote}</mark>
                      <span className="ctx">{expanded.has(r.e.id) ? r.e.after : trim(r.e.after, 120, false)}</span>
                    </p>
                    <div className="excerpt-meta">
                      {!grouped && (
                        <span>
                          <a href={`#/article/${r.e.article.id}?h=${r.e.id}`}>{r.e.article.title}</a> · {[r.e.article.source, r.e.article.publishedAt].filter(Boolean).join(' · ')}
                        </span>
                      )}
                      {r.e.themeIds
                        .filter((id) => id !== props.theme.id)
                        .map((id) => (
                          <span key={id} className="chip small" style={{ borderColor: byId.get(id)?.color }}>
                            {byId.get(id)?.name}
                          </span>
                        ))}
                      {r.e.orphaned && <span className="warning">could not be placed after a text change</span>}
                      <button
                        className="link"
                        onClick={() => {
                          const next = new Set(expanded);
                          if (next.has(r.e.id)) next.delete(r.e.id);
                          else next.add(r.e.id);
                          setExpanded(next);
                        }}
                      >
                        {expanded.has(r.e.id) ? 'less context' : 'more context'}
                      </button>
                    </div>
                    {r.e.comment && <p className="excerpt-comment">{r.e.comment}</p>}
                  </article>
                )}
              </div>
            );
          })}
        </div>
        {q.isFetching && <p className="muted pad">Loading…</p>}
        {!q.isFetching && total === 0 && <p className="muted pad">No passage is tagged with this theme yet{source || from || to || co !== '' ? ' (with these filters)' : ''}.</p>}
      </div>
    </section>
  );
}
