// The session's answers to everything a page may ask for beyond plain web
// content: permissions (camera, microphone, geolocation, notifications,
// clipboard reading, MIDI, HID/serial/USB devices...) are refused, requests to
// the network or to local files are cancelled, and only downloads of blobs the
// page itself made (Quarry's exports) are allowed.
import { APP_ORIGIN, isAppUrl } from './origin';
import type { Preventable } from './navigation';

export interface LockableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  on(event: 'will-download', listener: (event: Preventable, item: { getURL(): string }) => void): unknown;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
}

/** Schemes the renderer never fetches: the network and the disk. Quarry's pages only read app://quarry/. */
const BLOCKED_REQUEST_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

export function isBlockedRequest(raw: string): boolean {
  try {
    return BLOCKED_REQUEST_PROTOCOLS.has(new URL(raw).protocol);
  } catch {
    return true;
  }
}

/** A download Quarry started itself: a blob: URL minted by our own page (see renderer/interchange/download.ts). */
export function isAllowedDownload(raw: string): boolean {
  return raw.startsWith(`blob:${APP_ORIGIN}/`) && isAppUrl(raw.slice('blob:'.length));
}

export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) event.preventDefault();
  });
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isBlockedRequest(details.url) }));
}
