import { createMemo, deleteMemo, getMemo, listMemos, restoreMemo, updateMemo } from '../../../db/memos';
import { changed } from '../context';
import type { HandlerGroup } from './types';

export const memoHandlers: HandlerGroup<'memos.list' | 'memos.get' | 'memos.create' | 'memos.update' | 'memos.delete' | 'memos.restore'> = {
  'memos.list': (ctx, i) => listMemos(ctx.store.db, i),
  'memos.get': (ctx, i) => getMemo(ctx.store.db, i.id),
  'memos.create': (ctx, i) => {
    const m = createMemo(ctx.store.db, i);
    changed(ctx, 'memos');
    return m;
  },
  'memos.update': (ctx, i) => {
    const { id, ...patch } = i;
    const m = updateMemo(ctx.store.db, id, patch);
    changed(ctx, 'memos');
    return m;
  },
  'memos.delete': (ctx, i) => {
    deleteMemo(ctx.store.db, i.id);
    changed(ctx, 'memos');
    return { deleted: true as const };
  },
  'memos.restore': (ctx, i) => {
    const m = restoreMemo(ctx.store.db, i.id);
    changed(ctx, 'memos');
    return m;
  },
};
