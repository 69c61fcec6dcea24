import { articleTitle, deleteArticles, getArticle, listArticles, listSources, restoreArticles, updateArticle } from '../../../db/articles';
import { replaceArticleText } from '../../../db/replace-text';
import type { DB } from '../../../db/store';
import { normaliseText } from '../../import/decode';
import type { ArticleView } from '../contract';
import { changed } from '../context';
import type { HandlerGroup } from './types';

export function articleView(db: DB, id: number): ArticleView {
  const a = getArticle(db, id);
  let similarTo: ArticleView['similarTo'] = null;
  if (a.similarToId) {
    const title = articleTitle(db, a.similarToId);
    similarTo = title === undefined ? null : { id: a.similarToId, title };
  }
  return { ...a, similarTo };
}

export const articleHandlers: HandlerGroup<
  'articles.list' | 'articles.get' | 'articles.sources' | 'articles.update' | 'articles.delete' | 'articles.restore' | 'articles.replaceText'
> = {
  'articles.replaceText': (ctx, i) => {
    // The new text gets the same canonical form as an import (BOM, line endings, blank lines).
    const r = replaceArticleText(ctx.store.db, i.articleId, normaliseText(i.text));
    ctx.importer.invalidate();
    changed(ctx, 'articles', 'highlights');
    return r;
  },
  'articles.list': (ctx, i) => listArticles(ctx.store.db, i),
  'articles.get': (ctx, i) => articleView(ctx.store.db, i.id),
  'articles.sources': (ctx) => listSources(ctx.store.db),
  'articles.update': (ctx, i) => {
    const { id, ...patch } = i;
    updateArticle(ctx.store.db, id, patch);
    changed(ctx, 'articles');
    return articleView(ctx.store.db, id);
  },
  'articles.delete': (ctx, i) => {
    const deleted = deleteArticles(ctx.store.db, i.ids);
    changed(ctx, 'articles', 'highlights', 'themes');
    return { deleted };
  },
  'articles.restore': (ctx, i) => {
    const restored = restoreArticles(ctx.store.db, i.ids);
    changed(ctx, 'articles', 'highlights', 'themes');
    return { restored };
  },
};
