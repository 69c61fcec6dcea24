import { createHash, randomUUID } from 'node:crypto';

export const nowIso = (): string => new Date().toISOString();
export const newUid = (): string => randomUUID();
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Words as an analyst counts them: runs of letters/digits (CJK counts per character run). */
export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}
