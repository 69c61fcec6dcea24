import { describe, expect, it } from 'vitest';
import { openZipSafely, unsafeEntryName } from './zip-safety';
import { ImportError } from './types';
import { makeZip, makeZipBomb, patchDeclaredSize, renameEntry } from '../../test/fixtures/formats/make-zip';

async function rejection(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error('expected a rejection');
}

describe('openZipSafely', () => {
  it('lists entries and reads them, with case-insensitive lookup', async () => {
    const zip = await openZipSafely(
      await makeZip([
        { name: 'mimetype', data: 'application/epub+zip', compress: false },
        { name: 'OEBPS/Chapter1.xhtml', data: '<p>Hello</p>' },
        { name: 'docs/', data: '' },
      ]),
      'book.epub',
    );
    expect(zip.entries.map((e) => e.name)).toEqual(['mimetype', 'OEBPS/Chapter1.xhtml', 'docs/']);
    expect(zip.entries[2].isDirectory).toBe(true);
    expect(zip.findEntry('oebps/chapter1.XHTML')?.name).toBe('OEBPS/Chapter1.xhtml');
    expect(zip.findEntry('/mimetype')?.name).toBe('mimetype');
    expect(zip.findEntry('missing')).toBeUndefined();
    expect(await zip.readText('OEBPS/chapter1.xhtml')).toBe('<p>Hello</p>');
    expect((await zip.readEntry('mimetype')).toString()).toBe('application/epub+zip');
    zip.close();
  });

  it('drops a UTF-8 BOM in readText', async () => {
    const zip = await openZipSafely(await makeZip([{ name: 'a.xml', data: '\ufeff<a/>' }]), 'x.zip');
    expect(await zip.readText('a.xml')).toBe('<a/>');
  });

  it('refuses an entry that points outside the archive (zip-slip)', async () => {
    const bytes = renameEntry(await makeZip([{ name: 'zz/evil.sh', data: 'rm -rf ~' }]), 'zz/evil.sh', '../evil.sh');
    const err = await rejection(openZipSafely(bytes, 'slip.zip'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toBe('slip.zip: archive entry "../evil.sh" points outside the archive');
  });

  it('refuses backslash traversal, absolute paths and drive letters', async () => {
    for (const [raw, patched, why] of [
      ['zz\\evil', '..\\evil', 'points outside the archive'],
      ['zetc/passwd', '/etc/passwd', 'is an absolute path'],
      ['zzwin.ini', 'C:win.ini', 'starts with a drive letter'],
    ] as const) {
      // yazl refuses backslashes too, so write a same-length placeholder and patch it.
      const placeholder = raw.replace(/\\/g, '_');
      const bytes = renameEntry(await makeZip([{ name: placeholder, data: 'x' }]), placeholder, patched);
      const err = await rejection(openZipSafely(bytes, 'bad.zip'));
      expect(err.code).toBe('unsafe');
      expect(err.message).toContain(why);
    }
  });

  it('unsafeEntryName accepts ordinary nested names', () => {
    expect(unsafeEntryName('word/document.xml')).toBeNull();
    expect(unsafeEntryName('a/..b/c..')).toBeNull();
    expect(unsafeEntryName('a/../../b')).toBe('points outside the archive');
  });

  it('refuses a zip bomb by declared size before inflating anything', async () => {
    const bomb = await makeZip([{ name: 'zeros.bin', data: new Uint8Array(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024); // 50 MB of zeros deflate to ~50 KB
    const err = await rejection(openZipSafely(bomb, 'bomb.zip', { maxEntryUncompressed: 10 * 1024 * 1024, maxRatio: 1e9 }));
    expect(err.code).toBe('unsafe');
    expect(err.message).toContain('"zeros.bin" would expand to 50 MiB, over the limit of 10 MiB');
  });

  it('accepts text that compresses well: 8 MiB of zeros deflate ~1000:1, which is not a bomb', async () => {
    const zeros = await makeZip([{ name: 'zeros.bin', data: new Uint8Array(8 * 1024 * 1024) }]);
    const zip = await openZipSafely(zeros, 'zeros.zip');
    const info = zip.findEntry('zeros.bin')!;
    expect(info.uncompressedSize / info.compressedSize).toBeGreaterThan(500); // the old 200:1 limit refused it
    expect((await zip.readEntry('zeros.bin')).length).toBe(8 * 1024 * 1024);
    zip.close();
  });

  it('refuses a declared ratio that DEFLATE cannot reach (a forged header)', async () => {
    const honest = await makeZip([{ name: 'data.bin', data: new Uint8Array(300_000).fill(65) }]);
    const forged = patchDeclaredSize(honest, 'data.bin', 200 * 1024 * 1024);
    const err = await rejection(openZipSafely(forged, 'forged.zip'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toMatch(/^forged\.zip: archive entry "data\.bin" declares a compression of \d+:1, more than ZIP compression can achieve/);
  });

  it('refuses a real 1 GiB zip bomb by its size, with a clear message, before inflating it', async () => {
    const bomb = makeZipBomb([{ name: 'zeros.bin', zeros: 1024 * 1024 * 1024 }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024); // ~1 MiB on disk
    const err = await rejection(openZipSafely(bomb, 'bomb.zip'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toBe('bomb.zip: archive entry "zeros.bin" would expand to 1024 MiB, over the limit of 256 MiB; refusing it as a possible zip bomb');
  });

  it('refuses a bomb spread over entries under the per-entry limit, by the total', async () => {
    const bomb = makeZipBomb(Array.from({ length: 5 }, (_, i) => ({ name: `part${i}.bin`, zeros: 208 * 1024 * 1024 })));
    const err = await rejection(openZipSafely(bomb, 'spread.zip'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toBe('spread.zip: the archive would expand to more than 512 MiB; refusing it as a possible zip bomb');
  });

  it('stops a bomb whose header lies small at the declared size, without inflating the rest', async () => {
    const bomb = makeZipBomb([{ name: 'zeros.bin', zeros: 1024 * 1024 * 1024, declare: 64 * 1024 }]);
    // The declared ratio is under 1:1, so only counting while inflating can catch it.
    const zip = await openZipSafely(bomb, 'liar.zip');
    const before = process.memoryUsage().rss;
    const err = await rejection(zip.readEntry('zeros.bin'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toMatch(/^liar\.zip: archive entry "zeros\.bin" (holds more data than it declares|does not match its declared size)/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    zip.close();
  });

  it('refuses archives over the total size and entry count limits', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: 'x'.repeat(1000) }));
    const zipBytes = await makeZip(files);
    const many = await rejection(openZipSafely(zipBytes, 'many.zip', { maxEntries: 10 }));
    expect(many.code).toBe('unsafe');
    expect(many.message).toContain('12 entries, more than the limit of 10');
    const big = await rejection(openZipSafely(zipBytes, 'big.zip', { maxTotalUncompressed: 5000 }));
    expect(big.code).toBe('unsafe');
    expect(big.message).toContain('would expand to more than');
  });

  it('aborts reading an entry that holds more data than it declares', async () => {
    const honest = await makeZip([{ name: 'data.bin', data: new Uint8Array(300_000).fill(65) }]);
    const liar = patchDeclaredSize(honest, 'data.bin', 1000);
    const zip = await openZipSafely(liar, 'liar.zip');
    expect(zip.findEntry('data.bin')?.uncompressedSize).toBe(1000);
    const err = await rejection(zip.readEntry('data.bin'));
    expect(err.code).toBe('unsafe');
    expect(err.message).toContain('"data.bin"');
  });

  it('enforces the caller cap in readEntry', async () => {
    const zip = await openZipSafely(await makeZip([{ name: 'big.txt', data: 'y'.repeat(5000) }]), 'cap.zip');
    const err = await rejection(zip.readEntry('big.txt', 100));
    expect(err.code).toBe('too-large');
    expect((await zip.readEntry('big.txt', 5000)).length).toBe(5000);
  });

  it('reports non-ZIP bytes and missing entries as corrupt, naming the format', async () => {
    const err = await rejection(openZipSafely(Buffer.from('just some text, not a zip'), 'notes.docx', {}, 'Word document'));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^notes\.docx: is not a valid Word document \(/);
    const zip = await openZipSafely(await makeZip([{ name: 'a', data: 'a' }]), 'a.zip');
    expect((await rejection(zip.readEntry('b'))).code).toBe('corrupt');
  });
});
