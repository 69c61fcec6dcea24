// Keeps imported GUIDs unique. REFI requires unique GUIDs but the XSD cannot
// check it, and real files break the rule; the first element keeps its GUID
// (references resolve to it), later ones get a fresh GUID and a warning.
import { freshGuid, normalizeGuid } from './guid';

export class GuidRegistry {
  private readonly seen = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  /** The GUID to use for a newly read element. */
  claim(raw: string | undefined, what: string): string {
    const guid = normalizeGuid(raw);
    if (!guid) {
      this.warn(`${what} has ${raw ? `an invalid GUID "${raw}"` : 'no GUID'}; gave it a new one.`);
      return this.fresh();
    }
    if (this.seen.has(guid)) {
      this.warn(`${what} repeats the GUID ${guid}, which must be unique; gave it a new one.`);
      return this.fresh();
    }
    this.seen.add(guid);
    return guid;
  }

  private fresh(): string {
    const guid = freshGuid();
    this.seen.add(guid);
    return guid;
  }
}

/** A reference's target, normalised; null (with a warning) when unreadable. */
export function refTarget(raw: string | undefined, what: string, warn: (m: string) => void): string | null {
  const guid = normalizeGuid(raw);
  if (!guid) warn(`${what} has ${raw ? `an invalid target GUID "${raw}"` : 'no target GUID'}; ignored.`);
  return guid;
}
