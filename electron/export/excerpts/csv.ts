// Excerpts as CSV (RFC 4180): UTF-8 with BOM so Excel detects the encoding,
// CRLF row ends, fields quoted when they hold commas, quotes or line breaks.
//
// CSV injection: a cell starting with = + - @ TAB or CR is prefixed with a
// single quote (OWASP's advice), because Excel and LibreOffice would run it as
// a formula. Quotes that really start with "-" (bullet lists) therefore show
// a leading ' in other tools: the price of opening safely in a spreadsheet.
// papaparse's own `escapeFormulae: true` misses cells whose formula line is
// followed by a newline, hence our own pattern.
import Papa from 'papaparse';
import { COLUMNS, flattenRows, rowCells, type ExcerptOptions, type ExcerptRow } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

export function excerptsToCsv(rows: readonly ExcerptRow[], options: ExcerptOptions): string {
  const data = flattenRows(rows, options).map(rowCells);
  return '\uFEFF' + Papa.unparse({ fields: [...COLUMNS], data }, { newline: '\r\n', escapeFormulae: FORMULA_START }) + '\r\n';
}
