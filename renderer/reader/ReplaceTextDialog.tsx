import { useState } from 'react';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';

/**
 * Replace an article's text with a new version (a corrected copy, an updated
 * page) while keeping its highlights: each is re-anchored, and those that
 * cannot be placed are listed as orphans, never dropped. Undoable.
 */
export function ReplaceTextDialog(props: { articleId: number; title: string; onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const r = await call('articles.replaceText', { articleId: props.articleId, text });
      invalidateScopes(['articles', 'highlights']);
      props.onClose();
      toast(`Text replaced: ${r.moved} highlights moved, ${r.stayed} stayed, ${r.orphaned} could not be placed${r.orphaned ? ' (listed under the highlights)' : ''}.`, {
        action: { label: 'Undo', run: () => void call('history.undo', {}).then(() => invalidateScopes(['articles', 'highlights'])) },
      });
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Replace the text of “${props.title}”`} onClose={props.onClose} wide>
      <p className="muted">Paste the new version. Highlights follow their passages; any that cannot be found are kept as orphans for you to re-place or delete.</p>
      <textarea autoFocus rows={16} aria-label="New text" value={text} onChange={(e) => setText(e.target.value)} />
      <div className="dialog-actions">
        <button onClick={props.onClose}>Cancel</button>
        <button className="primary" disabled={!text.trim() || busy} onClick={() => void submit()}>
          Replace text
        </button>
      </div>
    </Dialog>
  );
}
