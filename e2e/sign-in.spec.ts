// Signing in to the browser host in a real browser: the launcher file Quarry
// hands to the browser (instead of a URL with a secret in its argv) signs the
// page in; a spent link and a browser without the cookie get a page that says
// what to do, and Quarry prints a fresh link.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launcherHtml } from '../electron/browser-launcher';
import { expect, startHost, stopHost, test } from './fixtures';

test('the launcher file signs the browser in once; a spent link and a cookieless browser are told what to do', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-'));
  const { host, child, loginUrl, stdout } = await startHost(dir, { signIn: false });
  try {
    const launcher = join(dir, 'open-quarry.html');
    writeFileSync(launcher, launcherHtml(loginUrl), { mode: 0o600 });

    const signedIn = await browser.newContext();
    const page = await signedIn.newPage();
    await page.goto(pathToFileURL(launcher).href);
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(host.origin);
    const cookies = await signedIn.cookies(host.origin);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Scripts in the page never see the session.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // Calls and the event stream work on the cookie alone.
    const stats = await page.evaluate(async () =>
      (await fetch('/api/store.stats', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Quarry': '1' }, body: '{}' })).json(),
    );
    expect(stats).toMatchObject({ ok: true, value: { articles: 0 } });
    const stream = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const es = new EventSource('/api/events');
          es.onopen = () => (es.close(), resolve('open'));
          es.onerror = () => (es.close(), resolve('error'));
        }),
    );
    expect(stream).toBe('open');

    const other = await browser.newContext();
    const stranger = await other.newPage();
    const spent = await stranger.goto(loginUrl);
    expect(spent!.status()).toBe(403);
    await expect(stranger.getByRole('heading')).toHaveText('This Quarry login link has been used or has expired');
    await expect.poll(() => stdout()).toMatch(/A fresh login URL for Quarry .*\/auth\?code=/);
    const bare = await stranger.goto(host.origin);
    expect(bare!.status()).toBe(401);
    await expect(stranger.getByRole('heading')).toHaveText('Sign in to Quarry');

    // The fresh link Quarry printed signs the second browser in.
    const fresh = /A fresh login URL for Quarry [^\n]*?(http:\/\/127\.0\.0\.1:\d+\/auth\?code=[\w-]+)/.exec(stdout())![1];
    await stranger.goto(fresh);
    await expect(stranger.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await signedIn.close();
    await other.close();
  } finally {
    await stopHost(child, dir);
  }
});
