// A minimal safe zip reader for .qdpx files (yauzl underneath). Written here
// because electron/import/zip-safety.ts did not exist yet; it offers the same
// three calls (openZipSafely, findEntry, readEntry) so switching is a one-line
// import change. Refuses: entries outside the archive (zip-slip), encrypted
// entries, too many entries, and sizes over the limits, both as declared in
// the central directory and as actually inflated (a lying header is caught
// while streaming, not after).
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportError } from '../import/types';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number; // inflated size of any one entry
  maxTotalBytes: number; // inflated size of everything read from this archive
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

export interface SafeZip {
  fileName: string;
  entries: Entry[]; // files only, in archive order
  limits: ZipLimits;
  zip: ZipFile;
  bytesRead: number;
}

function unsafe(fileName: string, message: string): ImportError {
  return new ImportError(fileName, 'unsafe', message);
}

/** Our own name check, on top of yauzl's (which rejects "..", "/x" and "C:"). */
function entryNameProblem(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL character';
  if (/^[a-zA-Z]:|^[\\/]/.test(name)) return 'is an absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'points outside the archive';
  return null;
}

export function openZipSafely(bytes: Uint8Array, fileName: string, limits: Partial<ZipLimits> = {}): Promise<SafeZip> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new ImportError(fileName, 'corrupt', `not a readable zip archive (${err?.message ?? 'unknown error'})`));
      if (zip.entryCount > lim.maxEntries) {
        return reject(unsafe(fileName, `the archive has ${zip.entryCount} entries (limit ${lim.maxEntries}); refusing it`));
      }
      const entries: Entry[] = [];
      let declaredTotal = 0;
      zip.on('error', (e: Error) => {
        const slip = /invalid relative path|absolute path|invalid characters in fileName/.exec(e.message);
        reject(slip
          ? unsafe(fileName, `an entry points outside the archive (${e.message}); refusing it for safety`)
          : new ImportError(fileName, 'corrupt', `damaged zip archive (${e.message})`));
      });
      zip.on('entry', (entry: Entry) => {
        const problem = entryNameProblem(entry.fileName);
        if (problem) return reject(unsafe(fileName, `entry "${entry.fileName}" ${problem}; refusing the archive for safety`));
        if (!entry.fileName.endsWith('/')) {
          if (entry.isEncrypted()) return reject(new ImportError(fileName, 'encrypted', `entry "${entry.fileName}" is encrypted`));
          if (entry.uncompressedSize > lim.maxEntryBytes) {
            return reject(unsafe(fileName, `entry "${entry.fileName}" would inflate to ${entry.uncompressedSize} bytes (limit ${lim.maxEntryBytes}); refusing a possible zip bomb`));
          }
          declaredTotal += entry.uncompressedSize;
          if (declaredTotal > lim.maxTotalBytes) {
            return reject(unsafe(fileName, `the archive would inflate to more than ${lim.maxTotalBytes} bytes; refusing a possible zip bomb`));
          }
          entries.push(entry);
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve({ fileName, entries, limits: lim, zip, bytesRead: 0 }));
      zip.readEntry();
    });
  });
}

/** Finds a file entry by path; REFI tools disagree on case (sources/ vs Sources/). */
export function findEntry(zip: SafeZip, name: string, options: { caseInsensitive?: boolean } = {}): Entry | undefined {
  const want = options.caseInsensitive ? name.toLowerCase() : name;
  return zip.entries.find((e) => (options.caseInsensitive ? e.fileName.toLowerCase() : e.fileName) === want);
}

/** Inflates one entry, stopping as soon as it exceeds its declared size or the limits. */
export function readEntry(zip: SafeZip, entry: Entry): Promise<Buffer> {
  const cap = Math.min(entry.uncompressedSize, zip.limits.maxEntryBytes);
  return new Promise((resolve, reject) => {
    zip.zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new ImportError(zip.fileName, 'corrupt', `cannot read "${entry.fileName}" (${err?.message ?? 'no data'})`));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        zip.bytesRead += chunk.length;
        if (size > cap || zip.bytesRead > zip.limits.maxTotalBytes) {
          stream.destroy();
          reject(unsafe(zip.fileName, `entry "${entry.fileName}" inflates to more than its declared or allowed size; refusing a possible zip bomb`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: Error) => {
        const bomb = /too many bytes|expected \d+ bytes/i.test(e.message);
        reject(bomb
          ? unsafe(zip.fileName, `entry "${entry.fileName}" does not match its declared size (${e.message}); refusing it`)
          : new ImportError(zip.fileName, 'corrupt', `cannot inflate "${entry.fileName}" (${e.message})`));
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

export function closeZip(zip: SafeZip): void {
  zip.zip.close();
}
