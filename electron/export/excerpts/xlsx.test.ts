import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SheetNames, sanitise } from './sheet-names';
import { excerptRows } from '../../../test/fixtures/rows';
import { COLUMNS, type ExcerptRow } from './types';
import { excerptsToXlsx } from './xlsx';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet) =>
  ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));

describe('excerptsToXlsx', () => {
  it('writes "All" first, then one sheet per theme, with a styled frozen header', async () => {
    const rows = excerptRows();
    const wb = await read(await excerptsToXlsx(rows, { rowPer: 'highlight-theme' }));
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('All');
    expect(names).toEqual(expect.arrayContaining(['China leverage', 'Export controls', 'Alliances', 'Geopolitics', 'Japanese text 日本', 'Economics <"&">']));
    const all = wb.getWorksheet('All')!;
    expect(values(all)[0]).toEqual([...COLUMNS]);
    expect(all.getRow(1).font?.bold).toBe(true);
    expect(all.getRow(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(all.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(all.getColumn(2).width).toBe(80); // sized to the longest quote, capped at 80
    expect(all.getColumn(6).width).toBe(10); // Author: short values, the minimum
    expect(all.getColumn(9).width).toBeGreaterThanOrEqual(6);
    expect(all.getCell('B2').alignment?.wrapText).toBe(true);
    expect(all.rowCount).toBe(1 + rows.reduce((n, r) => n + Math.max(1, r.themes.length), 0));
  });

  it('keeps special characters and numbers as written', async () => {
    const wb = await read(await excerptsToXlsx(excerptRows(), { rowPer: 'highlight' }));
    const data = values(wb.getWorksheet('All')!).slice(1);
    const quotes = data.map((r) => r[1]);
    for (const q of ['Quotes "double" & \'single\' <tags> ]]>', 'مرحبا بالعالم', '🙂 then 👩‍👩‍👧', 'a tab\there.\n\nArabic: مرحبا', '🇳🇱 Harbour Desk Brief: Four Pressure Points']) {
      expect(quotes).toContain(q);
    }
    const arabicRow = data.find((r) => r[1] === 'مرحبا بالعالم')!;
    expect(typeof arabicRow[8]).toBe('number');
    const sheet = wb.getWorksheet('Economics <"&">')!;
    expect(values(sheet).slice(1).every((r) => r[0] === 'Economics <"&">')).toBe(true);
  });

  it('makes valid, unique sheet names from awkward theme names', async () => {
    const base = excerptRows()[0];
    const mk = (id: number, name: string, path: string[]): ExcerptRow => ({ ...base, themes: [{ id, name, path, description: '', color: '#000000' }] });
    const rows = [
      mk(1, 'What? [draft]: a/b\\c*', ['What? [draft]: a/b\\c*']),
      mk(2, 'All', ['All']),
      mk(3, 'A very long theme name that goes past thirty-one characters', ['A very long theme name that goes past thirty-one characters']),
      mk(4, 'A very long theme name that goes past thirty-one characters too', ['A very long theme name that goes past thirty-one characters too']),
      mk(5, 'Same', ['Parent one', 'Same']),
      mk(6, 'same', ['Parent two', 'same']),
      mk(7, 'History', ['History']),
      mk(8, "'quoted'", ["'quoted'"]),
    ];
    const wb = await read(await excerptsToXlsx(rows, { rowPer: 'highlight-theme' }));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['All', 'What- -draft-- a-b-c-', 'All (2)', 'A very long theme name that goe', 'A very long theme name that (2)', 'Same', 'Parent two - same', 'History (2)', 'quoted']);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });
});

describe('SheetNames', () => {
  it('never splits an emoji when shortening', () => {
    const names = new SheetNames();
    const name = names.claim('🙂'.repeat(20));
    expect(name).toBe('🙂'.repeat(15));
    expect(sanitise("''x''")).toBe('x');
  });
});
