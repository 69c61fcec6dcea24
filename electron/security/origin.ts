// Where the renderer lives: a privileged custom scheme rather than file://.
// A file:// page shares its origin with every file on the disk and, unless the
// GrantFileProtocolExtraPrivileges fuse is off, gets powers no web page has;
// app://quarry/ is one origin that holds only dist/renderer, so CSP 'self',
// the IPC sender check and the navigation gate all mean "our own pages".
export const APP_SCHEME = 'app';
export const APP_HOST = 'quarry';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for app://quarry/... itself: no credentials, no port, no look-alike host. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === '';
}
