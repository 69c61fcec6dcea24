// "Open the sample project": loads the bundled sample (assets/sample/sample.json)
// into the open store in one transaction. Highlights are located by their quote,
// so the sample text can be edited without recomputing offsets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findByBodyHash, insertArticle } from '../../../db/articles';
import { StoreError } from '../../../db/errors';
import { getHighlight, insertHighlightRaw } from '../../../db/highlights';
import { insertMemoRaw } from '../../../db/memos';
import { insertThemeRaw, liveThemeByName } from '../../../db/themes';
import { sha256 } from '../../../db/util';
import { changed } from '../context';
import type { HandlerGroup } from './types';

interface SampleTheme {
  name: string;
  color: string;
  description: string;
  children?: SampleTheme[];
}
interface Sample {
  articles: { title: string; source: string; author: string | null; url: string; publishedAt: string; body: string }[];
  themes: SampleTheme[];
  highlights: { article: number; quote: string; themes: string[]; comment?: string }[];
  memo: { title: string; body: string };
}

export const sampleHandlers: HandlerGroup<'sample.open'> = {
  'sample.open': (ctx) => {
    const sample = JSON.parse(readFileSync(join(ctx.host.assetsDir, 'sample', 'sample.json'), 'utf8')) as Sample;
    const db = ctx.store.db;
    const counts = db.transaction(() => {
      const articleIds = sample.articles.map((a) => findByBodyHash(db, sha256(a.body))?.id ?? null);
      if (articleIds.every((x) => x !== null)) return { articles: 0, themes: 0, highlights: 0, memos: 0 }; // already loaded
      const ids = sample.articles.map((a, i) => articleIds[i] ?? insertArticle(db, { ...a, language: 'en', originalName: 'sample.json', originalFormat: 'sample' }));
      const themeIds = new Map<string, number>();
      let themes = 0;
      const addTheme = (t: SampleTheme, parentId: number | null) => {
        const existing = liveThemeByName(db, parentId, t.name);
        const id = existing ?? insertThemeRaw(db, { name: t.name, color: t.color, description: t.description, parentId });
        if (existing === undefined) themes++;
        themeIds.set(t.name, id);
        for (const c of t.children ?? []) addTheme(c, id);
      };
      for (const t of sample.themes) addTheme(t, null);
      const uids: string[] = [];
      for (const h of sample.highlights) {
        const body = sample.articles[h.article].body;
        const start = body.indexOf(h.quote);
        if (start < 0) throw new StoreError('invalid', `Sample highlight not found in its article: "${h.quote.slice(0, 40)}…"`);
        const id = insertHighlightRaw(db, { articleId: ids[h.article], start, end: start + h.quote.length, themeIds: h.themes.map((n) => themeIds.get(n)!), comment: h.comment }, body);
        uids.push(getHighlight(db, id).uid);
      }
      const memoBody = sample.memo.body.replace(/\{\{(embed:)?(\d+)\}\}/g, (_, embed: string | undefined, n: string) => `${embed ? '!' : ''}[[hl:${uids[Number(n)]}]]`);
      insertMemoRaw(db, { title: sample.memo.title, body: memoBody });
      return { articles: articleIds.filter((x) => x === null).length, themes, highlights: uids.length, memos: 1 };
    })();
    ctx.importer.invalidate();
    changed(ctx, 'articles', 'themes', 'highlights', 'memos');
    return counts;
  },
};
