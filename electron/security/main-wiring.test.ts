// electron/main.ts itself, bundled with a stand-in 'electron' module
// (test/fakes/electron-module.ts) and run in Node: the real entry point must
// wire the policy this folder defines. Each check names what would be lost
// if a line of main.ts went missing.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeApp, FakeSession, fakeEvent } from '../../test/fakes/electron';
import type { FakeElectronState } from '../../test/fakes/electron-module';
import { CSP } from './csp';
import { windowWebPreferences } from './web-preferences';

const ROOT = path.resolve(import.meta.dirname, '../..');
let state: FakeElectronState;
let home: string;
let outDir: string;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'quarry-main-wiring-'));
  process.env.QUARRY_HOME = home;
  state = {
    userData: home,
    isPackaged: true,
    ready: () => {},
    app: new FakeApp() as FakeElectronState['app'],
    windows: [],
    privileged: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    messageBoxes: [],
    nextResponse: [],
    opened: [],
    menus: [],
    session: new FakeSession(),
    errors: [],
  };
  (globalThis as unknown as { __quarryFakeElectron: FakeElectronState }).__quarryFakeElectron = state;
  // Inside dist/ so the bundle resolves node_modules and finds the project root as dist/node does.
  outDir = path.join(ROOT, 'dist', `.main-wiring-${process.pid}`);
  const outfile = path.join(outDir, 'main.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'electron/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { electron: path.join(ROOT, 'test/fakes/electron-module.ts') },
    loader: { '.sql': 'text' },
    outfile,
    logLevel: 'error',
  });
  writeFileSync(path.join(path.dirname(outfile), 'preload.cjs'), '');
  await import(pathToFileURL(outfile).href);
  // Before ready, as Electron requires.
  expect(state.app.sandboxEnabled).toBe(true);
  expect(state.privileged).toHaveLength(1);
  state.ready();
  await vi.waitFor(() => expect(state.windows.length).toBe(1), { timeout: 15_000 });
}, 60_000);

afterAll(async () => {
  state.app.emit('before-quit');
  await new Promise((r) => setTimeout(r, 50));
  rmSync(outDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  delete process.env.QUARRY_HOME;
});

const win = () => state.windows[0];

describe('main.ts wires the security policy', () => {
  it('registers app:// as a privileged scheme before ready, with no CSP bypass', () => {
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('creates the window with the policy’s webPreferences (packaged: no DevTools) and loads app://quarry/', () => {
    const prefs = win().options.webPreferences as ReturnType<typeof windowWebPreferences>;
    expect(prefs).toEqual(windowWebPreferences({ preload: prefs.preload, dev: false }));
    expect(prefs.preload.endsWith('preload.cjs')).toBe(true);
    expect(win().webContents.loadedUrl).toBe('app://quarry/index.html');
  });

  it('guards the window’s WebContents: navigation, redirects, webviews, window.open', () => {
    const c = win().webContents;
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.navigate('will-redirect', 'https://example.org/')).toBe(true);
    expect(c.count('will-attach-webview')).toBe(1);
    expect(c.windowOpenHandler?.({ url: 'app://quarry/index.html' })).toEqual({ action: 'deny' });
  });

  it('asks before a link from the page opens, showing the full URL; Cancel opens nothing', async () => {
    const c = win().webContents;
    state.nextResponse.push(0);
    c.navigate('will-navigate', 'https://example.org/from-a-memo?q=1');
    await expect.poll(() => state.messageBoxes.length).toBe(1);
    expect(state.messageBoxes[0]).toMatchObject({ detail: 'https://example.org/from-a-memo?q=1', cancelId: 0, defaultId: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(state.opened).toEqual([]);
    state.nextResponse.push(1);
    c.windowOpenHandler?.({ url: 'https://example.org/paper' });
    await expect.poll(() => state.opened).toEqual(['https://example.org/paper']);
  });

  it('locks the default session down', () => {
    expect(state.session.request('media')).toBe(false);
    expect(state.session.permissionCheck?.(null, 'clipboard-read')).toBe(false);
    expect(state.session.cancels('https://example.org/tracker.gif')).toBe(true);
    expect(state.session.download('https://example.org/x.exe')).toBe(true);
  });

  it('serves app:// through the policy’s handler: CSP on, traversal refused', async () => {
    const handler = state.protocolHandlers.get('app')!;
    expect(handler).toBeTypeOf('function');
    const res = await handler({ url: 'app://quarry/..%2f..%2fpackage.json', method: 'GET' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers IPC calls from our window’s top frame only', async () => {
    const call = state.ipcHandlers.get('quarry:call')!;
    const sender = win().webContents;
    const top = { url: 'app://quarry/index.html', parent: null };
    const ok = (await call({ sender, senderFrame: top }, 'store.stats', {})) as { ok: boolean };
    expect(ok.ok).toBe(true);
    for (const event of [
      { sender, senderFrame: { url: 'app://quarry/index.html', parent: top } },
      { sender: { id: -1 }, senderFrame: top },
      { sender, senderFrame: { url: 'https://example.org/', parent: null } },
      { sender, senderFrame: null },
    ])
      expect(await call(event, 'store.stats', {})).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
  });

  it('forwards backend events to the window on the bridge’s channels', async () => {
    const call = state.ipcHandlers.get('quarry:call')!;
    const sender = win().webContents;
    await call({ sender, senderFrame: { url: 'app://quarry/index.html', parent: null } }, 'memos.create', { title: 'Wiring' });
    expect(sender.sent.map((s) => s.channel)).toContain('quarry:event:store.changed');
  });

  it('sends a .qdpx opened with Quarry (macOS open-file) to the import question', async () => {
    const before = state.messageBoxes.length;
    const e = fakeEvent();
    state.nextResponse.push(0); // Cancel
    state.app.emit('open-file', e, path.join(home, 'Study.qdpx'));
    expect(e.prevented).toBe(true);
    await expect.poll(() => state.messageBoxes.length).toBe(before + 1);
    expect(state.messageBoxes.at(-1)).toMatchObject({ title: 'Open REFI-QDA project', message: 'Import the project “Study.qdpx”?' });
    state.app.emit('open-file', fakeEvent(), path.join(home, 'notes.txt'));
    await new Promise((r) => setTimeout(r, 20));
    expect(state.messageBoxes.length).toBe(before + 1);
  });

  it('sends a project handed over by a second launch (Windows, Linux) to the same question', async () => {
    const before = state.messageBoxes.length;
    state.nextResponse.push(0);
    state.app.emit('second-instance', fakeEvent(), ['/opt/Quarry/quarry', '--original-process-start-time=1', 'Other.qdpx'], home, null);
    await expect.poll(() => state.messageBoxes.length).toBe(before + 1);
    expect(state.messageBoxes.at(-1)).toMatchObject({ message: 'Import the project “Other.qdpx”?' });
  });
});
