// Export and interchange in the real app (issue 6): the Export dialog for
// each kind (excerpts, codebook, project) with real downloads, importing a
// .qdpx into the open store through the UI, and backup + restore + undo.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, CORPUS, expect, test, type QuarryHost } from './fixtures';

interface Theme {
  id: number;
  name: string;
  parentId: number | null;
}

/** One corpus article, two nested themes, one tagged passage with a comment. */
async function setUp(host: QuarryHost): Promise<{ articleId: number; geo: number; china: number; quote: string }> {
  const text = readFileSync(join(CORPUS, 'port-strike-assessment.txt'), 'utf8');
  const { articleId } = await api<{ articleId: number }>(host, 'articles.importText', { text, format: 'txt', fileName: 'port-strike.txt' });
  const a = await api<{ body: string }>(host, 'articles.get', { id: articleId });
  const geo = (await api<Theme>(host, 'themes.create', { name: 'Geopolitics' })).id;
  const china = (await api<Theme>(host, 'themes.create', { name: 'China leverage', parentId: geo })).id;
  const quote = '🇳🇱 Harbour Desk Brief: Four Pressure Points';
  const start = a.body.indexOf(quote);
  await api(host, 'highlights.create', { articleId, start, end: start + quote.length, themeIds: [china], comment: 'Flag line' });
  return { articleId, geo, china, quote };
}

async function menu(page: Page, group: string, item: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: group, exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click();
}

async function exportAndDownload(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  const path = await download.path();
  await expect(dialog).toBeHidden();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test('export excerpts as CSV and the codebook from the Export dialog (downloads)', async ({ app, quarry }) => {
  const { china, quote } = await setUp(quarry);
  // From the Themes view: the selected theme comes pre-chosen.
  await app.goto(`${quarry.origin}/#/themes/${china}`);
  await menu(app, 'Themes', 'Export the excerpts of the selected theme…');
  const dialog = app.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('checkbox', { name: 'China leverage' })).toBeChecked();
  await expect(dialog.getByTestId('export-count')).toHaveText('1 passages in 1 articles.');
  const csv = await exportAndDownload(app);
  expect(csv.name).toBe('Excerpts - China leverage.csv');
  const text = csv.bytes.toString('utf8');
  expect(text.startsWith('\uFEFFTheme,Quote,Comment,Article,Source,Author,Published,URL,Start,End,Created\r\n')).toBe(true);
  expect(text).toContain(`Geopolitics > China leverage,${quote},Flag line,`);
  await expect(app.getByText(/Exported 1 excerpts to Excerpts - China leverage\.csv/)).toBeVisible();

  await menu(app, 'File', 'Export the codebook…');
  await app.getByRole('dialog', { name: 'Export' }).getByRole('combobox', { name: 'Codebook format' }).selectOption('csv');
  const codebook = await exportAndDownload(app);
  expect(codebook.bytes.toString('utf8')).toBe('\uFEFFpath,description,color\r\nGeopolitics,,#E69F00\r\nGeopolitics > China leverage,,#56B4E9');
});

test('export the project as .qdpx and import it into the open store: themes are merged by path', async ({ app, quarry }) => {
  const { geo, china } = await setUp(quarry);
  await menu(app, 'File', 'Export the project (REFI-QDA .qdpx)…');
  await expect(app.getByRole('dialog', { name: 'Export' }).getByRole('radio', { name: 'Whole project (.qdpx)' })).toBeChecked();
  const qdpx = await exportAndDownload(app);
  expect(qdpx.name).toBe('store.qdpx');
  expect(qdpx.bytes.subarray(0, 2).toString()).toBe('PK');

  // Meanwhile the codebook changed: the imported "China leverage" comes back beside it.
  await api(quarry, 'themes.update', { id: china, name: 'China dominance' });
  await menu(app, 'File', 'Import a project or codebook (.qdpx, .qdc)…');
  const dialog = app.getByRole('dialog', { name: 'Import a project or codebook' });
  await dialog.getByLabel('File to import').setInputFiles({ name: 'store.qdpx', mimeType: 'application/zip', buffer: qdpx.bytes });
  await expect(dialog.getByRole('radio', { name: /This store/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const summary = app.getByRole('dialog', { name: 'Import finished' });
  await expect(summary.getByTestId('interchange-summary')).toHaveText('Project “store” imported into this store.');
  const counts = summary.getByRole('table', { name: 'Import counts' });
  await expect(counts.getByRole('row', { name: /Themes/ })).toHaveText('Themes11');
  await expect(counts.getByRole('row', { name: /Articles/ })).toHaveText('Articles01');
  await expect(summary.getByRole('list', { name: 'New themes' })).toHaveText('Geopolitics > China leverage');
  await summary.getByRole('button', { name: 'Done' }).click();
  await expect(summary).toBeHidden();

  const themes = await api<Theme[]>(quarry, 'themes.list', {});
  expect(themes.filter((t) => t.name === 'Geopolitics')).toHaveLength(1);
  expect(themes.filter((t) => t.parentId === geo).map((t) => t.name).sort()).toEqual(['China dominance', 'China leverage']);
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Themes' }).click();
  const tree = app.getByRole('tree', { name: 'Codebook' });
  await expect(tree.getByRole('treeitem')).toHaveCount(3);
  await expect(tree.getByRole('treeitem', { name: /China leverage/ })).toBeVisible();
  const doctor = await api<{ ok: boolean }>(quarry, 'store.doctor');
  expect(doctor.ok).toBe(true);
});

test('back up, delete, restore the backup, then undo the restore', async ({ app, quarry }) => {
  const { articleId } = await setUp(quarry);
  await menu(app, 'File', 'Backups and restore…');
  const dialog = app.getByRole('dialog', { name: 'Backups' });
  await expect(dialog.getByText('No backups yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const rows = dialog.getByRole('table', { name: 'Backups' }).getByRole('row');
  await expect(rows).toHaveCount(2); // header + one backup
  await expect(rows.nth(1)).toContainText('Backed up by hand');

  await api(quarry, 'articles.delete', { ids: [articleId] });
  expect(await api<unknown[]>(quarry, 'articles.list', {})).toHaveLength(0);

  app.once('dialog', (d) => void d.accept());
  await rows.nth(1).getByRole('button', { name: /Restore the backup of/ }).click();
  await expect(dialog).toBeHidden();
  const restored = app.locator('.toast', { hasText: 'Restored the backup of' });
  await expect(restored).toBeVisible();
  await expect(app.getByRole('link', { name: 'Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains' })).toBeVisible();
  expect(await api<unknown[]>(quarry, 'articles.list', {})).toHaveLength(1);

  await restored.getByRole('button', { name: 'Undo' }).click();
  await expect(app.locator('.toast', { hasText: 'Restored the backup.' })).toBeVisible();
  expect(await api<unknown[]>(quarry, 'articles.list', {})).toHaveLength(0);
  const backups = await api<{ backups: { reason: string }[] }>(quarry, 'store.backups', {});
  expect(backups.backups.map((b) => b.reason).sort()).toEqual(['before-restore', 'before-restore', 'manual']);
});
