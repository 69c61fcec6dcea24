// Import flows shared by the file picker, drag and drop, and paste.
import { useSyncExternalStore } from 'react';
import type { ImportSummary, MethodInput, PreviewItem } from '../../electron/api/contract';
import { call } from '../api';
import { invalidateScopes } from '../queries';
import { filesToUploads } from './files';
import { toast, toastError } from './toast';

interface ImportState {
  /** Files parsed and waiting for review in the import preview. */
  preview: PreviewItem[] | null;
  running: boolean;
  progress: { done: number; total: number; current: string | null } | null;
  summary: ImportSummary | null;
}
let state: ImportState = { preview: null, running: false, progress: null, summary: null };
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

/** Up to this many files go through the preview (cuts, duplicates, metadata); bigger batches import directly. */
export const PREVIEW_MAX_FILES = 50;

export async function importFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  if (files.length <= PREVIEW_MAX_FILES) return previewFiles(files);
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

async function previewFiles(files: File[]): Promise<void> {
  set({ running: true, progress: { done: 0, total: files.length, current: files[0].name }, summary: null });
  try {
    const uploads = await filesToUploads(files);
    const { items } = await call('imports.preview', { files: uploads });
    set({ preview: items });
  } catch (err) {
    toastError(err);
  } finally {
    set({ running: false, progress: null });
  }
}

export function closePreview(): void {
  set({ preview: null });
}

export async function commitPreview(items: MethodInput<'imports.commit'>['items'], failed: PreviewItem[]): Promise<void> {
  try {
    const summary =
      items.length > 0
        ? await call('imports.commit', { items })
        : { imported: 0, updated: 0, duplicates: 0, skipped: 0, cancelled: false, results: [] };
    // Files that could not be read at all are part of the outcome too.
    for (const f of failed) summary.results.push({ file: f.file, status: 'skipped', message: f.message });
    summary.skipped += failed.length;
    set({ preview: null, summary });
  } catch (err) {
    toastError(err);
  } finally {
    invalidateScopes(['articles']);
  }
}
