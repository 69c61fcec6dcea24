// Errors the store raises for conditions a user can act on. `code` crosses the
// contract boundary unchanged, so the UI can turn each one into a clear state.
import type { StoreErrorCode } from './types';

export type { StoreErrorCode };

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Translate a SQLite error from better-sqlite3 into a StoreError that names the file. */
export function fromSqliteError(err: unknown, path: string, operation: string): unknown {
  if (!(err instanceof Error) || !('code' in err)) return err;
  const code = String((err as { code: unknown }).code);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'corrupt',
      `${operation}: ${path} is not a Quarry store or is damaged (${err.message}). Restore a backup (quarry restore) or open another store.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new StoreError('read-only', `${operation}: cannot write to ${path} (${err.message}). Check the file's permissions or open a copy in a writable folder.`);
  }
  if (code === 'SQLITE_FULL') {
    return new StoreError('disk-full', `${operation}: the disk holding ${path} is full; nothing was saved. Free some space and try again.`);
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('busy', `${operation}: ${path} is locked by another program. Close other copies of Quarry and try again.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreError('io', `${operation}: could not read or write ${path} (${err.message}).`);
  }
  return err;
}

/** Turns a Node file-system error into a StoreError that names the file and the way out. */
export function fileError(err: unknown, path: string, operation: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | null)?.code;
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
    case 'EEXIST':
      return new StoreError('io', `${operation}: cannot create ${path}: a file is in the way. Move it, or choose another place.`);
    case 'EISDIR':
      return new StoreError('invalid', `${operation}: ${path} is a folder; give a file name.`);
    default:
      return new StoreError('io', `${operation}: could not write ${path} (${detail}).`);
  }
}

/** A failed write of a store file: SQLite's error if it is one, else the file system's. */
export function storeFileError(err: unknown, path: string, operation: string): StoreError {
  const mapped = fromSqliteError(err, path, operation);
  return mapped instanceof StoreError ? mapped : fileError(err, path, operation);
}
