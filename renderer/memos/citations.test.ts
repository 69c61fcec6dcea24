import { describe, expect, it } from 'vitest';
import { parseCitationTokens } from '../../core/memo/tokens';
import { escapeMd, hoverMarkdown, tokenAtOffset, triggerQuery } from './citations';

describe('triggerQuery', () => {
  it('finds an "@" query that starts a word, spaces allowed', () => {
    expect(triggerQuery('China holds @refining capac', '@')).toEqual({ start: 12, query: 'refining capac' });
    expect(triggerQuery('@', '@')).toEqual({ start: 0, query: '' });
    expect(triggerQuery('(see @mud', '@')).toEqual({ start: 5, query: 'mud' });
  });
  it('ignores e-mail addresses, closed tokens, a leading space and very long runs', () => {
    expect(triggerQuery('write to ana@example.org', '@')).toBeNull();
    expect(triggerQuery('@ x', '@')).toBeNull();
    expect(triggerQuery('@abc [[hl:x]] more', '@')).toBeNull();
    expect(triggerQuery(`@${'a'.repeat(81)}`, '@')).toBeNull();
    expect(triggerQuery('no trigger here', '@')).toBeNull();
  });
  it('"#" names a theme in text, but not when it is a heading marker', () => {
    expect(triggerQuery('About #deep', '#')).toEqual({ start: 6, query: 'deep' });
    expect(triggerQuery('#', '#')).toBeNull();
    expect(triggerQuery('## Head', '#')).toBeNull();
    expect(triggerQuery('  #', '#')).toBeNull();
    expect(triggerQuery('- #', '#')).toBeNull();
    expect(triggerQuery('## Findings on #sup', '#')).toEqual({ start: 15, query: 'sup' });
    expect(triggerQuery('C# code', '#')).toBeNull();
  });
});

describe('tokenAtOffset', () => {
  const md = 'A [[hl:aaa]] b ![[hl:bbb]]\n\n`[[hl:ccc]]` #[[theme:ttt]]';
  const tokens = parseCitationTokens(md);
  it('returns the token whose span holds the offset, including right after "]]"', () => {
    expect(tokens.map((t) => t.uid)).toEqual(['aaa', 'bbb', 'ttt']);
    expect(tokenAtOffset(tokens, md.indexOf('[[hl:aaa'))?.uid).toBe('aaa');
    expect(tokenAtOffset(tokens, md.indexOf('aaa') + 1)?.uid).toBe('aaa');
    expect(tokenAtOffset(tokens, md.indexOf(']] b') + 2)?.uid).toBe('aaa');
    expect(tokenAtOffset(tokens, md.indexOf('![[hl:bbb'))?.uid).toBe('bbb');
    expect(tokenAtOffset(tokens, md.indexOf('#[[theme'))?.kind).toBe('theme');
  });
  it('returns null between tokens and inside code', () => {
    expect(tokenAtOffset(tokens, 0)).toBeNull();
    expect(tokenAtOffset(tokens, md.indexOf(' b ') + 1)).toBeNull();
    expect(tokenAtOffset(tokens, md.indexOf('ccc'))).toBeNull();
    expect(tokenAtOffset([], 3)).toBeNull();
  });
});

describe('hover text', () => {
  it('escapes Markdown in quotes and titles (they are data)', () => {
    expect(escapeMd('*bold* [link](x) <b>')).toBe('\\*bold\\* \\[link\\]\\(x\\) \\<b\\>');
    const md = hoverMarkdown(
      { uid: 'u', highlightId: 1, status: 'ok', quote: 'Up *80%* [sic]', themes: [{ id: 1, name: 'China_dep', color: '#000000' }], article: { id: 2, uid: 'a', title: 'A *title*', source: 'Nikkei', author: null, publishedAt: '2025-10-28T09:00:00Z', url: null } },
      null,
    );
    expect(md[0]).toBe('**Cited passage**');
    expect(md[1]).toBe('> Up \\*80%\\* \\[sic\\]');
    expect(md[2]).toBe('Themes: China\\_dep');
    expect(md[3]).toBe('*A \\*title\\**, Nikkei, 2025\\-10\\-28');
    expect(hoverMarkdown(undefined, 'no passage with this id')[0]).toBe('**Broken citation**: no passage with this id');
  });
});
