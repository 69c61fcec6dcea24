// The browser host: the same contract as IPC, over loopback HTTP.
//
// Security model: binds 127.0.0.1 only. No secret is ever handed to another
// process (argv and environment are readable by every local user): the user
// signs in with a one-time code (GET /auth?code=…), exchanged for a per-run
// session cookie (HttpOnly, SameSite=Strict). Every API call and the event
// stream need that cookie; Host and Origin must name this server exactly
// (DNS rebinding); POSTs need JSON and the `X-Quarry` header, which no
// cross-origin page can send without a preflight this server never approves
// (pages on other ports of 127.0.0.1 are same-site, so SameSite alone is not
// enough). Bodies are size-limited and must keep flowing. Methods that take a
// path on this machine are refused for this host in dispatch.ts.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from './api/context';
import type { EventName } from './api/contract';
import { dispatch } from './api/dispatch';
import { rendererDir } from './paths';
import { CSP } from './security/csp';
import { STATIC_MIME as MIME } from './security/static-mime';
import { CODE_TTL_MS, SessionAuth } from './server-auth';

export { CSP };


/** Upload methods carry whole files (base64); everything else is small. */
const LARGE_BODY_METHODS = new Set(['articles.importFiles', 'interchange.importFile']);
const MAX_LARGE_BODY = 210 * 1024 * 1024;
const MAX_BODY = 20 * 1024 * 1024;

/** Headers a request may carry once: two Hosts (or Origins, or Cookies) mean a proxy or a smuggler disagrees with us about which one counts. */
const SINGLE_HEADERS = new Set(['host', 'origin', 'cookie', 'content-type', 'content-length', 'x-quarry', 'sec-fetch-site']);

export interface ServerOptions {
  port?: number;
  /** Serve the built renderer from here (default dist/renderer). */
  staticDir?: string;
  /** How long a login code stays valid (default 2 minutes). */
  codeTtlMs?: number;
  /** A request body that sends nothing for this long is dropped with 408 (default 15 s; loopback uploads never pause that long). */
  bodyIdleMs?: number;
  /** All request headers must arrive within this (default 15 s). */
  headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this (default 10 minutes: a 200 MB upload takes seconds on loopback). */
  requestTimeoutMs?: number;
  /** Someone arrived without a session or with a spent code: the host may print a fresh login URL (true: it did). */
  onLoginNeeded?: () => boolean;
}

export interface RunningServer {
  origin: string;
  port: number;
  /** The session cookie's name (its value never leaves the server except in Set-Cookie). */
  cookieName: string;
  /** A fresh one-time login URL (`origin/auth?code=…`); `onUsed` runs once it has been exchanged. */
  newLoginUrl(onUsed?: () => void): string;
  close(): Promise<void>;
}

export async function startServer(ctx: Context, o: ServerOptions = {}): Promise<RunningServer> {
  // Whoever built the context (`quarry serve` builds a CLI one), over HTTP it is the browser host: dispatch refuses paths for it.
  ctx.host = { ...ctx.host, kind: 'browser' };
  const staticDir = o.staticDir ?? rendererDir();
  const sseClients = new Set<ServerResponse>();
  const bodyIdleMs = o.bodyIdleMs ?? 15_000;
  const headersTimeout = o.headersTimeoutMs ?? 15_000;
  const requestTimeout = Math.max(o.requestTimeoutMs ?? 600_000, headersTimeout);
  const codeMinutes = Math.max(1, Math.round((o.codeTtlMs ?? CODE_TTL_MS) / 60_000));
  let port = 0;
  let auth: SessionAuth | null = null;

  const server = createServer(
    // Node checks these timeouts every connectionsCheckingInterval; its 30 s default would blur short ones.
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))) },
    (req, res) => {
      void handle(req, res).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: `Request failed: ${(err as Error).message}` } });
        else res.destroy();
      });
    },
  );

  const freshNote = () => {
    if (!o.onLoginNeeded) return '';
    return o.onLoginNeeded() ? ' (a fresh one has just been printed there)' : ' (a fresh one was printed there a moment ago)';
  };

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!auth) return sendJson(res, 503, { ok: false, error: { code: 'busy', message: 'Quarry is still starting; try again in a moment.' } });
    const twice = duplicated(req.rawHeaders);
    if (twice) return sendJson(res, 400, { ok: false, error: { code: 'forbidden', message: `Refused: the request carries more than one ${twice} header.` } });
    // DNS rebinding: a hostile page on evil.example resolving to 127.0.0.1
    // arrives with Host: evil.example.
    if (!allowedHosts().has(req.headers.host ?? '')) return forbid(res, `Host "${req.headers.host ?? ''}" is not this Quarry server.`);
    const origin = req.headers.origin;
    if (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`)) return forbid(res, `Origin "${origin}" may not call Quarry.`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const signedIn = auth.sessionOk(req.headers.cookie);

    if (url.pathname === '/auth') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'Sign in with GET /auth?code=….' } });
      if (auth.consume(url.searchParams.get('code'))) {
        const site = req.headers['sec-fetch-site'];
        if (site === undefined || site === 'none' || site === 'same-origin') {
          res.writeHead(303, { 'Set-Cookie': auth.cookie(), Location: '/', 'Cache-Control': 'no-store' });
          return void res.end();
        }
        // Started elsewhere (the launcher file is a file:// page): a browser keeps a SameSite=Strict cookie
        // off every hop of a navigation begun cross-site, redirects included, so the hop to the app starts here.
        res.setHeader('Set-Cookie', auth.cookie());
        return sendPage(res, 200, 'Opening Quarry…', 'Signed in. If Quarry does not open by itself, <a href="/">open it here</a>.', '<meta http-equiv="refresh" content="0;url=/">');
      }
      // Already signed in (the printed link clicked twice): a spent code does no harm.
      if (signedIn) {
        res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store' });
        return void res.end();
      }
      return sendPage(
        res,
        403,
        'This Quarry login link has been used or has expired',
        `Each login link works once, for ${codeMinutes} minutes. Open the newest URL printed in the terminal where Quarry runs${freshNote()}, or stop Quarry and start it again.`,
      );
    }

    if (url.pathname.startsWith('/api/')) {
      // A page on another port of 127.0.0.1 is same-site (its requests carry our cookie) but never same-origin.
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin') return forbid(res, `${url.pathname}: only Quarry's own page may call Quarry (Sec-Fetch-Site: ${site}).`);
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'GET only.' } });
      if (!signedIn) return forbid(res, '/api/events: not signed in to this Quarry. Open the login URL Quarry printed at start-up.');
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
      if (!signedIn) return forbid(res, `${method}: not signed in to this Quarry. Open the login URL Quarry printed at start-up (or restart it).`);
      if (req.headers['x-quarry'] !== '1') return forbid(res, `${method}: missing the X-Quarry: 1 header (only Quarry's own page may call it).`);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-input', message: `${method}: send JSON (Content-Type: application/json).` } });
      }
      const limit = LARGE_BODY_METHODS.has(method) ? MAX_LARGE_BODY : MAX_BODY;
      const body = await readBody(req, limit, bodyIdleMs);
      if (body === 'too-large') {
        return sendJson(res, 413, { ok: false, error: { code: 'invalid-input', message: `${method}: request larger than ${Math.round(limit / 1024 / 1024)} MB.` } });
      }
      if (body === 'stalled') {
        const message = `${method}: the request body stopped arriving (nothing for ${Math.round(bodyIdleMs / 100) / 10} s); the call was dropped and nothing was changed. Try again.`;
        res.writeHead(408, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
        res.end(JSON.stringify({ ok: false, error: { code: 'io', message } }), () => req.socket.destroy());
        return;
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
    return serveStatic(url.pathname, signedIn, res);
  }

  function serveStatic(pathname: string, signedIn: boolean, res: ServerResponse): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    // The scripts and styles are public (they are in the repository); the app page itself asks for a session.
    if (rel === '/index.html' && !signedIn) {
      return sendPage(
        res,
        401,
        'Sign in to Quarry',
        `This browser is not signed in to the Quarry running here (or Quarry was restarted). Open the newest login URL printed in the terminal where Quarry runs${freshNote()}.`,
      );
    }
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
  const session = new SessionAuth(port, o.codeTtlMs);
  auth = session;
  const originUrl = `http://127.0.0.1:${port}`;
  return {
    origin: originUrl,
    port,
    cookieName: session.cookieName,
    newLoginUrl: (onUsed) => `${originUrl}/auth?code=${session.mint(onUsed)}`,
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

function duplicated(raw: string[]): string | null {
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!SINGLE_HEADERS.has(name)) continue;
    if (seen.has(name)) return raw[i];
    seen.add(name);
  }
  return null;
}

/** The body, or why not: over the limit (read to the end, so the client sees the answer), or stalled for `idleMs`. */
function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<Buffer | 'too-large' | 'stalled'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const stalled = () => {
      req.removeAllListeners('data');
      req.pause();
      resolve('stalled');
    };
    let timer = setTimeout(stalled, idleMs);
    req.on('data', (c: Buffer) => {
      clearTimeout(timer);
      timer = setTimeout(stalled, idleMs);
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else if (!over) chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(over ? 'too-large' : Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
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

/** A plain page for people (the sign-in answers); fixed text only, never request content. */
function sendPage(res: ServerResponse, status: number, title: string, message: string, head = ''): void {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8">${head}<title>${title}</title><body style="font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em"><h1 style="font-size:1.4em">${title}</h1><p>${message}</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
  res.end(html);
}
