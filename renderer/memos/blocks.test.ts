import { describe, expect, it } from 'vitest';
import { makeLargeMemo } from '../../test/fixtures/memo-project';
import { sanitizeMemoHtmlNode } from '../../electron/memos/purify';
import { renderMemoHtml } from '../memo/render';
import { lookupFrom, standardPassages, themeLookup, UID } from '../memo/test-fixtures';
import { hash, splitBlocks } from './blocks';

const md = [
  '# Title',
  '',
  `Para [[hl:${UID.a}]] with <b>raw html</b> and \`<p data-line="9">\`.`,
  '',
  '- a',
  '- b',
  '  - nested',
  '',
  '> quote',
  '> > nested quote',
  '',
  `![[hl:${UID.c}]]`,
  '',
  '```',
  '<p data-line="99">not a block</p>',
  '```',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  `Broken [[hl:${UID.deleted}]] and #[[theme:${UID.theme}]].`,
].join('\n');


describe('splitBlocks', () => {
  it('cuts the HTML at top-level blocks only, takes their source line out, and loses nothing', () => {
    const html = renderMemoHtml(md, lookupFrom(standardPassages()), { themes: themeLookup }).html;
    const blocks = splitBlocks(html);
    expect(blocks.map((b) => b.line)).toEqual([1, 3, 5, 9, 12, 14, 18, 22, null]);
    expect(blocks[blocks.length - 1].html.startsWith('<section class="footnotes">')).toBe(true);
    for (const b of blocks) expect(b.html).not.toMatch(/^<[^>]*data-line/);
    // Code stays inside its block even when it looks like a block start.
    expect(blocks[5].html).toContain('&lt;p data-line=&quot;99&quot;&gt;');
    // Only top-level blocks carry data-line (as attributes; code shows it escaped), so
    // the blocks put together are the HTML without those attributes.
    expect(blocks.map((b) => b.html).join('')).toBe(html.replace(/ data-line="\d+"/g, ''));
    expect(html.match(/ data-line="\d+"/g)).toHaveLength(8);
  });

  it('sanitising block by block gives the same HTML as sanitising the whole (large memo)', () => {
    const big = makeLargeMemo({ words: 3000, citations: 80 });
    const html = renderMemoHtml(big.markdown, big.lookup, { themes: big.themeLookup }).html;
    const blocks = splitBlocks(html);
    expect(blocks.length).toBeGreaterThan(30);
    const byBlock = blocks.map((b) => sanitizeMemoHtmlNode(b.html)).join('');
    const whole = sanitizeMemoHtmlNode(blocks.map((b) => b.html).join(''));
    expect(byBlock).toBe(whole);
  });

  it('content hashes tell blocks apart and are stable', () => {
    expect(hash('<p>a</p>')).toBe(hash('<p>a</p>'));
    expect(hash('<p>a</p>')).not.toBe(hash('<p>b</p>'));
    expect(hash('')).not.toBe(hash('x'));
  });
});
