// Opening the browser host in the user's browser without handing it a secret
// on its command line (argv is readable by every local user in `ps`).
//
// As Jupyter does: the login URL goes into a small HTML file only this user
// can read, in a fresh folder only this user can enter, and the browser is
// started on that file's path. The file is removed once its code is used, when
// the code expires, and on exit. The folder sits in Quarry's own data folder,
// not /tmp: browsers packaged as snaps cannot read the system's /tmp.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts a program; the file to open is its only argument. */
export type Opener = (command: string, args: string[]) => void;

export function openerCommand(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

export const spawnOpener: Opener = (command, args) => {
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no desktop browser: the printed URL is enough
    child.unref();
  } catch {
    /* the printed URL is enough */
  }
};

export interface Launcher {
  /** The HTML file handed to the browser. */
  file: string;
  /** Removes the file and its folder (idempotent). */
  remove(): void;
}

/** Only the characters a login URL has; anything else would be a bug, and must not reach the HTML. */
const LOGIN_URL = /^http:\/\/127\.0\.0\.1:\d+\/auth\?code=[A-Za-z0-9_-]+$/;

export function launcherHtml(loginUrl: string): string {
  if (!LOGIN_URL.test(loginUrl)) throw new Error(`Not a Quarry login URL: ${loginUrl}`);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="refresh" content="1;url=${loginUrl}">`,
    '<title>Opening Quarry…</title></head>',
    `<body><p>Opening Quarry… If nothing happens, <a href="${loginUrl}">click here</a>.</p>`,
    `<script>location.replace(${JSON.stringify(loginUrl)});</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * Writes the launcher for `loginUrl` (mode 0600, in a new 0700 folder under
 * `baseDir`) and starts the browser on it. `ttlMs`: remove it after this long
 * even if never used.
 */
export function openWithLauncher(loginUrl: string, o: { baseDir: string; opener?: Opener; ttlMs: number; platform?: NodeJS.Platform }): Launcher {
  let dir: string;
  try {
    mkdirSync(o.baseDir, { recursive: true, mode: 0o700 });
    dir = mkdtempSync(join(o.baseDir, 'open-'));
  } catch {
    dir = mkdtempSync(join(tmpdir(), 'quarry-open-'));
  }
  chmodSync(dir, 0o700); // mkdtemp makes it 0700 already; say so where umask or platform might not
  const file = join(dir, 'open-quarry.html');
  writeFileSync(file, launcherHtml(loginUrl), { mode: 0o600, flag: 'wx' });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    clearTimeout(timer);
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  const timer = setTimeout(remove, o.ttlMs);
  timer.unref();
  process.on('exit', remove);
  (o.opener ?? spawnOpener)(openerCommand(o.platform), [file]);
  return { file, remove };
}
