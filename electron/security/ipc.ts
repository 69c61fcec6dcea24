// The IPC channels of the bridge and the check on who may use them.
import type { EventName } from '../api/contract';
import { isAppUrl } from './origin';

export const CALL_CHANNEL = 'quarry:call';
/** The backend events the page may subscribe to (contract.ts, Events). */
export const BRIDGE_EVENTS: readonly EventName[] = ['store.changed', 'import.progress'];
export const eventChannel = (name: EventName): string => `quarry:event:${name}`;

export interface IpcSender {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown; detached?: boolean } | null;
}

/**
 * Only the top-level page of our own window, showing our own app://quarry/
 * page, may call the backend: not an iframe, not another window, not a page
 * that somehow navigated elsewhere.
 */
export function isTrustedSender(event: IpcSender, windowContentsId: number | null): boolean {
  if (windowContentsId === null || event.sender.id !== windowContentsId) return false;
  try {
    const frame = event.senderFrame;
    // Detached: the frame is mid-way through leaving for another origin, still running unload handlers.
    return frame !== null && frame.detached !== true && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A frame disposed while the call was in flight: nobody to answer.
    return false;
  }
}

export const FORBIDDEN_CALL = {
  ok: false,
  error: { code: 'forbidden', message: 'Calls are only accepted from the Quarry window.' },
} as const;
