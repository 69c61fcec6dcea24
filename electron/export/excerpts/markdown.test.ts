import { describe, expect, it } from 'vitest';
import { escapeMarkdown, excerptsToMarkdown } from './markdown';
import { excerptRows } from '../../../test/fixtures/rows';

describe('excerptsToMarkdown', () => {
  it('groups by theme: path heading, description, block quotes, citation lines', () => {
    const md = excerptsToMarkdown(excerptRows(), { rowPer: 'highlight-theme' });
    expect(md.startsWith('# Excerpts\n\n## Geopolitics > China leverage\n\nDominance in processing\n\n> The port handles more than 40% of the country’s container traffic\n\n— Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains, Substack, JP-01, 2025-10, https://example.org/jp-01?a=1&b=2\n\nComment: Key figure;\n"90%" vs 80\n\n')).toBe(true);
    expect(md).toContain('## Economics \\<"&"> > Japanese text 日本');
    expect(md).toContain('> 「港が止まれば、町の台所も止まる。');
    expect(md).toContain('> 🇳🇱 Harbour Desk Brief: Four Pressure Points');
    // A multi-paragraph quote stays one block quote.
    expect(md).toContain('> a tab\there.\n>\n> Arabic: مرحبا\n\n— Special \\<characters> & "quotes", Wire, 2025-10-28');
    expect(md).toMatch(/## No theme\n\n> From the Union Hall\n/);
    // Each excerpt appears under each of its themes.
    expect(md.split('> The port handles more than 40%').length - 1).toBe(2);
  });

  it('lists excerpts once with their themes for rowPer "highlight"', () => {
    const md = excerptsToMarkdown(excerptRows(), { rowPer: 'highlight' });
    expect(md.split('> The port handles more than 40%').length - 1).toBe(1);
    expect(md).toContain('Themes: Geopolitics > China leverage; Geopolitics > China leverage > Export controls');
    expect(md).not.toContain('## ');
  });

  it('escapes Markdown syntax so quotes render as written', () => {
    expect(escapeMarkdown('# not a heading *or* [link](x) <b>')).toBe('\\# not a heading \\*or\\* \\[link\\](x) \\<b>');
    expect(escapeMarkdown('1. not a list\n- nor this')).toBe('1\\. not a list\n\\- nor this');
  });
});
