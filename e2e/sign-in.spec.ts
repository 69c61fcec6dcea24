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

test('the browser host offers no path fields: copies download, stores open from the recent list, projects import into this store', async ({ app }) => {
  const menu = async (group: string, item: string) => {
    await app.getByRole('menubar').getByRole('menuitem', { name: group, exact: true }).click();
    await app.getByRole('menu').getByRole('menuitem', { name: item }).click();
  };
  await menu('File', 'Backups and restore…');
  const backups = app.getByRole('dialog', { name: 'Backups' });
  await expect(backups.getByRole('button', { name: 'Save a copy (download)' })).toBeVisible();
  await expect(backups.getByLabel('Save a copy to')).toHaveCount(0);
  const [download] = await Promise.all([app.waitForEvent('download'), backups.getByRole('button', { name: 'Save a copy (download)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.sqlite$/);
  await backups.getByRole('button', { name: 'Close' }).click();

  await menu('File', 'Open another store…');
  const open = app.getByRole('dialog', { name: 'Open a store' });
  await expect(open.getByTestId('open-store-browser-note')).toBeVisible();
  await expect(open.getByLabel('Store file path')).toHaveCount(0);
  await expect(open.getByRole('list', { name: 'Recent stores' })).toContainText('(open now)');
  await open.getByRole('button', { name: 'Close' }).click();

  await menu('File', 'Import a project or codebook (.qdpx, .qdc)…');
  const imp = app.getByRole('dialog', { name: 'Import a project or codebook' });
  await imp.getByLabel('File to import').setInputFiles({ name: 'p.qdpx', mimeType: 'application/zip', buffer: Buffer.from('PK') });
  await expect(imp.getByRole('radio', { name: /This store/ })).toBeChecked();
  await expect(imp.getByRole('radio', { name: /A new store file/ })).toHaveCount(0);
  await expect(imp.getByLabel('New store file')).toHaveCount(0);
});
