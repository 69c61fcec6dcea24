import Editor from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { Memo } from '../../db/types';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import '../memos/monaco';
import { invalidateScopes, useCall } from '../queries';

const SAVE_DELAY_MS = 600;

export default function MemosView(props: { memoId: number | null }) {
  const memos = useCall('memos.list', {});
  const [filter, setFilter] = useState('');
  const list = (memos.data ?? []).filter((m) => !filter || `${m.title}\n${m.body}`.toLowerCase().includes(filter.toLowerCase()));
  const create = async () => {
    try {
      const m = await call('memos.create', { title: 'Untitled memo' });
      invalidateScopes(['memos']);
      navigate(`/memos/${m.id}`);
    } catch (err) {
      toastError(err);
    }
  };
  useCommands([{ id: 'memos.new', label: 'New memo', group: 'Memos', shortcut: 'Mod+Alt+N', whileTyping: true, run: () => void create() }]);
  return (
    <section className="memos-view" aria-label="Memos">
      <div className="memo-list">
        <div className="toolbar">
          <input type="search" aria-label="Search memos" placeholder="Search memos…" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <button className="primary" onClick={() => void create()}>
            New memo
          </button>
        </div>
        <ul aria-label="Memos">
          {list.map((m) => (
            <li key={m.id} className={m.id === props.memoId ? 'selected' : ''}>
              <a href={`#/memos/${m.id}`}>
                <strong>{m.title}</strong>
                <span className="muted"> {new Date(m.updatedAt).toLocaleString()}</span>
              </a>
            </li>
          ))}
          {list.length === 0 && <li className="muted">No memos yet.</li>}
        </ul>
      </div>
      {props.memoId !== null ? <MemoEditor key={props.memoId} memoId={props.memoId} /> : <p className="muted pad">Choose a memo or start a new one.</p>}
    </section>
  );
}

function MemoEditor({ memoId }: { memoId: number }) {
  const memo = useCall('memos.get', { id: memoId }, { staleTime: Infinity });
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<'saved' | 'saving' | 'unsaved'>('saved');
  const pending = useRef<{ title?: string; body?: string }>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (memo.data) setTitle(memo.data.title);
  }, [memo.data?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const flush = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    if (patch.title === undefined && patch.body === undefined) return;
    pending.current = {};
    setStatus('saving');
    try {
      await call('memos.update', { id: memoId, ...patch });
      setStatus(Object.keys(pending.current).length ? 'unsaved' : 'saved');
      invalidateScopes(['memos']);
    } catch (err) {
      pending.current = { ...patch, ...pending.current };
      setStatus('unsaved');
      toastError(err);
    }
  };
  const schedule = (patch: { title?: string; body?: string }) => {
    pending.current = { ...pending.current, ...patch };
    setStatus('unsaved');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  };
  // Save on leaving the memo, closing the window or hiding the tab.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }); // eslint-disable-line react-hooks/exhaustive-deps

  useCommands([{ id: 'memos.save', label: 'Save memo now', group: 'Memos', shortcut: 'Mod+S', whileTyping: true, run: () => void flush() }]);

  if (!memo.data) return <p className="muted pad">Loading…</p>;
  const m: Memo = memo.data;
  return (
    <div className="memo-editor">
      <div className="toolbar">
        <input className="memo-title" aria-label="Memo title" value={title} onChange={(e) => (setTitle(e.target.value), schedule({ title: e.target.value }))} onBlur={() => void flush()} />
        <span className={`save-status ${status}`} data-testid="save-status">
          {status === 'saved' ? 'Saved' : status === 'saving' ? 'Saving…' : 'Unsaved changes'}
        </span>
        <button
          className="danger"
          onClick={() =>
            void call('memos.delete', { id: m.id })
              .then(() => {
                invalidateScopes(['memos']);
                navigate('/memos');
                toast('Memo moved to the Trash.', { action: { label: 'Undo', run: () => void call('memos.restore', { id: m.id }).then(() => invalidateScopes(['memos'])) } });
              })
              .catch(toastError)
          }
        >
          Delete
        </button>
      </div>
      <div className="memo-panes">
        <div className="memo-monaco" data-testid="memo-editor">
          <Editor
            defaultLanguage="markdown"
            defaultValue={m.body}
            theme="vs"
            options={{ wordWrap: 'on', minimap: { enabled: false }, lineNumbers: 'off', fontSize: 15, scrollBeyondLastLine: false, quickSuggestions: false }}
            onChange={(v) => schedule({ body: v ?? '' })}
            onMount={(editor) => {
              editor.onDidBlurEditorText(() => void flush());
            }}
          />
        </div>
      </div>
    </div>
  );
}
