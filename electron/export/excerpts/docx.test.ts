import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { excerptsToDocx } from './docx';
import { excerptRows } from '../../../test/fixtures/rows';

describe('excerptsToDocx', () => {
  it('writes headings per theme, descriptions, quotes, citations and comments', async () => {
    const buffer = await excerptsToDocx(excerptRows(), { rowPer: 'highlight-theme' });
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain('Excerpts');
    expect(text).toContain('Geopolitics > China leverage\n\nDominance in processing\n\nThe port handles more than 40% of the country’s container traffic\n\n— Dockworkers’ Strike at Veldhaven: What It Means for Supply Chains, Substack, JP-01, 2025-10, https://example.org/jp-01?a=1&b=2');
    // mammoth's raw text drops line breaks (<w:br/>); the HTML test below checks them.
    expect(text).toContain('Comment: Key figure;"90%" vs 80');
    for (const s of ['Quotes "double" & \'single\' <tags> ]]>', 'مرحبا بالعالم', '🙂 then 👩‍👩‍👧', '🇳🇱 Harbour Desk Brief: Four Pressure Points', '「港が止まれば、町の台所も止まる。', 'Economics <"&"> > Japanese text 日本']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('No theme');
  });

  it('styles quotes with the Quote paragraph style and themes as headings', async () => {
    const buffer = await excerptsToDocx(excerptRows(), { rowPer: 'highlight-theme' });
    const { value: html } = await mammoth.convertToHtml({ buffer }, { styleMap: ["p[style-name='Quote'] => blockquote > p:fresh"] });
    expect(html).toContain('<h1>Geopolitics &gt; China leverage</h1>');
    expect(html).toMatch(/<blockquote><p>The port handles more than 40% of the country’s container traffic<\/p><\/blockquote>/);
    // Line breaks inside a quote survive as breaks, not as lost text.
    expect(html).toMatch(/a tab\s*here\.<br \/><br \/>Arabic: مرحبا/);
  });

  it('lists each excerpt once with its themes for rowPer "highlight"', async () => {
    const buffer = await excerptsToDocx(excerptRows(), { rowPer: 'highlight' }, 'My excerpts');
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text.startsWith('My excerpts')).toBe(true);
    expect(text.split('The port handles more than 40%').length - 1).toBe(1);
    expect(text).toContain('Themes: Geopolitics > China leverage; Geopolitics > China leverage > Export controls');
  });

  it('drops characters Word cannot store instead of writing a broken file', async () => {
    const rows = excerptRows().slice(0, 1);
    rows[0] = { ...rows[0], highlight: { ...rows[0].highlight, quote: 'bell\u0007 and NUL\u0000 here' } };
    const { value: text } = await mammoth.extractRawText({ buffer: await excerptsToDocx(rows, { rowPer: 'highlight' }) });
    expect(text).toContain('bell and NUL here');
  });
});
