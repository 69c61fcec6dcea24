// "Cite selection in memo" (a Reader command): cite the selected text (made into an
// untagged highlight first) or the selected highlight in the memo opened last, or
// in a new memo when there is none. Kept free of Monaco so the Reader stays light.
import { call } from '../api';
import { navigate } from '../lib/router';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';
import { lastMemoId, rememberMemo } from './recent';

export interface CiteSource {
  articleId: number;
  articleTitle: string;
  /** Text selected in the article (offsets into its body), if any: it becomes a new untagged highlight. */
  selection: { start: number; end: number } | null;
  /** The highlight selected in the Reader, used when no text is selected. */
  highlight: { uid: string } | null;
}

/** Returns the new highlight's id when one was created (so the Reader can select it). */
export async function citeInMemo(src: CiteSource): Promise<{ highlightId: number | null } | null> {
  try {
    let uid = src.highlight?.uid ?? null;
    let highlightId: number | null = null;
    if (src.selection) {
      const h = await call('highlights.create', { articleId: src.articleId, start: src.selection.start, end: src.selection.end, themeIds: [] });
      uid = h.uid;
      highlightId = h.id;
      invalidateScopes(['highlights']);
    }
    if (!uid) {
      toast('Select some text or a highlight first, then cite it in a memo.');
      return null;
    }
    const r = await call('memos.cite', { memoId: lastMemoId(), uid, newTitle: `Notes: ${src.articleTitle}`.slice(0, 500) });
    rememberMemo(r.memo.id);
    invalidateScopes(['memos']);
    toast(r.created ? `Cited in a new memo, “${r.memo.title}”.` : `Cited at the end of “${r.memo.title}”.`, {
      action: { label: 'Open memo', run: () => navigate(`/memos/${r.memo.id}`) },
    });
    return { highlightId };
  } catch (err) {
    toastError(err);
    return null;
  }
}
