// A throwaway Quarry per test: a fresh store in a temp dir, the real browser
// host (dist/node/web.mjs) on a free port, signed in with the one-time URL it
// prints, and a page opened with the session cookie it set.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project's own test corpus (test/fixtures/corpus/README.md): in the repo, so e2e runs on a fresh clone. */
export const CORPUS = resolve(import.meta.dirname, '../test/fixtures/corpus/articles');

export interface QuarryHost {
  /** The app's address (the session cookie signs it in, so any route works). */
  url: string;
  origin: string;
  /** The session cookie the host set when the fixture exchanged the printed one-time code. */
  cookie: { name: string; value: string };
  storePath: string;
  dir: string;
}

/** Starts a browser host on a fresh store in `dir`; `signIn: false` leaves its printed one-time URL unused. */
export async function startHost(dir: string, o: { signIn?: boolean } = {}): Promise<{ host: QuarryHost; child: ChildProcess; loginUrl: string; stdout: () => string }> {
  const storePath = join(dir, 'store.sqlite');
  // QUARRY_HOME: the recent-stores list goes to the test's folder, not the user's.
  const child = spawn(process.execPath, ['dist/node/web.mjs', '--store', storePath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QUARRY_HOME: dir } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  child.stdout!.on('data', (d) => (out += String(d)));
  const loginUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`Quarry did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/auth\?code=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Quarry exited (${code}): ${err}`)));
  });
  const origin = new URL(loginUrl).origin;
  const cookie = o.signIn === false ? { name: '', value: '' } : await signIn(loginUrl);
  return { host: { url: `${origin}/`, origin, cookie, storePath, dir }, child, loginUrl, stdout: () => out };
}

export async function stopHost(child: ChildProcess, dir: string): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
}

/** Exchanges a one-time login URL for the session cookie, as the browser does. */
export async function signIn(loginUrl: string): Promise<{ name: string; value: string }> {
  const res = await fetch(loginUrl, { redirect: 'manual' });
  const set = res.headers.get('set-cookie') ?? '';
  const m = /^([^=;\s]+)=([^;]+)/.exec(set);
  if (res.status !== 303 || !m || !/HttpOnly/i.test(set) || !/SameSite=Strict/i.test(set)) throw new Error(`Signing in to Quarry failed: HTTP ${res.status}, Set-Cookie "${set}"`);
  return { name: m[1], value: m[2] };
}

export const test = base.extend<{ quarry: QuarryHost; app: Page }>({
  quarry: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-'));
    const { host, child } = await startHost(dir);
    await use(host);
    await stopHost(child, dir);
  },
  app: async ({ page, quarry }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.context().addCookies([{ ...quarry.cookie, url: quarry.origin, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(quarry.url);
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Call the backend as the page would (same session cookie), for setting up state quickly. */
export async function api<T = unknown>(host: QuarryHost, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Quarry': '1', Cookie: `${host.cookie.name}=${host.cookie.value}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}
