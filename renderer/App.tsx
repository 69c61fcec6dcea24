import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { call, on } from './api';
import { installShortcuts, useCommands } from './commands/registry';
import { CommandPalette, ShortcutSheet } from './components/CommandPalette';
import { ImportProgress, ImportSummaryDialog, PasteDialog } from './components/ImportDialogs';
import { MenuBar } from './components/MenuBar';
import { InterchangeUI } from './interchange/InterchangeUI';
import { Toasts } from './components/Toasts';
import { importFiles, setImportProgress } from './lib/importer';
import { navigate, useRoute } from './lib/router';
import { toast, toastError } from './lib/toast';
import { invalidateScopes, subscribeToStoreEvents, useCall } from './queries';
import { Library } from './views/Library';
import { Reader } from './views/Reader';
import { Trash } from './views/Trash';
import { ThemesView } from './views/Themes';

const MemosView = lazy(() => import('./views/Memos'));

export function App() {
  const route = useRoute();
  const [palette, setPalette] = useState(false);
  const [sheet, setSheet] = useState(false);
  const [paste, setPaste] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const history = useCall('history.state', {});

  useEffect(() => {
    subscribeToStoreEvents();
    const offProgress = on('import.progress', (p) => setImportProgress(p));
    const offKeys = installShortcuts();
    return () => {
      offProgress();
      offKeys();
    };
  }, []);

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
    { id: 'file.import', label: 'Import files…', group: 'File', shortcut: 'Mod+O', whileTyping: true, run: () => fileInput.current?.click() },
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
          toast(r.articles ? `Sample project loaded: ${r.articles} articles, ${r.highlights} highlights, ${r.memos} memo.` : 'The sample project is already in this library.');
          navigate('/library');
        } catch (err) {
          toastError(err);
        }
      },
    },
    { id: 'edit.undo', label: history.data?.undoLabel ? `Undo ${history.data.undoLabel}` : 'Undo', group: 'Edit', shortcut: 'Mod+Z', run: undo },
    { id: 'edit.redo', label: history.data?.redoLabel ? `Redo ${history.data.redoLabel}` : 'Redo', group: 'Edit', shortcut: 'Mod+Shift+Z', run: redo },
    { id: 'edit.redo2', label: 'Redo (alternative)', group: 'Edit', shortcut: 'Mod+Y', run: redo },
    { id: 'go.library', label: 'Go to Library', group: 'Go', shortcut: 'Alt+1', whileTyping: true, run: () => navigate('/library') },
    { id: 'go.themes', label: 'Go to Themes', group: 'Go', shortcut: 'Alt+2', whileTyping: true, run: () => navigate('/themes') },
    { id: 'go.memos', label: 'Go to Memos', group: 'Go', shortcut: 'Alt+3', whileTyping: true, run: () => navigate('/memos') },
    { id: 'go.trash', label: 'Go to Trash', group: 'Go', shortcut: 'Alt+4', whileTyping: true, run: () => navigate('/trash') },
  ]);

  const onFiles = (list: FileList | null) => {
    if (list && list.length) void importFiles([...list]);
  };

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        onFiles(e.dataTransfer.files);
      }}
    >
      <MenuBar />
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Quarry</div>
        <a href="#/library" className={route.view === 'library' ? 'active' : ''}>
          Library
        </a>
        <a href="#/themes" className={route.view === 'themes' ? 'active' : ''}>
          Themes
        </a>
        <a href="#/memos" className={route.view === 'memos' ? 'active' : ''}>
          Memos
        </a>
        <a href="#/trash" className={route.view === 'trash' ? 'active' : ''}>
          Trash
        </a>
        <div className="sidebar-foot">
          <button onClick={() => setPalette(true)} title="Command palette (Ctrl+K)">
            Commands…
          </button>
        </div>
      </nav>
      <main className="main">
        {route.view === 'library' && <Library onImport={() => fileInput.current?.click()} onPaste={() => setPaste(true)} />}
        {route.view === 'article' && route.id !== null && <Reader articleId={route.id} focusHighlight={Number(route.params.get('h')) || null} />}
        {route.view === 'themes' && <ThemesView themeId={route.id} />}
        {route.view === 'memos' && (
          <Suspense fallback={<p className="muted pad">Loading the editor…</p>}>
            <MemosView memoId={route.id} />
          </Suspense>
        )}
        {route.view === 'trash' && <Trash />}
      </main>
      <input ref={fileInput} type="file" multiple hidden data-testid="file-input" onChange={(e) => (onFiles(e.target.files), (e.target.value = ''))} />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        {...({ webkitdirectory: '' } as Record<string, string>)}
        onChange={(e) => (onFiles(e.target.files), (e.target.value = ''))}
      />
      <ImportProgress />
      <ImportSummaryDialog />
      {paste && <PasteDialog onClose={() => setPaste(false)} />}
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
      {sheet && <ShortcutSheet onClose={() => setSheet(false)} />}
      {dragging && <div className="drop-overlay">Drop files to import them</div>}
      <InterchangeUI />
      <Toasts />
    </div>
  );
}
