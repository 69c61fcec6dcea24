// The memo editor: Monaco (Markdown) with citation completion, hovers, markers and
// go-to-passage; a live preview with synchronised scrolling; side panels for
// citations, passages, version history and links; autosave and exports.
import Editor from '@monaco-editor/react';
import type { editor as MonacoEditor } from 'monaco-editor';
import { useCallback, useEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { Memo } from '../../electron/api/contract';
import type { MemoVersion, MemoVersionSummary } from '../../electron/api/contract-memos';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { Dialog } from '../components/Dialog';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { resolveCitations, takesFootnote, type BrokenCitation } from '../../core/memo/resolve';
import type { CitationToken } from '../../core/memo/tokens';
import { invalidateScopes } from '../queries';
import { AutoSaver, type SaveStatus } from './autosave';
import { memoData } from './data';
import { downloadFile } from '../lib/download';
import { attachMemoModel, modelTokens, tokenAtPosition } from './language';
import { lineForPreviewTop, MemoPreview, previewTopForLine } from './MemoPreview';
import { monaco } from './monaco';
import { CitationsPanel, HistoryPanel, LinksPanel, PassagesPanel, type CitationRow } from './panels';
import { PreviewRenderer, type PreviewBlock } from './preview';
import { VersionDiff } from './VersionDiff';
import { rememberMemo } from './recent';

type Side = 'citations' | 'passages' | 'history' | 'links';
type Format = 'md' | 'docx' | 'html';

const PREVIEW_KEY = 'quarry.memoPreview';
const MARKER_OWNER = 'quarry-citations';

interface Analysis {
  rows: CitationRow[];
  broken: number;
}

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

function LoadedMemoEditor({ memo, onRestored }: { memo: Memo; onRestored: (m: Memo) => void }) {
  const memoId = memo.id;
  const [title, setTitle] = useState(memo.title);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [showPreview, setShowPreview] = useState(readPreviewSetting);
  const [side, setSide] = useState<Side | null>('citations');
  const [analysis, setAnalysis] = useState<Analysis>({ rows: [], broken: 0 });
  const [blocks, setBlocks] = useState<PreviewBlock[]>([]);
  const [compare, setCompare] = useState<{ version: MemoVersion; current: string } | null>(null);
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const previewRef = useRef<HTMLDivElement | null>(null);
  const showPreviewRef = useRef(showPreview);
  showPreviewRef.current = showPreview;
  const trashed = memo.deletedAt !== null;

  // The host announces each save (store.changed), which refreshes the memo list and panels.
  const saver = useMemo(() => new AutoSaver(memoId, setStatus, toastError), [memoId]);

  // ---- preview: rendered off the main thread on every change, sanitised here
  const previewer = useMemo(
    () =>
      new PreviewRenderer(
        () => ({ version: memoData.version, passages: () => memoData.passageList(), themes: () => memoData.themeRefs(), lookup: memoData.lookup, themeLookup: memoData.themeLookup }),
        setBlocks,
      ),
    [],
  );
  useEffect(() => () => previewer.dispose(), [previewer]);
  const previewedAt = useRef({ model: -1, data: -1 });
  const requestPreview = () => {
    const model = editorRef.current?.getModel();
    if (!model || !showPreviewRef.current) return;
    const uids = modelTokens(model)
      .filter((t) => t.kind !== 'theme')
      .map((t) => t.uid);
    if (!memoData.has(uids)) return; // the analysis fetches them, then asks again
    const at = { model: model.getVersionId(), data: memoData.version };
    if (at.model === previewedAt.current.model && at.data === previewedAt.current.data) return;
    previewedAt.current = at;
    previewer.render(model.getValue());
  };

  // ---- analysis: tokens -> markers, decorations, citations list. Run when the page
  // is idle (at most 120 ms late), so that typing, and the answer to an "@" query,
  // come first.
  const frame = useRef<number | null>(null);
  const tokenSignature = useRef('');
  const decorations = useRef<MonacoEditor.IEditorDecorationsCollection | null>(null);
  const analyse = useCallback(() => {
    frame.current = null;
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const tokens = modelTokens(model);
    const uids = tokens.filter((t) => t.kind !== 'theme').map((t) => t.uid);
    if (!memoData.has(uids)) {
      // First sight of some uids: fetch them, then come back (no flash of "missing").
      memoData.ensure(uids).then(schedule, toastError);
      return;
    }
    const res = resolveCitations(tokens, memoData.lookup, memoData.themeLookup);
    const brokenAt = new Map<number, BrokenCitation>(res.broken.map((b) => [b.start, b]));
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      res.broken.map((b) => {
        const end = model.getPositionAt(b.end);
        return {
          severity: monaco.MarkerSeverity.Warning,
          message: `${b.kind === 'theme' ? 'Broken theme reference' : 'Broken citation'}: ${b.reason}`,
          startLineNumber: b.line,
          startColumn: b.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          source: 'Quarry',
        };
      }),
    );
    decorations.current ??= ed.createDecorationsCollection();
    // Monaco moves decorations along with edits: only redo them when the tokens themselves changed.
    const signature = tokens.map((t) => `${t.kind}:${t.uid}:${t.end - t.start}:${brokenAt.has(t.start) ? 1 : 0}`).join('|');
    if (signature !== tokenSignature.current) {
      tokenSignature.current = signature;
      decorations.current.set(
        tokens.map((t) => {
          const s = model.getPositionAt(t.start);
          const e = model.getPositionAt(t.end);
          const cls = brokenAt.has(t.start) ? 'memo-tok-broken' : t.kind === 'theme' ? 'memo-tok-theme' : 'memo-tok-cite';
          // Never grows: text typed right after "]]" is not part of the token.
          const stickiness = monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges;
          return { range: new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column), options: { inlineClassName: cls, stickiness } };
        }),
      );
    }
    const rows: CitationRow[] = tokens.map((t) => ({
      token: t,
      n: !brokenAt.has(t.start) && takesFootnote(t) ? (res.numbers.get(t.uid) ?? null) : null,
      broken: brokenAt.get(t.start) ?? null,
      passage: t.kind === 'theme' ? undefined : memoData.passage(t.uid),
      themeName: t.kind === 'theme' ? (memoData.themeLookup(t.uid)?.name ?? null) : null,
    }));
    setAnalysis({ rows, broken: res.broken.length });
    requestPreview();
    // Dependencies deliberately incomplete (react-hooks/exhaustive-deps; the plugin is not installed, so this is a note, not a directive).
  }, []);
  const schedule = useCallback(() => {
    if (frame.current === null) frame.current = requestIdleCallback(analyse, { timeout: 120 });
  }, [analyse]);
  useEffect(() => memoData.onChange(schedule), [schedule]);
  useEffect(() => {
    previewedAt.current = { model: -1, data: -1 };
    schedule();
    try {
      localStorage.setItem(PREVIEW_KEY, showPreview ? 'on' : 'off');
    } catch {
      /* not remembered */
    }
  }, [showPreview, schedule]);

  // ---- saving: debounced, on blur, when the tab hides, before unload, and on leaving
  useEffect(() => {
    const onHide = () => void saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && void saver.flush();
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void saver.close();
      if (frame.current !== null) cancelIdleCallback(frame.current);
    };
  }, [saver]);

  // ---- scroll sync (data-line on preview blocks <-> editor lines)
  // Each side remembers the scrollTop it set on the other, and the other ignores the
  // scroll event that results (so the two never chase each other).
  const ownPreviewTop = useRef<number | null>(null);
  const ownEditorTop = useRef<number | null>(null);
  const syncFromEditor = () => {
    const ed = editorRef.current;
    const pv = previewRef.current;
    const model = ed?.getModel();
    if (!ed || !pv || !model) return;
    const top = ed.getScrollTop();
    if (ownEditorTop.current !== null && Math.abs(top - ownEditorTop.current) < 2) {
      ownEditorTop.current = null;
      return;
    }
    ownEditorTop.current = null;
    const max = ed.getScrollHeight() - ed.getLayoutInfo().height;
    let target: number;
    if (top >= max - 1 && max > 0) target = pv.scrollHeight - pv.clientHeight;
    else {
      let line = ed.getVisibleRanges()[0]?.startLineNumber ?? 1;
      while (line < model.getLineCount() && ed.getTopForLineNumber(line + 1) <= top) line++;
      while (line > 1 && ed.getTopForLineNumber(line) > top) line--;
      const lineTop = ed.getTopForLineNumber(line);
      const nextTop = line < model.getLineCount() ? ed.getTopForLineNumber(line + 1) : lineTop + 20;
      const frac = Math.min(1, Math.max(0, (top - lineTop) / Math.max(1, nextTop - lineTop)));
      target = previewTopForLine(pv, line + frac, model.getLineCount());
    }
    target = Math.max(0, Math.min(pv.scrollHeight - pv.clientHeight, Math.round(target)));
    if (Math.abs(pv.scrollTop - target) < 1) return;
    ownPreviewTop.current = target;
    pv.scrollTop = target;
  };
  const syncFromPreview = (e: UIEvent<HTMLDivElement>) => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    const pv = e.currentTarget;
    if (ownPreviewTop.current !== null && Math.abs(pv.scrollTop - ownPreviewTop.current) < 2) {
      ownPreviewTop.current = null;
      return;
    }
    ownPreviewTop.current = null;
    if (!ed || !model) return;
    let target: number;
    if (pv.scrollTop >= pv.scrollHeight - pv.clientHeight - 1 && pv.scrollTop > 0) target = ed.getScrollHeight() - ed.getLayoutInfo().height;
    else {
      const l = lineForPreviewTop(pv, pv.scrollTop, model.getLineCount());
      const line = Math.max(1, Math.min(model.getLineCount(), Math.floor(l)));
      const lineTop = ed.getTopForLineNumber(line);
      const nextTop = line < model.getLineCount() ? ed.getTopForLineNumber(line + 1) : lineTop;
      target = lineTop + (nextTop - lineTop) * (l - Math.floor(l));
    }
    target = Math.max(0, Math.round(target));
    if (Math.abs(ed.getScrollTop() - target) < 1) return;
    ownEditorTop.current = target;
    ed.setScrollTop(target);
  };

  // A new preview keeps the editor's place.
  useEffect(() => {
    if (blocks.length) syncFromEditor();
    // Dependencies deliberately incomplete (react-hooks/exhaustive-deps; the plugin is not installed, so this is a note, not a directive).
  }, [blocks]);

  // ---- actions
  const openToken = (t: CitationToken | null): boolean => {
    if (!t) return false;
    if (t.kind === 'theme') {
      const th = memoData.themeLookup(t.uid);
      if (!th) toast('This theme reference points to no theme.');
      else navigate(`/themes/${th.id}`);
      return true;
    }
    const p = memoData.passage(t.uid);
    if (!p || p.status === 'missing' || !p.article || p.highlightId === null) {
      toast('This citation points to no passage (no passage with this id).');
      return true;
    }
    if (p.status === 'deleted') toast('This passage is in the Trash; its article opens in the Reader.');
    navigate(`/article/${p.article.id}?h=${p.highlightId}`);
    return true;
  };
  const openAtCursor = () => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    const pos = ed?.getPosition();
    if (!ed || !model || !pos) return;
    if (!openToken(tokenAtPosition(model, pos))) toast('Put the cursor on a citation ([[hl:…]]) or theme reference to open it.');
  };
  const insert = (text: string) => {
    const ed = editorRef.current;
    if (!ed || trashed) return;
    const sel = ed.getSelection();
    if (!sel) return;
    ed.executeEdits('quarry', [{ range: sel, text, forceMoveMarkers: true }]);
    ed.focus();
  };
  const jumpTo = useCallback((line: number, column: number) => {
    const ed = editorRef.current;
    if (!ed) return;
    ed.revealLineInCenter(line);
    ed.setPosition({ lineNumber: line, column });
    ed.focus();
  }, []);
  const applyText = (body: string) => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    // An edit (not setValue) so that Ctrl+Z in the editor undoes a restore too.
    ed.pushUndoStop();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: body }], () => null);
    ed.pushUndoStop();
  };
  /** `what`: "the version of <date>", "the text from before the restore". */
  const restore = async (versionId: number, what: string) => {
    try {
      await saver.flush();
      const r = await call('memos.restoreVersion', { memoId, versionId });
      applyText(r.memo.body);
      setTitle(r.memo.title);
      invalidateScopes(['memos']);
      setCompare(null);
      toast(`Restored ${what}.`, { action: { label: 'Undo', run: () => void restore(r.undoVersion.id, 'the text from before the restore') } });
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
  const exportAs = async (format: Format) => {
    try {
      await saver.flush();
      const r = await call('memos.export', { memoId, format });
      downloadFile(r);
      invalidateScopes(['memos']);
      const n = r.warnings.length;
      toast(`Exported ${r.fileName}${n ? `, with ${n} broken citation${n === 1 ? '' : 's'} marked in the file` : ''}.`, n ? { action: { label: 'Show', run: () => setSide('citations') } } : {});
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
        toast('Memo moved to the Trash.', { action: { label: 'Undo', run: () => void call('memos.restore', { id: memoId }).then(() => invalidateScopes(['memos'])) } });
      })
      .catch(toastError);
  const toggleSide = (s: Side) => setSide((cur) => (cur === s ? null : s));

  useCommands([
    { id: 'memos.save', label: 'Save memo now', group: 'Memos', shortcut: 'Mod+S', whileTyping: true, run: () => void saver.flush() },
    { id: 'memos.togglePreview', label: 'Show or hide the preview', group: 'Memos', shortcut: 'Mod+Alt+P', whileTyping: true, run: () => setShowPreview((v) => !v) },
    { id: 'memos.citations', label: 'Citations panel', group: 'Memos', shortcut: 'Mod+Alt+C', whileTyping: true, run: () => toggleSide('citations') },
    { id: 'memos.passages', label: 'Find passages to cite', group: 'Memos', shortcut: 'Mod+Alt+F', whileTyping: true, run: () => toggleSide('passages') },
    { id: 'memos.history', label: 'Version history', group: 'Memos', shortcut: 'Mod+Alt+H', whileTyping: true, run: () => toggleSide('history') },
    { id: 'memos.links', label: 'Linked articles and themes', group: 'Memos', whileTyping: true, run: () => toggleSide('links') },
    { id: 'memos.saveVersion', label: 'Save a version now', group: 'Memos', shortcut: 'Mod+Alt+S', whileTyping: true, run: () => void saveVersion() },
    { id: 'memos.cite', label: 'Cite a passage (type @)', group: 'Memos', whileTyping: true, enabled: () => !trashed, run: () => insertTrigger('@') },
    { id: 'memos.themeRef', label: 'Name a theme (type #)', group: 'Memos', whileTyping: true, enabled: () => !trashed, run: () => insertTrigger(' #') },
    { id: 'memos.openCitation', label: 'Open the cited passage in the Reader (F12)', group: 'Memos', whileTyping: true, run: openAtCursor },
    { id: 'memos.exportMd', label: 'Export memo as Markdown', group: 'Memos', run: () => void exportAs('md') },
    { id: 'memos.exportDocx', label: 'Export memo as Word (DOCX)', group: 'Memos', run: () => void exportAs('docx') },
    { id: 'memos.exportHtml', label: 'Export memo as HTML', group: 'Memos', run: () => void exportAs('html') },
    { id: 'memos.delete', label: 'Move this memo to the Trash', group: 'Memos', enabled: () => !trashed, run: remove },
  ]);
  function insertTrigger(text: string) {
    const ed = editorRef.current;
    if (!ed) return;
    ed.focus();
    ed.trigger('keyboard', 'type', { text });
  }

  const onMount = (ed: MonacoEditor.IStandaloneCodeEditor) => {
    editorRef.current = ed;
    const model = ed.getModel()!;
    const detach = attachMemoModel(model);
    ed.onDidDispose(detach);
    ed.onDidBlurEditorText(() => void saver.flush());
    ed.onDidScrollChange((e) => e.scrollTopChanged && syncFromEditor());
    ed.addAction({
      id: 'quarry.openCitation',
      label: 'Open cited passage in the Reader',
      keybindings: [monaco.KeyCode.F12],
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 1,
      run: openAtCursor,
    });
    // Ctrl+click (Cmd+click on macOS) on a token opens it.
    ed.onMouseDown((e) => {
      if (!(e.event.ctrlKey || e.event.metaKey) || !e.target.position) return;
      const t = tokenAtPosition(model, e.target.position);
      if (!t) return;
      e.event.preventDefault();
      e.event.stopPropagation();
      openToken(t);
    });
    schedule();
  };

  const statusText = trashed ? 'In the Trash (read-only)' : status === 'saved' ? 'Saved' : status === 'saving' ? 'Saving…' : status === 'error' ? 'Not saved: retrying' : 'Unsaved changes';

  return (
    <div className="memo-editor">
      <div className="toolbar memo-toolbar">
        <input
          className="memo-title"
          aria-label="Memo title"
          value={title}
          readOnly={trashed}
          onChange={(e) => {
            setTitle(e.target.value);
            saver.change({ title: e.target.value });
          }}
          onBlur={() => void saver.flush()}
        />
        <span className={`save-status ${status}`} data-testid="save-status">
          {statusText}
        </span>
        <button aria-pressed={showPreview} onClick={() => setShowPreview((v) => !v)} title="Show or hide the preview (Ctrl+Alt+P)">
          Preview
        </button>
        <span className="export-group" role="group" aria-label="Export">
          <button onClick={() => void exportAs('md')} title="Export as Markdown with footnotes">
            .md
          </button>
          <button onClick={() => void exportAs('docx')} title="Export as a Word document with real footnotes">
            .docx
          </button>
          <button onClick={() => void exportAs('html')} title="Export as one self-contained HTML file">
            .html
          </button>
        </span>
        {trashed ? (
          <button
            onClick={() =>
              void call('memos.restore', { id: memoId })
                .then((m) => (invalidateScopes(['memos']), onRestored(m)))
                .catch(toastError)
            }
          >
            Restore from Trash
          </button>
        ) : (
          <button className="danger" onClick={remove}>
            Delete
          </button>
        )}
      </div>
      <div className="memo-panes">
        <div className="memo-monaco" data-testid="memo-editor">
          <Editor
            path={`quarry-memo-${memoId}.md`}
            defaultLanguage="markdown"
            defaultValue={memo.body}
            theme="vs"
            options={{
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
            }}
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
        <aside className={side ? 'memo-side open' : 'memo-side'} aria-label="Memo panels">
          <div className="tabs" role="tablist">
            <button role="tab" aria-selected={side === 'citations'} onClick={() => toggleSide('citations')}>
              Citations{analysis.broken ? <span className="badge warn"> ⚠ {analysis.broken}</span> : ` (${analysis.rows.length})`}
            </button>
            <button role="tab" aria-selected={side === 'passages'} onClick={() => toggleSide('passages')}>
              Passages
            </button>
            <button role="tab" aria-selected={side === 'history'} onClick={() => toggleSide('history')}>
              History
            </button>
            <button role="tab" aria-selected={side === 'links'} onClick={() => toggleSide('links')}>
              Links
            </button>
          </div>
          {side === 'citations' && <CitationsPanel rows={analysis.rows} onJump={jumpTo} />}
          {side === 'passages' && <PassagesPanel onInsert={insert} />}
          {side === 'history' && (
            <HistoryPanel
              memoId={memoId}
              onCompare={(v) => void openCompare(v)}
              onRestore={(v) => void restore(v.id, `the version of ${new Date(v.createdAt).toLocaleString()}`)}
              onSaveVersion={() => void saveVersion()}
            />
          )}
          {side === 'links' && <LinksPanel memoId={memoId} />}
        </aside>
      </div>
      {compare && (
        <Dialog title="Compare versions" wide onClose={() => setCompare(null)}>
          <p className="muted small">
            Left: the version of {new Date(compare.version.createdAt).toLocaleString()} (“{compare.version.title}”). Right: the current text.
          </p>
          <VersionDiff original={compare.version.body} modified={compare.current} />
          <div className="dialog-actions">
            <button onClick={() => setCompare(null)}>Close</button>
            <button className="primary" disabled={trashed} onClick={() => void restore(compare.version.id, `the version of ${new Date(compare.version.createdAt).toLocaleString()}`)}>
              Restore this version
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
