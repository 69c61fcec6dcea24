// Catching the errors a test expects, so it can assert on their code and message.
import { expect } from 'vitest';
import { StoreError } from '../../db/errors';
import { ImportError } from '../../electron/import/types';

/** The code of the StoreError `fn` throws; fails the test when it throws nothing or something else. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return (err as StoreError).code;
  }
  throw new Error('expected a StoreError');
}

/**
 * The ImportError thrown by `fn` (synchronously) or rejected by the promise;
 * fails the test when there is none or the error is of another kind.
 */
export function importError(fn: () => unknown): ImportError;
export function importError(p: Promise<unknown>): Promise<ImportError>;
export function importError(x: (() => unknown) | Promise<unknown>): ImportError | Promise<ImportError> {
  const check = (err: unknown): ImportError => {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  };
  if (typeof x === 'function') {
    try {
      x();
    } catch (err) {
      return check(err);
    }
    throw new Error('expected an ImportError');
  }
  return x.then(
    () => {
      throw new Error('expected an ImportError');
    },
    (err: unknown) => check(err),
  );
}
