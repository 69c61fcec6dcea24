// The Excerpts view's parts: the filter toolbar and one passage's card.
import type { Excerpt, Theme } from '../../electron/api/contract';
import { navigate } from '../lib/router';
import type { ExcerptFilters } from './useExcerpts';

interface ToolbarProps {
  f: ExcerptFilters;
  total: number;
  sources: { source: string }[] | undefined;
  themes: Theme[];
  themeId: number;
}

export function ExcerptToolbar({ f, total, sources, themes, themeId }: ToolbarProps) {
  const { includeSub, setIncludeSub, grouped, setGrouped, sort, setSort, source, setSource, from, setFrom, to, setTo, co, setCo } = f;
  return (
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
        {sources?.map((s) => (
          <option key={s.source} value={s.source}>
            {s.source}
          </option>
        ))}
      </select>
      <input aria-label="Published from" placeholder="from YYYY-MM-DD" value={from} onChange={(e) => setFrom(e.target.value)} size={12} />
      <input aria-label="Published to" placeholder="to YYYY-MM-DD" value={to} onChange={(e) => setTo(e.target.value)} size={12} />
      <select aria-label="Also tagged with" value={co} onChange={(e) => setCo(e.target.value ? Number(e.target.value) : '')}>
        <option value="">also tagged: any</option>
        {themes
          .filter((t) => t.id !== themeId)
          .map((t) => (
            <option key={t.id} value={t.id}>
              also: {t.name}
            </option>
          ))}
      </select>
    </div>
  );
}

const trim = (s: string, n: number, fromEnd: boolean) => (s.length <= n ? s : fromEnd ? `…${s.slice(s.length - n)}` : `${s.slice(0, n)}…`);

interface CardProps {
  e: Excerpt;
  themeId: number;
  byId: Map<number, Theme>;
  grouped: boolean;
  expanded: boolean;
  onToggle: () => void;
}

/** A passage with its context (trimmed until expanded), its other themes and comment; drag it into a memo to cite it. */
export function ExcerptCard({ e: ex, themeId, byId, grouped, expanded, onToggle }: CardProps) {
  return (
    <article
      className={ex.orphaned ? 'excerpt orphaned' : 'excerpt'}
      draggable
      onDragStart={(e) => {
        // Drop into a memo to cite the passage (docs/memo-citations.md).
        e.dataTransfer.setData('text/plain', `[[hl:${ex.uid}]]`);
        e.dataTransfer.setData('application/x-quarry-highlight', ex.uid);
      }}
    >
      <p className="excerpt-text" onClick={() => navigate(`/article/${ex.article.id}?h=${ex.id}`)} title="Open in the Reader">
        <span className="ctx">{expanded ? ex.before : trim(ex.before, 120, true)}</span>
        <mark className="excerpt-quote">{ex.quote}</mark>
        <span className="ctx">{expanded ? ex.after : trim(ex.after, 120, false)}</span>
      </p>
      <div className="excerpt-meta">
        {!grouped && (
          <span>
            <a href={`#/article/${ex.article.id}?h=${ex.id}`}>{ex.article.title}</a> ·{' '}
            {[ex.article.source, ex.article.publishedAt].filter(Boolean).join(' · ')}
          </span>
        )}
        {ex.themeIds
          .filter((id) => id !== themeId)
          .map((id) => (
            <span key={id} className="chip small" style={{ borderColor: byId.get(id)?.color }}>
              {byId.get(id)?.name}
            </span>
          ))}
        {ex.orphaned && <span className="warning">could not be placed after a text change</span>}
        <button className="link" onClick={onToggle}>
          {expanded ? 'less context' : 'more context'}
        </button>
      </div>
      {ex.comment && <p className="excerpt-comment">{ex.comment}</p>}
    </article>
  );
}
