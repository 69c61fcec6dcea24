// Contract methods for export and interchange (excerpts, codebooks, REFI-QDA
// projects, backups, store files). Merged into `contract` in contract.ts.
// Pure module (zod + types): the renderer imports its types.
//
// Files travel as base64 to hosts that download (the browser); the CLI and
// Electron pass `outPath` instead and the backend writes the file atomically.
// Long exports can run as a job: `exports.start` then `exports.step` until it
// returns the file, each step doing one bounded chunk of work, which drives
// the progress bar without polling and without a new event type.
import { z } from 'zod';

const id = z.number().int().positive();
const filePath = z.string().min(1).max(4096);
/** A file name inside the store's backups folder, as `store.backups` lists it: never a path. */
const backupName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'a backup name as store.backups lists it, without / or \\');
const recentStoreId = z.string().regex(/^[0-9a-f]{16}$/, 'an id from store.recent');
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date like 2025, 2025-10 or 2025-10-28')
  .nullable()
  .optional();

export const EXCERPT_FORMATS = ['csv', 'xlsx', 'md', 'docx', 'json'] as const;
export const CODEBOOK_FORMATS = ['qdc', 'csv', 'md'] as const;
export type ExcerptFormat = (typeof EXCERPT_FORMATS)[number];
export type CodebookFormat = (typeof CODEBOOK_FORMATS)[number];

const excerptFilter = {
  themeIds: z.array(id).max(10_000).optional(),
  includeSubThemes: z.boolean().optional(),
  articleIds: z.array(id).max(100_000).optional(),
  source: z.string().max(2000).nullable().optional(),
  from: isoDate,
  to: isoDate,
};

export const excerptsExportInput = z.strictObject({
  format: z.enum(EXCERPT_FORMATS),
  ...excerptFilter,
  /** 'highlight-theme' (default): one row per passage and theme; 'highlight': one row per passage, themes joined. */
  rowPer: z.enum(['highlight-theme', 'highlight']).optional(),
  title: z.string().max(500).optional(),
  outPath: filePath.optional(),
});
export const codebookExportInput = z.strictObject({ format: z.enum(CODEBOOK_FORMATS), outPath: filePath.optional() });
export const projectExportInput = z.strictObject({ format: z.enum(['qdpx']).default('qdpx'), outPath: filePath.optional() });

/** A finished export: base64 for download, or the path it was written to. */
export interface ExportResult {
  fileName: string;
  mimeType: string;
  /** Excerpts: passages; codebook: themes; project: articles. */
  count: number;
  bytes: number;
  base64?: string;
  path?: string;
  /** What was left out or changed, in words (orphaned highlights, …). */
  warnings: string[];
}

export interface ExportProgress {
  jobId: string;
  done: number;
  total: number;
  phase: string;
  /** Set on the step that finishes the job. */
  result: ExportResult | null;
}

export interface CountPair {
  added: number;
  existing: number;
}

export interface InterchangeImportSummary {
  file: string;
  kind: 'project' | 'codebook';
  /** Project name (or the file name for a codebook). */
  name: string;
  target: 'open' | 'new';
  storePath: string;
  articles: CountPair;
  themes: CountPair;
  highlights: CountPair;
  memos: CountPair;
  addedThemes: string[]; // paths, "Parent > Child"
  existingThemes: string[];
  warnings: string[];
  /** What the file held that Quarry could not keep, counted ("2 sets"). */
  notCarried: string[];
  /** The backup taken before merging into the open store (undo by restoring it). */
  backupPath: string | null;
  /** True when the app switched to the new store. */
  opened: boolean;
}

export interface BackupEntry {
  path: string;
  name: string;
  bytes: number;
  createdAt: string;
  reason: 'auto' | 'manual' | 'before-restore' | 'before-import';
}

export interface BackupSettingsResult {
  keep: number;
  intervalHours: number;
}

export interface RecentStoreEntry {
  /** What `store.open` takes as `recentId`. */
  id: string;
  path: string;
  openedAt: string | null;
  exists: boolean;
  current: boolean;
}

export const interchangeContract = {
  'exports.excerpts': { input: excerptsExportInput, result: {} as ExportResult, serverPaths: ['outPath'] },
  'exports.codebook': { input: codebookExportInput, result: {} as ExportResult, serverPaths: ['outPath'] },
  'exports.project': { input: projectExportInput.default({ format: 'qdpx' }), result: {} as ExportResult, serverPaths: ['outPath'] },
  'exports.excerptsCount': {
    input: z.strictObject(excerptFilter).default({}),
    result: {} as { highlights: number; articles: number },
  },
  /** Start one export as a job (exactly one of the three); then call exports.step until `result` is set. */
  'exports.start': {
    input: z.strictObject({ excerpts: excerptsExportInput.optional(), codebook: codebookExportInput.optional(), project: projectExportInput.optional() }),
    result: {} as ExportProgress,
    serverPaths: ['excerpts.outPath', 'codebook.outPath', 'project.outPath'],
  },
  'exports.step': { input: z.strictObject({ jobId: z.string().min(1).max(100) }), result: {} as ExportProgress },
  'exports.cancel': { input: z.strictObject({ jobId: z.string().min(1).max(100) }), result: {} as { cancelled: boolean } },

  /** Import a .qdpx (or .qde) project, or a .qdc / .csv / .md codebook: from uploaded bytes (data) or a path. */
  'interchange.importFile': {
    input: z.strictObject({
      name: z.string().min(1).max(500),
      data: z.string().max(200_000_000).optional(),
      path: filePath.optional(),
      target: z.enum(['open', 'new']).default('open'),
      newStorePath: filePath.optional(),
      /** target 'new': switch the app to the new store afterwards (default true). */
      openAfter: z.boolean().optional(),
    }),
    result: {} as InterchangeImportSummary,
    serverPaths: ['path', 'newStorePath'],
  },

  'store.saveCopy': {
    input: z.strictObject({ path: filePath.optional() }).default({}),
    result: {} as { fileName: string; bytes: number; path?: string; base64?: string },
    serverPaths: ['path'],
  },
  'store.backups': {
    input: z.strictObject({}).default({}),
    result: {} as { dir: string; settings: BackupSettingsResult; backups: BackupEntry[] },
  },
  'store.backupNow': { input: z.strictObject({}).default({}), result: {} as BackupEntry },
  'store.setBackupSettings': {
    input: z.strictObject({ keep: z.number().int().min(1).max(1000), intervalHours: z.number().min(0).max(8760).optional() }),
    result: {} as BackupSettingsResult,
  },
  /**
   * Replace the open store's content with a backup; the current state is backed up first (undoBackup).
   * `backupName`: one of `store.backups` (any host); `backupPath`: any file (CLI and Electron only).
   */
  'store.restore': {
    input: z.strictObject({ backupName: backupName.optional(), backupPath: filePath.optional() }),
    result: {} as { storePath: string; restoredFrom: string; undoBackup: BackupEntry },
    serverPaths: ['backupPath'],
  },
  /** `recentId`: an entry of `store.recent` (any host); `path`: any file, `create` to make it (CLI and Electron only). */
  'store.open': {
    input: z.strictObject({ recentId: recentStoreId.optional(), path: filePath.optional(), create: z.boolean().optional() }),
    result: {} as { path: string; created: boolean },
    serverPaths: ['path'],
  },
  'store.recent': { input: z.strictObject({}).default({}), result: {} as { current: string; stores: RecentStoreEntry[] } },
} as const;
