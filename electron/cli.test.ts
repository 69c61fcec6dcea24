import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listArticles } from '../db/articles';
import { LATEST_VERSION } from '../db/migrations/index';
import { openStore } from '../db/store';
import { captureIo, CORPUS, CORPUS_DIR, corpusArticles, corpusPath, onCleanup, sha256File, tempDir, UNIQUE_WORD } from '../test/helpers';

const N = corpusArticles().length;
import { runCli } from './cli';

async function run(args: string[]) {
  const c = captureIo();
  const code = await runCli(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

function storePath(): string {
  return path.join(tempDir(), 'cli.sqlite');
}

async function imported(): Promise<string> {
  const p = storePath();
  const r = await run(['--store', p, 'import', CORPUS_DIR]);
  expect(r.code, r.err).toBe(0);
  return p;
}

describe('quarry CLI', () => {
  it('imports the corpus folder (one article per file), then reports them all as duplicates on a second run', async () => {
    const p = storePath();
    const first = await run(['--store', p, 'import', CORPUS_DIR]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(new RegExp(`^${N} imported, 0 duplicates, 0 skipped\\.$`, 'm'));
    expect(first.out).toContain(`${CORPUS.blog}: imported "`);
    expect(first.out).toContain(`${CORPUS.cp1252}: imported "`);
    const again = await run(['--store', p, 'import', CORPUS_DIR]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`^0 imported, ${N} duplicates, 0 skipped\\.$`, 'm'));
    expect(again.out).toMatch(/duplicate of ".+" \(article \d+\), not imported/);
    const json = await run(['--store', p, 'import', '--json', corpusPath(CORPUS.clean)]);
    expect(JSON.parse(json.out)).toMatchObject({ imported: 0, duplicates: 1, skipped: 0, cancelled: false });
  });

  it('list --json and search --json print parseable JSON', async () => {
    const p = await imported();
    const list = await run(['--store', p, 'list', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as { id: number; title: string; wordCount: number }[];
    expect(rows).toHaveLength(N);
    for (const r of rows) expect(r.wordCount).toBeGreaterThan(100);
    const human = await run(['--store', p, 'list']);
    expect(human.out).toMatch(new RegExp(`^${N} articles\\.$`, 'm'));

    const search = await run(['--store', p, 'search', UNIQUE_WORD, '--json']);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.out) as { articleId: number; snippet: string }[];
    expect(hits).toHaveLength(1);
    expect(hits[0].snippet).toContain(`\u0001${UNIQUE_WORD}\u0002`);
    const plain = await run(['--store', p, 'search', UNIQUE_WORD]);
    expect(plain.out).toContain(`[${UNIQUE_WORD}]`);
    expect(plain.out).toMatch(/^1 matches\.$/m);
  });

  it('call METHOD JSON prints the result; invalid input exits 1 with error JSON on stderr', async () => {
    const p = await imported();
    const ok = await run(['--store', p, 'call', 'articles.get', '{"id":1}']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ id: 1, body: expect.any(String) });
    const bad = await run(['--store', p, 'call', 'articles.get', '{"id":"x"}']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(JSON.parse(bad.err)).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^articles\.get: /) });
    const notJson = await run(['--store', p, 'call', 'articles.get', '{id:1']);
    expect(notJson.code).toBe(1);
    expect(JSON.parse(notJson.err)).toMatchObject({ code: 'invalid-input' });
    const missing = await run(['--store', p, 'call', 'articles.get', '{"id":999}']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err)).toMatchObject({ code: 'not-found' });
    const noArgs = await run(['--store', p, 'call', 'store.stats']);
    expect(JSON.parse(noArgs.out)).toMatchObject({ articles: N });
  });

  it('doctor exits 0 on a healthy store and 1 on a damaged one', async () => {
    const p = await imported();
    const ok = await run(['--store', p, 'doctor']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('The store is healthy.');
    const raw = new Database(p);
    raw.prepare("INSERT INTO highlights (uid, article_id, start, \"end\", quote, created_at, updated_at) VALUES ('u', 1, 0, 5, 'WRONG', 'x', 'x')").run();
    raw.close();
    const bad = await run(['--store', p, 'doctor']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Problems found.');
    expect(bad.out).toMatch(/FAIL.*quote/);
  });

  it('backup OUT writes an openable copy with the same articles', async () => {
    const p = await imported();
    const out = path.join(tempDir(), 'backup.sqlite');
    const r = await run(['--store', p, 'backup', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(out);
    const copy = await openStore(out);
    onCleanup(() => copy.close());
    const orig = await openStore(p);
    onCleanup(() => orig.close());
    expect(listArticles(copy.db).map((a) => a.uid).sort()).toEqual(listArticles(orig.db).map((a) => a.uid).sort());
    expect(listArticles(copy.db)).toHaveLength(N);
    const noOut = await run(['--store', p, 'backup']);
    expect(noOut.code).toBe(2);
  });

  it('unknown command and no command exit 2 with usage', async () => {
    const p = storePath();
    const r = await run(['--store', p, 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "frobnicate"');
    expect(r.err).toContain('Usage: quarry');
    const none = await run(['--store', p]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: quarry');
    const badFlag = await run(['--store', p, '--bogus', 'list']);
    expect(badFlag.code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: quarry');
  });

  it('a store from a newer Quarry exits 1 with a clear message and is left untouched', async () => {
    const p = await imported();
    const raw = new Database(p);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = sha256File(p);
    const r = await run(['--store', p, 'list']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('newer version of Quarry');
    expect(r.err).toContain(p);
    expect(sha256File(p)).toBe(before);
  });

  it('importing a missing path skips it with a message naming it (exit 1)', async () => {
    const p = storePath();
    const missing = path.join(tempDir(), 'does-not-exist.txt');
    const r = await run(['--store', p, 'import', missing, corpusPath(CORPUS.blog)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(missing);
    expect(r.out).toMatch(/skipped: .*no such file or folder/);
    expect(r.out).toMatch(/^1 imported, 0 duplicates, 1 skipped\.$/m);
  });

  it('--max-size refuses a file over the limit with a message giving the size and limit in MB', async () => {
    const p = storePath();
    const r = await run(['--store', p, 'import', '--max-size', '0.0001', corpusPath(CORPUS.blog)]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^0 imported, 0 duplicates, 1 skipped\.$/m);
    expect(r.out).toContain('MB');
    expect(r.out).toContain('0.0001 MB'); // the limit the user gave, not "0 MB"
    const bad = await run(['--store', p, 'import', '--max-size', 'lots', CORPUS_DIR]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-size');
  });

  it('--max-size big enough imports normally; a file with an unsupported type inside a folder is skipped by name', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'A short note about gallium export controls.\n');
    writeFileSync(path.join(dir, 'picture.bmp'), 'BM....');
    const p = storePath();
    const r = await run(['--store', p, 'import', '--max-size', '1', dir]);
    expect(r.out).toMatch(/^1 imported, 0 duplicates, 1 skipped\.$/m);
    expect(r.out).toContain('picture.bmp');
    expect(r.code).toBe(1);
    expect(existsSync(p)).toBe(true);
  });
});
