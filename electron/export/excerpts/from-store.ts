// Excerpt rows for the exporters, read from the store: which highlights match
// the filter (themes with their sub-themes, articles, outlet, dates), in
// article order, then their details chunk by chunk so a long export can
// report progress and never holds more than the rows themselves.
import type { DB } from '../../../db/store';
import type { Highlight, Id } from '../../../db/types';
import { buildThemeTree, walkThemeTree } from '../../../core/codebook/tree';
import { liveThemes } from '../../interchange/theme-merge';
import type { ExcerptArticle, ExcerptRow, ExcerptTheme } from './types';

export interface ExcerptFilter {
  themeIds?: Id[];
  /** With themeIds: also passages tagged only with a sub-theme (default true). */
  includeSubThemes?: boolean;
  articleIds?: Id[];
  source?: string | null;
  from?: string | null; // published on/after (ISO prefix)
  to?: string | null; // published on/before (ISO prefix, inclusive)
}

export interface ExcerptSelection {
  ids: Id[]; // highlight ids in export order
  articles: number;
  /** Themes a row may show: the chosen themes (and sub-themes), or null for all. */
  scope: Set<Id> | null;
  themes: Map<Id, ExcerptTheme>;
  /** Tree order of the live themes, so each row lists its themes in codebook order. */
  order: Map<Id, number>;
}

/** The live codebook as ExcerptThemes (with paths), in tree order. */
export function excerptThemes(db: DB): { themes: Map<Id, ExcerptTheme>; order: Map<Id, number>; children: Map<Id, Id[]> } {
  const themes = new Map<Id, ExcerptTheme>();
  const order = new Map<Id, number>();
  const children = new Map<Id, Id[]>();
  for (const n of walkThemeTree(buildThemeTree(liveThemes(db)))) {
    const t = n.theme;
    order.set(t.id, order.size);
    themes.set(t.id, { id: t.id, name: t.name, path: n.path, description: t.description, color: t.color });
    children.set(t.id, n.children.map((c) => c.theme.id));
  }
  return { themes, order, children };
}

export function selectExcerpts(db: DB, f: ExcerptFilter): ExcerptSelection {
  const { themes, order, children } = excerptThemes(db);
  let scope: Set<Id> | null = null;
  if (f.themeIds?.length) {
    scope = new Set();
    const add = (id: Id) => {
      if (scope!.has(id) || !themes.has(id)) return;
      scope!.add(id);
      if (f.includeSubThemes !== false) for (const c of children.get(id) ?? []) add(c);
    };
    for (const id of f.themeIds) add(id);
  }
  const where = ['h.deleted_at IS NULL', 'a.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (scope) {
    where.push(
      'EXISTS (SELECT 1 FROM highlight_themes ht WHERE ht.highlight_id = h.id AND ht.theme_id IN (SELECT value FROM json_each(@themes)))',
    );
    params.themes = JSON.stringify([...scope]);
  }
  if (f.articleIds?.length) {
    where.push('a.id IN (SELECT value FROM json_each(@articles))');
    params.articles = JSON.stringify(f.articleIds);
  }
  if (f.source) {
    where.push('a.source = @source');
    params.source = f.source;
  }
  if (f.from) {
    where.push('a.published_at >= @from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('substr(a.published_at, 1, length(@to)) <= @to');
    params.to = f.to;
  }
  const rows = db
    .prepare(
      `SELECT h.id, h.article_id FROM highlights h JOIN articles a ON a.id = h.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY lower(a.title), a.id, h.start, h."end", h.id`,
    )
    .all(params) as { id: Id; article_id: Id }[];
  return { ids: rows.map((r) => r.id), articles: new Set(rows.map((r) => r.article_id)).size, scope, themes, order };
}

/** Loads the rows for `ids` (a chunk of selection.ids), in that order. `withBodies` for the JSON export. */
export class ExcerptLoader {
  private readonly articles = new Map<Id, ExcerptArticle>();

  constructor(
    private readonly db: DB,
    private readonly selection: ExcerptSelection,
    private readonly withBodies: boolean,
  ) {}

  load(ids: readonly Id[]): ExcerptRow[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT h.*, (SELECT group_concat(ht.theme_id) FROM highlight_themes ht WHERE ht.highlight_id = h.id) AS theme_ids
         FROM highlights h WHERE h.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Record<string, unknown>[];
    const byId = new Map(rows.map((r) => [r.id as Id, r]));
    const missing = [...new Set(rows.map((r) => r.article_id as Id))].filter((id) => !this.articles.has(id));
    if (missing.length) {
      const cols = `id, uid, title, source, author, published_at, url${this.withBodies ? ', body' : ''}`;
      for (const a of this.db.prepare(`SELECT ${cols} FROM articles WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(missing)) as Record<string, unknown>[]) {
        this.articles.set(a.id as Id, {
          uid: a.uid as string,
          title: a.title as string,
          source: a.source as string | null,
          author: a.author as string | null,
          publishedAt: a.published_at as string | null,
          url: a.url as string | null,
          ...(this.withBodies ? { body: a.body as string } : {}),
        });
      }
    }
    const { scope, themes, order } = this.selection;
    const out: ExcerptRow[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue; // deleted since the selection was made
      const themeIds = (r.theme_ids ? String(r.theme_ids).split(',').map(Number) : [])
        .filter((t) => themes.has(t) && (!scope || scope.has(t)))
        .sort((a, b) => order.get(a)! - order.get(b)!);
      const highlight: Highlight = {
        id,
        uid: r.uid as string,
        articleId: r.article_id as Id,
        start: r.start as number,
        end: r.end as number,
        quote: r.quote as string,
        prefix: r.prefix as string,
        suffix: r.suffix as string,
        comment: r.comment as string,
        themeIds,
        orphaned: r.orphaned === 1,
        createdAt: r.created_at as string,
        updatedAt: r.updated_at as string,
        deletedAt: null,
      };
      out.push({ highlight, article: this.articles.get(highlight.articleId)!, themes: themeIds.map((t) => themes.get(t)!) });
    }
    return out;
  }
}
