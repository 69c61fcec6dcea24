// What the memo editor does to its Monaco instance and where a token leads: open
// the passage or theme under the cursor, insert text, jump to a line, replace the
// whole text as one undoable edit.
import type { editor as MonacoEditor } from 'monaco-editor';
import type { MutableRefObject } from 'react';
import type { CitationToken } from '../../core/memo/tokens';
import { navigate } from '../lib/router';
import { toast } from '../lib/toast';
import { memoData } from './data';
import type { AutoSaver } from './autosave';
import { attachMemoModel, tokenAtPosition } from './language';
import { monaco } from './monaco';

export type EditorRef = MutableRefObject<MonacoEditor.IStandaloneCodeEditor | null>;

/** Open what a token names: its passage in the Reader or its theme. False for no token. */
export const openToken = (t: CitationToken | null): boolean => {
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

export const openAtCursor = (editorRef: EditorRef) => {
  const ed = editorRef.current;
  const model = ed?.getModel();
  const pos = ed?.getPosition();
  if (!ed || !model || !pos) return;
  if (!openToken(tokenAtPosition(model, pos))) toast('Put the cursor on a citation ([[hl:…]]) or theme reference to open it.');
};

export const insertText = (editorRef: EditorRef, trashed: boolean, text: string) => {
  const ed = editorRef.current;
  if (!ed || trashed) return;
  const sel = ed.getSelection();
  if (!sel) return;
  ed.executeEdits('quarry', [{ range: sel, text, forceMoveMarkers: true }]);
  ed.focus();
};

export const jumpTo = (editorRef: EditorRef, line: number, column: number) => {
  const ed = editorRef.current;
  if (!ed) return;
  ed.revealLineInCenter(line);
  ed.setPosition({ lineNumber: line, column });
  ed.focus();
};

export const applyText = (editorRef: EditorRef, body: string) => {
  const ed = editorRef.current;
  const model = ed?.getModel();
  if (!ed || !model) return;
  // An edit (not setValue) so that Ctrl+Z in the editor undoes a restore too.
  ed.pushUndoStop();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text: body }], () => null);
  ed.pushUndoStop();
};

/** Type a trigger character as the user would, so that completion opens. */
export function insertTrigger(editorRef: EditorRef, text: string) {
  const ed = editorRef.current;
  if (!ed) return;
  ed.focus();
  ed.trigger('keyboard', 'type', { text });
}

interface MountDeps {
  editorRef: EditorRef;
  saver: AutoSaver;
  syncFromEditor: () => void;
  openHere: () => void;
  schedule: () => void;
}

/** Wire a new Monaco instance: the memo language, save on blur, scroll sync, F12 and Ctrl+click. */
export function mountEditor(ed: MonacoEditor.IStandaloneCodeEditor, { editorRef, saver, syncFromEditor, openHere, schedule }: MountDeps) {
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
    run: openHere,
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
}
