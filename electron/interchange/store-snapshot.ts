// The open store as a ProjectSnapshot, for the REFI-QDA exporter. Live rows
// only: articles, themes, highlights and memos in the Trash are not part of a
// project export. Orphaned highlights (re-anchoring could not place them after
// a text change) have no trustworthy position, so they are reported and left
// out rather than exported as selections at the wrong place.
//
// Articles are read in chunks so a long export can report progress.
import { basename, extname } from 'node:path';
import { toMemo, toTheme } from '../../db/rows';
import type { DB } from '../../db/store';
import type { Article, Highlight, Memo, Theme } from '../../db/types';
import type { ProjectSnapshot } from './snapshot';

export interface OrphanedHighlight {
  uid: string;
  articleTitle: string;
  quote: string;
}

type Row = Record<string, unknown>;

function toArticle(r: Row, attributes: Record<string, string>): Article {
  const body = r.body as string;
  return {
    id: r.id as number,
    uid: r.uid as string,
    title: r.title as string,
    source: r.source as string | null,
    author: r.author as string | null,
    url: r.url as string | null,
    publishedAt: r.published_at as string | null,
    language: r.language as string | null,
    originalName: r.original_name as string | null,
    originalFormat: r.original_format as string | null,
    originalBytes: r.original_bytes as number | null,
    importedAt: r.imported_at as string,
    wordCount: r.word_count as number,
    charCount: body.length,
    highlightCount: 0,
    similarToId: r.similar_to_id as number | null,
    deletedAt: null,
    body,
    bodySha256: r.body_sha256 as string,
    attributes,
  };
}

function toHighlight(r: Row): Highlight {
  return {
    id: r.id as number,
    uid: r.uid as string,
    articleId: r.article_id as number,
    start: r.start as number,
    end: r.end as number,
    quote: r.quote as string,
    prefix: r.prefix as string,
    suffix: r.suffix as string,
    comment: r.comment as string,
    themeIds: r.theme_ids ? String(r.theme_ids).split(',').map(Number) : [],
    orphaned: r.orphaned === 1,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    deletedAt: null,
  };
}

/** The project's name: the `project.name` setting, else the store's file name. */
export function projectName(db: DB, storePath: string): string {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'project.name'").get() as { value: string } | undefined;
  const stored = row ? (JSON.parse(row.value) as unknown) : null;
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
    this.ids = (db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    this.total = this.ids.length;
    this.themes = db.prepare('SELECT * FROM themes WHERE deleted_at IS NULL ORDER BY parent_id NULLS FIRST, position, id').all().map(toTheme);
    this.memos = db.prepare('SELECT * FROM memos WHERE deleted_at IS NULL ORDER BY id').all().map(toMemo);
  }

  get progress(): number {
    return this.done;
  }

  /** Reads up to `n` more articles with their highlights. False when everything is read. */
  next(n = 500): boolean {
    const chunk = this.ids.slice(this.done, this.done + n);
    if (chunk.length === 0) return false;
    const json = JSON.stringify(chunk);
    const attrs = new Map<number, Record<string, string>>();
    for (const r of this.db
      .prepare('SELECT article_id, key, value FROM article_attributes WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, key')
      .all(json) as { article_id: number; key: string; value: string }[]) {
      const a = attrs.get(r.article_id) ?? {};
      a[r.key] = r.value;
      attrs.set(r.article_id, a);
    }
    const byId = new Map<number, Article>();
    for (const r of this.db.prepare('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY id').all(json) as Row[]) {
      const a = toArticle(r, attrs.get(r.id as number) ?? {});
      byId.set(a.id, a);
      this.articles.push(a);
    }
    const rows = this.db
      .prepare(
        `SELECT h.*, (SELECT group_concat(ht.theme_id) FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id
           WHERE ht.highlight_id = h.id AND t.deleted_at IS NULL) AS theme_ids
         FROM highlights h WHERE h.article_id IN (SELECT value FROM json_each(?)) AND h.deleted_at IS NULL
         ORDER BY h.article_id, h.start, h.id`,
      )
      .all(json) as Row[];
    for (const r of rows) {
      const h = toHighlight(r);
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
