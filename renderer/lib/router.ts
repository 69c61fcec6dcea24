// Hash routes: #/library, #/article/12, #/article/12?h=34, #/themes, #/themes/5, #/memos, #/memos/3, #/trash.
import { useSyncExternalStore } from 'react';

export interface Route {
  view: 'library' | 'article' | 'themes' | 'memos' | 'trash';
  id: number | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const [, view = 'library', id] = path.split('/');
  const known = ['library', 'article', 'themes', 'memos', 'trash'];
  return {
    view: (known.includes(view) ? view : 'library') as Route['view'],
    id: id && /^\d+$/.test(id) ? Number(id) : null,
    params: new URLSearchParams(query),
  };
}

const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}
