// Plain stand-ins for the Electron objects the security policy takes
// (WebContents, Session, App): they record what the policy registered and let
// a test fire the events Electron would. No Electron runtime needed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners take whatever Electron would pass
type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface FakeEvent {
  prevented: boolean;
  preventDefault(): void;
  [k: string]: unknown;
}

export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const e: FakeEvent = {
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
    ...fields,
  };
  return e;
}

let nextId = 1;

export class FakeContents extends Emitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  session: FakeSession;
  constructor(session = new FakeSession()) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** Fires a navigation event the way Electron 45 does (details object first); returns whether it was refused. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true): boolean {
    const e = fakeEvent({ url, isMainFrame });
    this.emit(event, e, url, false, isMainFrame);
    return e.prevented;
  }
}

export class FakeSession extends Emitter {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin?: string, details?: unknown) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']): void {
    this.devicePermission = h;
  }
  readonly webRequest = {
    onBeforeRequest: (h: FakeSession['beforeRequest']) => {
      this.beforeRequest = h;
    },
  };
  /** What the permission request handler answers for `permission`. */
  request(permission: string): boolean | undefined {
    let answer: boolean | undefined;
    this.permissionRequest?.(null, permission, (g) => (answer = g), {});
    return answer;
  }
  cancels(url: string): boolean | undefined {
    let answer: boolean | undefined;
    this.beforeRequest?.({ url }, (r) => (answer = r.cancel));
    return answer;
  }
  /** Fires will-download for `url`; returns whether the download was refused. */
  download(url: string): boolean {
    const e = fakeEvent();
    this.emit('will-download', e, { getURL: () => url }, null);
    return e.prevented;
  }
}

export class FakeApp extends Emitter {
  sandboxEnabled = false;
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
}
