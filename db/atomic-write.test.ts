import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers';
import { defaultIo, writeFileAtomic, type AtomicWriteIo } from './atomic-write';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves nothing else in the folder', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.csv');
    const r = await writeFileAtomic(target, 'a,b\r\n1,2\r\n');
    expect(r).toEqual({ path: target, bytes: 10 });
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('replaces an existing file only when the new one is complete', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.txt');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('full disk: a clear error naming the path, the old file untouched, no temporary file left', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'report.xlsx');
    writeFileSync(target, 'previous export');
    const full: AtomicWriteIo = {
      ...defaultIo,
      write: async (handle, data) => {
        await handle.write(data.subarray(0, 3)); // part of it reached the disk, then the disk filled up
        throw enospc();
      },
    };
    const err = await writeFileAtomic(target, Buffer.alloc(1000, 1), 'Exporting report.xlsx', full).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'disk-full' });
    expect((err as Error).message).toBe(`Exporting report.xlsx: the disk holding ${target} is full; nothing was written. Free some space and try again.`);
    expect(readFileSync(target, 'utf8')).toBe('previous export');
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
  });

  it('a failing rename (full disk at the last step) leaves no file at all', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'new.qdpx');
    const io: AtomicWriteIo = { ...defaultIo, rename: async () => Promise.reject(enospc()) };
    await expect(writeFileAtomic(target, 'x', 'Exporting', io)).rejects.toMatchObject({ code: 'disk-full' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a target inside a regular file (not writable): a clear error, nothing created', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    const target = path.join(file, 'out.csv');
    const err = await writeFileAtomic(target, 'data', 'Exporting out.csv').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'io' });
    expect((err as Error).message).toBe(`Exporting out.csv: ${target} is not inside a folder (part of the path is a file). Choose another place.`);
    expect(readdirSync(dir)).toEqual(['plain.txt']);
  });

  it('a missing folder and a folder as the target are refused with the path named', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(path.join(dir, 'nope', 'a.csv'), 'x')).rejects.toThrow(`the folder of ${path.join(dir, 'nope', 'a.csv')} does not exist`);
    await expect(writeFileAtomic(dir, 'x')).rejects.toMatchObject({ code: 'invalid' });
    expect(existsSync(path.join(dir, 'nope'))).toBe(false);
  });

  it('permission denied maps to read-only', async () => {
    const dir = tempDir();
    const io: AtomicWriteIo = { ...defaultIo, open: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) };
    await expect(writeFileAtomic(path.join(dir, 'a.md'), 'x', 'Exporting', io)).rejects.toMatchObject({ code: 'read-only' });
  });
});
