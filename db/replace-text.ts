// Replacing an article's text (a corrected or re-imported version) while keeping
// its highlights: each is re-anchored (db/reanchor.ts); what cannot be placed is
// marked orphaned, keeping its old quote, for the analyst to re-place by hand.
// Highlights are never dropped.
// One undoable action: the journal images the text ('article_body') and every
// highlight of the article, so undo puts back the old text with the old anchors.
import { makeAnchor } from './anchor';
import { getArticleBody } from './articles';
import { StoreError } from './errors';
import { getHighlight, listHighlightsByArticle, updateHighlight } from './highlights';
import { recordAction, type RowRef } from './journal';
import { reanchorAll } from './reanchor';
import type { DB } from './store';
import type { Highlight, Id } from './types';
import { countWords, nowIso, sha256 } from './util';

export interface ReplaceTextResult {
  moved: number;
  stayed: number;
  orphaned: number;
  /** Live highlights that could not be placed in the new text (Trash excluded). */
  orphanedIds: Id[];
}

/** Refuse text that is not canonical: highlights index into the exact string, so normalising later would shift them. */
function checkCanonical(body: string): void {
  if (body.trim().length === 0) throw new StoreError('invalid', 'The new text is empty; an article needs some text.');
  if (body.charCodeAt(0) === 0xfeff || body.includes('\r')) {
    throw new StoreError('invalid', 'The new text is not normalised (byte-order mark or \\r line endings); normalise it as imports do, then replace.');
  }
}

/**
 * Replace the body of article `articleId` with `newBody` (already canonical) and
 * re-anchor all its highlights, in one transaction. Highlights in the Trash are
 * re-anchored too, so that restoring one never brings back offsets into the old
 * text; the counts cover live highlights only.
 */
export function replaceArticleText(db: DB, articleId: Id, newBody: string): ReplaceTextResult {
  checkCanonical(newBody);
  const old = getArticleBody(db, articleId);
  if (old.deletedAt) throw new StoreError('invalid', `Article ${articleId} is in the Trash; restore it before replacing its text.`);
  const ids = db.prepare('SELECT id FROM highlights WHERE article_id = ?').pluck().all(articleId) as Id[];
  const refs: RowRef[] = [{ t: 'article_body', id: articleId }, ...ids.map((id): RowRef => ({ t: 'highlights', id }))];
  return recordAction(db, 'Replace article text', refs, () => writeReplacement(db, articleId, getArticleBody(db, articleId).body, newBody));
}

/** The write itself; call inside a transaction. Pure CPU work (no await), so the text we re-anchor from is the one we replace. */
function writeReplacement(db: DB, articleId: Id, oldBody: string, newBody: string): ReplaceTextResult {
  const highlights = listHighlightsByArticle(db, articleId, { includeDeleted: true });
  const results = reanchorAll(oldBody, newBody, highlights);
  const result: ReplaceTextResult = { moved: 0, stayed: 0, orphaned: 0, orphanedIds: [] };
  if (newBody !== oldBody) {
    db.prepare('UPDATE articles SET body = ?, body_sha256 = ?, word_count = ?, char_count = ? WHERE id = ?').run(newBody, sha256(newBody), countWords(newBody), newBody.length, articleId);
  }
  const now = nowIso();
  const setAnchor = db.prepare('UPDATE highlights SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, orphaned = 0, updated_at = ? WHERE id = ?');
  const setOrphaned = db.prepare('UPDATE highlights SET orphaned = 1, updated_at = ? WHERE id = ? AND orphaned = 0');
  highlights.forEach((h, i) => {
    const r = results[i];
    if (r.status !== 'orphaned') {
      const a = makeAnchor(newBody, r.start, r.end);
      const changed = a.start !== h.start || a.end !== h.end || a.quote !== h.quote || a.prefix !== h.prefix || a.suffix !== h.suffix;
      // 'stayed' still refreshes prefix/suffix when an edit nearby changed them.
      if (changed || h.orphaned) setAnchor.run(a.start, a.end, a.quote, a.prefix, a.suffix, now, h.id);
    } else {
      // Keep the old quote, offsets and context: they are what the analyst needs to re-place it.
      setOrphaned.run(now, h.id);
    }
    if (h.deletedAt) return;
    result[r.status] += 1;
    if (r.status === 'orphaned') result.orphanedIds.push(h.id);
  });
  return result;
}

/** Live highlights that re-anchoring could not place: of one article, or of every article not in the Trash. */
export function listOrphans(db: DB, articleId?: Id): Highlight[] {
  if (articleId !== undefined) return listHighlightsByArticle(db, articleId).filter((h) => h.orphaned);
  const ids = db
    .prepare(
      `SELECT h.id FROM highlights h JOIN articles a ON a.id = h.article_id
       WHERE h.orphaned = 1 AND h.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY h.article_id, h.start, h.id`,
    )
    .all() as { id: number }[];
  return ids.map((r) => getHighlight(db, r.id));
}

/**
 * Re-place an orphaned highlight by hand at [start, end) of its article's current
 * text. updateHighlight builds the new anchor and clears `orphaned`, as one
 * undoable action whose undo returns it to the orphan state.
 */
export function replaceOrphan(db: DB, highlightId: Id, start: number, end: number): Highlight {
  return updateHighlight(db, highlightId, { start, end });
}
