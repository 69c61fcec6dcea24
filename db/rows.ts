// Row mappers: snake_case columns to the camelCase shapes of db/types.ts.
import type { Article, ArticleSummary, Highlight, Memo, Theme } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */
type R = any;

export const ARTICLE_SUMMARY_COLUMNS = `a.id, a.uid, a.title, a.source, a.author, a.url, a.published_at, a.language,
  a.imported_at, a.word_count, a.char_count, a.original_name, a.original_format, a.original_bytes,
  a.similar_to_id, a.deleted_at,
  (SELECT count(*) FROM highlights h WHERE h.article_id = a.id AND h.deleted_at IS NULL) AS highlight_count`;

export function toArticleSummary(r: R): ArticleSummary {
  return {
    id: r.id,
    uid: r.uid,
    title: r.title,
    source: r.source,
    author: r.author,
    url: r.url,
    publishedAt: r.published_at,
    language: r.language,
    importedAt: r.imported_at,
    wordCount: r.word_count,
    charCount: r.char_count,
    highlightCount: r.highlight_count,
    originalName: r.original_name,
    originalFormat: r.original_format,
    originalBytes: r.original_bytes,
    similarToId: r.similar_to_id,
    deletedAt: r.deleted_at,
  };
}

/** A `SELECT *` article row (no counts joined): highlightCount starts at 0 for the caller to fill. */
export function toArticle(r: R, attributes: Record<string, string>): Article {
  const body = r.body as string;
  return {
    id: r.id,
    uid: r.uid,
    title: r.title,
    source: r.source,
    author: r.author,
    url: r.url,
    publishedAt: r.published_at,
    language: r.language,
    originalName: r.original_name,
    originalFormat: r.original_format,
    originalBytes: r.original_bytes,
    importedAt: r.imported_at,
    wordCount: r.word_count,
    charCount: body.length,
    highlightCount: 0,
    similarToId: r.similar_to_id,
    deletedAt: r.deleted_at,
    body,
    bodySha256: r.body_sha256,
    attributes,
  };
}

export function toTheme(r: R): Theme {
  return {
    id: r.id,
    uid: r.uid,
    parentId: r.parent_id,
    name: r.name,
    color: r.color,
    description: r.description,
    position: r.position,
    deletedAt: r.deleted_at,
  };
}

export function toHighlight(r: R): Highlight {
  return {
    id: r.id,
    uid: r.uid,
    articleId: r.article_id,
    start: r.start,
    end: r.end,
    quote: r.quote,
    prefix: r.prefix,
    suffix: r.suffix,
    comment: r.comment,
    themeIds: r.theme_ids ? String(r.theme_ids).split(',').map(Number) : [],
    orphaned: r.orphaned === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export function toMemo(r: R): Memo {
  return {
    id: r.id,
    uid: r.uid,
    title: r.title,
    body: r.body,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}
