// The memo editor's side panels: citations, passages to cite, version history, links.
import type { MemoVersionSummary } from '../../electron/api/contract-memos';
import { CitationsPanel, HistoryPanel, LinksPanel, PassagesPanel } from './panels';
import type { Analysis } from './useCitationMarkers';
import type { Side } from './useMemoActions';

interface Props {
  memoId: number;
  side: Side | null;
  toggleSide: (s: Side) => void;
  analysis: Analysis;
  jumpTo: (line: number, column: number) => void;
  insert: (text: string) => void;
  openCompare: (v: MemoVersionSummary) => Promise<void>;
  restore: (versionId: number, what: string) => Promise<void>;
  saveVersion: () => Promise<void>;
}

export function MemoSide({ memoId, side, toggleSide, analysis, jumpTo, insert, openCompare, restore, saveVersion }: Props) {
  return (
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
  );
}
