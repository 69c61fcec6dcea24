// Memos in Chromium against the real browser host: writing with @ completion,
// the preview, broken citations, version history, exports, drag and drop, the
// Reader's "Cite selection in memo", hover and go-to-passage.
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { api, CORPUS, expect, test, type QuarryHost } from './fixtures';

const mammoth = createRequire(import.meta.url)('mammoth') as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };

interface Hl {
  id: number;
  uid: string;
  quote: string;
}
interface MemoRow {
  id: number;
  title: string;
  body: string;
}

const Q1 = 'Groundwater currently provides over 70 per cent';
const Q2 = 'released through a pipe that reaches 800 metres offshore';

/** Two corpus articles, two themes, two passages of the first article. */
async function seed(host: QuarryHost) {
  const file = 'desalination-plant-clean.txt';
  const imp = await api<{ articleId: number }>(host, 'articles.importText', { text: readFileSync(join(CORPUS, file), 'utf8'), format: 'txt', fileName: file, source: 'Nikkei Asia', publishedAt: '2025-10-22' });
  await api(host, 'articles.importText', { text: readFileSync(join(CORPUS, 'rare-earth-recycling-blog.txt'), 'utf8'), format: 'txt', fileName: 'rare-earth-recycling-blog.txt' });
  const article = await api<{ id: number; title: string; body: string }>(host, 'articles.get', { id: imp.articleId });
  const china = await api<{ id: number }>(host, 'themes.create', { name: 'China dependence', color: '#D55E00' });
  const deep = await api<{ id: number }>(host, 'themes.create', { name: 'Deep-sea mining', color: '#0072B2' });
  const mk = async (quote: string, themeIds: number[]) => {
    const start = article.body.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    return api<Hl>(host, 'highlights.create', { articleId: article.id, start, end: start + quote.length, themeIds });
  };
  const h1 = await mk(Q1, [china.id]);
  const h2 = await mk(Q2, [deep.id]);
  return { article, china, deep, h1, h2 };
}

async function openMemo(app: Page, host: QuarryHost, title: string, body = ''): Promise<MemoRow> {
  const memo = await api<MemoRow>(host, 'memos.create', { title, body });
  await app.goto(`${host.origin}/#/memos/${memo.id}`);
  await expect(editorLines(app)).toBeVisible();
  return memo;
}

const editorLines = (app: Page): Locator => app.getByTestId('memo-editor').locator('.view-lines');
const suggestRows = (app: Page): Locator => app.locator('.suggest-widget.visible .monaco-list-row');

async function memoBody(host: QuarryHost, id: number): Promise<string> {
  return (await api<MemoRow>(host, 'memos.get', { id })).body;
}

/** Put the caret at the very end of the memo. */
async function caretToEnd(app: Page): Promise<void> {
  await editorLines(app).click();
  await app.keyboard.press('Control+End');
}

/** Type "@query", wait for the passage among the suggestions, accept the first (the inline citation). */
async function citeWithCompletion(app: Page, query: string, quote: string): Promise<void> {
  await app.keyboard.type(`@${query}`);
  await expect(suggestRows(app).first()).toContainText(quote.slice(0, 40));
  await expect(suggestRows(app).first()).toHaveAttribute('aria-label', /“/);
  await app.keyboard.press('Enter');
  await expect(app.locator('.suggest-widget.visible')).toHaveCount(0);
}

test('write a memo citing two passages through @ completion; preview with footnotes; a deleted passage is flagged; restore a version; export Markdown and DOCX', async ({ app, quarry }) => {
  const w = await seed(quarry);
  const memo = await openMemo(app, quarry, 'Rare earth memo');
  await caretToEnd(app);
  await app.keyboard.type('Wells supply most of the town ');
  await citeWithCompletion(app, 'Groundwater curr', Q1);
  await app.keyboard.type(' while the brine goes out ');
  // Two words: the query may contain spaces.
  await citeWithCompletion(app, '800 metres offsh', Q2);
  await app.keyboard.type('.');
  await expect.poll(() => memoBody(quarry, memo.id)).toBe(`Wells supply most of the town [[hl:${w.h1.uid}]] while the brine goes out [[hl:${w.h2.uid}]].`);
  await expect(app.getByTestId('save-status')).toHaveText('Saved');

  // Preview: two note references and two notes with the quotes and the source.
  const preview = app.getByTestId('memo-preview');
  await expect(preview.locator('sup.cite')).toHaveCount(2);
  const notes = preview.locator('section.footnotes li');
  await expect(notes).toHaveCount(2);
  await expect(notes.nth(0)).toContainText(`“${Q1}”`);
  await expect(notes.nth(1)).toContainText(`“${Q2}”`);
  await expect(notes.nth(0)).toContainText('Nikkei Asia');
  await expect(app.getByRole('region', { name: 'Citations' })).toContainText('2 citations, none broken.');

  // Keep this state as a version, then write a sentence we will take back.
  await app.getByRole('tab', { name: 'History' }).click();
  const history = app.getByRole('region', { name: 'Version history' });
  await history.getByRole('button', { name: 'Save a version now' }).click();
  await expect(history.locator('li', { hasText: 'saved by hand' })).toHaveCount(1);
  await caretToEnd(app);
  await app.keyboard.type(' A sentence to take back.');
  await expect.poll(() => memoBody(quarry, memo.id)).toContain('A sentence to take back.');

  // Delete the first passage behind the editor's back: warning marker + Citations entry + preview marker.
  await api(quarry, 'highlights.delete', { ids: [w.h1.id] });
  await app.getByRole('tab', { name: 'Citations' }).click();
  const citations = app.getByRole('region', { name: 'Citations' });
  await expect(citations).toContainText('2 citations, 1 broken.');
  await expect(citations.locator('li.broken')).toHaveCount(1);
  await expect(citations.locator('li.broken')).toContainText('passage was deleted');
  // One warning marker (Monaco may draw it in two pieces where the line wraps).
  await expect(app.getByTestId('memo-editor').locator('.squiggly-warning').first()).toBeVisible();
  await expect(preview.locator('mark.broken-cite')).toHaveText('[broken citation: passage was deleted]');
  await expect(preview.locator('section.footnotes li')).toHaveCount(1);
  // The marker's message in Monaco's hover.
  await app.getByTestId('memo-editor').locator('.memo-tok-broken').first().hover();
  await expect(app.locator('.monaco-hover').filter({ hasText: 'Broken citation: passage was deleted' }).first()).toBeVisible();
  // Clicking the entry puts the cursor on that citation (line 1).
  await citations.locator('li.broken button').click();
  await expect(app.getByTestId('memo-editor').locator('.line-numbers.active-line-number')).toHaveText('1');

  // Restore the version saved by hand: the sentence goes; Undo brings it back.
  await app.getByRole('tab', { name: 'History' }).click();
  await history.locator('li', { hasText: 'saved by hand' }).getByRole('button', { name: 'Compare' }).click();
  const diff = app.getByRole('dialog', { name: 'Compare versions' });
  await expect(diff.getByTestId('memo-diff').locator('.monaco-diff-editor')).toBeVisible();
  await expect(diff.getByTestId('memo-diff')).toContainText('A sentence to take back.');
  await diff.getByRole('button', { name: 'Restore this version' }).click();
  await expect(diff).toBeHidden();
  await expect(editorLines(app)).not.toContainText('A sentence to take back.');
  await expect.poll(() => memoBody(quarry, memo.id)).not.toContain('A sentence to take back.');
  await expect(history.locator('li', { hasText: 'before a restore' })).toHaveCount(1);
  await app.locator('.toast').filter({ hasText: 'Restored the version' }).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => memoBody(quarry, memo.id)).toContain('A sentence to take back.');
  await expect(editorLines(app)).toContainText('A sentence to take back.');
  // Restore once more, then undo it in the editor itself (Ctrl+Z).
  await history.locator('li', { hasText: 'saved by hand' }).getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => memoBody(quarry, memo.id)).not.toContain('A sentence to take back.');
  await editorLines(app).click();
  await app.keyboard.press('Control+z');
  await expect.poll(() => memoBody(quarry, memo.id)).toContain('A sentence to take back.');

  // Export Markdown: a real download, with the note of the live passage and a visible broken marker.
  const [mdDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: '.md' }).click()]);
  expect(mdDownload.suggestedFilename()).toBe('Rare earth memo.md');
  const md = readFileSync(await mdDownload.path(), 'utf8');
  expect(md).toContain('# Rare earth memo');
  expect(md).toContain('Wells supply most of the town **[broken citation: passage was deleted]** while the brine goes out [^1].');
  expect(md).toContain(`[^1]: “${Q2}” — *${w.article.title}*, Nikkei Asia, 2025-10-22.`);
  await expect(app.locator('.toast').filter({ hasText: 'Exported Rare earth memo.md, with 1 broken citation marked in the file.' })).toBeVisible();

  // Export DOCX: read back with mammoth.
  const [docxDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: '.docx' }).click()]);
  expect(docxDownload.suggestedFilename()).toBe('Rare earth memo.docx');
  const docx = readFileSync(await docxDownload.path());
  expect(docx.subarray(0, 2).toString()).toBe('PK');
  const text = (await mammoth.extractRawText({ buffer: docx })).value;
  expect(text).toContain('Rare earth memo');
  expect(text).toContain('[broken citation: passage was deleted]');
  expect(text).toContain('A sentence to take back.');
  expect(text).toContain('Sources');
  expect(text).toContain(w.article.title);
  // Each export left a version behind.
  await expect(history.locator('li', { hasText: 'exported' })).toHaveCount(2);
});

test('drag a passage into the editor; # names a theme; hover card; F12 opens the passage in the Reader; the Reader cites into the last memo and lists it', async ({ app, quarry }) => {
  const w = await seed(quarry);
  const memo = await openMemo(app, quarry, 'Drag and drop', 'First line.\n\nSecond line.\n');

  // Drag from the Passages panel onto the first line.
  await app.getByRole('tab', { name: 'Passages' }).click();
  const passages = app.getByRole('region', { name: 'Passages' });
  await passages.getByRole('searchbox', { name: 'Find passages' }).fill('offshore');
  // Wait for the search to settle (one hit left), so the item does not move under the mouse.
  await expect(passages.locator('li')).toHaveCount(1);
  const item = passages.locator('li', { hasText: '800 metres offshore' });
  await expect(item).toHaveCount(1);
  const firstLine = app.getByTestId('memo-editor').locator('.view-line').first();
  await item.dragTo(firstLine, { targetPosition: { x: 2, y: 5 } });
  await expect.poll(() => memoBody(quarry, memo.id)).toContain(`[[hl:${w.h2.uid}]]`);
  expect((await memoBody(quarry, memo.id)).indexOf(`[[hl:${w.h2.uid}]]`)).toBeLessThan((await memoBody(quarry, memo.id)).indexOf('Second line.'));

  // "#" completes theme names into a theme reference, shown as a link to the theme's excerpts.
  await caretToEnd(app);
  await app.keyboard.type('About #deep');
  await expect(suggestRows(app).first()).toContainText('Deep-sea mining');
  await app.keyboard.press('Enter');
  const themes = await api<{ id: number; uid: string; name: string }[]>(quarry, 'memos.themes');
  const deepUid = themes.find((t) => t.name === 'Deep-sea mining')!.uid;
  await expect.poll(() => memoBody(quarry, memo.id)).toContain(`About #[[theme:${deepUid}]]`);
  await expect(app.getByTestId('memo-preview').locator(`a.theme-ref[href="#/themes/${w.deep.id}"]`)).toHaveText('Deep-sea mining');

  // Hover the citation token: quote, theme, article.
  const token = app.getByTestId('memo-editor').locator('.memo-tok-cite').first();
  await token.hover();
  const hover = app.locator('.monaco-hover').filter({ hasText: 'Cited passage' }).first();
  await expect(hover).toContainText('800 metres offshore');
  await expect(hover).toContainText('Deep-sea mining');
  await expect(hover).toContainText(w.article.title);

  // F12 on the token opens the passage in the Reader.
  await token.click();
  await app.keyboard.press('F12');
  await expect(app).toHaveURL(new RegExp(`#/article/${w.article.id}\\?h=${w.h2.id}$`));
  await expect(app.getByRole('heading', { level: 1, name: w.article.title })).toBeVisible();
  // The Reader lists the memos that cite this article.
  const citing = app.getByRole('region', { name: 'Memos that cite this' });
  await expect(citing.getByRole('link', { name: 'Drag and drop' })).toBeVisible();

  // "Cite selection in memo" (M) with the highlight selected: appended to the memo opened last.
  await app.getByRole('list', { name: 'Highlights in text order' }).getByRole('button', { name: new RegExp(Q1.slice(0, 30)) }).click();
  await expect(app.getByTestId('inspector')).toContainText(Q1);
  await app.getByRole('document', { name: 'Article text' }).focus();
  await app.keyboard.press('m');
  await expect(app.locator('.toast').filter({ hasText: 'Cited at the end of “Drag and drop”.' })).toBeVisible();
  await expect.poll(() => memoBody(quarry, memo.id)).toMatch(new RegExp(`\\[\\[hl:${w.h1.uid}\\]\\]\\n$`));

  // With text selected instead (no highlight there yet), the selection becomes an untagged highlight first.
  const phrase = 'Mayor Ilse Brandvold said';
  const start = w.article.body.indexOf(phrase);
  await app.evaluate(
    ([s0, e0]) => {
      const root = document.querySelector('.article-text')!;
      const at = (off: number) => {
        for (const seg of root.querySelectorAll<HTMLElement>('[data-o]')) {
          const o = Number(seg.dataset.o);
          if (off >= o && off <= o + seg.textContent!.length) return { node: seg.firstChild!, offset: off - o };
        }
        throw new Error(`offset ${off} not rendered`);
      };
      const a = at(s0);
      const b = at(e0);
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(r);
    },
    [start, start + phrase.length],
  );
  await app.keyboard.press('m');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: w.article.id })).length).toBe(3);
  const created = (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: w.article.id })).find((h) => h.quote === phrase)!;
  await expect.poll(() => memoBody(quarry, memo.id)).toMatch(new RegExp(`\\[\\[hl:${created.uid}\\]\\]\\n$`));

  // The theme page lists the memo too (it names the theme).
  await app.goto(`${quarry.origin}/#/themes/${w.deep.id}`);
  await expect(app.getByRole('region', { name: 'Memos that cite this' }).getByRole('link', { name: 'Drag and drop' })).toBeVisible();

  // Back in the memo, the appended citation is there and resolved.
  await app.goto(`${quarry.origin}/#/memos/${memo.id}`);
  await expect(app.getByRole('region', { name: 'Citations' })).toContainText('4 citations, none broken.');
});

test('scrolling the editor scrolls the preview to the same place, and back', async ({ app, quarry }) => {
  const body = Array.from({ length: 80 }, (_, i) => `## Section ${i + 1}\n\nParagraph ${i + 1} of a long memo, with enough words to take a line or two in the preview pane.`).join('\n\n');
  await openMemo(app, quarry, 'Long memo', body);
  const preview = app.getByTestId('memo-preview');
  await expect(preview.locator('h2')).toHaveCount(80);
  // The section at the top of the editor and of the preview.
  const editorTop = () =>
    app.getByTestId('memo-editor').evaluate((root) => {
      const top = root.getBoundingClientRect().top;
      const lines = [...root.querySelectorAll<HTMLElement>('.view-line')]
        .map((el) => ({ top: el.getBoundingClientRect().top, text: el.textContent ?? '' }))
        .filter((l) => l.top >= top - 2 && /^## Section \d+$/.test(l.text.replace(/\u00a0/g, ' ')))
        .sort((a, b) => a.top - b.top);
      return Number(lines[0]?.text.match(/\d+/)?.[0] ?? 0);
    });
  const previewTop = () =>
    preview.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const h = [...el.querySelectorAll('h2')].find((x) => x.getBoundingClientRect().bottom > top + 4);
      return Number(h?.textContent?.match(/\d+/)?.[0] ?? 0);
    });
  // Page down in the editor until section 40 reaches its top; the preview follows.
  await editorLines(app).click();
  await expect
    .poll(async () => {
      if ((await editorTop()) < 40) await app.keyboard.press('PageDown');
      return editorTop();
    })
    .toBeGreaterThanOrEqual(40);
  await expect.poll(async () => Math.abs((await previewTop()) - (await editorTop()))).toBeLessThanOrEqual(1);
  // Scrolling the preview back to the top brings the editor back to line 1.
  await preview.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(app.getByTestId('memo-editor').locator('.view-line').first()).toHaveText('## Section 1');
});
