// `npm run web` and the fallback of `npm start`: the browser host on loopback.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Context } from './api/context';
import { closeContext, createContext } from './app-context';
import { openWithLauncher, type Launcher, type Opener } from './browser-launcher';
import { defaultStorePath, userDataDir } from './paths';
import { startServer, type RunningServer } from './server';
import { CODE_TTL_MS } from './server-auth';

/** A fresh login URL on stdout at most this often, however often someone knocks without one. */
const REPRINT_EVERY_MS = 5_000;

export async function startWeb(o: { store?: string; port?: number; open?: boolean; reason?: string; opener?: Opener }): Promise<void> {
  const storePath = resolve(o.store ?? defaultStorePath());
  let ctx;
  try {
    ctx = await createContext(storePath, 'browser');
  } catch (err) {
    process.stderr.write(`Quarry could not open its store: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const server = await serveWithLogin(ctx, { port: o.port ?? 0, write: (line) => process.stdout.write(`${line}\n`) });
  const lead = o.reason ? `${o.reason}; opening Quarry in your browser. To open it by hand, use` : 'Quarry is running at';
  // stdout is this user's terminal; the browser gets its own code, through a file only this user can read.
  server.print(`${lead} ${server.newLoginUrl()}`);
  server.print(`Store: ${storePath}. The link works once, for 2 minutes; Quarry prints a fresh one when it is needed. Press Ctrl+C to stop.`);
  if (o.open) openBrowser(server, o.opener);
  const stop = () => {
    void server
      .close()
      .then(() => closeContext(ctx))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The browser host, printing a fresh login URL (at most every few seconds) whenever someone arrives without a session. */
export async function serveWithLogin(ctx: Context, o: { port: number; write: (line: string) => void }): Promise<RunningServer & { print(line: string): void }> {
  let lastReprint = 0;
  let server: RunningServer | null = null;
  server = await startServer(ctx, {
    port: o.port,
    onLoginNeeded: () => {
      if (!server || Date.now() - lastReprint < REPRINT_EVERY_MS) return false;
      lastReprint = Date.now();
      o.write(`A fresh login URL for Quarry (works once, for 2 minutes): ${server.newLoginUrl()}`);
      return true;
    },
  });
  return Object.assign(server, { print: o.write });
}

/** The browser is started on a file, never on the login URL itself: its argv is public. */
export function openBrowser(server: Pick<RunningServer, 'newLoginUrl'>, opener?: Opener, baseDir = join(userDataDir(), 'run')): Launcher | null {
  let launcher: Launcher | null = null;
  const url = server.newLoginUrl(() => launcher?.remove());
  try {
    launcher = openWithLauncher(url, { baseDir, opener, ttlMs: CODE_TTL_MS });
  } catch (err) {
    process.stderr.write(`Quarry could not open your browser (${(err as Error).message}); open the URL printed above.\n`);
  }
  return launcher;
}

const isMain = process.argv[1] && /web\.(mjs|ts)$/.test(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean', default: false }, reason: { type: 'string' } },
  });
  void startWeb({ store: values.store, port: values.port ? Number(values.port) : undefined, open: values.open, reason: values.reason });
}
