// Where Quarry keeps things on disk, the same for every host, so the CLI and
// the browser host open the store the Electron app uses.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Quarry';
export const STORE_FILE = 'quarry.sqlite';

/** Electron's app.getPath('userData') for an app named "Quarry", computed without Electron. */
export function userDataDir(): string {
  if (process.env.QUARRY_HOME) return resolve(process.env.QUARRY_HOME);
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}

export function defaultStorePath(): string {
  return process.env.QUARRY_STORE ? resolve(process.env.QUARRY_STORE) : join(userDataDir(), STORE_FILE);
}

/** The project root (where package.json, assets/ and dist/ live), from source or from dist/node. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const assetsDir = (): string => join(appRoot(), 'assets');
export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');

let version: string | undefined;

/**
 * Quarry's version, read once from the package.json at the app root, the same
 * file from source, from dist/node and inside the packaged app. Read at run time
 * rather than imported so no module reaches up out of its folder for it; '' when
 * the file is missing or is not Quarry's (appRoot fell back to the working folder).
 */
export function appVersion(): string {
  if (version === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      version = pkg.name === 'quarry' && typeof pkg.version === 'string' ? pkg.version : '';
    } catch {
      version = '';
    }
  }
  return version;
}
