import { describe, expect, it } from 'vitest';
import type { Theme } from '../../db/types';
import { exportQdpx } from '../export/qdpx';
import { importQdpx } from './qdpx-import';
import type { ProjectSnapshot } from './snapshot';
import { richSnapshot } from '../../test/fixtures/snapshots';

const OPTIONS = { origin: 'Quarry 0.1', user: 'Ana Analyst' };

function themePath(themes: Theme[], id: number): string {
  const t = themes.find((x) => x.id === id)!;
  return t.parentId === null ? t.name : `${themePath(themes, t.parentId)} > ${t.name}`;
}

/** Everything that must survive, keyed by uid (lower-case) and theme paths, not by local ids. */
function comparable(s: ProjectSnapshot) {
  const articleUid = (id: number) => s.articles.find((a) => a.id === id)!.uid.toLowerCase();
  return {
    name: s.name,
    articles: s.articles
      .map((a) => ({ uid: a.uid.toLowerCase(), title: a.title, body: a.body, source: a.source, author: a.author, url: a.url, publishedAt: a.publishedAt, language: a.language, attributes: a.attributes }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
    themes: s.themes
      .map((t) => ({ uid: t.uid.toLowerCase(), path: themePath(s.themes, t.id), color: t.color.toUpperCase(), description: t.description }))
      .sort((x, y) => x.path.localeCompare(y.path)),
    siblingOrder: s.themes.map((t) => themePath(s.themes, t.id)),
    highlights: s.highlights
      .map((h) => ({ uid: h.uid.toLowerCase(), article: articleUid(h.articleId), start: h.start, end: h.end, quote: h.quote, prefix: h.prefix, suffix: h.suffix, comment: h.comment, createdAt: h.createdAt, updatedAt: h.updatedAt, themes: h.themeIds.map((id) => themePath(s.themes, id)).sort() }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
    memos: s.memos.map((m) => ({ uid: m.uid.toLowerCase(), title: m.title, body: m.body, createdAt: m.createdAt, updatedAt: m.updatedAt })).sort((x, y) => x.uid.localeCompare(y.uid)),
  };
}

describe('REFI-QDA round trip: exportQdpx -> importQdpx', () => {
  it('keeps bodies, metadata, the theme tree, highlights (offsets, themes, comments, uids) and memos', async () => {
    const original = richSnapshot();
    const { snapshot, warnings, notCarried } = await importQdpx(await exportQdpx(original, OPTIONS), 'roundtrip.qdpx');
    expect(warnings).toEqual([]);
    expect(notCarried).toEqual([]);
    const before = comparable(original);
    const after = comparable(snapshot);
    expect(after.articles).toEqual(before.articles);
    expect(after.themes).toEqual(before.themes);
    expect(after.highlights).toEqual(before.highlights);
    expect(after.memos).toEqual(before.memos);
    expect(after.name).toBe(before.name);
    // Siblings come back in the same order (positions are renumbered 0..n).
    const order = (s: ProjectSnapshot) => [...s.themes].sort((a, b) => (a.parentId ?? 0) - (b.parentId ?? 0) || a.position - b.position).map((t) => t.name);
    expect(order(snapshot)).toEqual(order(original));
  });

  it('survives a second trip unchanged (export of an import is stable)', async () => {
    const first = await importQdpx(await exportQdpx(richSnapshot(), OPTIONS), 'a.qdpx');
    const second = await importQdpx(await exportQdpx(first.snapshot, OPTIONS), 'b.qdpx');
    expect(comparable(second.snapshot)).toEqual(comparable(first.snapshot));
  });

  it('gives every imported highlight a local link to its article and themes', async () => {
    const { snapshot: s } = await importQdpx(await exportQdpx(richSnapshot(), OPTIONS), 'a.qdpx');
    const articleIds = new Set(s.articles.map((a) => a.id));
    const themeIds = new Set(s.themes.map((t) => t.id));
    for (const h of s.highlights) {
      expect(articleIds.has(h.articleId)).toBe(true);
      for (const id of h.themeIds) expect(themeIds.has(id)).toBe(true);
    }
    for (const t of s.themes) if (t.parentId !== null) expect(themeIds.has(t.parentId)).toBe(true);
  });
});
