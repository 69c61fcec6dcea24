import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, CORPUS, expect, test, type QuarryHost } from './fixtures';

interface Hl { id: number; start: number; end: number; quote: string; themeIds: number[]; comment: string }

async function importCorpusFile(host: QuarryHost, file: string): Promise<{ id: number; body: string }> {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const r = await api<{ articleId: number }>(host, 'articles.importText', { text, format: 'txt', fileName: file });
  const a = await api<{ id: number; body: string }>(host, 'articles.get', { id: r.articleId });
  return a;
}

/** Select [start, end) of the body in the rendered article with a real DOM Range, then release the mouse as a user would. */
async function selectRange(page: Page, start: number, end: number): Promise<void> {
  await page.locator('.article-text [data-o]').first().waitFor();
  await page.evaluate(
    ([s, e]) => {
      const root = document.querySelector('.article-text')!;
      const segs = [...root.querySelectorAll<HTMLElement>('[data-o]')];
      const at = (off: number) => {
        for (const seg of segs) {
          const o = Number(seg.dataset.o);
          const len = seg.textContent!.length;
          if (off >= o && off <= o + len) return { node: seg.firstChild!, offset: off - o };
        }
        throw new Error(`offset ${off} not rendered`);
      };
      const a = at(s);
      const b = at(e);
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [start, end],
  );
}

test('select with the mouse, tag with a new and an existing theme, comment, and see it in the list', async ({ app, quarry }) => {
  const a = await importCorpusFile(quarry, 'desalination-plant-clean.txt');
  await api(quarry, 'themes.create', { name: 'China dependence' });
  await app.goto(`${quarry.origin}/#/article/${a.id}`);
  const phrase = 'over 70 per cent of the town’s supply';
  const start = a.body.indexOf(phrase);
  await selectRange(app, start, start + phrase.length);
  const picker = app.getByRole('dialog', { name: 'Tag with themes' });
  await expect(picker).toBeVisible();
  await picker.getByRole('textbox', { name: 'Filter themes' }).fill('Processing share');
  await picker.getByRole('option', { name: /Create theme “Processing share”/ }).click();
  await expect(app.getByTestId('inspector')).toContainText(phrase);
  const hls = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id });
  expect(hls).toHaveLength(1);
  expect(hls[0].quote).toBe(phrase);
  expect(hls[0].start).toBe(start);

  // Add the existing theme from the inspector; number key 1 picks the first listed theme.
  await app.getByRole('button', { name: '+ Theme' }).click();
  const edit = app.getByRole('dialog', { name: 'Themes of this highlight' });
  await edit.getByRole('textbox', { name: 'Filter themes' }).fill('china');
  await edit.getByRole('option', { name: /China dependence/ }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('inspector').getByLabel('Themes of this highlight')).toContainText('China dependence');
  await app.getByRole('textbox', { name: 'Comment' }).fill('Lower figure than other sources');
  await app.getByRole('textbox', { name: 'Comment' }).blur();
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id }))[0].comment).toBe('Lower figure than other sources');
  const themes = (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id }))[0].themeIds;
  expect(themes).toHaveLength(2);
  await expect(app.getByRole('list', { name: 'Highlights in text order' }).getByRole('listitem')).toHaveCount(1);
});

test('emoji and flags: a selection starting inside a flag takes the whole flag; quotes equal the body slice', async ({ app, quarry }) => {
  const a = await importCorpusFile(quarry, 'port-strike-assessment.txt');
  await app.goto(`${quarry.origin}/#/article/${a.id}`);
  const flag = a.body.indexOf('🇳🇱');
  expect(flag).toBeGreaterThan(0);
  const end = a.body.indexOf('Brief', flag) + 'Brief'.length;
  // Start in the middle of the first regional-indicator surrogate pair.
  await selectRange(app, flag + 1, end);
  await app.getByRole('dialog', { name: 'Tag with themes' }).getByRole('textbox', { name: 'Filter themes' }).press('Enter');
  await expect(app.getByTestId('inspector')).toBeVisible();
  const [h] = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id });
  expect(h.start).toBe(flag);
  expect(h.quote).toBe(a.body.slice(h.start, h.end));
  expect(h.quote.startsWith('🇳🇱')).toBe(true);

  // Across paragraphs, after astral characters.
  const p1 = a.body.lastIndexOf('\n', a.body.indexOf('Why the Talks Broke Down')) + 1; // paragraph starting with an emoji
  const p2 = a.body.indexOf('The dispute is about') + 'The dispute'.length;
  await selectRange(app, p1, p2);
  await app.getByRole('dialog', { name: 'Tag with themes' }).getByRole('textbox', { name: 'Filter themes' }).press('Escape');
  await expect(app.getByRole('dialog', { name: 'Tag with themes' })).toBeHidden();
  await selectRange(app, p1, p2);
  await app.getByRole('dialog', { name: 'Tag with themes' }).getByRole('textbox', { name: 'Filter themes' }).fill('Timing');
  await app.getByRole('dialog', { name: 'Tag with themes' }).getByRole('textbox', { name: 'Filter themes' }).press('Enter');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(2);
  const hls = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id });
  for (const x of hls) expect(x.quote).toBe(a.body.slice(x.start, x.end));
  expect(hls.find((x) => x.start === p1)?.quote).toContain('\n\nThe dispute');
  const doctor = await api<{ ok: boolean }>(quarry, 'store.doctor');
  expect(doctor.ok).toBe(true);
});

test('keyboard: extend a selection by words, tag it with T and a number key; adjust its end; undo and redo survive a reload', async ({ app, quarry }) => {
  const a = await importCorpusFile(quarry, 'grain-corridor-wire.txt') // BOM, CRLF;
  await api(quarry, 'themes.create', { name: 'Trade' });
  await app.goto(`${quarry.origin}/#/article/${a.id}`);
  const text = app.getByRole('document', { name: 'Article text' });
  await text.focus();
  // Caret at the start of the text, then Ctrl+Shift+Right three times: three words (Chromium stops at the hyphen).
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('Control+Shift+ArrowRight');
  await app.keyboard.press('t');
  const picker = app.getByRole('dialog', { name: 'Tag with themes' });
  await expect(picker).toBeVisible();
  await app.keyboard.press('1');
  await app.keyboard.press('Enter');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(1);
  let [h] = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id });
  expect(h.start).toBe(0);
  expect(h.quote.trim()).toBe('In a late');
  expect(h.themeIds).toHaveLength(1);

  // Extend its end by one word with the keyboard (Quarry's words keep hyphenated compounds whole).
  await expect(app.getByTestId('inspector')).toContainText('In a late');
  await app.keyboard.press('Alt+ArrowRight');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id }))[0].quote.trim()).toBe('In a late-night');

  // Undo the adjustment and the creation; reload; redo both.
  await app.keyboard.press('Control+z');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id }))[0].quote.trim()).toBe('In a late');
  await app.keyboard.press('Control+z');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(0);
  await app.reload();
  await expect(app.getByRole('document', { name: 'Article text' })).toBeVisible();
  await app.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(1);
  await app.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id }))[0].quote.trim()).toBe('In a late-night');
  [h] = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id });
  await expect(app.locator(`[data-hl~="${h.id}"]`).first()).toBeVisible();
});

test('overlapping highlights render both colours; J/K jump; delete goes to the Trash with undo', async ({ app, quarry }) => {
  const a = await importCorpusFile(quarry, 'desalination-plant-clean.txt');
  const t1 = await api<{ id: number }>(quarry, 'themes.create', { name: 'Supply', color: '#E69F00' });
  const t2 = await api<{ id: number }>(quarry, 'themes.create', { name: 'Security', color: '#0072B2' });
  const s = a.body.indexOf('Mayor Ilse Brandvold said');
  await api(quarry, 'highlights.create', { articleId: a.id, start: s, end: s + 60, themeIds: [t1.id] });
  await api(quarry, 'highlights.create', { articleId: a.id, start: s + 20, end: s + 120, themeIds: [t2.id] });
  await app.goto(`${quarry.origin}/#/article/${a.id}`);
  const overlap = app.locator('.article-text [data-hl]').filter({ has: app.locator(':scope') }).nth(1);
  await expect(overlap).toHaveAttribute('data-hl', /\d+ \d+/);
  const bg = await overlap.evaluate((el) => getComputedStyle(el).backgroundImage);
  expect(bg).toContain('linear-gradient');
  await app.getByRole('document', { name: 'Article text' }).focus();
  await app.keyboard.press('j');
  await expect(app.getByTestId('inspector')).toBeVisible();
  await app.keyboard.press('Delete');
  await expect(app.getByText('Highlight moved to the Trash.')).toBeVisible();
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(1);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId: a.id })).length).toBe(2);
});
