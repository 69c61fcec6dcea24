// Excerpts as Markdown: one section per theme (its path as heading, its
// description as a paragraph), each excerpt a block quote followed by its
// citation line. With rowPer 'highlight' the list is flat and each excerpt
// names its themes instead.
import { citationParts, groupByTheme, themePath, THEME_LIST_SEPARATOR, type ExcerptOptions, type ExcerptRow } from './types';

/** Escapes what would change meaning inline, and block markers at a line start. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<|])/g, '\\$1') // ">" only matters at a line start (below)
    .replace(/^(\s*)([#+=>-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

function blockQuote(text: string): string {
  return text.split('\n').map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>')).join('\n');
}

function excerptBlock(row: ExcerptRow, withThemes: boolean): string {
  const parts = [blockQuote(row.highlight.quote), `— ${escapeMarkdown(citationParts(row.article).join(', '))}`];
  if (withThemes && row.themes.length) parts.push(`Themes: ${escapeMarkdown(row.themes.map(themePath).join(THEME_LIST_SEPARATOR))}`);
  if (row.highlight.comment.trim()) parts.push(`Comment: ${escapeMarkdown(row.highlight.comment)}`);
  return parts.join('\n\n');
}

export function excerptsToMarkdown(rows: readonly ExcerptRow[], options: ExcerptOptions, title = 'Excerpts'): string {
  const out = [`# ${escapeMarkdown(title)}`];
  if (options.rowPer === 'highlight') {
    for (const row of rows) out.push(excerptBlock(row, true));
  } else {
    for (const group of groupByTheme(rows)) {
      out.push(`## ${group.theme ? escapeMarkdown(themePath(group.theme)) : 'No theme'}`);
      if (group.theme?.description.trim()) out.push(escapeMarkdown(group.theme.description.trim()));
      for (const row of group.rows) out.push(excerptBlock(row, false));
    }
  }
  return out.join('\n\n') + '\n';
}
