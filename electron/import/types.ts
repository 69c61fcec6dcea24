// What every input-format module produces. Parsers are pure: bytes in, articles out.
// They never touch the store; the import service writes what they return, one
// transaction per file.

export interface ParsedMetadata {
  title?: string | null;
  author?: string | null;
  source?: string | null; // outlet / site name
  url?: string | null;
  publishedAt?: string | null; // ISO 8601, may be partial
  language?: string | null;
}

/** A stretch of the body the clutter detector proposes to cut, in UTF-16 offsets into `body`. */
export interface ClutterCut {
  start: number;
  end: number;
  reason: string; // e.g. "share buttons", "comment form", "related articles", "repeated headline"
}

export interface ParsedArticle {
  /** Canonical plain text: BOM stripped, \n line endings, paragraphs separated by one blank line. */
  body: string;
  metadata: ParsedMetadata;
  /** Proposed cuts (web clutter); applied only when the user accepts them (or --clean). */
  cuts: ClutterCut[];
  /** Non-fatal remarks for the import summary, e.g. "decoded as windows-1252". */
  warnings: string[];
}

export interface ParseInput {
  bytes: Uint8Array;
  fileName: string; // used for format detection and messages
}

/** A parse failure the user should see: names the file and the problem. */
export class ImportError extends Error {
  constructor(
    readonly fileName: string,
    readonly code: 'empty' | 'binary' | 'too-large' | 'encoding' | 'unsupported' | 'corrupt' | 'encrypted' | 'unsafe' | 'no-text',
    message: string,
  ) {
    super(`${fileName}: ${message}`);
    this.name = 'ImportError';
  }
}
