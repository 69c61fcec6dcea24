// Storage faults from the hardening audit (issue 9, items 2, 5 and the 0-byte
// store): each test builds the fault for real (a zeroed page on disk, a full
// tmpfs, a 0-byte file) and checks what the user gets: a clear message, the
// good backups kept, nothing half-written, no stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup, latestGoodBackup, listBackups, rotateBackups } from '../../db/backups';
import { doctor } from '../../db/maintenance';
import { openStore } from '../../db/store';
import { addArticle, REPO_ROOT, tempDir, toBody } from '../helpers';

const CLI = path.join(REPO_ROOT, 'bin/quarry.mjs');
const built = existsSync(path.join(REPO_ROOT, 'dist/node/cli.mjs'));

/** A store with enough articles to span many pages, closed (WAL checkpointed into the file). */
async function filledStore(dir: string, articles = 60): Promise<string> {
  const file = path.join(dir, 'store.sqlite');
  const store = await openStore(file, { skipBackup: true });
  for (let i = 0; i < articles; i++) addArticle(store, { title: `Article ${i}`, body: toBody(`Paragraph ${i} `.repeat(400)) });
  store.close();
  return file;
}

/** Overwrites one page in the middle of the file with zeros, as a failing disk or a bad sync would. */
function zeroPage(file: string, fraction = 0.5): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = Math.floor(bytes.length / pageSize);
  const page = Math.max(2, Math.floor(pages * fraction));
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, page * pageSize);
  closeSync(fd);
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

describe('a store with one zeroed page', () => {
  it('is never backed up as if it were good: three opens keep the good backup and add no damaged copies', async () => {
    const dir = tempDir();
    const file = await filledStore(dir);
    const store = await openStore(file, { skipBackup: true });
    const good = await createBackup(store.db, file, 'manual');
    store.close();
    zeroPage(file);
    for (let i = 0; i < 3; i++) {
      const s = await openStore(file, { skipBackup: true });
      await expect(createBackup(s.db, file, 'auto')).rejects.toMatchObject({ code: 'corrupt' });
      s.close();
    }
    expect(listBackups(file).map((b) => b.name)).toEqual([good.name]);
    expect(latestGoodBackup(file)?.name).toBe(good.name);
  });

  it('tells the user at once what is wrong and what to do, naming the latest good backup', async () => {
    const dir = tempDir();
    const file = await filledStore(dir);
    const store = await openStore(file, { skipBackup: true });
    const good = await createBackup(store.db, file, 'manual');
    store.close();
    zeroPage(file);
    const s = await openStore(file, { skipBackup: true });
    const err = (await createBackup(s.db, file, 'auto').catch((e: Error) => e)) as Error;
    s.close();
    expect(err.message).toContain('is damaged');
    expect(err.message).toContain(good.name);
    expect(err.message).toMatch(/export what can still be read/);
  });

  it('doctor reports the damage and the way out instead of failing', async () => {
    const dir = tempDir();
    const file = await filledStore(dir);
    zeroPage(file);
    const s = await openStore(file, { skipBackup: true });
    const rep = doctor(s.db);
    s.close();
    expect(rep.ok).toBe(false);
    expect(rep.checks[0]).toMatchObject({ name: 'SQLite integrity', ok: false });
    expect(rep.advice).toMatch(/Restore the latest good backup/);
  });

  it.skipIf(!built)('the CLI: doctor exits 1 with the advice, import and list give one clear line, no stack trace', () => {
    const dir = tempDir();
    return filledStore(dir).then((file) => {
      zeroPage(file, 0.3);
      const doc = spawnSync(process.execPath, [CLI, 'doctor', '--store', file], { encoding: 'utf8' });
      expect(doc.status).toBe(1);
      expect(doc.stdout).toContain('FAIL  SQLite integrity');
      expect(doc.stdout).toMatch(/store file is damaged/);
      expect(doc.stderr).toMatch(/WARNING: The store .* is damaged/);
      noStack(doc.stdout + doc.stderr);
      const txt = path.join(dir, 'new.txt');
      writeFileSync(txt, 'A new article about a damaged store.\n');
      for (const args of [['import', txt], ['list'], ['search', 'Paragraph']]) {
        const r = spawnSync(process.execPath, [CLI, ...args, '--store', file], { encoding: 'utf8' });
        noStack(r.stdout + r.stderr);
        if (r.status !== 0) expect(r.stderr).toMatch(/^quarry: |WARNING/m);
      }
    });
  });
});

describe('the backup rotation', () => {
  it('never rotates out the last good backup, even when newer ones are damaged', async () => {
    const dir = tempDir();
    const file = await filledStore(dir, 20);
    const store = await openStore(file, { skipBackup: true });
    const good = await createBackup(store.db, file, 'manual', new Date('2026-01-01T00:00:00Z'));
    // Three newer backups damaged on disk after they were written.
    for (const day of ['02', '03', '04']) {
      const b = await createBackup(store.db, file, 'auto', new Date(`2026-01-${day}T00:00:00Z`));
      zeroPage(b.path, 0.2);
      writeFileSync(b.path, Buffer.alloc(statSync(b.path).size)); // wholly unreadable
    }
    store.close();
    rotateBackups(file, 2);
    const left = listBackups(file).map((b) => b.name);
    expect(left).toContain(good.name);
    expect(left).toHaveLength(3); // the two newest kept by the setting, plus the last good one
  });
});

describe('a 0-byte file where a store should be', () => {
  it('is refused with a clear message and left as it was, not silently made a new store', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.sqlite');
    writeFileSync(file, '');
    await expect(openStore(file)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/empty \(0 bytes\).*cut short/) });
    expect(statSync(file).size).toBe(0);
    const s = await openStore(file, { allowEmptyFile: true });
    s.close();
    expect(statSync(file).size).toBeGreaterThan(0);
  });
});

describe('a full disk', () => {
  it('a write that does not fit fails as disk-full and the store stays whole', async () => {
    const dir = tempDir();
    const file = await filledStore(dir, 5);
    const s = await openStore(file, { skipBackup: true });
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    s.db.pragma(`max_page_count = ${pages}`); // SQLite's own "disk full"
    expect(() => addArticle(s, { title: 'too big', body: toBody('x'.repeat(2_000_000)) })).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(doctor(s.db).ok).toBe(true);
    expect((s.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(5);
    s.close();
  });

  it('closing never throws when PRAGMA optimize fails', async () => {
    const dir = tempDir();
    const file = await filledStore(dir, 2);
    const s = await openStore(file, { skipBackup: true });
    const pragma = s.db.pragma.bind(s.db);
    s.db.pragma = ((src: string, o?: object) => {
      if (src === 'optimize') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return pragma(src, o as never);
    }) as typeof s.db.pragma;
    expect(() => s.close()).not.toThrow();
    expect(s.db.open).toBe(false);
  });

  const mountPoint = path.join(tempDir(), 'tiny');
  let canMount = false;
  try {
    mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    canMount = true;
  } catch {
    canMount = false;
  }
  it.skipIf(!canMount)('(tmpfs of 256 KB; skipped where mounting is not permitted) a backup into a full disk leaves no partial or journal file', async () => {
    try {
      const dir = tempDir();
      const file = await filledStore(dir, 40); // well over 256 KB
      const s = await openStore(file, { skipBackup: true });
      const { backupTo } = await import('../../db/maintenance');
      await expect(backupTo(s.db, path.join(mountPoint, 'copy.sqlite'))).rejects.toBeTruthy();
      s.close();
      expect(readdirSync(mountPoint)).toEqual([]);
    } finally {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });
});
