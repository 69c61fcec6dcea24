// Excerpts as an Excel workbook: an "All" sheet first, then one sheet per
// theme. Cells are written as text values, never formulas, so no CSV-style
// injection guard is needed here.
import ExcelJS from 'exceljs';
import { stripInvalidXmlChars } from '../../refi/xml-writer';
import { SheetNames } from './sheet-names';
import { COLUMNS, flattenRows, groupByTheme, rowCells, themePath, type ExcerptOptions, type ExcerptRow, type FlatExcerpt } from './types';

const EXCEL_CELL_MAX = 32_767; // characters Excel keeps in one cell
const WIDTHS: Record<(typeof COLUMNS)[number], [number, number]> = {
  // [min, max] column widths in characters
  Theme: [12, 40], Quote: [30, 80], Comment: [12, 50], Article: [15, 45], Source: [10, 25], Author: [10, 25],
  Published: [10, 12], URL: [10, 40], Start: [6, 8], End: [6, 8], Created: [12, 24],
};
const WRAPPED = new Set(['Theme', 'Quote', 'Comment', 'Article']);

function cellValue(v: string | number): string | number {
  if (typeof v === 'number') return v;
  const clean = stripInvalidXmlChars(v); // exceljs would otherwise write a file Excel calls corrupt
  return clean.length > EXCEL_CELL_MAX ? clean.slice(0, EXCEL_CELL_MAX - 1) + '…' : clean;
}

function addSheet(wb: ExcelJS.Workbook, name: string, rows: FlatExcerpt[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cells = rows.map((f) => rowCells(f));
  // Column widths and styles are set before any row is added: rows then share
  // one column style, instead of exceljs creating (and later deduplicating) a
  // style per cell, which took about a minute for 100,000 rows.
  const longest = COLUMNS.map((col) => col.length);
  for (const row of cells) {
    row.forEach((v, i) => {
      for (const line of String(v).split('\n')) if (line.length > longest[i]) longest[i] = line.length;
    });
  }
  ws.columns = COLUMNS.map((col, i) => {
    const [min, max] = WIDTHS[col];
    return {
      key: col,
      width: Math.min(max, Math.max(min, longest[i] + 2)),
      style: WRAPPED.has(col) ? { alignment: { wrapText: true, vertical: 'top' } } : {},
    };
  });
  ws.getRow(1).values = [...COLUMNS];
  for (const row of cells) ws.addRow(row.map(cellValue));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  header.alignment = { vertical: 'middle', wrapText: false };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
}

export async function excerptsToXlsx(rows: readonly ExcerptRow[], options: ExcerptOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quarry';
  const names = new SheetNames();
  addSheet(wb, names.claim('All'), flattenRows(rows, options));
  for (const group of groupByTheme(rows)) {
    if (!group.theme) continue; // untagged highlights are on the "All" sheet
    const theme = group.theme;
    const sheetRows = group.rows.map((row) => ({ row, themeText: themePath(theme) }));
    addSheet(wb, names.claim(theme.name, theme.path.join(' - ')), sheetRows);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
