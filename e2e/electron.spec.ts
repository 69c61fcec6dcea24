// The real Electron app, where its runtime is installed. On machines that
// cannot download Electron (offline CI), this reports itself skipped, with why.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron host', () => {
  test.skip(!binary, 'Electron runtime not installed on this machine (its download is blocked offline); the browser-host specs cover the renderer and backend.');

  test('opens a locked-down window with the library', async () => {
    const home = mkdtempSync(join(tmpdir(), 'quarry-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['dist/node/main.mjs', `--user-data-dir=${home}`], env: { ...process.env, QUARRY_HOME: home } });
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation', { name: 'Views' })).toBeVisible();
    // No Node in the page, and the bridge exposes exactly two functions.
    const page = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { quarry: object }).quarry).sort(),
      url: location.href,
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['call', 'on'], url: 'app://quarry/index.html' });
    // The bridge answers our page.
    const stats = await win.evaluate(() => (window as unknown as { quarry: { call(n: string, i: unknown): Promise<{ ok: boolean }> } }).quarry.call('store.stats', {}));
    expect(stats.ok).toBe(true);
    // Navigation away from the app is refused (a file: URL, so no "open link?" dialog is raised).
    await win.evaluate(() => (location.href = 'file:///etc/passwd'));
    await expect.poll(() => win.url()).toBe('app://quarry/index.html');
    // The page reaches no network and gets no permission.
    const denied = await win.evaluate(async () => ({
      fetch: await fetch('https://example.org/').then(
        () => 'loaded',
        () => 'blocked',
      ),
      notifications: await Notification.requestPermission(),
    }));
    expect(denied).toEqual({ fetch: 'blocked', notifications: 'denied' });
    await app.close();
  });
});
