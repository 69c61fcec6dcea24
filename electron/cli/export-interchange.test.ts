// The interchange commands of `quarry`, run in-process on real store files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store';
import { captureIo, onCleanup, tempDir } from '../../test/helpers';
import { runCli } from '../cli';
import { comparableStore, fillRichStore } from '../../test/fixtures/rich-store';

async function run(args: string[]) {
  const c = captureIo();
  const code = await runCli(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

async function richStorePath(): Promise<{ store: string; dir: string }> {
  const dir = tempDir();
  const store = path.join(dir, 'study.sqlite');
  const s = await openStore(store);
  fillRichStore(s);
  s.close();
  return { store, dir };
}

describe('quarry export excerpts', () => {
  it('writes each format; --theme takes a path "Parent > Child" or a unique name', async () => {
    const { store, dir } = await richStorePath();
    const out = path.join(dir, 'china.csv');
    const r = await run(['--store', store, 'export', 'excerpts', '--format', 'csv', '--out', out, '--theme', 'Geopolitics > China leverage']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Wrote 3 excerpts to ${out} (${readFileSync(out).length} bytes).`);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFTheme,Quote,Comment,Article/);
    for (const format of ['xlsx', 'md', 'docx', 'json']) {
      const file = path.join(dir, `all.${format}`);
      const x = await run(['--store', store, 'export', 'excerpts', '--format', format, '--out', file, '--theme', 'alliances']);
      expect(x.code, x.err).toBe(0);
      expect(x.out).toMatch(/^Wrote 2 excerpts to /);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('filters by --article, --source, --from and --to', async () => {
    const { store, dir } = await richStorePath();
    const out = path.join(dir, 'x.json');
    const count = async (...filter: string[]) => {
      const r = await run(['--store', store, 'export', 'excerpts', '--format', 'json', '--out', out, ...filter]);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(readFileSync(out, 'utf8')) as { total: number }).total;
    };
    expect(await count()).toBe(7);
    expect(await count('--source', 'Reuters')).toBe(2);
    expect(await count('--from', '2025-10-02')).toBe(5);
    expect(await count('--to', '2025-10-01')).toBe(2);
    expect(await count('--article', '5', '--article', '3')).toBe(5); // article ids of the corpus (sorted by file name)
  });

  it('explains what is wrong: unknown or ambiguous theme, missing --out, bad format', async () => {
    const { store, dir } = await richStorePath();
    const out = path.join(dir, 'x.csv');
    const unknown = await run(['--store', store, 'export', 'excerpts', '--format', 'csv', '--out', out, '--theme', 'Nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no theme "Nope" in the codebook. Themes: "Geopolitics", "Geopolitics > China leverage"/);
    await run(['--store', store, 'call', 'themes.create', JSON.stringify({ name: 'Same', parentId: 1 })]);
    await run(['--store', store, 'call', 'themes.create', JSON.stringify({ name: 'Same', parentId: 2 })]);
    const twice = await run(['--store', store, 'export', 'excerpts', '--format', 'csv', '--out', out, '--theme', 'same']);
    expect(twice.err).toMatch(/"same" names several themes; give the path: "Geopolitics > Same", "Economics <"&"> > Same"/);
    expect((await run(['--store', store, 'export', 'excerpts', '--format', 'csv'])).err).toMatch(/needs --out FILE/);
    expect((await run(['--store', store, 'export', 'excerpts', '--format', 'pdf', '--out', out])).err).toMatch(/--format csv\|xlsx\|md\|docx\|json \(got "pdf"\)/);
    expect((await run(['--store', store, 'export', 'excerpts', '--format', 'csv', '--out', out, '--article', 'x'])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('quarry export codebook / project, import, restore', () => {
  it('exports the codebook in each format', async () => {
    const { store, dir } = await richStorePath();
    for (const format of ['qdc', 'csv', 'md']) {
      const out = path.join(dir, `codebook.${format}`);
      const r = await run(['--store', store, 'export', 'codebook', '--format', format, '--out', out]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^Wrote 6 themes to /);
    }
    expect(readFileSync(path.join(dir, 'codebook.qdc'), 'utf8')).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
  });

  it('exports the project as .qdpx and imports it into a new store named by --store', async () => {
    const { store, dir } = await richStorePath();
    const qdpx = path.join(dir, 'study.qdpx');
    const r = await run(['--store', store, 'export', 'project', '--format', 'qdpx', '--out', qdpx]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Wrote 4 articles to /);
    const fresh = path.join(dir, 'fresh.sqlite');
    const imported = await run(['--store', fresh, 'import', qdpx]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('study.qdpx: imported "project “study”: 4 articles added, 6 themes added, 7 highlights added, 2 memos added"');
    expect(imported.out).toMatch(/^1 imported, 0 duplicates, 0 skipped\.$/m);
    const a = await openStore(store);
    const b = await openStore(fresh);
    onCleanup(() => (a.close(), b.close()));
    expect(comparableStore(b.db)).toEqual(comparableStore(a.db));
    expect((await run(['--store', fresh, 'doctor'])).code).toBe(0);
  });

  it('imports a .qdc codebook into the store, merging by path', async () => {
    const { store, dir } = await richStorePath();
    const qdc = path.join(dir, 'codes.qdc');
    await run(['--store', store, 'export', 'codebook', '--format', 'qdc', '--out', qdc]);
    const other = path.join(dir, 'other.sqlite');
    await run(['--store', other, 'call', 'themes.create', JSON.stringify({ name: 'Geopolitics' })]);
    const r = await run(['--store', other, 'import', qdc]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('codes.qdc: imported "codebook “codes.qdc”: 5 themes added (1 already there)"');
  });

  it('reports a broken .qdpx per file and exits 1', async () => {
    const { store, dir } = await richStorePath();
    const bad = path.join(dir, 'bad.qdpx');
    writeFileSync(bad, 'not a zip');
    const r = await run(['--store', store, 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.qdpx: skipped: bad\.qdpx: is not a valid REFI-QDA project/);
  });

  it('an export target that is not writable: exit 1 and a message naming it', async () => {
    const { store, dir } = await richStorePath();
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    const out = path.join(file, 'p.qdpx');
    const r = await run(['--store', store, 'export', 'project', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(out);
  });

  it('restore BACKUP replaces the store and says how to undo it', async () => {
    const { store, dir } = await richStorePath();
    const backup = path.join(dir, 'before.sqlite');
    expect((await run(['--store', store, 'backup', backup])).code).toBe(0);
    await run(['--store', store, 'call', 'articles.delete', JSON.stringify({ ids: [1, 2, 3] })]);
    expect((await run(['--store', store, 'list'])).out).toMatch(/^2 articles\.$/m);
    const r = await run(['--store', store, 'restore', backup]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Restored ${store.replace(/[.]/g, '\\.')} from ${backup.replace(/[.]/g, '\\.')}\\.`));
    expect(r.out).toMatch(/to undo: quarry --store .* restore .*before-restore\.sqlite/);
    expect((await run(['--store', store, 'list'])).out).toMatch(/^4 articles\.$/m);
    expect((await run(['--store', store, 'restore'])).code).toBe(2);
    const notStore = await run(['--store', store, 'restore', path.join(dir, 'missing.sqlite')]);
    expect(notStore.code).toBe(1);
    expect(notStore.err).toMatch(/There is no file at/);
  });
});
