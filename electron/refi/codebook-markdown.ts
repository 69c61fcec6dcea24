// Reading a codebook written as a nested Markdown list, the shape
// codebookToMarkdown writes (and analysts type by hand):
//
//   # Codebook
//   - **Geopolitics**
//     State power and strategy
//     - **China leverage**
//
// Each list item is a theme (bold optional), its indentation gives the tree,
// and indented lines under an item are its description. Headings and other
// lines outside the list are ignored.
import type { IncomingTheme } from './codebook';

const ITEM = /^(\s*)[-*+]\s+(.*)$/;

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>#|{}()+\-.!])/g, '$1');
}

function themeName(raw: string): string {
  const t = raw.trim();
  const bold = /^(\*\*|__)(.+?)\1\s*(?:[:—–-]\s*)?$/.exec(t);
  return unescapeMarkdown(bold ? bold[2] : t).trim();
}

const indentOf = (s: string) => s.replace(/\t/g, '    ').length;

export function codebookFromMarkdown(text: string): { themes: IncomingTheme[]; warnings: string[] } {
  const warnings: string[] = [];
  const themes: IncomingTheme[] = [];
  const stack: { indent: number; path: string[]; theme: IncomingTheme }[] = [];
  const seen = new Set<string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const item = ITEM.exec(line);
    if (item) {
      const indent = indentOf(item[1]);
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      const name = themeName(item[2]);
      if (!name) continue;
      const path = [...(stack[stack.length - 1]?.path ?? []), name];
      const key = path.join('\u0000').toLowerCase();
      const theme: IncomingTheme = { path, color: null, description: '' };
      if (seen.has(key)) warnings.push(`Theme “${path.join(' > ')}” appears twice; the first one was used.`);
      else {
        seen.add(key);
        themes.push(theme);
      }
      stack.push({ indent, path, theme });
      continue;
    }
    const top = stack[stack.length - 1];
    if (!line.trim() || !top) continue;
    if (indentOf(/^\s*/.exec(line)![0]) > top.indent) {
      const d = unescapeMarkdown(line.trim());
      top.theme.description = top.theme.description ? `${top.theme.description}\n${d}` : d;
    } else if (!/^#/.test(line.trim())) {
      stack.length = 0; // a paragraph at the margin ends the list
    }
  }
  if (themes.length === 0) warnings.push('No themes found: write them as a Markdown list, one “- Name” per line, sub-themes indented.');
  return { themes, warnings };
}
