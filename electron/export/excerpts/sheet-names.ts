// Excel sheet names: at most 31 characters, none of [ ] : * ? / \, not
// starting or ending with an apostrophe, unique ignoring case, and not the
// reserved "History". Excel refuses a workbook that breaks any of these.
const MAX = 31;

function clip(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break; // never split a surrogate pair
    out += ch;
  }
  return out;
}

export class SheetNames {
  private readonly taken = new Set<string>(['history']);

  /** A valid, unused sheet name close to `wanted`; `fallback` is tried before numbering. */
  claim(wanted: string, fallback?: string): string {
    for (const candidate of [wanted, fallback].filter((c): c is string => !!c)) {
      const name = clip(sanitise(candidate), MAX).trim();
      if (name && !this.taken.has(name.toLowerCase())) return this.take(name);
    }
    const base = sanitise(wanted) || 'Sheet';
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const name = clip(base, MAX - suffix.length).trim() + suffix;
      if (!this.taken.has(name.toLowerCase())) return this.take(name);
    }
  }

  private take(name: string): string {
    this.taken.add(name.toLowerCase());
    return name;
  }
}

export function sanitise(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, '-')
    // eslint-disable-next-line no-control-regex -- Excel refuses control characters in sheet names
    .replace(/[\u0000-\u001F]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
}
