// Shared test helpers: throwaway stores in temp dirs (real SQLite files, no mocks)
// and the project's own test corpus (test/fixtures/corpus). Nothing here reads
// ../shared: that path belongs to ./shared.ts alone.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { normaliseText } from '../../electron/import/decode';
import { insertArticle, type NewArticle } from '../../db/articles';
import { openStore, type Store } from '../../db/store';
import type { Id } from '../../db/types';
import { corpusArticles, type CorpusArticle } from './corpus';

export { REPO_ROOT } from './shared';
export { CORPUS, CORPUS_DIR, COMMON_WORD, UNIQUE_WORD, corpusArticle, corpusArticles, corpusExpectation, corpusPath, type CorpusArticle } from './corpus';

const cleanups: (() => void | Promise<void>)[] = [];

/** Register a cleanup that runs after the current test (LIFO). */
export function onCleanup(fn: () => void | Promise<void>): void {
  cleanups.push(fn);
}

afterEach(async () => {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch {
      /* best effort */
    }
  }
});

/** A fresh temp dir, removed after the test. */
export function tempDir(prefix = 'quarry-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new store in a temp dir; closed and removed after the test. */
export async function tempStore(name = 'store.sqlite'): Promise<Store & { dir: string }> {
  const dir = tempDir();
  const store = await openStore(path.join(dir, name));
  onCleanup(() => store.close());
  return { ...store, dir };
}

/** Canonical body for direct inserts (BOM dropped, \n line endings, one blank line between paragraphs). */
export function toBody(text: string): string {
  return normaliseText(text);
}

export function addArticle(store: Store, a: Partial<NewArticle> & { body: string }): Id {
  return store.db.transaction(() =>
    insertArticle(store.db, {
      title: 'Untitled',
      source: null,
      author: null,
      url: null,
      publishedAt: null,
      language: null,
      ...a,
    }),
  )();
}

export interface AddedArticle {
  id: Id;
  file: CorpusArticle;
  body: string;
}

/**
 * Insert corpus articles with the body and title the importer gives them (cuts
 * not applied); all of them in file-name order, or the named ones in that order.
 */
export function addCorpus(store: Store, names?: readonly string[]): AddedArticle[] {
  const all = corpusArticles();
  const chosen = names ? names.map((n) => all.find((a) => a.name === n) ?? missing(n)) : all;
  return chosen.map((file) => {
    const title = file.metadata.title ?? file.body.split('\n')[0].trim();
    const id = addArticle(store, { title, body: file.body, originalName: file.name, originalFormat: file.format });
    return { id, file, body: file.body };
  });
}

function missing(name: string): never {
  throw new Error(`test corpus: no article ${name}`);
}

export function sha256File(p: string): string {
  return createHash('sha256').update(readFileSync(p)).digest('hex');
}

/** Capture of a CLI run's output. */
export function captureIo(): { io: { out: (s: string) => void; err: (s: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}
