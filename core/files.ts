// File names and MIME types for everything Quarry hands the user as a file
// (excerpts, codebooks, projects, memos). One rule, so a memo titled "A: b" and
// an excerpt file titled "A: b" get the same name.

/** MIME type by file extension. */
export const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/ld+json', // the only JSON we write is W3C Web Annotation (JSON-LD)
  qdc: 'application/xml',
  qdpx: 'application/zip',
  sqlite: 'application/vnd.sqlite3', // a copy of the store
} as const;

export type FileExtension = keyof typeof MIME;

/** At most this many user-perceived characters before the extension. */
export const MAX_NAME_CHARS = 100;
/**
 * And at most this many UTF-8 bytes: ext4, APFS and NTFS cap a name at 255, and
 * the CLI's atomic write adds about 30 for its temporary name, so 100 Japanese
 * characters (300 bytes) would otherwise fail to save.
 */
export const MAX_NAME_BYTES = 200;

// Refused by Windows (and "/" everywhere), plus C0 controls and DEL.
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
// Bidirectional controls can make "x\u202Efdp.md" display as "xdm.pdf": never in a name.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Windows device names, refused whatever follows the first dot ("con.md", "nul.tar.md").
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(?=\.|$)/i;
// Leading dots hide the file on Unix, a leading dash reads as an option in a shell,
// and Windows silently drops trailing dots and spaces.
const EDGES = /^[\s.-]+|[\s.-]+$/g;

/** UTF-8 length, counted by hand so core/ needs no DOM or Node globals (a lone surrogate encodes as U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Cut at a grapheme boundary (a flag or a ZWJ emoji is never split) within both limits. */
function cut(s: string): string {
  if (s.length <= MAX_NAME_CHARS && utf8Length(s) <= MAX_NAME_BYTES) return s;
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)) {
    const b = utf8Length(segment);
    if (chars + 1 > MAX_NAME_CHARS || bytes + b > MAX_NAME_BYTES) break;
    out += segment;
    chars += 1;
    bytes += b;
  }
  return out;
}

/**
 * A file name from a title, safe on Windows, macOS and Linux: "Rare earths: what
 * we know" becomes "Rare earths - what we know.md" (a colon before a space reads
 * as a subtitle), other forbidden characters become "-", white space is collapsed,
 * the name is cut at 100 characters or 200 bytes, and an empty result becomes
 * `fallback`.
 */
export function safeFileName(title: string, ext: string, fallback = 'export'): string {
  const cleaned = title
    .replace(BIDI_CONTROLS, '')
    .replace(/:\s+/g, ' - ')
    .replace(FORBIDDEN, '-')
    .replace(/\s+/g, ' ')
    .replace(EDGES, '');
  const base = (cut(cleaned).replace(EDGES, '') || fallback).replace(RESERVED, (stem) => `${stem.trimEnd()}_`);
  return `${base}.${ext}`;
}
