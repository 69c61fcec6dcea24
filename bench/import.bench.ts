// Issue 4 figures: import throughput through `quarry import` (the CLI code path:
// read, parse in workers, store) for 1,000 generated ~30 KB HTML pages with
// clutter, 200 generated DOCX files and 100 generated PDFs. (10,000 plain-text
// articles and peak memory are in bench/store.)
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCli } from '../electron/cli';
import { newsPage, paragraphText } from '../test/fixtures/formats/make-html';
import { layoutPages, makePdf } from '../test/fixtures/formats/make-pdf';
import { round, tempDir } from './util';

const dir = tempDir('import');
const quiet = { out: () => undefined, err: (s: string) => process.stderr.write(s + '\n') };

async function timeImport(name: string, folder: string, count: number): Promise<{ seconds: number; perSecond: number; peakRssMb: number }> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  const code = await runCli(['--store', join(dir, `${name}.sqlite`), 'import', folder], quiet);
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`quarry import of ${name} exited ${code}`);
  return { seconds: round(seconds, 2), perSecond: round(count / seconds, 1), peakRssMb: round(peak / 1024 / 1024, 0) };
}

// HTML: 1,000 distinct pages of about 30 KB each, with navigation, related links, comments and scripts.
const html = join(dir, 'html');
mkdirSync(html);
let htmlBytes = 0;
for (let i = 0; i < 1000; i++) {
  const page = newsPage({ title: `Ministry review ${i}: export rules after pressure`, paragraphs: 10 + (i % 8), targetBytes: 30_000 }).replace(/<p>/, `<p>Dispatch ${i}. `);
  htmlBytes += page.length;
  writeFileSync(join(html, `page-${i}.html`), page);
}
const htmlResult = await timeImport('html', html, 1000);

// DOCX: 200 documents of ~40 paragraphs.
const docx = join(dir, 'docx');
mkdirSync(docx);
for (let i = 0; i < 200; i++) {
  const doc = new Document({
    creator: 'Bench',
    title: `Briefing ${i}`,
    sections: [{ children: [new Paragraph({ text: `Briefing ${i}`, heading: HeadingLevel.HEADING_1 }), ...Array.from({ length: 40 }, (_, k) => new Paragraph(`${i}-${k}. ${paragraphText(i * 40 + k)}`))] }],
  });
  writeFileSync(join(docx, `brief-${i}.docx`), await Packer.toBuffer(doc));
}
const docxResult = await timeImport('docx', docx, 200);

// PDF: 100 documents of 8 pages with a running header and page numbers.
const pdf = join(dir, 'pdf');
mkdirSync(pdf);
let pdfPages = 0;
for (let i = 0; i < 100; i++) {
  const pages = layoutPages({ paragraphs: [`# Report ${i}`, ...Array.from({ length: 30 }, (_, k) => `${i}.${k} ${paragraphText(i * 30 + k)}`)], header: 'Quarterly Minerals Review', footer: (n) => `Page ${n}` });
  pdfPages += pages.length;
  writeFileSync(join(pdf, `report-${i}.pdf`), makePdf(pages, { info: { Title: `Report ${i}` } }));
}
const pdfResult = await timeImport('pdf', pdf, 100);

console.log(
  JSON.stringify({
    html_pages: 1000,
    html_avg_kb: round(htmlBytes / 1000 / 1024, 1),
    html_pages_per_s: htmlResult.perSecond,
    html_target_pages_per_s: 200,
    html_seconds: htmlResult.seconds,
    docx_files: 200,
    docx_files_per_s: docxResult.perSecond,
    pdf_files: 100,
    pdf_pages: pdfPages,
    pdf_pages_per_s: round(pdfPages / pdfResult.seconds, 1),
    peak_rss_mb: Math.max(htmlResult.peakRssMb, docxResult.peakRssMb, pdfResult.peakRssMb),
  }),
);
