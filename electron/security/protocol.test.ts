// The app:// handler against a real folder on disk: what it serves, what it
// refuses, and the headers every response carries.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { CSP } from './csp';
import { createAppProtocolHandler, resolveAppFile } from './protocol';

function site() {
  const dir = tempDir('quarry-app-protocol-');
  const root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Quarry</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'editor.worker.js'), 'self.onmessage=()=>{}');
  // A secret beside the renderer folder, and one whose name starts like it.
  writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  mkdirSync(path.join(dir, 'renderer-evil'));
  writeFileSync(path.join(dir, 'renderer-evil', 'x.js'), 'evil');
  return { root, handler: createAppProtocolHandler(root) };
}

const get = (url: string, method = 'GET') => ({ url, method });

describe('app:// protocol handler', () => {
  it('serves the page at / and /index.html with the CSP, nosniff and no-store', async () => {
    const { handler } = site();
    for (const url of ['app://quarry/', 'app://quarry/index.html', 'app://quarry/index.html?x=1#/library']) {
      const res = await handler(get(url));
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Quarry</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('puts the CSP on scripts too: a worker runs under the policy it was served with', async () => {
    const { handler } = site();
    const res = await handler(get('app://quarry/assets/editor.worker.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it.each([
    ['an encoded slash', 'app://quarry/..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://quarry/..%5c..%5csecret.txt'],
    ['a sibling folder with the same prefix', 'app://quarry/..%2frenderer-evil/x.js'],
    ['another host', 'app://other/index.html'],
    ['a missing file', 'app://quarry/assets/nope.js'],
    ['a folder', 'app://quarry/assets'],
  ])('refuses %s with 404', async (_what, url) => {
    const { handler } = site();
    const res = await handler(get(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers malformed escapes and NUL bytes with 400, and anything but GET/HEAD with 405', async () => {
    const { handler } = site();
    expect((await handler(get('app://quarry/%E0%A4%A'))).status).toBe(400);
    expect((await handler(get('app://quarry/index.html%00.js'))).status).toBe(400);
    expect((await handler(get('app://quarry/index.html', 'POST'))).status).toBe(405);
    const head = await handler(get('app://quarry/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('dot segments are resolved by the URL parser, so they stay inside the folder', () => {
    expect(resolveAppFile('/srv/r', 'app://quarry/a/../../../etc/passwd')).toEqual({ ok: true, file: '/srv/r/etc/passwd' });
    expect(resolveAppFile('/srv/r', 'app://quarry/%2e%2e/%2e%2e/etc/passwd')).toEqual({ ok: true, file: '/srv/r/etc/passwd' });
  });

  it('holds with Windows path rules: backslashes, drive letters and UNC paths stay out', () => {
    const root = 'C:\\Quarry\\resources\\app.asar\\dist\\renderer';
    const win = (url: string) => resolveAppFile(root, url, path.win32);
    expect(win('app://quarry/assets/a.js')).toEqual({ ok: true, file: `${root}\\assets\\a.js` });
    expect(win('app://quarry/..%5c..%5c..%5cWindows%5cwin.ini')).toEqual({ ok: false, status: 404 });
    expect(win('app://quarry/C:%5cWindows%5cwin.ini')).toMatchObject({ ok: true, file: `${root}\\C:\\Windows\\win.ini` });
    expect(win('app://quarry/%5c%5cserver%5cshare%5cx')).toMatchObject({ ok: true });
    expect((win('app://quarry/%5c%5cserver%5cshare%5cx') as { file: string }).file.startsWith(`${root}\\`)).toBe(true);
  });
});
