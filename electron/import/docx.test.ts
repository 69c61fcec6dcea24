import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { parseDocx } from './docx';
import { makeZip, makeZipBomb, renameEntry } from '../../test/fixtures/formats/make-zip';
import { importError } from '../../test/helpers/errors';

const FIXTURES = new URL('../../test/fixtures/formats/', import.meta.url);

async function sampleDocx(): Promise<Uint8Array> {
  const doc = new Document({
    title: 'Port Strategy 2025',
    creator: 'Ana Lima',
    description: 'test fixture',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Port strategy', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('The harbour authority '), new TextRun({ text: 'approved', bold: true }), new TextRun(' the plan.')] }),
          new Paragraph({ text: '' }),
          new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Cut waiting times', bullet: { level: 0 } }),
          new Paragraph({ text: 'Electrify cranes', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Year')] }), new TableCell({ children: [new Paragraph('Ships')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('2024')] }), new TableCell({ children: [new Paragraph('1,204')] })] }),
            ],
          }),
          new Paragraph({ text: 'Ends here.', alignment: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The smallest package mammoth accepts, plus extra entries. */
async function minimalDocx(extra: { name: string; data: string | Uint8Array }[] = [], documentXml?: string): Promise<Buffer> {
  return makeZip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        documentXml ??
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello minimal</w:t></w:r></w:p></w:body></w:document>',
    },
    ...extra,
  ]);
}

describe('parseDocx', () => {
  it('converts headings, paragraphs, bullet lists and tables, and reads core properties', async () => {
    const a = await parseDocx({ bytes: await sampleDocx(), fileName: 'strategy.docx' });
    expect(a.body).toBe(
      [
        'Port strategy',
        'The harbour authority approved the plan.',
        'Goals',
        '• Cut waiting times',
        '• Electrify cranes',
        'Year | Ships',
        '2024 | 1,204',
        'Ends here.',
      ].join('\n\n'),
    );
    expect(a.metadata.title).toBe('Port Strategy 2025');
    expect(a.metadata.author).toBe('Ana Lima');
    expect(a.metadata.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(a.cuts).toEqual([]);
  });

  it('falls back to the first heading for the title and accepts a minimal package', async () => {
    const a = await parseDocx({ bytes: await minimalDocx(), fileName: 'min.docx' });
    expect(a.body).toBe('Hello minimal');
    expect(a.metadata.title).toBeNull();
  });

  it('refuses a zip bomb before mammoth inflates it', async () => {
    const real = makeZipBomb([
      { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
      { name: 'word/media/zeros.bin', zeros: 1024 * 1024 * 1024 },
    ]);
    const byDefault = await importError(parseDocx({ bytes: real, fileName: 'bomb.docx' }));
    expect(byDefault.code).toBe('unsafe');
    expect(byDefault.message).toBe('bomb.docx: archive entry "word/media/zeros.bin" would expand to 1024 MiB, over the limit of 256 MiB; refusing it as a possible zip bomb');
    const bomb = await minimalDocx([{ name: 'word/media/zeros.bin', data: new Uint8Array(50 * 1024 * 1024) }]);
    const bySize = await importError(parseDocx({ bytes: bomb, fileName: 'bomb.docx' }, { maxEntryUncompressed: 1024 * 1024, maxRatio: 1e9 }));
    expect(bySize.code).toBe('unsafe');
    expect(bySize.message).toContain('"word/media/zeros.bin" would expand to 50 MiB');
  });

  it('refuses a package with an entry outside the archive', async () => {
    const slip = renameEntry(await minimalDocx([{ name: 'zz/zz/evil.xml', data: '<x/>' }]), 'zz/zz/evil.xml', '../../evil.xml');
    const err = await importError(parseDocx({ bytes: slip, fileName: 'slip.docx' }));
    expect(err.code).toBe('unsafe');
    expect(err.message).toBe('slip.docx: archive entry "../../evil.xml" points outside the archive');
  });

  it('refuses XML parts with a DOCTYPE (entity attacks)', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>';
    const err = await importError(parseDocx({ bytes: await minimalDocx([], xml), fileName: 'dtd.docx' }));
    expect(err.code).toBe('unsafe');
    expect(err.message).toContain('word/document.xml');
  });

  it('reports a .docx that is plain text as corrupt', async () => {
    const bytes = readFileSync(new URL('plain-text.docx', FIXTURES));
    const err = await importError(parseDocx({ bytes, fileName: 'plain-text.docx' }));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe('plain-text.docx: is not a valid Word document (it is not a ZIP package)');
  });

  it('reports a ZIP without word/document.xml, and a truncated package, as corrupt', async () => {
    const other = await makeZip([{ name: 'hello.txt', data: 'hi' }]);
    expect((await importError(parseDocx({ bytes: other, fileName: 'other.docx' }))).message).toContain('word/document.xml is missing');
    const full = await sampleDocx();
    const truncated = full.subarray(0, Math.floor(full.length / 2));
    const err = await importError(parseDocx({ bytes: truncated, fileName: 'cut.docx' }));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^cut\.docx: is not a valid Word document \(/);
  });

  it('recognises password-protected (OLE) files', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await importError(parseDocx({ bytes: ole, fileName: 'locked.docx' }));
    expect(err.code).toBe('encrypted');
    expect(err.message).toContain('password');
  });
});
