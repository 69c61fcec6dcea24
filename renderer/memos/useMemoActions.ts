// The memo's store actions: versions (compare, restore, save one now), exports and
// moving the memo to the Trash. Each flushes the autosave first.
import { useState } from 'react';
import type { MemoVersion, MemoVersionSummary } from '../../electron/api/contract-memos';
import { call } from '../api';
import { downloadFile } from '../lib/download';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';
import type { AutoSaver } from './autosave';
import { applyText, type EditorRef } from './editor-actions';

export type Side = 'citations' | 'passages' | 'history' | 'links';
export type Format = 'md' | 'docx' | 'html';

interface Deps {
  memoId: number;
  saver: AutoSaver;
  editorRef: EditorRef;
  setTitle: (title: string) => void;
  setSide: (side: Side) => void;
}

export function useMemoVersions({ memoId, saver, editorRef, setTitle, setSide }: Deps) {
  const [compare, setCompare] = useState<{ version: MemoVersion; current: string } | null>(null);
  /** `what`: "the version of <date>", "the text from before the restore". */
  const restore = async (versionId: number, what: string) => {
    try {
      await saver.flush();
      const r = await call('memos.restoreVersion', { memoId, versionId });
      applyText(editorRef, r.memo.body);
      setTitle(r.memo.title);
      invalidateScopes(['memos']);
      setCompare(null);
      toast(`Restored ${what}.`, {
        action: { label: 'Undo', run: () => void restore(r.undoVersion.id, 'the text from before the restore') },
      });
    } catch (err) {
      toastError(err);
    }
  };
  const openCompare = async (v: MemoVersionSummary) => {
    try {
      const version = await call('memos.version', { id: v.id });
      setCompare({ version, current: editorRef.current?.getValue() ?? '' });
    } catch (err) {
      toastError(err);
    }
  };
  const saveVersion = async () => {
    try {
      await saver.flush();
      await saver.snapshot('manual');
      invalidateScopes(['memos']);
      toast('Version saved.');
      setSide('history');
    } catch (err) {
      toastError(err);
    }
  };
  return { compare, setCompare, restore, openCompare, saveVersion };
}

export function useMemoExport({ memoId, saver, setSide }: Pick<Deps, 'memoId' | 'saver' | 'setSide'>) {
  const exportAs = async (format: Format) => {
    try {
      await saver.flush();
      const r = await call('memos.export', { memoId, format });
      downloadFile(r);
      invalidateScopes(['memos']);
      const n = r.warnings.length;
      toast(
        `Exported ${r.fileName}${n ? `, with ${n} broken citation${n === 1 ? '' : 's'} marked in the file` : ''}.`,
        n ? { action: { label: 'Show', run: () => setSide('citations') } } : {},
      );
    } catch (err) {
      toastError(err);
    }
  };
  const remove = () =>
    void saver
      .flush()
      .then(() => call('memos.delete', { id: memoId }))
      .then(() => {
        invalidateScopes(['memos']);
        navigate('/memos');
        toast('Memo moved to the Trash.', {
          action: { label: 'Undo', run: () => void call('memos.restore', { id: memoId }).then(() => invalidateScopes(['memos'])) },
        });
      })
      .catch(toastError);
  return { exportAs, remove };
}
