// Test-only builders for snapshots: real-looking rows with every field filled,
// so tests state only what matters to them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Article, Highlight, Memo, Theme } from '../../../db/types';
import type { ProjectSnapshot } from '../snapshot';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const REFI_SCHEMA_DIR = path.join(SHARED, 'standards/refi-qda');

export function corpusText(name: string): string {
  return readFileSync(path.join(SHARED, 'corpus', name), 'utf8');
}

const T0 = '2025-10-28T09:00:00.000Z';

export function article(id: number, uid: string, body: string, over: Partial<Article> = {}): Article {
  return {
    id, uid, body,
    title: `Article ${id}`, source: null, author: null, url: null, publishedAt: null, language: null,
    originalName: null, originalFormat: null, originalBytes: null,
    importedAt: T0, wordCount: body.split(/\s+/).filter(Boolean).length, charCount: body.length,
    highlightCount: 0, similarToId: null, deletedAt: null, bodySha256: '', attributes: {},
    ...over,
  };
}

export function theme(id: number, uid: string, name: string, over: Partial<Theme> = {}): Theme {
  return { id, uid, name, parentId: null, color: '#336699', description: '', position: id, deletedAt: null, ...over };
}

/** A highlight over the first occurrence of `quote` (after `from`) in the body. */
export function highlightOn(
  id: number, uid: string, a: Article, quote: string, over: Partial<Highlight> = {}, from = 0,
): Highlight {
  const start = a.body.indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: "${quote}" not in ${a.title}`);
  const end = start + quote.length;
  return {
    id, uid, articleId: a.id, start, end, quote,
    prefix: a.body.slice(Math.max(0, start - 32), start), suffix: a.body.slice(end, end + 32),
    comment: '', themeIds: [], orphaned: false, createdAt: T0, updatedAt: T0, deletedAt: null,
    ...over,
  };
}

export function memo(id: number, uid: string, title: string, body: string, over: Partial<Memo> = {}): Memo {
  return { id, uid, title, body, createdAt: T0, updatedAt: '2025-10-29T10:30:00.000Z', deletedAt: null, ...over };
}

/** Three articles (one from the corpus with emoji, flags and Japanese), nested themes, overlaps, a memo. */
export function richSnapshot(): ProjectSnapshot {
  const a1 = article(1, '1b4e28ba-2fa1-11d2-883f-0016d3cca427', corpusText('rare-earths/us-japan-rare-earths-alliance-assessment.txt'), {
    title: 'U.S. and Japan Forge Rare Earths Alliance', source: 'Substack', author: 'JP-01', url: 'https://example.org/jp-01?a=1&b=2',
    publishedAt: '2025-10', language: 'en', attributes: { Country: 'Japan', Author: 'attribute, not the field', Notes: '  padded & <odd>  ' },
  });
  const a2 = article(2, 'c0ffee00-0000-4000-8000-00000000000a',
    'Quotes "double" & \'single\' <tags> ]]> and a tab\there.\n\nArabic: مرحبا بالعالم. Japanese: 日本語のテキスト。\nEmoji 🙂🙂 then 👩‍👩‍👧 family.\n',
    { title: 'Special <characters> & "quotes"', source: 'Wire', publishedAt: '2025-10-28', attributes: { Country: 'Qatar' } });
  const a3 = article(3, 'C0FFEE00-0000-4000-8000-00000000000B', 'A short plain article.\nSecond line.', { title: 'Plain' });
  const themes = [
    theme(10, 'a1000000-0000-4000-8000-000000000010', 'Geopolitics', { description: 'State power & strategy', color: '#AA3300', position: 0 }),
    theme(11, 'a1000000-0000-4000-8000-000000000011', 'China leverage', { parentId: 10, color: '#CC6600', description: 'Dominance in processing', position: 0 }),
    theme(12, 'a1000000-0000-4000-8000-000000000012', 'Export controls', { parentId: 11, color: '#FF8800', position: 0 }),
    theme(13, 'a1000000-0000-4000-8000-000000000013', 'Alliances', { parentId: 10, color: '#0066CC', position: 1 }),
    theme(14, 'a1000000-0000-4000-8000-000000000014', 'Economics <"&">', { color: '#33CC33', description: 'Line one\nLine two', position: 1 }),
    theme(15, 'a1000000-0000-4000-8000-000000000015', 'Japanese text 日本', { parentId: 14, color: '#123456', position: 0 }),
  ];
  const flagLine = '🇯🇵 JP-01 Assessment: Strategic Layers';
  const longStart = a1.body.indexOf('🛰');
  const longQuote = a1.body.slice(longStart, a1.body.indexOf('Military-Industrial Implications') + 32); // > 200 chars: name gets cut
  const highlights = [
    highlightOn(100, 'e5000000-0000-4000-8000-000000000100', a1, 'China processes more than 90% of the world’s rare earth elements', { themeIds: [11, 12], comment: 'Key figure;\n"90%" vs 80' }),
    highlightOn(101, 'e5000000-0000-4000-8000-000000000101', a1, 'more than 90% of the world’s rare earth', { themeIds: [14], comment: 'overlap inside 100' }),
    highlightOn(102, 'e5000000-0000-4000-8000-000000000102', a1, flagLine, { themeIds: [13] }),
    highlightOn(103, 'e5000000-0000-4000-8000-000000000103', a1, '🧭 1.\u00a0Geostrategic Context', { themeIds: [10, 13] }),
    highlightOn(104, 'e5000000-0000-4000-8000-000000000104', a1, '「文明が発展すればするほど、必要とされる鉱物は深く地中に潜る。', { themeIds: [15], comment: 'Japanese quote' }),
    highlightOn(105, 'e5000000-0000-4000-8000-000000000105', a1, 'Literary Echo', { comment: 'comment only, no theme' }),
    highlightOn(106, 'e5000000-0000-4000-8000-000000000106', a2, 'Quotes "double" & \'single\' <tags> ]]>', { themeIds: [14] }),
    highlightOn(107, 'e5000000-0000-4000-8000-000000000107', a2, 'مرحبا بالعالم', { themeIds: [10] }),
    highlightOn(108, 'e5000000-0000-4000-8000-000000000108', a2, '🙂 then 👩‍👩‍👧', { themeIds: [14, 15] }),
    highlightOn(109, 'e5000000-0000-4000-8000-000000000109', a3, 'Second line.', { themeIds: [12] }),
    highlightOn(111, 'e5000000-0000-4000-8000-000000000111', a1, longQuote, { themeIds: [13, 11], comment: 'long passage across sections' }),
  ];
  const memos = [
    memo(200, 'c3000000-0000-4000-8000-000000000200', 'Processing share',
      `# Processing share\n\nSources disagree: [[hl:${highlights[0].uid}]] and\n\n![[hl:${highlights[7].uid}]]\n\n  indented & <b>markup</b> kept  \n`),
    memo(201, 'c3000000-0000-4000-8000-000000000201', 'Loose note', 'No citations here. Tab\tand emoji 🇯🇵.'),
  ];
  return { name: 'Rare earths study', articles: [a1, a2, a3], themes, highlights, memos };
}
