// Issue 2 figures: import of 10,000 generated ~5 KB articles through the same
// code path as `quarry import` (articles/s), compared with a raw better-sqlite3
// insert of the same rows in the same run; FTS search p50/p95 over 200 queries;
// store size.
import { statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCli } from '../electron/cli';
import { openStore } from '../db/store';
import { searchArticles } from '../db/search';
import { sha256, countWords } from '../db/util';
import { article, percentile, rng, round, tempDir, vocabulary } from './util';

const N = Number(process.env.BENCH_ARTICLES ?? 10_000);
const dir = tempDir('store');
const files = join(dir, 'articles');
mkdirSync(files);
const r = rng(42);
const vocab = vocabulary(6000);
const texts: string[] = [];
for (let i = 0; i < N; i++) {
  const t = article(r, vocab, 5000, i);
  texts.push(t);
  writeFileSync(join(files, `a${String(i).padStart(5, '0')}.txt`), t);
}

// Quarry's import path (CLI → contract → worker parse → one transaction per file).
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const storePath = join(dir, 'quarry.sqlite');
const quiet = { out: () => undefined, err: (s: string) => process.stderr.write(s + '\n') };
const t0 = performance.now();
const code = await runCli(['--store', storePath, 'import', files], quiet);
const importMs = performance.now() - t0;
clearInterval(sampler);
if (code !== 0) throw new Error(`quarry import exited ${code}`);

// Raw better-sqlite3: the same rows, one prepared INSERT, one transaction, same schema and FTS triggers.
const rawStore = await openStore(join(dir, 'raw.sqlite'));
const ins = rawStore.db.prepare('INSERT INTO articles (uid, title, imported_at, body, body_sha256, word_count) VALUES (?, ?, ?, ?, ?, ?)');
const t1 = performance.now();
rawStore.db.transaction(() => {
  texts.forEach((t, i) => ins.run(`raw-${i}`, t.slice(0, t.indexOf('\n')), new Date().toISOString(), t, sha256(t), countWords(t)));
})();
const rawMs = performance.now() - t1;
rawStore.close();

// Search latency.
const store = await openStore(storePath);
const qr = rng(9);
const queries = Array.from({ length: 200 }, (_, i) => {
  const w = () => vocab[Math.floor(qr() * 2000)];
  return i % 3 === 0 ? `${w()} ${w()}` : i % 3 === 1 ? w() : `"${w()} ${w()}"`;
});
for (const q of queries.slice(0, 20)) searchArticles(store.db, q); // warm the page cache
const times: number[] = [];
let hits = 0;
for (const q of queries) {
  const s = performance.now();
  hits += searchArticles(store.db, q, { limit: 50 }).length;
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
store.close();
const bytes = statSync(storePath).size + (() => { try { return statSync(storePath + '-wal').size; } catch { return 0; } })();

const importRate = N / (importMs / 1000);
const rawRate = N / (rawMs / 1000);
console.log(
  JSON.stringify({
    articles: N,
    import_articles_per_s: round(importRate, 0),
    import_target_per_s: 2000,
    raw_insert_articles_per_s: round(rawRate, 0),
    import_vs_raw_ratio: round(importRate / rawRate, 3),
    import_peak_rss_mb: round(peakRss / 1024 / 1024, 0),
    search_queries: queries.length,
    search_hits_total: hits,
    search_p50_ms: round(percentile(times, 50), 3),
    search_p95_ms: round(percentile(times, 95), 3),
    search_p95_target_ms: 15,
    store_mb: round(bytes / 1024 / 1024, 1),
  }),
);
