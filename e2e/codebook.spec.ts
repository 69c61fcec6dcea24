import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, CORPUS, expect, test } from './fixtures';

interface Theme { id: number; name: string; parentId: number | null; totalHighlightCount: number }
interface Hl { id: number; quote: string; themeIds: number[]; orphaned: boolean }

test('codebook: create, nest, merge with undo, delete with a warning; excerpts open the passage in the Reader', async ({ app, quarry }) => {
  const text = readFileSync(join(CORPUS, 'desalination-plant-clean.txt'), 'utf8');
  const { articleId } = await api<{ articleId: number }>(quarry, 'articles.importText', { text, format: 'txt' });
  const { body } = await api<{ body: string }>(quarry, 'articles.get', { id: articleId });
  const supply = await api<Theme>(quarry, 'themes.create', { name: 'Supply chains' });
  const dup = await api<Theme>(quarry, 'themes.create', { name: 'Supply chain' });
  const q1 = 'supply up to 6,000 cubic metres of drinking water';
  const q2 = 'salt has been creeping into the coastal wells';
  const h1 = await api<Hl>(quarry, 'highlights.create', { articleId, start: body.indexOf(q1), end: body.indexOf(q1) + q1.length, themeIds: [supply.id, dup.id] });
  await api<Hl>(quarry, 'highlights.create', { articleId, start: body.indexOf(q2), end: body.indexOf(q2) + q2.length, themeIds: [dup.id] });

  await app.getByRole('link', { name: 'Themes' }).click();
  await app.getByRole('button', { name: 'New theme' }).click();
  await app.getByRole('dialog', { name: 'New theme' }).getByRole('textbox', { name: 'Name' }).fill('Economic security');
  await app.getByRole('dialog', { name: 'New theme' }).getByRole('button', { name: 'Create' }).click();
  await expect(app.getByRole('treeitem', { name: /Economic security/ })).toBeVisible();
  // Nest "Supply chains" under "Economic security" by dragging.
  await app.getByRole('treeitem', { name: /Supply chains/ }).dragTo(app.getByRole('treeitem', { name: /Economic security/ }));
  await expect.poll(async () => (await api<Theme[]>(quarry, 'themes.list')).find((t) => t.id === supply.id)?.parentId).not.toBeNull();
  await expect(app.getByRole('treeitem', { name: /Supply chains/ })).toHaveAttribute('aria-level', '2');

  // Merge the near-duplicate theme into the real one; the shared passage is not doubled.
  await app.getByRole('treeitem', { name: /Supply chain\b(?!s)/ }).click();
  await app.getByRole('button', { name: 'Merge into…' }).click();
  await app.getByRole('combobox', { name: 'Merge into' }).selectOption({ label: 'Supply chains' });
  await app.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
  await expect(app.getByText('Merged: 1 passages moved, 1 already had the theme.')).toBeVisible();
  const themes = await api<Theme[]>(quarry, 'themes.list');
  expect(themes.map((t) => t.name).sort()).toEqual(['Economic security', 'Supply chains']);
  expect(themes.find((t) => t.id === supply.id)?.totalHighlightCount).toBe(2);
  expect((await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId })).find((h) => h.id === h1.id)?.themeIds).toEqual([supply.id]);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await api<Theme[]>(quarry, 'themes.list')).length).toBe(3);
  await api(quarry, 'history.redo');

  // Excerpts of the parent include the sub-theme's passages; clicking one opens the Reader on it.
  await app.goto(`${quarry.origin}/#/themes/${(await api<Theme[]>(quarry, 'themes.list')).find((t) => t.name === 'Economic security')!.id}`);
  await expect(app.getByTestId('excerpt-count')).toHaveText('2 passages');
  await app.locator('.excerpt-text').filter({ hasText: q2 }).click();
  await expect(app.getByRole('document', { name: 'Article text' })).toBeVisible();
  await expect(app.getByTestId('inspector')).toContainText(q2);

  // Deleting a theme in use asks first and says how many passages it touches.
  await app.goto(`${quarry.origin}/#/themes/${supply.id}`);
  app.once('dialog', async (d) => {
    expect(d.message()).toContain('2 highlights use it');
    await d.accept();
  });
  await app.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(async () => (await api<Theme[]>(quarry, 'themes.list')).map((t) => t.name)).toEqual(['Economic security']);
  await app.getByRole('link', { name: 'Trash' }).click();
  await expect(app.getByRole('list', { name: 'Themes in the Trash' })).toContainText('Supply chains');
});

test('replace the text of an article from the Reader: highlights follow, lost ones become orphans', async ({ app, quarry }) => {
  const text = readFileSync(join(CORPUS, 'grain-corridor-wire.txt'), 'utf8') // BOM, CRLF;
  const { articleId } = await api<{ articleId: number }>(quarry, 'articles.importText', { text, format: 'txt' });
  const { body } = await api<{ body: string }>(quarry, 'articles.get', { id: articleId });
  const keep = 'Share vessel tracking data among the three port authorities in real time.';
  const lose = 'Farmers’ groups welcomed the deal but warned';
  await api(quarry, 'highlights.create', { articleId, start: body.indexOf(keep), end: body.indexOf(keep) + keep.length, themeIds: [] });
  await api(quarry, 'highlights.create', { articleId, start: body.indexOf(lose), end: body.indexOf(lose) + lose.length, themeIds: [] });
  await app.goto(`${quarry.origin}/#/article/${articleId}`);
  await app.getByRole('document', { name: 'Article text' }).waitFor();
  await app.keyboard.press('Control+k');
  await app.getByRole('textbox', { name: 'Command' }).fill('replace the text');
  await app.keyboard.press('Enter');
  const edited = `Correction appended at the top.\n\n${body.replace(/Farmers’ groups welcomed[^\n]*\n/, '')}`;
  await app.getByRole('textbox', { name: 'New text' }).fill(edited);
  await app.getByRole('button', { name: 'Replace text' }).click();
  await expect(app.getByText(/Text replaced: 1 highlights moved, 0 stayed, 1 could not be placed/)).toBeVisible();
  await expect(app.getByRole('region', { name: 'Orphaned highlights' })).toContainText(lose);
  const hls = await api<Hl[]>(quarry, 'highlights.listByArticle', { articleId });
  expect(hls.find((h) => !h.orphaned)?.quote).toBe(keep);
  expect((await api<{ ok: boolean }>(quarry, 'store.doctor')).ok).toBe(true);
});
