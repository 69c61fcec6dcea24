// Saving a memo: debounced (AutoSaver), on blur, when the tab hides, before unload,
// and on leaving the editor.
import { useEffect, useMemo, useState } from 'react';
import { toastError } from '../lib/toast';
import { AutoSaver, type SaveStatus } from './autosave';

export function useAutosave(memoId: number) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  // The host announces each save (store.changed), which refreshes the memo list and panels.
  const saver = useMemo(() => new AutoSaver(memoId, setStatus, toastError), [memoId]);

  // ---- saving: debounced, on blur, when the tab hides, before unload, and on leaving
  useEffect(() => {
    const onHide = () => void saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && void saver.flush();
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void saver.close();
    };
  }, [saver]);

  return { saver, status };
}
