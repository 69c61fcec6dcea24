import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { api, CORPUS, expect, test } from './fixtures';

test('first run offers import and the sample project; the sample opens', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Import articles' })).toBeVisible();
  await app.getByRole('button', { name: 'Open the sample project' }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Shade as infrastructure' })).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: 'Who pays for cooler streets?' })).toBeVisible();
});

test('import the corpus through the UI, edit a source, search and land in the article', async ({ app }) => {
  // Plain text, Markdown, web pages, a BOM with CRLF, Windows-1252: one article each.
  const files = readdirSync(CORPUS).map((f) => join(CORPUS, f));
  const n = files.length;
  await app.getByTestId('file-input').setInputFiles(files);
  await app.getByRole('button', { name: `Import ${n} articles` }).click();
  await expect(app.getByTestId('import-summary')).toHaveText(`${n} imported, 0 duplicates, 0 skipped.`);
  await app.getByRole('button', { name: 'Done' }).click();
  const rows = app.getByRole('grid', { name: 'Articles' }).getByRole('row');
  await expect(rows).toHaveCount(n + 1); // header + one per file

  // Open one and edit its outlet.
  await app.getByRole('link', { name: /Coastal town approves desalination plant/ }).click();
  await expect(app.getByRole('heading', { level: 1, name: /Coastal town approves desalination plant/ })).toBeVisible();
  await expect(app.getByRole('document', { name: 'Article text' })).toContainText('The town council of Ardmorran on Tuesday');
  await app.getByRole('tab', { name: 'Details' }).click();
  await app.getByRole('textbox', { name: 'Outlet' }).fill('Asia Business Wire');
  await app.getByRole('button', { name: 'Save details' }).click();
  await expect(app.locator('.byline')).toContainText('Asia Business Wire');

  // Search lands in the right article.
  await app.getByRole('link', { name: 'Library' }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Asia Business Wire' })).toBeVisible();
  await app.getByRole('searchbox', { name: 'Search articles' }).fill('Ardmorran');
  const results = app.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('mark')).toHaveText('Ardmorran');
  await results.first().getByRole('link').click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(/Coastal town approves desalination plant/);
});

test('paste text as an article; delete it to the Trash, undo, and restore from the Trash', async ({ app, quarry }) => {
  await app.getByRole('button', { name: 'paste text' }).click();
  await app.getByRole('textbox', { name: 'Article text' }).fill('Harbour pilots strike\n\nPilots at the northern port walked out on Monday over night-shift pay.');
  await app.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Harbour pilots strike');

  await app.getByRole('link', { name: 'Library' }).click();
  await app.getByRole('row').filter({ hasText: 'Harbour pilots strike' }).click();
  await app.keyboard.press('Delete');
  await expect(app.getByText('Moved “Harbour pilots strike” to the Trash.')).toBeVisible();
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Harbour pilots strike' })).toBeVisible();

  await app.getByRole('row').filter({ hasText: 'Harbour pilots strike' }).click();
  await app.keyboard.press('Delete');
  await app.getByRole('link', { name: 'Trash' }).click();
  const trashed = app.getByRole('list', { name: 'Articles in the Trash' }).getByRole('listitem');
  await expect(trashed).toHaveCount(1);
  await trashed.getByRole('button', { name: 'Restore' }).click();
  await expect(app.getByText('The Trash is empty.')).toBeVisible();
  const list = await api<{ title: string }[]>(quarry, 'articles.list');
  expect(list.map((a) => a.title)).toEqual(['Harbour pilots strike']);
});

test('bad files get a clear message naming the file; nothing is half-written', async ({ app, quarry }) => {
  await app.getByTestId('file-input').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'image.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
    { name: 'good.txt', mimeType: 'text/plain', buffer: Buffer.from('A good article\n\nWith a body.') },
  ]);
  await expect(app.getByRole('list', { name: 'Files to import' })).toContainText('empty.txt');
  await app.getByRole('button', { name: 'Import 1 article' }).click();
  await expect(app.getByTestId('import-summary')).toHaveText('1 imported, 0 duplicates, 2 skipped.');
  await expect(app.locator('.import-results li.skipped').filter({ hasText: 'empty.txt' })).toContainText('empty');
  await expect(app.locator('.import-results li.skipped').filter({ hasText: 'image.txt' })).toContainText('binary');
  const list = await api<unknown[]>(quarry, 'articles.list');
  expect(list).toHaveLength(1);
});

test('the browser host refuses a call without its session cookie, or with a forged one', async ({ quarry }) => {
  const call = (headers: Record<string, string>) =>
    fetch(`${quarry.origin}/api/themes.create`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Quarry': '1', ...headers }, body: '{"name":"x"}' });
  const none = await call({});
  expect(none.status).toBe(403);
  expect(((await none.json()) as { error: { message: string } }).error.message).toContain('themes.create: not signed in');
  expect((await call({ Cookie: `${quarry.cookie.name}=nope` })).status).toBe(403);
  expect(await api<unknown[]>(quarry, 'themes.list')).toEqual([]);
});

test('the import preview marks web clutter; a restored cut is kept, accepted cuts are removed', async ({ app, quarry }) => {
  await app.getByTestId('file-input').setInputFiles([join(CORPUS, 'city-budget-vote.txt')]);
  const text = app.getByLabel('Text to import');
  await expect(text.locator('del').first()).toBeVisible();
  // Keep the "Leave a comment" cut, accept the others.
  const leave = text.locator('.cut').filter({ hasText: 'Leave a comment' }).first();
  await leave.getByRole('button').click();
  await expect(leave).toHaveClass(/kept/);
  await app.getByRole('button', { name: 'Import 1 article' }).click();
  await expect(app.getByTestId('import-summary')).toHaveText('1 imported, 0 duplicates, 0 skipped.');
  const [a] = await api<{ id: number }[]>(quarry, 'articles.list');
  const full = await api<{ body: string }>(quarry, 'articles.get', { id: a.id });
  expect(full.body.startsWith('Marlow Bay council passes leaner budget after all-night session')).toBe(true);
  expect(full.body).toContain('Leave a comment');
  expect(full.body).not.toContain('Related Articles');
  expect(full.body).not.toContain('Ferry operator warns of winter timetable cuts');
  expect(full.body).toContain('publishes the minutes of every session it holds.');
});
