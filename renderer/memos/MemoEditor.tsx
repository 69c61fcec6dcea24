// The memo editor: Monaco (Markdown) with citation completion, hovers, markers and
// go-to-passage; a live preview with synchronised scrolling; side panels for
// citations, passages, version history and links; autosave and exports. The parts
// live beside it: useAutosave, usePreviewSync, useCitationMarkers, useMemoActions,
// useMemoCommands, editor-actions, MemoToolbar, MemoSide, CompareVersionsDialog.
import Editor from '@monaco-editor/react';
import type { editor as MonacoEditor } from 'monaco-editor';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memo } from '../../electron/api/contract';
import { call } from '../api';
import { CompareVersionsDialog } from './CompareVersionsDialog';
import { insertText, insertTrigger, jumpTo, mountEditor, openAtCursor } from './editor-actions';
import { MemoPreview } from './MemoPreview';
import { MemoSide } from './MemoSide';
import { MemoToolbar } from './MemoToolbar';
import { rememberMemo } from './recent';
import { useAutosave } from './useAutosave';
import { useCitationMarkers } from './useCitationMarkers';
import { useMemoExport, useMemoVersions, type Side } from './useMemoActions';
import { useMemoCommands } from './useMemoCommands';
import { PREVIEW_KEY, usePreviewSetting, usePreviewSync } from './usePreviewSync';

function readPreviewSetting(): boolean {
  try {
    return localStorage.getItem(PREVIEW_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function MemoEditor({ memoId }: { memoId: number }) {
  const [memo, setMemo] = useState<Memo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Read fresh from the store (not the query cache): the text may have changed
    // since (a citation added from the Reader, a restore, another window).
    call('memos.get', { id: memoId })
      .then((m) => live && setMemo(m))
      .catch((err: Error) => live && setLoadError(err.message));
    rememberMemo(memoId);
    return () => {
      live = false;
    };
  }, [memoId]);
  if (loadError) return <p className="error pad">{loadError}</p>;
  if (!memo) return <p className="muted pad">Loading…</p>;
  return <LoadedMemoEditor key={memo.id} memo={memo} onRestored={(m) => setMemo(m)} />;
}

function editorOptions(trashed: boolean): MonacoEditor.IStandaloneEditorConstructionOptions {
  return {
    readOnly: trashed,
    wordWrap: 'on',
    minimap: { enabled: false },
    lineNumbers: 'on',
    lineNumbersMinChars: 3,
    fontSize: 15,
    scrollBeyondLastLine: false,
    quickSuggestions: false,
    wordBasedSuggestions: 'off',
    suggest: { showWords: false, filterGraceful: true, preview: false },
    dropIntoEditor: { enabled: true },
    fixedOverflowWidgets: true,
    automaticLayout: true,
    hover: { delay: 250 },
    unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
  };
}

function LoadedMemoEditor({ memo, onRestored }: { memo: Memo; onRestored: (m: Memo) => void }) {
  const memoId = memo.id;
  const [title, setTitle] = useState(memo.title);
  const [showPreview, setShowPreview] = useState(readPreviewSetting);
  const [side, setSide] = useState<Side | null>('citations');
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const trashed = memo.deletedAt !== null;

  const { saver, status } = useAutosave(memoId);
  const { blocks, previewRef, previewedAt, requestPreview, syncFromEditor, syncFromPreview } = usePreviewSync(editorRef, showPreview);
  const { analysis, schedule } = useCitationMarkers(editorRef, requestPreview);
  usePreviewSetting(showPreview, previewedAt, schedule);

  const { compare, setCompare, restore, openCompare, saveVersion } = useMemoVersions({ memoId, saver, editorRef, setTitle, setSide });
  const { exportAs, remove } = useMemoExport({ memoId, saver, setSide });
  const toggleSide = (s: Side) => setSide((cur) => (cur === s ? null : s));
  const openHere = () => openAtCursor(editorRef);
  // Stable: the citation rows are memoised on it.
  const jump = useCallback((line: number, column: number) => jumpTo(editorRef, line, column), []);
  useMemoCommands({
    saver,
    trashed,
    setShowPreview,
    toggleSide,
    saveVersion,
    insertTrigger: (text) => insertTrigger(editorRef, text),
    openAtCursor: openHere,
    exportAs,
    remove,
  });

  const onMount = (ed: MonacoEditor.IStandaloneCodeEditor) => mountEditor(ed, { editorRef, saver, syncFromEditor, openHere, schedule });

  return (
    <div className="memo-editor">
      <MemoToolbar
        memoId={memoId}
        title={title}
        setTitle={setTitle}
        status={status}
        trashed={trashed}
        saver={saver}
        showPreview={showPreview}
        togglePreview={() => setShowPreview((v) => !v)}
        exportAs={exportAs}
        remove={remove}
        onRestored={onRestored}
      />
      <div className="memo-panes">
        <div className="memo-monaco" data-testid="memo-editor">
          <Editor
            path={`quarry-memo-${memoId}.md`}
            defaultLanguage="markdown"
            defaultValue={memo.body}
            theme="vs"
            options={editorOptions(trashed)}
            onChange={(v) => {
              if (trashed) return;
              saver.change({ body: v ?? '' });
              requestPreview();
              schedule();
            }}
            onMount={onMount}
          />
        </div>
        {showPreview && <MemoPreview ref={previewRef} blocks={blocks} onScroll={syncFromPreview} />}
        <MemoSide
          memoId={memoId}
          side={side}
          toggleSide={toggleSide}
          analysis={analysis}
          jumpTo={jump}
          insert={(text) => insertText(editorRef, trashed, text)}
          openCompare={openCompare}
          restore={restore}
          saveVersion={saveVersion}
        />
      </div>
      {compare && <CompareVersionsDialog compare={compare} trashed={trashed} onClose={() => setCompare(null)} restore={restore} />}
    </div>
  );
}
