// Full-text search over articles (FTS5, bm25 ranking, marked snippets).
import type { DB } from './store';
import type { SearchHit } from './types';

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/**
 * Turn what a user types into an FTS5 query that cannot be a syntax error:
 * "quoted phrases" stay phrases, other words become quoted terms (AND), and the
 * last word also matches as a prefix so results follow typing.
 */
export function toFtsQuery(input: string): string | null {
  input = input.replace(/\0/g, ' '); // FTS5 ends a query string at NUL ("unterminated string")
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    const phrase = m[1] !== undefined ? m[1] : m[2].replace(/["*^:()]/g, ' ');
    for (const piece of m[1] !== undefined ? [phrase] : phrase.split(/\s+/)) {
      const words = piece.trim();
      if (words) parts.push(`"${words.replace(/"/g, '""')}"`);
    }
  }
  if (parts.length === 0) return null;
  const lastIsWord = !/"\s*$/.test(input.trim()) && /[\p{L}\p{N}]$/u.test(input.trim());
  if (lastIsWord) parts[parts.length - 1] += '*';
  return parts.join(' ');
}

export function searchArticles(db: DB, query: string, o: { limit?: number } = {}): SearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  // Weights: a hit in the title counts 8x, in the outlet 2x, in the body 1x.
  const rows = db
    .prepare(
      `SELECT a.id, a.title, a.source, a.published_at,
         snippet(articles_fts, 1, '${MARK_START}', '${MARK_END}', '…', 16) AS snippet,
         bm25(articles_fts, 8.0, 1.0, 2.0) AS rank
       FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
       WHERE articles_fts MATCH ? AND a.deleted_at IS NULL
       ORDER BY rank LIMIT ?`,
    )
    .all(fts, o.limit ?? 50) as { id: number; title: string; source: string | null; published_at: string | null; snippet: string; rank: number }[];
  return rows.map((r) => ({ articleId: r.id, title: r.title, source: r.source, publishedAt: r.published_at, snippet: r.snippet, rank: r.rank }));
}
