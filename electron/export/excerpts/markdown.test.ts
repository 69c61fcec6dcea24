import { describe, expect, it } from 'vitest';
import { escapeMarkdown, excerptsToMarkdown } from './markdown';
import { excerptRows } from '../../../test/fixtures/rows';

describe('excerptsToMarkdown', () => {
  it('groups by theme: path heading, description, block quotes, citation lines', () => {
    const md = excerptsToMarkdown(excerptRows(), { rowPer: 'highlight-theme' });
    expect(md.startsWith('# Excerpts\n\n## Geopolitics > China leverage\n\nDominance in processing\n\n> China processes more than 90% of the world’s rare earth elements\n\n— U.S. and Japan Forge Rare Earths Alliance, Substack, JP-01, 2025-10, https://example.org/jp-01?a=1&b=2\n\nComment: Key figure;\n"90%" vs 80\n\n')).toBe(true);
    expect(md).toContain('## Economics \\<"&"> > Japanese text 日本');
    expect(md).toContain('> 「文明が発展すればするほど、必要とされる鉱物は深く地中に潜る。');
    expect(md).toContain('> 🇯🇵 JP-01 Assessment: Strategic Layers');
    // A multi-paragraph quote stays one block quote.
    expect(md).toContain('> a tab\there.\n>\n> Arabic: مرحبا\n\n— Special \\<characters> & "quotes", Wire, 2025-10-28');
    expect(md).toMatch(/## No theme\n\n> Literary Echo\n/);
    // Each excerpt appears under each of its themes.
    expect(md.split('> China processes more than 90%').length - 1).toBe(2);
  });

  it('lists excerpts once with their themes for rowPer "highlight"', () => {
    const md = excerptsToMarkdown(excerptRows(), { rowPer: 'highlight' });
    expect(md.split('> China processes more than 90%').length - 1).toBe(1);
    expect(md).toContain('Themes: Geopolitics > China leverage; Geopolitics > China leverage > Export controls');
    expect(md).not.toContain('## ');
  });

  it('escapes Markdown syntax so quotes render as written', () => {
    expect(escapeMarkdown('# not a heading *or* [link](x) <b>')).toBe('\\# not a heading \\*or\\* \\[link\\](x) \\<b>');
    expect(escapeMarkdown('1. not a list\n- nor this')).toBe('1\\. not a list\n\\- nor this');
  });
});
