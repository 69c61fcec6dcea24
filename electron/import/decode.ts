// Bytes -> JavaScript string for text-like imports (txt, md, paste, csv, html
// sources), plus the canonical-text normaliser every import format ends with.
import { ImportError } from './types';

export const MAX_IMPORT_BYTES_DEFAULT = 50 * 1024 * 1024;

export interface DecodedText {
  /** Decoded text with the BOM removed and every CRLF / lone CR turned into \n. Nothing else changed. */
  text: string;
  /** 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' */
  encoding: string;
  warnings: string[];
}

/** Refuses files over `limit` bytes before anything reads them into memory. */
export function checkSize(bytes: number, fileName: string, limit: number = MAX_IMPORT_BYTES_DEFAULT): void {
  if (bytes <= limit) return;
  throw new ImportError(
    fileName,
    'too-large',
    `the file is ${megabytes(bytes)} MB, over the import limit of ${megabytes(limit)} MB; ` +
      'raise the limit with --max-size MB in the CLI, or in Settings in the app',
  );
}

/**
 * Decodes a text file. Order of decisions:
 * 1. A BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding and is dropped.
 * 2. Without a BOM, a NUL in every other byte means UTF-16 (LE or BE by position).
 * 3. Any other NUL byte, or many C0 control bytes, means binary: ImportError 'binary'.
 * 4. Valid UTF-8 is UTF-8. Invalid UTF-8 is Windows-1252 (what legacy Windows
 *    tools write), with a warning naming the first byte that is not UTF-8 -
 *    unless well-formed multi-byte sequences outnumber the bad bytes 4 to 1 (or
 *    a UTF-8 BOM is present): then it is damaged UTF-8, decoded with U+FFFD.
 * Empty or whitespace-only content is ImportError 'empty'.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const warnings: string[] = [];
  let text: string;
  let encoding: string;

  const bom = detectBom(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    encoding = bom;
    text = decodeUtf16(bytes.subarray(2), bom, fileName, warnings);
  } else {
    const body = bom === 'utf-8' ? bytes.subarray(3) : bytes;
    const utf16 = bom ? null : sniffUtf16(body);
    if (utf16) {
      encoding = utf16;
      warnings.push(`no byte-order mark; decoded as ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} from the pattern of zero bytes`);
      text = decodeUtf16(body, utf16, fileName, warnings);
    } else {
      assertNotBinary(body, fileName, bom ? 3 : 0);
      const scan = scanUtf8(body);
      const badAt = scan.firstBad + (bom ? 3 : 0);
      if (scan.firstBad < 0) {
        encoding = 'utf-8';
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      } else if (bom || scan.multibyteCount >= 4 * scan.badCount) {
        // Mostly well-formed UTF-8 with a few damaged bytes: re-reading it all as
        // Windows-1252 would garble every correct accented letter, so only the
        // damaged bytes are lost.
        encoding = 'utf-8';
        warnings.push(
          `${scan.badCount} byte(s) are not valid UTF-8 (first at offset ${badAt}); decoded as UTF-8 with \ufffd in their place`,
        );
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      } else {
        encoding = 'windows-1252';
        warnings.push(`not valid UTF-8 (first bad byte at offset ${badAt}); decoded as Windows-1252`);
        text = decodeWindows1252(body);
      }
    }
  }

  text = normaliseLineEndings(text);
  if (isBlank(text)) throw new ImportError(fileName, 'empty', 'the file is empty');
  return { text, encoding, warnings };
}

/**
 * Canonical text, as DESIGN.md "Text, offsets and anchors" defines it. Exactly:
 * - drops a leading BOM (U+FEFF);
 * - turns CRLF and lone CR into \n; form feed and vertical tab (page and
 *   section breaks in exported text) also become \n;
 * - drops the other C0 control characters (U+0000-U+001F except \t and \n) and
 *   DEL (U+007F): they are invisible, cannot be highlighted, and break exports;
 * - empties lines that hold only whitespace, so "blank line" has one meaning;
 * - collapses runs of blank lines to a single blank line;
 * - removes blank lines at the start and end of the document.
 * Everything else, including spaces inside and at the end of lines, tabs,
 * non-breaking spaces and Unicode normalisation form, is left exactly as given.
 */
export function normaliseText(s: string): string {
  let text = s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  text = normaliseLineEndings(text).replace(/[\f\v]/g, '\n');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\x00-\x08\x0e-\x1f\x7f]/g, '');
  const out: string[] = [];
  let blankPending = false;
  for (const line of text.split('\n')) {
    if (isBlank(line)) {
      blankPending = out.length > 0;
      continue;
    }
    if (blankPending) out.push('');
    blankPending = false;
    out.push(line);
  }
  return out.join('\n');
}

function normaliseLineEndings(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

function isBlank(s: string): boolean {
  // Control characters count as blank too: a file of NULs and spaces has no text.
  // eslint-disable-next-line no-control-regex
  return /^[\s\x00-\x1f\x7f\ufeff]*$/.test(s);
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 10) return String(Math.round(mb));
  if (mb >= 0.1) return String(Math.round(mb * 10) / 10);
  return String(Number(mb.toPrecision(2)));
}

function detectBom(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

// Sample size for the statistical checks; the head of a file is representative
// and the checks must stay cheap on 50 MB inputs.
const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-16 text in Latin scripts has a zero high byte in most code units: zeros
 * cluster on odd offsets (LE) or even offsets (BE). Binary files have zeros on
 * both, so they are not mistaken for UTF-16.
 */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  if (oddZeros / units > 0.3 && evenZeros / units < 0.02) return 'utf-16le';
  if (evenZeros / units > 0.3 && oddZeros / units < 0.02) return 'utf-16be';
  return null;
}

function decodeUtf16(b: Uint8Array, enc: 'utf-16le' | 'utf-16be', fileName: string, warnings: string[]): string {
  if (b.length % 2 === 1) warnings.push('odd number of bytes for UTF-16; the last byte was ignored');
  const text = new TextDecoder(enc, { ignoreBOM: true }).decode(b.subarray(0, b.length & ~1));
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new ImportError(fileName, 'binary', `looks like a binary file, not text (found NUL characters at byte ${2 + nul * 2})`);
  }
  if (text.includes('\ufffd')) warnings.push('some bytes were not valid UTF-16 and were replaced with \ufffd');
  return text;
}

function assertNotBinary(b: Uint8Array, fileName: string, offsetBase: number): void {
  const nul = b.indexOf(0);
  if (nul >= 0) {
    throw new ImportError(fileName, 'binary', `looks like a binary file, not text (found NUL bytes at byte ${nul + offsetBase})`);
  }
  const n = Math.min(b.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    // Tab, LF, FF, CR and ESC (ANSI colour codes in logs) occur in real text.
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) controls++;
  }
  if (n > 0 && controls / n > 0.1) {
    throw new ImportError(
      fileName,
      'binary',
      `looks like a binary file, not text (${controls} control bytes in the first ${n} bytes)`,
    );
  }
}

interface Utf8Scan {
  firstBad: number; // -1 when the bytes are valid UTF-8
  badCount: number;
  multibyteCount: number; // well-formed sequences of 2-4 bytes
}

/** Validates UTF-8 per RFC 3629 (no overlongs, surrogates or code points above U+10FFFF). */
export function scanUtf8(b: Uint8Array): Utf8Scan {
  const n = b.length;
  let firstBad = -1;
  let badCount = 0;
  let multibyteCount = 0;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(b, i);
    if (len > 0) {
      multibyteCount++;
      i += len;
    } else {
      if (firstBad < 0) firstBad = i;
      badCount++;
      i++;
    }
  }
  return { firstBad, badCount, multibyteCount };
}

function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  let need: number;
  let min = 0x80;
  let max = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) min = 0xa0; // overlong
    if (c === 0xed) max = 0x9f; // UTF-16 surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) min = 0x90; // overlong
    if (c === 0xf4) max = 0x8f; // beyond U+10FFFF
  } else return 0;
  if (i + need >= b.length) return 0; // cut off by the end of the file
  if (b[i + 1] < min || b[i + 1] > max) return 0;
  for (let k = 2; k <= need; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return 0;
  return need + 1;
}

// WHATWG index-windows-1252 for 0x80-0x9F; every other byte maps to the same code point.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Own table instead of TextDecoder('windows-1252'): Node 20.18.3+ decodes that
 * label as ISO-8859-1, turning smart quotes into C1 controls (nodejs/node#60888).
 */
export function decodeWindows1252(b: Uint8Array): string {
  const CHUNK = 8192;
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(b.length, CHUNK));
  for (let start = 0; start < b.length; start += CHUNK) {
    const end = Math.min(b.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const c = b[i];
      codes[i - start] = c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] : c;
    }
    parts.push(String.fromCharCode.apply(null, codes.subarray(0, end - start) as unknown as number[]));
  }
  return parts.join('');
}
