// The DOCX export, read back with mammoth (an independent DOCX reader).
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookupFrom, standardPassages, themeLookup, UID } from '../../../test/fixtures/memo';
import { exportMemoDocx, type DocxExport } from './export-docx';

// mammoth ships no types; this is the slice the tests use (no ambient module
// declaration, which could clash with one the import pipeline may add).
interface MammothResult {
  value: string;
  messages: { type: string; message: string }[];
}
interface Mammoth {
  extractRawText(input: { buffer: Buffer }): Promise<MammothResult>;
  convertToHtml(input: { buffer: Buffer }, options?: { styleMap?: string[] }): Promise<MammothResult>;
}
const mammoth = createRequire(import.meta.url)('mammoth') as Mammoth;

const body = [
  '# Findings',
  '',
  `Exports **rose** sharply [[hl:${UID.a}]], says *one* source, with \`code\` and a [link](https://example.org/l).`,
  '',
  '## Context',
  '',
  `- first point [[hl:${UID.b}]]`,
  '- second point',
  '  - nested point',
  '',
  '1. step one',
  '2. step two',
  '',
  '### Evidence',
  '',
  `![[hl:${UID.c}]]`,
  '',
  `> An analyst's own block quote about #[[theme:${UID.theme}]].`,
  '',
  `Repeat [[hl:${UID.a}]] and inline ![[hl:${UID.b}]].`,
  '',
  `Broken: [[hl:${UID.deleted}]] and ![[hl:${UID.changed}]]`,
  '',
  '```',
  `not a citation [[hl:${UID.a}]]`,
  '```',
  '',
  '| Country | Share |',
  '|---|---:|',
  '| Malaysia | 13% |',
].join('\n');

describe('exportMemoDocx', () => {
  let out: DocxExport;
  let text: string;
  let html: string;
  beforeAll(async () => {
    out = await exportMemoDocx({ title: 'Chip memo', body }, lookupFrom(standardPassages()), { themes: themeLookup });
    text = (await mammoth.extractRawText({ buffer: out.data })).value;
    html = (
      await mammoth.convertToHtml(
        { buffer: out.data },
        { styleMap: ["p[style-name='Quote'] => blockquote > p:fresh", "p[style-name='Quote Source'] => blockquote > p.source:fresh"] },
      )
    ).value;
  });

  it('is a real DOCX (zip) file', () => {
    expect(out.data.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('keeps headings, lists, emphasis, code and tables', () => {
    expect(html).toContain('<h1>Findings</h1>');
    expect(html).toContain('<h2>Context</h2>');
    expect(html).toContain('<h3>Evidence</h3>');
    expect(html).toContain('<strong>rose</strong>');
    expect(html).toContain('<em>one</em>');
    expect(html).toContain('<a href="https://example.org/l">link</a>');
    expect(html).toMatch(/<ul><li>first point <sup>.*?<\/sup><\/li><li>second point<ul><li>nested point<\/li><\/ul><\/li><\/ul>/);
    expect(html).toContain('<ol><li>step one</li><li>step two</li></ol>');
    expect(html).toContain('<td><p>Malaysia</p></td>');
    expect(text).toContain(`not a citation [[hl:${UID.a}]]`); // code is verbatim
    // The body opened with its own H1, so no extra title paragraph.
    expect(text.indexOf('Chip memo')).toBe(-1);
  });

  it('turns each citation into a real Word footnote with the full reference', () => {
    // Each note's text, without mammoth's back-link.
    const notes = [...html.matchAll(/<li id="footnote-(\d+)">(.*?)<\/li>/g)].map((m) => m[2].replace(/ <a href="#footnote-ref-\d+">↑<\/a>/, ''));
    // a, b, a again, inline b: Word has no shared footnotes, so 4 notes, in order.
    expect(notes).toHaveLength(4);
    expect(notes[0]).toContain('“Exports rose 12% 📈 in the third quarter.” — Jane Doe, <em>Chip makers shift to Malaysia</em>, Nikkei Asia, 2025-10-28. <a href="https://example.org/chips">https://example.org/chips</a>');
    expect(notes[1]).toContain('“The ministry declined to comment.” — <em>Ministry silent</em>, Reuters, 2025-09.');
    expect(notes[2]).toBe(notes[0]);
    expect(html).toMatch(/sharply <sup><a href="#footnote-1" id="footnote-ref-1">\[1\]<\/a><\/sup>/);
    expect(html).toContain('inline “The ministry declined to comment.”<sup><a href="#footnote-4"');
  });

  it('styles embedded quotes as quote paragraphs with a source line', () => {
    // (mammoth merges adjacent quote paragraphs into one <blockquote>; Word shows them as styled paragraphs.)
    expect(html).toContain('<blockquote><p>First paragraph of the quote.</p><p>Second &lt;paragraph&gt; &amp; more.</p><p class="source">— Nikkei Asia, <em>Chip makers shift to Malaysia</em>, 2025-10-28</p>');
    // The analyst's own Markdown block quote uses the same Quote style; theme refs become names.
    expect(html).toContain("<p>An analyst's own block quote about Supply chains.</p></blockquote>");
  });

  it('shows broken citations as visible text and reports them', () => {
    expect(text).toContain('Broken: [broken citation: passage was deleted] and [broken citation: quoted text no longer matches the article]');
    expect(out.warnings.map((w) => w.message)).toEqual([
      'Line 22, column 9: broken citation (passage was deleted)',
      'Line 22, column 57: broken citation (quoted text no longer matches the article)',
    ]);
  });

  it('ends with a Sources section listing each cited article once, alphabetically', () => {
    const sources = text.slice(text.lastIndexOf('Sources'));
    expect(sources).toContain('Jane Doe. Chip makers shift to Malaysia. Nikkei Asia, 2025-10-28. https://example.org/chips');
    expect(sources).toContain('Ministry silent. Reuters, 2025-09.');
    expect(sources.indexOf('Jane Doe')).toBeLessThan(sources.indexOf('Ministry silent'));
    expect(sources.match(/Jane Doe/g)).toHaveLength(1);
  });

  it('adds the memo title when the body has no H1 of its own', async () => {
    const small = await exportMemoDocx({ title: 'Plain memo', body: 'Just text.' }, lookupFrom([]));
    const raw = (await mammoth.extractRawText({ buffer: small.data })).value;
    expect(raw.trim().startsWith('Plain memo')).toBe(true);
    expect(raw).not.toContain('Sources');
  });
});
