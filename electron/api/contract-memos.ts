// Contract methods for memos beyond create/read/update/delete (citations,
// versions, links, export). Merged into `contract` in contract.ts.
// Token syntax and statuses: docs/memo-citations.md.
import { z } from 'zod';
import type { Id, Memo } from '../../db/types';

// Result shapes. db/memo-links.ts and db/memo-versions.ts return objects of these
// shapes; they are spelled out here (not imported) so the renderer can import this
// file's types without pulling Node modules into its type check. The handlers'
// types make the compiler check that both sides agree.

export type PassageStatus = 'ok' | 'deleted' | 'orphaned' | 'changed' | 'missing';

export interface PassageThemeBrief {
  id: Id;
  name: string;
  color: string;
}

/** A cited passage as the editor, preview and exports see it (core/memo's CitedPassage + the highlight id). */
export interface MemoPassage {
  /** Lower-cased uid, as tokens carry it. */
  uid: string;
  /** null when missing. */
  highlightId: Id | null;
  status: PassageStatus;
  quote: string;
  prefix?: string;
  comment?: string;
  themes: PassageThemeBrief[];
  article: { id: Id; uid: string; title: string; source: string | null; author: string | null; publishedAt: string | null; url: string | null } | null;
}

/** An "@" completion candidate. */
export interface PassageHit {
  id: Id;
  uid: string;
  /** The start of the quote (at most 600 characters). */
  quote: string;
  comment: string;
  themes: PassageThemeBrief[];
  article: { id: Id; title: string; source: string | null; author: string | null; publishedAt: string | null };
}

export interface ThemeRefRecord {
  id: Id;
  /** Lower-cased. */
  uid: string;
  name: string;
  color: string;
  parentId: Id | null;
  deleted: boolean;
}

export interface MemoOverview {
  id: Id;
  title: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  chars: number;
  /** Citation tokens ([[hl:]] and ![[hl:]]). */
  citations: number;
  articles: { id: Id; title: string }[];
  themes: { id: Id; name: string; color: string }[];
}

export type VersionReason = 'auto' | 'export' | 'restore' | 'manual';

export interface MemoVersionSummary {
  id: Id;
  memoId: Id;
  title: string;
  createdAt: string;
  reason: VersionReason;
  chars: number;
}
export interface MemoVersion extends MemoVersionSummary {
  body: string;
}
export interface SnapshotResult {
  version: MemoVersionSummary;
  /** false when an 'auto' snapshot was skipped: nothing changed since the latest snapshot. */
  created: boolean;
}
export interface RestoreResult {
  memo: Memo;
  /** The text as it was before the restore; restore this version to undo. */
  undoVersion: MemoVersionSummary;
}

export interface LinkedArticle {
  id: Id;
  title: string;
  source: string | null;
  publishedAt: string | null;
  deleted: boolean;
  citations: number;
  manual: boolean;
}
export interface LinkedTheme {
  id: Id;
  uid: string;
  name: string;
  color: string;
  deleted: boolean;
  references: number;
  passages: number;
  manual: boolean;
}
export interface MemoLinks {
  articles: LinkedArticle[];
  themes: LinkedTheme[];
}
export interface CitingMemo {
  id: Id;
  title: string;
  updatedAt: string;
  citations: number;
  references: number;
  manual: boolean;
}

const id = z.number().int().positive();
/** A highlight's or theme's uid as tokens write it: 1–64 of [0-9A-Za-z-] (docs/memo-citations.md). */
const uid = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'a uid of 1–64 letters, digits or hyphens');
const reason = z.enum(['auto', 'export', 'restore', 'manual']);

/** Exactly one of articleId / themeId. */
const exactlyOne = (o: { articleId?: number; themeId?: number }) => (o.articleId === undefined) !== (o.themeId === undefined);
const exactlyOneMessage = { message: 'give exactly one of articleId or themeId', path: ['articleId'] };
const target = z.object({ articleId: id.optional(), themeId: id.optional() }).refine(exactlyOne, exactlyOneMessage);
const memoTarget = z.object({ memoId: id, articleId: id.optional(), themeId: id.optional() }).refine(exactlyOne, exactlyOneMessage);

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

  'memos.link': { input: memoTarget, result: {} as { linked: boolean } },
  'memos.unlink': { input: memoTarget, result: {} as { unlinked: boolean } },
  'memos.links': { input: z.object({ memoId: id }), result: {} as MemoLinks },
  /** Memos (not in the Trash) that cite or are linked to an article or a theme. */
  'memos.citing': { input: target, result: {} as CitingMemo[] },
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
