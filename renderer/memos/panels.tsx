// The memo editor's side panels: Citations, Passages, History, Links.
import { memo, useEffect, useState } from 'react';
import type { MemoPassage, MemoVersionSummary } from '../../electron/api/contract-memos';
import { call } from '../api';
import { toastError } from '../lib/toast';
import type { BrokenCitation } from '../../core/memo/resolve';
import type { CitationToken } from '../../core/memo/tokens';
import { invalidateScopes, useCall } from '../queries';
import { shortQuote, sourceLine } from './citations';

export interface CitationRow {
  token: CitationToken;
  /** Footnote number (citations and inline quotes that resolved). */
  n: number | null;
  broken: BrokenCitation | null;
  passage: MemoPassage | undefined;
  themeName: string | null;
}

const KIND_LABEL = { cite: 'cite', embed: 'quote', theme: 'theme' } as const;

export function CitationsPanel(props: { rows: CitationRow[]; onJump: (line: number, column: number) => void }) {
  const broken = props.rows.filter((r) => r.broken);
  return (
    <div className="memo-citations" role="region" aria-label="Citations">
      <p className="muted small">
        {props.rows.length === 0
          ? 'No citations yet. Type @ and part of a quote, a theme or an article title to cite a passage; # names a theme.'
          : `${props.rows.length} citation${props.rows.length === 1 ? '' : 's'}${broken.length ? `, ${broken.length} broken` : ', none broken'}.`}
      </p>
      <ol className="citation-rows">
        {props.rows.map((r, i) => (
          <CitationItem
            key={i}
            kind={r.token.kind}
            line={r.token.line}
            column={r.token.column}
            n={r.n}
            reason={r.broken?.reason ?? null}
            status={r.broken ? r.broken.status : 'ok'}
            passage={r.passage}
            themeName={r.themeName}
            onJump={props.onJump}
          />
        ))}
      </ol>
    </div>
  );
}

/** One row; memoised on what it shows, so typing re-renders only the rows of the line being edited. */
const CitationItem = memo(function CitationItem(p: {
  kind: CitationToken['kind'];
  line: number;
  column: number;
  n: number | null;
  reason: string | null;
  status: string;
  passage: MemoPassage | undefined;
  themeName: string | null;
  onJump: (line: number, column: number) => void;
}) {
  return (
    <li className={p.reason ? 'broken' : ''} data-status={p.status}>
      <button className="citation-row" onClick={() => p.onJump(p.line, p.column)} title={`Line ${p.line}, column ${p.column}`}>
        <span className="cite-n">{p.n ?? (p.kind === 'theme' ? '#' : p.kind === 'embed' ? '❝' : '–')}</span>
        <span className="cite-body">
          {p.reason ? (
            <strong className="cite-broken">⚠ {p.reason}</strong>
          ) : p.kind === 'theme' ? (
            <span>{p.themeName}</span>
          ) : (
            <span className="cite-quote">“{shortQuote(p.passage?.quote ?? '', 110)}”</span>
          )}
          <span className="muted cite-meta">
            {KIND_LABEL[p.kind]} · line {p.line}
            {p.passage?.article ? ` · ${sourceLine(p.passage.article)}` : ''}
          </span>
        </span>
      </button>
    </li>
  );
});

export function PassagesPanel(props: { onInsert: (token: string) => void }) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query), 150);
    return () => clearTimeout(t);
  }, [query]);
  const hits = useCall('memos.searchPassages', { query: debounced, limit: 60 });
  return (
    <div className="memo-passages" role="region" aria-label="Passages">
      <input type="search" aria-label="Find passages" placeholder="Find passages (quote, theme, article)…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="muted small">Drag a passage into the memo, or insert it at the cursor.</p>
      <ul className="passage-hits">
        {hits.data?.map((h) => (
          <li
            key={h.id}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', `[[hl:${h.uid}]]`);
              e.dataTransfer.setData('application/x-quarry-highlight', h.uid);
              e.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className="swatches">
              {h.themes.map((t) => (
                <span key={t.id} className="swatch" style={{ background: t.color }} title={t.name} />
              ))}
            </span>
            <span className="hit-quote">“{shortQuote(h.quote, 160)}”</span>
            <span className="muted hit-source">{sourceLine(h.article)}</span>
            <span className="row">
              <button className="small" onClick={() => props.onInsert(`[[hl:${h.uid}]]`)}>
                Cite
              </button>
              <button className="small" onClick={() => props.onInsert(`![[hl:${h.uid}]]`)}>
                Quote
              </button>
            </span>
          </li>
        ))}
        {hits.data?.length === 0 && <li className="muted">No passage matches.</li>}
      </ul>
    </div>
  );
}

const REASON_LABEL: Record<MemoVersionSummary['reason'], string> = {
  auto: 'while editing',
  export: 'exported',
  restore: 'before a restore',
  manual: 'saved by hand',
};

export function HistoryPanel(props: {
  memoId: number;
  onCompare: (v: MemoVersionSummary) => void;
  onRestore: (v: MemoVersionSummary) => void;
  onSaveVersion: () => void;
}) {
  const versions = useCall('memos.versions', { memoId: props.memoId });
  return (
    <div className="memo-history" role="region" aria-label="Version history">
      <div className="row">
        <button className="small" onClick={props.onSaveVersion}>
          Save a version now
        </button>
      </div>
      {versions.data?.length === 0 && <p className="muted small">No versions yet. Quarry keeps one every few minutes of editing and one at each export.</p>}
      <ol className="version-rows">
        {versions.data?.map((v) => (
          <li key={v.id} data-version={v.id}>
            <span className="version-when">{new Date(v.createdAt).toLocaleString()}</span>
            <span className="muted small">
              {REASON_LABEL[v.reason]} · {v.chars.toLocaleString()} characters{v.title ? ` · “${shortQuote(v.title, 40)}”` : ''}
            </span>
            <span className="row">
              <button className="small" onClick={() => props.onCompare(v)}>
                Compare
              </button>
              <button className="small" onClick={() => props.onRestore(v)}>
                Restore
              </button>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function LinksPanel(props: { memoId: number }) {
  const links = useCall('memos.links', { memoId: props.memoId });
  const articles = useCall('articles.list', {});
  const themes = useCall('themes.list', {});
  const [article, setArticle] = useState('');
  const [theme, setTheme] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      invalidateScopes(['memos']);
    } catch (err) {
      toastError(err);
    }
  };
  const l = links.data;
  return (
    <div className="memo-links" role="region" aria-label="Links">
      <h4>Articles</h4>
      {l && l.articles.length === 0 && <p className="muted small">None cited or linked.</p>}
      <ul>
        {l?.articles.map((a) => (
          <li key={a.id}>
            <a href={`#/article/${a.id}`}>{a.title}</a>{' '}
            <span className="muted small">
              {[a.citations ? `${a.citations} citation${a.citations === 1 ? '' : 's'}` : '', a.manual ? 'linked' : '', a.deleted ? 'in the Trash' : ''].filter(Boolean).join(' · ')}
            </span>
            {a.manual && (
              <button className="small" aria-label={`Unlink ${a.title}`} onClick={() => void run(() => call('memos.unlink', { memoId: props.memoId, articleId: a.id }))}>
                Unlink
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="row">
        <select aria-label="Article to link" value={article} onChange={(e) => setArticle(e.target.value)}>
          <option value="">Link an article…</option>
          {articles.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
        <button className="small" disabled={!article} onClick={() => void run(() => call('memos.link', { memoId: props.memoId, articleId: Number(article) })).then(() => setArticle(''))}>
          Link
        </button>
      </div>
      <h4>Themes</h4>
      {l && l.themes.length === 0 && <p className="muted small">None cited or linked.</p>}
      <ul>
        {l?.themes.map((t) => (
          <li key={t.id}>
            <span className="swatch" style={{ background: t.color }} /> <a href={`#/themes/${t.id}`}>{t.name}</a>{' '}
            <span className="muted small">
              {[
                t.references ? `${t.references} reference${t.references === 1 ? '' : 's'}` : '',
                t.passages ? `${t.passages} cited passage${t.passages === 1 ? '' : 's'}` : '',
                t.manual ? 'linked' : '',
                t.deleted ? 'in the Trash' : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {t.manual && (
              <button className="small" aria-label={`Unlink ${t.name}`} onClick={() => void run(() => call('memos.unlink', { memoId: props.memoId, themeId: t.id }))}>
                Unlink
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="row">
        <select aria-label="Theme to link" value={theme} onChange={(e) => setTheme(e.target.value)}>
          <option value="">Link a theme…</option>
          {themes.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <button className="small" disabled={!theme} onClick={() => void run(() => call('memos.link', { memoId: props.memoId, themeId: Number(theme) })).then(() => setTheme(''))}>
          Link
        </button>
      </div>
    </div>
  );
}
