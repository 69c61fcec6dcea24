// Codebook exchange in the plain formats analysts pass around: CSV (one row
// per theme, the tree as a "Parent > Child" path) and Markdown (a nested list),
// plus a pure merge of an incoming codebook into the existing themes.
import Papa from 'papaparse';
import type { Id, Theme } from '../../db/types';
import { DEFAULT_THEME_COLOR, parseColor } from './colors';
import { buildThemeTree, walkThemeTree, type ThemeNode } from '../../core/codebook/tree';

export const PATH_SEPARATOR = ' > ';
const BOM = '\uFEFF';
// Cells Excel would run as formulas get a leading apostrophe (OWASP CSV
// injection advice); codebookFromCsv removes it again so the round trip is exact.
const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'(?=[=+\-@\t\r])/;

export interface IncomingTheme {
  path: string[];
  color: string | null; // #RRGGBB, or null when the file gave none
  description: string;
}

/** CSV with columns path, description, color; UTF-8 with BOM (for Excel), CRLF rows. */
export function codebookToCsv(themes: readonly Theme[]): string {
  const rows = [...walkThemeTree(buildThemeTree(themes))].map((n) => [n.path.join(PATH_SEPARATOR), n.theme.description, n.theme.color]);
  return BOM + Papa.unparse({ fields: ['path', 'description', 'color'], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

const PATH_HEADERS = ['path', 'theme', 'code', 'name'];

export function codebookFromCsv(text: string): { themes: IncomingTheme[]; warnings: string[] } {
  const warnings: string[] = [];
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  for (const e of parsed.errors.slice(0, 5)) warnings.push(`CSV row ${(e.row ?? 0) + 1}: ${e.message}`);
  const [header = [], ...rows] = parsed.data;
  const cols = header.map((h) => h.trim().toLowerCase());
  let pathCol = cols.findIndex((c) => PATH_HEADERS.includes(c));
  let descCol = cols.findIndex((c) => c === 'description' || c === 'definition');
  let colorCol = cols.findIndex((c) => c === 'color' || c === 'colour');
  if (pathCol < 0) {
    // No recognisable header: read columns by position and keep the first row as data.
    warnings.push('No "path" column header found; read the columns as path, description, color.');
    [pathCol, descCol, colorCol] = [0, 1, 2];
    rows.unshift(header);
  }
  const seen = new Set<string>();
  const themes: IncomingTheme[] = [];
  rows.forEach((row, i) => {
    const cell = (col: number) => (col >= 0 ? (row[col] ?? '').replace(GUARDED, '') : '');
    const path = cell(pathCol).split(PATH_SEPARATOR).map((p) => p.trim()).filter(Boolean);
    if (!path.length) {
      warnings.push(`Row ${i + 2} has no theme name; skipped.`);
      return;
    }
    const key = path.join(PATH_SEPARATOR).toLowerCase();
    if (seen.has(key)) {
      warnings.push(`Theme "${path.join(PATH_SEPARATOR)}" appears twice; the first row was used.`);
      return;
    }
    seen.add(key);
    const rawColor = cell(colorCol).trim();
    let color: string | null = null;
    if (rawColor) {
      const c = parseColor(rawColor);
      if (c.ok) color = c.color;
      else warnings.push(`Theme "${path.join(PATH_SEPARATOR)}" has an unreadable colour "${rawColor}"; it will get the default colour.`);
    }
    themes.push({ path, color, description: cell(descCol) });
  });
  return { themes, warnings };
}

function markdownEscape(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A nested Markdown list: bold names, each description indented under its theme. */
export function codebookToMarkdown(themes: readonly Theme[], title = 'Codebook'): string {
  const lines = [`# ${markdownEscape(title)}`, ''];
  const visit = (nodes: readonly ThemeNode<Theme>[], depth: number) => {
    for (const n of nodes) {
      const indent = '  '.repeat(depth);
      lines.push(`${indent}- **${markdownEscape(n.theme.name)}**`);
      // Continuation lines indented under the item stay part of it in CommonMark.
      for (const line of n.theme.description.split(/\r?\n/).filter((l) => l.trim())) lines.push(`${indent}  ${markdownEscape(line.trim())}`);
      visit(n.children, depth + 1);
    }
  };
  visit(buildThemeTree(themes), 0);
  return lines.join('\n') + '\n';
}

export interface ThemeToCreate {
  path: string[];
  name: string;
  /** Id of an existing parent, or null: then parentPath names a parent created earlier in the list (or the root). */
  parentId: Id | null;
  parentPath: string[];
  color: string;
  description: string;
}

export interface CodebookMerge {
  toCreate: ThemeToCreate[]; // parents before children
  existing: string[]; // incoming paths that already existed (left unchanged)
  added: string[]; // paths that will be created, including implied parents
}

/**
 * Merges by name path, names compared case-insensitively (trimmed). Existing
 * themes are never changed; missing parents of an incoming path are created.
 * Soft-deleted themes do not count as existing.
 */
export function mergeCodebook(existing: readonly Theme[], incoming: readonly IncomingTheme[]): CodebookMerge {
  const key = (path: readonly string[]) => path.map((p) => p.trim().toLowerCase()).join('\u0000');
  const idByPath = new Map<string, Id>();
  for (const n of walkThemeTree(buildThemeTree(existing))) idByPath.set(key(n.path), n.theme.id);
  const planned = new Map<string, ThemeToCreate>();
  const result: CodebookMerge = { toCreate: [], existing: [], added: [] };

  for (const item of incoming) {
    const path = item.path.map((p) => p.trim()).filter(Boolean);
    if (!path.length) continue;
    if (idByPath.has(key(path))) {
      result.existing.push(path.join(PATH_SEPARATOR));
      continue;
    }
    if (planned.has(key(path))) {
      // Created earlier as an implied parent: this row supplies its details.
      const p = planned.get(key(path))!;
      if (item.color) p.color = item.color;
      if (item.description) p.description = item.description;
      continue;
    }
    for (let depth = 1; depth <= path.length; depth++) {
      const sub = path.slice(0, depth);
      if (idByPath.has(key(sub)) || planned.has(key(sub))) continue;
      const parentPath = sub.slice(0, -1);
      const isLeaf = depth === path.length;
      const create: ThemeToCreate = {
        path: sub,
        name: sub[sub.length - 1],
        parentId: parentPath.length ? idByPath.get(key(parentPath)) ?? null : null,
        parentPath,
        color: (isLeaf && item.color) || DEFAULT_THEME_COLOR,
        description: isLeaf ? item.description : '',
      };
      planned.set(key(sub), create);
      result.toCreate.push(create);
      result.added.push(sub.join(PATH_SEPARATOR));
    }
  }
  return result;
}
