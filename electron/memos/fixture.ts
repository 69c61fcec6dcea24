// A deterministic large memo (and the passages it cites) for benchmarks and
// performance tests: headings, paragraphs, lists, block quotes, a code block with a
// token that must NOT count, block embeds, repeated citations, theme references and
// a few broken citations of every status. No store involved.

import type { Memo } from '../../db/types';
import type { CitedArticle, CitedPassage, PassageLookup, PassageStatus, ThemeLookup, ThemeRef } from '../../core/memo/resolve';

export interface LargeMemoOptions {
  words?: number; // prose words (tokens and Markdown syntax not counted); default 20,000
  citations?: number; // citation tokens ([[hl:]] and ![[hl:]]); default 500
  seed?: number;
}

export interface LargeMemo {
  markdown: string;
  memo: Memo;
  passages: Map<string, CitedPassage>; // by lower-case uid
  themes: Map<string, ThemeRef>;
  lookup: PassageLookup;
  themeLookup: ThemeLookup;
  /** Citation tokens written outside code (the ones the parser must find). */
  citationCount: number;
  words: number;
}

const VOCAB = (
  'the policy ministry said exports would rise as supply chains shift toward regional partners while ' +
  'analysts warned that subsidies could distort markets and provoke retaliation from trading blocs ' +
  'officials declined to comment on the negotiations but confirmed talks continued through the week ' +
  'semiconductor capacity energy prices labour shortages inflation rate currency reserves tariff quota ' +
  'café naïve résumé Zürich São Paulo 東京 déjà vu'
).split(' ');

const OUTLETS = ['Nikkei Asia', 'Reuters', 'Le Monde', 'Financial Times', 'The Hindu', 'Folha de S.Paulo'];

/** mulberry32: tiny, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(rand: () => number): string {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

export function makeLargeMemo(options: LargeMemoOptions = {}): LargeMemo {
  const words = options.words ?? 20_000;
  const citations = options.citations ?? 500;
  const rand = prng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const sentence = (n: number): string => Array.from({ length: n }, () => pick(VOCAB)).join(' ');

  const articles: CitedArticle[] = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    uid: guid(rand),
    title: `Report ${i + 1}: ${sentence(4)} 🌏`,
    source: pick(OUTLETS),
    author: i % 5 === 0 ? null : `Author ${String.fromCharCode(65 + (i % 26))}. Writer`,
    publishedAt: i % 7 === 0 ? '2025-10' : `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    url: i % 3 === 0 ? null : `https://example.org/articles/${i + 1}`,
  }));

  const themes = new Map<string, ThemeRef>();
  const themeList: ThemeRef[] = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, uid: guid(rand), name: `Theme ${i + 1}`, color: '#3366cc' }));
  for (const t of themeList) themes.set(t.uid, t);

  // ~60% as many passages as citations, so many are cited more than once.
  const passageCount = Math.max(1, Math.ceil(citations * 0.6));
  const passages = new Map<string, CitedPassage>();
  const passageList: CitedPassage[] = [];
  const brokenStatuses: PassageStatus[] = ['deleted', 'orphaned', 'changed'];
  for (let i = 0; i < passageCount; i++) {
    const status: PassageStatus = i > 0 && i % 97 === 0 ? brokenStatuses[(i / 97) % 3] : 'ok';
    const p: CitedPassage = {
      uid: guid(rand),
      status,
      quote: sentence(10 + Math.floor(rand() * 30)),
      themes: [themeList[i % themeList.length]].map(({ id, name, color }) => ({ id, name, color })),
      article: articles[i % articles.length],
    };
    passages.set(p.uid, p);
    passageList.push(p);
  }

  // Citation i lands after every `gap` words; every 20th is a block embed.
  const gap = Math.max(1, Math.floor(words / Math.max(1, citations)));
  const blocks: string[] = [];
  let written = 0;
  let cited = 0;
  let section = 0;
  const citeUid = (): string => {
    const i = cited++;
    if (i % 151 === 150) return guid(rand).toUpperCase(); // a uid no passage has (and upper-case)
    const p = passageList[(i * 7919) % passageList.length];
    return i % 2 === 0 ? p.uid : p.uid.toUpperCase(); // uids are case-insensitive
  };

  while (written < words) {
    if (blocks.length % 14 === 0) {
      section++;
      blocks.push(`## Section ${section}: ${sentence(3)} #[[theme:${themeList[section % themeList.length].uid}]]`);
    }
    const kind = blocks.length % 9;
    const para = (n: number): string => {
      const out: string[] = [];
      for (let w = 0; w < n && written < words; w++) {
        out.push(pick(VOCAB));
        written++;
        if (written % gap === 0 && cited < citations && cited % 20 !== 19) out.push(`[[hl:${citeUid()}]]`);
      }
      return out.join(' ');
    };
    if (cited < citations && cited % 20 === 19) {
      blocks.push(`![[hl:${citeUid()}]]`);
      continue;
    }
    if (kind === 3) blocks.push([1, 2, 3].map(() => `- ${para(15)}`).join('\n'));
    else if (kind === 5) blocks.push([1, 2, 3].map((i) => `${i}. **${pick(VOCAB)}** ${para(12)}`).join('\n'));
    else if (kind === 7) blocks.push(`> ${para(30)}`);
    else if (blocks.length === 20) blocks.push('```\nnot a citation: [[hl:00000000-0000-0000-0000-000000000000]]\n```');
    else blocks.push(`${para(60 + Math.floor(rand() * 60))} *${pick(VOCAB)}* \`code\`.`);
  }
  // Top up so exactly `citations` tokens exist even when the words ran out first.
  while (cited < citations) blocks.push(`${sentence(5)} [[hl:${citeUid()}]]`);

  const markdown = blocks.join('\n\n') + '\n';
  const memo: Memo = {
    id: 1,
    uid: guid(rand),
    title: 'Large memo: supply chains & “reshoring”',
    body: markdown,
    createdAt: '2025-11-01T10:00:00.000Z',
    updatedAt: '2025-11-01T10:00:00.000Z',
    deletedAt: null,
  };
  return {
    markdown,
    memo,
    passages,
    themes,
    lookup: (uid) => passages.get(uid.toLowerCase()),
    themeLookup: (uid) => themes.get(uid.toLowerCase()),
    citationCount: cited,
    words: written,
  };
}
