// A real app context (store, importer, worker) on a throwaway store, closed after the test.
import path from 'node:path';
import type { Context } from '../../electron/api/context';
import { closeContext, createContext } from '../../electron/app-context';
import { onCleanup, tempDir } from './index';

/**
 * A context as the CLI host builds it, on `<temp dir>/<fileName>`. Its list of
 * recent stores lives in the same temp dir, so no test writes to the user's profile.
 */
export async function ctxFor(fileName = 'store.sqlite'): Promise<Context> {
  const dir = tempDir();
  const ctx = await createContext(path.join(dir, fileName), 'cli');
  ctx.recentStoresFile = path.join(dir, 'recent-stores.json');
  onCleanup(() => closeContext(ctx));
  return ctx;
}
