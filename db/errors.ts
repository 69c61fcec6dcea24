// Errors the store raises for conditions a user can act on. `code` crosses the
// contract boundary unchanged, so the UI can turn each one into a clear state.

export type StoreErrorCode =
  | 'not-found'
  | 'invalid'
  | 'conflict'
  | 'corrupt'
  | 'read-only'
  | 'newer-version'
  | 'disk-full'
  | 'busy'
  | 'io';

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
