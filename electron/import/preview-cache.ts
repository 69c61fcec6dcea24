// Parsed files waiting for the user's review in the import preview. Kept in
// memory (they are not in the store yet) for a limited time and size, so an
// abandoned preview never grows without bound.
// Generic over what a preview parsed, so this module needs nothing from the service that owns it.
import { randomUUID } from 'node:crypto';

interface Entry<R> {
  file: string;
  bytes: Uint8Array;
  result: R;
  at: number;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_BYTES = 512 * 1024 * 1024;

export class PreviewCache<R> {
  private readonly entries = new Map<string, Entry<R>>();

  put(file: string, bytes: Uint8Array, result: R): string {
    this.prune();
    const id = randomUUID();
    this.entries.set(id, { file, bytes, result, at: Date.now() });
    let total = 0;
    for (const [key, e] of [...this.entries].reverse()) {
      total += e.bytes.byteLength * 3; // bytes + parsed text, roughly
      if (total > MAX_BYTES && key !== id) this.entries.delete(key);
    }
    return id;
  }

  take(id: string): Entry<R> | undefined {
    const e = this.entries.get(id);
    this.entries.delete(id);
    return e;
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, e] of this.entries) if (now - e.at > TTL_MS) this.entries.delete(k);
  }
}
