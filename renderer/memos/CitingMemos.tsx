// "Memos that cite this": shown in the Reader (for the article) and on a theme's
// page. Derived from citation tokens, plus the links made by hand. No Monaco here.
import { useCall } from '../queries';

export function CitingMemos(props: { articleId: number } | { themeId: number }) {
  const input = 'articleId' in props ? { articleId: props.articleId } : { themeId: props.themeId };
  const q = useCall('memos.citing', input);
  const memos = q.data ?? [];
  return (
    <section className="citing-memos" aria-label="Memos that cite this">
      <h3>Memos that cite this {memos.length > 0 && <span className="muted">({memos.length})</span>}</h3>
      {q.isError && <p className="error">{q.error.message}</p>}
      {q.data && memos.length === 0 && <p className="muted">No memo cites or links this yet.</p>}
      <ul>
        {memos.map((m) => {
          const how = [
            m.citations ? `${m.citations} citation${m.citations === 1 ? '' : 's'}` : '',
            m.references ? `${m.references} reference${m.references === 1 ? '' : 's'}` : '',
            m.manual ? 'linked' : '',
          ].filter(Boolean);
          return (
            <li key={m.id}>
              <a href={`#/memos/${m.id}`}>{m.title}</a> <span className="muted">{how.join(' · ')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
