// A stand-in for the 'electron' module, aliased in when electron/main.ts is
// bundled for electron/security/main-wiring.test.ts: it records what main.ts
// registers, so the test can check that the real entry point wires the
// security policy, without an Electron runtime. State is shared through
// globalThis because the bundle gets its own copy of this file.
import { FakeApp, FakeContents, FakeSession } from './electron';

export interface FakeElectronState {
  userData: string;
  isPackaged: boolean;
  ready: () => void;
  app: FakeApp & Record<string, unknown>;
  windows: FakeWindow[];
  privileged: unknown[];
  protocolHandlers: Map<string, (req: { url: string; method: string }) => Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  messageBoxes: Record<string, unknown>[];
  nextResponse: number[];
  opened: string[];
  menus: unknown[];
  session: FakeSession;
  errors: string[];
}

const g = globalThis as unknown as { __quarryFakeElectron: FakeElectronState };
const state = g.__quarryFakeElectron;

class FakeWindow {
  readonly webContents: FakeContents & { loadedUrl?: string };
  readonly events = new Map<string, ((...a: unknown[]) => void)[]>();
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    this.webContents = new FakeContents(state.session);
    state.windows.push(this);
    // Electron announces every WebContents it creates.
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  once(event: string, fn: (...a: unknown[]) => void) {
    this.events.set(event, [...(this.events.get(event) ?? []), fn]);
  }
  on(event: string, fn: (...a: unknown[]) => void) {
    this.once(event, fn);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
  async loadURL(url: string) {
    this.webContents.loadedUrl = url;
    this.webContents.emit('did-finish-load');
  }
}

const app = state.app;
Object.assign(app, {
  setName: () => {},
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
  getPath: () => state.userData,
  quit: () => {},
  exit: (code: number) => state.errors.push(`exit ${code}`),
  get isPackaged() {
    return state.isPackaged;
  },
});

export { app };
export const BrowserWindow = FakeWindow;
export const session = {
  get defaultSession() {
    return state.session;
  },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
  handle: (scheme: string, handler: (req: { url: string; method: string }) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
};
export const ipcMain = {
  handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => state.ipcHandlers.set(channel, handler),
};
export const dialog = {
  showMessageBox: async (...args: unknown[]) => {
    const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
    state.messageBoxes.push(options);
    return { response: state.nextResponse.shift() ?? 0 };
  },
  showSaveDialog: async () => ({ canceled: true }),
  showErrorBox: (title: string, content: string) => state.errors.push(`${title}: ${content}`),
};
export const shell = { openExternal: async (url: string) => void state.opened.push(url) };
export const Menu = {
  setApplicationMenu: (m: unknown) => state.menus.push(m),
  buildFromTemplate: (t: unknown) => t,
};
