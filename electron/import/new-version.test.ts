// Importing a new version of a page already stored (same URL) replaces its text
// and re-anchors its highlights instead of adding a second copy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listHighlightsByArticle, createHighlight } from '../../db/highlights';
import { getArticle, listArticles } from '../../db/articles';
import { closeContext, createContext } from '../app-context';
import { CORPUS, corpusPath, tempDir } from '../../test/helpers';

const page = (body: string) => `---\ntitle: Coastal town approves desalination plant\nurl: https://example.org/ardmorran-desalination\n---\n${body}`;

describe('import of a new version (same URL)', () => {
  it('keeps the article, re-anchors its highlights and reports what moved', async () => {
    const ctx = await createContext(path.join(tempDir(), 's.sqlite'), 'cli');
    try {
      const original = readFileSync(corpusPath(CORPUS.clean), 'utf8');
      const first = await ctx.importer.importItems([{ name: 'v1.md', bytes: Buffer.from(page(original)) }]);
      expect(first.results[0].status).toBe('imported');
      const id = first.results[0].articleId!;
      const body = getArticle(ctx.store.db, id).body;
      const quote = 'Groundwater currently provides over 70 per cent of the town’s supply';
      const s = body.indexOf(quote);
      createHighlight(ctx.store.db, { articleId: id, start: s, end: s + quote.length, themeIds: [] });
      const gone = 'Hydrologists from the provincial water agency warned last year that two of the five municipal wells could become unusable within a decade.';
      const g = body.indexOf(gone);
      createHighlight(ctx.store.db, { articleId: id, start: g, end: g + gone.length, themeIds: [] });

      // The new version adds an editor's note at the top and drops one sentence.
      const edited = `Editor's note: updated with new figures.\n\n${original.replace(` ${gone}`, '')}`;
      const second = await ctx.importer.importItems([{ name: 'v2.md', bytes: Buffer.from(page(edited)) }]);
      expect(second.updated).toBe(1);
      expect(second.results[0]).toMatchObject({ status: 'updated', articleId: id, reanchored: { moved: 1, stayed: 0, orphaned: 1 } });
      expect(listArticles(ctx.store.db)).toHaveLength(1);
      const after = getArticle(ctx.store.db, id);
      expect(after.body.startsWith("Editor's note")).toBe(true);
      const hls = listHighlightsByArticle(ctx.store.db, id);
      const moved = hls.find((h) => !h.orphaned)!;
      expect(moved.quote).toBe(quote);
      expect(after.body.slice(moved.start, moved.end)).toBe(quote);
      expect(hls.find((h) => h.orphaned)?.quote).toBe(gone);
    } finally {
      await closeContext(ctx);
    }
  });
});
