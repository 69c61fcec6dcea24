// The gates on a WebContents: where it may navigate, what window.open does,
// and that no <webview> can be attached. Electron objects come in as
// structural types so the tests can drive the gates with plain fakes.
import { isAppUrl } from './origin';

export interface Preventable {
  preventDefault(): void;
}
export interface NavigationEvent extends Preventable {
  url: string;
  isMainFrame?: boolean;
}

export interface GuardableContents {
  on(event: 'will-navigate', listener: (e: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (e: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (e: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Hands a URL the page tried to open to the external-link gate (it asks before opening). */
export type ExternalOpener = (url: string) => void;

/** Main frame: only our own pages. Subframes: our pages or an inert about:blank/about:srcdoc. */
export function isAllowedNavigation(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  return !isMainFrame && (url === 'about:blank' || url === 'about:srcdoc');
}

export function guardContents(contents: GuardableContents, openExternal: ExternalOpener): void {
  // A link the page follows (a plain <a href="https://...">, a dropped URL) is
  // refused here; web links go to the gate, which asks the user first.
  contents.on('will-navigate', (e) => {
    if (isAllowedNavigation(e.url, true)) return;
    e.preventDefault();
    openExternal(e.url);
  });
  // A redirect never leaves the app either, and is never opened outside: the
  // page did not ask for that URL.
  contents.on('will-redirect', (e) => {
    if (!isAllowedNavigation(e.url, e.isMainFrame !== false)) e.preventDefault();
  });
  // Subframes only: Electron emits this before will-navigate for the main
  // frame too, and refusing there would skip the hand-off to the link gate.
  contents.on('will-frame-navigate', (e) => {
    if (e.isMainFrame === false && !isAllowedNavigation(e.url, false)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  // No second window, ever: window.open of a web link (the memo preview does
  // this) goes to the gate, everything else is dropped.
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
