// Contract methods for memos beyond create/read/update/delete (citations,
// versions, links, export). Merged into `contract` in contract.ts.
// Token syntax and statuses: docs/memo-citations.md.
import { z } from 'zod';
import type { CitingMemo, MemoLinks, MemoOverview, PassageHit, PassageRecord, ThemeRefRecord } from '../../db/memo-links';
import type { MemoVersion, MemoVersionSummary, RestoreResult, SnapshotResult } from '../../db/memo-versions';
import type { Memo } from '../../db/types';

const id = z.number().int().positive();
/** A highlight's or theme's uid as tokens write it: 1–64 of [0-9A-Za-z-] (docs/memo-citations.md). */
const uid = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'a uid of 1–64 letters, digits or hyphens');
const reason = z.enum(['auto', 'export', 'restore', 'manual']);

/** Exactly one of articleId / themeId. */
const target = (extra: Record<string, z.ZodType> = {}) =>
  z
    .object({ ...extra, articleId: id.optional(), themeId: id.optional() })
    .refine((o) => (o.articleId === undefined) !== (o.themeId === undefined), { message: 'give exactly one of articleId or themeId', path: ['articleId'] });

export type { CitingMemo, MemoLinks, MemoOverview, PassageHit, ThemeRefRecord, MemoVersion, MemoVersionSummary };
/** A cited passage as the editor, preview and exports see it (renderer/memo's CitedPassage + the highlight id). */
export type MemoPassage = PassageRecord;

export interface ExportWarningRecord {
  message: string;
  line?: number;
  column?: number;
  uid?: string;
}

export interface MemoExportResult {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64. */
  base64: string;
  bytes: number;
  /** One per broken citation: "Line L, column C: broken citation (reason)". */
  warnings: ExportWarningRecord[];
  /** The snapshot taken for this export (reason 'export'). */
  versionId: number;
}

export const memoContract = {
  /** Resolve citation uids (case-insensitive) to passages with a status; one record per distinct uid, lower-cased. */
  'memos.passages': { input: z.object({ uids: z.array(uid).max(10_000) }), result: {} as MemoPassage[] },
  /** "@" completion: live passages matching every word in quote, comment, theme names, article title or outlet. */
  'memos.searchPassages': {
    input: z.object({ query: z.string().max(500).default(''), limit: z.number().int().min(1).max(200).optional() }),
    result: {} as PassageHit[],
  },
  /** "#" completion and theme references: every theme, live and in the Trash. */
  'memos.themes': { input: z.object({}).default({}), result: {} as ThemeRefRecord[] },
  /** The memo list with what each memo cites and is linked to; `query` searches title and text. */
  'memos.overview': {
    input: z.object({ query: z.string().max(500).nullable().optional(), trash: z.boolean().optional() }).default({}),
    result: {} as MemoOverview[],
  },

  'memos.snapshot': { input: z.object({ memoId: id, reason }), result: {} as SnapshotResult },
  'memos.versions': { input: z.object({ memoId: id }), result: {} as MemoVersionSummary[] },
  'memos.version': { input: z.object({ id }), result: {} as MemoVersion },
  /** Snapshots the current text (reason 'restore'; restore that one to undo), then puts the version back. */
  'memos.restoreVersion': { input: z.object({ memoId: id, versionId: id }), result: {} as RestoreResult },

  'memos.link': { input: target({ memoId: id }), result: {} as { linked: boolean } },
  'memos.unlink': { input: target({ memoId: id }), result: {} as { unlinked: boolean } },
  'memos.links': { input: z.object({ memoId: id }), result: {} as MemoLinks },
  /** Memos (not in the Trash) that cite or are linked to an article or a theme. */
  'memos.citing': { input: target(), result: {} as CitingMemo[] },
  /**
   * Append a citation of passage `uid` to a memo (on its own line at the end), or to
   * a new memo titled `newTitle` when memoId is missing, unknown or in the Trash.
   */
  'memos.cite': {
    input: z.object({ memoId: id.nullable().optional(), uid, embed: z.boolean().optional(), newTitle: z.string().max(500).optional() }),
    result: {} as { memo: Memo; created: boolean },
  },
  /** Export a memo (citations resolved); snapshots it with reason 'export'. */
  'memos.export': { input: z.object({ memoId: id, format: z.enum(['md', 'docx', 'html']) }), result: {} as MemoExportResult },
} as const;
