// The browser host attacked as another local user would (issue 9, item 1 and
// the server parts of 9.6): someone who can read every process's argv, run
// pages on other ports of 127.0.0.1, and speak raw HTTP to the port. Each case
// is an attack that must be refused; the figure "browser-host cases held"
// counts them.
import http from 'node:http';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, tempDir } from '../helpers';
import type { Context } from '../../electron/api/context';
import { contract, type MethodName } from '../../electron/api/contract';
import { dispatch, serverPathFields } from '../../electron/api/dispatch';
import { closeContext, createContext } from '../../electron/app-context';
import { launcherHtml, openWithLauncher } from '../../electron/browser-launcher';
import { rememberStores } from '../../electron/files/recent-stores';
import { startServer, type RunningServer, type ServerOptions } from '../../electron/server';
import { openBrowser } from '../../electron/web';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

interface Booted {
  ctx: Context;
  srv: RunningServer;
  dir: string;
  host: string;
  cookie: string;
}

async function boot(o: ServerOptions = {}, kind: 'browser' | 'cli' = 'browser'): Promise<Booted> {
  const dir = tempDir('quarry-hardening-');
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Quarry app</title>');
  const ctx = await createContext(path.join(dir, 'store.sqlite'), kind);
  ctx.recentStoresFile = path.join(dir, 'recent-stores.json');
  onCleanup(() => closeContext(ctx));
  const srv = await startServer(ctx, { staticDir, ...o });
  onCleanup(() => srv.close());
  const host = `127.0.0.1:${srv.port}`;
  return { ctx, srv, dir, host, cookie: await signIn(srv, srv.newLoginUrl()) };
}

function request(srv: RunningServer, o: { method?: string; path: string; headers?: Record<string, string | number>; body?: string }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method: o.method ?? 'POST', path: o.path, headers: o.headers, agent: false }, (res) => {
      const bufs: Buffer[] = [];
      res.on('data', (c: Buffer) => bufs.push(c));
      res.on('end', () => {
        const text = Buffer.concat(bufs).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

async function signIn(srv: RunningServer, loginUrl: string): Promise<string> {
  const u = new URL(loginUrl);
  const r = await request(srv, { method: 'GET', path: u.pathname + u.search, headers: { Host: u.host } });
  expect(r.status).toBe(303);
  return String(r.headers['set-cookie']?.[0] ?? '').split(';')[0];
}

/** A call as the page makes it, with `over` replacing (or, as undefined, removing) headers. */
function call(b: Booted, method: string, input: unknown, over: Record<string, string | undefined> = {}): Promise<Res> {
  const headers: Record<string, string | undefined> = { Host: b.host, 'Content-Type': 'application/json', 'X-Quarry': '1', Cookie: b.cookie, ...over };
  for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
  return request(b.srv, { path: `/api/${method}`, headers: headers as Record<string, string>, body: JSON.stringify(input) });
}

/** Raw bytes to the port (what http.request will not send: two Host headers, a body that never ends); resolves when the server closes. */
function raw(srv: RunningServer, chunks: string[]): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const socket = connect(srv.port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += String(d)));
    socket.on('close', () => resolve({ text, ms: Date.now() - t0 }));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve({ text, ms: Date.now() - t0 }) : reject(err)));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
    onCleanup(() => void socket.destroy());
  });
}

const themeCount = (ctx: Context) => (ctx.store.db.prepare('SELECT count(*) AS n FROM themes').get() as { n: number }).n;
const articleCount = (ctx: Context) => (ctx.store.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;

const held = { n: 0, total: 0 };
/** One attack: counted as held only when every assertion in it passed. */
function attack(name: string, fn: () => Promise<void>, timeout?: number): void {
  held.total++;
  it(
    name,
    async () => {
      await fn();
      held.n++;
    },
    timeout,
  );
}
afterAll(() => {
  console.log(`browser-host cases held: ${held.n}/${held.total}`);
});

// ---------------------------------------------------------------------------

/** The fields of every schema in the contract, dotted ('exports.start' → 'excerpts.outPath'); arrays add no step. */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).flatMap(([k, v]) => [prefix + k, ...fieldPaths(v, `${prefix}${k}.`)]);
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return fieldPaths(def.innerType as z.ZodType, prefix);
    case 'array':
      return fieldPaths(def.element as z.ZodType, prefix);
    case 'pipe':
      return [...fieldPaths(def.in as z.ZodType, prefix), ...fieldPaths(def.out as z.ZodType, prefix)];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((x) => fieldPaths(x, prefix));
    case 'intersection':
      return [...fieldPaths(def.left as z.ZodType, prefix), ...fieldPaths(def.right as z.ZodType, prefix)];
    case 'record':
      return fieldPaths(def.valueType as z.ZodType, `${prefix}*.`);
    default:
      return [];
  }
}

/** Names that say "a place on disk". A new field named like this must be listed in `serverPaths`, or said here why it is not one. */
const LOOKS_LIKE_PATH = /(path|paths|dir|dirs|folder|directory|file)$/i;
/** Fields named like a path that are not one: labels the page gives for a file it uploads. */
const NOT_SERVER_PATHS = new Set<string>([]);

const METHODS = Object.keys(contract) as MethodName[];
const FLAGGED = METHODS.flatMap((m) => serverPathFields(m).map((f) => [m, f] as const));

/** A call that would be valid apart from the path field it sets: the attacker's request, one per flagged field. */
function attempt(method: MethodName, field: string, target: string): Record<string, unknown> {
  const base: Partial<Record<MethodName, Record<string, unknown>>> = {
    'exports.excerpts': { format: 'csv' },
    'exports.codebook': { format: 'qdc' },
    'exports.project': { format: 'qdpx' },
    'interchange.importFile': { name: 'project.qdpx', ...(field === 'newStorePath' ? { data: 'UEsDBA==', target: 'new' } : {}) },
    'store.open': { create: true },
  };
  const nested: Record<string, Record<string, unknown>> = { excerpts: { format: 'csv' }, codebook: { format: 'qdc' }, project: { format: 'qdpx' } };
  const input: Record<string, unknown> = { ...(base[method] ?? {}) };
  const parts = field.split('.');
  if (parts.length === 2) input[parts[0]] = { ...nested[parts[0]], [parts[1]]: target };
  else input[field] = field === 'paths' ? [target] : target;
  return input;
}

describe('contract: every server path is flagged', () => {
  it('no method has an unflagged field named like a path', () => {
    const unflagged: string[] = [];
    for (const m of METHODS) {
      const flagged = new Set(serverPathFields(m));
      for (const f of fieldPaths(contract[m].input as z.ZodType)) {
        const leaf = f.split('.').pop()!;
        if (LOOKS_LIKE_PATH.test(leaf) && !flagged.has(f) && !NOT_SERVER_PATHS.has(`${m} ${f}`)) unflagged.push(`${m} ${f}`);
      }
    }
    expect(unflagged).toEqual([]);
  });

  it('the scan sees nested and optional fields (it would catch exports.start excerpts.outPath)', () => {
    expect(fieldPaths(contract['exports.start'].input as z.ZodType)).toContain('excerpts.outPath');
    expect(fieldPaths(contract['store.saveCopy'].input as z.ZodType)).toContain('path');
    expect(fieldPaths(contract['articles.importPaths'].input as z.ZodType)).toContain('paths');
  });

  it('every flagged field exists in its schema, and the known path-taking methods are flagged', () => {
    for (const [m, f] of FLAGGED) expect(fieldPaths(contract[m].input as z.ZodType), `${m} ${f}`).toContain(f);
    const methods = new Set(FLAGGED.map(([m]) => m));
    for (const m of [
      'articles.importPaths',
      'store.backup',
      'store.saveCopy',
      'store.open',
      'store.restore',
      'interchange.importFile',
      'exports.excerpts',
      'exports.codebook',
      'exports.project',
      'exports.start',
    ]) {
      expect(methods.has(m as MethodName), m).toBe(true);
    }
  });
});

describe('browser-host attacks', () => {
  // ---- signing in ----
  attack('a login code works once: the second use is refused with a page that says what to do', async () => {
    const b = await boot();
    const url = new URL(b.srv.newLoginUrl());
    const first = await request(b.srv, { method: 'GET', path: url.pathname + url.search, headers: { Host: b.host } });
    expect(first.status).toBe(303);
    expect(first.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${b.srv.cookieName}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    const again = await request(b.srv, { method: 'GET', path: url.pathname + url.search, headers: { Host: b.host } });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['content-type']).toMatch(/^text\/html/);
    expect(again.text).toContain('used or has expired');
    expect(again.text).toContain('terminal');
  });

  attack('a login code expires', async () => {
    const b = await boot({ codeTtlMs: 150 });
    const url = new URL(b.srv.newLoginUrl());
    await new Promise((r) => setTimeout(r, 300));
    const late = await request(b.srv, { method: 'GET', path: url.pathname + url.search, headers: { Host: b.host } });
    expect(late.status).toBe(403);
    expect(late.headers['set-cookie']).toBeUndefined();
  });

  attack('wrong, empty, missing, truncated and same-length-but-different codes are refused', async () => {
    const b = await boot();
    const good = new URL(b.srv.newLoginUrl()).searchParams.get('code')!;
    const flipped = (good[0] === 'A' ? 'B' : 'A') + good.slice(1);
    for (const q of ['?code=nope', '?code=', '', `?code=${good.slice(0, 20)}`, `?code=${flipped}`, `?code=${good}x`]) {
      const r = await request(b.srv, { method: 'GET', path: `/auth${q}`, headers: { Host: b.host } });
      expect(r.status, q).toBe(403);
      expect(r.headers['set-cookie'], q).toBeUndefined();
    }
    // The good one still works: failed guesses did not spend it.
    expect((await request(b.srv, { method: 'GET', path: `/auth?code=${good}`, headers: { Host: b.host } })).status).toBe(303);
  });

  attack('a login code from another Quarry run does not sign in here, nor does its cookie', async () => {
    const a = await boot();
    const other = await boot();
    const code = new URL(other.srv.newLoginUrl()).search;
    expect((await request(a.srv, { method: 'GET', path: `/auth${code}`, headers: { Host: a.host } })).status).toBe(403);
    const foreign = other.cookie.replace(other.srv.cookieName, a.srv.cookieName);
    const r = await call(a, 'themes.create', { name: 'x' }, { Cookie: foreign });
    expect(r.status).toBe(403);
    expect(themeCount(a.ctx)).toBe(0);
  });

  attack('POST /auth is refused (a form on another page cannot sign the user in or out)', async () => {
    const b = await boot();
    const code = new URL(b.srv.newLoginUrl()).search;
    const r = await request(b.srv, { method: 'POST', path: `/auth${code}`, headers: { Host: b.host } });
    expect(r.status).toBe(405);
  });

  attack('the app page without a session is a sign-in page, not the app', async () => {
    const b = await boot();
    const r = await request(b.srv, { method: 'GET', path: '/', headers: { Host: b.host } });
    expect(r.status).toBe(401);
    expect(r.text).not.toContain('Quarry app');
    expect(r.text).toContain('Sign in to Quarry');
    const withCookie = await request(b.srv, { method: 'GET', path: '/', headers: { Host: b.host, Cookie: b.cookie } });
    expect(withCookie.text).toContain('Quarry app');
  });

  // ---- calls ----
  attack('an API call without the session cookie → 403, nothing written', async () => {
    const b = await boot();
    const r = await call(b, 'themes.create', { name: 'x' }, { Cookie: undefined });
    expect(r.status).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('themes.create: not signed in') });
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('a forged session cookie (right name, wrong value, any length) → 403', async () => {
    const b = await boot();
    const value = b.cookie.split('=')[1];
    for (const v of ['x', '', value.slice(1), `${value}x`, (value[0] === 'a' ? 'b' : 'a') + value.slice(1)]) {
      expect((await call(b, 'themes.create', { name: 'x' }, { Cookie: `${b.srv.cookieName}=${v}` })).status, v).toBe(403);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('a planted duplicate of the cookie (cookie tossing from a neighbour page) neither helps nor locks the user out', async () => {
    const b = await boot();
    expect((await call(b, 'themes.create', { name: 'a' }, { Cookie: `${b.srv.cookieName}=planted; ${b.cookie}` })).json().ok).toBe(true);
    expect((await call(b, 'themes.create', { name: 'b' }, { Cookie: `${b.srv.cookieName}=planted; other=1` })).status).toBe(403);
    expect(themeCount(b.ctx)).toBe(1);
  });

  attack('with the cookie but a foreign Origin (another port of 127.0.0.1, localhost, elsewhere, null) → 403', async () => {
    const b = await boot();
    for (const origin of [`http://127.0.0.1:${b.srv.port + 1}`, 'http://localhost:1', 'http://evil.example', 'null', `https://127.0.0.1:${b.srv.port}`]) {
      const r = await call(b, 'themes.create', { name: 'x' }, { Origin: origin });
      expect(r.status, origin).toBe(403);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('with the cookie but without the X-Quarry header (a form, a no-preflight fetch) → 403', async () => {
    const b = await boot();
    for (const v of [undefined, '0', '', 'true']) {
      const r = await call(b, 'themes.create', { name: 'x' }, { 'X-Quarry': v });
      expect(r.status, String(v)).toBe(403);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('with cookie and header but a form content type → 415', async () => {
    const b = await boot();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const r = await call(b, 'themes.create', { name: 'x' }, { 'Content-Type': type });
      expect(r.status, String(type)).toBe(415);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('a request the browser marks as not same-origin (Sec-Fetch-Site: same-site, cross-site) → 403', async () => {
    const b = await boot();
    for (const site of ['same-site', 'cross-site', 'none']) expect((await call(b, 'themes.create', { name: 'x' }, { 'Sec-Fetch-Site': site })).status, site).toBe(403);
    expect((await call(b, 'themes.create', { name: 'ok' }, { 'Sec-Fetch-Site': 'same-origin' })).json().ok).toBe(true);
    expect(themeCount(b.ctx)).toBe(1);
  });

  attack('the event stream from another port (Origin, Sec-Fetch-Site) or without the cookie → 403', async () => {
    const b = await boot();
    const get = (h: Record<string, string>) => request(b.srv, { method: 'GET', path: '/api/events', headers: { Host: b.host, ...h } });
    expect((await get({})).status).toBe(403);
    expect((await get({ Cookie: b.cookie, Origin: `http://127.0.0.1:${b.srv.port + 1}` })).status).toBe(403);
    expect((await get({ Cookie: b.cookie, 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
  });

  attack('DNS rebinding: a foreign Host with a valid cookie → 403', async () => {
    const b = await boot();
    for (const h of ['evil.example', `evil.example:${b.srv.port}`, '127.0.0.1', `[::1]:${b.srv.port}`])
      expect((await call(b, 'themes.create', { name: 'x' }, { Host: h })).status, h).toBe(403);
    expect(themeCount(b.ctx)).toBe(0);
  });

  // ---- raw HTTP: duplicates and slow clients ----
  attack('two Host headers (good then evil, evil then good) → 400', async () => {
    const b = await boot();
    const body = '{"name":"x"}';
    for (const hosts of [
      [b.host, 'evil.example'],
      ['evil.example', b.host],
      [b.host, b.host],
    ]) {
      const r = await raw(b.srv, [
        `POST /api/themes.create HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Cookie: ${b.cookie}\r\nX-Quarry: 1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      ]);
      expect(r.text, hosts.join(' + ')).toMatch(/^HTTP\/1\.1 400/);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('two Origin headers, two Cookie headers, two X-Quarry headers → 400', async () => {
    const b = await boot();
    const body = '{"name":"x"}';
    const dupes = [
      `Origin: http://${b.host}\r\nOrigin: http://evil.example\r\nCookie: ${b.cookie}\r\nX-Quarry: 1\r\n`,
      `Cookie: ${b.cookie}\r\nCookie: ${b.srv.cookieName}=x\r\nX-Quarry: 1\r\n`,
      `Cookie: ${b.cookie}\r\nX-Quarry: 1\r\nX-Quarry: 1\r\n`,
    ];
    for (const d of dupes) {
      const r = await raw(b.srv, [
        `POST /api/themes.create HTTP/1.1\r\nHost: ${b.host}\r\n${d}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      ]);
      expect(r.text, d).toMatch(/^HTTP\/1\.1 400/);
    }
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('a body that stops arriving → 408 with a clear message after the idle timeout, nothing written', async () => {
    const b = await boot({ bodyIdleMs: 300 });
    const r = await raw(b.srv, [
      `POST /api/themes.create HTTP/1.1\r\nHost: ${b.host}\r\nCookie: ${b.cookie}\r\nX-Quarry: 1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`,
    ]);
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.text).toContain('themes.create: the request body stopped arriving');
    expect(r.ms).toBeLessThan(10_000); // Node's default would hold it for 300 s
    expect(themeCount(b.ctx)).toBe(0);
    // The host still answers.
    expect((await call(b, 'store.stats', {})).status).toBe(200);
  });

  attack('a body that trickles (a byte at a time, never idle) is cut off by the request timeout', async () => {
    const b = await boot({ bodyIdleMs: 1000, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const t0 = Date.now();
    const socket = connect(b.srv.port, '127.0.0.1');
    onCleanup(() => void socket.destroy());
    let text = '';
    socket.on('data', (d) => (text += String(d)));
    socket.on('error', () => undefined);
    await new Promise<void>((r) => socket.on('connect', () => r()));
    socket.write(`POST /api/themes.create HTTP/1.1\r\nHost: ${b.host}\r\nCookie: ${b.cookie}\r\nX-Quarry: 1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`);
    const drip = setInterval(() => socket.writable && socket.write(' '), 100);
    await new Promise<void>((r) => socket.on('close', () => r()));
    clearInterval(drip);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true);
    expect(themeCount(b.ctx)).toBe(0);
  });

  attack('headers sent slowly (slowloris) are cut off by the headers timeout', async () => {
    const b = await boot({ headersTimeoutMs: 300 });
    const r = await raw(b.srv, [`GET / HTTP/1.1\r\nHost: ${b.host}\r\n`, 'X-Slow: 1\r\n']);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.text === '' || /^HTTP\/1\.1 408/.test(r.text)).toBe(true);
  });

  attack('the per-method body limits hold: 21 MB to a small method → 413', async () => {
    const b = await boot();
    const big = JSON.stringify({ query: 'x'.repeat(21 * 1024 * 1024) });
    const r = await request(b.srv, { path: '/api/search.query', headers: { Host: b.host, Cookie: b.cookie, 'X-Quarry': '1', 'Content-Type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
  });

  // ---- no server paths from the page ----
  attack(`every path-taking method is refused over HTTP with forbidden (${FLAGGED.length} fields)`, async () => {
    const b = await boot();
    const victim = tempDir('quarry-victim-');
    writeFileSync(path.join(victim, 'secret.txt'), 'TOP SECRET shadow line\n');
    for (const [method, field] of FLAGGED) {
      const reads = field === 'paths' || field === 'backupPath' || (method === 'interchange.importFile' && field === 'path');
      const target = path.join(victim, reads ? 'secret.txt' : `${method}-${field}.out`);
      const r = await call(b, method, attempt(method, field, target));
      expect(r.status, `${method} ${field}`).toBe(200);
      const body = r.json();
      expect(body.ok, `${method} ${field}`).toBe(false);
      expect(body.error?.code, `${method} ${field}: ${body.error?.message}`).toBe('forbidden');
      expect(body.error?.message).toContain(method);
      expect(body.error?.message).toMatch(/upload|download/);
    }
    expect(readdirSync(victim)).toEqual(['secret.txt']);
    expect(articleCount(b.ctx)).toBe(0);
  });

  attack('the audit: articles.importPaths of /etc/passwd (and a folder) is refused and imports nothing', async () => {
    const b = await boot();
    for (const paths of [['/etc/passwd'], ['/etc/shadow'], ['/etc'], [b.dir]]) {
      const r = await call(b, 'articles.importPaths', { paths });
      expect(r.json().error?.code, paths[0]).toBe('forbidden');
    }
    expect(articleCount(b.ctx)).toBe(0);
  });

  attack('the audit: store.backup into a folder of the attacker’s choice is refused and writes nothing', async () => {
    const b = await boot();
    const target = path.join(tempDir('quarry-victim-'), 'stolen.sqlite');
    const r = await call(b, 'store.backup', { path: target });
    expect(r.json().error?.code).toBe('forbidden');
    expect(existsSync(target)).toBe(false);
  });

  attack('a path field smuggled with an invalid companion (wrong types elsewhere) is still refused, never parsed first', async () => {
    const b = await boot();
    const r = await call(b, 'exports.excerpts', { format: 'nope', outPath: '/tmp/x.csv' });
    expect(r.json().error?.code).toBe('forbidden');
    const nested = await call(b, 'exports.start', { codebook: { format: 'qdc', outPath: '/tmp/x.qdc' } });
    expect(nested.json().error?.code).toBe('forbidden');
  });

  attack('a context built for the CLI (quarry serve) is still the browser host over HTTP: paths refused', async () => {
    const b = await boot({}, 'cli');
    expect(b.ctx.host.kind).toBe('browser');
    const r = await call(b, 'articles.importPaths', { paths: ['/etc/passwd'] });
    expect(r.json().error?.code).toBe('forbidden');
    expect(articleCount(b.ctx)).toBe(0);
  });

  attack('store.restore by name: traversal, separators and absolute paths in the name are refused; unknown names are not found', async () => {
    const b = await boot();
    const planted = path.join(b.dir, 'planted.sqlite');
    writeFileSync(planted, readFileSync(b.ctx.store.path));
    for (const name of ['../planted.sqlite', '..', '.', 'a/b.sqlite', 'a\\b.sqlite', planted, `..${path.sep}..${path.sep}planted.sqlite`, 'x\u0000.sqlite']) {
      const r = await call(b, 'store.restore', { backupName: name });
      expect(r.json().ok, name).toBe(false);
      expect(['invalid-input', 'forbidden'], `${name}: ${r.json().error?.message}`).toContain(r.json().error?.code);
    }
    const unknown = await call(b, 'store.restore', { backupName: '20990101T000000000Z-manual.sqlite' });
    expect(unknown.json().error?.code).toBe('not-found');
    // A name that exists beside the backups folder, but not in it, is not found either.
    const beside = await call(b, 'store.restore', { backupName: 'planted.sqlite' });
    expect(beside.json().error?.code).toBe('not-found');
  });

  attack('store.open from the browser: only an id from the recent list; a made-up id or a path is refused', async () => {
    const b = await boot();
    for (const input of [{ recentId: '0123456789abcdef' }, { recentId: '../../etc/passwd' }, { path: '/etc/passwd' }, { recentId: '0123456789abcdef', path: '/x' }]) {
      const r = await call(b, 'store.open', input);
      expect(r.json().ok, JSON.stringify(input)).toBe(false);
      expect(['not-found', 'invalid-input', 'forbidden']).toContain(r.json().error?.code);
    }
    expect(b.ctx.store.path).toBe(path.join(b.dir, 'store.sqlite'));
  });

  // ---- the launcher: no secret in any argv ----
  attack('--open writes a 0600 launcher in a fresh 0700 folder and hands the opener only its path', async () => {
    const b = await boot();
    const calls: { command: string; args: string[] }[] = [];
    const base = path.join(tempDir('quarry-run-'), 'run');
    const launcher = openBrowser(b.srv, (command, args) => calls.push({ command, args }), base)!;
    expect(calls).toHaveLength(1);
    expect(calls[0].args).toEqual([launcher.file]);
    expect(['xdg-open', 'open', 'explorer']).toContain(calls[0].command);
    const html = readFileSync(launcher.file, 'utf8');
    const code = /\/auth\?code=([A-Za-z0-9_-]+)/.exec(html)![1];
    expect(code.length).toBe(43);
    const argv = [calls[0].command, ...calls[0].args].join(' ');
    expect(argv).not.toContain(code);
    expect(argv).not.toContain('code=');
    expect(argv).not.toContain(b.cookie.split('=')[1]);
    expect(statSync(launcher.file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(launcher.file)).mode & 0o777).toBe(0o700);
    expect(path.dirname(path.dirname(launcher.file))).toBe(base);
    // The browser (here: a plain request) signs in with the launcher's code, and the file is removed at once.
    await signIn(b.srv, `${b.srv.origin}/auth?code=${code}`);
    expect(existsSync(launcher.file)).toBe(false);
    expect(existsSync(path.dirname(launcher.file))).toBe(false);
  });

  attack('an unused launcher is removed when its code expires', async () => {
    const dir = tempDir('quarry-run-');
    const seen: string[][] = [];
    const l = openWithLauncher('http://127.0.0.1:1/auth?code=abc', { baseDir: dir, ttlMs: 100, opener: (_c, args) => seen.push(args) });
    expect(existsSync(l.file)).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(existsSync(l.file)).toBe(false);
    expect(seen).toEqual([[l.file]]);
  });

  attack('the launcher refuses to embed anything but a login URL (no markup injection into the file)', async () => {
    for (const bad of ['http://127.0.0.1:1/auth?code=a"><script>x</script>', 'javascript:alert(1)', 'http://evil.example/auth?code=a', 'http://127.0.0.1:1/auth?code=a\n']) {
      expect(() => launcherHtml(bad), bad).toThrow(/Not a Quarry login URL/);
    }
  });
});

describe('the browser flows that replace the paths', () => {
  it('restores a listed backup by its name over HTTP, and undoes it by the name it returns', async () => {
    const b = await boot();
    expect((await call(b, 'themes.create', { name: 'Kept' })).json().ok).toBe(true);
    const backup = (await call(b, 'store.backupNow', {})).json().value as { name: string };
    expect((await call(b, 'themes.create', { name: 'Later' })).json().ok).toBe(true);
    const r = (await call(b, 'store.restore', { backupName: backup.name })).json();
    expect(r.ok, r.error?.message).toBe(true);
    expect(themeCount(b.ctx)).toBe(1);
    const undo = (r.value as { undoBackup: { name: string } }).undoBackup.name;
    expect((await call(b, 'store.restore', { backupName: undo })).json().ok).toBe(true);
    expect(themeCount(b.ctx)).toBe(2);
  });

  it('opens a recent store by its id over HTTP', async () => {
    const b = await boot();
    const otherPath = path.join(b.dir, 'other.sqlite');
    const other = await createContext(otherPath, 'cli');
    await closeContext(other);
    await rememberStores(b.ctx.recentStoresFile!, [otherPath]);
    const recent = (await call(b, 'store.recent', {})).json().value as { stores: { id: string; path: string; current: boolean }[] };
    const entry = recent.stores.find((s) => s.path === otherPath)!;
    expect(entry.id).toMatch(/^[0-9a-f]{16}$/);
    const r = (await call(b, 'store.open', { recentId: entry.id })).json();
    expect(r.ok, r.error?.message).toBe(true);
    expect(b.ctx.store.path).toBe(otherPath);
  });

  it('saves a copy as a download, and the CLI host keeps its path forms', async () => {
    const b = await boot();
    const copy = (await call(b, 'store.saveCopy', {})).json();
    expect(copy.ok).toBe(true);
    expect((copy.value as { base64: string }).base64.length).toBeGreaterThan(100);
    const cli = await createContext(path.join(b.dir, 'cli.sqlite'), 'cli');
    onCleanup(() => closeContext(cli));
    const out = path.join(b.dir, 'copy.sqlite');
    const saved = await dispatch(cli, 'store.saveCopy', { path: out });
    expect(saved.ok).toBe(true);
    expect(existsSync(out)).toBe(true);
    const backup = path.join(b.dir, 'cli-backup.sqlite');
    expect((await dispatch(cli, 'store.backup', { path: backup })).ok).toBe(true);
    expect(existsSync(backup)).toBe(true);
  });
});
