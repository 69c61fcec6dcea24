// Electron entry: single-instance lock, one locked-down window, the renderer
// served from app://quarry/, and the contract bound to IPC.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, shell, type IpcMainInvokeEvent } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from './api/context';
import type { EventName } from './api/contract';
import { dispatch } from './api/dispatch';
import { closeContext, createContext } from './app-context';
import { rendererDir, STORE_FILE } from './paths';
import { CSP } from './server';

const APP_ORIGIN = 'app://quarry';

app.setName('Quarry');
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

let ctx: Context | null = null;
let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (err) => fatal(err));
}

async function start(): Promise<void> {
  const storePath = join(app.getPath('userData'), STORE_FILE);
  try {
    ctx = await createContext(storePath, 'electron');
  } catch (err) {
    return fatal(err);
  }
  serveRenderer();
  bindContract(ctx);
  createWindow();
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    if (ctx) void closeContext(ctx);
    ctx = null;
  });
}

/** app://quarry/<path> -> dist/renderer/<path>, never outside it. */
function serveRenderer(): void {
  const root = rendererDir();
  protocol.handle('app', async (req) => {
    const url = new URL(req.url);
    if (url.host !== 'quarry') return new Response('Not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    if (file.endsWith('.html')) headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function bindContract(c: Context): void {
  ipcMain.handle('quarry:call', async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    // Only our own top-level page may call the backend.
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !frame.url.startsWith(`${APP_ORIGIN}/`)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the Quarry window.' } };
    }
    return dispatch(c, String(name), input);
  });
  for (const name of ['store.changed', 'import.progress'] as EventName[]) {
    c.events.on(name, (payload) => win?.webContents.send(`quarry:event:${name}`, payload));
  }
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Quarry',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win?.show());
  const contents = win.webContents;
  // No navigation away from the app, no new windows; http(s) links open in the
  // user's browser, everything else is dropped.
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) {
      e.preventDefault();
      openExternal(url);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  Menu.setApplicationMenu(null); // the renderer's command registry draws the menus
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

function openExternal(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') void shell.openExternal(u.href);
  } catch {
    /* not a URL: ignore */
  }
}

function fatal(err: unknown): void {
  dialog.showErrorBox('Quarry could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
