import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { lookupFrom, passage, standardPassages, themeLookup, UID } from '../../../test/fixtures/memo';
import { escapeMarkdown, exportMemoMarkdown } from './export-markdown';

const lookup = lookupFrom(standardPassages());
const exportMd = (body: string, title = 'Chip memo') => exportMemoMarkdown({ title, body }, lookup, { themes: themeLookup });

describe('exportMemoMarkdown', () => {
  it('turns citations into numbered footnotes with definitions at the end', () => {
    const { text, warnings } = exportMd(`First [[hl:${UID.b}]], then [[hl:${UID.a}]] and [[hl:${UID.b}]] again.`);
    expect(text).toBe(
      [
        '# Chip memo',
        '',
        'First [^1], then [^2] and [^1] again.',
        '',
        '[^1]: “The ministry declined to comment.” — *Ministry silent*, Reuters, 2025-09.',
        '[^2]: “Exports rose 12% 📈 in the third quarter.” — Jane Doe, *Chip makers shift to Malaysia*, Nikkei Asia, 2025-10-28. <https://example.org/chips>',
        '',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
  });

  it('writes block embeds as block quotes with a source line, inside their list item', () => {
    const { text } = exportMd(`# Own title\n\n![[hl:${UID.c}]]\nNext paragraph.\n\n- ![[hl:${UID.a}]]\n- other`);
    expect(text).toBe(
      [
        '# Own title', // the body opens with its own H1: no second title
        '',
        '> First paragraph of the quote.',
        '>',
        '> Second \\<paragraph\\> \\& more.',
        '>',
        '> — Nikkei Asia, *Chip makers shift to Malaysia*, 2025-10-28',
        '',
        'Next paragraph.',
        '',
        '- > Exports rose 12% 📈 in the third quarter.',
        '  >',
        '  > — Nikkei Asia, *Chip makers shift to Malaysia*, 2025-10-28',
        '- other',
        '',
      ].join('\n'),
    );
    // Read back by a plain CommonMark renderer, the structure holds.
    const html = new MarkdownIt().render(text);
    expect(html).toContain('<p>— Nikkei Asia, <em>Chip makers shift to Malaysia</em>, 2025-10-28</p>\n</blockquote>\n<p>Next paragraph.</p>');
    expect(html).toMatch(/<li>\s*<blockquote>\s*<p>Exports rose/);
  });

  it('writes inline embeds as quotations with a footnote', () => {
    const { text } = exportMd(`They said ![[hl:${UID.b}]] twice.`);
    expect(text).toContain('They said “The ministry declined to comment.”[^1] twice.');
    expect(text).toContain('[^1]: “The ministry declined to comment.”');
  });

  it('marks broken citations in bold and warns with line and column', () => {
    const { text, warnings } = exportMd(`ok\n\nSee [[hl:${UID.deleted}]] and #[[theme:${UID.missing}]].\n\n![[hl:${UID.missing}]]`);
    expect(text).toContain('See **[broken citation: passage was deleted]** and **[broken theme reference: no theme with this id]**.');
    expect(text).toContain('\n**[broken citation: no passage with this id]**\n');
    expect(warnings).toEqual([
      { message: 'Line 3, column 5: broken citation (passage was deleted)', line: 3, column: 5, uid: UID.deleted },
      { message: 'Line 3, column 53: broken theme reference (no theme with this id)', line: 3, column: 53, uid: UID.missing },
      { message: 'Line 5, column 1: broken citation (no passage with this id)', line: 5, column: 1, uid: UID.missing },
    ]);
  });

  it('replaces theme references with their names and leaves code untouched', () => {
    const body = `On #[[theme:${UID.theme}]]: \`[[hl:${UID.a}]]\`\n\n\`\`\`\n![[hl:${UID.a}]]\n\`\`\``;
    const { text } = exportMd(body);
    expect(text).toContain(`On Supply chains: \`[[hl:${UID.a}]]\``);
    expect(text).toContain(`\`\`\`\n![[hl:${UID.a}]]\n\`\`\``);
    expect(text).not.toContain('[^');
  });

  it('escapes Markdown in quoted text and titles, and avoids clashing with existing notes', () => {
    const tricky = passage('d', '*not emphasis* [not a link](x) <b>', 'ok');
    const { text } = exportMemoMarkdown({ title: 'A *title* # 1', body: `Mine[^1] and ours [[hl:d]].\n\n[^1]: my own note` }, lookupFrom([tricky]));
    expect(text.startsWith('# A \\*title\\* \\# 1\n')).toBe(true);
    expect(text).toContain('ours [^cite-1].');
    expect(text).toContain('[^cite-1]: “\\*not emphasis\\* \\[not a link\\](x) \\<b\\>”');
    expect(escapeMarkdown('- item\n1. one\n2) two')).toBe('\\- item\n1\\. one\n2\\) two');
  });
});
