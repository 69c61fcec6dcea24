// Changing which store file the running app works on: opening another store,
// and restoring a backup into the open one. Both swap `ctx.store` (and the
// importer bound to it) in place, so every host (IPC, browser host, CLI) sees
// the new store on its next call, and tell the windows that everything changed.
//
// Restore never copies files: the backup is written into the live path with
// SQLite's backup API (page by page, under SQLite's own locks), after the open
// connection was closed, which checkpoints and removes its WAL. The current
// state is backed up first, so a restore can itself be undone.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupAndRotate, checkStoreFile, autoBackup, type BackupInfo } from '../../db/backups';
import { StoreError, fromSqliteError } from '../../db/errors';
import { openStore, type Store } from '../../db/store';
import { changed, type Context } from '../context';
import { Importer } from '../import/service';
import { rememberStores } from './recent-stores';

export const ALL_SCOPES = ['articles', 'themes', 'highlights', 'memos', 'history'];

// One switch at a time per context: a second open/restore while one runs would
// find the store closed under it.
const switching = new WeakSet<Context>();

async function exclusive<T>(ctx: Context, fn: () => Promise<T>): Promise<T> {
  if (switching.has(ctx)) throw new StoreError('busy', 'Another store is being opened or restored; wait for it to finish.');
  switching.add(ctx);
  try {
    return await fn();
  } finally {
    switching.delete(ctx);
  }
}

/** Detaches the open store (cancelling imports) and closes it. */
async function detach(ctx: Context): Promise<void> {
  ctx.importAbort?.abort();
  await ctx.importer.close();
  ctx.store.close();
}

function attach(ctx: Context, store: Store): void {
  ctx.store = store;
  ctx.importer = new Importer(store.db);
  changed(ctx, ...ALL_SCOPES);
}

async function remember(ctx: Context, paths: string[]): Promise<void> {
  if (!ctx.recentStoresFile) return;
  try {
    await rememberStores(ctx.recentStoresFile, paths);
  } catch {
    /* the list is a convenience; failing to save it must not fail the open */
  }
}

/**
 * Opens (or, with `create`, creates) another store file and makes it the open
 * store. `fresh`: a store this process just wrote (an import into a new store),
 * which needs no automatic backup yet.
 */
export function openAnotherStore(ctx: Context, path: string, o: { create?: boolean; fresh?: boolean } = {}): Promise<{ path: string; created: boolean }> {
  return exclusive(ctx, () => openStoreFile(ctx, resolve(path), !!o.create, !!o.fresh));
}

async function openStoreFile(ctx: Context, target: string, create: boolean, fresh: boolean): Promise<{ path: string; created: boolean }> {
  if (target === ctx.store.path) return { path: target, created: false };
  let st: ReturnType<typeof statSync> | null = null;
  try {
    st = statSync(target);
  } catch {
    /* does not exist */
  }
  if (st?.isDirectory()) throw new StoreError('invalid', `${target} is a folder; give the path of a store file (e.g. project.sqlite).`);
  const exists = !!st && st.size > 0;
  if (!exists && !create) throw new StoreError('not-found', `There is no store at ${target}. Tick “Create a new store” to make one there.`);
  const next = await openStore(target); // refuses damaged, read-only and newer files with a clear message
  try {
    if (!fresh) await autoBackup(next.db, next.path);
  } catch {
    /* an automatic backup that fails must not keep the store closed */
  }
  const previous = ctx.store.path;
  await detach(ctx);
  attach(ctx, next);
  await remember(ctx, [target, previous]);
  return { path: target, created: !exists };
}

/** Copies the store file at `from` into the live `to` through SQLite's backup API. */
async function copyInto(from: string, to: string): Promise<void> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

export function restoreBackup(ctx: Context, backupPath: string): Promise<{ storePath: string; restoredFrom: string; undoBackup: BackupInfo }> {
  return exclusive(ctx, () => restoreFrom(ctx, resolve(backupPath)));
}

async function restoreFrom(ctx: Context, from: string): Promise<{ storePath: string; restoredFrom: string; undoBackup: BackupInfo }> {
  const live = ctx.store.path;
  if (from === live) throw new StoreError('invalid', 'That is the open store itself; choose a backup file.');
  checkStoreFile(from); // damaged, foreign or newer files are refused before anything changes
  const undoBackup = await backupAndRotate(ctx.store.db, live, 'before-restore');
  await detach(ctx);
  let failure: unknown = null;
  try {
    await copyInto(from, live);
  } catch (err) {
    failure = err;
  }
  let store: Store;
  try {
    store = await openStore(live);
  } catch (err) {
    // The restored file cannot be opened: put the state from just before back.
    failure ??= err;
    await copyInto(undoBackup.path, live);
    store = await openStore(live);
  }
  attach(ctx, store);
  if (failure) {
    const mapped = fromSqliteError(failure, live, 'Restoring the backup');
    if (mapped instanceof StoreError) throw mapped;
    throw new StoreError('io', `Restoring the backup failed (${failure instanceof Error ? failure.message : String(failure)}); the store was left as it was.`);
  }
  return { storePath: live, restoredFrom: from, undoBackup };
}
