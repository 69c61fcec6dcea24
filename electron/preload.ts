// The only bridge between the page and the main process: two named functions.
// The page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const EVENTS = new Set(['store.changed', 'import.progress']);

contextBridge.exposeInMainWorld('quarry', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('quarry:call', String(name), input),
  on: (event: string, fn: (payload: unknown) => void): (() => void) => {
    if (!EVENTS.has(event)) throw new Error(`Unknown event "${event}"`);
    const listener = (_e: IpcRendererEvent, payload: unknown) => fn(payload);
    ipcRenderer.on(`quarry:event:${event}`, listener);
    return () => ipcRenderer.removeListener(`quarry:event:${event}`, listener);
  },
});
