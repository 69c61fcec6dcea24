// A version beside the current text, in Monaco's diff editor (read-only).
// Made by hand rather than with @monaco-editor/react's DiffEditor, whose unmount
// disposes the models before detaching them from the widget (Monaco then throws
// "TextModel got disposed before DiffEditorWidget model got reset").
import { useEffect, useRef } from 'react';
import { monaco } from './monaco';

export function VersionDiff(props: { original: string; modified: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const original = monaco.editor.createModel(props.original, 'markdown');
    const modified = monaco.editor.createModel(props.modified, 'markdown');
    const diff = monaco.editor.createDiffEditor(el, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
    });
    diff.setModel({ original, modified });
    return () => {
      diff.setModel(null);
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [props.original, props.modified]);
  return <div className="memo-diff" data-testid="memo-diff" ref={host} />;
}
