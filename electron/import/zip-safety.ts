// Safe reading of ZIP-based formats (DOCX, EPUB, REFI-QDA .qdpx, ...).
//
// openZipSafely() reads the central directory only and refuses, before any
// byte is inflated:
// - entry names that could escape an extraction folder (zip-slip): absolute
//   paths, drive letters, `..` segments, backslash tricks, NUL bytes;
// - archives with too many entries, or whose declared sizes exceed the limits;
// - entries whose declared compression ratio is absurd (zip bombs).
// readEntry() then inflates one entry while counting bytes, and aborts as soon
// as the data exceeds the declared size (a lying header) or the caller's cap.
// Nothing is ever written to disk.
//
// Usage:
//   const zip = await openZipSafely(bytes, fileName, { maxEntries: 2_000 }, 'Word document');
//   const entry = zip.findEntry('word/document.xml');      // case-insensitive
//   const xml = await zip.readText(entry.name, 16 * MiB);
import yauzl from 'yauzl';
import { ImportError } from './types';

const MiB = 1024 * 1024;

export interface ZipLimits {
  /** Most entries (files + folders) an archive may list. */
  maxEntries: number;
  /** Most bytes all entries may declare, uncompressed, together. */
  maxTotalUncompressed: number;
  /** Most bytes one entry may declare, uncompressed. */
  maxEntryUncompressed: number;
  /** Largest uncompressed/compressed ratio allowed for entries above `ratioMinBytes`. */
  maxRatio: number;
  /**
   * The ratio check applies only to entries declaring more than this many bytes:
   * small runs of repeated XML legitimately compress 200:1 and more.
   */
  ratioMinBytes: number;
}

/**
 * The most DEFLATE can compress: one 258-byte match per ~2 bits, about 1032:1
 * (zlib's technical notes). yauzl reads only stored and deflated entries, so
 * an entry declaring more than this lies about its size.
 */
export const DEFLATE_MAX_RATIO = 1032;

/**
 * A bomb is about absolute size, so the absolute limits are the defence: at
 * most 10,000 entries, 256 MiB per entry and 512 MiB in all, every entry
 * counted as it inflates (readEntry) so a lying header cannot get past them.
 * They are set above what Quarry itself writes: one article body is at most
 * MAX_BODY_CHARS (50 million UTF-16 units, at most 150 MB as UTF-8).
 * The ratio check is only a tripwire for forged headers: a limit a real
 * archive cannot exceed, since text that compresses well is not an attack
 * (a 2 MiB article of one repeated paragraph deflates about 1000:1).
 */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 10_000,
  maxTotalUncompressed: 512 * MiB,
  maxEntryUncompressed: 256 * MiB,
  maxRatio: DEFLATE_MAX_RATIO + 8, // + the few bytes of block headers in a tiny stream
  ratioMinBytes: 1 * MiB,
});

export interface ZipEntryInfo {
  /** Entry path as stored, with `/` separators (backslashes converted). */
  readonly name: string;
  readonly isDirectory: boolean;
  readonly compressedSize: number;
  /** As declared in the central directory; readEntry() enforces it. */
  readonly uncompressedSize: number;
  readonly encrypted: boolean;
}

export interface SafeZip {
  readonly fileName: string;
  /** Every entry, in central-directory order. */
  readonly entries: readonly ZipEntryInfo[];
  /** Case-insensitive lookup by path ("Word/Document.xml" finds "word/document.xml"); a leading "/" is ignored. */
  findEntry(name: string): ZipEntryInfo | undefined;
  /** Inflates one entry. Throws ImportError 'too-large' beyond maxBytes, 'unsafe' beyond its declared size. */
  readEntry(name: string, maxBytes?: number): Promise<Buffer>;
  /** readEntry + UTF-8 decoding (BOM dropped). */
  readText(name: string, maxBytes?: number): Promise<string>;
  /** Releases the archive. Reading afterwards fails. */
  close(): void;
}

/**
 * Opens a ZIP held in memory after checking it against `limits` (merged over
 * DEFAULT_ZIP_LIMITS). `kind` names the format in messages ("is not a valid
 * Word document (…)"). Throws ImportError: 'corrupt' (not a readable ZIP),
 * 'unsafe' (zip-slip, bomb, too many entries), 'too-large' (sizes over limits).
 */
export async function openZipSafely(
  bytes: Uint8Array | Buffer,
  fileName: string,
  limits: Partial<ZipLimits> = {},
  kind = 'ZIP archive',
): Promise<SafeZip> {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string): ImportError => new ImportError(fileName, 'corrupt', `is not a valid ${kind} (${why})`);

  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      // decodeStrings: false -> we decode and validate names ourselves, so the
      // user sees which entry is unsafe instead of yauzl's generic error.
      yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
        err || !z ? reject(err ?? new Error('no archive')) : resolve(z),
      );
    });
  } catch (err) {
    throw corrupt(reason(err));
  }

  if (zip.entryCount > lim.maxEntries) {
    zip.close();
    throw new ImportError(
      fileName,
      'unsafe',
      `the archive lists ${zip.entryCount} entries, more than the limit of ${lim.maxEntries}; refusing it as a possible zip bomb`,
    );
  }

  const entries: ZipEntryInfo[] = [];
  const raw = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          const info = checkEntry(entry, fileName, lim);
          total += info.uncompressedSize;
          if (total > lim.maxTotalUncompressed) {
            throw new ImportError(
              fileName,
              'unsafe',
              `the archive would expand to more than ${formatBytes(lim.maxTotalUncompressed)}; refusing it as a possible zip bomb`,
            );
          }
          entries.push(info);
          raw.set(info.name, entry);
          zip.readEntry();
        } catch (err) {
          reject(err);
        }
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    if (err instanceof ImportError) throw err;
    throw corrupt(reason(err));
  }

  const byLower = new Map<string, ZipEntryInfo>();
  for (const e of entries) if (!byLower.has(e.name.toLowerCase())) byLower.set(e.name.toLowerCase(), e);

  const findEntry = (name: string): ZipEntryInfo | undefined => byLower.get(name.replace(/^\/+/, '').toLowerCase());

  const readEntry = async (name: string, maxBytes = lim.maxEntryUncompressed): Promise<Buffer> => {
    const info = findEntry(name);
    const entry = info && raw.get(info.name);
    if (!info || !entry) throw corrupt(`entry "${name}" is missing`);
    if (info.encrypted) throw new ImportError(fileName, 'encrypted', `entry "${info.name}" is password-protected`);
    if (info.uncompressedSize > maxBytes) throw tooLarge(fileName, info.name, maxBytes);
    return inflateEntry(zip, entry, info, maxBytes, fileName, corrupt);
  };

  return {
    fileName,
    entries,
    findEntry,
    readEntry,
    async readText(name, maxBytes) {
      const buf = await readEntry(name, maxBytes);
      const text = new TextDecoder('utf-8').decode(buf); // drops a UTF-8 BOM
      return text;
    },
    close: () => zip.close(),
  };
}

/** True when the bytes start like a ZIP archive (local header, or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/**
 * Why a name is unsafe, or null. Checks the raw name too, because a backslash
 * name like "..\\evil" is a path on Windows even though ZIP uses "/".
 */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL character';
  const normal = name.replace(/\\/g, '/');
  if (normal.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(normal)) return 'starts with a drive letter';
  if (normal.startsWith('//')) return 'is a network path';
  if (normal.split('/').some((seg) => seg === '..')) return 'points outside the archive';
  return null;
}

function checkEntry(entry: yauzl.Entry, fileName: string, lim: ZipLimits): ZipEntryInfo {
  const nameRaw = entry.fileName as unknown as Buffer; // decodeStrings: false
  const decoded = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, nameRaw, entry.extraFields, true);
  const why = unsafeEntryName(decoded);
  if (why) {
    const shown = JSON.stringify(decoded.slice(0, 200));
    const message = why === 'points outside the archive' ? `archive entry ${shown} points outside the archive` : `archive entry ${shown} ${why}`;
    throw new ImportError(fileName, 'unsafe', message);
  }
  const name = decoded.replace(/\\/g, '/');
  const info: ZipEntryInfo = {
    name,
    isDirectory: name.endsWith('/'),
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
  };
  if (info.uncompressedSize > lim.maxEntryUncompressed) {
    throw new ImportError(
      fileName,
      'unsafe',
      `archive entry ${JSON.stringify(name)} would expand to ${formatBytes(info.uncompressedSize)}, over the limit of ${formatBytes(lim.maxEntryUncompressed)}; refusing it as a possible zip bomb`,
    );
  }
  const ratio = info.uncompressedSize / Math.max(info.compressedSize, 1);
  if (info.uncompressedSize > lim.ratioMinBytes && ratio > lim.maxRatio) {
    throw new ImportError(
      fileName,
      'unsafe',
      lim.maxRatio > DEFLATE_MAX_RATIO
        ? `archive entry ${JSON.stringify(name)} declares a compression of ${Math.round(ratio)}:1, more than ZIP compression can achieve (about ${DEFLATE_MAX_RATIO}:1); its sizes are forged, refusing it as a possible zip bomb`
        : `archive entry ${JSON.stringify(name)} is compressed ${Math.round(ratio)}:1 (limit ${lim.maxRatio}:1); refusing it as a possible zip bomb`,
    );
  }
  return info;
}

function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  info: ZipEntryInfo,
  maxBytes: number,
  fileName: string,
  corrupt: (why: string) => ImportError,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(corrupt(reason(err)));
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      const fail = (e: ImportError): void => {
        if (failed) return;
        failed = true;
        stream.destroy();
        reject(e);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // yauzl's validateEntrySizes checks this too; counting here stops the
        // inflater at the first excess chunk whatever yauzl version is installed.
        if (size > info.uncompressedSize) {
          fail(
            new ImportError(
              fileName,
              'unsafe',
              `archive entry ${JSON.stringify(info.name)} holds more data than it declares; refusing it as a possible zip bomb`,
            ),
          );
        } else if (size > maxBytes) {
          fail(tooLarge(fileName, info.name, maxBytes));
        } else {
          chunks.push(chunk);
        }
      });
      stream.on('error', (e: unknown) => {
        const msg = reason(e);
        if (/too many bytes|too few bytes/i.test(msg)) {
          fail(new ImportError(fileName, 'unsafe', `archive entry ${JSON.stringify(info.name)} does not match its declared size`));
        } else {
          fail(corrupt(`entry ${JSON.stringify(info.name)}: ${msg}`));
        }
      });
      stream.on('end', () => {
        if (!failed) resolve(Buffer.concat(chunks, size));
      });
    });
  });
}

function tooLarge(fileName: string, entryName: string, maxBytes: number): ImportError {
  return new ImportError(
    fileName,
    'too-large',
    `archive entry ${JSON.stringify(entryName)} is larger than ${formatBytes(maxBytes)}, the most this import reads from one entry`,
  );
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
