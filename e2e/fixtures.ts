// A throwaway Quarry per test: a fresh store in a temp dir, the real browser
// host (dist/node/web.mjs) on a free port, and a page opened at its URL.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project's own test corpus (test/fixtures/corpus/README.md): in the repo, so e2e runs on a fresh clone. */
export const CORPUS = resolve(import.meta.dirname, '../test/fixtures/corpus/articles');

export interface QuarryHost {
  url: string;
  origin: string;
  token: string;
  storePath: string;
  dir: string;
}

async function startHost(dir: string): Promise<{ host: QuarryHost; child: ChildProcess }> {
  const storePath = join(dir, 'store.sqlite');
  const child = spawn(process.execPath, ['dist/node/web.mjs', '--store', storePath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`Quarry did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Quarry exited (${code}): ${err}`)));
  });
  const u = new URL(url);
  return { host: { url, origin: u.origin, token: u.hash.replace('#token=', ''), storePath, dir }, child };
}

export const test = base.extend<{ quarry: QuarryHost; app: Page }>({
  quarry: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-'));
    const { host, child } = await startHost(dir);
    await use(host);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ page, quarry }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(quarry.url);
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Call the backend as the page would (same token), for setting up state quickly. */
export async function api<T = unknown>(host: QuarryHost, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Quarry-Token': host.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}
