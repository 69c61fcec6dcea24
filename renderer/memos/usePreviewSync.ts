// The memo preview: rendered off the main thread on every change (sanitised here),
// and its scrolling kept in step with the editor's, both ways.
import type { editor as MonacoEditor } from 'monaco-editor';
import { useEffect, useMemo, useRef, useState, type MutableRefObject, type UIEvent } from 'react';
import { memoData } from './data';
import { modelTokens } from './language';
import { lineForPreviewTop, previewTopForLine } from './MemoPreview';
import { PreviewRenderer, type PreviewBlock } from './preview';

type EditorRef = MutableRefObject<MonacoEditor.IStandaloneCodeEditor | null>;

export const PREVIEW_KEY = 'quarry.memoPreview';

export function usePreviewSync(editorRef: EditorRef, showPreview: boolean) {
  const [blocks, setBlocks] = useState<PreviewBlock[]>([]);
  const previewRef = useRef<HTMLDivElement | null>(null);
  const showPreviewRef = useRef(showPreview);
  showPreviewRef.current = showPreview;

  // ---- preview: rendered off the main thread on every change, sanitised here
  const previewer = useMemo(
    () =>
      new PreviewRenderer(
        () => ({
          version: memoData.version,
          passages: () => memoData.passageList(),
          themes: () => memoData.themeRefs(),
          lookup: memoData.lookup,
          themeLookup: memoData.themeLookup,
        }),
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

  const { syncFromEditor, syncFromPreview } = useScrollSync(editorRef, previewRef, blocks);

  return { blocks, previewRef, previewedAt, requestPreview, syncFromEditor, syncFromPreview };
}

function useScrollSync(editorRef: EditorRef, previewRef: MutableRefObject<HTMLDivElement | null>, blocks: PreviewBlock[]) {
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
    if (pv.scrollTop >= pv.scrollHeight - pv.clientHeight - 1 && pv.scrollTop > 0)
      target = ed.getScrollHeight() - ed.getLayoutInfo().height;
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

  return { syncFromEditor, syncFromPreview };
}

/** Remember the preview switch, and render afresh when it comes back on. */
export function usePreviewSetting(
  showPreview: boolean,
  previewedAt: MutableRefObject<{ model: number; data: number }>,
  schedule: () => void,
) {
  useEffect(() => {
    previewedAt.current = { model: -1, data: -1 };
    schedule();
    try {
      localStorage.setItem(PREVIEW_KEY, showPreview ? 'on' : 'off');
    } catch {
      /* not remembered */
    }
  }, [showPreview, schedule]);
}
