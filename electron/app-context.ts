// Open a store and build the context every host hands to the handlers.
import { openStore } from '../db/store';
import { EventBus, type Context, type HostInfo } from './api/context';
import { Importer } from './import/service';
import { assetsDir } from './paths';

export async function createContext(storePath: string, kind: HostInfo['kind']): Promise<Context> {
  const store = await openStore(storePath);
  return { store, events: new EventBus(), host: { kind, assetsDir: assetsDir() }, importer: new Importer(store.db) };
}

export async function closeContext(ctx: Context): Promise<void> {
  ctx.importAbort?.abort();
  await ctx.importer.close();
  ctx.store.close();
}
