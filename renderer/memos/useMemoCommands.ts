// The memo editor's commands (palette, menus, shortcuts), as a list of command objects.
import type { Dispatch, SetStateAction } from 'react';
import { useCommands, type Command } from '../commands/registry';
import type { AutoSaver } from './autosave';
import type { Format, Side } from './useMemoActions';

interface Deps {
  saver: AutoSaver;
  trashed: boolean;
  setShowPreview: Dispatch<SetStateAction<boolean>>;
  toggleSide: (s: Side) => void;
  saveVersion: () => Promise<void>;
  insertTrigger: (text: string) => void;
  openAtCursor: () => void;
  exportAs: (format: Format) => Promise<void>;
  remove: () => void;
}

export function memoCommands({
  saver,
  trashed,
  setShowPreview,
  toggleSide,
  saveVersion,
  insertTrigger,
  openAtCursor,
  exportAs,
  remove,
}: Deps): Command[] {
  return [
    { id: 'memos.save', label: 'Save memo now', group: 'Memos', shortcut: 'Mod+S', whileTyping: true, run: () => void saver.flush() },
    {
      id: 'memos.togglePreview',
      label: 'Show or hide the preview',
      group: 'Memos',
      shortcut: 'Mod+Alt+P',
      whileTyping: true,
      run: () => setShowPreview((v) => !v),
    },
    {
      id: 'memos.citations',
      label: 'Citations panel',
      group: 'Memos',
      shortcut: 'Mod+Alt+C',
      whileTyping: true,
      run: () => toggleSide('citations'),
    },
    {
      id: 'memos.passages',
      label: 'Find passages to cite',
      group: 'Memos',
      shortcut: 'Mod+Alt+F',
      whileTyping: true,
      run: () => toggleSide('passages'),
    },
    {
      id: 'memos.history',
      label: 'Version history',
      group: 'Memos',
      shortcut: 'Mod+Alt+H',
      whileTyping: true,
      run: () => toggleSide('history'),
    },
    { id: 'memos.links', label: 'Linked articles and themes', group: 'Memos', whileTyping: true, run: () => toggleSide('links') },
    {
      id: 'memos.saveVersion',
      label: 'Save a version now',
      group: 'Memos',
      shortcut: 'Mod+Alt+S',
      whileTyping: true,
      run: () => void saveVersion(),
    },
    {
      id: 'memos.cite',
      label: 'Cite a passage (type @)',
      group: 'Memos',
      whileTyping: true,
      enabled: () => !trashed,
      run: () => insertTrigger('@'),
    },
    {
      id: 'memos.themeRef',
      label: 'Name a theme (type #)',
      group: 'Memos',
      whileTyping: true,
      enabled: () => !trashed,
      run: () => insertTrigger(' #'),
    },
    { id: 'memos.openCitation', label: 'Open the cited passage in the Reader (F12)', group: 'Memos', whileTyping: true, run: openAtCursor },
    { id: 'memos.exportMd', label: 'Export memo as Markdown', group: 'Memos', run: () => void exportAs('md') },
    { id: 'memos.exportDocx', label: 'Export memo as Word (DOCX)', group: 'Memos', run: () => void exportAs('docx') },
    { id: 'memos.exportHtml', label: 'Export memo as HTML', group: 'Memos', run: () => void exportAs('html') },
    { id: 'memos.delete', label: 'Move this memo to the Trash', group: 'Memos', enabled: () => !trashed, run: remove },
  ];
}

export function useMemoCommands(deps: Deps): void {
  useCommands(memoCommands(deps));
}
