import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../electron/api/contract';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { Marked } from '../components/Marked';
import { navigate } from '../lib/router';
import { toastError } from '../lib/toast';
import { deleteWithUndo } from '../library/actions';
import { invalidateScopes, useCall } from '../queries';

type Sort = 'title' | 'source' | 'publishedAt' | 'importedAt' | 'wordCount' | 'highlightCount';

const COLUMNS: { key: Sort; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'c-title' },
  { key: 'source', label: 'Outlet', className: 'c-source' },
  { key: 'publishedAt', label: 'Published', className: 'c-date' },
  { key: 'wordCount', label: 'Words', className: 'c-num' },
  { key: 'highlightCount', label: 'Highlights', className: 'c-num' },
];

export function Library(props: { onImport: () => void; onPaste: () => void }) {
  const [sort, setSort] = useState<Sort>('importedAt');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [source, setSource] = useState('');
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const deferredQuery = useDeferredValue(query.trim());
  const list = useCall('articles.list', { sort, direction, source: source || null, text: filter || null });
  const sources = useCall('articles.sources', {});
  const hits = useCall('search.query', { query: deferredQuery, limit: 200 }, { enabled: deferredQuery.length > 0 });
  const stats = useCall('store.stats', {});
  const rows = list.data ?? [];
  const selectedRow = rows.find((r) => r.id === selected) ?? null;

  useCommands([
    {
      id: 'library.search',
      label: 'Search the library',
      group: 'Go',
      shortcut: 'Mod+F',
      whileTyping: true,
      run: () => document.querySelector<HTMLInputElement>('#library-search')?.focus(),
    },
    {
      id: 'library.delete',
      label: 'Move selected article to the Trash',
      group: 'Edit',
      shortcut: 'Delete',
      enabled: () => selectedRow !== null,
      run: () => void (selectedRow && deleteWithUndo([selectedRow.id], selectedRow.title)),
    },
    { id: 'library.open', label: 'Open selected article', group: 'Go', shortcut: 'Enter', enabled: () => selectedRow !== null, run: () => navigate(`/article/${selectedRow!.id}`) },
  ]);

  const toggleSort = (key: Sort) => {
    if (key === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDirection(key === 'title' || key === 'source' ? 'asc' : 'desc');
    }
  };

  if (list.isSuccess && rows.length === 0 && !filter && !source && (stats.data?.articles ?? 0) === 0) {
    return (
      <section className="empty-state" aria-label="Empty library">
        <h1>Your library is empty</h1>
        <p>Bring in the articles you want to analyse, or look around with a small sample project first.</p>
        <div className="empty-actions">
          <button className="primary big" onClick={props.onImport}>
            Import articles
          </button>
          <button className="big" onClick={() => void call('sample.open', {}).then(() => invalidateScopes(['articles', 'themes', 'highlights', 'memos'])).catch(toastError)}>
            Open the sample project
          </button>
        </div>
        <p className="muted">
          You can also drop files anywhere on this window, or <button className="link" onClick={props.onPaste}>paste text</button> as a new article.
          Quarry reads .txt, .md, .html, .docx, .pdf, .epub, .csv and .jsonl.
        </p>
      </section>
    );
  }

  return (
    <section className="library" aria-label="Library">
      <div className="toolbar">
        <input
          id="library-search"
          type="search"
          placeholder="Search the full text…"
          aria-label="Search articles"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <input type="search" placeholder="Filter titles…" aria-label="Filter by title" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <select aria-label="Outlet" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">All outlets</option>
          {sources.data?.map((s) => (
            <option key={s.source} value={s.source}>
              {s.source} ({s.count})
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button onClick={props.onPaste}>Paste text</button>
        <button className="primary" onClick={props.onImport}>
          Import…
        </button>
      </div>
      {deferredQuery ? (
        <SearchResults hits={hits.data ?? []} loading={hits.isFetching} query={deferredQuery} />
      ) : (
        <ArticleTable rows={rows} sort={sort} direction={direction} onSort={toggleSort} selected={selected} onSelect={setSelected} />
      )}
      <footer className="statusbar">
        {rows.length} articles{stats.data ? ` · ${stats.data.highlights} highlights · ${stats.data.themes} themes` : ''}
      </footer>
    </section>
  );
}

function SearchResults(props: { hits: { articleId: number; title: string; source: string | null; publishedAt: string | null; snippet: string }[]; loading: boolean; query: string }) {
  if (props.hits.length === 0) return <p className="muted pad">{props.loading ? 'Searching…' : `No article matches “${props.query}”.`}</p>;
  return (
    <ol className="search-results" aria-label="Search results">
      {props.hits.map((h) => (
        <li key={h.articleId}>
          <a href={`#/article/${h.articleId}?q=${encodeURIComponent(props.query)}`}>
            <strong>{h.title}</strong>
          </a>
          <span className="muted">
            {' '}
            {h.source ?? ''} {h.publishedAt ?? ''}
          </span>
          <p className="snippet">
            <Marked text={h.snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}

function ArticleTable(props: {
  rows: ArticleSummary[];
  sort: Sort;
  direction: 'asc' | 'desc';
  onSort: (k: Sort) => void;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: props.rows.length, getScrollElement: () => parent.current, estimateSize: () => 44, overscan: 12 });
  const index = useMemo(() => new Map(props.rows.map((r, i) => [r.id, i])), [props.rows]);
  const move = (delta: number) => {
    const cur = props.selected !== null ? (index.get(props.selected) ?? -1) : -1;
    const next = Math.max(0, Math.min(props.rows.length - 1, cur + delta));
    if (props.rows[next]) {
      props.onSelect(props.rows[next].id);
      v.scrollToIndex(next);
    }
  };
  return (
    <div className="table" role="grid" aria-label="Articles" aria-rowcount={props.rows.length}>
      <div className="thead" role="row">
        {COLUMNS.map((c) => (
          <button key={c.key} role="columnheader" className={c.className} aria-sort={props.sort === c.key ? (props.direction === 'asc' ? 'ascending' : 'descending') : 'none'} onClick={() => props.onSort(c.key)}>
            {c.label}
            {props.sort === c.key ? (props.direction === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div
        className="tbody"
        ref={parent}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
          if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
        }}
      >
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const a = props.rows[item.index];
            return (
              <div
                key={a.id}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={props.selected === a.id}
                className={`trow${props.selected === a.id ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => props.onSelect(a.id)}
                onDoubleClick={() => navigate(`/article/${a.id}`)}
              >
                <span className="c-title" role="gridcell">
                  <a href={`#/article/${a.id}`}>{a.title}</a>
                  {a.similarToId && (
                    <span className="flag" title="Near-duplicate of another article">
                      {' '}
                      similar
                    </span>
                  )}
                </span>
                <span className="c-source" role="gridcell">
                  {a.source ?? ''}
                </span>
                <span className="c-date" role="gridcell">
                  {a.publishedAt ?? ''}
                </span>
                <span className="c-num" role="gridcell">
                  {a.wordCount.toLocaleString()}
                </span>
                <span className="c-num" role="gridcell">
                  {a.highlightCount}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
