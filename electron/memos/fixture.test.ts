import { describe, expect, it } from 'vitest';
import { renderMemoHtml } from '../../core/memo/render';
import { resolveCitations } from '../../core/memo/resolve';
import { parseCitationTokens } from '../../core/memo/tokens';
import { exportMemoMarkdown } from './export-markdown';
import { makeLargeMemo } from './fixture';

describe('makeLargeMemo', () => {
  const memo = makeLargeMemo();

  it('is deterministic and has the requested size', () => {
    expect(makeLargeMemo().markdown).toBe(memo.markdown);
    expect(memo.words).toBe(20_000);
    expect(memo.citationCount).toBe(500);
    const tokens = parseCitationTokens(memo.markdown).filter((t) => t.kind !== 'theme');
    expect(tokens).toHaveLength(500); // the one in the code block is not counted
    expect(tokens.filter((t) => t.block).length).toBeGreaterThan(10);
  });

  it('cites passages repeatedly, in mixed case, with every kind of broken citation', () => {
    const r = resolveCitations(parseCitationTokens(memo.markdown), memo.lookup, memo.themeLookup);
    expect(r.footnotes.length).toBeGreaterThan(100);
    expect(r.footnotes.length).toBeLessThan(480);
    expect(new Set(r.broken.map((b) => b.status))).toEqual(new Set(['deleted', 'orphaned', 'changed', 'missing']));
    expect(memo.markdown).toMatch(/\[\[hl:[0-9A-F-]{36}\]\]/);
  });

  it('renders and exports consistently', () => {
    const tokens = parseCitationTokens(memo.markdown);
    const resolved = resolveCitations(tokens, memo.lookup, memo.themeLookup);
    const rendered = renderMemoHtml(memo.markdown, memo.lookup, { themes: memo.themeLookup });
    expect(rendered.footnotes.map((f) => f.uid)).toEqual(resolved.footnotes.map((f) => f.uid));
    expect(rendered.broken).toEqual(resolved.broken);
    const md = exportMemoMarkdown(memo.memo, memo.lookup, { themes: memo.themeLookup });
    expect(md.warnings).toHaveLength(resolved.broken.length);
    expect(md.text.match(/^\[\^\d+\]: /gm)).toHaveLength(resolved.footnotes.length);
  });
});
