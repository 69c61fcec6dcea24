// The shapes of Quarry's data as the rest of the app sees it (camelCase).
// Pure types: imported by db/, electron/ and (as `import type`) the renderer.
// Offsets are UTF-16 code units into `Article.body` (what JS strings use).

export type Id = number;

export interface ArticleMeta {
  title: string;
  source: string | null; // outlet, e.g. "Nikkei Asia"
  author: string | null;
  url: string | null;
  publishedAt: string | null; // ISO 8601, may be partial: "2025", "2025-10", "2025-10-28"
  language: string | null; // BCP 47 when known
}

export interface ArticleProvenance {
  originalName: string | null; // file name as imported
  originalFormat: string | null; // txt, md, html, docx, pdf, epub, csv, jsonl, paste, qdpx
  originalBytes: number | null; // size of the original file
}

export interface ArticleSummary extends ArticleMeta, ArticleProvenance {
  id: Id;
  uid: string;
  importedAt: string;
  wordCount: number;
  charCount: number;
  highlightCount: number;
  similarToId: Id | null; // near-duplicate flag set at import
  deletedAt: string | null;
}

export interface Article extends ArticleSummary {
  body: string; // canonical plain text; highlights index into it
  bodySha256: string;
  attributes: Record<string, string>;
}

export interface Theme {
  id: Id;
  uid: string;
  parentId: Id | null;
  name: string;
  color: string; // #RRGGBB
  description: string;
  position: number;
  deletedAt: string | null;
}

export interface ThemeWithCounts extends Theme {
  highlightCount: number; // this theme only
  articleCount: number; // this theme only
  totalHighlightCount: number; // including sub-themes
  totalArticleCount: number; // including sub-themes
}

export interface Highlight {
  id: Id;
  uid: string;
  articleId: Id;
  start: number; // UTF-16 code units, inclusive
  end: number; // UTF-16 code units, exclusive
  quote: string; // === article.body.slice(start, end), checked on every write
  prefix: string; // up to 32 chars before start
  suffix: string; // up to 32 chars after end
  comment: string;
  themeIds: Id[];
  orphaned: boolean; // re-anchoring could not place it (issue 3)
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Memo {
  id: Id;
  uid: string;
  title: string;
  body: string; // Markdown with citation tokens [[hl:UID]] and ![[hl:UID]]
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface SearchHit {
  articleId: Id;
  title: string;
  source: string | null;
  publishedAt: string | null;
  /** Plain text with matches delimited by \u0001 (start) and \u0002 (end); render as <mark> text nodes. */
  snippet: string;
  rank: number;
}

/** A passage as listed under a theme, with its context and article. */
export interface Excerpt {
  id: Id;
  uid: string;
  start: number;
  end: number;
  quote: string;
  comment: string;
  orphaned: boolean;
  createdAt: string;
  themeIds: Id[];
  before: string;
  after: string;
  article: { id: Id; title: string; source: string | null; author: string | null; publishedAt: string | null; url: string | null };
}

export interface ExcerptPage {
  items: Excerpt[];
  nextCursor: string | null;
  /** Total matches; computed for the first page only (null afterwards). */
  total: number | null;
}

/** The codes of StoreError (db/errors.ts), listed once: the contract's ErrorCode adds its own to these. */
export type StoreErrorCode = 'not-found' | 'invalid' | 'conflict' | 'corrupt' | 'read-only' | 'newer-version' | 'disk-full' | 'busy' | 'io';
