// Importing a REFI-QDA project (.qdpx) or a codebook (.qdc, CSV, Markdown):
// merged into the open store (themes by name path, articles with the same
// text reused) or into a new store file. Ends with what was added, what was
// already there, the warnings, and what could not be carried over.
import { useState } from 'react';
import type { InterchangeImportSummary } from '../../electron/api/contract-interchange';
import { call, isBrowserHost } from '../api';
import { Dialog } from '../components/Dialog';
import { fileToBase64 } from '../lib/files';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, useCall } from '../queries';

const ALL = ['articles', 'themes', 'highlights', 'memos', 'history'];
const PROJECT_TYPES = '.qdpx,.qde,.qdc,.csv,.md,.markdown';
const CODEBOOK_TYPES = '.qdc,.csv,.md,.markdown';

function siblingPath(storePath: string, fileName: string): string {
  const sep = storePath.includes('\\') && !storePath.includes('/') ? '\\' : '/';
  const dir = storePath.slice(0, storePath.lastIndexOf(sep) + 1);
  return `${dir}${fileName.replace(/\.[^.]+$/, '') || 'imported'}.sqlite`;
}

export function ImportDialog(props: { codebookOnly?: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState<'open' | 'new'>('open');
  const [newPath, setNewPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<InterchangeImportSummary | null>(null);
  const stats = useCall('store.stats', {});
  const isProject = !!file && /\.(qdpx|qde)$/i.test(file.name);

  const pick = (f: File | null) => {
    setFile(f);
    if (f && stats.data) setNewPath(siblingPath(stats.data.path, f.name));
  };

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const s = await call('interchange.importFile', {
        name: file.name,
        data: await fileToBase64(file),
        target: isProject ? target : 'open',
        ...(isProject && target === 'new' ? { newStorePath: newPath } : {}),
      });
      invalidateScopes(ALL);
      setSummary(s);
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  const undoImport = async (backupPath: string) => {
    try {
      // By name: the backup sits in the store's backups folder, and the browser host takes no paths.
      await call('store.restore', { backupName: backupPath.split(/[\\/]/).pop()! });
      invalidateScopes(ALL);
      toast('Import undone: the store is back as it was before.');
      props.onClose();
    } catch (err) {
      toastError(err);
    }
  };

  if (summary) {
    const rows: [string, { added: number; existing: number }][] =
      summary.kind === 'project'
        ? [
            ['Articles', summary.articles],
            ['Themes', summary.themes],
            ['Highlights', summary.highlights],
            ['Memos', summary.memos],
          ]
        : [['Themes', summary.themes]];
    return (
      <Dialog title="Import finished" onClose={props.onClose} wide>
        <p className="summary-line" data-testid="interchange-summary">
          {summary.kind === 'project' ? 'Project' : 'Codebook'} “{summary.name}” imported into{' '}
          {summary.target === 'new' ? `the new store ${summary.storePath}${summary.opened ? ', now open' : ''}` : 'this store'}.
        </p>
        <table className="ix-counts" aria-label="Import counts">
          <thead>
            <tr>
              <th />
              <th>Added</th>
              <th>Already there</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{n.added}</td>
                <td>{n.existing}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.addedThemes.length > 0 && (
          <details open={summary.addedThemes.length <= 12}>
            <summary>New themes ({summary.addedThemes.length})</summary>
            <ul className="ix-list" aria-label="New themes">
              {summary.addedThemes.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </details>
        )}
        {summary.existingThemes.length > 0 && (
          <details>
            <summary>Themes already in the codebook ({summary.existingThemes.length}), merged by name</summary>
            <ul className="ix-list" aria-label="Themes already there">
              {summary.existingThemes.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </details>
        )}
        {summary.warnings.map((w, i) => (
          <div key={i} className="warning">
            {w}
          </div>
        ))}
        {summary.notCarried.length > 0 && (
          <div className="warning" data-testid="not-carried">
            Not carried over (Quarry has no place for these): {summary.notCarried.join('; ')}.
          </div>
        )}
        <div className="dialog-actions">
          {summary.backupPath && (
            <button onClick={() => void undoImport(summary.backupPath!)} title={`Restore the backup taken just before: ${summary.backupPath}`}>
              Undo this import
            </button>
          )}
          <button
            className="primary"
            onClick={() => {
              props.onClose();
              navigate(summary.kind === 'project' ? '/library' : '/themes');
            }}
          >
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={props.codebookOnly ? 'Import a codebook' : 'Import a project or codebook'} onClose={props.onClose}>
      <p className="muted">
        {props.codebookOnly
          ? 'A REFI-QDA codebook (.qdc), a CSV with path, description and colour columns, or a Markdown list. Themes are merged by name path ("Parent > Child").'
          : 'A REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or Quarry, or a codebook (.qdc, CSV, Markdown).'}
      </p>
      <label className="field">
        <span>File</span>
        <input type="file" accept={props.codebookOnly ? CODEBOOK_TYPES : PROJECT_TYPES} aria-label="File to import" onChange={(e) => pick(e.target.files?.[0] ?? null)} disabled={busy} />
      </label>
      {isProject && (
        <fieldset className="ix-target" disabled={busy}>
          <legend>Import into</legend>
          <label>
            <input type="radio" name="target" checked={target === 'open'} onChange={() => setTarget('open')} /> This store: themes merged by name, articles with the
            same text reused (a backup is taken first)
          </label>
          {isBrowserHost() ? (
            <p className="muted">
              To import into a new store file, use the desktop app, or the command line: <code>quarry call interchange.importFile</code> with <code>target: "new"</code>.
            </p>
          ) : (
            <>
              <label>
                <input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} /> A new store file, opened afterwards
              </label>
              {target === 'new' && <input value={newPath} onChange={(e) => setNewPath(e.target.value)} aria-label="New store file" />}
            </>
          )}
        </fieldset>
      )}
      {busy && (
        <div className="ix-progress" role="status">
          <progress aria-label="Import progress" />
          <span>Importing {file?.name}…</span>
        </div>
      )}
      <div className="dialog-actions">
        <button onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button className="primary" disabled={!file || busy || (isProject && target === 'new' && !newPath.trim())} onClick={() => void submit()}>
          Import
        </button>
      </div>
    </Dialog>
  );
}
