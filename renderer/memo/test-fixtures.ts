// Small hand-made passages for unit tests (pure; shared by renderer and Node tests).
import type { CitedArticle, CitedPassage, PassageLookup, PassageStatus, ThemeLookup, ThemeRef } from './resolve';

export const UID = {
  a: '0b9f6a1e-3c2d-4e5f-8a7b-1c2d3e4f5a6b',
  b: '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f',
  c: '2d3e4f5a-6b7c-4d8e-af90-1b2c3d4e5f6a',
  deleted: '3e4f5a6b-7c8d-4e9f-b0a1-2c3d4e5f6a7b',
  orphaned: '4f5a6b7c-8d9e-4fa0-b1c2-3d4e5f6a7b8c',
  changed: '5a6b7c8d-9eaf-4b01-c2d3-4e5f6a7b8c9d',
  missing: '6b7c8d9e-af01-4c12-d3e4-5f6a7b8c9d0e',
  theme: '7c8d9eaf-0112-4d23-e4f5-6a7b8c9d0e1f',
  themeGone: '8d9eaf01-1223-4e34-f5a6-7b8c9d0e1f2a',
} as const;

export function article(over: Partial<CitedArticle> = {}): CitedArticle {
  return {
    id: 1,
    uid: '9eaf0112-2334-4f45-a6b7-8c9d0e1f2a3b',
    title: 'Chip makers shift to Malaysia',
    source: 'Nikkei Asia',
    author: 'Jane Doe',
    publishedAt: '2025-10-28',
    url: 'https://example.org/chips',
    ...over,
  };
}

export function passage(uid: string, quote: string, status: PassageStatus = 'ok', art: CitedArticle | null = article()): CitedPassage {
  return { uid, status, quote, themes: [{ id: 1, name: 'Supply chains', color: '#336699' }], article: art };
}

/** The standard set: a, b (another article), c, and one passage per broken status. */
export function standardPassages(): CitedPassage[] {
  return [
    passage(UID.a, 'Exports rose 12% 📈 in the third quarter.'),
    passage(UID.b, 'The ministry declined to comment.', 'ok', article({ id: 2, uid: 'b-article', title: 'Ministry silent', source: 'Reuters', author: null, publishedAt: '2025-09', url: null })),
    passage(UID.c, 'First paragraph of the quote.\n\nSecond <paragraph> & more.'),
    passage(UID.deleted, 'Gone.', 'deleted'),
    passage(UID.orphaned, 'Lost.', 'orphaned'),
    passage(UID.changed, 'Edited.', 'changed'),
  ];
}

export function lookupFrom(passages: CitedPassage[]): PassageLookup & { calls: string[] } {
  const byUid = new Map(passages.map((p) => [p.uid.toLowerCase(), p]));
  const calls: string[] = [];
  const fn = ((uid: string) => {
    calls.push(uid);
    return byUid.get(uid);
  }) as PassageLookup & { calls: string[] };
  fn.calls = calls;
  return fn;
}

export const THEMES: ThemeRef[] = [
  { id: 7, uid: UID.theme, name: 'Supply chains', color: '#336699' },
  { id: 8, uid: UID.themeGone, name: 'Old theme', color: '#999999', deleted: true },
];

export const themeLookup: ThemeLookup = (uid) => THEMES.find((t) => t.uid === uid);
