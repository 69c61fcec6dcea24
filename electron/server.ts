// The browser host: the same contract as IPC, over loopback HTTP.
//
// Security model: binds 127.0.0.1 only; every API call needs the random per-run
// token (header `x-quarry-token`; the SSE stream takes it as a query parameter
// because EventSource cannot send headers); Host and Origin must name this
// server exactly, which defeats DNS rebinding; bodies are size-limited. The
// token reaches the page in the URL fragment, which browsers never send.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from './api/context';
import type { EventName } from './api/contract';
import { dispatch } from './api/dispatch';
import { rendererDir } from './paths';
import { CSP } from './security/csp';

export { CSP };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Upload methods carry whole files (base64); everything else is small. */
const LARGE_BODY_METHODS = new Set(['articles.importFiles', 'interchange.importFile']);
const MAX_LARGE_BODY = 210 * 1024 * 1024;
const MAX_BODY = 20 * 1024 * 1024;

export interface ServerOptions {
  port?: number;
  /** Serve the built renderer from here (default dist/renderer). */
  staticDir?: string;
  token?: string;
}

export interface RunningServer {
  url: string; // includes the token fragment: what the user opens
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(ctx: Context, o: ServerOptions = {}): Promise<RunningServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const staticDir = o.staticDir ?? rendererDir();
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: `Request failed: ${(err as Error).message}` } });
      else res.destroy();
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // DNS rebinding: a hostile page on evil.example resolving to 127.0.0.1
    // arrives with Host: evil.example.
    if (!allowedHosts().has(req.headers.host ?? '')) return forbid(res, `Host "${req.headers.host ?? ''}" is not this Quarry server.`);
    const origin = req.headers.origin;
    if (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`)) return forbid(res, `Origin "${origin}" may not call Quarry.`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'GET only.' } });
      if (!tokenOk(url.searchParams.get('token'))) return forbid(res, 'Missing or wrong token for /api/events.');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice(5));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `Malformed method name in ${url.pathname}.` } });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: `${method}: use POST.` } });
      if (!tokenOk(headerValue(req.headers['x-quarry-token']))) return forbid(res, `${method}: missing or wrong token. Open the URL Quarry printed at start-up.`);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-input', message: `${method}: send JSON (Content-Type: application/json).` } });
      }
      const limit = LARGE_BODY_METHODS.has(method) ? MAX_LARGE_BODY : MAX_BODY;
      const body = await readBody(req, limit);
      if (body === null) {
        return sendJson(res, 413, { ok: false, error: { code: 'invalid-input', message: `${method}: request larger than ${Math.round(limit / 1024 / 1024)} MB.` } });
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `${method}: the request body is not valid JSON.` } });
      }
      const result = await dispatch(ctx, method, input);
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'Method not allowed.' } });
    return serveStatic(url.pathname, res);
  }

  function tokenOk(given: string | null | undefined): boolean {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep)) return sendText(res, 404, 'Not found');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (rel === '/index.html') return sendText(res, 500, 'The renderer is not built. Run "npm run build" first.');
      return sendText(res, 404, 'Not found');
    }
    const headers: Record<string, string> = { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' };
    if (extname(file) === '.html') {
      headers['Content-Security-Policy'] = CSP;
      headers['Cache-Control'] = 'no-store';
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  const forwarders = (['store.changed', 'import.progress'] as EventName[]).map((name) =>
    ctx.events.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const c of sseClients) c.write(frame);
    }),
  );
  const keepAlive = setInterval(() => {
    for (const c of sseClients) c.write(': keep-alive\n\n');
  }, 20_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const originUrl = `http://127.0.0.1:${port}`;
  return {
    url: `${originUrl}/#token=${token}`,
    origin: originUrl,
    port,
    token,
    async close() {
      clearInterval(keepAlive);
      for (const off of forwarders) off();
      for (const c of sseClients) c.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // keep-alive sockets would hold close() open
      await closed;
    },
  };
}

function headerValue(h: string | string[] | undefined): string | null {
  return Array.isArray(h) ? (h[0] ?? null) : (h ?? null);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function forbid(res: ServerResponse, message: string): void {
  sendJson(res, 403, { ok: false, error: { code: 'forbidden', message } });
}
