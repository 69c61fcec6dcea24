// The query layer: one cache for server state. Reads are `useCall`; writes are
// `useMutate`, which invalidates the methods a change can affect. The backend
// also announces changes (store.changed), so other windows and the CLI's writes
// show up too.
import { QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodResult } from '../electron/api/contract';
import { call, on } from './api';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } },
});

// Which cached reads a change to each kind of data can make stale.
const AFFECTS: Record<string, string[]> = {
  articles: ['articles.', 'search.', 'store.', 'excerpts.', 'analysis.', 'themes.'],
  highlights: ['highlights.', 'themes.', 'articles.list', 'excerpts.', 'analysis.', 'memos.', 'store.'],
  themes: ['themes.', 'highlights.', 'excerpts.', 'analysis.'],
  memos: ['memos.'],
  history: ['history.'],
};

export function invalidateScopes(scopes: string[]): void {
  const prefixes = new Set(['history.', ...scopes.flatMap((s) => AFFECTS[s.replace('highlight_themes', 'highlights').replace('article_attributes', 'articles')] ?? [])]);
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const key = String(q.queryKey[0]);
      for (const p of prefixes) if (key.startsWith(p)) return true;
      return false;
    },
  });
}

let subscribed = false;
export function subscribeToStoreEvents(): void {
  if (subscribed) return;
  subscribed = true;
  on('store.changed', (e) => invalidateScopes(e.scopes));
}

export function useCall<K extends MethodName>(
  name: K,
  input: MethodInput<K>,
  options: Omit<UseQueryOptions<MethodResult<K>, Error>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<MethodResult<K>, Error>({ queryKey: [name, input], queryFn: () => call(name, input), ...options });
}

function scopesOf(name: string): string[] {
  const family = name.split('.')[0];
  if (family === 'history' || family === 'sample' || family === 'interchange') return Object.keys(AFFECTS);
  if (family === 'imports') return ['articles'];
  return [family];
}

export function useMutate<K extends MethodName>(name: K) {
  return useMutation<MethodResult<K>, Error, MethodInput<K>>({
    mutationFn: (input) => call(name, input),
    onSuccess: () => invalidateScopes(scopesOf(name)),
  });
}
