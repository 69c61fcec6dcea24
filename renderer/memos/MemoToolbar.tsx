// The memo editor's toolbar: title, save status, preview toggle, exports, Delete or
// Restore from Trash.
import type { Memo } from '../../electron/api/contract';
import { call } from '../api';
import { toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';
import type { AutoSaver, SaveStatus } from './autosave';
import type { Format } from './useMemoActions';

interface Props {
  memoId: number;
  title: string;
  setTitle: (title: string) => void;
  status: SaveStatus;
  trashed: boolean;
  saver: AutoSaver;
  showPreview: boolean;
  togglePreview: () => void;
  exportAs: (format: Format) => Promise<void>;
  remove: () => void;
  onRestored: (m: Memo) => void;
}

export function MemoToolbar({
  memoId,
  title,
  setTitle,
  status,
  trashed,
  saver,
  showPreview,
  togglePreview,
  exportAs,
  remove,
  onRestored,
}: Props) {
  const statusText = trashed
    ? 'In the Trash (read-only)'
    : status === 'saved'
      ? 'Saved'
      : status === 'saving'
        ? 'Saving…'
        : status === 'error'
          ? 'Not saved: retrying'
          : 'Unsaved changes';
  return (
    <div className="toolbar memo-toolbar">
      <input
        className="memo-title"
        aria-label="Memo title"
        value={title}
        readOnly={trashed}
        onChange={(e) => {
          setTitle(e.target.value);
          saver.change({ title: e.target.value });
        }}
        onBlur={() => void saver.flush()}
      />
      <span className={`save-status ${status}`} data-testid="save-status">
        {statusText}
      </span>
      <button aria-pressed={showPreview} onClick={togglePreview} title="Show or hide the preview (Ctrl+Alt+P)">
        Preview
      </button>
      <span className="export-group" role="group" aria-label="Export">
        <button onClick={() => void exportAs('md')} title="Export as Markdown with footnotes">
          .md
        </button>
        <button onClick={() => void exportAs('docx')} title="Export as a Word document with real footnotes">
          .docx
        </button>
        <button onClick={() => void exportAs('html')} title="Export as one self-contained HTML file">
          .html
        </button>
      </span>
      {trashed ? (
        <button
          onClick={() =>
            void call('memos.restore', { id: memoId })
              .then((m) => (invalidateScopes(['memos']), onRestored(m)))
              .catch(toastError)
          }
        >
          Restore from Trash
        </button>
      ) : (
        <button className="danger" onClick={remove}>
          Delete
        </button>
      )}
    </div>
  );
}
