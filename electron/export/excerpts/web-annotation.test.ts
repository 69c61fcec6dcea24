import { describe, expect, it } from 'vitest';
import { excerptRows } from '../../../test/fixtures/rows';
import { excerptsToWebAnnotation } from './web-annotation';

describe('excerptsToWebAnnotation', () => {
  it('writes a W3C AnnotationCollection with tagging and commenting bodies', () => {
    const rows = excerptRows();
    const doc = JSON.parse(excerptsToWebAnnotation(rows, { rowPer: 'highlight-theme' }));
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(rows.length);
    const items = doc.first.items;
    expect(doc.first.type).toBe('AnnotationPage');
    expect(items).toHaveLength(rows.length);
    const first = items[0];
    expect(first).toMatchObject({
      type: 'Annotation',
      id: 'urn:uuid:e5000000-0000-4000-8000-000000000100',
      motivation: 'highlighting',
      created: '2025-10-28T09:00:00.000Z',
      modified: '2025-10-28T09:00:00.000Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'China leverage' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Export controls' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Key figure;\n"90%" vs 80' },
      ],
      target: { source: 'https://example.org/jp-01?a=1&b=2' },
    });
    expect(first.target.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: rows[0].highlight.quote, prefix: rows[0].highlight.prefix, suffix: rows[0].highlight.suffix });
    // No URL: the article is named by its uid.
    const plain = items.find((i: { id: string }) => i.id.endsWith('000000000109'));
    expect(plain.target.source).toBe('urn:uuid:c0ffee00-0000-4000-8000-00000000000b');
    // No theme and no comment: no body at all.
    expect(items.find((i: { id: string }) => i.id.endsWith('000000000105')).body).toEqual([{ type: 'TextualBody', purpose: 'commenting', value: 'comment only, no theme', format: 'text/plain' }]);
  });

  it('counts TextPositionSelector in code points, as the model requires', () => {
    const rows = excerptRows();
    const items = JSON.parse(excerptsToWebAnnotation(rows, { rowPer: 'highlight' })).first.items;
    const compass = rows.find((r) => r.highlight.uid.endsWith('103'))!;
    const pos = items.find((i: { id: string }) => i.id.endsWith('103')).target.selector[1];
    expect(pos.type).toBe('TextPositionSelector');
    expect(pos.start).toBe(compass.highlight.start - 2); // the 🇯🇵 flag before it: 4 units, 2 code points
    expect(pos.end - pos.start).toBe(Array.from(compass.highlight.quote).length);
    expect(Array.from(compass.article.body!).slice(pos.start, pos.end).join('')).toBe(compass.highlight.quote);
  });

  it('leaves out the position selector when the article text is not given', () => {
    const rows = excerptRows().map((r) => ({ ...r, article: { ...r.article, body: undefined } }));
    const items = JSON.parse(excerptsToWebAnnotation(rows, { rowPer: 'highlight' })).first.items;
    for (const item of items) expect(item.target.selector).toHaveLength(1);
  });

  it('keeps every character of quotes (JSON escaping)', () => {
    const json = excerptsToWebAnnotation(excerptRows(), { rowPer: 'highlight' });
    const exacts = JSON.parse(json).first.items.map((i: { target: { selector: { exact: string }[] } }) => i.target.selector[0].exact);
    expect(exacts).toEqual(expect.arrayContaining(['a tab\there.\n\nArabic: مرحبا', '🙂 then 👩‍👩‍👧', 'Quotes "double" & \'single\' <tags> ]]>']));
  });
});
