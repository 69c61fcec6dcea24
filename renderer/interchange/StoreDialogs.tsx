// Backups (list, back up now, restore with undo, how many to keep, save a
// copy) and opening another store file (by path, or from the recent list).
// The browser host takes no paths on its computer: there a copy is a
// download, a restore names a listed backup, and only recent stores open.
import { useState } from 'react';
import type { BackupEntry } from '../../electron/api/contract-interchange';
import { call, isBrowserHost } from '../api';
import { Dialog } from '../components/Dialog';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, queryClient, useCall } from '../queries';
import { MIME } from '../../core/files';
import { downloadFile } from '../lib/download';
import { formatBytes } from '../lib/files';

const ALL = ['articles', 'themes', 'highlights', 'memos', 'history'];
const REASONS: Record<BackupEntry['reason'], string> = {
  auto: 'Automatic',
  manual: 'Backed up by hand',
  'before-restore': 'Before a restore',
  'before-import': 'Before a project import',
};

const when = (iso: string) => new Date(iso).toLocaleString();

function refreshStoreViews(): void {
  invalidateScopes(ALL);
  void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('store.') });
}

/** Restore a backup; the toast offers to undo it by restoring the state saved just before. */
export async function restoreWithUndo(backup: { name: string; createdAt?: string }): Promise<boolean> {
  try {
    const r = await call('store.restore', { backupName: backup.name });
    refreshStoreViews();
    navigate('/library');
    toast(`Restored the backup${backup.createdAt ? ` of ${when(backup.createdAt)}` : ''}.`, {
      ms: 15_000,
      action: { label: 'Undo', run: () => void restoreWithUndo({ name: r.undoBackup.name }) },
    });
    return true;
  } catch (err) {
    toastError(err);
    return false;
  }
}

export function BackupsDialog(props: { onClose: () => void }) {
  const backups = useCall('store.backups', {});
  const stats = useCall('store.stats', {});
  const [keep, setKeep] = useState<string | null>(null);
  const [hours, setHours] = useState<string | null>(null);
  const [copyPath, setCopyPath] = useState('');
  const [busy, setBusy] = useState(false);
  const settings = backups.data?.settings;

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: ['store.backups'] });
    }
  };

  const backUpNow = () =>
    act(async () => {
      const b = await call('store.backupNow', {});
      toast(`Backed up (${formatBytes(b.bytes)}).`);
    });
  const saveSettings = () =>
    act(async () => {
      const s = await call('store.setBackupSettings', { keep: Number(keep ?? settings?.keep), intervalHours: Number(hours ?? settings?.intervalHours) });
      setKeep(null);
      setHours(null);
      toast(`Keeping the newest ${s.keep} backups; an automatic one at most every ${s.intervalHours} hours.`);
    });
  const downloadCopy = () =>
    act(async () => {
      const r = await call('store.saveCopy', {});
      downloadFile({ fileName: r.fileName, mimeType: MIME.sqlite, base64: r.base64 ?? '' });
      toast(`Saved a copy: ${r.fileName} (${formatBytes(r.bytes)}).`);
    });
  const saveCopyTo = () =>
    act(async () => {
      const r = await call('store.saveCopy', { path: copyPath.trim() });
      toast(`Saved a copy to ${r.path}.`);
    });
  const restore = (b: BackupEntry) => {
    if (!window.confirm(`Restore the backup of ${when(b.createdAt)}? The current state is backed up first, so you can undo this.`)) return;
    void act(async () => {
      if (await restoreWithUndo(b)) props.onClose();
    });
  };

  return (
    <Dialog title="Backups" onClose={props.onClose} wide>
      <p className="muted">
        Store: <code>{stats.data?.path}</code>. Backups are consistent copies kept in <code>{backups.data?.dir}</code>.
      </p>
      <div className="row">
        <button className="primary" onClick={() => void backUpNow()} disabled={busy}>
          Back up now
        </button>
        <button onClick={() => void downloadCopy()} disabled={busy}>
          Save a copy (download)
        </button>
        {!isBrowserHost() && (
          <>
            <span className="spacer" />
            <input value={copyPath} onChange={(e) => setCopyPath(e.target.value)} placeholder="/path/to/copy.sqlite" aria-label="Save a copy to" />
            <button onClick={() => void saveCopyTo()} disabled={busy || !copyPath.trim()}>
              Save a copy there
            </button>
          </>
        )}
      </div>
      {settings && (
        <div className="row">
          <label>
            Keep{' '}
            <input className="ix-num" type="number" min={1} max={1000} value={keep ?? settings.keep} onChange={(e) => setKeep(e.target.value)} aria-label="Backups to keep" />{' '}
            backups; back up automatically at most every{' '}
            <input className="ix-num" type="number" min={0} max={8760} value={hours ?? settings.intervalHours} onChange={(e) => setHours(e.target.value)} aria-label="Hours between automatic backups" />{' '}
            hours (when the store is opened)
          </label>
          <button onClick={() => void saveSettings()} disabled={busy || (keep === null && hours === null)}>
            Save
          </button>
        </div>
      )}
      {backups.data && backups.data.backups.length === 0 && <p className="muted">No backups yet.</p>}
      {backups.data && backups.data.backups.length > 0 && (
        <table className="ix-backups" aria-label="Backups">
          <thead>
            <tr>
              <th>Taken</th>
              <th>Why</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.data.backups.map((b) => (
              <tr key={b.path}>
                <td title={b.path}>{when(b.createdAt)}</td>
                <td>{REASONS[b.reason]}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td>
                  <button className="small" onClick={() => restore(b)} disabled={busy} aria-label={`Restore the backup of ${when(b.createdAt)}`}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

export function OpenStoreDialog(props: { onClose: () => void }) {
  const recent = useCall('store.recent', {});
  const [path, setPath] = useState('');
  const [create, setCreate] = useState(false);
  const [busy, setBusy] = useState(false);

  const browser = isBrowserHost();

  const open = async (which: { path: string; create: boolean } | { recentId: string }) => {
    setBusy(true);
    try {
      const r = await call('store.open', which);
      refreshStoreViews();
      navigate('/library');
      toast(r.created ? `Created and opened ${r.path}.` : `Opened ${r.path}.`);
      props.onClose();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Open a store" onClose={props.onClose}>
      <p className="muted">A store is one Quarry file holding articles, themes, highlights and memos.</p>
      {browser ? (
        <p className="muted" data-testid="open-store-browser-note">
          In the browser, Quarry opens only the stores listed below. To open another file, start Quarry on it (<code>npm run web -- --store FILE</code>) or use the desktop app.
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void open({ path: path.trim(), create });
          }}
        >
          <label className="field">
            <span>Path of the store file</span>
            <input autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/projects/rare-earths.sqlite" aria-label="Store file path" />
          </label>
          <label>
            <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} /> Create a new store if there is none
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !path.trim()}>
              Open
            </button>
          </div>
        </form>
      )}
      {recent.data && (
        <>
          <h3 className="ix-h3">Recent stores</h3>
          <ul className="ix-recent" aria-label="Recent stores">
            {recent.data.stores.map((s) => (
              <li key={s.id}>
                <code>{s.path}</code>
                {s.current ? (
                  <span className="muted"> (open now)</span>
                ) : (
                  <button className="small" disabled={busy || !s.exists} title={s.exists ? undefined : 'The file is no longer there'} onClick={() => void open({ recentId: s.id })}>
                    {s.exists ? 'Open' : 'Missing'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
