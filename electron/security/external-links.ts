// The external-link gate: the only way a URL leaves Quarry for another
// program. Only web and mail links pass. A link that comes from article or
// memo content is shown in full, and opened only when the user says so: the
// text was written by someone else, and a link's label can say anything.
export const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const MAX_URL_LENGTH = 2048;

/** The URL to hand to the system, or null when it must not leave the app. */
export function externalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:') {
    if (!url.hostname) return null;
    // "https://bank.example@evil.example/" shows one host and opens another.
    if (url.username || url.password) return null;
  }
  // href: the parsed form, with an internationalised host as punycode, so the
  // confirmation shows what will really be opened.
  return url.href;
}

export interface ConfirmDialogOptions {
  type: 'question';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
  title: string;
  message: string;
  detail: string;
}

/** The question shown before a content link opens: the whole URL, "Cancel" first and default. */
export function confirmLinkDialog(url: string): ConfirmDialogOptions {
  return {
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Open link',
    message: 'Open this link outside Quarry?',
    detail: url,
  };
}
export const CONFIRM_OPEN_BUTTON = 1;

export type LinkOutcome = 'opened' | 'cancelled' | 'refused' | 'busy';

export interface LinkGateDeps {
  openExternal(url: string): Promise<void>;
  /** Asks the user; resolves true only when they chose to open. */
  confirm(url: string): Promise<boolean>;
}

export interface LinkGate {
  /**
   * A link from article or memo content. Every URL the page asks to open
   * counts as one: the page cannot prove otherwise, and its only web links
   * are in the memo preview.
   */
  fromContent(raw: string): Promise<LinkOutcome>;
}

export function createLinkGate(deps: LinkGateDeps): LinkGate {
  // One question at a time: a page that calls window.open in a loop gets one
  // dialog, not a stack of them.
  let asking = false;
  return {
    async fromContent(raw) {
      const url = externalUrl(raw);
      if (!url) return 'refused';
      if (asking) return 'busy';
      asking = true;
      try {
        if (!(await deps.confirm(url))) return 'cancelled';
      } finally {
        asking = false;
      }
      await deps.openExternal(url);
      return 'opened';
    },
  };
}
