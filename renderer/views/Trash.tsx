import { call } from '../api';
import { toastError } from '../lib/toast';
import { invalidateScopes, useCall } from '../queries';

/** Everything deleted, restorable: articles, highlights, themes, memos. */
export function Trash() {
  const articles = useCall('articles.list', { trash: true });
  const themes = useCall('themes.list', { trash: true });
  const memos = useCall('memos.list', { trash: true });
  const highlights = useCall('highlights.trash', {});
  const restore = async (fn: () => Promise<unknown>, scope: string) => {
    try {
      await fn();
      invalidateScopes([scope]);
    } catch (err) {
      toastError(err);
    }
  };
  const empty = !articles.data?.length && !themes.data?.length && !memos.data?.length && !highlights.data?.length;
  return (
    <section className="trash pad" aria-label="Trash">
      <h1>Trash</h1>
      {empty && <p className="muted">The Trash is empty.</p>}
      {!!articles.data?.length && (
        <>
          <h2>Articles</h2>
          <ul className="trash-list" aria-label="Articles in the Trash">
            {articles.data.map((a) => (
              <li key={a.id}>
                <span>{a.title}</span>
                <span className="muted"> deleted {new Date(a.deletedAt!).toLocaleString()}</span>
                <button onClick={() => void restore(() => call('articles.restore', { ids: [a.id] }), 'articles')}>Restore</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!!highlights.data?.length && (
        <>
          <h2>Highlights</h2>
          <ul className="trash-list" aria-label="Highlights in the Trash">
            {highlights.data.map((h) => (
              <li key={h.id}>
                <span>“{h.quote.length > 120 ? `${h.quote.slice(0, 120)}…` : h.quote}”</span>
                <span className="muted"> in {h.articleTitle}</span>
                <button onClick={() => void restore(() => call('highlights.restore', { ids: [h.id] }), 'highlights')}>Restore</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!!themes.data?.length && (
        <>
          <h2>Themes</h2>
          <ul className="trash-list" aria-label="Themes in the Trash">
            {themes.data.map((t) => (
              <li key={t.id}>
                <span className="swatch" style={{ background: t.color }} /> <span>{t.name}</span>
                <button onClick={() => void restore(() => call('themes.restore', { id: t.id }), 'themes')}>Restore</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!!memos.data?.length && (
        <>
          <h2>Memos</h2>
          <ul className="trash-list" aria-label="Memos in the Trash">
            {memos.data.map((m) => (
              <li key={m.id}>
                <span>{m.title}</span>
                <button onClick={() => void restore(() => call('memos.restore', { id: m.id }), 'memos')}>Restore</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
