import { useEffect, useState } from 'react';
import type { ArticleView } from '../../electron/api/contract';
import { toast, toastError } from '../lib/toast';
import { useMutate } from '../queries';

const FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'source', label: 'Outlet' },
  { key: 'author', label: 'Author' },
  { key: 'url', label: 'URL' },
  { key: 'publishedAt', label: 'Published (YYYY, YYYY-MM or YYYY-MM-DD)' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

export function MetadataForm({ article }: { article: ArticleView }) {
  const initial = () => Object.fromEntries(FIELDS.map((f) => [f.key, article[f.key] ?? ''])) as Record<Key, string>;
  const [values, setValues] = useState(initial);
  useEffect(() => setValues(initial()), [article.id, article.title, article.source, article.author, article.url, article.publishedAt]); // deliberately not `article` itself (react-hooks/exhaustive-deps; plugin not installed)
  const update = useMutate('articles.update');
  const dirty = FIELDS.some((f) => values[f.key] !== (article[f.key] ?? ''));
  const save = async () => {
    try {
      await update.mutateAsync({
        id: article.id,
        title: values.title,
        source: values.source || null,
        author: values.author || null,
        url: values.url || null,
        publishedAt: values.publishedAt || null,
      });
      toast('Details saved.');
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <form
      className="metadata"
      aria-label="Article details"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>{f.label}</span>
          <input name={f.key} value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
        </label>
      ))}
      <div className="dialog-actions">
        <button type="button" disabled={!dirty} onClick={() => setValues(initial())}>
          Revert
        </button>
        <button type="submit" className="primary" disabled={!dirty || update.isPending}>
          Save details
        </button>
      </div>
      <dl className="provenance">
        <dt>Words</dt>
        <dd>{article.wordCount.toLocaleString()}</dd>
        <dt>Imported</dt>
        <dd>{new Date(article.importedAt).toLocaleString()}</dd>
        <dt>From</dt>
        <dd>
          {article.originalName ?? '—'} {article.originalFormat ? `(${article.originalFormat}${article.originalBytes ? `, ${article.originalBytes.toLocaleString()} bytes` : ''})` : ''}
        </dd>
        {Object.entries(article.attributes).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </form>
  );
}
