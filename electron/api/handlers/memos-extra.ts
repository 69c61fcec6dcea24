// Memo citations, versions, links and export (issue 5). Store logic lives in
// db/memo-links.ts and db/memo-versions.ts; this file adds what needs the Markdown
// token scanner (core/memo, pure) and the exports (electron/memos).
import { citingMemos, linkMemo, listThemeRefs, lookupPassages, memoLinks, memoOverview, replaceMemoCitations, searchPassages, staleMemos, unlinkMemo, type CitationRef } from '../../../db/memo-links';
import { getVersion, listVersions, restoreVersion, snapshotMemo } from '../../../db/memo-versions';
import { createMemo, getMemo, updateMemo } from '../../../db/memos';
import { StoreError } from '../../../db/errors';
import type { DB } from '../../../db/store';
import type { Memo } from '../../../db/types';
import type { PassageLookup, ThemeLookup, ThemeRef } from '../../../core/memo/resolve';
import { MIME, safeFileName } from '../../../core/files';
import { parseCitationTokens } from '../../../core/memo/tokens';
import { exportMemoDocx } from '../../export/memo/export-docx';
import { exportMemoHtml } from '../../export/memo/export-html';
import { exportMemoMarkdown } from '../../export/memo/export-markdown';
import type { ExportWarning } from '../../export/memo/common';
import type { memoContract, MemoExportResult } from '../contract-memos';
import { changed } from '../context';
import type { HandlerGroup } from './types';

/** What a memo's tokens name, aggregated per (kind, uid). */
export function citationRefs(markdown: string): CitationRef[] {
  const counts = new Map<string, CitationRef>();
  for (const t of parseCitationTokens(markdown)) {
    const kind = t.kind === 'theme' ? 'theme' : 'hl';
    const key = `${kind}:${t.uid}`;
    const cur = counts.get(key);
    if (cur) cur.count++;
    else counts.set(key, { kind, uid: t.uid, count: 1 });
  }
  return [...counts.values()];
}

/** Bring the derived citation index up to date for every memo whose text changed since it was indexed. */
export function refreshCitationIndex(db: DB): number {
  const stale = staleMemos(db);
  for (const m of stale) replaceMemoCitations(db, m.id, citationRefs(m.body));
  return stale.length;
}

/** The lookups the renderer, preview and exports use, answered from the store for one memo text. */
export function storeLookups(db: DB, markdown: string): { lookup: PassageLookup; themes: ThemeLookup } {
  const tokens = parseCitationTokens(markdown);
  const passages = lookupPassages(
    db,
    tokens.filter((t) => t.kind !== 'theme').map((t) => t.uid),
  );
  const themeMap = new Map<string, ThemeRef>();
  if (tokens.some((t) => t.kind === 'theme')) {
    for (const t of listThemeRefs(db)) themeMap.set(t.uid, { id: t.id, uid: t.uid, name: t.name, color: t.color, deleted: t.deleted });
  }
  return { lookup: (uid) => passages.get(uid.toLowerCase()), themes: (uid) => themeMap.get(uid.toLowerCase()) };
}

type MemoFormat = 'md' | 'html' | 'docx';

export async function exportMemo(db: DB, memo: Pick<Memo, 'title' | 'body'>, format: MemoFormat): Promise<{ data: Buffer; warnings: ExportWarning[] }> {
  const { lookup, themes } = storeLookups(db, memo.body);
  if (format === 'md') {
    const r = exportMemoMarkdown(memo, lookup, { themes });
    return { data: Buffer.from(r.text, 'utf8'), warnings: r.warnings };
  }
  if (format === 'html') {
    const r = exportMemoHtml(memo, lookup, { themes });
    return { data: Buffer.from(r.html, 'utf8'), warnings: r.warnings };
  }
  return exportMemoDocx(memo, lookup, { themes });
}

function appendBlock(body: string, line: string): string {
  if (body.trim() === '') return `${line}\n`;
  const trimmed = body.replace(/\s+$/, '');
  return `${trimmed}\n\n${line}\n`;
}

export const memoExtraHandlers: HandlerGroup<keyof typeof memoContract> = {
  'memos.passages': (ctx, i) => [...lookupPassages(ctx.store.db, i.uids).values()],
  'memos.searchPassages': (ctx, i) => searchPassages(ctx.store.db, i.query, i.limit),
  'memos.themes': (ctx) => listThemeRefs(ctx.store.db),
  'memos.overview': (ctx, i) => {
    refreshCitationIndex(ctx.store.db);
    return memoOverview(ctx.store.db, i);
  },

  'memos.snapshot': (ctx, i) => {
    const r = snapshotMemo(ctx.store.db, i.memoId, i.reason);
    if (r.created) changed(ctx, 'memos');
    return r;
  },
  'memos.versions': (ctx, i) => listVersions(ctx.store.db, i.memoId),
  'memos.version': (ctx, i) => getVersion(ctx.store.db, i.id),
  'memos.restoreVersion': (ctx, i) => {
    const r = restoreVersion(ctx.store.db, i.memoId, i.versionId);
    changed(ctx, 'memos');
    return r;
  },

  'memos.link': (ctx, i) => {
    const linked = linkMemo(ctx.store.db, i.memoId, i);
    if (linked) changed(ctx, 'memos');
    return { linked };
  },
  'memos.unlink': (ctx, i) => {
    const unlinked = unlinkMemo(ctx.store.db, i.memoId, i);
    if (unlinked) changed(ctx, 'memos');
    return { unlinked };
  },
  'memos.links': (ctx, i) => {
    refreshCitationIndex(ctx.store.db);
    return memoLinks(ctx.store.db, i.memoId);
  },
  'memos.citing': (ctx, i) => {
    refreshCitationIndex(ctx.store.db);
    return citingMemos(ctx.store.db, i);
  },

  'memos.cite': (ctx, i) => {
    const db = ctx.store.db;
    const passage = lookupPassages(db, [i.uid]).get(i.uid.toLowerCase())!;
    if (passage.status === 'missing') throw new StoreError('not-found', `No passage with uid ${i.uid}.`);
    if (passage.status === 'deleted') throw new StoreError('invalid', 'This passage is in the Trash; restore it before citing it.');
    let memo: Memo | null = null;
    if (i.memoId) {
      try {
        memo = getMemo(db, i.memoId);
      } catch (err) {
        if (!(err instanceof StoreError && err.code === 'not-found')) throw err;
      }
      if (memo?.deletedAt) memo = null;
    }
    const created = memo === null;
    if (!memo) memo = createMemo(db, { title: i.newTitle?.trim() || 'Untitled memo' });
    const token = `${i.embed ? '!' : ''}[[hl:${passage.uid}]]`;
    const updated = updateMemo(db, memo.id, { body: appendBlock(memo.body, token) });
    changed(ctx, 'memos');
    return { memo: updated, created };
  },

  'memos.export': async (ctx, i): Promise<MemoExportResult> => {
    const db = ctx.store.db;
    const memo = getMemo(db, i.memoId);
    const { data, warnings } = await exportMemo(db, memo, i.format);
    // What was exported can always be found again in the history.
    const snap = snapshotMemo(db, memo.id, 'export');
    changed(ctx, 'memos');
    return {
      fileName: safeFileName(memo.title, i.format, 'memo'),
      mimeType: MIME[i.format],
      base64: data.toString('base64'),
      bytes: data.length,
      warnings: warnings.map((w) => ({ ...w })),
      versionId: snap.version.id,
    };
  },
};
