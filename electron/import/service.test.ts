import { mkdirSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getArticle, listArticles } from '../../db/articles';
import { sha256 } from '../../db/util';
import { CORPUS, CORPUS_DIR, corpusArticles, corpusPath, onCleanup, tempDir, tempStore } from '../../test/helpers';
import { expandPaths, Importer, type ImportItem } from './service';

async function setup() {
  const store = await tempStore();
  const importer = new Importer(store.db);
  onCleanup(() => importer.close());
  return { store, importer, dir: tempDir() };
}

const fileItem = (p: string): ImportItem => ({ name: path.basename(p), path: p });

/** Deterministic bytes (mulberry32). */
function pseudoRandomBytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    b[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return b;
}


describe('Importer (real store, real worker)', () => {
  it('imports the corpus folder: one whole article per file, body canonical, provenance kept', async () => {
    const { store, importer } = await setup();
    const { items, skipped } = await expandPaths([CORPUS_DIR]);
    expect(skipped).toEqual([]);
    const n = corpusArticles().length;
    expect(items.map((i) => path.basename(i.name))).toEqual(corpusArticles().map((f) => f.name));
    const progress: { done: number; total: number }[] = [];
    const s = await importer.importItems(items, { onProgress: (p) => progress.push(p) });
    expect(s).toMatchObject({ imported: n, duplicates: 0, skipped: 0, cancelled: false });
    expect(progress[0]).toMatchObject({ done: 0, total: n });
    expect(progress[progress.length - 1]).toMatchObject({ done: n, total: n });
    for (const r of s.results) {
      const a = getArticle(store.db, r.articleId!);
      expect(a.title).toBe(r.title);
      expect(a.body).not.toMatch(/\r|\n\n\n|^\s|\s$/);
      expect(a.bodySha256).toBe(sha256(a.body));
      expect(a.originalFormat).toBe(path.extname(r.file).slice(1));
      // The stored body is what the corpus helpers hand the other tests.
      expect(a.body).toBe(corpusArticles().find((c) => c.name === path.basename(r.file))!.body);
      const orig = store.db.prepare('SELECT bytes FROM article_originals WHERE article_id = ?').get(a.id) as { bytes: Buffer };
      expect(Buffer.from(orig.bytes).equals(readFileSync((items.find((i) => i.name === r.file) as { path: string }).path))).toBe(true);
    }
    const flag = getArticle(store.db, s.results.find((r) => r.file.endsWith(CORPUS.hazards))!.articleId!);
    expect(flag.body).toContain('🇳🇱 Harbour Desk Brief');
    const legacy = s.results.find((r) => r.file.endsWith(CORPUS.cp1252))!;
    expect(legacy.warnings?.join(' ')).toMatch(/not valid UTF-8.*Windows-1252/);
    expect(getArticle(store.db, legacy.articleId!).body).toContain('“Œuvre Bleue™”');
  });

  it('skips an empty file, a whitespace-only file and a binary file with messages naming them', async () => {
    const { store, importer, dir } = await setup();
    const empty = path.join(dir, 'empty.txt');
    const blank = path.join(dir, 'blank.txt');
    const binary = path.join(dir, 'photo.txt');
    writeFileSync(empty, '');
    writeFileSync(blank, ' \n\t\r\n  \n');
    writeFileSync(binary, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), pseudoRandomBytes(4096)]));
    const s = await importer.importItems([empty, blank, binary].map(fileItem));
    expect(s).toMatchObject({ imported: 0, skipped: 3 });
    const [e, b, bin] = s.results;
    expect(e).toMatchObject({ file: 'empty.txt', status: 'skipped' });
    expect(e.message).toMatch(/empty\.txt.*empty/);
    expect(b.message).toMatch(/blank\.txt/);
    expect(bin).toMatchObject({ file: 'photo.txt', status: 'skipped' });
    expect(bin.message).toMatch(/photo\.txt.*binary/i);
    expect(listArticles(store.db)).toEqual([]);
  });

  it('imports invalid UTF-8 (legacy Windows-1252) with a warning', async () => {
    const { store, importer, dir } = await setup();
    const p = path.join(dir, 'legacy.txt');
    writeFileSync(p, Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' prices rose 12% in Tokyo. '), Buffer.from([0x93]), Buffer.from('Quoted'), Buffer.from([0x94]), Buffer.from('\n')]));
    const s = await importer.importItems([fileItem(p)]);
    expect(s.imported).toBe(1);
    const r = s.results[0];
    expect(r.warnings?.join(' ')).toMatch(/not valid UTF-8.*Windows-1252/);
    expect(getArticle(store.db, r.articleId!).body).toBe('Café prices rose 12% in Tokyo. “Quoted”');
  });

  it('skips a file deleted between expandPaths and the import ("no longer exists"), importing the rest', async () => {
    const { importer, dir } = await setup();
    writeFileSync(path.join(dir, 'a.txt'), 'First article about neodymium magnets.');
    writeFileSync(path.join(dir, 'b.txt'), 'Second article about dysprosium supply.');
    const { items } = await expandPaths([dir]);
    expect(items).toHaveLength(2);
    unlinkSync(path.join(dir, 'a.txt'));
    const s = await importer.importItems(items);
    expect(s).toMatchObject({ imported: 1, skipped: 1 });
    const gone = s.results.find((r) => r.status === 'skipped')!;
    expect(gone.file).toContain('a.txt');
    expect(gone.message).toMatch(/a\.txt.*no longer exists/);
  });

  it('reports an exact duplicate naming the stored title, in a later batch and within one batch', async () => {
    const { store, importer, dir } = await setup();
    const src = corpusPath(CORPUS.blog);
    const copy = path.join(dir, 'copy-of-strategy.txt');
    writeFileSync(copy, readFileSync(src));
    const s = await importer.importItems([fileItem(src)]);
    expect(s).toMatchObject({ imported: 1, duplicates: 0 });
    const stored = getArticle(store.db, s.results[0].articleId!);
    const later = await importer.importItems([fileItem(copy)]);
    expect(later).toMatchObject({ imported: 0, duplicates: 1 });
    expect(later.results[0]).toMatchObject({ file: 'copy-of-strategy.txt', status: 'duplicate', duplicateOf: { id: stored.id, title: stored.title } });
    expect(later.results[0].message).toContain(stored.title);
    // Within one batch (files parsed in parallel): exactly one is stored, the other names it.
    const dir2 = tempDir();
    const x = path.join(dir2, 'x.txt');
    const y = path.join(dir2, 'y.txt');
    writeFileSync(x, 'Same text about praseodymium in two files.');
    writeFileSync(y, 'Same text about praseodymium in two files.');
    const both = await importer.importItems([fileItem(x), fileItem(y)]);
    expect(both).toMatchObject({ imported: 1, duplicates: 1 });
    const imp = both.results.find((r) => r.status === 'imported')!;
    const dup = both.results.find((r) => r.status === 'duplicate')!;
    expect(dup.duplicateOf).toEqual({ id: imp.articleId, title: imp.title });
    // CRLF line endings and a BOM give the same canonical text: still a duplicate.
    const crlf = path.join(dir, 'crlf.txt');
    writeFileSync(crlf, '\ufeff' + readFileSync(src, 'utf8').replace(/\n/g, '\r\n'));
    const again = await importer.importItems([fileItem(crlf)]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', duplicateOf: { id: stored.id } });
    expect(listArticles(store.db)).toHaveLength(2);
  });

  it('imports a near-duplicate (first paragraph changed) flagged with similarTo', async () => {
    const { store, importer, dir } = await setup();
    const src = corpusPath(CORPUS.blog);
    const first = await importer.importItems([fileItem(src)]);
    const original = getArticle(store.db, first.results[0].articleId!);
    const text = readFileSync(src, 'utf8');
    const firstBreak = text.indexOf('\n\n');
    expect(firstBreak).toBeGreaterThan(0);
    const edited = 'Updated edition, with a new opening paragraph written by the editors.' + text.slice(firstBreak);
    const p = path.join(dir, 'strategy-updated.txt');
    writeFileSync(p, edited);
    const s = await importer.importItems([fileItem(p)]);
    expect(s.imported).toBe(1);
    const r = s.results[0];
    expect(r.similarTo).toMatchObject({ id: original.id, title: original.title });
    expect(r.similarTo!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(r.similarTo!.similarity).toBeLessThan(1);
    expect(getArticle(store.db, r.articleId!).similarToId).toBe(original.id);
    // An unrelated article is not flagged.
    const other = await importer.importItems([fileItem(corpusPath(CORPUS.clean))]);
    expect(other.results[0].similarTo).toBeUndefined();
  });

  it('refuses a 100 MB file by the default size limit, from its size alone', async () => {
    const { store, importer, dir } = await setup();
    const big = path.join(dir, 'huge.txt');
    writeFileSync(big, '');
    truncateSync(big, 100 * 1024 * 1024); // sparse: instant, no disk used
    const s = await importer.importItems([fileItem(big)]);
    expect(s.results[0]).toMatchObject({ file: 'huge.txt', status: 'skipped' });
    expect(s.results[0].message).toMatch(/huge\.txt: the file is 100 MB, over the import limit of 50 MB/);
    // 8 GB: reading it would fail differently (Node cannot read a file over 2 GB into
    // one buffer), so the size-limit message shows the file was never read.
    const giant = path.join(dir, 'giant.txt');
    writeFileSync(giant, '');
    truncateSync(giant, 8 * 1024 * 1024 * 1024);
    const g = await importer.importItems([fileItem(giant)], { maxBytes: 4 * 1024 * 1024 * 1024 });
    expect(g.results[0].message).toMatch(/giant\.txt: the file is 8192 MB, over the import limit of 4096 MB/);
    expect(listArticles(store.db)).toEqual([]);
  });

  it('honours maxBytes both ways: refuses above it, accepts with a larger limit', async () => {
    const { importer, dir } = await setup();
    const p = path.join(dir, 'kilobyte.txt');
    writeFileSync(p, 'Lanthanum and cerium. '.repeat(50).trim());
    const refused = await importer.importItems([fileItem(p)], { maxBytes: 500 });
    expect(refused.results[0]).toMatchObject({ status: 'skipped' });
    expect(refused.results[0].message).toContain('MB');
    const ok = await importer.importItems([fileItem(p)], { maxBytes: 2000 });
    expect(ok.results[0]).toMatchObject({ status: 'imported' });
    // uploaded bytes are checked too
    const up = await importer.importItems([{ name: 'up.txt', bytes: new Uint8Array(600).fill(0x61) }], { maxBytes: 500 });
    expect(up.results[0]).toMatchObject({ status: 'skipped' });
  });

  it('expands a folder with nested folders, skipping hidden files and folders and unsupported types', async () => {
    const { store, importer, dir } = await setup();
    mkdirSync(path.join(dir, 'b', 'deeper'), { recursive: true });
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, '.hidden-dir'), { recursive: true });
    writeFileSync(path.join(dir, 'a.txt'), 'Top level article on scandium.');
    writeFileSync(path.join(dir, 'b', 'b.md'), '# Nested\n\nA nested article on yttrium.');
    writeFileSync(path.join(dir, 'b', 'deeper', 'c.txt'), 'Deeper article on terbium.');
    writeFileSync(path.join(dir, '.DS_Store'), 'junk');
    writeFileSync(path.join(dir, '.hidden.txt'), 'Hidden article that must not be imported.');
    writeFileSync(path.join(dir, '.git', 'notes.txt'), 'Git internals, not an article.');
    writeFileSync(path.join(dir, '.hidden-dir', 'x.txt'), 'Hidden folder content.');
    writeFileSync(path.join(dir, 'b', 'image.png'), Buffer.from([0x89, 0x50]));
    const { items, skipped } = await expandPaths([dir]);
    expect(items.map((i) => path.relative(dir, (i as { path: string }).path))).toEqual(['a.txt', path.join('b', 'b.md'), path.join('b', 'deeper', 'c.txt')]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].message).toMatch(/image\.png: not a supported format/);
    const s = await importer.importItems(items);
    expect(s.imported).toBe(3);
    expect(listArticles(store.db).map((a) => a.title).sort()).toEqual(['Deeper article on terbium.', 'Nested', 'Top level article on scandium.']);
    // A file named explicitly is always tried; an unsupported one is skipped with a reason.
    const png = await importer.importItems((await expandPaths([path.join(dir, 'b', 'image.png')])).items);
    expect(png.results[0]).toMatchObject({ status: 'skipped' });
    expect(png.results[0].message).toMatch(/not supported/);
    // A folder given as a file item is not a regular file.
    const folder = await importer.importItems([{ name: 'b', path: path.join(dir, 'b') }]);
    expect(folder.results[0].message).toMatch(/not a regular file/);
  });

  it('cancellation via AbortSignal stops the batch and leaves only whole articles', async () => {
    const { store, importer, dir } = await setup();
    const N = 40;
    const texts = Array.from({ length: N }, (_, i) => `Article ${i} on rare earth element number ${i * 7919}.\n\n${'Paragraph about supply chains. '.repeat(20 + i)}`);
    const ac = new AbortController();
    let reads = 0;
    const items: ImportItem[] = texts.map((t, i) => {
      const p = path.join(dir, `item-${String(i).padStart(2, '0')}.txt`);
      writeFileSync(p, t);
      return {
        name: path.basename(p),
        get path() {
          // The importer touches each item's path when it starts on it: cancel part-way through.
          if (++reads === 12) ac.abort();
          return p;
        },
      } as ImportItem;
    });
    const s = await importer.importItems(items, { signal: ac.signal });
    expect(s.cancelled).toBe(true);
    expect(s.results.length).toBeLessThan(N);
    expect(s.results.length).toBeGreaterThan(0);
    expect(s.imported).toBe(s.results.length);
    const stored = listArticles(store.db);
    expect(stored).toHaveLength(s.imported);
    for (const r of s.results) {
      const a = getArticle(store.db, r.articleId!);
      const i = Number(/item-(\d+)/.exec(r.file)![1]);
      expect(a.body).toBe(texts[i].trim().replace(/ +$/gm, ''));
    }
    // Nothing half-written: every article has its FTS row and its original bytes.
    const orphans = store.db.prepare('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_originals o WHERE o.article_id = a.id)').get() as { n: number };
    expect(orphans.n).toBe(0);
  });
});
