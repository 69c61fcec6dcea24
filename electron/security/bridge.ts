// What the preload exposes to the page as window.quarry: two functions. The
// page never gets ipcRenderer, an IPC event object, or a channel of its choosing.
import { BRIDGE_EVENTS, CALL_CHANNEL, eventChannel } from './ipc';
import type { EventName } from '../api/contract';

export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface QuarryBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}

export function createBridge(ipc: RendererIpc): QuarryBridge {
  return {
    call: (name, input) => ipc.invoke(CALL_CHANNEL, String(name), input),
    on: (event, fn) => {
      if (!(BRIDGE_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event "${event}": the page can subscribe to ${BRIDGE_EVENTS.join(', ')}.`);
      const channel = eventChannel(event as EventName);
      // The IPC event carries `sender` (ipcRenderer itself): drop it, pass the payload only.
      const listener = (_event: unknown, payload: unknown) => fn(payload);
      ipc.on(channel, listener);
      return () => void ipc.removeListener(channel, listener);
    },
  };
}
