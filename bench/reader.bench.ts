// Issue 3 figures, measured in Chromium through the real renderer and browser
// host: opening a 50,000-character article with 1,000 (overlapping) highlights,
// creating a highlight (selection to painted and stored), long tasks while
// scrolling; and opening a theme with 25,000 passages (plus the store query alone).
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { insertArticle } from '../db/articles';
import { listExcerpts } from '../db/excerpts';
import { insertHighlightRaw } from '../db/highlights';
import { insertThemeRaw } from '../db/themes';
import { closeContext, createContext } from '../electron/app-context';
import { startServer } from '../electron/server';
import { corpusArticles } from '../test/helpers/corpus';
import { percentile, rng, round, tempDir } from './util';

// The project's test corpus (emoji, flags, ZWJ sequences, Japanese, Arabic, Hebrew): no ../shared needed.
const corpus = corpusArticles().map((a) => a.body);
const dir = tempDir('reader');
const ctx = await createContext(join(dir, 'store.sqlite'), 'browser');
const db = ctx.store.db;
const r = rng(3);

// A 50,000-character article from the corpus (emoji, flags, Japanese included).
let big = '';
for (let i = 0; big.length < 50_000; i++) big += (i ? '\n\n' : '') + corpus[i % corpus.length].trim();
big = big.slice(0, 50_000).trimEnd();
const { bigId, themeIds, excerptTheme } = db.transaction(() => {
  const themeIds = Array.from({ length: 12 }, (_, i) => insertThemeRaw(db, { name: `Theme ${i + 1}` }));
  const bigId = insertArticle(db, { title: 'Long assessment', source: 'Bench', author: null, url: null, publishedAt: '2025-10-28', language: 'en', body: big });
  for (let i = 0; i < 1000; i++) {
    const start = Math.floor(r() * (big.length - 400));
    const len = 20 + Math.floor(r() * 300); // many overlap
    insertHighlightRaw(db, { articleId: bigId, start, end: start + len, themeIds: [themeIds[i % 12], ...(i % 3 === 0 ? [themeIds[(i + 5) % 12]] : [])] }, big);
  }
  // 25,000 passages of one theme across 2,500 articles.
  const excerptTheme = insertThemeRaw(db, { name: 'Everywhere' });
  for (let a = 0; a < 2500; a++) {
    const body = corpus[a % corpus.length].trim() + `\n\nRecord ${a}.`;
    const id = insertArticle(db, { title: `Article ${a}`, source: `Outlet ${a % 7}`, author: null, url: null, publishedAt: `20${10 + (a % 15)}-0${1 + (a % 9)}-1${a % 9}`, language: 'en', body });
    for (let k = 0; k < 10; k++) {
      const start = Math.floor(r() * (body.length - 200));
      insertHighlightRaw(db, { articleId: id, start, end: start + 40 + Math.floor(r() * 120), themeIds: [excerptTheme] }, body);
    }
  }
  return { bigId, themeIds, excerptTheme };
})();

// Store side of the excerpts: first page of 100 with context.
const storeTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  listExcerpts(db, { themeId: excerptTheme, limit: 100, contextChars: 400, sort: i % 2 ? 'date' : 'article' });
  storeTimes.push(performance.now() - t);
}
storeTimes.sort((a, b) => a - b);

const server = await startServer(ctx, { port: 0 });
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(server.newLoginUrl()); // the page signs in itself: the code for the session cookie
await page.getByRole('navigation', { name: 'Views' }).waitFor();
await page.evaluate(() => {
  (window as unknown as { __long: number[] }).__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
});

/** Navigate by hash and time until `ready()` holds, measured after the next paint. */
async function timeNavigation(hash: string, selector: string, minCount: number, selector2 = selector, min2 = 0): Promise<number> {
  return page.evaluate(
    ([h, sel, min, sel2, m2]) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        location.hash = h;
        const check = () => {
          if (document.querySelectorAll(sel).length >= min && document.querySelectorAll(sel2).length >= m2) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          else requestAnimationFrame(check);
        };
        check();
      }),
    [hash, selector, minCount, selector2, min2] as const,
  );
}

page.setDefaultTimeout(30_000);
const paragraphs = big.split(/\n[ \t]*\n\s*/).filter((p) => p.length > 0).length;
// Ready = every paragraph on screen and every highlight painted (segments counted in a first load).
await timeNavigation(`#/article/${bigId}`, '.article-text p', paragraphs, '.article-text [data-hl]', 1000);
await page.waitForFunction(() => document.querySelectorAll('.article-text [data-hl]').length > 1500);
const segments = await page.locator('.article-text [data-hl]').count();
await timeNavigation('#/library', '.library', 1);
// Cold: a fresh page load of the article (no cached data at all).
await page.goto(`${server.origin}/#/library`);
await page.getByRole('navigation', { name: 'Views' }).waitFor();
const openCold = await timeNavigation(`#/article/${bigId}`, '.article-text p', paragraphs, '.article-text [data-hl]', segments);
process.stderr.write(`cold ${openCold}\n`);
await page.evaluate(() => {
  (window as unknown as { __long: number[] }).__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
});
const openWarm: number[] = [];
for (let i = 0; i < 5; i++) {
  await timeNavigation('#/library', '.library', 1);
  openWarm.push(await timeNavigation(`#/article/${bigId}`, '.article-text p', paragraphs, '.article-text [data-hl]', segments));
}
openWarm.sort((a, b) => a - b);

// Creating a highlight: select a range, press H (highlight without theme), wait until painted and stored.
const createTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const start = 1000 + i * 3000;
  const ms = await page.evaluate(
    ([s]) =>
      new Promise<number>((resolve) => {
        const root = document.querySelector('.article-text')!;
        const segs = [...root.querySelectorAll<HTMLElement>('[data-o]')];
        const at = (off: number) => {
          const seg = segs.find((x) => off >= Number(x.dataset.o) && off <= Number(x.dataset.o) + x.textContent!.length)!;
          return { node: seg.firstChild!, offset: off - Number(seg.dataset.o) };
        };
        const a = at(s);
        const b = at(s + 60);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        const ids = (els: NodeListOf<HTMLElement>) => new Set([...els].flatMap((e) => e.dataset.hl!.split(' ')));
        const before = ids(root.querySelectorAll<HTMLElement>('[data-hl]'));
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', code: 'KeyH', bubbles: true }));
        // Done when the new highlight is painted (selected) and its id came back from the store.
        const check = () => {
          const now = [...ids(root.querySelectorAll<HTMLElement>('.hl.selected'))];
          if (now.some((id) => !before.has(id))) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          else if (performance.now() - t0 > 10_000) resolve(NaN);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [start] as const,
  );
  createTimes.push(ms);
}
createTimes.sort((a, b) => a - b);

// Scrolling the whole article: long tasks (> 50 ms) while scrolling.
await page.evaluate(() => ((window as unknown as { __long: number[] }).__long.length = 0));
await page.evaluate(
  () =>
    new Promise<void>((resolve) => {
      const el = document.querySelector('.reader-scroll')!;
      const step = () => {
        el.scrollTop += 400;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) resolve();
        else requestAnimationFrame(step);
      };
      step();
    }),
);
const longTasks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.slice());

// Opening the theme with 25,000 passages, until its first excerpts are on screen.
const themeOpen: number[] = [];
for (let i = 0; i < 3; i++) {
  await timeNavigation('#/library', '.library', 1);
  themeOpen.push(await timeNavigation(`#/themes/${excerptTheme}`, '.excerpt', 5));
}
const excerptCount = await page.getByTestId('excerpt-count').textContent();
themeOpen.sort((a, b) => a - b);

await browser.close();
await server.close();
await closeContext(ctx);
void themeIds;
console.log(
  JSON.stringify({
    article_chars: big.length,
    article_highlights: 1000,
    rendered_highlight_segments: segments,
    open_article_cold_ms: round(openCold, 1),
    open_article_warm_median_ms: round(percentile(openWarm, 50), 1),
    open_article_target_ms: 100,
    create_highlight_median_ms: round(percentile(createTimes, 50), 1),
    create_highlight_max_ms: round(createTimes[createTimes.length - 1], 1),
    create_highlight_target_ms: 50,
    scroll_long_tasks_over_50ms: longTasks.length,
    scroll_longest_task_ms: round(Math.max(0, ...longTasks), 1),
    theme_passages: excerptCount,
    open_theme_25k_passages_median_ms: round(percentile(themeOpen, 50), 1),
    open_theme_target_ms: 100,
    excerpts_first_page_store_median_ms: round(percentile(storeTimes, 50), 1),
    excerpts_first_page_store_p95_ms: round(percentile(storeTimes, 95), 1),
  }),
);
