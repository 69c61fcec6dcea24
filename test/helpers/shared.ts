// The one place that knows about `../shared`, the folder beside the repository
// that holds material the project does not own: the five real web articles of
// the sample corpus and the REFI-QDA standard's XSD schemas. Every test that
// needs them goes through here and runs as an extra set when they are present;
// when they are not, its describe block is skipped and its name says why, so
// `npm ci && npm test` passes on a clone with nothing beside it.
//
// Vitest cannot attach a reason to a skip, so the reason is in the block's name
// ("… (skipped: ../shared/corpus is not present at /x/shared/corpus)") and the
// global setup prints one line per missing resource at the start of the run.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { REPO_ROOT } from './repo';

export { REPO_ROOT };
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

/** The five real articles (plain text, UTF-8, LF) described in ../shared/corpus/README.md. */
export const SHARED_CORPUS_DIR = path.join(SHARED_DIR, 'corpus/rare-earths');

export const REFI_SCHEMA_FILES = ['Project-mrt2019.xsd', 'Codebook-mrt2019.xsd'] as const;
export type RefiSchemaFile = (typeof REFI_SCHEMA_FILES)[number];

/**
 * Where the REFI-QDA schemas are: $QUARRY_REFI_XSD (a folder) when set, else
 * ../shared/standards/refi-qda; null when the folder lacks either schema.
 */
export function refiSchemaDir(): string | null {
  const fromEnv = process.env.QUARRY_REFI_XSD;
  const dir = fromEnv ? path.resolve(fromEnv) : path.join(SHARED_DIR, 'standards/refi-qda');
  return REFI_SCHEMA_FILES.every((f) => existsSync(path.join(dir, f))) ? dir : null;
}

/** The real corpus folder, or null when ../shared/corpus is not there. */
export function sharedCorpusDir(): string | null {
  return existsSync(SHARED_CORPUS_DIR) ? SHARED_CORPUS_DIR : null;
}

/** The real articles' file names (.txt), sorted; [] when the folder is missing. */
export function sharedCorpusFiles(): string[] {
  const dir = sharedCorpusDir();
  return dir ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
}

export type SharedResource = 'corpus' | 'refi-xsd';

/** Why a resource is missing (one line), or null when it is present. */
export function missingReason(what: SharedResource): string | null {
  if (what === 'corpus') {
    return sharedCorpusDir() ? null : `../shared/corpus is not present at ${path.relative(REPO_ROOT, SHARED_CORPUS_DIR) || SHARED_CORPUS_DIR}`;
  }
  if (refiSchemaDir()) return null;
  const where = process.env.QUARRY_REFI_XSD ? `QUARRY_REFI_XSD=${process.env.QUARRY_REFI_XSD}` : '../shared/standards/refi-qda';
  return `the REFI-QDA schemas (${REFI_SCHEMA_FILES.join(', ')}) are not in ${where}; set QUARRY_REFI_XSD to a folder holding them`;
}

/** `name`, with the skip reason appended when the resource is missing. */
function titled(what: SharedResource, name: string): { skip: boolean; name: string } {
  const reason = missingReason(what);
  return { skip: reason !== null, name: reason ? `${name} (skipped: ${reason})` : name };
}

/**
 * A describe block that runs only when `what` is present, and says why when it
 * does not. Vitest still calls `fn` to collect the tests of a skipped block, so
 * `fn` must not read the shared files itself: read them inside the tests, or use
 * sharedCorpusFiles(), which is empty when they are missing.
 */
export function describeIfShared(what: SharedResource, name: string, fn: () => void): void {
  const t = titled(what, name);
  describe.skipIf(t.skip)(t.name, fn);
}

/** A single test that runs only when `what` is present, and says why when it does not. */
export function itIfShared(what: SharedResource, name: string, fn: () => unknown | Promise<unknown>, timeout?: number): void {
  const t = titled(what, name);
  it.skipIf(t.skip)(t.name, fn, timeout);
}
