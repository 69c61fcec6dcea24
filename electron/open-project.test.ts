// Opening Quarry with a .qdpx: argv and open-file paths, the queue that holds
// them until the window is up, and the import itself on real stores (a
// project exported from the bundled sample, imported into another store).
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onCleanup, tempDir } from '../test/helpers';
import type { Context } from './api/context';
import type { InterchangeImportSummary } from './api/contract-interchange';
import { call, dispatch } from './api/dispatch';
import { closeContext, createContext } from './app-context';
import { chooseTargetDialog, createOpenQueue, importSummaryText, newStoreDefaultPath, openProjectFile, projectFilesFromArgv, type ImportChoice, type OpenProjectDeps } from './open-project';

async function ctxAt(file: string): Promise<Context> {
  const ctx = await createContext(file, 'electron');
  ctx.recentStoresFile = path.join(path.dirname(file), 'recent-stores.json');
  onCleanup(() => closeContext(ctx));
  return ctx;
}

/** A real .qdpx: the bundled sample project, exported. */
async function sampleProject(dir: string): Promise<{ file: string; articles: number }> {
  const source = await ctxAt(path.join(dir, 'source.sqlite'));
  const sample = await call(source, 'sample.open', {});
  const exported = await call(source, 'exports.project', {});
  const file = path.join(dir, 'Sample study.qdpx');
  writeFileSync(file, Buffer.from(exported.base64!, 'base64'));
  return { file, articles: sample.articles };
}

function deps(ctx: Context, o: { choice: ImportChoice; newStore?: string | null }) {
  const log = { asked: [] as string[], done: [] as InterchangeImportSummary[], failed: [] as string[], calls: 0 };
  const d: OpenProjectDeps = {
    choose: async (f) => (log.asked.push(f), o.choice),
    newStorePath: async () => o.newStore ?? null,
    call: async (name, input) => (log.calls++, dispatch(ctx, name, input)),
    done: (s) => log.done.push(s),
    failed: (m) => log.failed.push(m),
  };
  return { d, log };
}

const articleCount = async (ctx: Context) => (await call(ctx, 'store.stats', {})).articles;

describe('opening a .qdpx with Quarry', () => {
  it('"Add to the open store" imports the project into it through interchange.importFile', async () => {
    const dir = tempDir();
    const { file, articles } = await sampleProject(dir);
    const ctx = await ctxAt(path.join(dir, 'mine.sqlite'));
    const { d, log } = deps(ctx, { choice: 'open' });
    const out = await openProjectFile(d, file);
    expect(out.status).toBe('imported');
    expect(log.asked).toEqual([file]);
    expect(await articleCount(ctx)).toBe(articles);
    expect(log.done[0]).toMatchObject({ kind: 'project', target: 'open', storePath: ctx.store.path });
    expect(importSummaryText(log.done[0])).toMatch(new RegExp(`imported into the open store: ${articles} articles added`));
  });

  it('"Import as a new store" writes the chosen file and switches to it', async () => {
    const dir = tempDir();
    const { file, articles } = await sampleProject(dir);
    const ctx = await ctxAt(path.join(dir, 'mine.sqlite'));
    const target = path.join(dir, 'Sample study.sqlite');
    expect(newStoreDefaultPath(ctx.store.path, file)).toBe(target);
    const { d, log } = deps(ctx, { choice: 'new', newStore: target });
    const out = await openProjectFile(d, file);
    expect(out).toMatchObject({ status: 'imported', summary: { target: 'new', storePath: target, opened: true } });
    expect(ctx.store.path).toBe(target);
    expect(await articleCount(ctx)).toBe(articles);
    expect(importSummaryText(log.done[0])).toContain(`the new store ${target}, now open`);
  });

  it('Cancel, or cancelling the save dialog, imports nothing', async () => {
    const dir = tempDir();
    const { file } = await sampleProject(dir);
    const ctx = await ctxAt(path.join(dir, 'mine.sqlite'));
    for (const o of [{ choice: 'cancel' as const }, { choice: 'new' as const, newStore: null }]) {
      const { d, log } = deps(ctx, o);
      expect(await openProjectFile(d, file)).toEqual({ status: 'cancelled' });
      expect(log.calls).toBe(0);
    }
    expect(await articleCount(ctx)).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort()).toEqual(['mine.sqlite', 'source.sqlite']);
  });

  it('a damaged file is reported by name and leaves the store as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'broken.qdpx');
    writeFileSync(file, 'PK\u0003\u0004 this is not really a zip');
    const ctx = await ctxAt(path.join(dir, 'mine.sqlite'));
    const { d, log } = deps(ctx, { choice: 'open' });
    const out = await openProjectFile(d, file);
    expect(out.status).toBe('failed');
    expect(log.failed).toHaveLength(1);
    expect(log.failed[0]).toMatch(/^Quarry could not import broken\.qdpx: /);
    expect(log.done).toEqual([]);
    expect(await articleCount(ctx)).toBe(0);
  });

  it('the question names the file and the open store, and Cancel is the escape', () => {
    const d = chooseTargetDialog('/home/a/Sample study.qdpx', '/home/a/.config/Quarry/quarry.sqlite');
    expect(d.message).toContain('“Sample study.qdpx”');
    expect(d.detail).toContain('/home/a/.config/Quarry/quarry.sqlite');
    expect(d.choices[d.cancelId]).toBe('cancel');
    expect(d.buttons).toHaveLength(d.choices.length);
  });
});

describe('projectFilesFromArgv', () => {
  it('finds the project in a packaged launch on Windows and Linux, ignoring Chromium switches', () => {
    const win = ['C:\\Program Files\\Quarry\\Quarry.exe', '--original-process-start-time=13370', 'D:\\data\\study.qdpx', 'rel\\b.qdpx'];
    expect(projectFilesFromArgv(win, 'C:\\Users\\a', path.win32)).toEqual(['D:\\data\\study.qdpx', 'C:\\Users\\a\\rel\\b.qdpx']);
    expect(projectFilesFromArgv(['/opt/Quarry/quarry', '--no-sandbox', '/home/a/Study.QDPX'], '/')).toEqual(['/home/a/Study.QDPX']);
  });
  it('skips the executable and the script of an unpackaged run, resolves relative paths, drops the rest', () => {
    expect(projectFilesFromArgv(['/usr/bin/electron', 'dist/node/main.mjs', 'a.qdpx', 'notes.txt', 'b.qde', 'a.qdpx', '-x.qdpx'], '/work')).toEqual(['/work/a.qdpx', '/work/b.qde']);
    expect(projectFilesFromArgv(['/x/study.qdpx'], '/')).toEqual([]); // argv[0] is never a file to open
  });
  it('accepts the file:// URLs a Linux file manager passes for %U', () => {
    expect(projectFilesFromArgv(['/opt/Quarry/quarry', 'file:///home/a/My%20study.qdpx', 'file://remote-host/x.qdpx', 'https://example.org/p.qdpx'], '/')).toEqual(['/home/a/My study.qdpx']);
  });
});

describe('createOpenQueue', () => {
  it('holds files until start(), then runs them one at a time, in order, past a failure', async () => {
    const ran: string[] = [];
    let active = 0;
    let maxActive = 0;
    const q = createOpenQueue(async (f) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 5));
      ran.push(f);
      active--;
      if (f === 'b') throw new Error('boom');
    });
    q.add(['a', 'b', 'a']);
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]);
    expect(q.pending).toBe(2);
    q.start();
    q.add(['c']);
    await expect.poll(() => ran).toEqual(['a', 'b', 'c']);
    expect(maxActive).toBe(1);
    expect(q.pending).toBe(0);
  });
});
