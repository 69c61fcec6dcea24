// Article metadata <-> REFI-QDA Variables. REFI has no notion of "author" or
// "URL" on a source, so these travel as Text variables with plain names any
// QDA tool shows as document attributes, and come back into the same fields.
import type { ArticleMeta } from '../../db/types';

export type MetaField = Exclude<keyof ArticleMeta, 'title'>; // the title is the source's name

/** Variable name for each metadata field, in the order they are written. */
export const META_VARIABLES: ReadonlyArray<readonly [MetaField, string]> = [
  ['source', 'Source'],
  ['author', 'Author'],
  ['url', 'URL'],
  ['publishedAt', 'Published'],
  ['language', 'Language'],
];

const SUFFIX = ' (attribute)';

function metaFieldFor(name: string): MetaField | null {
  const lower = name.trim().toLowerCase();
  for (const [field, label] of META_VARIABLES) if (label.toLowerCase() === lower) return field;
  return null;
}

/**
 * Variable name for one of our free attributes. An attribute that happens to be
 * called "Author" (etc.) must not be mistaken for the field on the way back,
 * so it gets a suffix that the importer removes again.
 */
export function attributeVariableName(key: string): string {
  return metaFieldFor(key) || metaFieldFor(stripSuffix(key) ?? '') ? key + SUFFIX : key;
}

function stripSuffix(name: string): string | null {
  return name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : null;
}

/** Where an imported variable's value goes: a metadata field or an attribute key. */
export function classifyVariable(name: string): { field: MetaField } | { attribute: string } {
  const field = metaFieldFor(name);
  if (field) return { field };
  const base = stripSuffix(name);
  if (base !== null && (metaFieldFor(base) || metaFieldFor(stripSuffix(base) ?? ''))) return { attribute: base };
  return { attribute: name };
}
