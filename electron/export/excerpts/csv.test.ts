import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { excerptsToCsv } from './csv';
import { excerptRows } from '../../../test/fixtures/rows';
import { COLUMNS } from './types';

function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const result = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('excerptsToCsv', () => {
  it('writes one row per highlight and theme, RFC 4180 quoted, CRLF rows', () => {
    const rows = excerptRows();
    const csv = excerptsToCsv(rows, { rowPer: 'highlight-theme' });
    const [header, ...data] = parse(csv);
    expect(header).toEqual([...COLUMNS]);
    const expected = rows.reduce((n, r) => n + Math.max(1, r.themes.length), 0);
    expect(data).toHaveLength(expected);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF' + COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    // The first highlight has two themes -> two rows, same quote.
    const first = data.filter((r) => r[1] === rows[0].highlight.quote);
    expect(first.map((r) => r[0])).toEqual(['Geopolitics > China leverage', 'Geopolitics > China leverage > Export controls']);
    expect(first[0].slice(2)).toEqual(['Key figure;\n"90%" vs 80', 'Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains', 'Substack', 'JP-01', '2025-10', 'https://example.org/jp-01?a=1&b=2', String(rows[0].highlight.start), String(rows[0].highlight.end), '2025-10-28T09:00:00.000Z']);
  });

  it('keeps quotes, commas, newlines, tabs, emoji, flags, Arabic and Japanese intact', () => {
    const data = parse(excerptsToCsv(excerptRows(), { rowPer: 'highlight' })).slice(1);
    const quotes = data.map((r) => r[1]);
    for (const q of ['Quotes "double" & \'single\' <tags> ]]>', 'مرحبا بالعالم', '🙂 then 👩‍👩‍👧', '🇳🇱 Harbour Desk Brief: Four Pressure Points', '「港が止まれば、町の台所も止まる。', 'a tab\there.\n\nArabic: مرحبا']) {
      expect(quotes).toContain(q);
    }
    expect(data.find((r) => r[1].startsWith('a tab'))![2]).toBe('multi, line\n"comment"');
  });

  it('joins themes in one cell with rowPer "highlight" and keeps untagged highlights', () => {
    const rows = excerptRows();
    const data = parse(excerptsToCsv(rows, { rowPer: 'highlight' })).slice(1);
    expect(data).toHaveLength(rows.length);
    expect(data[0][0]).toBe('Geopolitics > China leverage; Geopolitics > China leverage > Export controls');
    expect(data.find((r) => r[1] === 'From the Union Hall')![0]).toBe('');
  });

  it('guards cells that a spreadsheet would run as formulas', () => {
    const rows = excerptRows().slice(0, 1);
    rows[0] = { ...rows[0], highlight: { ...rows[0].highlight, quote: '=HYPERLINK("http://evil")', comment: '@SUM(1)\nsecond line' }, article: { ...rows[0].article, title: '-2+3', author: '+cmd', source: '\tx' } };
    const data = parse(excerptsToCsv(rows, { rowPer: 'highlight' })).slice(1);
    expect(data[0].slice(1, 6)).toEqual(["'=HYPERLINK(\"http://evil\")", "'@SUM(1)\nsecond line", "'-2+3", "'\tx", "'+cmd"]);
  });
});
