// Import flows shared by the file picker, drag and drop, and paste.
import { useSyncExternalStore } from 'react';
import type { ImportSummary } from '../../electron/api/contract';
import { call } from '../api';
import { invalidateScopes } from '../queries';
import { filesToUploads } from './files';
import { toast, toastError } from './toast';

interface ImportState {
  running: boolean;
  progress: { done: number; total: number; current: string | null } | null;
  summary: ImportSummary | null;
}
let state: ImportState = { running: false, progress: null, summary: null };
const subs = new Set<() => void>();
const set = (s: Partial<ImportState>) => {
  state = { ...state, ...s };
  subs.forEach((f) => f());
};

export function useImportState(): ImportState {
  return useSyncExternalStore(
    (fn) => {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    () => state,
  );
}

export function setImportProgress(p: ImportState['progress']): void {
  if (state.running) set({ progress: p });
}

export function closeSummary(): void {
  set({ summary: null });
}

export async function importFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  set({ running: true, progress: { done: 0, total: files.length, current: files[0].name }, summary: null });
  try {
    const uploads = await filesToUploads(files);
    const summary = await call('articles.importFiles', { files: uploads });
    set({ summary });
  } catch (err) {
    toastError(err);
  } finally {
    set({ running: false, progress: null });
    invalidateScopes(['articles']);
  }
}

export async function cancelImport(): Promise<void> {
  await call('imports.cancel', {});
  toast('Import cancelled; files already imported are kept.');
}
