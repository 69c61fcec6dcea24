// Shared helpers for benchmarks: deterministic text generation and timing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `quarry-bench-${prefix}-`));
}

/** Small deterministic PRNG (mulberry32), so every run generates the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ta', 'sen', 'lu', 'dor', 've', 'na', 'pri', 'sto', 'gal', 'qui', 'ber', 'mon', 'tis', 'ra', 'fel', 'zu', 'ho'];

export function vocabulary(size: number, seed = 7): string[] {
  const r = rng(seed);
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** An article of about `chars` characters: a title line and paragraphs of sentences. */
export function article(r: () => number, vocab: string[], chars: number, n: number): string {
  const word = () => vocab[Math.floor(Math.pow(r(), 1.6) * vocab.length)];
  const sentence = () => {
    const len = 8 + Math.floor(r() * 18);
    const ws = Array.from({ length: len }, word);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    return ws.join(' ') + '.';
  };
  const parts = [`Report ${n}: ${word()} ${word()} ${word()}`];
  let size = parts[0].length;
  while (size < chars) {
    const p = Array.from({ length: 3 + Math.floor(r() * 4) }, sentence).join(' ');
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
