// Writing a file from the backend so that it is either wholly there or not
// there at all: the bytes go to a temporary file in the target folder, are
// flushed to disk, and only then renamed over the target (rename is atomic
// within one filesystem). Any failure removes the temporary file and leaves an
// existing target untouched. Errors name the path and say what to do.
// replaceViaTemp and its sync twin are the one temp-then-rename of the code
// base: exports, store copies, backups and the CLI all write through them.
import { randomBytes } from 'node:crypto';
import { closeSync, promises as fs, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileError } from './errors';

/** The file-system calls the writer makes; tests swap one to simulate a full disk. */
export interface AtomicWriteIo {
  open(path: string): Promise<fs.FileHandle>;
  write(handle: fs.FileHandle, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export const defaultIo: AtomicWriteIo = {
  open: (path) => fs.open(path, 'wx', 0o644),
  write: async (handle, data) => {
    await handle.writeFile(data);
    await handle.sync();
  },
  rename: (from, to) => fs.rename(from, to),
};

/** A temporary name beside `target`, hidden, unique. */
export function tempPathFor(target: string, tag = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.${tag}`);
}

/** The files SQLite may create beside a database file under construction. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Produces `target` under the temporary name `tmp` (beside it), then renames
 * it over `target`. On any failure `tmp` (and `tmp` + each of `alsoRemove`) is
 * removed and the error is rethrown as it came, for the caller to word.
 */
export async function replaceViaTemp<T>(
  tmp: string,
  target: string,
  produce: (tmp: string) => Promise<T> | T,
  o: { alsoRemove?: readonly string[]; rename?: (from: string, to: string) => Promise<void> } = {},
): Promise<T> {
  try {
    const result = await produce(tmp);
    await (o.rename ?? fs.rename)(tmp, target);
    return result;
  } catch (err) {
    for (const suffix of ['', ...(o.alsoRemove ?? [])]) await fs.rm(tmp + suffix, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** replaceViaTemp for synchronous callers (the CLI). */
export function replaceViaTempSync<T>(tmp: string, target: string, produce: (tmp: string) => T): T {
  try {
    const result = produce(tmp);
    renameSync(tmp, target);
    return result;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Checks that `target` can be created: its folder exists and it is not a folder itself. */
export async function checkTarget(target: string, operation: string): Promise<string> {
  const path = resolve(target);
  try {
    const dir = await fs.stat(dirname(path));
    if (!dir.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw fileError(err, path, operation);
  }
  const existing = await fs.stat(path).catch(() => null);
  if (existing?.isDirectory()) throw fileError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), path, operation);
  return path;
}

/**
 * Writes `data` to `target` atomically. Returns the absolute path and size.
 * Throws StoreError ('disk-full', 'read-only', 'io', 'invalid'); on any
 * failure no temporary file is left behind and the target is as it was.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  operation = 'Saving the file',
  io: AtomicWriteIo = defaultIo,
): Promise<{ path: string; bytes: number }> {
  const path = await checkTarget(target, operation);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    await replaceViaTemp(
      tempPathFor(path),
      path,
      async (tmp) => {
        const handle = await io.open(tmp);
        try {
          await io.write(handle, bytes);
        } finally {
          await handle.close().catch(() => undefined);
        }
      },
      { rename: io.rename },
    );
  } catch (err) {
    throw fileError(err, path, operation);
  }
  return { path, bytes: bytes.byteLength };
}

/**
 * Writes `data` to `target` atomically, synchronously. Throws the file
 * system's error as it came (the CLI words its own messages); no temporary
 * file is left behind and the target is as it was.
 */
export function writeFileAtomicSync(target: string, data: Uint8Array): void {
  replaceViaTempSync(tempPathFor(target), target, (tmp) => {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}
