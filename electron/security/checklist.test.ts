// Electron's security checklist (electronjs.org/docs/latest/tutorial/security,
// items 1-20, in its order), then Quarry's own additions (21+). Each test
// fails if the policy it names is weakened.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FakeApp, FakeContents, FakeSession } from '../../test/fakes/electron';
import { fuseConfig, QUARRY_FUSES } from '../../scripts/fuses.mjs';
import { hardenApp } from './app-hardening';
import { createBridge, type RendererIpc } from './bridge';
import { CSP } from './csp';
import { createLinkGate, externalUrl } from './external-links';
import { BRIDGE_EVENTS, CALL_CHANNEL, isTrustedSender } from './ipc';
import { guardContents } from './navigation';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from './origin';
import { lockDownSession } from './permissions';
import { APP_SCHEME_PRIVILEGES, APP_SCHEME_REGISTRATION, resolveAppFile } from './protocol';
import { windowWebPreferences } from './web-preferences';

const prefs = windowWebPreferences({ preload: '/app/dist/node/preload.cjs', dev: false });
const ROOT = path.resolve(import.meta.dirname, '../..');

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

function lockedSession() {
  const s = new FakeSession();
  lockDownSession(s);
  return s;
}

function fakeIpc() {
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const invoked: unknown[][] = [];
  const ipc: RendererIpc = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true };
    },
    on: (channel, l) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
  };
  const emit = (channel: string, event: unknown, payload: unknown) => (listeners.get(channel) ?? []).forEach((l) => l(event, payload));
  return { ipc, invoked, listeners, emit };
}

const csp = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('1. Only load secure content', () => {
  it('the window loads our own app:// page, a scheme registered as secure', () => {
    expect(APP_ENTRY_URL).toBe('app://quarry/index.html');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(APP_SCHEME_REGISTRATION).toEqual({ scheme: 'app', privileges: expect.objectContaining({ secure: true, standard: true }) });
  });
  it('the session cancels every request to the network or to local files', () => {
    const s = lockedSession();
    for (const url of ['http://example.org/x.js', 'https://cdn.example.org/font.woff2', 'ws://127.0.0.1:9/', 'wss://example.org/', 'ftp://example.org/f', 'file:///etc/passwd', 'not a url'])
      expect(s.cancels(url), url).toBe(true);
    for (const url of ['app://quarry/assets/index.js', 'blob:app://quarry/1b2c', 'data:image/png;base64,AAAA']) expect(s.cancels(url), url).toBe(false);
  });
});

describe('2. No Node.js integration for web content', () => {
  it('nodeIntegration, nodeIntegrationInWorker and nodeIntegrationInSubFrames are all off', () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });
});

describe('3. Context isolation', () => {
  it('contextIsolation is on, and the only preload is our bundled bridge', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.preload).toBe('/app/dist/node/preload.cjs');
  });
});

describe('4. Process sandboxing', () => {
  it('the window is sandboxed', () => {
    expect(prefs.sandbox).toBe(true);
  });
  it('and sandboxing is enforced for every renderer of the app (app.enableSandbox)', () => {
    const app = new FakeApp();
    hardenApp(app, () => {});
    expect(app.sandboxEnabled).toBe(true);
  });
});

describe('5. Session permission requests', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'midi', 'midiSysex', 'hid', 'serial', 'usb', 'display-capture', 'fullscreen', 'pointerLock', 'openExternal', 'idle-detection', 'window-management', 'storage-access', 'unknown'];
  it.each(PERMISSIONS)('a request for %s is refused', (permission) => {
    expect(lockedSession().request(permission)).toBe(false);
  });
  it('permission checks and device (HID/serial/USB) checks answer no', () => {
    const s = lockedSession();
    for (const p of PERMISSIONS) expect(s.permissionCheck?.(null, p), p).toBe(false);
    expect(s.devicePermission?.({ deviceType: 'hid', origin: APP_ORIGIN })).toBe(false);
  });
});

describe('6. webSecurity stays on', () => {
  it('webSecurity is true', () => {
    expect(prefs.webSecurity).toBe(true);
  });
});

describe('7. A Content Security Policy', () => {
  it('only our own scripts: no inline script, no eval, no remote origin', () => {
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
  it('no plugins, no <base> hijack, no framing, no form posts, fetches only to ourselves', () => {
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
  });
});

describe('8. No insecure content', () => {
  it('allowRunningInsecureContent is false', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
});

describe('9. No experimental features', () => {
  it('experimentalFeatures is false', () => {
    expect(prefs.experimentalFeatures).toBe(false);
  });
});

describe('10. No enableBlinkFeatures', () => {
  it('enableBlinkFeatures is not set', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('11. <webview>: no allowpopups', () => {
  it('the <webview> tag is disabled altogether', () => {
    expect(prefs.webviewTag).toBe(false);
  });
});

describe('12. <webview>: verify options before attaching', () => {
  it('every will-attach-webview is refused', () => {
    const { contents } = guarded();
    const e = { prevented: false, preventDefault: () => (e.prevented = true) };
    contents.emit('will-attach-webview', e, {}, {});
    expect(contents.count('will-attach-webview')).toBe(1);
    expect(e.prevented).toBe(true);
  });
});

describe('13. Limit navigation', () => {
  it('the page may navigate within app://quarry/ only', () => {
    const { contents } = guarded();
    expect(contents.navigate('will-navigate', 'app://quarry/index.html')).toBe(false);
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://quarry.evil/index.html', 'app://user@quarry/index.html', 'app://quarry:8080/', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'chrome://settings'])
      expect(contents.navigate('will-navigate', url), url).toBe(true);
  });
  it('a refused web link goes to the external-link gate; other schemes are dropped there', () => {
    const { contents, opened } = guarded();
    contents.navigate('will-navigate', 'https://example.org/a');
    expect(opened).toEqual(['https://example.org/a']);
  });
  it('redirects away from the app are refused and never opened', () => {
    const { contents, opened } = guarded();
    expect(contents.navigate('will-redirect', 'https://example.org/')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://quarry/index.html')).toBe(false);
    expect(opened).toEqual([]);
  });
  it('subframes cannot be navigated off the app either', () => {
    const { contents } = guarded();
    expect(contents.navigate('will-frame-navigate', 'https://example.org/', false)).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'file:///etc/passwd', false)).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'about:blank', false)).toBe(false);
  });
});

describe('14. Limit new windows', () => {
  it('window.open is denied for every URL, our own included', () => {
    const { contents, opened } = guarded();
    for (const url of ['app://quarry/index.html', 'https://example.org/', 'about:blank', 'file:///etc/passwd']) expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    // The attempt reaches the gate, which opens web links only after asking (item 15).
    expect(opened).toHaveLength(4);
  });
});

describe('15. shell.openExternal only for vetted content', () => {
  it('only http, https and mailto links leave the app', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'vscode://x', 'app://quarry/', 'data:text/html,x', 'https://user:pw@example.org/', 'https://', 'mailto'])
      expect(externalUrl(url), url).toBeNull();
    expect(externalUrl('https://example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
    expect(externalUrl('mailto:someone@example.org')).toBe('mailto:someone@example.org');
  });
  it('a link from article or memo content opens only after the user saw the full URL and agreed', async () => {
    const shown: string[] = [];
    const opened: string[] = [];
    let answer = false;
    const gate = createLinkGate({ openExternal: async (u) => void opened.push(u), confirm: async (u) => (shown.push(u), answer) });
    expect(await gate.fromContent('https://exаmple.org/login')).toBe('cancelled'); // Cyrillic "а"
    expect(shown).toEqual(['https://xn--exmple-4nf.org/login']); // punycode: the real host
    expect(opened).toEqual([]);
    answer = true;
    expect(await gate.fromContent('https://example.org/paper')).toBe('opened');
    expect(opened).toEqual(['https://example.org/paper']);
    expect(await gate.fromContent('file:///etc/passwd')).toBe('refused');
    expect(shown).toHaveLength(2);
  });
});

describe('16. A current Electron', () => {
  it('package.json asks for Electron 45 or newer, and that is what is installed', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const declared = Number(/^\^?(\d+)\./.exec(pkg.devDependencies.electron)?.[1]);
    expect(declared).toBeGreaterThanOrEqual(45);
    const installed = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string };
    expect(Number(installed.version.split('.')[0])).toBe(declared);
  });
});

describe('17. Validate the sender of every IPC message', () => {
  const win = { id: 7 };
  const top = { url: 'app://quarry/index.html', parent: null };
  it('accepts the top frame of our window showing our page', () => {
    expect(isTrustedSender({ sender: win, senderFrame: top }, 7)).toBe(true);
  });
  it('refuses subframes, other windows, other origins, vanished frames, and calls before the window exists', () => {
    expect(isTrustedSender({ sender: win, senderFrame: { url: 'app://quarry/index.html', parent: top } }, 7)).toBe(false);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: top }, 7)).toBe(false);
    expect(isTrustedSender({ sender: win, senderFrame: { url: 'https://example.org/', parent: null } }, 7)).toBe(false);
    expect(isTrustedSender({ sender: win, senderFrame: { url: 'app://quarry.evil/', parent: null } }, 7)).toBe(false);
    expect(isTrustedSender({ sender: win, senderFrame: null }, 7)).toBe(false);
    expect(isTrustedSender({ sender: win, senderFrame: { ...top, detached: true } }, 7)).toBe(false);
    expect(isTrustedSender({ sender: win, senderFrame: top }, null)).toBe(false);
    const disposed = {
      sender: win,
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(isTrustedSender(disposed, 7)).toBe(false);
  });
});

describe('18. A custom protocol instead of file://', () => {
  it('the renderer is served from app://, never file://, with no CSP bypass', () => {
    expect(new URL(APP_ENTRY_URL).protocol).toBe('app:');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers');
  });
  it('app:// reaches only the renderer folder', () => {
    expect(resolveAppFile('/r', 'app://quarry/assets/a.js')).toEqual({ ok: true, file: '/r/assets/a.js' });
    expect(resolveAppFile('/r', 'app://quarry/..%2f..%2fetc/passwd')).toEqual({ ok: false, status: 404 });
  });
  it('file:// pages get no extra privileges (fuse)', () => {
    expect(QUARRY_FUSES.GrantFileProtocolExtraPrivileges).toBe(false);
  });
});

describe('19. Fuses', () => {
  it('RunAsNode, NODE_OPTIONS and --inspect are off; cookie encryption, asar integrity and asar-only loading are on', () => {
    expect(QUARRY_FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });
  it('every fuse Electron has is decided, so a new one cannot slip through at its default', () => {
    const config = fuseConfig() as unknown as Record<string, unknown>;
    expect(config.strictlyRequireAllFuses).toBe(true);
    expect(Object.keys(config).filter((k) => /^\d+$/.test(k))).toHaveLength(Object.keys(QUARRY_FUSES).length);
  });
});

describe('20. No Electron API exposed to the page', () => {
  it('the bridge is exactly two functions, and call() uses one fixed channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    await bridge.call({ toString: () => 'store.stats' } as unknown as string, { x: 1 });
    expect(invoked).toEqual([[CALL_CHANNEL, 'store.stats', { x: 1 }]]);
  });
  it('an event listener gets the payload only, never the IPC event (whose sender is ipcRenderer)', () => {
    const { ipc, emit } = fakeIpc();
    const got: unknown[][] = [];
    const off = createBridge(ipc).on('store.changed', (...args) => got.push(args));
    emit('quarry:event:store.changed', { sender: ipc }, { scopes: ['articles'] });
    expect(got).toEqual([[{ scopes: ['articles'] }]]);
    off();
    emit('quarry:event:store.changed', { sender: ipc }, { scopes: ['x'] });
    expect(got).toHaveLength(1);
  });
  it('the page cannot subscribe to a channel of its choosing', () => {
    const { ipc, listeners } = fakeIpc();
    expect(() => createBridge(ipc).on('../quarry:call', () => {})).toThrow(/Unknown event/);
    expect(listeners.size).toBe(0);
    expect(BRIDGE_EVENTS).toEqual(['store.changed', 'import.progress']);
  });
});

describe('21. DevTools only in development', () => {
  it('a packaged Quarry has none', () => {
    expect(windowWebPreferences({ preload: 'p', dev: false }).devTools).toBe(false);
    expect(windowWebPreferences({ preload: 'p', dev: true }).devTools).toBe(true);
  });
});

describe('22. Downloads only of what Quarry itself made', () => {
  it('blob: URLs minted by our page download; anything else is refused', () => {
    const s = lockedSession();
    expect(s.download('blob:app://quarry/5d0c2f6e-0000-4000-8000-000000000000')).toBe(false);
    for (const url of ['https://example.org/payload.exe', 'blob:https://example.org/x', 'blob:app://quarry.evil/x', 'data:application/octet-stream,AAAA', 'file:///etc/passwd'])
      expect(s.download(url), url).toBe(true);
  });
});

describe('23. Every WebContents gets the gates', () => {
  it('web-contents-created guards each new WebContents, not just our window', () => {
    const app = new FakeApp();
    const opened: string[] = [];
    hardenApp(app, (u) => opened.push(u));
    const later = new FakeContents();
    app.emit('web-contents-created', {}, later);
    expect(later.navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(later.count('will-attach-webview')).toBe(1);
    expect(later.count('will-redirect')).toBe(1);
  });
});

describe('24. No network behind the user’s back', () => {
  it('the spellchecker is off (on Linux it downloads dictionaries from Google)', () => {
    expect(prefs.spellcheck).toBe(false);
  });
});

describe('25. A page cannot trap the user', () => {
  it('safe dialogs are on and a dropped file or link never replaces the page', () => {
    expect(prefs.safeDialogs).toBe(true);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });
  it('a page opening links in a loop gets one question at a time', async () => {
    let release: (v: boolean) => void = () => {};
    const confirm = vi.fn(() => new Promise<boolean>((r) => (release = r)));
    const gate = createLinkGate({ openExternal: async () => {}, confirm });
    const first = gate.fromContent('https://example.org/1');
    expect(await gate.fromContent('https://example.org/2')).toBe('busy');
    release(false);
    expect(await first).toBe('cancelled');
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});
