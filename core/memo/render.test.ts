import { describe, expect, it } from 'vitest';
import { renderMemoHtml } from './render';
import { resolveCitations } from './resolve';
import { lookupFrom, standardPassages, themeLookup, UID } from '../../test/fixtures/memo';
import { parseCitationTokens } from './tokens';

const lookup = lookupFrom(standardPassages());
const render = (md: string, linkBase?: string | null) => renderMemoHtml(md, lookup, { themes: themeLookup, linkBase });

describe('renderMemoHtml', () => {
  it('turns citations into numbered footnote references, repeats sharing a number', () => {
    const { html, footnotes } = render(`One [[hl:${UID.b}]], two [[hl:${UID.a}]], again [[hl:${UID.b.toUpperCase()}]].`);
    expect(html).toContain(`<sup class="cite"><a href="#fn-1" id="fnref-1" data-hl="${UID.b}">1</a></sup>`);
    expect(html).toContain(`<sup class="cite"><a href="#fn-2" id="fnref-2" data-hl="${UID.a}">2</a></sup>`);
    // The repeat links to the same note, without repeating the back-link target id.
    expect(html).toContain(`again <sup class="cite"><a href="#fn-1" data-hl="${UID.b}">1</a></sup>`);
    expect(footnotes.map((f) => [f.n, f.uid])).toEqual([
      [1, UID.b],
      [2, UID.a],
    ]);
  });

  it('ends with a footnotes section: quote, author, title, source, date, URL', () => {
    const { html } = render(`Text [[hl:${UID.a}]] and [[hl:${UID.b}]].`);
    const section = html.slice(html.indexOf('<section class="footnotes">'));
    expect(section).toContain(
      `<li id="fn-1" data-hl="${UID.a}">“Exports rose 12% 📈 in the third quarter.” — Jane Doe, <cite>Chip makers shift to Malaysia</cite>, Nikkei Asia, 2025-10-28. <a href="https://example.org/chips">https://example.org/chips</a>`,
    );
    // Missing author/URL are left out rather than printed as blanks.
    expect(section).toContain(`<li id="fn-2" data-hl="${UID.b}">“The ministry declined to comment.” — <cite>Ministry silent</cite>, Reuters, 2025-09. <a href="#fnref-2"`);
    expect(html.trimEnd().endsWith('</section>')).toBe(true);
  });

  it('renders a block embed as a block quote with its source line, paragraphs kept and escaped', () => {
    const { html, footnotes } = render(`Intro\n\n![[hl:${UID.c}]]\n\nAfter`);
    expect(html).toContain(
      `<blockquote class="embed" data-hl="${UID.c}" data-line="3"><p>First paragraph of the quote.</p><p>Second &lt;paragraph&gt; &amp; more.</p><footer>— Nikkei Asia, <cite>Chip makers shift to Malaysia</cite>, 2025-10-28</footer></blockquote>`,
    );
    expect(footnotes).toEqual([]);
  });

  it('renders an embed inside text as an inline quotation with a note', () => {
    const { html, footnotes } = render(`As the ministry put it, ![[hl:${UID.b}]], nothing.`);
    expect(html).toContain(`<q class="embed-inline" data-hl="${UID.b}">The ministry declined to comment.</q><sup class="cite"><a href="#fn-1"`);
    expect(footnotes).toHaveLength(1);
  });

  it('marks broken citations visibly, with the reason, and lists them with positions', () => {
    const md = `a [[hl:${UID.deleted}]]\n\n![[hl:${UID.orphaned}]]\n\nb [[hl:${UID.changed}]] c [[hl:${UID.missing}]] #[[theme:${UID.missing}]]`;
    const { html, broken, footnotes } = render(md);
    expect(html).toContain(`<mark class="broken-cite" title="passage was deleted" data-hl="${UID.deleted}">[broken citation: passage was deleted]</mark>`);
    expect(html).toContain(
      `<p class="broken-embed" data-line="3"><mark class="broken-cite" title="passage could not be re-anchored after the article changed" data-hl="${UID.orphaned}">[broken citation: passage could not be re-anchored after the article changed]</mark></p>`,
    );
    expect(html).toContain('[broken citation: quoted text no longer matches the article]');
    expect(html).toContain('[broken citation: no passage with this id]');
    expect(html).toContain(`<mark class="broken-cite" title="no theme with this id" data-theme="${UID.missing}">[broken theme reference: no theme with this id]</mark>`);
    expect(broken.map((b) => [b.status, b.line])).toEqual([
      ['deleted', 1],
      ['orphaned', 3],
      ['changed', 5],
      ['missing', 5],
      ['missing', 5],
    ]);
    expect(footnotes).toEqual([]);
    expect(html).not.toContain('class="footnotes"');
  });

  it('puts data-line (1-based) on every top-level block, for scroll sync', () => {
    const md = ['# Title', '', 'Para', 'graph', '', '- a', '- b', '', '> quote', '', '```js', 'code', '```', '', '---', '', '    indented', '', '| a |', '|---|', '| 1 |'].join('\n');
    const { html } = render(md);
    expect(html).toContain('<h1 data-line="1">');
    expect(html).toContain('<p data-line="3">Para');
    expect(html).toContain('<ul data-line="6">');
    expect(html).toContain('<blockquote data-line="9">');
    expect(html).toContain('<pre data-line="11"><code class="language-js">code\n</code></pre>');
    expect(html).toContain('<hr data-line="15">');
    expect(html).toContain('<pre data-line="17"><code>indented');
    expect(html).toContain('<table data-line="19">');
    // Nested blocks are not tagged: only what the preview scrolls by.
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('<blockquote data-line="9">\n<p>quote</p>');
  });

  it('links theme references into the app, or prints plain names for exports', () => {
    const md = `About #[[theme:${UID.theme.toUpperCase()}]].`;
    expect(render(md).html).toContain(`<a class="theme-ref" href="#/themes/7" data-theme="${UID.theme}">Supply chains</a>`);
    expect(render(md, '#/project/3').html).toContain('href="#/project/3/themes/7"');
    expect(render(md, null).html).toContain(`<span class="theme-ref" data-theme="${UID.theme}">Supply chains</span>`);
  });

  it('leaves tokens in code alone', () => {
    const { html, footnotes } = render(`\`[[hl:${UID.a}]]\`\n\n\`\`\`\n[[hl:${UID.a}]]\n\`\`\``);
    expect(html).toContain(`<code>[[hl:${UID.a}]]</code>`);
    expect(html).not.toContain('<sup');
    expect(footnotes).toEqual([]);
  });

  it('escapes raw HTML, keeps unsafe links as text and never loads images', () => {
    const { html } = render('<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://example.org) ![pic](https://tracker.example/p.png)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://example.org">ok</a>');
    expect(html).toContain('<span class="image-ref">[image: pic]</span>');
    expect(html).not.toContain('<img');
  });

  it('numbers notes exactly as resolveCitations does', () => {
    const md = `# H [[hl:${UID.c}]]\n\n- [[hl:${UID.b}]]\n  > [[hl:${UID.a}]] ![[hl:${UID.b}]]\n\n![[hl:${UID.a}]]\n\n| [[hl:${UID.a}]] |\n|---|\n| [[hl:${UID.c}]] |`;
    const rendered = render(md).footnotes.map((f) => f.uid);
    const resolved = resolveCitations(parseCitationTokens(md), lookup).footnotes.map((f) => f.uid);
    expect(rendered).toEqual(resolved);
    expect(rendered).toEqual([UID.c, UID.b, UID.a]);
  });
});
