// THE CONTRACT: every call the renderer (or the CLI, or the browser host) may
// make. Each method: a zod input schema and a result type. Handlers live in
// ./handlers and are typed from this map. Pure module (zod + types only), so the
// renderer can `import type` from it.
import { z } from 'zod';
import { interchangeContract } from './contract-interchange';
import { memoContract } from './contract-memos';
import type { Article, ExcerptPage, ArticleSummary, Highlight, Memo, SearchHit, StoreErrorCode, Theme, ThemeWithCounts } from '../../db/types';
// The store's row types are words of the contract: the renderer takes them from here, never from db/.
export type { Article, ArticleSummary, Excerpt, ExcerptPage, Highlight, Memo, SearchHit, Theme, ThemeWithCounts } from '../../db/types';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(10_000);
const text = (max: number) => z.string().max(max);
const optionalText = z.string().max(2000).nullable().optional();
const offset = z.number().int().min(0);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #E69F00');
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'a date like 2025, 2025-10 or 2025-10-28')
  .nullable()
  .optional();

/** Base64 of a file's bytes, for hosts that upload (the browser). 150 MB of base64 at most. */
const fileUpload = z.object({ name: text(500).min(1), data: z.string().max(200_000_000) });

export interface ImportOutcome {
  file: string;
  /** updated: a new version of an article already stored (same URL); its highlights were re-anchored. */
  status: 'imported' | 'updated' | 'duplicate' | 'skipped';
  articleId?: number;
  title?: string;
  /** duplicate: the stored article with the same text */
  duplicateOf?: { id: number; title: string };
  /** updated: how the highlights fared */
  reanchored?: { moved: number; stayed: number; orphaned: number };
  /** imported, but close to an existing article */
  similarTo?: { id: number; title: string; similarity: number };
  message?: string;
  warnings?: string[];
}
export interface ImportSummary {
  imported: number;
  updated: number;
  duplicates: number;
  skipped: number;
  cancelled: boolean;
  results: ImportOutcome[];
}

export interface PreviewArticle {
  index: number;
  body: string;
  metadata: { title?: string | null; author?: string | null; source?: string | null; url?: string | null; publishedAt?: string | null; language?: string | null };
  cuts: { start: number; end: number; reason: string }[];
  warnings: string[];
  format: string;
  rowLabel?: string;
  duplicateOf: { id: number; title: string } | null;
  similarTo: { id: number; title: string; similarity: number } | null;
}
export interface PreviewItem {
  previewId: string | null;
  file: string;
  ok: boolean;
  message?: string;
  articles: PreviewArticle[];
  problems: { row: number; message: string }[];
}

export interface ArticleView extends Article {
  similarTo: { id: number; title: string } | null;
}

export interface HistoryResult {
  label: string | null;
  undoLabel: string | null;
  redoLabel: string | null;
}

const importOptions = {
  clean: z.boolean().optional(),
  maxBytes: z.number().int().positive().optional(),
};

// `serverPaths` on a method: the input fields (dotted for nested ones) that
// name a file or folder on the host's own disk. The browser host refuses any
// call that sets one (dispatch.ts): a page must never choose what the server
// reads or writes; it uploads and downloads instead. A test fails when a field
// that looks like a path is not listed.
const baseContract = {
  'articles.list': {
    input: z
      .object({
        trash: z.boolean().optional(),
        sort: z.enum(['title', 'source', 'publishedAt', 'importedAt', 'wordCount', 'highlightCount']).optional(),
        direction: z.enum(['asc', 'desc']).optional(),
        source: optionalText,
        text: optionalText,
      })
      .default({}),
    result: {} as ArticleSummary[],
  },
  'articles.get': { input: z.object({ id }), result: {} as ArticleView },
  'articles.sources': { input: z.object({}).default({}), result: {} as { source: string; count: number }[] },
  'articles.importText': {
    input: z.object({
      text: text(50_000_000).min(1),
      title: optionalText,
      source: optionalText,
      author: optionalText,
      url: optionalText,
      publishedAt: isoDate,
      format: z.enum(['paste', 'txt', 'md']).optional(),
      fileName: optionalText,
      ...importOptions,
    }),
    result: {} as ImportOutcome,
  },
  'articles.importFiles': {
    input: z.object({ files: z.array(fileUpload).min(1).max(5000), ...importOptions }),
    result: {} as ImportSummary,
  },
  'articles.importPaths': {
    input: z.object({ paths: z.array(text(4096).min(1)).min(1).max(10_000), ...importOptions }),
    result: {} as ImportSummary,
    serverPaths: ['paths'],
  },
  'imports.preview': {
    input: z.object({ files: z.array(fileUpload).min(1).max(200), maxBytes: z.number().int().positive().optional() }),
    result: {} as { items: PreviewItem[] },
  },
  'imports.commit': {
    input: z.object({
      items: z
        .array(
          z.object({
            previewId: z.string().uuid(),
            articles: z
              .array(
                z.object({
                  index: z.number().int().min(0),
                  acceptedCuts: z.array(z.number().int().min(0)).max(10_000).default([]),
                  metadata: z
                    .object({ title: optionalText, source: optionalText, author: optionalText, url: optionalText, publishedAt: isoDate })
                    .optional(),
                }),
              )
              .max(100_000),
          }),
        )
        .min(1)
        .max(200),
    }),
    result: {} as ImportSummary,
  },
  'imports.cancel': { input: z.object({}).default({}), result: {} as { cancelled: boolean } },
  'articles.update': {
    input: z.object({
      id,
      title: text(2000).min(1).optional(),
      source: optionalText,
      author: optionalText,
      url: optionalText,
      publishedAt: isoDate,
      language: optionalText,
      attributes: z.record(z.string().max(200), z.string().max(2000)).optional(),
    }),
    result: {} as ArticleView,
  },
  'articles.delete': { input: z.object({ ids }), result: {} as { deleted: number } },
  'articles.restore': { input: z.object({ ids }), result: {} as { restored: number } },

  'themes.list': { input: z.object({ trash: z.boolean().optional() }).default({}), result: {} as ThemeWithCounts[] },
  'themes.create': {
    input: z.object({ name: text(200).min(1), parentId: id.nullable().optional(), color: color.optional(), description: text(20_000).optional() }),
    result: {} as Theme,
  },
  'themes.update': {
    input: z.object({
      id,
      name: text(200).min(1).optional(),
      parentId: id.nullable().optional(),
      color: color.optional(),
      description: text(20_000).optional(),
      position: z.number().finite().optional(),
    }),
    result: {} as Theme,
  },
  'themes.usage': { input: z.object({ id }), result: {} as { highlights: number; subThemes: number } },
  'themes.delete': { input: z.object({ id }), result: {} as { deleted: number } },
  'themes.restore': { input: z.object({ id }), result: {} as Theme },
  'themes.merge': { input: z.object({ fromId: id, intoId: id }), result: {} as { moved: number; alreadyTagged: number } },

  'highlights.create': {
    input: z.object({ articleId: id, start: offset, end: offset, themeIds: z.array(id).max(100).default([]), comment: text(20_000).optional() }),
    result: {} as Highlight,
  },
  'highlights.listByArticle': { input: z.object({ articleId: id }), result: {} as Highlight[] },
  'highlights.update': {
    input: z.object({
      id,
      start: offset.optional(),
      end: offset.optional(),
      comment: text(20_000).optional(),
      themeIds: z.array(id).max(100).optional(),
      addThemeIds: z.array(id).max(100).optional(),
      removeThemeIds: z.array(id).max(100).optional(),
    }),
    result: {} as Highlight,
  },
  'highlights.delete': { input: z.object({ ids }), result: {} as { deleted: number } },
  'highlights.restore': { input: z.object({ ids }), result: {} as { restored: number } },
  'highlights.trash': { input: z.object({}).default({}), result: {} as (Highlight & { articleTitle: string })[] },

  'memos.list': { input: z.object({ trash: z.boolean().optional() }).default({}), result: {} as Memo[] },
  'memos.get': { input: z.object({ id }), result: {} as Memo },
  'memos.create': { input: z.object({ title: text(500).default('Untitled memo'), body: text(10_000_000).optional() }), result: {} as Memo },
  'memos.update': { input: z.object({ id, title: text(500).optional(), body: text(10_000_000).optional() }), result: {} as Memo },
  'memos.delete': { input: z.object({ id }), result: {} as { deleted: true } },
  'memos.restore': { input: z.object({ id }), result: {} as Memo },

  'excerpts.list': {
    input: z.object({
      themeId: id,
      includeSubThemes: z.boolean().optional(),
      source: optionalText,
      from: isoDate,
      to: isoDate,
      coThemeId: id.nullable().optional(),
      sort: z.enum(['date', 'article']).optional(),
      cursor: z.string().max(2000).nullable().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      contextChars: z.number().int().min(0).max(5000).optional(),
    }),
    result: {} as ExcerptPage,
  },
  'search.query': { input: z.object({ query: text(1000), limit: z.number().int().min(1).max(500).optional() }), result: {} as SearchHit[] },

  'history.state': { input: z.object({}).default({}), result: {} as HistoryResult },
  'history.undo': { input: z.object({}).default({}), result: {} as HistoryResult },
  'history.redo': { input: z.object({}).default({}), result: {} as HistoryResult },

  'store.stats': {
    input: z.object({}).default({}),
    result: {} as { path: string; bytes: number; articles: number; trashedArticles: number; themes: number; highlights: number; memos: number; schemaVersion: number },
  },
  'store.doctor': { input: z.object({}).default({}), result: {} as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] } },
  'store.rebuildSearch': { input: z.object({}).default({}), result: {} as { ok: true } },
  'store.backup': { input: z.object({ path: text(4096).min(1) }), result: {} as { path: string; bytes: number }, serverPaths: ['path'] },
  'sample.open': { input: z.object({}).default({}), result: {} as { articles: number; themes: number; highlights: number; memos: number } },
  'articles.replaceText': {
    input: z.object({ articleId: id, text: text(50_000_000).min(1) }),
    result: {} as { moved: number; stayed: number; orphaned: number; orphanedIds: number[] },
  },
} as const;

/** Every method: the base above plus the families defined in their own files. */
export const contract = { ...baseContract, ...memoContract, ...interchangeContract } as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodResult<K extends MethodName> = Contract[K]['result'];

export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | StoreErrorCode
  | 'import-failed'
  | 'forbidden'
  | 'internal';

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** Events the backend pushes to the renderer. */
export interface Events {
  'store.changed': { scopes: string[] };
  'import.progress': { done: number; total: number; current: string | null };
}
export type EventName = keyof Events;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
