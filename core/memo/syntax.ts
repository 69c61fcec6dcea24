// The citation token grammar, in one place, so the fast scanner (tokens.ts) and the
// markdown-it plugin (plugin.ts) cannot drift apart on what counts as a token.
//
//   [[hl:UID]]      inline citation  -> footnote reference
//   ![[hl:UID]]     embedded quote   -> block quote (alone on its line) or inline quotation
//   #[[theme:UID]]  theme reference  -> the theme's name
//
// UID: 1-64 characters of [0-9A-Za-z-] (a GUID in practice). Compared lower-cased,
// because GUIDs are case-insensitive and people retype them. The "hl:" / "theme:"
// prefixes are lower-case only: anything else is plain text.

export type TokenKind = 'cite' | 'embed' | 'theme';

export interface TokenMatch {
  kind: TokenKind;
  uid: string; // lower-cased
  end: number; // offset just past the closing "]]"
}

export const MAX_UID_LENGTH = 64;

const BANG = 0x21; // !
const HASH = 0x23; // #
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

function isUidChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    c === 0x2d // -
  );
}

/**
 * Matches a token starting exactly at `pos` ('[', '!' or '#'), not reading at or past `max`.
 * Bounded work (at most ~75 characters), so callers stay linear.
 */
export function matchTokenAt(src: string, pos: number, max: number = src.length): TokenMatch | null {
  const first = src.charCodeAt(pos);
  let kind: TokenKind;
  let p = pos;
  if (first === BANG) {
    kind = 'embed';
    p++;
  } else if (first === HASH) {
    kind = 'theme';
    p++;
  } else if (first === OPEN) {
    kind = 'cite';
  } else {
    return null;
  }
  if (src.charCodeAt(p) !== OPEN || src.charCodeAt(p + 1) !== OPEN) return null;
  p += 2;
  const prefix = kind === 'theme' ? 'theme:' : 'hl:';
  if (!src.startsWith(prefix, p)) return null;
  p += prefix.length;
  const idStart = p;
  const idLimit = Math.min(max, idStart + MAX_UID_LENGTH + 1);
  while (p < idLimit && isUidChar(src.charCodeAt(p))) p++;
  const len = p - idStart;
  if (len === 0 || len > MAX_UID_LENGTH) return null;
  if (p + 2 > max || src.charCodeAt(p) !== CLOSE || src.charCodeAt(p + 1) !== CLOSE) return null;
  return { kind, uid: src.slice(idStart, p).toLowerCase(), end: p + 2 };
}

/** True when `src[from, to)` holds only spaces, tabs or a trailing \r. */
export function isBlankRange(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
