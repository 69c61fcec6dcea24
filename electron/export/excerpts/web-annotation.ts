// Excerpts as a W3C Web Annotation collection (JSON-LD), one Annotation per
// highlight: themes are "tagging" bodies, the comment a "commenting" body;
// the target carries a TextQuoteSelector (exact/prefix/suffix) and, when the
// article text is supplied, a TextPositionSelector.
//
// Positions: the Web Annotation model (§4.2.4, referenced by §4.2.5) says the
// selection "MUST be in terms of unicode code points ... not in terms of code
// units", so start/end are converted from Quarry's UTF-16 offsets with
// core/text/offsets.ts. That needs the article body; without it the position selector
// is left out rather than written in the wrong unit (the quote selector alone
// still anchors). Note that Hypothesis itself writes UTF-16 positions; a
// consumer that does the same will be off by one per astral character before
// the passage, and then falls back on the quote.
//
// Collection layout follows the model §5: the annotations sit in the first
// AnnotationPage of the AnnotationCollection.
import { utf16ToCodePoints } from '../../../core/text/offsets';
import type { ExcerptOptions, ExcerptRow } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format: 'text/plain';
}

function uuidUrn(uid: string): string {
  return `urn:uuid:${uid.replace(/^\{|\}$/g, '').toLowerCase()}`;
}

function annotation(row: ExcerptRow) {
  const { highlight: h, article: a } = row;
  const body: TextualBody[] = row.themes.map((t) => ({ type: 'TextualBody', purpose: 'tagging', value: t.name, format: 'text/plain' }));
  if (h.comment.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: h.comment, format: 'text/plain' });
  const selector: Record<string, unknown>[] = [{ type: 'TextQuoteSelector', exact: h.quote, prefix: h.prefix, suffix: h.suffix }];
  if (a.body !== undefined && h.end <= a.body.length && a.body.slice(h.start, h.end) === h.quote) {
    const [start, end] = utf16ToCodePoints(a.body, [h.start, h.end]);
    selector.push({ type: 'TextPositionSelector', start, end });
  }
  return {
    type: 'Annotation',
    id: uuidUrn(h.uid),
    motivation: 'highlighting',
    created: h.createdAt,
    modified: h.updatedAt,
    ...(body.length ? { body } : {}),
    target: { source: a.url || uuidUrn(a.uid), selector },
  };
}

/** One annotation per highlight whatever `rowPer` says: themes are bodies, not rows. */
export function excerptsToWebAnnotation(rows: readonly ExcerptRow[], _options: ExcerptOptions, label = 'Quarry excerpts'): string {
  const seen = new Set<string>();
  const items = rows.filter((r) => !seen.has(r.highlight.uid) && seen.add(r.highlight.uid)).map(annotation);
  const collection = {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return JSON.stringify(collection, null, 2) + '\n';
}
