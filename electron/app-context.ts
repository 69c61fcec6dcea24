// Open a store and build the context every host hands to the handlers.
import { join } from 'node:path';
import { autoBackup } from '../db/backups';
import { openStore } from '../db/store';
import { EventBus, type Context, type HostInfo } from './api/context';
import { Importer } from './import/service';
import { assetsDir, userDataDir } from './paths';

export async function createContext(storePath: string, kind: HostInfo['kind']): Promise<Context> {
  const store = await openStore(storePath);
  try {
    // The rotating backup taken on open (at most once per interval; see db/backups.ts).
    await autoBackup(store.db, store.path);
  } catch (err) {
    // A damaged store is said at once, with the way out (db/backups.ts words
    // it); other failures of the automatic backup are not fatal.
    if ((err as { code?: string }).code === 'corrupt') process.stderr.write(`Quarry: WARNING: ${(err as Error).message}\n`);
    else process.stderr.write(`Quarry: the automatic backup of ${store.path} failed (${(err as Error).message}); continuing without it.\n`);
  }
  return {
    store,
    events: new EventBus(),
    host: { kind, assetsDir: assetsDir() },
    importer: new Importer(store.db),
    recentStoresFile: join(userDataDir(), 'recent-stores.json'),
  };
}

export async function closeContext(ctx: Context): Promise<void> {
  ctx.importAbort?.abort();
  await ctx.importer.close();
  ctx.store.close();
}
