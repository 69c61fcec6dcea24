// A folder of 5,000 files imports whole: every file gets an outcome, nothing is lost.
// Links and loops in a folder never lead the walk outside it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('symbolic links and loops in a chosen folder', () => {
  it('does not follow links out of the folder, walks a loop once, and names every link it skipped', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'inbox');
    const outside = path.join(dir, 'private');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'Secret salary list: nobody should import this.');
    writeFileSync(path.join(folder, 'note.txt'), 'A field note about the northern terminal.');
    writeFileSync(path.join(folder, 'sub', 'deep.txt'), 'A deeper note about the southern terminal.');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(folder, 'secret-link.txt'));
    symlinkSync(outside, path.join(folder, 'private-dir'));
    symlinkSync('/etc/passwd', path.join(folder, 'passwd.txt'));
    symlinkSync('..', path.join(folder, 'sub', 'loop')); // inbox/sub/loop -> inbox
    symlinkSync('note.txt', path.join(folder, 'note-again.txt'));
    symlinkSync('missing.txt', path.join(folder, 'broken.txt'));
    execFileSync('mkfifo', [path.join(folder, 'pipe.txt')]);

    const { items, skipped } = await expandPaths([folder]);
    expect(items.map((i) => path.relative(folder, i.name))).toEqual(['note.txt', path.join('sub', 'deep.txt')]);
    const why = Object.fromEntries(skipped.map((s) => [path.relative(folder, s.file), s.message]));
    const real = (p: string) => realpathSync(p);
    expect(why['secret-link.txt']).toBe(`${path.join(folder, 'secret-link.txt')}: a symbolic link to ${real(path.join(outside, 'secret.txt'))}, outside the chosen folder; not followed, for safety`);
    expect(why['private-dir']).toMatch(/outside the chosen folder; not followed, for safety$/);
    expect(why['passwd.txt']).toBe(`${path.join(folder, 'passwd.txt')}: a symbolic link to /etc/passwd, outside the chosen folder; not followed, for safety`);
    expect(why[path.join('sub', 'loop')]).toMatch(/inside the chosen folder; not followed \(what it points at is imported from its own place\)$/);
    expect(why['note-again.txt']).toMatch(/a symbolic link to .*note\.txt, inside the chosen folder/);
    expect(why['broken.txt']).toMatch(/a symbolic link to missing\.txt, which does not exist \(or loops\); not followed$/);
    expect(why['pipe.txt']).toBe('pipe.txt: not a regular file (a device, socket or pipe); not imported');
    expect(skipped).toHaveLength(7);

    const ctx = await createContext(path.join(dir, 's.sqlite'), 'cli');
    try {
      const summary = await ctx.importer.importItems(items);
      expect(summary.imported).toBe(2);
      const bodies = (ctx.store.db.prepare('SELECT body FROM articles').all() as { body: string }[]).map((r) => r.body).join('\n');
      expect(bodies).not.toContain('Secret salary');
      expect(bodies).not.toContain('root:');
    } finally {
      await closeContext(ctx);
    }
  });

  it('follows a link the user names, and refuses a walked file swapped for a link before it is read', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'real.txt'), 'The real note, chosen through a link.');
    symlinkSync(path.join(dir, 'real.txt'), path.join(dir, 'chosen.txt'));
    const { items } = await expandPaths([path.join(dir, 'chosen.txt')]);
    expect(items).toEqual([{ name: 'chosen.txt', path: path.join(dir, 'chosen.txt') }]);

    const folder = path.join(dir, 'inbox');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.txt'), 'An ordinary note.');
    const walked = await expandPaths([folder]);
    // Between the walk and the read, the file becomes a link to something private.
    rmSync(path.join(folder, 'a.txt'));
    symlinkSync('/etc/passwd', path.join(folder, 'a.txt'));
    const ctx = await createContext(path.join(dir, 's.sqlite'), 'cli');
    try {
      const summary = await ctx.importer.importItems([...items, ...walked.items]);
      expect(summary.imported).toBe(1);
      expect(summary.results[1]).toMatchObject({ status: 'skipped', message: `${path.join(folder, 'a.txt')}: became a symbolic link during the import; not followed` });
    } finally {
      await closeContext(ctx);
    }
  });
});
