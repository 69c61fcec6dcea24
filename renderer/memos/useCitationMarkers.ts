// The memo's analysis: tokens -> markers, decorations and the citations list. Run
// when the page is idle (at most 120 ms late), so that typing, and the answer to an
// "@" query, come first.
import type { editor as MonacoEditor } from 'monaco-editor';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { resolveCitations, takesFootnote, type BrokenCitation } from '../../core/memo/resolve';
import type { CitationToken } from '../../core/memo/tokens';
import { toastError } from '../lib/toast';
import { memoData } from './data';
import { modelTokens } from './language';
import { monaco } from './monaco';
import type { CitationRow } from './panels';

const MARKER_OWNER = 'quarry-citations';

export interface Analysis {
  rows: CitationRow[];
  broken: number;
}

type EditorRef = MutableRefObject<MonacoEditor.IStandaloneCodeEditor | null>;

interface Marks {
  decorations: MutableRefObject<MonacoEditor.IEditorDecorationsCollection | null>;
  tokenSignature: MutableRefObject<string>;
}

/** Warning markers for the broken tokens; a decoration on every token. */
function paintTokens(
  ed: MonacoEditor.IStandaloneCodeEditor,
  model: MonacoEditor.ITextModel,
  tokens: CitationToken[],
  broken: BrokenCitation[],
  brokenAt: Map<number, BrokenCitation>,
  { decorations, tokenSignature }: Marks,
) {
  monaco.editor.setModelMarkers(
    model,
    MARKER_OWNER,
    broken.map((b) => {
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
}

/** `requestPreview` is called after each analysis (the preview waits for the passages it fetches). */
export function useCitationMarkers(editorRef: EditorRef, requestPreview: () => void) {
  const [analysis, setAnalysis] = useState<Analysis>({ rows: [], broken: 0 });
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
    paintTokens(ed, model, tokens, res.broken, brokenAt, { decorations, tokenSignature });
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
  useEffect(
    () => () => {
      if (frame.current !== null) cancelIdleCallback(frame.current);
    },
    [],
  );

  return { analysis, schedule };
}
