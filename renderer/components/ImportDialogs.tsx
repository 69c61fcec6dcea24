import { useState } from 'react';
import { ApiError } from '../api';
import { closeSummary, useImportState, cancelImport } from '../lib/importer';
import { navigate } from '../lib/router';
import { toast } from '../lib/toast';
import { useMutate } from '../queries';
import { Dialog } from './Dialog';
import { ImportPreview } from './ImportPreview';

export function ImportProgress() {
  const { running, progress } = useImportState();
  if (!running || !progress) return null;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <span>
        Importing {progress.done} / {progress.total}
        {progress.current ? ` · ${progress.current}` : ''}
      </span>
      <progress max={100} value={pct} aria-label="Import progress" />
      <button onClick={() => void cancelImport()}>Cancel</button>
    </div>
  );
}

export function ImportSummaryDialog() {
  const { summary, preview } = useImportState();
  if (preview) return <ImportPreview items={preview} />;
  if (!summary) return null;
  return (
    <Dialog title="Import finished" onClose={closeSummary} wide>
      <p className="summary-line" data-testid="import-summary">
        {summary.imported} imported, {summary.updated ? `${summary.updated} updated, ` : ''}
        {summary.duplicates} duplicates, {summary.skipped} skipped{summary.cancelled ? ' (cancelled)' : ''}.
      </p>
      <ul className="import-results">
        {summary.results.map((r, i) => (
          <li key={i} className={`result ${r.status}`}>
            <strong>{r.file}</strong>:{' '}
            {r.status === 'imported' && (
              <>
                imported{' '}
                {r.articleId ? (
                  <a href={`#/article/${r.articleId}`} onClick={closeSummary}>
                    {r.title}
                  </a>
                ) : (
                  r.title
                )}
                {r.message && !r.articleId ? ` (${r.message})` : ''}
                {r.similarTo && (
                  <span className="flag">
                    {' '}
                    · similar to “{r.similarTo.title}” ({Math.round(r.similarTo.similarity * 100)}%)
                  </span>
                )}
              </>
            )}
            {r.status === 'updated' && (
              <>
                <a href={`#/article/${r.articleId}`} onClick={closeSummary}>
                  {r.title}
                </a>{' '}
                updated: {r.reanchored?.moved} highlights moved, {r.reanchored?.stayed} stayed, {r.reanchored?.orphaned} could not be placed
              </>
            )}
            {r.status === 'duplicate' && <>duplicate of “{r.duplicateOf?.title}”, not imported</>}
            {r.status === 'skipped' && <>skipped: {r.message}</>}
            {r.warnings?.map((w, j) => (
              <div key={j} className="warning">
                {w}
              </div>
            ))}
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button className="primary" onClick={closeSummary}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

export function PasteDialog(props: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [source, setSource] = useState('');
  const [url, setUrl] = useState('');
  const importText = useMutate('articles.importText');
  const submit = async () => {
    try {
      const r = await importText.mutateAsync({ text, title: title || null, source: source || null, url: url || null, format: 'paste' });
      if (r.status === 'duplicate') toast(`Not imported: the same text is already in “${r.duplicateOf?.title}”.`);
      else {
        toast(`Imported “${r.title}”${r.similarTo ? ` (similar to “${r.similarTo.title}”)` : ''}.`);
        props.onClose();
        navigate(`/article/${r.articleId}`);
      }
    } catch (err) {
      toast(err instanceof ApiError ? err.message : String(err), { kind: 'error' });
    }
  };
  return (
    <Dialog title="Paste text as a new article" onClose={props.onClose} wide>
      <label className="field">
        <span>Text</span>
        <textarea
          autoFocus
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Paste the article here. The first line becomes the title unless you give one."
          aria-label="Article text"
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Title (optional)</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Outlet (optional)</span>
          <input value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        <label className="field">
          <span>URL (optional)</span>
          <input value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
      </div>
      <div className="dialog-actions">
        <button onClick={props.onClose}>Cancel</button>
        <button className="primary" disabled={!text.trim() || importText.isPending} onClick={() => void submit()}>
          Import
        </button>
      </div>
    </Dialog>
  );
}
