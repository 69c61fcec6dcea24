// The Excerpts view's state: its filters, and the passages they select, paged from
// the store and laid out as rows (with article headings when grouped) for the virtualiser.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Excerpt } from '../../electron/api/contract';
import { call } from '../api';

export type Row = { kind: 'group'; title: string; articleId: number; meta: string } | { kind: 'excerpt'; e: Excerpt };

export function useExcerptFilters() {
  const [includeSub, setIncludeSub] = useState(true);
  const [grouped, setGrouped] = useState(true);
  const [sort, setSort] = useState<'date' | 'article'>('article');
  const [source, setSource] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [co, setCo] = useState<number | ''>('');
  return { includeSub, setIncludeSub, grouped, setGrouped, sort, setSort, source, setSource, from, setFrom, to, setTo, co, setCo };
}

export type ExcerptFilters = ReturnType<typeof useExcerptFilters>;

export function useExcerptRows(themeId: number, f: ExcerptFilters) {
  const { includeSub, grouped, sort, source, from, to, co } = f;
  const validDate = (d: string) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d);
  const input = {
    themeId,
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
          out.push({
            kind: 'group',
            title: e.article.title,
            articleId: e.article.id,
            meta: [e.article.source, e.article.publishedAt].filter(Boolean).join(' · '),
          });
          lastArticle = e.article.id;
        }
        out.push({ kind: 'excerpt', e });
      }
    return out;
  }, [q.data, grouped]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i].kind === 'group' ? 40 : 120),
    overscan: 8,
  });
  const items = v.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 10 && q.hasNextPage && !q.isFetchingNextPage) void q.fetchNextPage();
  }, [lastIndex, rows.length, q]);
  return { q, total, rows, parent, v, items };
}
