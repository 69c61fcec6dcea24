// A folder of 5,000 files imports whole: every file gets an outcome, nothing is lost.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeContext, createContext } from '../app-context';
import { tempDir } from '../../test/helpers';
import { expandPaths } from './service';

describe('a folder with 5,000 files', () => {
  it('imports every file and reports each outcome', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'inbox');
    for (let d = 0; d < 10; d++) {
      mkdirSync(path.join(folder, `batch-${d}`), { recursive: true });
      for (let i = 0; i < 500; i++) writeFileSync(path.join(folder, `batch-${d}`, `note-${i}.txt`), `Field note ${d}-${i}\n\nObserved shipment ${d * 500 + i} at the northern terminal.`);
    }
    writeFileSync(path.join(folder, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const ctx = await createContext(path.join(dir, 's.sqlite'), 'cli');
    try {
      const { items, skipped } = await expandPaths([folder]);
      expect(items).toHaveLength(5000);
      expect(skipped.map((s) => s.message)).toEqual(['photo.png: not a supported format']);
      const summary = await ctx.importer.importItems(items);
      expect(summary.imported).toBe(5000);
      expect(summary.results).toHaveLength(5000);
      expect((ctx.store.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(5000);
    } finally {
      await closeContext(ctx);
    }
  }, 120_000);
});
