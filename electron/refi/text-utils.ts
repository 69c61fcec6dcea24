// Small text helpers shared by the REFI writer and reader.

/**
 * At most `max` code points, never cutting a surrogate pair, with "…" when
 * shortened. Used for selection names, which other tools compare with the text.
 */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('') + '…';
}

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** A value valid as xsd:dateTime, or undefined (then the attribute is left out). */
export function toXsdDateTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (XSD_DATE_TIME.test(value)) return value;
  // SQLite's "YYYY-MM-DD HH:MM:SS" and similar: treat as UTC, like SQLite does.
  const isoish = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? value.replace(' ', 'T') + 'Z' : value;
  const date = new Date(isoish);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Citation tokens in a memo body: [[hl:UID]] and ![[hl:UID]] (embed). */
export function citedHighlightUids(memoBody: string): string[] {
  const uids: string[] = [];
  for (const m of memoBody.matchAll(/\[\[hl:([^\]\s]+)\]\]/g)) {
    if (!uids.includes(m[1])) uids.push(m[1]);
  }
  return uids;
}

/** Canonical body line endings: CRLF and lone CR become LF (DESIGN.md "Text, offsets"). */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
