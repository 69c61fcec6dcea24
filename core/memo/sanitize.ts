// The one DOMPurify policy for memo HTML (preview and HTML export).
//
// The caller passes the DOMPurify instance so this module stays browser-safe:
//   browser: DOMPurify(window)
//   Node:    DOMPurify(new JSDOM('').window)   -- jsdom, NOT linkedom: DOMPurify on
//            linkedom reports itself supported yet silently removes nothing.
//
// Policy (an allow-list, so anything new is refused by default):
// - Tags: what renderMemoHtml and markdown-it produce, plus a few harmless inline
//   ones. No script/style/iframe/object/embed/form/input/svg/math/img/media: they
//   are not on the list (and are also forbidden explicitly, as belt and braces).
// - Attributes: href, title, id, class, start, colspan, rowspan, lang, dir, aria-*,
//   data-* (our data-hl / data-theme / data-line). No style attribute, no on* handler.
// - URLs: http(s), mailto and in-page "#..." links only. No data: URLs at all (not
//   even data:image): memos have no images, and a data: URL is a classic smuggling
//   route. No relative links, which in the app would navigate the app itself.
// - Every link gets rel="noopener noreferrer".

import type { Config, DOMPurify } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'kbd', 'li', 'mark', 'ol', 'p',
  'pre', 'q', 's', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'svg', 'math', 'img', 'picture', 'source', 'audio', 'video',
  'track', 'link', 'meta', 'base', 'template', 'noscript',
];

const ALLOWED_ATTR = ['href', 'title', 'id', 'class', 'start', 'reversed', 'colspan', 'rowspan', 'lang', 'dir'];

/** Links we keep: web, mail and in-page anchors. */
const SAFE_HREF = /^(?:https?:|mailto:|#)/i;

/**
 * Attribute values that are not URLs (start="3", class names) must pass DOMPurify's
 * URI check too, so this is DOMPurify's default pattern minus every scheme but
 * http(s)/mailto: "javascript:", "data:", "vbscript:" and friends all fail it.
 */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

export const MEMO_PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  FORBID_TAGS,
  FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'xlink:href'],
  ALLOW_DATA_ATTR: true,
  ALLOW_ARIA_ATTR: true,
  ALLOWED_URI_REGEXP,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
};

/** The part of a DOM Element the hook touches: core/ compiles without the DOM library. */
interface LinkElement {
  nodeName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

function hardenLinks(node: LinkElement): void {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href');
  if (href !== null && !SAFE_HREF.test(href.trim())) node.removeAttribute('href');
  if (node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
}

export function sanitizeMemoHtml(html: string, purify: DOMPurify): string {
  if (!purify.isSupported) throw new Error('DOMPurify is not supported by this window; refusing to render unsanitised HTML');
  // The hook is added for this call only: the instance may be shared with other code.
  purify.addHook('afterSanitizeAttributes', hardenLinks);
  try {
    return String(purify.sanitize(html, { ...MEMO_PURIFY_CONFIG, RETURN_TRUSTED_TYPE: false }));
  } finally {
    purify.removeHook('afterSanitizeAttributes', hardenLinks);
  }
}
