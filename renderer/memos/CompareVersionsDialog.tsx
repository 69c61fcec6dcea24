// A saved version of the memo beside the current text, with Restore.
import type { MemoVersion } from '../../electron/api/contract-memos';
import { Dialog } from '../components/Dialog';
import { VersionDiff } from './VersionDiff';

interface Props {
  compare: { version: MemoVersion; current: string };
  trashed: boolean;
  onClose: () => void;
  restore: (versionId: number, what: string) => Promise<void>;
}

export function CompareVersionsDialog({ compare, trashed, onClose, restore }: Props) {
  return (
    <Dialog title="Compare versions" wide onClose={onClose}>
      <p className="muted small">
        Left: the version of {new Date(compare.version.createdAt).toLocaleString()} (“{compare.version.title}”). Right: the current text.
      </p>
      <VersionDiff original={compare.version.body} modified={compare.current} />
      <div className="dialog-actions">
        <button onClick={onClose}>Close</button>
        <button
          className="primary"
          disabled={trashed}
          onClick={() => void restore(compare.version.id, `the version of ${new Date(compare.version.createdAt).toLocaleString()}`)}
        >
          Restore this version
        </button>
      </div>
    </Dialog>
  );
}
