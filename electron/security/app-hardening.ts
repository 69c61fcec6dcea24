// Process-wide hardening, applied before the first window exists: every
// renderer sandboxed, and every WebContents Electron ever creates (our window,
// anything a bug might open later) gets the same gates.
import { guardContents, type ExternalOpener, type GuardableContents } from './navigation';

export interface HardenableApp {
  enableSandbox(): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown;
}

export function hardenApp(app: HardenableApp, openExternal: ExternalOpener): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));
}
