// Limits that agree: whatever Quarry lets an analyst build (through the API),
// it exports and reads back. A 2 MiB article of one repeated paragraph
// (deflates ~1000:1, which the old 200:1 zip-bomb rule refused) and a theme
// chain at the deepest level the themes API allows (which the old XML
// nesting limit of 100 refused, at ~100 levels) go out as .qdpx/.qdc/.csv/.md
// through `quarry export` and come back through `quarry import` into a fresh
// store: byte-identical bodies, the same tree.
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_THEME_DEPTH } from '../../db/themes';
import { openStore } from '../../db/store';
import type { Theme } from '../../db/types';
import { captureIo, onCleanup, tempDir } from '../../test/helpers';
import { closeContext, createContext } from '../app-context';
import { call, dispatch } from '../api/dispatch';
import { runCli } from '../cli';
import { openZipSafely } from '../import/zip-safety';
import { MAX_XML_DEPTH } from './xml-read';
import { comparableStore } from '../../test/fixtures/rich-store';
import { zip } from '../../test/fixtures/refi-archives';

async function run(args: string[]) {
  const c = captureIo();
  const code = await runCli(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

const PARAGRAPH = 'The committee met on Tuesday to discuss the budget for the new library; members asked about costs, the timeline and the archive.\n\n';

/** A store built through the API: a 2 MiB article, a theme chain MAX_THEME_DEPTH deep, a highlight tagged with the deepest theme. */
async function buildStore(dir: string): Promise<{ storePath: string; deepest: Theme; bodyLength: number }> {
  const storePath = path.join(dir, 'source.sqlite');
  const ctx = await createContext(storePath, 'cli');
  try {
    const text = PARAGRAPH.repeat(Math.ceil((2 * 1024 * 1024) / PARAGRAPH.length));
    const a = (await call(ctx, 'articles.importText', { text, title: 'Budget minutes (repeated)', format: 'txt' })) as { articleId: number };
    const article = (await call(ctx, 'articles.get', { id: a.articleId })) as { body: string };
    expect(Buffer.byteLength(article.body)).toBeGreaterThan(2 * 1024 * 1024 - 200);
    let parent: Theme | null = null;
    for (let level = 1; level <= MAX_THEME_DEPTH; level++) {
      parent = (await call(ctx, 'themes.create', { name: `Level ${level}`, parentId: parent?.id ?? null })) as Theme;
    }
    // One more level is refused by the API, with the reason.
    const deeper = await dispatch(ctx, 'themes.create', { name: 'Too deep', parentId: parent!.id });
    expect(deeper.ok).toBe(false);
    if (!deeper.ok) {
      expect(deeper.error.code).toBe('invalid');
      expect(deeper.error.message).toBe(`Themes can be nested at most ${MAX_THEME_DEPTH} levels deep; this would make ${MAX_THEME_DEPTH + 1}. Place it higher in the tree.`);
    }
    await call(ctx, 'highlights.create', { articleId: a.articleId, start: 4, end: 13, themeIds: [parent!.id] });
    return { storePath, deepest: parent!, bodyLength: article.body.length };
  } finally {
    await closeContext(ctx);
  }
}

async function snapshotOf(storePath: string) {
  const s = await openStore(storePath);
  try {
    return comparableStore(s.db);
  } finally {
    s.close();
  }
}

describe('what Quarry writes, Quarry reads', () => {
  it('a project with a 2 MiB highly compressible article and a theme chain at the maximum depth round-trips through quarry export / import', async () => {
    const dir = tempDir();
    const { storePath, bodyLength } = await buildStore(dir);
    const qdpx = path.join(dir, 'project.qdpx');
    const exported = await run(['--store', storePath, 'export', 'project', '--format', 'qdpx', '--out', qdpx]);
    expect(exported.code, exported.err).toBe(0);

    // The article's entry is compressed far beyond the old 200:1 limit: this is the case that failed.
    const z = await openZipSafely(readFileSync(qdpx), 'project.qdpx');
    const source = z.entries.find((e) => e.name.startsWith('sources/'))!;
    z.close();
    expect(source.uncompressedSize).toBeGreaterThan(1024 * 1024);
    expect(source.uncompressedSize / source.compressedSize).toBeGreaterThan(200);

    const fresh = path.join(dir, 'fresh.sqlite');
    const imported = await run(['--store', fresh, 'import', qdpx]);
    expect(imported.code, imported.out + imported.err).toBe(0);
    expect(imported.out).toContain(`${MAX_THEME_DEPTH} themes added`);

    const before = await snapshotOf(storePath);
    const after = await snapshotOf(fresh);
    expect(after.articles).toHaveLength(1);
    expect((after.articles[0].body as string).length).toBe(bodyLength);
    expect(Buffer.from(after.articles[0].body as string).equals(Buffer.from(before.articles[0].body as string))).toBe(true);
    expect(after.articles).toEqual(before.articles);
    expect(after.themes.map((t) => t.path)).toEqual(before.themes.map((t) => t.path));
    expect(after.themes).toEqual(before.themes);
    expect(after.highlights).toEqual(before.highlights);
    expect(after.highlights[0].themes[0].split(' > ')).toHaveLength(MAX_THEME_DEPTH);
  });

  it('the codebook at the maximum depth round-trips as .qdc, .csv and .md', async () => {
    const dir = tempDir();
    const { storePath } = await buildStore(dir);
    const before = (await snapshotOf(storePath)).themes.map((t) => t.path);
    for (const format of ['qdc', 'csv', 'md']) {
      const out = path.join(dir, `codebook.${format}`);
      const exported = await run(['--store', storePath, 'export', 'codebook', '--format', format, '--out', out]);
      expect(exported.code, exported.err).toBe(0);
      const fresh = path.join(dir, `fresh-${format}.sqlite`);
      const ctx = await createContext(fresh, 'cli');
      onCleanup(() => closeContext(ctx));
      const r = await dispatch(ctx, 'interchange.importFile', { name: `codebook.${format}`, path: out });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      await closeContext(ctx);
      expect((await snapshotOf(fresh)).themes.map((t) => t.path), format).toEqual(before);
    }
  });

  it('the API refuses moves and merges that would nest themes deeper than the limit', async () => {
    const ctx = await createContext(path.join(tempDir(), 's.sqlite'), 'cli');
    onCleanup(() => closeContext(ctx));
    let parent: Theme | null = null;
    for (let level = 1; level <= MAX_THEME_DEPTH - 1; level++) {
      parent = (await call(ctx, 'themes.create', { name: `L${level}`, parentId: parent?.id ?? null })) as Theme;
    }
    const top = (await call(ctx, 'themes.create', { name: 'Branch' })) as Theme;
    await call(ctx, 'themes.create', { name: 'Leaf', parentId: top.id });
    // Branch > Leaf is two levels: under L63 it would reach 65.
    const move = await dispatch(ctx, 'themes.update', { id: top.id, parentId: parent!.id });
    expect(move.ok).toBe(false);
    if (!move.ok) expect(move.error.message).toMatch(/at most 64 levels deep; this would make 65/);
    // Merging Branch into L63 puts Leaf at 64: allowed. Another two-level branch merged there is not.
    const merged = await dispatch(ctx, 'themes.merge', { fromId: top.id, intoId: parent!.id });
    expect(merged.ok, JSON.stringify(merged)).toBe(true);
    const other = (await call(ctx, 'themes.create', { name: 'Other' })) as Theme;
    const mid = (await call(ctx, 'themes.create', { name: 'Mid', parentId: other.id })) as Theme;
    await call(ctx, 'themes.create', { name: 'Low', parentId: mid.id });
    const tooDeep = await dispatch(ctx, 'themes.merge', { fromId: other.id, intoId: parent!.id });
    expect(tooDeep.ok).toBe(false);
    if (!tooDeep.ok) expect(tooDeep.error.message).toMatch(/at most 64 levels deep; this would make 65/); // Mid > Low under L63
    const names = ((await call(ctx, 'themes.list', {})) as Theme[]).map((t) => t.name);
    expect(names).toContain('Other'); // the refused merge changed nothing
  });
});

/** A REFI project whose codebook nests `depth` codes. */
function deepQde(depth: number): string {
  let codes = '';
  for (let i = depth; i >= 1; i--) {
    const guid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    codes = `<Code guid="${guid}" name="Level ${i}" isCodable="true">${codes}</Code>`;
  }
  return `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Deep" origin="Other tool"><CodeBook><Codes>${codes}</Codes></CodeBook></Project>`;
}

describe('trees deeper than Quarry holds are refused, clearly, before anything is written', () => {
  const importDeep = async (depth: number, name: string) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    const qde = deepQde(depth);
    writeFileSync(file, name.endsWith('.qdpx') ? await zip({ 'project.qde': qde }) : qde.replace(/<\/?Project[^>]*>/g, '').replace('<CodeBook>', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'));
    const ctx = await createContext(path.join(dir, 'target.sqlite'), 'cli');
    onCleanup(() => closeContext(ctx));
    const r = await dispatch(ctx, 'interchange.importFile', { name, path: file });
    const themes = (await call(ctx, 'themes.list', {})) as Theme[];
    return { r, themes };
  };

  it('a tree one level deeper than the limit: refused by the depth check, naming the file and the limit', async () => {
    for (const name of ['deep.qdpx', 'deep.qdc']) {
      const { r, themes } = await importDeep(MAX_THEME_DEPTH + 1, name);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: its theme tree is more than ${MAX_THEME_DEPTH} levels deep \\(at "… > Level 63 > Level 64 > Level 65"\\)`));
      expect(themes).toEqual([]);
    }
  });

  it('nesting past what the XML reader accepts: refused with a message, not a parser stack trace', async () => {
    const { r, themes } = await importDeep(MAX_XML_DEPTH + 5, 'very-deep.qdpx');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(
        `very-deep.qdpx: project.qde nests elements more than ${MAX_XML_DEPTH} levels deep; Quarry reads theme trees up to ${MAX_THEME_DEPTH} levels, so flatten the codebook and export it again`,
      );
    }
    expect(themes).toEqual([]);
  });
});
