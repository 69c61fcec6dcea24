import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo, tempDir } from '../../test/helpers';
import { closeContext, createContext } from '../app-context';
import { call } from '../api/dispatch';
import { runCli } from '../cli';

async function run(args: string[]) {
  const c = captureIo();
  const code = await runCli(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** A store with an article, a highlight, and three memos (two share a title). */
async function setup() {
  const dir = tempDir();
  const store = path.join(dir, 'cli.sqlite');
  const ctx = await createContext(store, 'cli');
  const body = 'Minerals report\n\nJapan holds deep-sea rare earth mud near Minamitorishima.';
  const a = await call(ctx, 'articles.importText', { text: body, source: 'Nikkei Asia', publishedAt: '2025-10' });
  const start = body.indexOf('deep-sea');
  const h = await call(ctx, 'highlights.create', { articleId: a.articleId!, start, end: start + 'deep-sea rare earth mud'.length });
  const gone = await call(ctx, 'highlights.create', { articleId: a.articleId!, start: 0, end: 8 });
  await call(ctx, 'highlights.delete', { ids: [gone.id] });
  const m = await call(ctx, 'memos.create', { title: 'Deep Sea Findings', body: `Mud [[hl:${h.uid}]] and a lost one [[hl:${gone.uid}]].` });
  const d1 = await call(ctx, 'memos.create', { title: 'Draft', body: 'one' });
  const d2 = await call(ctx, 'memos.create', { title: 'draft ', body: 'two' });
  await closeContext(ctx);
  return { dir, store, memo: m, drafts: [d1, d2] };
}

describe('quarry export memo', () => {
  it('exports by title (case-insensitive) as Markdown, prints warnings for broken citations, exit 0', async () => {
    const s = await setup();
    const out = path.join(s.dir, 'memo.md');
    const r = await run(['--store', s.store, 'export', 'memo', 'deep sea', 'FINDINGS', '--format', 'md', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^warning: Line 1, column \d+: broken citation \(passage was deleted\)$/m);
    expect(r.out).toMatch(/Exported "Deep Sea Findings" \(memo \d+\) to .*memo\.md \(\d+ bytes\), with 1 broken citation marked in the file\./);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# Deep Sea Findings');
    expect(text).toContain('Mud [^1]');
    expect(text).toContain('**[broken citation: passage was deleted]**');
    expect(text).toMatch(/\[\^1\]: “deep-sea rare earth mud” — \*Minerals report\*, Nikkei Asia, 2025-10\./);
    // No temp files left behind.
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exports by id as DOCX and HTML, replacing an existing file', async () => {
    const s = await setup();
    const docx = path.join(s.dir, 'memo.docx');
    writeFileSync(docx, 'old contents');
    const r = await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'docx', '--out', docx]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const html = path.join(s.dir, 'memo.html');
    expect((await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'html', '--out', html])).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('an ambiguous title exits 2 and lists the ids; an unknown one exits 1', async () => {
    const s = await setup();
    const out = path.join(s.dir, 'x.md');
    const r = await run(['--store', s.store, 'export', 'memo', 'DRAFT', '--format', 'md', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('2 memos are titled "DRAFT"');
    for (const d of s.drafts) expect(r.err).toMatch(new RegExp(`^\\s+${d.id}\\s+${d.title.trim()}`, 'm'));
    expect(existsSync(out)).toBe(false);
    const none = await run(['--store', s.store, 'export', 'memo', 'No such memo', '--format', 'md', '--out', out]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no memo with the id or title "No such memo"');
  });

  it('usage errors exit 2: missing memo, bad format, missing --out', async () => {
    const s = await setup();
    expect((await run(['--store', s.store, 'export', 'memo', '--format', 'md', '--out', 'x.md'])).code).toBe(2);
    const bad = await run(['--store', s.store, 'export', 'memo', 'Draft', '--format', 'pdf', '--out', 'x.pdf']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be md, docx or html (got "pdf")');
    expect((await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'md'])).code).toBe(2);
  });

  it('an unwritable --out: a clear message, exit 1, nothing written (no file, no temp file)', async () => {
    const s = await setup();
    const missing = path.join(s.dir, 'no', 'such', 'folder', 'memo.md');
    const r = await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'md', '--out', missing]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot write ${missing}: the folder does not exist. Nothing was written.`);

    const locked = path.join(s.dir, 'locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'memo.md'), 'previous export');
    chmodSync(locked, 0o555);
    try {
      const target = path.join(locked, 'memo.md');
      const r2 = await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'md', '--out', target]);
      // root ignores directory permissions; everyone else must see a refusal.
      if (process.getuid?.() !== 0) {
        expect(r2.code).toBe(1);
        expect(r2.err).toContain('permission denied. Nothing was written.');
        expect(readFileSync(target, 'utf8')).toBe('previous export');
      }
      expect(readdirSync(locked).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(locked, 0o755);
    }

    // A folder where the file should be.
    const dirTarget = path.join(s.dir, 'a-folder');
    mkdirSync(dirTarget);
    const r3 = await run(['--store', s.store, 'export', 'memo', String(s.memo.id), '--format', 'md', '--out', dirTarget]);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain(`cannot write ${dirTarget}`);
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
