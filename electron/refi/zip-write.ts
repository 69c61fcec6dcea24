// Builds a zip in memory with yazl (deflate), for .qdpx files.
import { Readable } from 'node:stream';
import yazl from 'yazl';

export interface ZipFileSpec {
  path: string;
  data: Buffer | string; // strings are written as UTF-8 without BOM
}

/** A fixed timestamp keeps two exports of the same project byte-comparable. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export function buildZip(files: readonly ZipFileSpec[], mtime: Date = FIXED_MTIME): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) {
    const data = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data;
    // Streams are deflated one after another as the zip is written; addBuffer
    // would deflate every entry up front and hold all of them in memory at once.
    zip.addReadStream(Readable.from([data]), f.path, { compress: true, mtime, size: data.length });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
