// What every handler gets: the open store, the event bus, and where things live.
import { EventEmitter } from 'node:events';
import type { Store } from '../db/store';
import type { Importer } from './import/service';
import type { EventName, Events } from './api/contract';

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<E extends EventName>(name: E, payload: Events[E]): void {
    this.emitter.emit(name, payload);
  }
  on<E extends EventName>(name: E, fn: (payload: Events[E]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }
}

export interface HostInfo {
  kind: 'electron' | 'browser' | 'cli';
  /** Folder holding bundled assets (sample project). */
  assetsDir: string;
}

export interface Context {
  /** The open store. Replaced in place when the user opens another store or restores a backup. */
  store: Store;
  events: EventBus;
  host: HostInfo;
  importer: Importer;
  /** Set by a running batch import; `imports.cancel` flips it. */
  importAbort?: AbortController;
  /** The recent stores list (JSON, next to the default store); unset: not kept. */
  recentStoresFile?: string;
}

/** Tell every window the data changed, so query caches refetch. */
export function changed(ctx: Context, ...scopes: string[]): void {
  ctx.events.emit('store.changed', { scopes });
}
