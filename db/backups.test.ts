import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addArticle, onCleanup, tempDir, tempStore } from '../test/helpers';
import { autoBackup, backupAndRotate, backupDir, checkStoreFile, createBackup, getBackupSettings, listBackups, setBackupSettings } from './backups';
import { LATEST_VERSION } from './migrations/index';
import { openStore } from './store';

const at = (iso: string) => new Date(iso);

describe('backups', () => {
  it('writes a consistent, openable copy into <store>.backups/, named by time and reason', async () => {
    const store = await tempStore();
    addArticle(store, { title: 'One', body: 'Text of one.' }); // still in the WAL: the copy must include it
    const b = await createBackup(store.db, store.path, 'manual', at('2025-10-28T09:15:00.123Z'));
    expect(b.name).toBe('20251028T091500123Z-manual.sqlite');
    expect(path.dirname(b.path)).toBe(backupDir(store.path));
    expect(readdirSync(backupDir(store.path))).toEqual([b.name]); // no partial file left
    const copy = await openStore(b.path, { skipBackup: true });
    onCleanup(() => copy.close());
    expect((copy.db.prepare('SELECT title FROM articles').get() as { title: string }).title).toBe('One');
    expect(listBackups(store.path)).toEqual([{ ...b, bytes: b.bytes }]);
    expect(listBackups(store.path)[0].createdAt).toBe('2025-10-28T09:15:00.123Z');
  });

  it('rotates: keeps the newest `keep` copies (a setting of the store, default 10)', async () => {
    const store = await tempStore();
    expect(getBackupSettings(store.db)).toEqual({ keep: 10, intervalHours: 24 });
    expect(setBackupSettings(store.db, { keep: 2 })).toEqual({ keep: 2, intervalHours: 24 });
    for (const t of ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z']) await backupAndRotate(store.db, store.path, 'auto', at(t));
    expect(listBackups(store.path).map((b) => b.createdAt)).toEqual(['2025-01-03T00:00:00.000Z', '2025-01-02T00:00:00.000Z']);
    expect(() => setBackupSettings(store.db, { keep: 0 })).toThrow(/from 1 to 1000/);
  });

  it('automatic backups: none for an empty store, then at most one per interval', async () => {
    const store = await tempStore();
    expect(await autoBackup(store.db, store.path, at('2025-01-01T00:00:00Z'))).toBeNull();
    addArticle(store, { title: 'One', body: 'Text.' });
    expect(await autoBackup(store.db, store.path, at('2025-01-01T00:00:00Z'))).not.toBeNull();
    expect(await autoBackup(store.db, store.path, at('2025-01-01T23:00:00Z'))).toBeNull();
    expect(await autoBackup(store.db, store.path, at('2025-01-02T00:00:01Z'))).not.toBeNull();
    setBackupSettings(store.db, { keep: 10, intervalHours: 1 });
    expect(await autoBackup(store.db, store.path, at('2025-01-02T01:00:02Z'))).not.toBeNull();
    expect(listBackups(store.path).map((b) => b.reason)).toEqual(['auto', 'auto', 'auto']);
  });

  it('ignores files in the folder that are not backups', async () => {
    const store = await tempStore();
    await createBackup(store.db, store.path, 'manual');
    writeFileSync(path.join(backupDir(store.path), 'notes.txt'), 'x');
    expect(listBackups(store.path)).toHaveLength(1);
  });

  it('a backup folder that cannot be created (a file is in the way): a clear error', async () => {
    const store = await tempStore();
    writeFileSync(backupDir(store.path), 'not a folder');
    await expect(createBackup(store.db, store.path, 'manual')).rejects.toThrow(/Backing up the store: cannot create/);
  });

  it('checkStoreFile accepts a Quarry store and refuses other files without changing them', async () => {
    const store = await tempStore();
    const b = await createBackup(store.db, store.path, 'manual');
    expect(checkStoreFile(b.path)).toEqual({ version: LATEST_VERSION });
    const dir = tempDir();
    const text = path.join(dir, 'notes.sqlite');
    writeFileSync(text, 'this is not a database at all, just some text that is long enough');
    expect(() => checkStoreFile(text)).toThrow(/not a Quarry store or is damaged/);
    const foreign = path.join(dir, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => checkStoreFile(foreign)).toThrow(/foreign.sqlite is not a Quarry store/);
    const newer = path.join(dir, 'newer.sqlite');
    const n = new Database(newer);
    n.exec('CREATE TABLE articles (id INTEGER)');
    n.pragma(`user_version = ${LATEST_VERSION + 5}`);
    n.close();
    expect(() => checkStoreFile(newer)).toThrow(/newer version of Quarry/);
    expect(() => checkStoreFile(path.join(dir, 'missing.sqlite'))).toThrow(/There is no file/);
    expect(existsSync(path.join(dir, 'missing.sqlite'))).toBe(false);
  });
});
