// Writing a file from the backend so that it is either wholly there or not
// there at all: the bytes go to a temporary file in the target folder, are
// flushed to disk, and only then renamed over the target (rename is atomic
// within one filesystem). Any failure removes the temporary file and leaves an
// existing target untouched. Errors name the path and say what to do.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StoreError } from '../../db/errors';

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

/** Turns a Node file-system error into a StoreError that names the file and the way out. */
export function fileError(err: unknown, path: string, operation: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new StoreError('disk-full', `${operation}: the disk holding ${path} is full; nothing was written. Free some space and try again.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StoreError('read-only', `${operation}: cannot write ${path} (permission denied or read-only disk). Choose another folder.`);
    case 'ENOENT':
      return new StoreError('io', `${operation}: the folder of ${path} does not exist. Choose an existing folder.`);
    case 'ENOTDIR':
      return new StoreError('io', `${operation}: ${path} is not inside a folder (part of the path is a file). Choose another place.`);
    case 'EISDIR':
      return new StoreError('invalid', `${operation}: ${path} is a folder; give a file name.`);
    default:
      return new StoreError('io', `${operation}: could not write ${path} (${detail}).`);
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
  const tmp = tempPathFor(path);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await io.open(tmp);
    await io.write(handle, bytes);
    await handle.close();
    handle = null;
    await io.rename(tmp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw fileError(err, path, operation);
  }
  return { path, bytes: bytes.byteLength };
}
