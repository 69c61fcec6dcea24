// The renderer's only door to the backend: IPC through the preload bridge when
// running in Electron, loopback HTTP (token-guarded) in the browser host.
import type { CallResult, ErrorCode, EventName, Events, MethodInput, MethodName, MethodResult } from '../electron/api/contract';

interface Bridge {
  call(name: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}
declare global {
  interface Window {
    quarry?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'quarry.token';

/** The browser host hands us its token in the URL fragment; keep it for this tab and clean the address bar. */
function takeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
const token = typeof window !== 'undefined' && !window.quarry ? takeToken() : null;

async function httpCall(name: string, input: unknown): Promise<CallResult<unknown>> {
  let res: Response;
  try {
    const body = JSON.stringify(input ?? {});
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Quarry-Token': token ?? '' },
      body,
      // A save sent while the page unloads still reaches the host (browsers cap keepalive bodies at 64 KB).
      keepalive: body.length < 60_000,
    });
  } catch {
    return { ok: false, error: { code: 'io', message: 'Quarry is not running any more (the browser host stopped). Restart it and reload this page.' } };
  }
  try {
    return (await res.json()) as CallResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `${name}: unreadable answer (HTTP ${res.status}).` } };
  }
}

export async function call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodResult<K>> {
  const r = window.quarry ? await window.quarry.call(name, input) : await httpCall(name, input);
  if (!r.ok) throw new ApiError(r.error.code, r.error.message);
  return r.value as MethodResult<K>;
}

let source: EventSource | null = null;
const listeners = new Map<string, Set<(p: unknown) => void>>();

export function on<E extends EventName>(event: E, fn: (payload: Events[E]) => void): () => void {
  if (window.quarry) return window.quarry.on(event, fn as (p: unknown) => void);
  if (!source) {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
  }
  let set = listeners.get(event);
  if (!set) {
    set = new Set();
    listeners.set(event, set);
    source.addEventListener(event, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      for (const f of listeners.get(event) ?? []) f(payload);
    });
  }
  set.add(fn as (p: unknown) => void);
  return () => set!.delete(fn as (p: unknown) => void);
}

export const hasToken = (): boolean => !!window.quarry || !!token;
