// The Memos view: the memo list (title, last edit, what each memo cites or is
// linked to, search) and the editor of the memo in the route.
import { useEffect, useState } from 'react';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { navigate } from '../lib/router';
import { toastError } from '../lib/toast';
import { MemoEditor } from '../memos/MemoEditor';
import '../memos/monaco';
import { invalidateScopes, useCall } from '../queries';

export default function MemosView(props: { memoId: number | null }) {
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(filter.trim()), 150);
    return () => clearTimeout(t);
  }, [filter]);
  const memos = useCall('memos.overview', { query: query || null });
  const list = memos.data ?? [];
  const create = async () => {
    try {
      const m = await call('memos.create', { title: 'Untitled memo' });
      invalidateScopes(['memos']);
      navigate(`/memos/${m.id}`);
    } catch (err) {
      toastError(err);
    }
  };
  useCommands([
    { id: 'memos.new', label: 'New memo', group: 'Memos', shortcut: 'Mod+Alt+N', whileTyping: true, run: () => void create() },
    { id: 'memos.search', label: 'Search memos', group: 'Memos', run: () => document.querySelector<HTMLInputElement>('input[aria-label="Search memos"]')?.focus() },
  ]);
  return (
    <section className="memos-view" aria-label="Memos">
      <div className="memo-list">
        <div className="toolbar">
          <input type="search" aria-label="Search memos" placeholder="Search memos…" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <button className="primary" onClick={() => void create()}>
            New memo
          </button>
        </div>
        <ul aria-label="Memo list">
          {list.map((m) => (
            <li key={m.id} className={m.id === props.memoId ? 'selected' : ''}>
              <a href={`#/memos/${m.id}`} aria-current={m.id === props.memoId ? 'page' : undefined}>
                <strong className="memo-list-title">{m.title}</strong>
                <span className="muted small">
                  {new Date(m.updatedAt).toLocaleString()}
                  {m.citations ? ` · ${m.citations} citation${m.citations === 1 ? '' : 's'}` : ''}
                </span>
                {(m.themes.length > 0 || m.articles.length > 0) && (
                  <span className="memo-list-links">
                    {m.themes.slice(0, 3).map((t) => (
                      <span key={t.id} className="chip small" title={`Theme: ${t.name}`}>
                        <span className="swatch" style={{ background: t.color }} /> {t.name}
                      </span>
                    ))}
                    {m.themes.length > 3 && <span className="muted small">+{m.themes.length - 3}</span>}
                    {m.articles.length > 0 && (
                      <span className="muted small" title={m.articles.map((a) => a.title).join('\n')}>
                        {m.articles.length} article{m.articles.length === 1 ? '' : 's'}
                      </span>
                    )}
                  </span>
                )}
              </a>
            </li>
          ))}
          {memos.data && list.length === 0 && <li className="muted">{query ? 'No memo matches.' : 'No memos yet.'}</li>}
        </ul>
      </div>
      {props.memoId !== null ? <MemoEditor key={props.memoId} memoId={props.memoId} /> : <p className="muted pad">Choose a memo or start a new one.</p>}
    </section>
  );
}
