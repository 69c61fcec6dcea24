// What every excerpt exporter takes, and the two views of it they share:
// flat rows (CSV, XLSX) and groups by theme (Markdown, DOCX, XLSX sheets).
import type { Article, Highlight, Id } from '../../../db/types';

export interface ExcerptTheme {
  id: Id;
  name: string;
  path: string[]; // names from the root theme down to this one
  description: string;
  color: string;
}

/** The article fields an excerpt cites. `body` is optional; the JSON export needs it for code-point positions. */
export type ExcerptArticle = Pick<Article, 'uid' | 'title' | 'source' | 'author' | 'publishedAt' | 'url'> & { body?: string };

export interface ExcerptRow {
  highlight: Highlight;
  article: ExcerptArticle;
  themes: ExcerptTheme[];
}

export interface ExcerptOptions {
  /** 'highlight-theme': one row per (highlight, theme) pair; 'highlight': one row per highlight, themes joined. */
  rowPer: 'highlight-theme' | 'highlight';
}

export const PATH_SEPARATOR = ' > ';
export const THEME_LIST_SEPARATOR = '; ';

export function themePath(theme: ExcerptTheme): string {
  return (theme.path.length ? theme.path : [theme.name]).join(PATH_SEPARATOR);
}

/** One output row: the excerpt and the theme text its row shows. */
export interface FlatExcerpt {
  row: ExcerptRow;
  themeText: string;
}

export function flattenRows(rows: readonly ExcerptRow[], options: ExcerptOptions): FlatExcerpt[] {
  if (options.rowPer === 'highlight') {
    return rows.map((row) => ({ row, themeText: row.themes.map(themePath).join(THEME_LIST_SEPARATOR) }));
  }
  // A highlight without a theme still gets its row (empty theme), so nothing is lost.
  return rows.flatMap((row) => (row.themes.length ? row.themes.map((t) => ({ row, themeText: themePath(t) })) : [{ row, themeText: '' }]));
}

export interface ThemeGroup {
  theme: ExcerptTheme | null; // null: highlights without a theme
  rows: ExcerptRow[];
}

/** Groups in order of first appearance (the caller's sort order); untagged last. */
export function groupByTheme(rows: readonly ExcerptRow[]): ThemeGroup[] {
  const groups = new Map<Id, ThemeGroup>();
  const untagged: ExcerptRow[] = [];
  for (const row of rows) {
    if (!row.themes.length) untagged.push(row);
    for (const theme of row.themes) {
      const g = groups.get(theme.id) ?? { theme, rows: [] };
      g.rows.push(row);
      groups.set(theme.id, g);
    }
  }
  const out = [...groups.values()];
  if (untagged.length) out.push({ theme: null, rows: untagged });
  return out;
}

/** "Title, Source, Author, Date, URL" with the empty parts left out. */
export function citationParts(article: ExcerptArticle): string[] {
  return [article.title, article.source, article.author, article.publishedAt, article.url].filter((p): p is string => !!p && !!p.trim());
}

export const COLUMNS = ['Theme', 'Quote', 'Comment', 'Article', 'Source', 'Author', 'Published', 'URL', 'Start', 'End', 'Created'] as const;

/** Cell values in COLUMNS order. Start/End are Quarry's UTF-16 offsets into the article body. */
export function rowCells(f: FlatExcerpt): (string | number)[] {
  const { highlight: h, article: a } = f.row;
  return [f.themeText, h.quote, h.comment, a.title, a.source ?? '', a.author ?? '', a.publishedAt ?? '', a.url ?? '', h.start, h.end, h.createdAt];
}
