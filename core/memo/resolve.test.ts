import { describe, expect, it } from 'vitest';
import { passageReason, resolveCitations } from './resolve';
import { lookupFrom, standardPassages, themeLookup, UID } from '../../test/fixtures/memo';
import { parseCitationTokens } from './tokens';

const resolve = (md: string, lookup = lookupFrom(standardPassages())) => resolveCitations(parseCitationTokens(md), lookup, themeLookup);

describe('resolveCitations', () => {
  it('numbers footnotes by first appearance; repeats share their number', () => {
    const r = resolve(`x [[hl:${UID.b}]] y [[hl:${UID.a}]] z [[hl:${UID.b}]] [[hl:${UID.a.toUpperCase()}]] [[hl:${UID.c}]]`);
    expect(r.footnotes.map((f) => [f.n, f.uid])).toEqual([
      [1, UID.b],
      [2, UID.a],
      [3, UID.c],
    ]);
    expect(r.numbers.get(UID.a)).toBe(2);
    expect(r.broken).toEqual([]);
  });

  it('gives inline embeds a number but not block embeds, which show their source in place', () => {
    const r = resolve(`![[hl:${UID.a}]]\n\nAs said, ![[hl:${UID.b}]], and [[hl:${UID.a}]].`);
    expect(r.footnotes.map((f) => [f.n, f.uid])).toEqual([
      [1, UID.b],
      [2, UID.a],
    ]);
    expect([...r.passages.keys()]).toEqual([UID.a, UID.b]);
  });

  it('lists each cited article once, in order of first appearance', () => {
    const r = resolve(`![[hl:${UID.c}]] [[hl:${UID.b}]] [[hl:${UID.a}]]`);
    expect(r.sources.map((a) => a.id)).toEqual([1, 2]);
  });

  it('reports each kind of broken citation with where and why', () => {
    const md = [`ok [[hl:${UID.a}]]`, `[[hl:${UID.deleted}]] ![[hl:${UID.orphaned}]]`, `![[hl:${UID.changed}]]`, `  [[hl:${UID.missing}]]`].join('\n\n');
    const r = resolve(md);
    expect(r.broken.map((b) => [b.status, b.kind, b.line, b.column, b.reason])).toEqual([
      ['deleted', 'cite', 3, 1, 'passage was deleted'],
      ['orphaned', 'embed', 3, 45, 'passage could not be re-anchored after the article changed'],
      ['changed', 'embed', 5, 1, 'quoted text no longer matches the article'],
      ['missing', 'cite', 7, 3, 'no passage with this id'],
    ]);
    expect(r.footnotes.map((f) => f.uid)).toEqual([UID.a]); // broken ones take no number
    for (const b of r.broken) expect(md.slice(b.start, b.end)).toContain(b.uid);
  });

  it('resolves theme references and reports unknown or deleted themes', () => {
    const r = resolve(`#[[theme:${UID.theme}]] #[[theme:${UID.themeGone}]] #[[theme:${UID.missing}]]`);
    expect(r.broken.map((b) => [b.kind, b.status, b.reason])).toEqual([
      ['theme', 'deleted', 'theme was deleted'],
      ['theme', 'missing', 'no theme with this id'],
    ]);
    expect(r.footnotes).toEqual([]);
  });

  it('looks each uid up once, lower-cased, however often it is cited', () => {
    const lookup = lookupFrom(standardPassages());
    resolve(`[[hl:${UID.a}]] [[hl:${UID.a.toUpperCase()}]] ![[hl:${UID.a}]] [[hl:${UID.missing}]] [[hl:${UID.missing}]]`, lookup);
    expect(lookup.calls).toEqual([UID.a, UID.missing]);
  });

  it('has a human reason for every broken status', () => {
    expect(passageReason('deleted')).toBe('passage was deleted');
    expect(passageReason('orphaned')).toBe('passage could not be re-anchored after the article changed');
    expect(passageReason('changed')).toBe('quoted text no longer matches the article');
    expect(passageReason('missing')).toBe('no passage with this id');
  });
});
