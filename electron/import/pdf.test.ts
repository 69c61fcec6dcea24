import { describe, expect, it } from 'vitest';
import { parsePdf, pdfDateToIso } from './pdf';
import { layoutPages, makePdf, type PageSpec } from '../../test/fixtures/formats/make-pdf';
import { paragraphText } from '../../test/fixtures/formats/make-html';
import { importError } from '../../test/helpers/errors';

const parse = (bytes: Uint8Array, fileName = 'doc.pdf') => parsePdf({ bytes, fileName });

/** Body lines at 11 pt, 14 pt apart, from the top of an A4 page. */
function lines(texts: string[], startY = 760, step = 14, x = 72): PageSpec['runs'] {
  return texts.map((text, i) => ({ text, x, y: startY - i * step }));
}

describe('parsePdf', () => {
  const paragraphs = ['# Export rules under review', ...Array.from({ length: 9 }, (_, i) => paragraphText(i * 3))];

  it('rebuilds paragraphs across pages and drops the running header and page footers', async () => {
    const pages = layoutPages({ paragraphs, header: 'Quarterly Trade Report 2025', footer: (n) => `Page ${n} of 9`, linesPerPage: 14 });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const a = await parse(makePdf(pages, { info: { Title: 'Trade report', Author: 'Jo Analyst', CreationDate: "D:20250312093000+01'00'" } }));
    expect(a.body).toBe(['Export rules under review', ...paragraphs.slice(1)].join('\n\n'));
    expect(a.metadata).toEqual({ title: 'Trade report', author: 'Jo Analyst', publishedAt: '2025-03-12T09:30:00+01:00', language: null });
    expect(a.warnings).toEqual([]);
  });

  it('keeps a top line that appears on only one page of two, and drops one repeated on both', async () => {
    const body = (n: number) => lines([`Body text of page ${n} starts here and runs across the page width a bit.`, 'It ends with a full stop.']);
    const pages: PageSpec[] = [
      { runs: [{ text: 'CONFIDENTIAL DRAFT', x: 72, y: 800, size: 9 }, { text: 'Only on page one', x: 72, y: 785, size: 9 }, ...body(1)] },
      { runs: [{ text: 'CONFIDENTIAL DRAFT', x: 72, y: 800, size: 9 }, ...body(2)] },
    ];
    const a = await parse(makePdf(pages));
    expect(a.body).not.toContain('CONFIDENTIAL');
    expect(a.body).toContain('Only on page one');
  });

  it('undoes hyphenation only before a lowercase continuation', async () => {
    const pages: PageSpec[] = [
      {
        runs: lines([
          'The agreement on inter-',
          'national shipping lanes and the Franco-',
          'German rail link was signed by both sides after long and difficult talks.',
        ]),
      },
    ];
    const a = await parse(makePdf(pages));
    expect(a.body).toBe('The agreement on international shipping lanes and the Franco-German rail link was signed by both sides after long and difficult talks.');
  });

  it('splits paragraphs at wide gaps, indented first lines, size changes and bullets', async () => {
    const full = 'This line of body text runs all the way across the column to the margin';
    const pages: PageSpec[] = [
      {
        runs: [
          { text: 'A Heading', x: 72, y: 780, size: 16, bold: true },
          ...lines([full, 'and ends here.'], 750),
          ...lines([full, 'after a wide gap.'], 705),
          ...lines([full], 677),
          { text: 'Indented first line continues the text of the next paragraph here', x: 90, y: 663 },
          ...lines(['• first bullet item', '• second bullet item'], 649),
        ],
      },
    ];
    const a = await parse(makePdf(pages));
    expect(a.body).toBe(
      ['A Heading', `${full} and ends here.`, `${full} after a wide gap.`, full, 'Indented first line continues the text of the next paragraph here', '• first bullet item', '• second bullet item'].join(
        '\n\n',
      ),
    );
    expect(a.metadata.title).toBe('A Heading'); // no /Title: the large first line
  });

  it('drops bare page numbers even on a single page', async () => {
    const a = await parse(makePdf([{ runs: [...lines(['Just one line of text.']), { text: '- 7 -', x: 290, y: 40 }] }]));
    expect(a.body).toBe('Just one line of text.');
  });

  it('reports a PDF without a text layer as no-text', async () => {
    // A one-pixel inline image and a rectangle: what a scan looks like to a text extractor.
    const scan: PageSpec = { runs: [], graphics: 'q 100 0 0 100 72 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q 72 500 200 50 re S' };
    const err = await importError(parse(makePdf([scan, scan]), 'scan.pdf'));
    expect(err.code).toBe('no-text');
    expect(err.message).toBe('scan.pdf: has no text layer (scanned image?); run OCR first');
  });

  it('reports a password-protected PDF as encrypted', async () => {
    // A real RC4-encrypted file (standard security handler R2) with a user password.
    const bytes = makePdf(layoutPages({ paragraphs: ['Secret text.'] }), { userPassword: 'secret', info: { Title: 'Hidden' } });
    const err = await importError(parse(bytes, 'locked.pdf'));
    expect(err.code).toBe('encrypted');
    expect(err.message).toBe('locked.pdf: is password-protected; remove the password and import again');
  });

  it('reports non-PDF and broken bytes as corrupt', async () => {
    for (const bytes of [new TextEncoder().encode('hello, this is not a PDF'), new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog')]) {
      const err = await importError(parse(bytes, 'broken.pdf'));
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/^broken\.pdf: is not a valid PDF \(/);
    }
    expect((await importError(parse(new Uint8Array(0)))).code).toBe('empty');
  });

  it('stops at the time limit with a clear message', async () => {
    const bytes = makePdf(layoutPages({ paragraphs }));
    const err = await importError(parsePdf({ bytes, fileName: 'slow.pdf' }, { timeLimitMs: 0 }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/took longer than 0 s \(stopped at page 1 of \d+\)/);
  });

  it('leaves the caller\'s bytes intact (pdfjs detaches what it is given)', async () => {
    const bytes = makePdf(layoutPages({ paragraphs: ['Still here.'] }));
    const copy = Uint8Array.from(bytes);
    await parse(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('pdfDateToIso', () => {
  it.each([
    ["D:20250312093000+01'00'", '2025-03-12T09:30:00+01:00'],
    ['D:20250312093000Z', '2025-03-12T09:30:00Z'],
    ["D:20250312093000-05'30", '2025-03-12T09:30:00-05:30'],
    ['D:20250312', '2025-03-12'],
    ['D:202503', '2025-03'],
    ['D:2025', '2025'],
    ['garbage', null],
  ])('%s -> %s', (raw, iso) => {
    expect(pdfDateToIso(raw)).toBe(iso);
  });
});
