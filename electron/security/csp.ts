// The Content Security Policy of every page Quarry serves, in Electron
// (app://quarry/) and in the browser host (http://127.0.0.1:port/). Nothing but
// our own bundle runs: no inline script, no eval, no plugins, no remote
// anything, and the page cannot be framed or submit forms elsewhere.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco injects its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
