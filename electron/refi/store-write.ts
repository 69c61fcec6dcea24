// Writing an imported project (or codebook) into a store, in ONE transaction:
// any failure leaves the store exactly as it was.
//
// Merge rules (import into the open store):
// - themes: by name path (theme-merge.ts);
// - articles: a live article with the identical text (same sha256) is reused,
//   and the incoming highlights are placed on it; otherwise a new article;
// - highlights: keep their uid unless the store already has it; the same uid
//   at the same place of the same article counts as already there;
// - memos: keep their uid unless taken; an identical memo counts as already
//   there; citation tokens follow highlights whose uid had to change.
// Every highlight goes through insertHighlightRaw, which derives quote, prefix
// and suffix from the stored body, so quote === body.slice(start, end) holds.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { insertArticle } from '../../db/articles';
import { checkTarget, replaceViaTemp, SQLITE_SIDE_FILES, tempPathFor } from '../../db/atomic-write';
import { StoreError, storeFileError } from '../../db/errors';
import { insertHighlightRaw } from '../../db/highlights';
import { insertMemoRaw } from '../../db/memos';
import { importLookups, useScratchJournal } from '../../db/project';
import { openStore, type DB } from '../../db/store';
import type { Id, Theme } from '../../db/types';
import { newUid, nowIso, sha256 } from '../../db/util';
import type { ProjectSnapshot } from './snapshot';
import { mergeThemesIntoStore } from './theme-merge';

export interface CountPair {
  added: number;
  existing: number;
}

export interface WriteReport {
  articles: CountPair;
  themes: CountPair;
  highlights: CountPair;
  memos: CountPair;
  addedThemes: string[];
  existingThemes: string[];
  warnings: string[];
}

const pair = (): CountPair => ({ added: 0, existing: 0 });

// Citation tokens (core/memo/syntax.ts): [[hl:UID]], ![[hl:UID]], #[[theme:UID]].
const TOKEN = /(#?)\[\[(hl|theme):([0-9A-Za-z-]{1,64})\]\]/g;

/** Points a memo's tokens at the uids the cited highlights and themes have in this store. */
function rewriteTokens(body: string, highlights: Map<string, string>, themes: Map<string, string>): string {
  return body.replace(TOKEN, (whole, hash: string, kind: string, uid: string) => {
    const mapped = kind === 'hl' && !hash ? highlights.get(uid.toLowerCase()) : kind === 'theme' && hash ? themes.get(uid.toLowerCase()) : undefined;
    return mapped && mapped !== uid ? `${hash}[[${kind}:${mapped}]]` : whole;
  });
}

/** Writes a snapshot into `db`, merged as described above. Runs its own transaction. */
export function writeSnapshot(db: DB, snapshot: ProjectSnapshot, o: { fileName: string }): WriteReport {
  return db.transaction(() => {
    const report: WriteReport = { articles: pair(), themes: pair(), highlights: pair(), memos: pair(), addedThemes: [], existingThemes: [], warnings: [] };
    const warn = (m: string) => report.warnings.push(m);
    const now = nowIso();

    const themes = mergeThemesIntoStore(db, snapshot.themes.filter((t) => !t.deletedAt));
    report.themes = { added: themes.added.length, existing: themes.existing.length };
    report.addedThemes = themes.added;
    report.existingThemes = themes.existing;

    const find = importLookups(db);
    const placed = new Map<Id, { id: Id; body: string }>();
    for (const a of snapshot.articles) {
      if (a.deletedAt) continue;
      if (!a.body.trim()) {
        warn(`Article “${a.title}” has no text; it and its highlights were not imported.`);
        continue;
      }
      const sha = sha256(a.body);
      const twin = find.sameText(sha).find((r) => r.body === a.body);
      if (twin) {
        placed.set(a.id, twin);
        report.articles.existing++;
        continue;
      }
      const id = insertArticle(db, {
        title: a.title,
        source: a.source,
        author: a.author,
        url: a.url,
        publishedAt: a.publishedAt,
        language: a.language,
        body: a.body,
        bodySha256: sha,
        uid: a.uid && !find.articleUidTaken(a.uid) ? a.uid : undefined,
        originalName: a.originalName ?? o.fileName,
        originalFormat: a.originalFormat ?? 'qdpx',
        originalBytes: a.originalBytes,
        attributes: a.attributes,
        importedAt: now,
      });
      placed.set(a.id, { id, body: a.body });
      report.articles.added++;
    }

    const newUidOf = new Map<string, string>(); // incoming uid (lower-case) -> uid in this store
    let outside = 0;
    let blank = 0;
    for (const h of snapshot.highlights) {
      if (h.deletedAt || h.orphaned) continue;
      const target = placed.get(h.articleId);
      if (!target) continue; // its article was not imported (reported above)
      const { start, end } = h;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > target.body.length || end <= start) {
        outside++;
        continue;
      }
      if (!target.body.slice(start, end).trim()) {
        blank++;
        continue;
      }
      const prior = h.uid ? find.highlightByUid(h.uid) : undefined;
      if (prior && prior.article_id === target.id && prior.start === start && prior.end === end) {
        newUidOf.set(h.uid.toLowerCase(), prior.uid);
        report.highlights.existing++;
        continue;
      }
      const uid = h.uid && !prior ? h.uid : newUid();
      if (h.uid) newUidOf.set(h.uid.toLowerCase(), uid);
      const themeIds = [...new Set(h.themeIds.map((t) => themes.idMap.get(t)).filter((t): t is Id => t !== undefined))];
      insertHighlightRaw(db, { articleId: target.id, start, end, themeIds, comment: h.comment, uid, createdAt: h.createdAt }, target.body);
      report.highlights.added++;
    }
    if (outside) warn(`${outside} highlight(s) lie outside their article's text; not imported.`);
    if (blank) warn(`${blank} highlight(s) cover only white space; not imported.`);

    // Themes merged into existing ones keep the existing uid: theme tokens follow.
    const newThemeUidOf = new Map<string, string>();
    for (const t of snapshot.themes) {
      const id = themes.idMap.get(t.id);
      const stored = id !== undefined ? find.themeUidOf(id) : null;
      if (t.uid && stored && stored.toLowerCase() !== t.uid.toLowerCase()) newThemeUidOf.set(t.uid.toLowerCase(), stored);
    }
    for (const m of snapshot.memos) {
      if (m.deletedAt) continue;
      const body = rewriteTokens(m.body, newUidOf, newThemeUidOf);
      const title = m.title.trim() || 'Untitled memo';
      const prior = m.uid ? find.memoByUid(m.uid) : undefined;
      if (prior && prior.title === title && prior.body === body) {
        report.memos.existing++;
        continue;
      }
      insertMemoRaw(db, { title, body, uid: m.uid && !prior ? m.uid : undefined, createdAt: m.createdAt, updatedAt: m.updatedAt });
      report.memos.added++;
    }
    return report;
  })();
}

/** Writes codebook themes (merged by path) in one transaction. */
export function writeThemes(db: DB, themes: readonly Theme[]): WriteReport {
  return writeSnapshot(db, { name: '', articles: [], themes: [...themes], highlights: [], memos: [] }, { fileName: '' });
}

/**
 * Creates a NEW store file at `path` holding what `write` puts in it. The
 * store is built under a temporary name in the same folder and renamed into
 * place only when complete; an existing store is never overwritten.
 */
export async function writeNewStore<T>(path: string, write: (db: DB) => T): Promise<{ path: string; result: T }> {
  const operation = 'Creating the new store';
  const target = await checkTarget(resolve(path), operation);
  const existing = await fs.stat(target).catch(() => null);
  if (existing && existing.size > 0) {
    throw new StoreError('conflict', `${target} already exists. Choose a new file name, or import into the open store.`);
  }
  const tmp = tempPathFor(target, 'sqlite');
  try {
    const result = await replaceViaTemp(
      tmp,
      target,
      async () => {
        const store = await openStore(tmp, { skipBackup: true });
        let result: T;
        try {
          // This file only becomes the store once it is complete, and is deleted on
          // any failure; one fsync before the rename makes the finished file durable.
          useScratchJournal(store.db);
          result = write(store.db);
        } finally {
          store.close();
        }
        const handle = await fs.open(tmp, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        return result;
      },
      { alsoRemove: SQLITE_SIDE_FILES },
    );
    return { path: target, result };
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw storeFileError(err, target, operation);
  }
}
