// Turns citation tokens into what every output needs: footnote numbers, the passages,
// the cited articles, and the citations that are broken (with where and why).
// Pure: the store is reached only through the `lookup` functions the caller passes.

import type { CitationToken, TokenKind } from './tokens';

export type PassageStatus = 'ok' | 'deleted' | 'orphaned' | 'changed' | 'missing';
export type BrokenStatus = Exclude<PassageStatus, 'ok'>;

export interface CitedArticle {
  id: number;
  uid: string;
  title: string;
  source: string | null;
  author: string | null;
  publishedAt: string | null; // ISO 8601, may be partial
  url: string | null;
}

export interface ThemeBrief {
  id: number;
  name: string;
  color: string;
}

export interface CitedPassage {
  uid: string;
  /**
   * ok; deleted (highlight or its article is in the Trash); orphaned (re-anchoring failed);
   * changed (stored quote !== article.body.slice(start, end)); missing (no such uid).
   */
  status: PassageStatus;
  quote: string;
  prefix?: string;
  comment?: string;
  themes: ThemeBrief[];
  article: CitedArticle | null;
}

/** Called with the lower-cased uid; must match the store's uid case-insensitively. */
export type PassageLookup = (uid: string) => CitedPassage | undefined;

export interface ThemeRef extends ThemeBrief {
  uid: string;
  deleted?: boolean;
}

/** Called with the lower-cased theme uid. */
export type ThemeLookup = (uid: string) => ThemeRef | undefined;

export interface Footnote {
  n: number; // 1-based, in order of first appearance
  uid: string;
  passage: CitedPassage;
}

export interface BrokenCitation {
  kind: TokenKind;
  uid: string;
  status: BrokenStatus;
  reason: string; // human sentence fragment, e.g. "passage was deleted"
  line: number; // 1-based
  column: number; // 1-based, UTF-16 units
  start: number;
  end: number;
}

export interface Resolution {
  footnotes: Footnote[];
  /** uid -> footnote number, for tokens that take one (citations and inline embeds). */
  numbers: Map<string, number>;
  /** Every cited passage that resolved fine (citations and embeds), by uid. */
  passages: Map<string, CitedPassage>;
  /** Each cited article once, in order of first appearance (for a "Sources" list). */
  sources: CitedArticle[];
  broken: BrokenCitation[];
}

const PASSAGE_REASONS: Record<BrokenStatus, string> = {
  deleted: 'passage was deleted',
  orphaned: 'passage could not be re-anchored after the article changed',
  changed: 'quoted text no longer matches the article',
  missing: 'no passage with this id',
};

export function passageReason(status: BrokenStatus): string {
  return PASSAGE_REASONS[status];
}

export function themeReason(status: 'deleted' | 'missing'): string {
  return status === 'deleted' ? 'theme was deleted' : 'no theme with this id';
}

/** What a token stands for, resolved once per uid (lookups may hit the store). */
export type Resolved =
  | { ok: true; kind: 'cite' | 'embed'; passage: CitedPassage }
  | { ok: true; kind: 'theme'; theme: ThemeRef }
  | { ok: false; status: BrokenStatus; reason: string };

/**
 * Memoising resolver shared by resolveCitations, the HTML renderer and the exports,
 * so a passage cited 40 times is looked up once per render.
 */
export class CitationResolver {
  private readonly passageCache = new Map<string, CitedPassage | null>();
  private readonly themeCache = new Map<string, ThemeRef | null>();

  constructor(
    private readonly lookup: PassageLookup,
    private readonly themes?: ThemeLookup,
  ) {}

  passage(uid: string): CitedPassage | undefined {
    let p = this.passageCache.get(uid);
    if (p === undefined) {
      p = this.lookup(uid) ?? null;
      this.passageCache.set(uid, p);
    }
    return p ?? undefined;
  }

  theme(uid: string): ThemeRef | undefined {
    let t = this.themeCache.get(uid);
    if (t === undefined) {
      t = this.themes?.(uid) ?? null;
      this.themeCache.set(uid, t);
    }
    return t ?? undefined;
  }

  resolve(kind: TokenKind, uid: string): Resolved {
    if (kind === 'theme') {
      const theme = this.theme(uid);
      if (!theme) return { ok: false, status: 'missing', reason: themeReason('missing') };
      if (theme.deleted) return { ok: false, status: 'deleted', reason: themeReason('deleted') };
      return { ok: true, kind, theme };
    }
    const passage = this.passage(uid);
    const status: PassageStatus = passage ? passage.status : 'missing';
    if (!passage || status !== 'ok') return { ok: false, status: status as BrokenStatus, reason: passageReason(status as BrokenStatus) };
    return { ok: true, kind, passage };
  }
}

/** Citations and inline embeds carry a footnote number; block embeds show their source in place. */
export function takesFootnote(token: Pick<CitationToken, 'kind' | 'block'>): boolean {
  return token.kind === 'cite' || (token.kind === 'embed' && !token.block);
}

export function resolveCitations(
  tokens: readonly CitationToken[],
  lookup: PassageLookup | CitationResolver,
  themes?: ThemeLookup,
): Resolution {
  const resolver = lookup instanceof CitationResolver ? lookup : new CitationResolver(lookup, themes);
  const numbers = new Map<string, number>();
  const footnotes: Footnote[] = [];
  const passages = new Map<string, CitedPassage>();
  const sources = new Map<number, CitedArticle>();
  const broken: BrokenCitation[] = [];

  for (const t of tokens) {
    const r = resolver.resolve(t.kind, t.uid);
    if (!r.ok) {
      broken.push({ kind: t.kind, uid: t.uid, status: r.status, reason: r.reason, line: t.line, column: t.column, start: t.start, end: t.end });
      continue;
    }
    if (r.kind === 'theme') continue;
    passages.set(t.uid, r.passage);
    const article = r.passage.article;
    if (article && !sources.has(article.id)) sources.set(article.id, article);
    if (takesFootnote(t) && !numbers.has(t.uid)) {
      const n = footnotes.length + 1;
      numbers.set(t.uid, n);
      footnotes.push({ n, uid: t.uid, passage: r.passage });
    }
  }
  return { footnotes, numbers, passages, sources: [...sources.values()], broken };
}
