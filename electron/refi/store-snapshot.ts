// The open store as a ProjectSnapshot, for the REFI-QDA exporter. Live rows
// only: articles, themes, highlights and memos in the Trash are not part of a
// project export. Orphaned highlights (re-anchoring could not place them after
// a text change) have no trustworthy position, so they are reported and left
// out rather than exported as selections at the wrong place.
//
// Articles are read in chunks so a long export can report progress.
import { basename, extname } from 'node:path';
import { liveArticleIds, liveArticlesByIds, liveHighlightsOfArticles, liveMemos, liveThemesByParent, projectNameSetting } from '../../db/project';
import type { DB } from '../../db/store';
import type { Article, Highlight, Memo, Theme } from '../../db/types';
import type { ProjectSnapshot } from './snapshot';

export interface OrphanedHighlight {
  uid: string;
  articleTitle: string;
  quote: string;
}

/** The project's name: the `project.name` setting, else the store's file name. */
export function projectName(db: DB, storePath: string): string {
  const stored = projectNameSetting(db);
  if (typeof stored === 'string' && stored.trim()) return stored.trim();
  const file = basename(storePath, extname(storePath));
  return file && file !== 'quarry' ? file : 'Quarry project';
}

/** Reads the store chunk by chunk; `next()` until it returns false, then `result()`. */
export class SnapshotReader {
  readonly total: number; // live articles
  private done = 0;
  private readonly ids: number[];
  private readonly articles: Article[] = [];
  private readonly highlights: Highlight[] = [];
  readonly orphaned: OrphanedHighlight[] = [];
  private readonly themes: Theme[];
  private readonly memos: Memo[];

  constructor(
    private readonly db: DB,
    private readonly name: string,
  ) {
    // Themes and memos are read up front; articles chunk by chunk. An edit made
    // between two chunks of a progress-reported export lands in the export or
    // not, but never half: every chunk is read in one synchronous call.
    this.ids = liveArticleIds(db);
    this.total = this.ids.length;
    this.themes = liveThemesByParent(db);
    this.memos = liveMemos(db);
  }

  get progress(): number {
    return this.done;
  }

  /** Reads up to `n` more articles with their highlights. False when everything is read. */
  next(n = 500): boolean {
    const chunk = this.ids.slice(this.done, this.done + n);
    if (chunk.length === 0) return false;
    const byId = new Map<number, Article>();
    for (const a of liveArticlesByIds(this.db, chunk)) {
      byId.set(a.id, a);
      this.articles.push(a);
    }
    for (const h of liveHighlightsOfArticles(this.db, chunk)) {
      const article = byId.get(h.articleId);
      if (!article) continue;
      if (h.orphaned) {
        this.orphaned.push({ uid: h.uid, articleTitle: article.title, quote: h.quote });
        continue;
      }
      article.highlightCount++;
      this.highlights.push(h);
    }
    this.done += chunk.length;
    return this.done < this.total;
  }

  result(): ProjectSnapshot {
    while (this.next()) {
      /* read the rest */
    }
    return { name: this.name, articles: this.articles, themes: this.themes, highlights: this.highlights, memos: this.memos };
  }
}

/** The whole live project in one call. */
export function snapshotFromStore(db: DB, name: string): { snapshot: ProjectSnapshot; orphaned: OrphanedHighlight[] } {
  const reader = new SnapshotReader(db, name);
  const snapshot = reader.result();
  return { snapshot, orphaned: reader.orphaned };
}

export function describeOrphans(orphaned: readonly OrphanedHighlight[]): string[] {
  if (orphaned.length === 0) return [];
  const shown = orphaned.slice(0, 5).map((o) => `“${o.quote.slice(0, 40)}${o.quote.length > 40 ? '…' : ''}” in “${o.articleTitle}”`);
  return [
    `${orphaned.length} orphaned highlight(s) were left out (their place in the text is unknown since the text changed): ${shown.join('; ')}${orphaned.length > 5 ? '; …' : ''}. Re-place them in the Reader to export them.`,
  ];
}
