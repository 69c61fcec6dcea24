// Excerpt rows for the exporters, read from the store: which highlights match
// the filter (themes with their sub-themes, articles, outlet, dates), in
// article order, then their details chunk by chunk so a long export can
// report progress and never holds more than the rows themselves.
import type { DB } from '../../../db/store';
import type { Highlight, Id } from '../../../db/types';
import { buildThemeTree, walkThemeTree } from '../../../core/codebook/tree';
import { citedArticles, excerptHighlightIds, highlightsByIds } from '../../../db/excerpts';
import { liveThemes } from '../../../db/themes';
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
  const rows = excerptHighlightIds(db, { ...f, themeIds: scope ? [...scope] : null });
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
    const rows = highlightsByIds(this.db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = [...new Set(rows.map((r) => r.articleId))].filter((id) => !this.articles.has(id));
    if (missing.length) {
      for (const { id, ...a } of citedArticles(this.db, missing, this.withBodies)) this.articles.set(id, a);
    }
    const { scope, themes, order } = this.selection;
    const out: ExcerptRow[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue; // deleted since the selection was made
      const themeIds = r.themeIds
        .filter((t) => themes.has(t) && (!scope || scope.has(t)))
        .sort((a, b) => order.get(a)! - order.get(b)!);
      const highlight: Highlight = { ...r, themeIds, deletedAt: null };
      out.push({ highlight, article: this.articles.get(highlight.articleId)!, themes: themeIds.map((t) => themes.get(t)!) });
    }
    return out;
  }
}
