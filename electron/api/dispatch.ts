// One entry point for every host: validate the input with the method's zod
// schema, run the handler, and return a result object (never a thrown error).
import { ZodError } from 'zod';
import { StoreError } from '../../db/errors';
import { ImportError } from '../import/types';
import { contract, isMethodName, type CallResult, type ErrorCode, type MethodName, type MethodResult } from './contract';
import type { Context } from './context';
import { handlers } from './handlers/index';

export async function dispatch(ctx: Context, name: string, rawInput: unknown): Promise<CallResult<unknown>> {
  if (!isMethodName(name)) return fail('unknown-method', `Unknown method "${name}".`);
  const given = ctx.host.kind === 'browser' ? serverPathSet(name, rawInput) : null;
  if (given) return refusePath(name, given);
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('invalid-input', `${name}: ${describeZod(parsed.error)}`);
  // Again after parsing, in case a schema ever fills a path in by default.
  const filled = ctx.host.kind === 'browser' ? serverPathSet(name, parsed.data) : null;
  if (filled) return refusePath(name, filled);
  try {
    const handler = handlers[name] as (ctx: Context, input: unknown) => Promise<unknown> | unknown;
    const value = await handler(ctx, parsed.data);
    return { ok: true, value };
  } catch (err) {
    return toFailure(name, err);
  }
}

/** Typed variant for in-process callers (CLI, tests). Throws on failure. */
export async function call<K extends MethodName>(ctx: Context, name: K, input: unknown): Promise<MethodResult<K>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as MethodResult<K>;
}

/** The input fields of `name` that name a file on this computer (`serverPaths` in the contract). */
export function serverPathFields(name: MethodName): readonly string[] {
  return (contract[name] as { serverPaths?: readonly string[] }).serverPaths ?? [];
}

function serverPathSet(name: MethodName, input: unknown): string | null {
  for (const field of serverPathFields(name)) {
    let v: unknown = input;
    for (const key of field.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    if (v !== undefined) return field;
  }
  return null;
}

/** The browser host's page must never choose what the server reads or writes. */
function refusePath(name: string, field: string): CallResult<never> {
  return fail(
    'forbidden',
    `${name}: the browser host takes no paths on this computer (${field}); upload the file or download the result instead, or use the desktop app or the quarry command line.`,
  );
}

function describeZod(e: ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

function fail(code: ErrorCode, message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

export function toFailure(name: string, err: unknown): CallResult<never> {
  if (err instanceof StoreError) return fail(err.code, err.message);
  if (err instanceof ImportError) return fail('import-failed', err.message);
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_FULL') return fail('disk-full', `${name}: the disk is full; nothing was saved.`);
    if (code.startsWith('SQLITE_READONLY')) return fail('read-only', `${name}: the store is read-only; nothing was saved.`);
    if (code.startsWith('SQLITE_CONSTRAINT')) return fail('conflict', `${name}: ${(err as Error).message}`);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return fail('corrupt', `${name}: the store file is damaged (${(err as Error).message}); nothing was saved. Run quarry doctor, then restore the latest good backup or export what can be read.`);
    }
    if (code.startsWith('SQLITE_BUSY')) return fail('busy', `${name}: the store is busy in another Quarry process; nothing was saved. Try again in a moment.`);
    if (code.startsWith('SQLITE_IOERR')) return fail('io', `${name}: the store could not be read or written (${(err as Error).message}); nothing was saved.`);
  }
  // Unexpected: keep the message (it helps a bug report) but never a stack.
  return fail('internal', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
}
