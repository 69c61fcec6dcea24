// Theme colours at the REFI-QDA border. The XSD allows #RGB and #RRGGBB, but
// real codebooks also carry alpha (#AARRGGBB or #RRGGBBAA) and CSS rgb(...)
// (NOTES.md §10.11), so the importer reads those and says what it changed.

/** Used when a code has no colour, and when its colour cannot be read. */
export const DEFAULT_THEME_COLOR = '#8C8C8C';

export type ColorResult =
  | { ok: true; color: string; note?: string } // note: what was changed (e.g. alpha dropped)
  | { ok: false };

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}

/** Reads a colour as REFI tools write it and returns #RRGGBB. */
export function parseColor(raw: string): ColorResult {
  const value = raw.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(value);
  if (m) return { ok: true, color: value }; // already canonical: keep as written
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (m) return { ok: true, color: `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase() };
  m = /^#([0-9a-f]{8})$/i.exec(value);
  if (m) {
    // 8 digits are ambiguous: .NET/NVivo write AARRGGBB, CSS writes RRGGBBAA.
    // An opaque alpha (FF) at one end tells us which; otherwise assume AARRGGBB,
    // which is what the desktop QDA tools use.
    const h = m[1].toUpperCase();
    const rgb = h.endsWith('FF') && !h.startsWith('FF') ? h.slice(0, 6) : h.slice(2);
    return { ok: true, color: `#${rgb}`, note: 'transparency dropped' };
  }
  m = /^rgba?\(\s*(\d{1,3})\s*[, ]\s*(\d{1,3})\s*[, ]\s*(\d{1,3})\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/i.exec(value);
  if (m) {
    const parts = [m[1], m[2], m[3]].map(Number);
    if (parts.every((p) => p <= 255)) {
      return { ok: true, color: '#' + parts.map(hex2).join(''), note: m[4] !== undefined ? 'transparency dropped' : undefined };
    }
  }
  return { ok: false };
}

/** Colour to write into a REFI file: #RRGGBB, or nothing if ours is unreadable. */
export function exportColor(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  const parsed = parseColor(color);
  return parsed.ok ? parsed.color : undefined;
}
