import { createHighlight, deleteHighlights, listHighlightsByArticle, listTrashedHighlights, restoreHighlights, updateHighlight } from '../../../db/highlights';
import { createTheme, deleteTheme, listThemes, mergeThemes, restoreTheme, themeUsage, updateTheme } from '../../../db/themes';
import { changed } from '../context';
import type { HandlerGroup } from './types';

export const themeHandlers: HandlerGroup<
  'themes.list' | 'themes.create' | 'themes.update' | 'themes.usage' | 'themes.delete' | 'themes.restore' | 'themes.merge'
> = {
  'themes.list': (ctx, i) => listThemes(ctx.store.db, i),
  'themes.create': (ctx, i) => {
    const t = createTheme(ctx.store.db, i);
    changed(ctx, 'themes');
    return t;
  },
  'themes.update': (ctx, i) => {
    const { id, ...patch } = i;
    const t = updateTheme(ctx.store.db, id, patch);
    changed(ctx, 'themes', 'highlights');
    return t;
  },
  'themes.usage': (ctx, i) => themeUsage(ctx.store.db, i.id),
  'themes.delete': (ctx, i) => {
    const deleted = deleteTheme(ctx.store.db, i.id);
    changed(ctx, 'themes', 'highlights');
    return { deleted };
  },
  'themes.restore': (ctx, i) => {
    const t = restoreTheme(ctx.store.db, i.id);
    changed(ctx, 'themes', 'highlights');
    return t;
  },
  'themes.merge': (ctx, i) => {
    const r = mergeThemes(ctx.store.db, i.fromId, i.intoId);
    changed(ctx, 'themes', 'highlights');
    return r;
  },
};

export const highlightHandlers: HandlerGroup<
  'highlights.create' | 'highlights.listByArticle' | 'highlights.update' | 'highlights.delete' | 'highlights.restore' | 'highlights.trash'
> = {
  'highlights.trash': (ctx) => listTrashedHighlights(ctx.store.db),
  'highlights.create': (ctx, i) => {
    const h = createHighlight(ctx.store.db, i);
    changed(ctx, 'highlights', 'themes', 'articles');
    return h;
  },
  'highlights.listByArticle': (ctx, i) => listHighlightsByArticle(ctx.store.db, i.articleId),
  'highlights.update': (ctx, i) => {
    const { id, ...patch } = i;
    const h = updateHighlight(ctx.store.db, id, patch);
    changed(ctx, 'highlights', 'themes');
    return h;
  },
  'highlights.delete': (ctx, i) => {
    const deleted = deleteHighlights(ctx.store.db, i.ids);
    changed(ctx, 'highlights', 'themes', 'articles');
    return { deleted };
  },
  'highlights.restore': (ctx, i) => {
    const restored = restoreHighlights(ctx.store.db, i.ids);
    changed(ctx, 'highlights', 'themes', 'articles');
    return { restored };
  },
};
