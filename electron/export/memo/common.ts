// What the three memo exports share: the title rule and how problems are reported.
import type { BrokenCitation } from '../../../core/memo/resolve';

export interface ExportWarning {
  message: string; // "Line 12, column 5: broken citation (passage was deleted)"
  line?: number;
  column?: number;
  uid?: string;
}

export function brokenWarning(b: BrokenCitation): ExportWarning {
  const what = b.kind === 'theme' ? 'broken theme reference' : 'broken citation';
  return { message: `Line ${b.line}, column ${b.column}: ${what} (${b.reason})`, line: b.line, column: b.column, uid: b.uid };
}

/**
 * Exports put the memo's title on top as a level-1 heading, unless the body already
 * opens with one (many analysts start memos with "# Title"; printing two would be noise).
 */
export function bodyOpensWithH1(markdown: string): boolean {
  const m = /^(?:[ \t]*\r?\n)*[ ]{0,3}#(?:[ \t]|$)/.exec(markdown);
  return m !== null;
}
