// GUID handling at the REFI-QDA border. Tools write GUIDs in either case, some
// with braces (NVivo); we compare them normalised (lower-case, no braces) and
// write them upper-case without braces, like the spec's examples.
import { createHash, randomUUID } from 'node:crypto';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** True for 8-4-4-4-12 hex, optionally in braces (the XSD's GUIDType). */
export function isGuid(value: string): boolean {
  const m = GUID.exec(value.trim());
  // Braces must be balanced: "{x" and "x}" are not GUIDs.
  return !!m && value.trim().startsWith('{') === value.trim().endsWith('}');
}

/** The form we match and store: lower-case, no braces. Returns null if not a GUID. */
export function normalizeGuid(value: string | undefined | null): string | null {
  if (!value || !isGuid(value)) return null;
  return GUID.exec(value.trim())![1].toLowerCase();
}

/**
 * A GUID derived from names (UUID version 5 layout over SHA-1). Used for the
 * elements Quarry has no uid for (the user, variables, codings, links) so that
 * exporting the same project twice yields the same GUIDs.
 */
export function derivedGuid(...parts: string[]): string {
  const hash = createHash('sha1').update('quarry-refi\u0000' + parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The GUID written for one of our uids. Our uids are GUIDs already; anything
 * else (older data, tests) gets a stable derived GUID instead of an invalid file.
 */
export function exportGuid(uid: string): string {
  return (normalizeGuid(uid) ?? derivedGuid('uid', uid)).toUpperCase();
}

export function freshGuid(): string {
  return randomUUID();
}
