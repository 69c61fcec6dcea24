// app://quarry/<path> serves dist/renderer/<path> and nothing else. Files are
// read with node:fs, not net.fetch('file://...'), so serving the app needs no
// file:// privileges at all (the GrantFileProtocolExtraPrivileges fuse is off).
import { readFile, stat } from 'node:fs/promises';
import nodePath from 'node:path';
import { CSP } from './csp';
import { STATIC_MIME as MIME } from './static-mime';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * standard: parsed like https (origin, relative URLs, localStorage); secure:
 * counts as a secure context; supportFetchAPI: fetch() of our own files;
 * codeCache: V8 caches the bundle. Deliberately not bypassCSP, corsEnabled,
 * allowServiceWorkers or stream: nothing here needs them.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;
export const APP_SCHEME_REGISTRATION = { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES };


export type ResolvedRequest = { ok: true; file: string } | { ok: false; status: 400 | 404 };

/** The file an app:// URL names, or why there is none. `path` is injectable so tests can check Windows rules too. */
export function resolveAppFile(root: string, rawUrl: string, path: typeof nodePath = nodePath): ResolvedRequest {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel.includes('\0')) return { ok: false, status: 400 };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  // Inside the renderer folder, after every "..", "%2e%2e" and "\\" has been resolved.
  if (!file.startsWith(base + path.sep)) return { ok: false, status: 404 };
  return { ok: true, file };
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    // On every response, not just HTML: a worker script is governed by the
    // policy it was served with.
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
}

const plain = (status: number, text: string): Response => new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });

/** The protocol.handle handler for the app scheme. */
export function createAppProtocolHandler(root: string): (req: { url: string; method: string }) => Promise<Response> {
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method not allowed');
    const r = resolveAppFile(root, req.url);
    if (!r.ok) return plain(r.status, r.status === 400 ? 'Bad request' : 'Not found');
    try {
      const st = await stat(r.file);
      if (!st.isFile()) return plain(404, 'Not found');
      const body = req.method === 'HEAD' ? null : await readFile(r.file);
      const ext = nodePath.extname(r.file).toLowerCase();
      const headers = securityHeaders(MIME[ext] ?? 'application/octet-stream');
      // The page is read fresh each start, so a new Quarry never shows an old bundle.
      if (ext === '.html') headers.set('Cache-Control', 'no-store');
      return new Response(body, { status: 200, headers });
    } catch {
      return plain(404, 'Not found');
    }
  };
}
