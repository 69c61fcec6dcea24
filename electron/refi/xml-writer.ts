// A tiny XML writer for REFI-QDA files. Hand-rolled rather than a generic
// builder so that escaping is explicit and whitespace inside text elements
// (memo bodies, descriptions) is never touched: indentation is only written
// between elements.

// Characters XML 1.0 forbids anywhere (even as &#n; references): C0 controls
// except TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF. We drop them, since no
// receiving tool could read them back anyway.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(value: string): string {
  return value.replace(INVALID_XML_CHARS, '');
}

/**
 * Escape element content. CR is written as &#13; because XML parsers turn a
 * literal CR(LF) into LF, which would change memo text on the way back.
 */
export function escapeXmlText(value: string): string {
  return stripInvalidXmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escape an attribute value (always written in double quotes). TAB, LF and CR
 * become character references because attribute-value normalisation would
 * otherwise turn them into spaces.
 */
export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;

function renderAttrs(attrs: XmlAttrs): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue; // absent, not empty
    out += ` ${key}="${escapeXmlAttr(String(value))}"`;
  }
  return out;
}

/** Streams elements into a string with two-space indentation. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private readonly stack: string[] = [];

  private indent(): string {
    return '  '.repeat(this.stack.length);
  }

  open(name: string, attrs: XmlAttrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${renderAttrs(attrs)}>\n`);
    this.stack.push(name);
    return this;
  }

  close(name: string): this {
    const top = this.stack.pop();
    // A mismatch is a bug in the caller; failing loudly beats writing broken XML.
    if (top !== name) throw new Error(`XmlWriter: closing <${name}> but <${top ?? 'nothing'}> is open`);
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  empty(name: string, attrs: XmlAttrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${renderAttrs(attrs)}/>\n`);
    return this;
  }

  /** An element holding only text, written on one line so no whitespace is added. */
  text(name: string, value: string, attrs: XmlAttrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${renderAttrs(attrs)}>${escapeXmlText(value)}</${name}>\n`);
    return this;
  }

  toString(): string {
    if (this.stack.length) throw new Error(`XmlWriter: <${this.stack.join('> <')}> left open`);
    return this.parts.join('');
  }
}
