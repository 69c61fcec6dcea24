// Batch exports (.csv / .tsv, .jsonl / .ndjson) -> many articles, one per row.
//
// - Columns are matched leniently: case, spaces, underscores, hyphens and dots
//   are ignored, and common synonyms are accepted (see COLUMNS).
// - A row that cannot be imported (no text, bad JSON) becomes a `problem`; the
//   other rows still import. Only a file with no text column at all, or no rows,
//   fails as a whole.
// - Row numbers are what the analyst sees: for CSV the spreadsheet row (the
//   header is row 1), for JSONL the line number.
// - Text cells get the same paragraph rules as .txt imports (text.ts), so a
//   cell imported here and the same text imported as a file are identical.
//   Cells that are HTML (some exporters keep markup) are reduced to text first.
import Papa from 'papaparse';
import { decodeText } from './decode';
import { cleanValue, htmlStringToText, normalizeDate } from './html-to-text';
import { parsePlainText } from './text';
import { ImportError, type ParsedArticle, type ParsedMetadata, type ParseInput } from './types';

export interface BatchArticle extends ParsedArticle {
  /** Where the article came from, for messages and provenance: "row 7" (CSV) or "line 7" (JSONL). */
  rowLabel: string;
}

export interface BatchProblem {
  /** CSV: spreadsheet row (header = 1). JSONL: line number. */
  row: number;
  message: string;
}

export interface BatchResult {
  articles: BatchArticle[];
  problems: BatchProblem[];
  /** File-level remarks, e.g. the encoding used. */
  warnings: string[];
}

type Field = keyof ParsedMetadata | 'text';

/** Accepted header names per field, already in normalised form (see normHeader). */
const COLUMNS: Record<Exclude<Field, 'language'> | 'language', readonly string[]> = {
  text: ['text', 'body', 'content', 'article', 'fulltext', 'articletext', 'bodytext', 'maintext'],
  title: ['title', 'headline', 'name', 'heading'],
  source: ['source', 'outlet', 'publication', 'site', 'sitename', 'publisher', 'newspaper', 'medium'],
  author: ['author', 'byline', 'authors', 'creator', 'writer'],
  url: ['url', 'link', 'href', 'uri', 'permalink'],
  publishedAt: ['publishedat', 'published', 'date', 'pubdate', 'publicationdate', 'datepublished', 'publishdate'],
  language: ['language', 'lang', 'locale'],
};

export function normHeader(h: string): string {
  return h.replace(/^\ufeff/, '').toLowerCase().replace(/[\s_\-.]+/g, '');
}

function fieldOf(header: string): Field | null {
  const n = normHeader(header);
  for (const [field, names] of Object.entries(COLUMNS)) if (names.includes(n)) return field as Field;
  return null;
}

export async function parseBatch(input: ParseInput): Promise<BatchResult> {
  const { fileName } = input;
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1].toLowerCase() ?? '';
  const decoded = decodeText(input.bytes, fileName); // BOM stripped, \n line endings
  const warnings = [...decoded.warnings];
  let rows: RawRow[];
  let problems: BatchProblem[];
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
    ({ rows, problems } = readCsv(decoded.text, fileName, ext === 'tsv' ? '\t' : undefined));
  } else if (ext === 'jsonl' || ext === 'ndjson') {
    ({ rows, problems } = readJsonl(decoded.text));
  } else {
    throw new ImportError(fileName, 'unsupported', `.${ext} is not a batch format (use .csv, .tsv, .jsonl or .ndjson)`);
  }

  const articles: BatchArticle[] = [];
  for (const row of rows) {
    try {
      const article = rowToArticle(row, fileName);
      if (article) articles.push(article);
      else problems.push({ row: row.row, message: `${row.label}: no text column value` });
    } catch (err) {
      problems.push({ row: row.row, message: `${row.label}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  if (articles.length === 0 && problems.length === 0) {
    throw new ImportError(fileName, 'no-text', 'the file has no rows to import');
  }
  return { articles, problems, warnings };
}

interface RawRow {
  row: number;
  label: string;
  values: Partial<Record<Field, string>>;
}

function readCsv(text: string, fileName: string, delimiter?: string): { rows: RawRow[]; problems: BatchProblem[] } {
  // header: false so we control header matching and keep row numbers exact;
  // papaparse handles RFC 4180 quoting (commas, quotes, newlines in fields) and
  // guesses the delimiter among , ; tab | when none is given.
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    delimiter: delimiter ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new ImportError(fileName, 'empty', 'the file is empty');
  const header = records[headerIndex];
  const fields = header.map(fieldOf);
  if (!fields.includes('text')) {
    const found = header.map((h) => JSON.stringify(h.trim())).join(', ');
    throw new ImportError(
      fileName,
      'unsupported',
      `no text column: expected one named ${COLUMNS.text.slice(0, 5).join(', ')} or full_text; found ${found}`,
    );
  }

  const problems: BatchProblem[] = [];
  // Papaparse reports malformed quoting per record; the row may still be usable,
  // but the analyst should check it.
  for (const e of parsed.errors) {
    if (e.type === 'Quotes' && e.row != null) {
      problems.push({ row: e.row + 1, message: `row ${e.row + 1}: ${e.message.toLowerCase()}; check the quoting of this row` });
    }
  }

  const rows: RawRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const values: RawRow['values'] = {};
    cells.forEach((cell, col) => {
      const field = fields[col];
      // First matching column wins ("title" before a later "name").
      if (field && values[field] === undefined) values[field] = cell;
    });
    rows.push({ row: i + 1, label: `row ${i + 1}`, values });
  }
  return { rows, problems };
}

function readJsonl(text: string): { rows: RawRow[]; problems: BatchProblem[] } {
  const rows: RawRow[] = [];
  const problems: BatchProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      problems.push({ row: n, message: `line ${n}: not valid JSON (${why})` });
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      problems.push({ row: n, message: `line ${n}: expected a JSON object` });
      return;
    }
    const values: RawRow['values'] = {};
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      const field = fieldOf(key);
      const s = jsonValueToString(value);
      if (field && values[field] === undefined && s !== null) values[field] = s;
    }
    rows.push({ row: n, label: `line ${n}`, values });
  });
  return { rows, problems };
}

/** Strings and numbers as-is; arrays joined (authors: ["A", "B"]); {name} objects by name. */
function jsonValueToString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(jsonValueToString).filter((x): x is string => !!x && x.trim() !== '');
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (v && typeof v === 'object') {
    const name = (v as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  }
  return null;
}

// Markup worth converting: block or inline tags, not a stray "a < b".
const LOOKS_LIKE_HTML = /<(p|div|br|span|a|h[1-6]|li|ul|ol|em|strong|b|i|blockquote|table|tr|td)\b[^>]*>/i;

function rowToArticle(row: RawRow, fileName: string): BatchArticle | null {
  const raw = row.values.text;
  if (raw === undefined || raw.trim() === '') return null;
  const warnings: string[] = [];
  let text = raw;
  if (LOOKS_LIKE_HTML.test(text)) {
    text = htmlStringToText(text);
    warnings.push('the text was HTML and was reduced to plain text');
  }
  let body: string;
  try {
    body = parsePlainText({ bytes: new TextEncoder().encode(text), fileName, format: 'txt' }).body;
  } catch (err) {
    if (err instanceof ImportError && (err.code === 'empty' || err.code === 'no-text')) return null;
    throw err;
  }
  const metadata: ParsedMetadata = {
    title: cleanValue(row.values.title) ?? firstLine(body),
    author: cleanValue(row.values.author),
    source: cleanValue(row.values.source),
    url: cleanValue(row.values.url),
    publishedAt: normalizeDate(row.values.publishedAt),
    language: cleanValue(row.values.language),
  };
  if (row.values.publishedAt && cleanValue(row.values.publishedAt) && !metadata.publishedAt) {
    warnings.push(`date "${cleanValue(row.values.publishedAt)}" was not understood and was left empty`);
  }
  return { body, metadata, cuts: [], warnings, rowLabel: row.label };
}

/** A title for rows without one: the first line, cut at a word near 100 characters. */
function firstLine(body: string): string {
  const line = body.split('\n', 1)[0].trim();
  if (line.length <= 100) return line;
  const cut = line.slice(0, 100);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trimEnd()}…`;
}
