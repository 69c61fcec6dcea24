// "Save a copy": a consistent copy of the open store through SQLite's backup
// API (never a file copy of a live WAL store), written under a temporary name
// beside the target and renamed when complete; or, for a download, read back
// from a temporary folder.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkTarget, replaceViaTemp, tempPathFor } from '../../db/atomic-write';
import { StoreError, storeFileError } from '../../db/errors';
import { backupTo } from '../../db/maintenance';
import type { Store } from '../../db/store';

const OPERATION = 'Saving a copy of the store';

export async function saveCopyTo(store: Store, path: string): Promise<{ fileName: string; bytes: number; path: string }> {
  const target = await checkTarget(path, OPERATION);
  if (target === store.path) throw new StoreError('invalid', 'That is the open store itself; choose another file name.');
  try {
    await replaceViaTemp(tempPathFor(target, 'sqlite'), target, (tmp) => backupTo(store.db, tmp));
  } catch (err) {
    throw storeFileError(err, target, OPERATION);
  }
  return { fileName: basename(target), bytes: (await fs.stat(target)).size, path: target };
}

/** The copy as bytes, for hosts that download (the browser). */
export async function copyForDownload(store: Store): Promise<{ fileName: string; bytes: number; base64: string }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'quarry-copy-'));
  try {
    const file = join(dir, 'copy.sqlite');
    await backupTo(store.db, file);
    const data = await fs.readFile(file);
    return { fileName: `${basename(store.path, '.sqlite')}-copy.sqlite`, bytes: data.byteLength, base64: data.toString('base64') };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
