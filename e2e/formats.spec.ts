// Every input format, through the app's import (file picker -> preview -> store).
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { newsPage } from '../test/fixtures/formats/make-html';
import { layoutPages, makePdf } from '../test/fixtures/formats/make-pdf';
import { makeZip } from '../test/fixtures/formats/make-zip';
import { api, expect, test } from './fixtures';

interface Summary { title: string; source: string | null; author: string | null; publishedAt: string | null; originalFormat: string | null }

test('HTML, DOCX, PDF, EPUB, CSV and JSON Lines import with their metadata and text', async ({ app, quarry }) => {
  const docx = await Packer.toBuffer(
    new Document({
      creator: 'Aiko Tanaka',
      title: 'Seabed mining briefing',
      sections: [{ children: [new Paragraph({ text: 'Seabed mining briefing', heading: HeadingLevel.HEADING_1 }), new Paragraph('Pilot recovery of rare-earth mud near Minamitorishima began in January.')] }],
    }),
  );
  const pdf = makePdf(
    layoutPages({ paragraphs: ['# Processing capacity outlook', 'Refining remains concentrated in a few countries, which keeps prices volatile for magnet makers.'], header: 'Quarterly Minerals Review', footer: (n) => `Page ${n}` }),
    { info: { Title: 'Processing capacity outlook', Author: 'M. Keller' } },
  );
  const epub = await makeZip([
    { name: 'mimetype', data: 'application/epub+zip', compress: false },
    { name: 'META-INF/container.xml', data: '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>' },
    {
      name: 'OEBPS/content.opf',
      data: '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Critical Minerals Primer</dc:title><dc:creator>R. Osei</dc:creator><dc:language>en</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>',
    },
    { name: 'OEBPS/c1.xhtml', data: '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Chapter one</h1><p>Stockpiles buy time but not independence.</p></body></html>' },
  ]);
  const csv = 'Headline,Full Text,Outlet,Published\n"Ports brace for slowdown","Shipping volumes fell, officials said.",Harbour Post,2025-04-02\n';
  const jsonl = '{"title":"Magnet plant opens","body":"The plant will make 1,000 tonnes a year.","source":"Industry Daily"}\n';
  await app.getByTestId('file-input').setInputFiles([
    { name: 'export-rules.html', mimeType: 'text/html', buffer: Buffer.from(newsPage({ title: 'Ministry to review export rules after pressure' })) },
    { name: 'briefing.docx', mimeType: 'application/octet-stream', buffer: docx },
    { name: 'outlook.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
    { name: 'primer.epub', mimeType: 'application/epub+zip', buffer: epub },
    { name: 'wire.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    { name: 'feed.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) },
  ]);
  await app.getByRole('button', { name: 'Import 6 articles' }).click();
  await expect(app.getByTestId('import-summary')).toHaveText('6 imported, 0 duplicates, 0 skipped.');
  const list = await api<Summary[]>(quarry, 'articles.list', { sort: 'title', direction: 'asc' });
  const by = (t: string) => list.find((a) => a.title === t);
  expect(by('Ministry to review export rules after pressure')).toMatchObject({ source: 'The Daily Example', author: 'Jane Doe', publishedAt: expect.stringMatching(/^2025-03-12/), originalFormat: 'html' });
  expect(by('Seabed mining briefing')).toMatchObject({ author: 'Aiko Tanaka', originalFormat: 'docx' });
  expect(by('Processing capacity outlook')).toMatchObject({ author: 'M. Keller', originalFormat: 'pdf' });
  expect(by('Critical Minerals Primer')).toMatchObject({ author: 'R. Osei', originalFormat: 'epub' });
  expect(by('Ports brace for slowdown')).toMatchObject({ source: 'Harbour Post', publishedAt: '2025-04-02', originalFormat: 'csv' });
  expect(by('Magnet plant opens')).toMatchObject({ source: 'Industry Daily', originalFormat: 'jsonl' });
  const html = await api<{ body: string }>(quarry, 'articles.get', { id: (by('Ministry to review export rules after pressure') as unknown as { id: number }).id });
  expect(html.body).not.toContain('dataLayer');
  expect(html.body).not.toContain('We use cookies');
  const pdfArticle = await api<{ body: string }>(quarry, 'articles.get', { id: (by('Processing capacity outlook') as unknown as { id: number }).id });
  expect(pdfArticle.body).toContain('Refining remains concentrated');
  expect(pdfArticle.body).not.toContain('Quarterly Minerals Review');
});
