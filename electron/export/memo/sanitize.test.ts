// The memo sanitiser (core/memo/sanitize), exercised on jsdom (the Node window the HTML export uses).
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../../core/memo/blocks';
import { renderMemoHtml } from '../../../core/memo/render';
import { sanitizeMemoHtml } from '../../../core/memo/sanitize';
import { lookupFrom, standardPassages, themeLookup, UID } from '../../../test/fixtures/memo';
import { makeLargeMemo } from '../../../test/fixtures/large-memo';

const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);
const clean = (html: string) => sanitizeMemoHtml(html, purify);

describe('sanitizeMemoHtml', () => {
  it('removes scripts, handlers, frames, plugins, forms, SVG and styles', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt&#x3a;alert(1)">x</a>',
      '<a href=" java\tscript:alert(1)">x</a>',
      '<svg onload="alert(1)"><circle r="1"/></svg>',
      '<style>body{background:url(https://evil.example/x)}</style>',
      '<p style="background:url(https://evil.example/x)">p</p>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<form action="https://evil.example"><input name="q"><button>go</button></form>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<div onclick="alert(1)" onmouseover="alert(1)">d</div>',
      '<meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="https://evil.example/x.css"><base href="https://evil.example/">',
      '<a href="file:///etc/passwd">f</a><a href="vbscript:msgbox(1)">v</a>',
    ];
    const out = clean(attacks.join('\n'));
    for (const bad of ['<script', 'onerror', 'onload', 'onclick', 'onmouseover', '<iframe', 'javascript:', '<svg', '<style', 'style=', '<object', '<embed', '<form', '<input', '<button', 'data:', '<img', '<math', '<meta', '<link', '<base', 'file:', 'vbscript:', 'evil.example']) {
      expect(out.toLowerCase(), bad).not.toContain(bad);
    }
    expect(out).toContain('<div>d</div>'); // the harmless part stays
  });

  it('keeps normal Markdown output and Quarry citation markup intact', () => {
    const md = [
      '# Heading',
      '',
      `Some **bold**, *italic*, ~~struck~~ and \`code\` with a note [[hl:${UID.a}]] and a [link](https://example.org/a?b=1&c=2).`,
      '',
      `![[hl:${UID.c}]]`,
      '',
      `- item #[[theme:${UID.theme}]]`,
      '3. three',
      '',
      '| left | right |',
      '|:-----|------:|',
      '| 1 | 2 |',
      '',
      `Broken: [[hl:${UID.deleted}]]`,
      '',
      '```ts',
      'const x = 1 < 2;',
      '```',
    ].join('\n');
    const raw = renderMemoHtml(md, lookupFrom(standardPassages()), { themes: themeLookup }).html;
    const out = clean(raw);
    for (const keep of [
      '<h1 data-line="1">Heading</h1>',
      '<strong>bold</strong>',
      '<em>italic</em>',
      '<s>struck</s>',
      '<code>code</code>',
      `<sup class="cite"><a href="#fn-1" id="fnref-1" data-hl="${UID.a}" rel="noopener noreferrer">1</a></sup>`,
      '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">link</a>',
      `<blockquote class="embed" data-hl="${UID.c}" data-line="5"><p>First paragraph of the quote.</p>`,
      '<footer>— Nikkei Asia, <cite>Chip makers shift to Malaysia</cite>, 2025-10-28</footer>',
      `<a class="theme-ref" href="#/themes/7" data-theme="${UID.theme}" rel="noopener noreferrer">Supply chains</a>`,
      '<ol start="3" data-line="8">',
      '<th class="align-left">left</th>',
      '<td class="align-right">2</td>',
      '<mark class="broken-cite" title="passage was deleted"',
      '<pre data-line="16"><code class="language-ts">const x = 1 &lt; 2;',
      '<section class="footnotes">',
      `<li id="fn-1" data-hl="${UID.a}">`,
    ]) {
      expect(out, keep).toContain(keep);
    }
  });

  it('forces rel="noopener noreferrer" on every link and only for this call', () => {
    const out = clean('<a href="https://example.org" rel="opener" target="_blank">x</a>');
    expect(out).toBe('<a href="https://example.org" rel="noopener noreferrer">x</a>');
    // The hook is removed afterwards: other users of the same instance are unaffected.
    expect(String(purify.sanitize('<a href="https://example.org">x</a>'))).toBe('<a href="https://example.org">x</a>');
  });

  it('drops relative links, which would navigate the app itself', () => {
    expect(clean('<a href="settings.html">x</a><a href="#fn-1">y</a>')).toBe('<a>x</a><a href="#fn-1" rel="noopener noreferrer">y</a>');
  });
});

// The preview (renderer/memos/preview.ts) sanitises block by block so a keystroke re-sanitises
// one block; that is only safe if the pieces put together equal the whole, sanitised.
describe('sanitizeMemoHtml on preview blocks', () => {
  it('sanitising block by block gives the same HTML as sanitising the whole (large memo)', () => {
    const big = makeLargeMemo({ words: 3000, citations: 80 });
    const html = renderMemoHtml(big.markdown, big.lookup, { themes: big.themeLookup }).html;
    const blocks = splitBlocks(html);
    expect(blocks.length).toBeGreaterThan(30);
    const byBlock = blocks.map((b) => clean(b.html)).join('');
    const whole = clean(blocks.map((b) => b.html).join(''));
    expect(byBlock).toBe(whole);
  });
});
