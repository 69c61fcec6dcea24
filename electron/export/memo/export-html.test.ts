import { describe, expect, it } from 'vitest';
import { lookupFrom, standardPassages, themeLookup, UID } from '../../../test/fixtures/memo';
import { EXPORT_CSP, exportMemoHtml } from './export-html';

const lookup = lookupFrom(standardPassages());
const body = [
  `Exports grew [[hl:${UID.a}]] while #[[theme:${UID.theme}]] shifted.`,
  '',
  `![[hl:${UID.c}]]`,
  '',
  `Broken: [[hl:${UID.orphaned}]]`,
  '',
  '<script>alert(1)</script> <img src="https://tracker.example/x.png" onerror="alert(1)">',
  '',
  '![remote](https://tracker.example/pixel.png)',
].join('\n');

describe('exportMemoHtml', () => {
  const { html, warnings } = exportMemoHtml({ title: 'Chips & <tariffs>', body }, lookup, { themes: themeLookup });

  it('is one self-contained document: inline CSS, strict CSP, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
    expect(EXPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    // Nothing that would be fetched: no src, no stylesheet links, no CSS url()/@import, no script.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag, tag).not.toMatch(/\s(?:src|srcset|poster|data|action|background)\s*=/i);
      // http(s) in markup only as the href of an ordinary link: followed by a reader, never loaded.
      if (/https?:/i.test(tag)) expect(tag, tag).toMatch(/^<a href="https?:\/\/[^"]+"( rel="noopener noreferrer")?>$/);
    }
    expect(html).not.toMatch(/<link\b|<script|<img|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/url\(|@import/i);
    // The image and the raw <img> the memo held are text now, not requests.
    expect(html).toContain('<span class="image-ref">[image: remote]</span>');
    expect(html).not.toContain('href="https://tracker.example');
  });

  it('titles the page with the memo title, escaped', () => {
    expect(html).toContain('<title>Chips &amp; &lt;tariffs&gt;</title>');
    expect(html).toContain('<h1>Chips &amp; &lt;tariffs&gt;</h1>');
  });

  it('carries the sanitised render: notes, embeds, plain theme names, broken markers', () => {
    expect(html).toContain(`<sup class="cite"><a href="#fn-1" id="fnref-1" data-hl="${UID.a}" rel="noopener noreferrer">1</a></sup>`);
    expect(html).toContain(`<span class="theme-ref" data-theme="${UID.theme}">Supply chains</span>`);
    expect(html).toContain(`<blockquote class="embed" data-hl="${UID.c}"`);
    expect(html).toContain('[broken citation: passage could not be re-anchored after the article changed]');
    expect(html).toContain('<li id="fn-1"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;'); // typed HTML shows as text
    expect(warnings).toEqual([
      { message: 'Line 5, column 9: broken citation (passage could not be re-anchored after the article changed)', line: 5, column: 9, uid: UID.orphaned },
    ]);
  });

  it('does not repeat the title when the memo opens with its own heading', () => {
    const out = exportMemoHtml({ title: 'T', body: '# My heading\n\nText' }, lookup).html;
    expect(out).toContain('<title>T</title>');
    expect(out).not.toContain('<h1>T</h1>');
    expect(out).toContain('<h1 data-line="1">My heading</h1>');
  });
});
