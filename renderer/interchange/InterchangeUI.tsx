// Export/import dialogs, backups and store files (issue 6), and their
// commands. Mounted once in App. Other views open the dialogs through
// openExportDialog / openDialog (./state).
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { useRoute } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { MIME } from '../../core/files';
import { downloadFile } from '../lib/download';
import { formatBytes } from '../lib/files';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { closeDialog, openDialog, useDialog } from './state';
import { BackupsDialog, OpenStoreDialog } from './StoreDialogs';

async function saveCopy(): Promise<void> {
  try {
    const r = await call('store.saveCopy', {});
    downloadFile({ fileName: r.fileName, mimeType: MIME.sqlite, base64: r.base64 ?? '' });
    toast(`Saved a copy of the store: ${r.fileName} (${formatBytes(r.bytes)}).`);
  } catch (err) {
    toastError(err);
  }
}

export function InterchangeUI() {
  const dialog = useDialog();
  const route = useRoute();
  const selectedTheme = route.view === 'themes' ? route.id : null;

  useCommands([
    { id: 'file.exportExcerpts', label: 'Export excerpts…', group: 'File', shortcut: 'Mod+Shift+E', run: () => openDialog({ kind: 'export', what: 'excerpts' }) },
    { id: 'file.exportCodebook', label: 'Export the codebook…', group: 'File', run: () => openDialog({ kind: 'export', what: 'codebook' }) },
    { id: 'file.exportProject', label: 'Export the project (REFI-QDA .qdpx)…', group: 'File', run: () => openDialog({ kind: 'export', what: 'project' }) },
    { id: 'file.importProject', label: 'Import a project or codebook (.qdpx, .qdc)…', group: 'File', run: () => openDialog({ kind: 'import' }) },
    { id: 'file.saveCopy', label: 'Save a copy of the store', group: 'File', run: () => void saveCopy() },
    { id: 'file.backups', label: 'Backups and restore…', group: 'File', run: () => openDialog({ kind: 'backups' }) },
    { id: 'file.openStore', label: 'Open another store…', group: 'File', run: () => openDialog({ kind: 'open-store' }) },
    {
      id: 'themes.exportExcerpts',
      label: 'Export the excerpts of the selected theme…',
      group: 'Themes',
      enabled: () => selectedTheme !== null,
      run: () => openDialog({ kind: 'export', what: 'excerpts', themeIds: selectedTheme !== null ? [selectedTheme] : [] }),
    },
    { id: 'themes.exportCodebook', label: 'Export the codebook…', group: 'Themes', run: () => openDialog({ kind: 'export', what: 'codebook' }) },
    { id: 'themes.importCodebook', label: 'Import a codebook (.qdc, CSV, Markdown)…', group: 'Themes', run: () => openDialog({ kind: 'import', codebookOnly: true }) },
  ]);

  if (!dialog) return null;
  switch (dialog.kind) {
    case 'export':
      return <ExportDialog key={`${dialog.what}:${dialog.themeIds?.join(',') ?? ''}`} what={dialog.what} themeIds={dialog.themeIds} onClose={closeDialog} />;
    case 'import':
      return <ImportDialog codebookOnly={dialog.codebookOnly} onClose={closeDialog} />;
    case 'backups':
      return <BackupsDialog onClose={closeDialog} />;
    case 'open-store':
      return <OpenStoreDialog onClose={closeDialog} />;
  }
}
