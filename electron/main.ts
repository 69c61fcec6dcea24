// Electron entry: single-instance lock, one locked-down window, the renderer
// served from app://quarry/, the contract bound to IPC, and .qdpx files opened
// with Quarry routed to the REFI-QDA import. The security policy itself lives
// in ./security (pure functions, unit-tested without Electron); this file wires it.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MessageBoxOptions } from 'electron';
import { join } from 'node:path';
import type { Context } from './api/context';
import { dispatch } from './api/dispatch';
import { closeContext, createContext } from './app-context';
import { chooseTargetDialog, createOpenQueue, importSummaryText, isProjectFile, newStoreDefaultPath, openProjectFile, projectFilesFromArgv } from './open-project';
import { rendererDir, STORE_FILE } from './paths';
import { hardenApp } from './security/app-hardening';
import { CONFIRM_OPEN_BUTTON, confirmLinkDialog, createLinkGate } from './security/external-links';
import { BRIDGE_EVENTS, CALL_CHANNEL, eventChannel, FORBIDDEN_CALL, isTrustedSender } from './security/ipc';
import { APP_ENTRY_URL, APP_SCHEME } from './security/origin';
import { lockDownSession } from './security/permissions';
import { APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './security/protocol';
import { windowWebPreferences } from './security/web-preferences';

let ctx: Context | null = null;
let win: BrowserWindow | null = null;

const showBox = (o: MessageBoxOptions) => (win && !win.isDestroyed() ? dialog.showMessageBox(win, o) : dialog.showMessageBox(o));

// Every URL the page asks to open comes from article or memo content (the
// renderer's only external links are in the memo preview), so every one is confirmed.
const links = createLinkGate({
  openExternal: (url) => shell.openExternal(url),
  confirm: async (url) => (await showBox(confirmLinkDialog(url))).response === CONFIRM_OPEN_BUTTON,
});
const openFromPage = (url: string): void => {
  links.fromContent(url).catch((err: unknown) => process.stderr.write(`Quarry: opening ${url} failed (${String(err)}).\n`));
};

app.setName('Quarry');
// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
hardenApp(app, openFromPage);

const projects = createOpenQueue(importProject);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS: a double-clicked .qdpx, "Open With", a file dropped on the Dock
  // icon; this can arrive before the app is ready, hence the queue.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (isProjectFile(path)) projects.add([path]);
  });
  // Windows and Linux: a second launch (double-click while Quarry runs) hands over its argv.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    projects.add(projectFilesFromArgv(argv, workingDirectory));
  });
  projects.add(projectFilesFromArgv(process.argv, process.cwd()));
  app.whenReady().then(start, (err) => fatal(err));
}

async function start(): Promise<void> {
  const storePath = join(app.getPath('userData'), STORE_FILE);
  try {
    ctx = await createContext(storePath, 'electron');
  } catch (err) {
    return fatal(err);
  }
  lockDownSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir()));
  bindContract(ctx);
  createWindow();
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    if (ctx) void closeContext(ctx);
    ctx = null;
  });
}

function bindContract(c: Context): void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, win && !win.isDestroyed() ? win.webContents.id : null)) return FORBIDDEN_CALL;
    return dispatch(c, String(name), input);
  });
  for (const name of BRIDGE_EVENTS) {
    c.events.on(name, (payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    });
  }
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Quarry',
    show: false,
    webPreferences: windowWebPreferences({ preload: join(import.meta.dirname, 'preload.cjs'), dev: !app.isPackaged }),
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  // Files opened with Quarry wait until the page is up: it shows what they changed.
  win.webContents.once('did-finish-load', () => projects.start());
  // The renderer's command registry draws the menus. macOS still needs the
  // standard Edit menu, or copy and paste shortcuts do nothing.
  Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null);
  void win.loadURL(APP_ENTRY_URL);
}

async function importProject(file: string): Promise<void> {
  const c = ctx;
  if (!c) return;
  await openProjectFile(
    {
      choose: async (f) => {
        const d = chooseTargetDialog(f, c.store.path);
        const { choices, ...options } = d;
        return choices[(await showBox(options)).response] ?? 'cancel';
      },
      newStorePath: async (f) => {
        const options = {
          title: 'New store for the imported project',
          defaultPath: newStoreDefaultPath(c.store.path, f),
          filters: [{ name: 'Quarry store', extensions: ['sqlite'] }],
        };
        const r = win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      call: (name, input) => dispatch(c, name, input),
      done: (summary) => showBox({ type: 'info', title: 'Project imported', message: 'Project imported', detail: importSummaryText(summary) }),
      failed: (message) => showBox({ type: 'error', title: 'Import failed', message: 'The project was not imported', detail: `${message}\n\nNothing was changed in the open store.` }),
    },
    file,
  );
}

function fatal(err: unknown): void {
  dialog.showErrorBox('Quarry could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
