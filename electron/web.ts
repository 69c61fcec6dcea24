// `npm run web` and the fallback of `npm start`: the browser host on loopback.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeContext, createContext } from './app-context';
import { defaultStorePath } from './paths';
import { startServer } from './server';

export async function startWeb(o: { store?: string; port?: number; open?: boolean; reason?: string }): Promise<void> {
  const storePath = resolve(o.store ?? defaultStorePath());
  let ctx;
  try {
    ctx = await createContext(storePath, 'browser');
  } catch (err) {
    process.stderr.write(`Quarry could not open its store: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const server = await startServer(ctx, { port: o.port ?? 0 });
  const lead = o.reason ? `${o.reason}; opening Quarry in your browser at` : 'Quarry is running at';
  process.stdout.write(`${lead} ${server.url}\n`);
  process.stdout.write(`Store: ${storePath}. Press Ctrl+C to stop.\n`);
  if (o.open) openBrowser(server.url);
  const stop = () => {
    void server
      .close()
      .then(() => closeContext(ctx))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no desktop browser: the printed URL is enough
    child.unref();
  } catch {
    /* the printed URL is enough */
  }
}

const isMain = process.argv[1] && /web\.(mjs|ts)$/.test(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean', default: false }, reason: { type: 'string' } },
  });
  void startWeb({ store: values.store, port: values.port ? Number(values.port) : undefined, open: values.open, reason: values.reason });
}
