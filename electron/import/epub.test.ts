import { describe, expect, it } from 'vitest';
import { parseEpub, resolveHref } from './epub';
import { makeZip, renameEntry, type ZipInput } from '../../test/fixtures/formats/make-zip';
import { importError } from '../../test/helpers/errors';

const CONTAINER =
  '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">' +
  '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>';

function opf(opts: { metadata?: string; extraManifest?: string; spine?: string; prolog?: string; toc?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>${opts.prolog ?? ''}<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">` +
    `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${
      opts.metadata ??
      '<dc:identifier id="id">urn:uuid:1234</dc:identifier><dc:title>Harbours &amp; Trade</dc:title><dc:creator>Ana Lima</dc:creator>' +
        '<dc:creator>Ben Okafor</dc:creator><dc:date>2024-06-01</dc:date><dc:language>en</dc:language><dc:publisher>Sea Press</dc:publisher>'
    }</metadata>` +
    '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' +
    '<item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>' +
    '<item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>' +
    '<item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>' +
    `<item id="cover" href="cover.jpg" media-type="image/jpeg"/>${opts.extraManifest ?? ''}</manifest>` +
    `<spine${opts.toc ?? ''}>${opts.spine ?? '<itemref idref="nav"/><itemref idref="c1"/><itemref idref="cover"/><itemref idref="c2"/><itemref idref="notes" linear="no"/>'}</spine></package>`
  );
}

const XHTML = (body: string, head = '<title>t</title>'): string =>
  '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">' +
  `<head>${head}</head><body>${body}</body></html>`;

const NAV = XHTML(
  '<nav epub:type="toc"><ol><li><a href="text/chapter%201.xhtml">Chapter One: Arrival</a></li><li><a href="text/ch2.xhtml#start">Chapter Two</a></li></ol></nav>',
);

function bookFiles(overrides: Partial<Record<string, string>> = {}): ZipInput[] {
  const files: Record<string, string> = {
    'META-INF/container.xml': CONTAINER,
    'OEBPS/content.opf': opf(),
    'OEBPS/nav.xhtml': NAV,
    // Chapter 1 has no heading of its own: the TOC label is added.
    'OEBPS/text/chapter 1.xhtml': XHTML('<p>The ship came in at dawn.</p><p>Second<br/>line.</p><script>alert(1)</script>', '<title/><script src="x.js"/>'),
    // Chapter 2 has its own heading, worded differently from the TOC: it is kept alone.
    'OEBPS/text/ch2.xhtml': XHTML('<h1 id="start">II</h1><p>Cranes&#160;worked &amp; sang.</p><ul><li>one</li><li>two</li></ul>'),
    'OEBPS/text/notes.xhtml': XHTML('<p>Pop-up note text</p>'),
    'OEBPS/cover.jpg': 'not really a jpeg',
    ...overrides,
  } as Record<string, string>;
  return [
    { name: 'mimetype', data: 'application/epub+zip', compress: false },
    ...Object.entries(files)
      .filter(([, v]) => v !== undefined)
      .map(([name, data]) => ({ name, data })),
  ];
}

describe('parseEpub', () => {
  it('reads chapters in spine order as one article, with TOC labels and OPF metadata', async () => {
    const a = await parseEpub({ bytes: await makeZip(bookFiles()), fileName: 'book.epub' });
    expect(a.body).toBe(
      ['Chapter One: Arrival', 'The ship came in at dawn.', 'Second\nline.', 'II', 'Cranes worked & sang.', '• one', '• two'].join('\n\n'),
    );
    expect(a.metadata).toEqual({
      title: 'Harbours & Trade',
      author: 'Ana Lima, Ben Okafor',
      source: 'Sea Press',
      url: null,
      publishedAt: '2024-06-01',
      language: 'en',
    });
    expect(a.warnings).toEqual([]);
  });

  it('reads EPUB 2 books with an NCX table of contents (external DOCTYPE allowed)', async () => {
    const ncx =
      '<?xml version="1.0"?><!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">' +
      '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="n1"><navLabel><text>Opening</text></navLabel><content src="text/chapter%201.xhtml"/></navPoint></navMap></ncx>';
    const files = bookFiles({
      'OEBPS/content.opf': opf({
        extraManifest: '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        spine: '<itemref idref="c1"/>',
        toc: ' toc="ncx"',
      }).replace(' properties="nav"', ''),
      'OEBPS/toc.ncx': ncx,
    });
    const a = await parseEpub({ bytes: await makeZip(files), fileName: 'old.epub' });
    expect(a.body.startsWith('Opening\n\nThe ship came in at dawn.')).toBe(true);
  });

  it('refuses an OPF with an internal DTD subset (entity expansion)', async () => {
    const files = bookFiles({ 'OEBPS/content.opf': opf({ prolog: '<!DOCTYPE package [<!ENTITY x "xxxxxxxx">]>' }) });
    const err = await importError(parseEpub({ bytes: await makeZip(files), fileName: 'dtd.epub' }));
    expect(err.code).toBe('unsafe');
    expect(err.message).toContain('OEBPS/content.opf declares a DTD or entities');
  });

  it('refuses external entities in container.xml', async () => {
    const container = CONTAINER.replace('<container', '<!DOCTYPE c [<!ENTITY ext SYSTEM "file:///etc/passwd">]><container');
    const err = await importError(parseEpub({ bytes: await makeZip(bookFiles({ 'META-INF/container.xml': container })), fileName: 'xxe.epub' }));
    expect(err.code).toBe('unsafe');
  });

  it('refuses DRM-encrypted books but accepts font obfuscation', async () => {
    const enc = (alg: string, uri: string): string =>
      `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="${alg}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const drm = bookFiles({ 'META-INF/encryption.xml': enc('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OEBPS/text/ch2.xhtml') });
    const err = await importError(parseEpub({ bytes: await makeZip(drm), fileName: 'drm.epub' }));
    expect(err.code).toBe('encrypted');
    const fonts = bookFiles({ 'META-INF/encryption.xml': enc('http://www.idpf.org/2008/embedding', 'OEBPS/fonts/a.otf') });
    expect((await parseEpub({ bytes: await makeZip(fonts), fileName: 'fonts.epub' })).body).toContain('Cranes worked');
  });

  it('refuses zip-slip entries and reports a missing container as corrupt', async () => {
    const slip = renameEntry(await makeZip([...bookFiles(), { name: 'zz/evil.xhtml', data: 'x' }]), 'zz/evil.xhtml', '../evil.xhtml');
    expect((await importError(parseEpub({ bytes: slip, fileName: 'slip.epub' }))).code).toBe('unsafe');
    const noContainer = await makeZip(bookFiles().filter((f) => f.name !== 'META-INF/container.xml'));
    const err = await importError(parseEpub({ bytes: noContainer, fileName: 'bad.epub' }));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe('bad.epub: is not a valid EPUB book (META-INF/container.xml is missing)');
  });

  it('reports a book whose only chapter is missing (cover image left) as no-text', async () => {
    const files = bookFiles({ 'OEBPS/content.opf': opf({ spine: '<itemref idref="cover"/><itemref idref="c1"/>' }) }).filter(
      (f) => f.name !== 'OEBPS/text/chapter 1.xhtml',
    );
    expect((await importError(parseEpub({ bytes: await makeZip(files), fileName: 'pics.epub' }))).code).toBe('no-text');
  });
});

describe('resolveHref', () => {
  it('resolves relative to the OPF folder and refuses paths leaving the archive', () => {
    expect(resolveHref('OEBPS', 'text/a%20b.xhtml#x')).toBe('OEBPS/text/a b.xhtml');
    expect(resolveHref('OEBPS/text', '../img/c.png')).toBe('OEBPS/img/c.png');
    expect(resolveHref('', 'a.xhtml')).toBe('a.xhtml');
    expect(resolveHref('OEBPS', '../../etc/passwd')).toBeNull();
    expect(resolveHref('OEBPS', '/etc/passwd')).toBeNull();
    expect(resolveHref('OEBPS', 'https://example.com/x.xhtml')).toBeNull();
    expect(resolveHref('OEBPS', '#only-fragment')).toBeNull();
  });
});
