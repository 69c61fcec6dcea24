import { listExcerpts } from '../../../db/excerpts';
import { historyState, redo, undo } from '../../../db/journal';
import { backupTo, doctor, rebuildSearchIndex, storeStats } from '../../../db/maintenance';
import { searchArticles } from '../../../db/search';
import { changed, type Context } from '../context';
import type { HandlerGroup } from './types';

function history(ctx: Context, step: (typeof undo) | null) {
  const r = step ? step(ctx.store.db) : null;
  if (r) changed(ctx, ...r.tables);
  return { label: r?.label ?? null, ...historyState(ctx.store.db) };
}

export const storeHandlers: HandlerGroup<
  'search.query' | 'excerpts.list' | 'history.state' | 'history.undo' | 'history.redo' | 'store.stats' | 'store.doctor' | 'store.rebuildSearch' | 'store.backup'
> = {
  'search.query': (ctx, i) => searchArticles(ctx.store.db, i.query, { limit: i.limit }),
  'excerpts.list': (ctx, i) => listExcerpts(ctx.store.db, i),
  'history.state': (ctx) => history(ctx, null),
  'history.undo': (ctx) => history(ctx, undo),
  'history.redo': (ctx) => history(ctx, redo),
  'store.stats': (ctx) => storeStats(ctx.store.db, ctx.store.path),
  'store.doctor': (ctx) => doctor(ctx.store.db),
  'store.rebuildSearch': (ctx) => {
    rebuildSearchIndex(ctx.store.db);
    return { ok: true as const };
  },
  'store.backup': (ctx, i) => backupTo(ctx.store.db, i.path),
};
