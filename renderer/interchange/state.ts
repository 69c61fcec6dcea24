// Which interchange dialog is open, as a tiny external store, so commands,
// other views (the Themes view, an excerpt list) and the dialogs share it.
import { useSyncExternalStore } from 'react';

export type ExportWhat = 'excerpts' | 'codebook' | 'project';

export type InterchangeDialog =
  | { kind: 'export'; what: ExportWhat; themeIds?: number[] }
  | { kind: 'import'; codebookOnly?: boolean }
  | { kind: 'backups' }
  | { kind: 'open-store' }
  | null;

let current: InterchangeDialog = null;
const subs = new Set<() => void>();

export function openDialog(d: InterchangeDialog): void {
  current = d;
  subs.forEach((f) => f());
}

export const closeDialog = (): void => openDialog(null);

/** For other views: open the Export dialog, e.g. for the excerpts of some themes. */
export function openExportDialog(what: ExportWhat = 'excerpts', themeIds?: number[]): void {
  openDialog({ kind: 'export', what, themeIds });
}

export function useDialog(): InterchangeDialog {
  return useSyncExternalStore(
    (fn) => {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    () => current,
  );
}
