import { LATEST_VERSION } from '../db/migrations/index';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onCleanup, tempDir } from '../test/helpers';
import type { Context } from './api/context';
import { closeContext, createContext } from './app-context';
import { CSP, startServer, type RunningServer } from './server';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

const SECRET = 'TOP-SECRET-OUTSIDE-STATIC';

async function boot(): Promise<{ ctx: Context; srv: RunningServer; host: string; cookie: string }> {
  const root = tempDir();
  // static dir two levels below a file that a traversal would reach
  const staticDir = path.join(root, 'a', 'b', 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Quarry</title>');
  writeFileSync(path.join(root, 'a', 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  const ctx = await createContext(path.join(root, 'server.sqlite'), 'browser');
  onCleanup(() => closeContext(ctx));
  const srv = await startServer(ctx, { staticDir });
  onCleanup(() => srv.close());
  const cookie = await signIn(srv);
  SESSIONS.set(srv, cookie);
  return { ctx, srv, host: `127.0.0.1:${srv.port}`, cookie };
}

const SESSIONS = new WeakMap<RunningServer, string>();

/** Exchanges a fresh one-time code for the session cookie, as the browser does; returns "name=value". */
async function signIn(srv: RunningServer): Promise<string> {
  const u = new URL(srv.newLoginUrl());
  const r = await request(srv, { method: 'GET', path: u.pathname + u.search, headers: { Host: u.host } });
  expect(r.status).toBe(303);
  expect(r.headers.location).toBe('/');
  const set = String(r.headers['set-cookie']?.[0] ?? '');
  expect(set).toMatch(/; HttpOnly; SameSite=Strict; Path=\/$/);
  return set.split(';')[0];
}

/** What the page sends with every call. */
const authed = (srv: RunningServer) => ({ Cookie: SESSIONS.get(srv)!, 'X-Quarry': '1' });

function request(
  srv: RunningServer,
  o: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: srv.port, method: o.method ?? 'POST', path: o.path, headers: o.headers, agent: false },
      (res) => {
        const bufs: Buffer[] = [];
        res.on('data', (c: Buffer) => bufs.push(c));
        res.on('end', () => {
          const text = Buffer.concat(bufs).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) before the whole body is written and close; that is fine.
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    if (o.chunks) {
      for (const c of o.chunks) req.write(c);
      req.end();
    } else req.end(o.body);
  });
}

function api(srv: RunningServer, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Res> {
  return request(srv, {
    path: `/api/${method}`,
    headers: { Host: `127.0.0.1:${srv.port}`, 'Content-Type': 'application/json', ...authed(srv), ...headers },
    body: JSON.stringify(input),
  });
}

describe('browser host (server.ts)', () => {
  it('binds loopback, signs in with a one-time code for an HttpOnly cookie, and answers a correct call', async () => {
    const { srv, cookie } = await boot();
    expect(srv.origin).toBe(`http://127.0.0.1:${srv.port}`);
    expect(srv.newLoginUrl()).toMatch(new RegExp(`^${srv.origin}/auth\\?code=[A-Za-z0-9_-]{43}$`));
    expect(cookie.startsWith(`${srv.cookieName}=`)).toBe(true);
    expect(cookie.length).toBeGreaterThan(srv.cookieName.length + 40);
    const r = await api(srv, 'store.stats', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.json()).toMatchObject({ ok: true, value: { articles: 0, schemaVersion: LATEST_VERSION } });
    // localhost is this server too; an Origin equal to the server is fine
    const viaLocalhost = await api(srv, 'store.stats', {}, { Host: `localhost:${srv.port}`, Origin: `http://localhost:${srv.port}` });
    expect(viaLocalhost.status).toBe(200);
    const withOrigin = await api(srv, 'articles.list', {}, { Origin: srv.origin });
    expect(withOrigin.json()).toEqual({ ok: true, value: [] });
  });

  it('a sign-in begun on another site (the launcher is a file:// page) sets the cookie and hops to the app from this origin', async () => {
    const { srv, host } = await boot();
    const u = new URL(srv.newLoginUrl());
    const r = await request(srv, { method: 'GET', path: u.pathname + u.search, headers: { Host: host, 'Sec-Fetch-Site': 'cross-site' } });
    // A 303 would be useless here: the browser keeps a SameSite=Strict cookie off every hop of a cross-site navigation.
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie']?.[0])).toMatch(new RegExp(`^${srv.cookieName}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(r.text).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(r.headers['content-security-policy']).toBe(CSP);
    const again = await request(srv, { method: 'GET', path: u.pathname + u.search, headers: { Host: host, 'Sec-Fetch-Site': 'cross-site' } });
    expect(again.status).toBe(403);
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'wrong-secret'],
    ['empty', ''],
  ])('%s session cookie → 403 JSON naming the method', async (_label, value) => {
    const { srv, cookie } = await boot();
    const headers: Record<string, string> = { Host: `127.0.0.1:${srv.port}`, 'Content-Type': 'application/json', 'X-Quarry': '1' };
    if (value !== undefined) headers.Cookie = `${srv.cookieName}=${value}`;
    const r = await request(srv, { path: '/api/articles.list', headers, body: '{}' });
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.json().error!.message).toContain('articles.list');
    // a secret of the right length but different
    const sameLength = await api(srv, 'articles.list', {}, { Cookie: cookie.replace(/=./, (c) => (c === '=a' ? '=b' : '=a')) });
    expect(sameLength.status).toBe(403);
  });

  it.each([`evil.example`, `evil.example:PORT`, `127.0.0.1:1`, `127.0.0.1`, `[::1]:PORT`])('Host %s → 403 (DNS rebinding)', async (host) => {
    const { srv } = await boot();
    const r = await api(srv, 'store.stats', {}, { Host: host.replace('PORT', String(srv.port)) });
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT', 'http://127.0.0.1:PORT.evil.example'])(
    'Origin %s → 403',
    async (origin) => {
      const { srv, ctx } = await boot();
      const r = await api(srv, 'themes.create', { name: 'x' }, { Origin: origin.replace('PORT', String(srv.port)) });
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(ctx.store.db.prepare('SELECT count(*) AS n FROM themes').get()).toEqual({ n: 0 });
    },
  );

  it('GET on /api/x → 405; wrong content type → 415; non-JSON → 400; over the limit → 413', async () => {
    const { srv, host } = await boot();
    const get = await request(srv, { method: 'GET', path: '/api/x', headers: { Host: host, ...authed(srv) } });
    expect(get.status).toBe(405);
    expect(get.json().ok).toBe(false);

    const form = await request(srv, { path: '/api/store.stats', headers: { Host: host, ...authed(srv), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);

    const notJson = await request(srv, {
      path: '/api/store.stats',
      headers: { Host: host, ...authed(srv), 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(notJson.json().error!.message).toContain('store.stats');

    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const declared = await request(srv, {
      path: '/api/search.query',
      headers: { Host: host, ...authed(srv), 'Content-Type': 'application/json', 'Content-Length': big.length },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(declared.json().error!.message).toMatch(/search\.query: request larger than 20 MB/);

    // chunked, no Content-Length: counted while reading
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunked = await request(srv, {
      path: '/api/search.query',
      headers: { Host: host, ...authed(srv), 'Content-Type': 'application/json' },
      chunks: Array.from({ length: 21 }, () => chunk),
    });
    expect(chunked.status).toBe(413);

    // the server still works afterwards
    expect((await api(srv, 'store.stats', {})).status).toBe(200);
  });

  it('a contract error comes back as 200 with ok:false and its code', async () => {
    const { srv } = await boot();
    expect((await api(srv, 'articles.get', { id: 'x' })).json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await api(srv, 'articles.get', { id: 7 })).json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await api(srv, 'no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('a malformed percent-encoding in the method name is a client error, not a 500', async () => {
    const { srv, host } = await boot();
    const r = await request(srv, { path: '/api/%E0%A4%A', headers: { Host: host, ...authed(srv), 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it('serves the renderer with CSP, and refuses static path traversal with 404', async () => {
    const { srv, host, cookie } = await boot();
    const index = await request(srv, { method: 'GET', path: '/', headers: { Host: host, Cookie: cookie } });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>Quarry</title>');
    expect(index.headers['content-security-policy']).toBe(CSP);
    expect(index.headers['x-frame-options']).toBe('DENY');
    for (const p of ['/..%2f..%2fpackage.json', '/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json', '/static/..%2f..%2fpackage.json']) {
      const r = await request(srv, { method: 'GET', path: p, headers: { Host: host } });
      expect(r.status, p).toBe(404);
      expect(r.text).not.toContain(SECRET);
    }
    const missing = await request(srv, { method: 'GET', path: '/nope.js', headers: { Host: host } });
    expect(missing.status).toBe(404);
    const evil = await request(srv, { method: 'GET', path: '/', headers: { Host: 'evil.example' } });
    expect(evil.status).toBe(403);
    const del = await request(srv, { method: 'DELETE', path: '/', headers: { Host: host } });
    expect(del.status).toBe(405);
  });

  it('SSE /api/events: no or wrong cookie → 403; the session cookie receives store.changed after a mutation', async () => {
    const { srv, host, cookie } = await boot();
    const wrong = await request(srv, { method: 'GET', path: '/api/events', headers: { Host: host, Cookie: `${srv.cookieName}=nope` } });
    expect(wrong.status).toBe(403);
    const none = await request(srv, { method: 'GET', path: '/api/events', headers: { Host: host } });
    expect(none.status).toBe(403);
    const badHost = await request(srv, { method: 'GET', path: '/api/events', headers: { Host: 'evil.example', Cookie: cookie } });
    expect(badHost.status).toBe(403);
    const otherPort = await request(srv, { method: 'GET', path: '/api/events', headers: { Host: host, Cookie: cookie, Origin: 'http://127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);

    let buffer = '';
    let onData: (() => void) | null = null;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: srv.port, path: '/api/events', headers: { Host: host, Cookie: cookie }, agent: false },
        resolve,
      );
      req.on('error', reject);
      onCleanup(() => {
        req.destroy();
      });
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buffer += c;
      onData?.();
    });
    const waitFor = (needle: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (buffer.includes(needle)) {
            onData = null;
            resolve();
          }
        };
        onData = check;
        check();
      });
    await waitFor(': connected');
    const created = await api(srv, 'themes.create', { name: 'Streamed' });
    expect(created.json().ok).toBe(true);
    await waitFor('event: store.changed');
    const frame = buffer.slice(buffer.indexOf('event: store.changed'));
    const data = /data: (.*)\n/.exec(frame)![1];
    expect(JSON.parse(data)).toEqual({ scopes: ['themes'] });
  });
});
