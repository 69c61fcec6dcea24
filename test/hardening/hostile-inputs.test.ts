// Hostile inputs through the real import path: `quarry import` (in process,
// the same code the CLI runs: folder walk, size checks, the parser worker,
// the interchange importer, one transaction per file). Each case is refused
// with a clear message naming the file and leaves the store empty and healthy,
// or is stored safely (what is checked says what "safely" means for it).
// Every hostile file is generated here; none is a committed binary.
//
// The suite prints "hostile inputs held: N/N" when it ends.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { doctor } from '../../db/maintenance';
import { openStore } from '../../db/store';
import { MAX_THEME_DEPTH } from '../../db/themes';
import type { ImportSummary } from '../../electron/api/contract';
import { runCli } from '../../electron/cli';
import { MAX_BODY_CHARS, MAX_TITLE_CHARS } from '../../electron/import/limits';
import { fixture, minimalQdpx, zip as refiZip } from '../fixtures/refi-archives';
import { makeZip, makeZipBomb, patchDeclaredSize, renameEntry, type ZipInput } from '../fixtures/formats/make-zip';
import { layoutPages, makePdf } from '../fixtures/formats/make-pdf';
import { captureIo, tempDir } from '../helpers';

// ---------------------------------------------------------------- builders

type Input = string | Buffer | { symlink: string } | { fifo: true } | { sparse: number };

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XXE_DOCTYPE = (root: string) => `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
const documentXml = (text: string, prolog = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${prolog}<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

function docxEntries(document: string | Buffer = documentXml('Minutes of the harbour committee.'), extra: ZipInput[] = []): ZipInput[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: document },
    ...extra,
  ];
}
const docx = (document?: string | Buffer, extra?: ZipInput[]) => makeZip(docxEntries(document, extra));

const utf16le = (s: string, bom = true) => Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
const utf16be = (s: string, bom = true) => Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le').swap16();

const CONTAINER =
  '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>';
const opf = (o: { title?: string; prolog?: string; manifest?: string; spine?: string } = {}) =>
  `<?xml version="1.0" encoding="UTF-8"?>${o.prolog ?? ''}<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">` +
  `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>${o.title ?? 'Harbours'}</dc:title><dc:language>en</dc:language></metadata>` +
  `<manifest>${o.manifest ?? '<item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>'}</manifest><spine>${o.spine ?? '<itemref idref="c1"/>'}</spine></package>`;
const chapter = (body: string, prolog = '<!DOCTYPE html>') =>
  `<?xml version="1.0" encoding="utf-8"?>${prolog}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body>${body}</body></html>`;

function epubEntries(o: { container?: string | Buffer; opf?: string | Buffer; chapter?: string | Buffer; extra?: ZipInput[] } = {}): ZipInput[] {
  return [
    { name: 'mimetype', data: 'application/epub+zip', compress: false },
    { name: 'META-INF/container.xml', data: o.container ?? CONTAINER },
    { name: 'OEBPS/content.opf', data: o.opf ?? opf() },
    { name: 'OEBPS/ch1.xhtml', data: o.chapter ?? chapter('<h1>Chapter One</h1><p>The ship came in at dawn with a cargo of salt.</p>') },
    ...(o.extra ?? []),
  ];
}
const epub = (o: Parameters<typeof epubEntries>[0] = {}) => makeZip(epubEntries(o));
const asBombEntries = (entries: ZipInput[]) => entries.map((e) => ({ name: e.name, data: e.data }));

const MINIMAL_QDE = fixture('minimal-project.qde').toString('utf8');
const MINIMAL_SOURCE = fixture('minimal-source.txt');
const SOURCE_ENTRY = 'sources/6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F.txt';

/** A project whose codebook nests `depth` codes. */
function deepCodes(depth: number): string {
  let codes = '';
  for (let i = depth; i >= 1; i--) codes = `<Code guid="00000000-0000-4000-8000-${String(i).padStart(12, '0')}" name="L${i}" isCodable="true">${codes}</Code>`;
  return `<Codes>${codes}</Codes>`;
}

const BIG_TITLE = 'Harbour budget '.repeat(70_000); // ~1 MB
const PARAGRAPH = 'The committee met on Tuesday to discuss the budget for the new library; members asked about costs and the archive.\n\n';

// ---------------------------------------------------------------- the table

interface HostileCase {
  name: string;
  /** Files to create, relative to the input folder. */
  files: () => Promise<Record<string, Input>> | Record<string, Input>;
  /** Import the folder itself (walk) rather than each file. */
  folder?: boolean;
  maxSizeMb?: number;
  /** Refused: the file's outcome is skipped with a message matching this (it must also name the file). */
  refused?: RegExp;
  /** Stored safely: checks on the store and summary. */
  stored?: (o: StoredCheck) => void | Promise<void>;
}

interface StoredCheck {
  summary: ImportSummary;
  articles: { title: string; body: string; url: string | null; author: string | null }[];
  themes: { name: string }[];
  storePath: string;
  dir: string;
}

const refused = (name: string, files: HostileCase['files'], why: RegExp, extra: Partial<HostileCase> = {}): HostileCase => ({ name, files, refused: why, ...extra });

const CASES: HostileCase[] = [
  // ---- archives: zip-slip, bombs, lying headers, entry counts
  refused('zip-slip entry in a DOCX', async () => ({ 'slip.docx': renameEntry(await docx(undefined, [{ name: 'zz/zz/evil.xml', data: '<x/>' }]), 'zz/zz/evil.xml', '../../evil.xml') }), /archive entry "\.\.\/\.\.\/evil\.xml" points outside the archive/),
  refused('zip-slip entry in an EPUB', async () => ({ 'slip.epub': renameEntry(await epub({ extra: [{ name: 'zz/evil.sh', data: 'rm -rf ~' }] }), 'zz/evil.sh', '../evil.sh') }), /points outside the archive/),
  refused('absolute-path entry in a .qdpx', async () => ({ 'abs.qdpx': renameEntry(await makeZip([{ name: 'project.qde', data: MINIMAL_QDE }, { name: 'zetc/passwd', data: 'x' }]), 'zetc/passwd', '/etc/passwd') }), /is an absolute path/),
  refused('1 GiB zip bomb in a DOCX', () => ({ 'bomb.docx': makeZipBomb([...asBombEntries(docxEntries()), { name: 'word/media/zeros.bin', zeros: 1024 ** 3 }]) }), /would expand to 1024 MiB, over the limit of 256 MiB; refusing it as a possible zip bomb/),
  refused('1 GiB zip bomb in an EPUB', () => ({ 'bomb.epub': makeZipBomb([...asBombEntries(epubEntries()), { name: 'OEBPS/zeros.bin', zeros: 1024 ** 3 }]) }), /possible zip bomb/),
  refused('1 GiB zip bomb in a .qdpx', () => ({ 'bomb.qdpx': makeZipBomb([{ name: 'project.qde', data: MINIMAL_QDE }, { name: SOURCE_ENTRY, zeros: 1024 ** 3 }]) }), /would expand to 1024 MiB.*possible zip bomb/),
  refused('zip bomb spread over entries under the per-entry limit', () => ({ 'spread.qdpx': makeZipBomb([{ name: 'project.qde', data: MINIMAL_QDE }, ...Array.from({ length: 5 }, (_, i) => ({ name: `sources/p${i}.txt`, zeros: 208 * 1024 ** 2 }))]) }), /would expand to more than 512 MiB; refusing it as a possible zip bomb/),
  refused('zip bomb whose header declares 64 KiB', () => ({ 'liar.docx': makeZipBomb([...asBombEntries(docxEntries()), { name: 'word/media/zeros.bin', zeros: 256 * 1024 ** 2, declare: 64 * 1024 }]) }), /"word\/media\/zeros\.bin" (holds more data than it declares|does not match its declared size)/),
  refused('a declared size no compression can reach (forged header)', async () => ({ 'forged.epub': patchDeclaredSize(await epub({ extra: [{ name: 'OEBPS/a.bin', data: Buffer.alloc(300_000, 65) }] }), 'OEBPS/a.bin', 200 * 1024 ** 2) }), /more than ZIP compression can achieve/),
  refused('an archive listing 10,001 entries', async () => ({ 'many.epub': await epub({ extra: Array.from({ length: 9_997 }, (_, i) => ({ name: `OEBPS/x/${i}.txt`, data: 'x' })) }) }), /lists 10001 entries, more than the limit of 10000/),

  // ---- XML: DTDs and entities in every encoding and part
  refused('XXE in a DOCX part (UTF-8)', async () => ({ 'xxe.docx': await docx(documentXml('&xxe;', XXE_DOCTYPE('w:document'))) }), /the part "word\/document\.xml" declares a DOCTYPE.*possible XML entity attack/),
  refused('XXE in a DOCX part (UTF-16LE with BOM)', async () => ({ 'xxe16.docx': await docx(utf16le(documentXml('&xxe;', XXE_DOCTYPE('w:document')).replace('UTF-8', 'UTF-16'))) }), /the part "word\/document\.xml" declares a DOCTYPE/),
  refused('XXE in a DOCX part (UTF-16BE without BOM)', async () => ({ 'xxe16be.docx': await docx(utf16be(documentXml('&xxe;', XXE_DOCTYPE('w:document')).replace('UTF-8', 'UTF-16'), false)) }), /the part "word\/document\.xml" declares a DOCTYPE/),
  refused('XXE in a DOCX part with an unusual name', async () => ({ 'custom.docx': await docx(undefined, [{ name: 'customXml/item1.bin', data: utf16le(`<?xml version="1.0" encoding="UTF-16"?>${XXE_DOCTYPE('r')}<r>&xxe;</r>`) }]) }), /the part "customXml\/item1\.bin" declares a DOCTYPE/),
  refused('a DOCX part in UTF-32', async () => ({ 'u32.docx': await docx(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from('<w:document/>').flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))])) }), /word\/document\.xml is encoded as UTF-32, which Quarry does not read/),
  refused('XXE in EPUB container.xml', async () => ({ 'c.epub': await epub({ container: CONTAINER.replace('<container', `${XXE_DOCTYPE('container')}<container`) }) }), /META-INF\/container\.xml declares a DTD or entities/),
  refused('billion laughs in an EPUB package (UTF-16)', async () => ({ 'lol.epub': await epub({ opf: utf16le(opf({ prolog: '<!DOCTYPE package [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' }).replace('UTF-8', 'UTF-16')) }) }), /OEBPS\/content\.opf declares a DTD or entities/),
  refused('XXE in an EPUB chapter (UTF-8)', async () => ({ 'ch.epub': await epub({ chapter: chapter('<p>&xxe; The ship came in.</p>', XXE_DOCTYPE('html')) }) }), /OEBPS\/ch1\.xhtml declares a DTD or entities/),
  refused('XXE in an EPUB chapter (UTF-16LE without BOM)', async () => ({ 'ch16.epub': await epub({ chapter: utf16le(chapter('<p>&xxe; The ship came in.</p>', XXE_DOCTYPE('html')).replace('utf-8', 'utf-16'), false) }) }), /OEBPS\/ch1\.xhtml declares a DTD or entities/),
  refused('an EPUB chapter with a DOCTYPE the HTML parser would end early', async () => ({ 'early.epub': await epub({ chapter: chapter('<p>Text.</p>', '<!DOCTYPE html PUBLIC "x>y" "z">') }) }), /OEBPS\/ch1\.xhtml declares a DTD or entities/),
  refused('billion laughs in a .qdc', () => ({ 'lol.qdc': fixture('billion-laughs.qde') }), /lol\.qdc contains a DTD \(<!DOCTYPE>\), which REFI-QDA never needs/),
  refused('external entity in a .qdpx project', async () => ({ 'xxe.qdpx': await refiZip({ 'project.qde': fixture('external-entity.qde') }) }), /project\.qde contains a DTD/),
  refused('external entity in a UTF-16 .qde without BOM', async () => ({ 'xxe16.qdpx': await refiZip({ 'project.qde': utf16le(fixture('external-entity.qde').toString('utf8').replace('utf-8', 'utf-16'), false) }) }), /project\.qde contains a DTD/),
  refused('external entity in a UTF-16BE .qdc with BOM', () => ({ 'xxe16.qdc': utf16be(`<?xml version="1.0" encoding="UTF-16"?>${XXE_DOCTYPE('CodeBook')}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="A1000000-0000-4000-8000-000000000001" name="&xxe;" isCodable="true"/></Codes></CodeBook>`) }), /xxe16\.qdc contains a DTD/),

  // ---- theme trees deeper than Quarry holds
  refused(`a codebook ${MAX_THEME_DEPTH + 1} levels deep`, () => ({ 'deep.qdc': `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">${deepCodes(MAX_THEME_DEPTH + 1)}</CodeBook>` }), new RegExp(`its theme tree is more than ${MAX_THEME_DEPTH} levels deep`)),
  refused('a project nesting codes 500 levels deep', async () => ({ 'deep.qdpx': await refiZip({ 'project.qde': MINIMAL_QDE.replace(/<Codes>[\s\S]*<\/Codes>/, deepCodes(500)) }) }), /project\.qde nests elements more than \d+ levels deep/),

  // ---- text files
  refused('a 0-byte file', () => ({ 'empty.txt': '' }), /empty\.txt: the file is empty/),
  refused('a whitespace-only file', () => ({ 'blank.md': ' \n\t\n  \r\n' }), /blank\.md: the file is empty/),
  refused('NUL bytes in a .txt', () => ({ 'nul.txt': Buffer.from('Some words\u0000\u0000\u0000 and more words and more words.') }), /nul\.txt: looks like a binary file, not text \(found NUL bytes at byte 10\)/),
  refused('a PNG renamed .txt', () => ({ 'photo.txt': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(64, 7)]) }), /photo\.txt: looks like a binary file, not text/),
  refused('an ELF executable renamed .md', () => ({ 'tool.md': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 0)]) }), /tool\.md: looks like a binary file/),
  refused('a 200 MB text with --max-size 250 (refused before reading)', () => ({ 'huge.txt': { sparse: 200_000_000 } }), /huge\.txt: the file is 200 MB; Quarry reads text files of at most 150 MB \(one article holds at most 50 million characters\), whatever --max-size says/, { maxSizeMb: 250 }),
  refused(`a text of more than ${MAX_BODY_CHARS / 1e6} million characters`, () => ({ 'long.txt': 'word '.repeat(MAX_BODY_CHARS / 5 + 20) }), /long\.txt: the text is 50,000,100 characters long, over the limit of 50,000,000 characters for one article; split it into parts/, { maxSizeMb: 100 }),
  refused('a file over the default size limit', () => ({ 'big.csv': { sparse: 60 * 1024 * 1024 } }), /big\.csv: the file is 60 MB, over the import limit of 50 MB; raise the limit with --max-size/),
  {
    name: 'invalid UTF-8',
    files: () => ({ 'latin.txt': Buffer.from('Caf\xe9 au lait is what the committee drank during the long meeting.\n', 'latin1') }),
    stored: ({ summary, articles }) => {
      expect(articles[0].body).toBe('Café au lait is what the committee drank during the long meeting.');
      expect(summary.results[0].warnings?.join(' ')).toMatch(/not valid UTF-8 .*decoded as Windows-1252/);
    },
  },
  {
    name: 'control characters and ANSI escapes',
    files: () => ({ 'ctl.txt': 'Red \u001b[31malert\u001b[0m text\u0007 with a bell\u0008 and a backspace, in a sentence.\n' }),
    stored: ({ articles }) => {
      // eslint-disable-next-line no-control-regex -- the test looks for the control characters import must strip
      expect(articles[0].body).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(articles[0].body).toContain('alert');
    },
  },
  {
    name: 'a 5 MB single line',
    files: () => ({ 'line.txt': 'word '.repeat(1_000_000) }),
    stored: ({ articles }) => expect(articles[0].body).toBe('word '.repeat(1_000_000).trimEnd()),
  },

  // ---- HTML
  {
    name: 'deeply nested HTML (100,000 levels)',
    files: () => ({ 'deep.html': `<html><body>${'<div>'.repeat(100_000)}<p>Deep text inside many divs, still readable.</p>${'</div>'.repeat(100_000)}</body></html>` }),
    stored: ({ articles }) => expect(articles[0].body).toContain('Deep text inside many divs, still readable.'),
  },
  {
    name: 'HTML with scripts, handlers and javascript: links',
    files: () => ({ 'xss.html': '<html><head><script>alert(1)</script><style>p{}</style></head><body><p onclick="alert(2)">Visible text of the article, <a href="javascript:alert(3)">a link</a>.</p><img src=x onerror=alert(4)><svg><script>alert(5)</script></svg><iframe srcdoc="<script>alert(6)</script>"></iframe></body></html>' }),
    stored: ({ articles }) => {
      expect(articles[0].body).toBe('Visible text of the article, a link.');
      expect(JSON.stringify(articles)).not.toContain('alert');
    },
  },

  // ---- titles over the 2,000-character limit, in every format
  ...(
    [
      ['HTML <title>', 'title.html', async () => `<html><head><title>${BIG_TITLE}</title></head><body><p>Short body text here for the reader, with a sentence or two.</p></body></html>`],
      ['DOCX core title', 'title.docx', async () => makeZip(docxEntries(undefined, [{ name: 'docProps/core.xml', data: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${BIG_TITLE}</dc:title></cp:coreProperties>` }]))],
      ['PDF Title', 'title.pdf', async () => Buffer.from(makePdf(layoutPages({ paragraphs: ['# Report', 'Some text of the report for the analysts.'] }), { info: { Title: BIG_TITLE.slice(0, 900_000) } }))],
      ['EPUB dc:title', 'title.epub', async () => epub({ opf: opf({ title: BIG_TITLE }) })],
      ['Markdown front matter', 'title.md', async () => `---\ntitle: "${BIG_TITLE}"\n---\n\n# Heading\n\nBody text of the note.`],
      ['CSV title cell', 'title.csv', async () => `title,text\n"${BIG_TITLE}","Body of the row, a sentence."\n`],
      ['JSONL title', 'title.jsonl', async () => `${JSON.stringify({ title: BIG_TITLE, text: 'Body of the line, a sentence.' })}\n`],
      ['REFI source name', 'title.qdpx', async () => minimalQdpx(MINIMAL_QDE.replace('name="Interview 1"', `name="${BIG_TITLE}"`))],
    ] as const
  ).map(
    ([what, file, make]): HostileCase => ({
      name: `a 1 MB title: ${what}`,
      files: async () => ({ [file]: await make() }),
      stored: ({ articles }) => {
        expect(articles).toHaveLength(1);
        expect(articles[0].title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
        expect(articles[0].title).toMatch(/^Harbour budget .*…$/);
      },
    }),
  ),
  {
    name: 'a title cut inside an emoji sequence keeps whole graphemes',
    files: () => ({ 'emoji.md': `---\ntitle: "${'a'.repeat(MAX_TITLE_CHARS - 2)}👩‍👩‍👧‍👦 and more"\n---\n\nBody text of the note.` }),
    stored: ({ articles }) => expect(articles[0].title).toBe(`${'a'.repeat(MAX_TITLE_CHARS - 2)}…`),
  },
  {
    name: 'an overlong URL and author in front matter',
    files: () => ({ 'meta.md': `---\nurl: "https://example.org/${'x'.repeat(5000)}"\nauthor: "${'Ann '.repeat(1000)}"\n---\n\nBody text of the note.` }),
    stored: ({ articles }) => {
      expect(articles[0].url).toBeNull();
      expect(articles[0].author!.length).toBeLessThanOrEqual(2000);
    },
  },

  // ---- formula injection: stored as text, exported defused
  {
    name: 'CSV formula injection in titles and text, exported to CSV',
    files: () => ({ 'formulas.csv': 'title,text\n"=HYPERLINK(""http://evil.example"",""click"")","=cmd|\' /C calc\'!A0 and then a sentence of text."\n' }),
    stored: async ({ articles, storePath, dir }) => {
      expect(articles[0].title).toBe('=HYPERLINK("http://evil.example","click")');
      const io = captureIo();
      const s = await openStore(storePath);
      const id = (s.db.prepare('SELECT id FROM articles').get() as { id: number }).id;
      s.close();
      expect(await runCli(['--store', storePath, 'call', 'highlights.create', JSON.stringify({ articleId: id, start: 0, end: 20 })], io.io)).toBe(0);
      const out = path.join(dir, 'x.csv');
      expect(await runCli(['--store', storePath, 'export', 'excerpts', '--format', 'csv', '--out', out], io.io), io.err.join('\n')).toBe(0);
      const csv = readFileSync(out, 'utf8');
      expect(csv).toContain(`'=cmd|' /C calc'!A0 a`);
      expect(csv).toContain(`'=HYPERLINK`);
      expect(csv).not.toMatch(/(^|,)"?=/m);
    },
  },

  // ---- folders: links and special files
  {
    name: 'a folder with links out of it, a loop and a pipe',
    folder: true,
    files: () => ({ 'note.txt': 'A field note about the northern terminal.', 'passwd.txt': { symlink: '/etc/passwd' }, 'sub/loop': { symlink: '..' }, 'etc-dir': { symlink: '/etc' }, 'pipe.txt': { fifo: true } }),
    stored: ({ summary, articles }) => {
      expect(articles.map((a) => a.body)).toEqual(['A field note about the northern terminal.']);
      const messages = summary.results.filter((r) => r.status === 'skipped').map((r) => r.message ?? '');
      expect(messages.some((m) => /passwd\.txt: a symbolic link to \/etc\/passwd, outside the chosen folder; not followed, for safety$/.test(m))).toBe(true);
      expect(messages.some((m) => /etc-dir: a symbolic link to \/etc, outside the chosen folder/.test(m))).toBe(true);
      expect(messages.some((m) => /loop: a symbolic link to .*, inside the chosen folder; not followed/.test(m))).toBe(true);
      expect(messages.some((m) => /pipe\.txt: not a regular file/.test(m))).toBe(true);
    },
  },

  // ---- archives that are not what they say
  refused('a .docx that is plain text', () => ({ 'fake.docx': 'Just some words, not a Word document at all.' }), /fake\.docx: is not a valid Word document \(it is not a ZIP package\)/),
  refused('a password-protected (OLE) .docx', () => ({ 'locked.docx': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]) }), /locked\.docx: is password-protected or an old-format Word file/),
  refused('a .pdf of random bytes', () => ({ 'noise.pdf': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)) }), /noise\.pdf: /),
  {
    name: 'an EPUB whose package points outside the archive',
    files: async () => ({ 'escape.epub': await epub({ opf: opf({ manifest: '<item id="c0" href="../../../../etc/passwd" media-type="application/xhtml+xml"/><item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>', spine: '<itemref idref="c0"/><itemref idref="c1"/>' }) }) }),
    stored: ({ articles, summary }) => {
      expect(articles[0].body).toContain('The ship came in at dawn');
      expect(articles[0].body).not.toContain('root:');
      expect(summary.results[0].warnings?.join(' ')).toMatch(/outside the archive/);
    },
  },

  // ---- limits that agree: what Quarry writes it reads
  {
    name: 'a .qdpx whose 2 MiB source compresses ~1000:1',
    files: async () => ({ 'dense.qdpx': await refiZip({ 'project.qde': MINIMAL_QDE, [SOURCE_ENTRY]: Buffer.concat([MINIMAL_SOURCE, Buffer.from(PARAGRAPH.repeat(Math.ceil((2 * 1024 * 1024) / PARAGRAPH.length)))]) }) }),
    stored: ({ articles, themes }) => {
      expect(articles[0].body.length).toBeGreaterThan(2 * 1024 * 1024);
      expect(themes.map((t) => t.name).sort()).toEqual(['Cafe', 'Places', 'Positive affect']);
    },
  },
  {
    name: 'a DOCX whose document.xml compresses far beyond 200:1',
    files: async () => {
      const doc = new Document({ sections: [{ children: Array.from({ length: 20_000 }, () => new Paragraph('The committee met on Tuesday.')) }] });
      return { 'dense.docx': await Packer.toBuffer(doc) };
    },
    stored: ({ articles }) => expect(articles[0].body.split('\n\n')).toHaveLength(20_000),
  },
];

// ---------------------------------------------------------------- the runner

async function materialise(dir: string, files: Record<string, Input>): Promise<string[]> {
  const top: string[] = [];
  for (const [rel, input] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    if (typeof input === 'string' || Buffer.isBuffer(input)) writeFileSync(p, input);
    else if ('symlink' in input) symlinkSync(input.symlink, p);
    else if ('fifo' in input) execFileSync('mkfifo', [p]);
    else {
      writeFileSync(p, '');
      truncateSync(p, input.sparse); // sparse: takes no disk, and is refused before a byte is read
    }
    if (!rel.includes('/')) top.push(p);
  }
  return top;
}

let held = 0;
afterAll(() => {
  // The figure the hardening issue asks for.
  console.log(`hostile inputs held: ${held}/${CASES.length}`);
});

describe('hostile inputs through quarry import', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = tempDir('quarry-hostile-');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    const top = await materialise(input, await c.files());
    const storePath = path.join(dir, 'store.sqlite');
    const io = captureIo();
    const args = ['--store', storePath, 'import', ...(c.folder ? [input] : top), '--json', ...(c.maxSizeMb ? ['--max-size', String(c.maxSizeMb)] : [])];
    const code = await runCli(args, io.io);
    expect(io.err.join('\n')).toBe('');
    const summary = JSON.parse(io.out.join('\n')) as ImportSummary;

    const store = await openStore(storePath);
    let articles: StoredCheck['articles'];
    let counts: { themes: number; highlights: number; memos: number };
    try {
      articles = store.db.prepare('SELECT title, body, url, author FROM articles ORDER BY id').all() as StoredCheck['articles'];
      counts = store.db.prepare('SELECT (SELECT count(*) FROM themes) AS themes, (SELECT count(*) FROM highlights) AS highlights, (SELECT count(*) FROM memos) AS memos').get() as typeof counts;
      expect(doctor(store.db).ok).toBe(true);
      if (c.refused) {
        expect(code).toBe(1);
        expect(summary.results).toHaveLength(1);
        const r = summary.results[0];
        expect(r.status).toBe('skipped');
        expect(r.message).toMatch(c.refused);
        expect(r.message).toContain(path.basename(top[0]));
        // Nothing half-written: the store is as empty as before.
        expect(articles).toEqual([]);
        expect(counts).toEqual({ themes: 0, highlights: 0, memos: 0 });
      }
      if (c.stored) {
        if (!c.folder) expect(summary.results.map((r) => [r.status, r.message ?? '']).filter(([s]) => s === 'skipped')).toEqual([]);
        const themes = store.db.prepare('SELECT name FROM themes').all() as { name: string }[];
        store.close();
        await c.stored({ summary, articles, themes, storePath, dir });
      }
    } finally {
      if (store.db.open) store.close();
    }
    held++;
  }, 120_000);
});
