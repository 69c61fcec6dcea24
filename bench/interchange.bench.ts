// Issue 6 figures: a project of BENCH_IX_ARTICLES (default 1,000) ~5 KB
// articles with BENCH_IX_HIGHLIGHTS (default 10,000) highlights, 40 nested
// themes and 50 memos. Through the contract, as the CLI runs them (files
// written atomically): excerpts CSV and XLSX (one row per highlight), the
// whole project to .qdpx, and that .qdpx imported into a new store. Seconds,
// MB, and the peak RSS of this process.
// The targets are for 10,000 articles / 100,000 highlights:
//   BENCH_IX_ARTICLES=10000 BENCH_IX_HIGHLIGHTS=100000 npm run bench -- interchange
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { insertArticle } from '../db/articles';
import { insertHighlightRaw } from '../db/highlights';
import { insertMemoRaw } from '../db/memos';
import { insertThemeRaw } from '../db/themes';
import type { ExportResult, InterchangeImportSummary } from '../electron/api/contract-interchange';
import { call } from '../electron/api/dispatch';
import { closeContext, createContext } from '../electron/app-context';
import { article, rng, round, tempDir, vocabulary } from './util';

const N = Number(process.env.BENCH_IX_ARTICLES ?? 1000);
const H = Number(process.env.BENCH_IX_HIGHLIGHTS ?? 10_000);
const dir = tempDir('interchange');
const ctx = await createContext(join(dir, 'project.sqlite'), 'cli');
const db = ctx.store.db;

// ---- the project (setup, not timed as an export) ----
const r = rng(6);
const vocab = vocabulary(6000);
const t0 = performance.now();
const bodies: { id: number; body: string }[] = [];
const themeIds: number[] = [];
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const body = article(r, vocab, 5000, i);
    const id = insertArticle(db, { title: body.slice(0, body.indexOf('\n')), source: `Outlet ${i % 12}`, author: null, url: `https://example.org/${i}`, publishedAt: `2025-${String(1 + (i % 12)).padStart(2, '0')}`, language: 'en', body, attributes: { Country: `C${i % 7}` } });
    bodies.push({ id, body });
  }
  for (let p = 0; p < 8; p++) {
    const parent = insertThemeRaw(db, { name: `Theme ${p}`, description: `Definition of theme ${p}` });
    themeIds.push(parent);
    for (let c = 0; c < 4; c++) themeIds.push(insertThemeRaw(db, { name: `Sub ${p}.${c}`, parentId: parent }));
  }
  for (let k = 0; k < H; k++) {
    const a = bodies[Math.floor(r() * bodies.length)];
    let start = a.body.indexOf(' ', Math.floor(r() * (a.body.length - 400))) + 1;
    if (start <= 0) start = 0;
    const end = Math.min(a.body.length, start + 40 + Math.floor(r() * 260));
    const themes = [...new Set([themeIds[Math.floor(r() * themeIds.length)], themeIds[Math.floor(r() * themeIds.length)]])];
    insertHighlightRaw(db, { articleId: a.id, start, end, themeIds: themes, comment: k % 5 === 0 ? `Comment ${k}` : '' }, a.body);
  }
  const uids = db.prepare('SELECT uid FROM highlights ORDER BY random() LIMIT 100').all() as { uid: string }[];
  for (let m = 0; m < 50; m++) insertMemoRaw(db, { title: `Memo ${m}`, body: `Notes ${m}: [[hl:${uids[m].uid}]] and ![[hl:${uids[m + 50].uid}]]` });
})();
const setupS = (performance.now() - t0) / 1000;

// Peak RSS per step (reset before each), and overall.
let peakRss = 0;
let stepPeak = 0;
const sample = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  stepPeak = Math.max(stepPeak, rss);
};
const sampler = setInterval(sample, 25);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ s: number; peakMb: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  stepPeak = process.memoryUsage().rss;
  const s = performance.now();
  const value = await fn();
  sample();
  const took = round((performance.now() - s) / 1000, 2);
  process.stderr.write(`  ${label}: ${took} s, peak RSS ${mb(stepPeak)} MB\n`);
  return { s: took, peakMb: mb(stepPeak), value };
}

// XLSX last: exceljs leaves a large heap behind, which would slow the steps after it.
const csv = await timed('excerpts csv', () => call(ctx, 'exports.excerpts', { format: 'csv', rowPer: 'highlight', outPath: join(dir, 'excerpts.csv') }) as Promise<ExportResult>);
const qdpx = await timed('project qdpx', () => call(ctx, 'exports.project', { outPath: join(dir, 'project.qdpx') }) as Promise<ExportResult>);
const back = await timed(
  'import qdpx',
  () =>
    call(ctx, 'interchange.importFile', { name: 'project.qdpx', path: join(dir, 'project.qdpx'), target: 'new', newStorePath: join(dir, 'imported.sqlite'), openAfter: false }) as Promise<InterchangeImportSummary>,
);
const xlsx = await timed('excerpts xlsx', () => call(ctx, 'exports.excerpts', { format: 'xlsx', rowPer: 'highlight', outPath: join(dir, 'excerpts.xlsx') }) as Promise<ExportResult>);
clearInterval(sampler);
await closeContext(ctx);

const sizes = { qdpx: statSync(join(dir, 'project.qdpx')).size, imported: statSync(join(dir, 'imported.sqlite')).size };
rmSync(dir, { recursive: true, force: true });
if (back.value.highlights.added !== H || back.value.articles.added !== N) throw new Error(`round trip lost data: ${JSON.stringify(back.value.highlights)} ${JSON.stringify(back.value.articles)}`);

console.log(
  JSON.stringify({
    articles: N,
    highlights: H,
    setup_s: round(setupS, 1),
    excerpts_csv_rows: csv.value.count,
    excerpts_csv_s: csv.s,
    excerpts_csv_mb: mb(csv.value.bytes),
    excerpts_csv_peak_rss_mb: csv.peakMb,
    qdpx_export_s: qdpx.s,
    qdpx_mb: mb(sizes.qdpx),
    qdpx_export_peak_rss_mb: qdpx.peakMb,
    qdpx_import_new_store_s: back.s,
    imported_store_mb: mb(sizes.imported),
    qdpx_import_peak_rss_mb: back.peakMb,
    excerpts_xlsx_s: xlsx.s,
    excerpts_xlsx_mb: mb(xlsx.value.bytes),
    excerpts_xlsx_peak_rss_mb: xlsx.peakMb,
    peak_rss_mb: mb(peakRss),
    targets_at_10k_articles_100k_highlights: { csv_s: 3, xlsx_s: 15, qdpx_export_s: 20, qdpx_import_s: 30, memory_mb: 1024 },
  }),
);
