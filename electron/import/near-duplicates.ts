// Near-duplicate lookup over every stored article's MinHash signature.
// Comparing a new article with all N stored signatures would make a batch
// import quadratic, so signatures are banded (locality-sensitive hashing): only
// articles sharing a whole band become candidates, and candidates are then
// checked with the estimated Jaccard similarity. With 16 bands of 8 rows, a
// pair at similarity 0.8 is found with probability ~0.95, a pair at 0.5 ~0.06.
import { liveMinhashes } from '../../db/articles';
import type { DB } from '../../db/store';
import { NEAR_DUPLICATE_THRESHOLD, bufferToSignature, estimateJaccard } from './similarity';

const BANDS = 16;

export class NearDuplicateIndex {
  private readonly buckets = new Map<number, number[]>();
  private readonly signatures = new Map<number, Uint32Array>();

  static load(db: DB): NearDuplicateIndex {
    const index = new NearDuplicateIndex();
    for (const r of liveMinhashes(db)) index.add(r.id, bufferToSignature(r.minhash));
    return index;
  }

  /** One number per band (a hash of its rows and its index); a collision only adds a candidate, which is then verified. */
  private keys(sig: Uint32Array): number[] {
    const rows = Math.floor(sig.length / BANDS);
    const keys: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1);
      let l = 0x85ebca6b ^ b;
      for (let r = b * rows; r < (b + 1) * rows; r++) {
        h = Math.imul(h ^ sig[r], 0x01000193);
        l = Math.imul(l + sig[r], 0xc2b2ae35) ^ (l >>> 13);
      }
      // 53 bits of the two 32-bit mixes: collisions are negligible at 10^5 articles.
      keys.push((h >>> 0) * 2 ** 21 + ((l >>> 0) & 0x1fffff));
    }
    return keys;
  }

  add(id: number, sig: Uint32Array): void {
    this.signatures.set(id, sig);
    for (const k of this.keys(sig)) {
      const list = this.buckets.get(k);
      if (list) list.push(id);
      else this.buckets.set(k, [id]);
    }
  }

  /** The most similar stored article at or above the threshold, if any. */
  best(sig: Uint32Array, threshold = NEAR_DUPLICATE_THRESHOLD): { id: number; similarity: number } | null {
    const seen = new Set<number>();
    let best: { id: number; similarity: number } | null = null;
    for (const k of this.keys(sig)) {
      for (const id of this.buckets.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const s = estimateJaccard(sig, this.signatures.get(id)!);
        if (s >= threshold && (!best || s > best.similarity)) best = { id, similarity: s };
      }
    }
    return best;
  }
}
