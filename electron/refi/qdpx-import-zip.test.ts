import { describe, expect, it } from 'vitest';
import { importQdpx } from './qdpx-import';
import { fixture, zip } from '../../test/fixtures/refi-archives';
import { openZipSafely } from '../import/zip-safety';
import { makeZipBomb } from '../../test/fixtures/formats/make-zip';

/** yazl refuses unsafe names, so write a safe one of the same length and patch the bytes. */
function rename(bytes: Buffer, from: string, to: string): Buffer {
  expect(from.length).toBe(to.length);
  const out = Buffer.from(bytes);
  let at = out.indexOf(from);
  expect(at).toBeGreaterThan(-1);
  while (at >= 0) {
    out.write(to, at, 'latin1');
    at = out.indexOf(from, at + 1);
  }
  return out;
}

/** Overwrites the uncompressed size in the central directory record of the first entry named `name`. */
function lieAboutSize(bytes: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = out.length - 46; i >= 0; i--) {
    if (out.readUInt32LE(i) === 0x02014b50 && out.toString('latin1', i + 46, i + 46 + name.length) === name) {
      out.writeUInt32LE(size, i + 24);
      return out;
    }
  }
  throw new Error('central directory record not found');
}

const QDE = fixture('minimal-project.qde');

// The archive checks themselves live in electron/import/zip-safety.ts (and its
// tests); these make sure .qdpx import goes through them and reports clearly.
describe('importQdpx: hostile archives', () => {
  it('refuses an entry that climbs out of the archive (zip-slip)', async () => {
    const bytes = rename(await zip({ 'project.qde': QDE, 'xx/evil.txt': 'x' }), 'xx/evil.txt', '../evil.txt');
    const err = await importQdpx(bytes, 'slip.qdpx').catch((e) => e);
    expect(err.code).toBe('unsafe');
    expect(err.message).toMatch(/slip\.qdpx: .*outside the archive/);
  });

  it('refuses an absolute entry path and a backslash climb', async () => {
    const abs = rename(await zip({ 'project.qde': QDE, 'aetc/passwd': 'x' }), 'aetc/passwd', '/etc/passwd');
    await expect(importQdpx(abs, 'abs.qdpx')).rejects.toThrow(/outside the archive|absolute/);
    const back = rename(await zip({ 'project.qde': QDE, 'xx/x.txt': 'x' }), 'xx/x.txt', '..\\x.txt');
    await expect(importQdpx(back, 'back.qdpx')).rejects.toThrow(/outside the archive/);
  });

  it('refuses an entry whose declared size is over the limit (zip bomb), before inflating', async () => {
    const bytes = await zip({ 'project.qde': QDE, 'sources/big.txt': Buffer.alloc(2 * 1024 * 1024) });
    const err = await importQdpx(bytes, 'bomb.qdpx', { limits: { maxEntryUncompressed: 1024 * 1024 } }).catch((e) => e);
    expect(err.code).toBe('unsafe');
    expect(err.message).toMatch(/would expand to 2 MiB, over the limit of 1 MiB/);
  });

  it('refuses a real 1 GiB zip bomb with the default limits', async () => {
    const bytes = makeZipBomb([{ name: 'project.qde', data: QDE }, { name: 'sources/zeros.txt', zeros: 1024 * 1024 * 1024 }]);
    await expect(importQdpx(bytes, 'bomb.qdpx')).rejects.toThrow(/^bomb\.qdpx: archive entry "sources\/zeros\.txt" would expand to 1024 MiB, over the limit of 256 MiB; refusing it as a possible zip bomb$/);
  });

  it('refuses a declared ratio no ZIP compression can reach (forged header)', async () => {
    const bytes = lieAboutSize(await zip({ 'project.qde': QDE, 'sources/a.txt': Buffer.alloc(300_000, 'a') }), 'sources/a.txt', 200 * 1024 * 1024);
    await expect(importQdpx(bytes, 'forged.qdpx')).rejects.toThrow(/more than ZIP compression can achieve.*zip bomb/);
  });

  it('refuses a huge declared size with the default limits', async () => {
    const bytes = lieAboutSize(await zip({ 'project.qde': QDE, 'sources/a.txt': 'small' }), 'sources/a.txt', 0xfffffff0);
    await expect(importQdpx(bytes, 'huge.qdpx')).rejects.toThrow(/over the limit|zip bomb/);
  });

  it('stops inflating when an entry is larger than its header says', async () => {
    const bytes = lieAboutSize(await zip({ 'project.qde': QDE, 'sources/a.txt': Buffer.alloc(512 * 1024, 'a') }), 'sources/a.txt', 100);
    const z = await openZipSafely(bytes, 'liar.qdpx');
    const err = await z.readEntry('SOURCES/A.TXT').catch((e) => e);
    expect(err.code).toBe('unsafe');
    expect(err.message).toMatch(/more data than it declares|does not match its declared size/);
    z.close();
    // And through the importer, which reads every source it names.
    const qde = QDE.toString().replace('internal://6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F.txt', 'internal://a.txt');
    const liar = lieAboutSize(await zip({ 'project.qde': qde, 'sources/a.txt': Buffer.alloc(512 * 1024, 'a') }), 'sources/a.txt', 100);
    await expect(importQdpx(liar, 'liar.qdpx')).rejects.toThrow(/more data than it declares|declared size/);
  });

  it('refuses too many entries and the total inflated size', async () => {
    const files: Record<string, string> = { 'project.qde': QDE.toString() };
    for (let i = 0; i < 20; i++) files[`sources/${i}.txt`] = 'x'.repeat(1000);
    const bytes = await zip(files);
    await expect(importQdpx(bytes, 'many.qdpx', { limits: { maxEntries: 10 } })).rejects.toThrow(/21 entries, more than the limit of 10/);
    await expect(importQdpx(bytes, 'many.qdpx', { limits: { maxTotalUncompressed: 5000 } })).rejects.toThrow(/zip bomb/);
  });

  it('reports a file that is not a zip', async () => {
    await expect(importQdpx(Buffer.from('not a zip at all'), 'fake.qdpx')).rejects.toThrow(/fake\.qdpx: is not a valid REFI-QDA project/);
  });
});
