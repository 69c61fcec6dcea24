// Import: files, folders and pasted text into the store.
//
// Reading happens on the main thread (async I/O), parsing in the worker pool,
// writing here: each file is one synchronous transaction, so a cancel or a
// crash leaves only whole articles. One bad file never stops a batch: every
// file gets an outcome in the summary.
import { constants as fsConstants, promises as fs, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { articleTitle, findByBodyHash, insertArticle, liveArticleByUrl, setMinhash } from '../../db/articles';
import { replaceArticleText } from '../../db/replace-text';
import type { DB } from '../../db/store';
import type { ImportOutcome, ImportSummary } from '../api/contract';
import { checkSize, MAX_IMPORT_BYTES_DEFAULT } from './decode';
import { checkTextFileSize } from './limits';
import { NearDuplicateIndex } from './near-duplicates';
import { PreviewCache } from './preview-cache';
import { extensionOf, isSupported, type ParseOptions } from './parse-file';
import { ImportPool } from './pool';
import { signatureToBuffer } from './similarity';
import type { WorkerArticle } from './worker';

export interface ImportOptions extends ParseOptions {
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; current: string | null }) => void;
  /** Metadata given by the user (paste dialog); overrides what the parser found. */
  overrides?: { title?: string | null; source?: string | null; author?: string | null; url?: string | null; publishedAt?: string | null };
}

/** A file to import: from disk (path) or uploaded bytes (browser host). */
export type ImportItem =
  /** noFollow: found by walking a folder; opened without following a link put there since (expandPaths). */
  | { name: string; path: string; noFollow?: boolean }
  | { name: string; bytes: Uint8Array };

export type PreviewResult =
  | { ok: false; message: string }
  | {
      ok: true;
      articles: WorkerArticle[];
      problems: { row: number; message: string }[];
      notes: { duplicateOf: { id: number; title: string } | null; similarTo: { id: number; title: string; similarity: number } | null }[];
    };

const WRITE_BATCH = 64;
const MAX_FILES_IN_FLIGHT = 128;
const SYNC_READ_MAX = 256 * 1024;
const MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

/** Caps the bytes of files read but not yet stored; one file larger than the cap still goes through alone. */
class ByteBudget {
  private used = 0;
  private waiters: (() => void)[] = [];
  constructor(private readonly cap: number) {}
  async acquire(n: number): Promise<number> {
    while (this.used > 0 && this.used + n > this.cap) await new Promise<void>((r) => this.waiters.push(r));
    this.used += n;
    return n;
  }
  release(n: number): void {
    if (n === 0) return;
    this.used -= n;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
const WRITE_DELAY_MS = 15;

interface WriteJob {
  articles: WorkerArticle[];
  originalName: string;
  originalBytes: number;
  original: Uint8Array | null;
  overrides?: ImportOptions['overrides'];
}

export class Importer {
  /** Parsed files shown in the app's import preview, until committed or abandoned. */
  readonly previews = new PreviewCache<Extract<PreviewResult, { ok: true }>>();
  private pool: ImportPool | null = null;
  private index: NearDuplicateIndex | null = null;

  constructor(private readonly db: DB) {}

  private getPool(): ImportPool {
    return (this.pool ??= new ImportPool());
  }

  private getIndex(): NearDuplicateIndex {
    return (this.index ??= NearDuplicateIndex.load(this.db));
  }

  /** Forget cached signatures (after deletes/restores, or another process wrote the store). */
  invalidate(): void {
    this.index = null;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  async importItems(items: ImportItem[], o: ImportOptions = {}): Promise<ImportSummary> {
    this.index = null; // other hosts may have written since the last batch
    const total = items.length;
    const results: ImportOutcome[] = new Array(total);
    let done = 0;
    let lastReport = 0;
    const report = (current: string | null, force = false) => {
      const now = Date.now();
      if (force || now - lastReport > 100) {
        lastReport = now;
        o.onProgress?.({ done, total, current });
      }
    };
    report(items[0]?.name ?? null, true);
    // Many files in flight, so workers parse while this thread writes and
    // commits are grouped; the byte budget keeps a folder of big files from
    // being read into memory all at once.
    const inFlight = MAX_FILES_IN_FLIGHT;
    let next = 0;
    let cancelled = false;
    const runOne = async (): Promise<void> => {
      while (next < total) {
        if (o.signal?.aborted) {
          cancelled = true;
          return;
        }
        const i = next++;
        results[i] = await this.importOne(items[i], o);
        done++;
        report(items[Math.min(next, total - 1)]?.name ?? null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, total) }, runOne));
    report(null, true);
    const finished = results.filter(Boolean);
    return {
      imported: finished.filter((r) => r.status === 'imported').length,
      updated: finished.filter((r) => r.status === 'updated').length,
      duplicates: finished.filter((r) => r.status === 'duplicate').length,
      skipped: finished.filter((r) => r.status === 'skipped').length,
      cancelled: cancelled || finished.length < total,
      results: finished,
    };
  }

  private readonly budget = new ByteBudget(MAX_BYTES_IN_FLIGHT);

  private async importOne(item: ImportItem, o: ImportOptions): Promise<ImportOutcome> {
    const file = item.name;
    const limit = o.maxBytes ?? MAX_IMPORT_BYTES_DEFAULT;
    const ext = o.format === 'paste' ? '' : extensionOf(file);
    let reserved = 0;
    try {
      let bytes: Uint8Array;
      if ('path' in item) {
        // Open first, then check what was opened: no window for the file to be
        // swapped between the check and the read. O_NONBLOCK so that a pipe
        // cannot hang the import; it is refused as not a regular file.
        const fh = await fs.open(item.path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (item.noFollow ? (fsConstants.O_NOFOLLOW ?? 0) : 0));
        try {
          const st = await fh.stat();
          if (!st.isFile()) return { file, status: 'skipped', message: `${file}: not a regular file` };
          checkSize(st.size, file, limit); // refuse before reading a byte
          checkTextFileSize(st.size, file, ext); // a ceiling --max-size cannot lift
          reserved = await this.budget.acquire(st.size);
          // Small files: one synchronous read (~20 µs) beats five thread-pool round
          // trips through an event loop that is often busy committing.
          bytes = st.size <= SYNC_READ_MAX ? readFileSync(fh.fd) : await fh.readFile();
        } finally {
          await fh.close();
        }
      } else {
        bytes = item.bytes;
        checkSize(bytes.byteLength, file, limit);
        checkTextFileSize(bytes.byteLength, file, ext);
      }
      return await this.parseAndStore(file, bytes, o);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { file, status: 'skipped', message: `${file}: the file no longer exists (moved or deleted during the import)` };
      if (code === 'EACCES' || code === 'EPERM') return { file, status: 'skipped', message: `${file}: permission denied` };
      if (code === 'ELOOP' && 'path' in item && item.noFollow) {
        return { file, status: 'skipped', message: `${file}: became a symbolic link during the import; not followed` };
      }
      return { file, status: 'skipped', message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.budget.release(reserved);
    }
  }

  private async parseAndStore(file: string, bytes: Uint8Array, o: ImportOptions): Promise<ImportOutcome> {
    const res = await this.getPool().parse(bytes, file, { clean: o.clean, format: o.format });
    if (!res.ok) return { file, status: 'skipped', message: res.message };
    return this.storeParsed(file, bytes, res.articles, res.problems, o.overrides);
  }

  /** Parse without storing: what the import preview shows (proposed cuts, duplicates, near-duplicates). */
  async preview(file: string, bytes: Uint8Array, o: { maxBytes?: number; format?: ImportOptions['format'] } = {}): Promise<PreviewResult> {
    try {
      checkSize(bytes.byteLength, file, o.maxBytes ?? MAX_IMPORT_BYTES_DEFAULT);
      checkTextFileSize(bytes.byteLength, file, o.format === 'paste' ? '' : extensionOf(file));
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    const res = await this.getPool().parse(bytes, file, { format: o.format });
    if (!res.ok) return { ok: false, message: res.message };
    const index = this.getIndex();
    const titleOf = (id: number) => articleTitle(this.db, id) ?? '';
    return {
      ok: true,
      articles: res.articles,
      problems: res.problems,
      notes: res.articles.map((a) => {
        const dup = findByBodyHash(this.db, a.sha256);
        const near = dup ? null : index.best(a.minhash);
        return {
          duplicateOf: dup ? { id: dup.id, title: dup.title } : null,
          similarTo: near ? { id: near.id, title: titleOf(near.id), similarity: Math.round(near.similarity * 100) / 100 } : null,
        };
      }),
    };
  }

  /**
   * Store articles the user reviewed in the preview: each with the cuts they
   * accepted applied and their metadata edits. Fingerprints are recomputed
   * because the text changed.
   */
  async commitReviewed(file: string, bytes: Uint8Array, reviewed: WorkerArticle[], problems: { row: number; message: string }[]): Promise<ImportOutcome> {
    return this.storeParsed(file, bytes, reviewed, problems, undefined);
  }

  private async storeParsed(
    file: string,
    bytes: Uint8Array,
    articles: WorkerArticle[],
    problems: { row: number; message: string }[],
    overrides: ImportOptions['overrides'],
  ): Promise<ImportOutcome> {
    const res = { articles, problems };
    const job = { articles, originalName: file, originalBytes: bytes.byteLength, original: articles.length === 1 ? bytes : null, overrides };
    let outcomes: ImportOutcome[];
    try {
      outcomes = await this.write(job);
    } catch (err) {
      return { file, status: 'skipped', message: `${file}: could not be saved (${err instanceof Error ? err.message : String(err)}); nothing of it was stored` };
    }
    // Batch files (CSV/JSONL) hold many articles; their outcome summarises the rows.
    if (outcomes.length === 1 && res.problems.length === 0) return { ...outcomes[0], file };
    const imported = outcomes.filter((x) => x.status === 'imported');
    const dups = outcomes.filter((x) => x.status === 'duplicate');
    const warnings = [...res.problems.map((p) => `${file} row ${p.row}: ${p.message}`), ...dups.map((d) => `${d.file}: same text as "${d.duplicateOf?.title}"`)];
    return {
      file,
      status: imported.length > 0 ? 'imported' : outcomes.some((x) => x.status === 'updated') ? 'updated' : dups.length > 0 ? 'duplicate' : 'skipped',
      articleId: imported[0]?.articleId,
      title: `${imported.length} articles`,
      message: `${imported.length} imported, ${dups.length} duplicates, ${res.problems.length} rows skipped`,
      warnings,
    };
  }

  // Group commits. FTS5 writes a new index segment at every commit, so one
  // commit per file halves import throughput. Files parsed close together are
  // written in one transaction, each inside its own savepoint: a file is still
  // all-or-nothing, and a crash or cancel still leaves only whole articles.
  private queue: { job: WriteJob; resolve: (o: ImportOutcome[]) => void; reject: (e: unknown) => void }[] = [];
  private flushTimer: NodeJS.Timeout | null = null;

  private write(job: WriteJob): Promise<ImportOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (this.queue.length >= WRITE_BATCH) this.flush();
      else this.flushTimer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
    });
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const index = this.getIndex();
    const added: { id: number; sig: Uint32Array }[] = [];
    const results: ({ ok: true; outcomes: ImportOutcome[] } | { ok: false; err: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const b of batch) {
          try {
            // Nested transaction = savepoint: this file commits or rolls back alone.
            results.push({ ok: true, outcomes: this.db.transaction(() => this.store(b.job, index, added))() });
          } catch (err) {
            results.push({ ok: false, err });
          }
        }
      })();
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    for (const x of added) index.add(x.id, x.sig); // only after the commit succeeded
    batch.forEach((b, i) => {
      const r = results[i];
      if (r.ok) b.resolve(r.outcomes);
      else b.reject(r.err);
    });
  }

  /** Every article of one file; runs inside that file's savepoint. */
  private store(p: WriteJob, index: NearDuplicateIndex, added: { id: number; sig: Uint32Array }[]): ImportOutcome[] {
    return p.articles.map((a, n): ImportOutcome => {
        const label = a.rowLabel ? `${p.originalName} (${a.rowLabel})` : p.originalName;
        const dup = findByBodyHash(this.db, a.sha256);
        if (dup) {
          return {
            file: label,
            status: 'duplicate',
            duplicateOf: { id: dup.id, title: dup.title },
            message: `same text as "${dup.title}"${dup.deletedAt ? ' (in the Trash)' : ''}; not imported again`,
          };
        }
        const m = { ...a.metadata, ...definedOnly(p.overrides ?? {}) };
        // A new version of a page already stored (same URL): replace its text and
        // re-anchor its highlights instead of importing a second copy.
        const previous = m.url ? liveArticleByUrl(this.db, m.url) : undefined;
        if (previous) {
          const r = replaceArticleText(this.db, previous.id, a.body);
          setMinhash(this.db, previous.id, signatureToBuffer(a.minhash));
          this.index = null; // its signature changed
          return {
            file: label,
            status: 'updated',
            articleId: previous.id,
            title: previous.title,
            reanchored: { moved: r.moved, stayed: r.stayed, orphaned: r.orphaned },
            message: `new version of "${previous.title}" (same URL): ${r.moved} highlights moved, ${r.stayed} stayed, ${r.orphaned} could not be placed`,
          };
        }
        const near = index.best(a.minhash);
        const title = m.title?.trim() || firstLine(a.body) || basename(p.originalName);
        const id = insertArticle(this.db, {
          title,
          source: m.source ?? null,
          author: m.author ?? null,
          url: m.url ?? null,
          publishedAt: m.publishedAt ?? null,
          language: m.language ?? null,
          body: a.body,
          bodySha256: a.sha256,
          wordCount: a.wordCount,
          originalName: p.originalName,
          originalFormat: a.format,
          originalBytes: p.originalBytes,
          original: n === 0 ? p.original : null,
          similarToId: near?.id ?? null,
          minhash: signatureToBuffer(a.minhash),
        });
        added.push({ id, sig: a.minhash });
        const outcome: ImportOutcome = { file: label, status: 'imported', articleId: id, title, warnings: a.warnings.length ? a.warnings : undefined };
        if (near) {
          outcome.similarTo = { id: near.id, title: articleTitle(this.db, near.id)!, similarity: Math.round(near.similarity * 100) / 100 };
        }
        return outcome;
    });
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}

function firstLine(body: string): string {
  const line = body.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.trim().slice(0, 300);
}

/**
 * Expand files and folders (recursively) into import items, in a stable order.
 * Hidden files and folders are skipped; unsupported files become "skipped" outcomes.
 *
 * Symbolic links: a path the user names is followed (choosing a link is
 * choosing its target). Inside a chosen folder, links are never followed and
 * each is reported by name: one that leads out of the folder could read any
 * file the user can (a link to /etc/passwd, a home directory); one that stays
 * inside points at a file or folder this walk imports from its own place
 * anyway, so following it would only import the same text twice or walk in a
 * circle. Folders are also tracked by device and inode, so a loop made without
 * symbolic links (a bind mount, a directory hard link) is walked once.
 */
export async function expandPaths(paths: string[]): Promise<{ items: ImportItem[]; skipped: ImportOutcome[] }> {
  const items: ImportItem[] = [];
  const skipped: ImportOutcome[] = [];
  const visited = new Set<string>();
  const skip = (file: string, message: string) => skipped.push({ file, status: 'skipped', message });

  const walkFolder = async (dir: string, root: string): Promise<void> => {
    let entries: string[];
    try {
      entries = (await fs.readdir(dir)).sort();
    } catch (err) {
      skip(dir, `${dir}: the folder could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return;
    }
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const p = join(dir, e);
      let st;
      try {
        st = await fs.lstat(p); // the entry itself, not what a link points at
      } catch {
        skip(p, `${p}: no such file or folder (removed during the import?)`);
        continue;
      }
      if (st.isSymbolicLink()) {
        skip(p, await describeLink(p, root));
      } else if (st.isDirectory()) {
        const key = `${st.dev}:${st.ino}`;
        if (visited.has(key)) {
          skip(p, `${p}: this folder was already walked (it loops back through a mount or a hard link); not walked again`);
          continue;
        }
        visited.add(key);
        await walkFolder(p, root);
      } else if (!st.isFile()) {
        skip(p, `${basename(p)}: not a regular file (a device, socket or pipe); not imported`);
      } else if (isSupported(p)) {
        items.push({ name: p, path: p, noFollow: true });
      } else {
        skip(p, `${basename(p)}: not a supported format`);
      }
    }
  };

  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p); // a path the user names is followed if it is a link
    } catch {
      skip(p, `${p}: no such file or folder`);
      continue;
    }
    if (st.isDirectory()) {
      const key = `${st.dev}:${st.ino}`;
      if (visited.has(key)) continue; // named twice, or inside a folder already walked
      visited.add(key);
      await walkFolder(p, await fs.realpath(p));
    } else {
      items.push({ name: basename(p), path: p });
    }
  }
  return { items, skipped };
}

/** Why a symbolic link inside a chosen folder was not followed, naming it and where it points. */
async function describeLink(link: string, root: string): Promise<string> {
  let target: string;
  try {
    target = await fs.readlink(link);
  } catch {
    target = '?';
  }
  let real: string;
  try {
    real = await fs.realpath(link);
  } catch {
    return `${link}: a symbolic link to ${target}, which does not exist (or loops); not followed`;
  }
  const inside = real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  return inside
    ? `${link}: a symbolic link to ${real}, inside the chosen folder; not followed (what it points at is imported from its own place)`
    : `${link}: a symbolic link to ${real}, outside the chosen folder; not followed, for safety`;
}
