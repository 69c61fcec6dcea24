// The app-wide commands (palette, import, sample project, undo and redo, going
// between views), as a list of command objects.
import type { RefObject } from 'react';
import { call } from '../api';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, useCall } from '../queries';
import { useCommands } from './registry';

interface Deps {
  setPalette: (on: boolean) => void;
  setSheet: (on: boolean) => void;
  setPaste: (on: boolean) => void;
  fileInput: RefObject<HTMLInputElement | null>;
  folderInput: RefObject<HTMLInputElement | null>;
}

export function useAppCommands({ setPalette, setSheet, setPaste, fileInput, folderInput }: Deps): void {
  const history = useCall('history.state', {});

  const undo = async () => {
    try {
      const r = await call('history.undo', {});
      invalidateScopes(['articles', 'highlights', 'themes', 'memos']);
      toast(r.label ? `Undone: ${r.label}` : 'Nothing to undo.');
    } catch (err) {
      toastError(err);
    }
  };
  const redo = async () => {
    try {
      const r = await call('history.redo', {});
      invalidateScopes(['articles', 'highlights', 'themes', 'memos']);
      toast(r.label ? `Redone: ${r.label}` : 'Nothing to redo.');
    } catch (err) {
      toastError(err);
    }
  };

  useCommands([
    { id: 'app.palette', label: 'Command palette', group: 'Help', shortcut: 'Mod+K', whileTyping: true, run: () => setPalette(true) },
    { id: 'app.shortcuts', label: 'Keyboard shortcuts', group: 'Help', shortcut: '?', run: () => setSheet(true) },
    {
      id: 'file.import',
      label: 'Import files…',
      group: 'File',
      shortcut: 'Mod+O',
      whileTyping: true,
      run: () => fileInput.current?.click(),
    },
    { id: 'file.importFolder', label: 'Import a folder…', group: 'File', run: () => folderInput.current?.click() },
    { id: 'file.paste', label: 'Paste text as a new article…', group: 'File', shortcut: 'Mod+Shift+V', run: () => setPaste(true) },
    {
      id: 'file.sample',
      label: 'Open the sample project',
      group: 'File',
      run: async () => {
        try {
          const r = await call('sample.open', {});
          invalidateScopes(['articles', 'themes', 'highlights', 'memos']);
          toast(
            r.articles
              ? `Sample project loaded: ${r.articles} articles, ${r.highlights} highlights, ${r.memos} memo.`
              : 'The sample project is already in this library.',
          );
          navigate('/library');
        } catch (err) {
          toastError(err);
        }
      },
    },
    {
      id: 'edit.undo',
      label: history.data?.undoLabel ? `Undo ${history.data.undoLabel}` : 'Undo',
      group: 'Edit',
      shortcut: 'Mod+Z',
      run: undo,
    },
    {
      id: 'edit.redo',
      label: history.data?.redoLabel ? `Redo ${history.data.redoLabel}` : 'Redo',
      group: 'Edit',
      shortcut: 'Mod+Shift+Z',
      run: redo,
    },
    { id: 'edit.redo2', label: 'Redo (alternative)', group: 'Edit', shortcut: 'Mod+Y', run: redo },
    { id: 'go.library', label: 'Go to Library', group: 'Go', shortcut: 'Alt+1', whileTyping: true, run: () => navigate('/library') },
    { id: 'go.themes', label: 'Go to Themes', group: 'Go', shortcut: 'Alt+2', whileTyping: true, run: () => navigate('/themes') },
    { id: 'go.memos', label: 'Go to Memos', group: 'Go', shortcut: 'Alt+3', whileTyping: true, run: () => navigate('/memos') },
    { id: 'go.trash', label: 'Go to Trash', group: 'Go', shortcut: 'Alt+4', whileTyping: true, run: () => navigate('/trash') },
  ]);
}
