// Shared test helpers: throwaway stores in temp dirs (real SQLite files, no mocks)
// and access to the sample corpus in ../shared/corpus.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { normaliseText } from '../electron/import/decode';
import { insertArticle, type NewArticle } from '../db/articles';
import { openStore, type Store } from '../db/store';
import type { Id } from '../db/types';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../shared/corpus/rare-earths');

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

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
}

/** The sample corpus files, sorted by name. */
export function corpusFiles(): CorpusFile[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => {
      const p = path.join(CORPUS_DIR, name);
      return { name, path: p, text: readFileSync(p, 'utf8') };
    });
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

/** Insert every corpus article; returns their ids in corpusFiles() order. */
export function addCorpus(store: Store): { id: Id; file: CorpusFile; body: string }[] {
  return corpusFiles().map((file) => {
    const body = toBody(file.text);
    const title = body.split('\n')[0].trim();
    return { id: addArticle(store, { title, body, originalName: file.name, originalFormat: 'txt' }), file, body };
  });
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
