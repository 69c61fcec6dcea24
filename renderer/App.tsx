import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { on } from './api';
import { installShortcuts } from './commands/registry';
import { useAppCommands } from './commands/useAppCommands';
import { CommandPalette, ShortcutSheet } from './components/CommandPalette';
import { ImportProgress, ImportSummaryDialog, PasteDialog } from './components/ImportDialogs';
import { MenuBar } from './components/MenuBar';
import { Sidebar } from './components/Sidebar';
import { InterchangeUI } from './interchange/InterchangeUI';
import { Toasts } from './components/Toasts';
import { importFiles, setImportProgress } from './lib/importer';
import { useRoute } from './lib/router';
import { subscribeToStoreEvents } from './queries';
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

  useEffect(() => {
    subscribeToStoreEvents();
    const offProgress = on('import.progress', (p) => setImportProgress(p));
    const offKeys = installShortcuts();
    return () => {
      offProgress();
      offKeys();
    };
  }, []);

  useAppCommands({ setPalette, setSheet, setPaste, fileInput, folderInput });

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
      <Sidebar view={route.view} onPalette={() => setPalette(true)} />
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
