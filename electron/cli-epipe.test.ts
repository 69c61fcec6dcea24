// `quarry list | head -1`: the built CLI, spawned with its stdout piped into
// a reader that closes after the first line, exits quietly with status 0
// (no EPIPE stack trace) and still finishes the command's work.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { REPO_ROOT, addArticle, tempDir } from '../test/helpers';

const BIN = path.join(REPO_ROOT, 'bin', 'quarry.mjs');

/** Runs the CLI with stdout (or stderr) read up to the first line, then closed. */
function runIntoClosingReader(args: string[], which: 'stdout' | 'stderr' = 'stdout'): Promise<{ code: number | null; signal: string | null; firstLine: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reader = child[which];
    const other = which === 'stdout' ? child.stderr : child.stdout;
    let buffered = '';
    let firstLine: string | null = null;
    let stderr = '';
    if (which === 'stdout') other.on('data', (c: Buffer) => (stderr += c.toString()));
    else other.resume();
    reader.on('data', (c: Buffer) => {
      if (firstLine !== null) return;
      buffered += c.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) {
        firstLine = buffered.slice(0, nl);
        reader.destroy(); // the reader goes away, like `head -1`
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, firstLine: firstLine ?? buffered, stderr }));
  });
}

describe('quarry … | head', () => {
  it('exits 0 without an EPIPE stack trace when the reader closes after one line', async () => {
    const dir = tempDir();
    const storePath = path.join(dir, 'big.sqlite');
    const store = await openStore(storePath);
    // Far more output than a pipe buffers (64 KiB), so writes go on after the reader left.
    for (let i = 0; i < 3000; i++) addArticle(store, { title: `Report ${i} on the northern terminal and its budget`, body: `Report ${i}.\n\nThe port authority met.` });
    store.close();

    const list = await runIntoClosingReader(['--store', storePath, 'list']);
    expect(list.firstLine).toMatch(/^\s+\d+ {2}Report \d+/);
    expect(list.stderr).toBe('');
    expect(list.signal).toBeNull();
    expect(list.code).toBe(0);

    const json = await runIntoClosingReader(['--store', storePath, 'call', 'articles.list']);
    expect(json.firstLine).toBe('[');
    expect(json.stderr).not.toMatch(/EPIPE|Error/);
    expect(json.code).toBe(0);
  }, 60_000);

  it('finishes an import whose output nobody reads any more', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'notes');
    mkdirSync(folder);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(folder, `n${i}.txt`), `Field note ${i}.\n\nShipment ${i} reached the northern terminal on time.`);
    const storePath = path.join(dir, 's.sqlite');
    const r = await runIntoClosingReader(['--store', storePath, 'import', folder]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = await openStore(storePath);
    const n = (store.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    store.close();
    expect(n).toBe(400);
  }, 60_000);
});
