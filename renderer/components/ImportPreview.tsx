import { useMemo, useState } from 'react';
import type { PreviewArticle, PreviewItem } from '../../electron/api/contract';
import { commitPreview, closePreview } from '../lib/importer';
import { Dialog } from './Dialog';

interface Choice {
  include: boolean;
  accepted: Set<number>;
  metadata: { title: string; source: string; author: string; publishedAt: string; url: string };
}

const key = (item: PreviewItem, a: PreviewArticle) => `${item.previewId}:${a.index}`;

/**
 * The import preview: every file with what Quarry found in it, the web clutter
 * it proposes to cut (marked, each restorable), duplicates and near-duplicates,
 * and editable metadata. Nothing is stored until "Import".
 */
export function ImportPreview({ items }: { items: PreviewItem[] }) {
  const entries = useMemo(() => items.flatMap((item) => item.articles.map((a) => ({ item, a }))), [items]);
  const [choices, setChoices] = useState<Map<string, Choice>>(
    () =>
      new Map(
        entries.map(({ item, a }) => [
          key(item, a),
          {
            include: !a.duplicateOf,
            accepted: new Set(a.cuts.map((_, i) => i)),
            metadata: {
              title: a.metadata.title ?? '',
              source: a.metadata.source ?? '',
              author: a.metadata.author ?? '',
              publishedAt: a.metadata.publishedAt ?? '',
              url: a.metadata.url ?? '',
            },
          },
        ]),
      ),
  );
  const [current, setCurrent] = useState(entries[0] ? key(entries[0].item, entries[0].a) : '');
  const [busy, setBusy] = useState(false);
  const failed = items.filter((i) => !i.ok);
  const selected = entries.find(({ item, a }) => key(item, a) === current);
  const update = (k: string, fn: (c: Choice) => Choice) => setChoices((m) => new Map(m).set(k, fn(m.get(k)!)));
  const count = [...choices.values()].filter((c) => c.include).length;

  const submit = async () => {
    setBusy(true);
    await commitPreview(
      items
        .filter((i) => i.ok && i.previewId)
        .map((i) => ({
          previewId: i.previewId!,
          articles: i.articles
            .filter((a) => choices.get(key(i, a))?.include)
            .map((a) => {
              const c = choices.get(key(i, a))!;
              const m = c.metadata;
              return {
                index: a.index,
                acceptedCuts: [...c.accepted],
                metadata: { title: m.title || null, source: m.source || null, author: m.author || null, url: m.url || null, publishedAt: /^\d{4}(-\d{2}(-\d{2})?)?/.test(m.publishedAt) ? m.publishedAt : null },
              };
            }),
        })),
      failed,
    );
    setBusy(false);
  };

  return (
    <Dialog title="Import preview" onClose={closePreview} wide>
      <div className="import-preview">
        <ul className="preview-files" aria-label="Files to import">
          {entries.map(({ item, a }) => {
            const k = key(item, a);
            const c = choices.get(k)!;
            return (
              <li key={k} className={k === current ? 'active' : ''}>
                <input type="checkbox" aria-label={`Import ${a.metadata.title ?? item.file}`} checked={c.include} onChange={(e) => update(k, (x) => ({ ...x, include: e.target.checked }))} />
                <button className="link-like" onClick={() => setCurrent(k)}>
                  <strong>{c.metadata.title || item.file}</strong>
                  <span className="muted">
                    {' '}
                    {item.file}
                    {a.rowLabel ? ` (${a.rowLabel})` : ''} · {a.format}
                  </span>
                  {a.cuts.length > 0 && <span className="badge">{c.accepted.size}/{a.cuts.length} cuts</span>}
                  {a.duplicateOf && <span className="badge warn">duplicate of “{a.duplicateOf.title}”</span>}
                  {a.similarTo && <span className="badge warn">similar to “{a.similarTo.title}” ({Math.round(a.similarTo.similarity * 100)}%)</span>}
                </button>
              </li>
            );
          })}
          {failed.map((f) => (
            <li key={f.file} className="failed">
              <strong>{f.file}</strong>: {f.message}
            </li>
          ))}
        </ul>
        {selected && <ArticlePreview key={current} a={selected.a} choice={choices.get(current)!} onChange={(fn) => update(current, fn)} />}
      </div>
      <div className="dialog-actions">
        <button onClick={closePreview}>Cancel</button>
        <button className="primary" disabled={busy || count === 0} onClick={() => void submit()}>
          Import {count} {count === 1 ? 'article' : 'articles'}
        </button>
      </div>
    </Dialog>
  );
}

function ArticlePreview(props: { a: PreviewArticle; choice: Choice; onChange: (fn: (c: Choice) => Choice) => void }) {
  const { a, choice } = props;
  // Alternate kept text and proposed cuts, in order.
  const parts = useMemo(() => {
    const out: { text: string; cut: number | null }[] = [];
    let pos = 0;
    const sorted = a.cuts.map((c, i) => ({ ...c, i })).sort((x, y) => x.start - y.start);
    for (const c of sorted) {
      if (c.start > pos) out.push({ text: a.body.slice(pos, c.start), cut: null });
      out.push({ text: a.body.slice(c.start, c.end), cut: c.i });
      pos = c.end;
    }
    if (pos < a.body.length) out.push({ text: a.body.slice(pos), cut: null });
    return out;
  }, [a]);
  const field = (name: keyof Choice['metadata'], label: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={choice.metadata[name]} onChange={(e) => props.onChange((c) => ({ ...c, metadata: { ...c.metadata, [name]: e.target.value } }))} />
    </label>
  );
  return (
    <div className="preview-article">
      <div className="field-row">
        {field('title', 'Title')}
        {field('source', 'Outlet')}
      </div>
      <div className="field-row">
        {field('author', 'Author')}
        {field('publishedAt', 'Published')}
        {field('url', 'URL')}
      </div>
      {a.warnings.map((w, i) => (
        <p key={i} className="warning">
          {w}
        </p>
      ))}
      {a.cuts.length > 0 && (
        <p className="muted">
          Struck-through passages look like web clutter and will be cut. Click one to keep it.{' '}
          <button className="link" onClick={() => props.onChange((c) => ({ ...c, accepted: new Set() }))}>
            Keep all
          </button>{' '}
          <button className="link" onClick={() => props.onChange((c) => ({ ...c, accepted: new Set(a.cuts.map((_, i) => i)) }))}>
            Cut all
          </button>
        </p>
      )}
      <div className="preview-text" aria-label="Text to import">
        {parts.map((p, i) =>
          p.cut === null ? (
            <span key={i}>{p.text}</span>
          ) : (
            <span key={i} className={choice.accepted.has(p.cut) ? 'cut' : 'cut kept'}>
              <button
                className="cut-toggle"
                aria-pressed={choice.accepted.has(p.cut)}
                title={choice.accepted.has(p.cut) ? 'Will be cut: click to keep' : 'Kept: click to cut'}
                onClick={() =>
                  props.onChange((c) => {
                    const next = new Set(c.accepted);
                    if (next.has(p.cut!)) next.delete(p.cut!);
                    else next.add(p.cut!);
                    return { ...c, accepted: next };
                  })
                }
              >
                {choice.accepted.has(p.cut) ? `✂ ${a.cuts[p.cut].reason}` : `kept: ${a.cuts[p.cut].reason}`}
              </button>
              {choice.accepted.has(p.cut) ? <del>{p.text}</del> : p.text}
            </span>
          ),
        )}
      </div>
    </div>
  );
}
