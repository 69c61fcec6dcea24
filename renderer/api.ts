// The renderer's only door to the backend: IPC through the preload bridge when
// running in Electron, loopback HTTP in the browser host. There the session is
// an HttpOnly cookie the browser sends by itself (same origin); scripts never
// see it. The X-Quarry header marks the call as coming from Quarry's own page.
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

/** The browser host has no native dialogs: files come in as uploads and leave as downloads, and it refuses paths on its disk. */
export const isBrowserHost = (): boolean => typeof window !== 'undefined' && !window.quarry;

async function httpCall(name: string, input: unknown): Promise<CallResult<unknown>> {
  let res: Response;
  try {
    const body = JSON.stringify(input ?? {});
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Quarry': '1' },
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
    source = new EventSource('/api/events');
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
