import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from './html';
import { newsPage, paragraphText } from '../../test/fixtures/formats/make-html';
import { importError } from '../../test/helpers/errors';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (html: string | Uint8Array, fileName = 'page.html') =>
  parseHtml({ bytes: typeof html === 'string' ? enc(html) : html, fileName });

/** A page whose article is `paras` paragraphs long, with the given <head> extras. */
function page(head: string, paras = 5, extraBody = ''): string {
  const body = Array.from({ length: paras }, (_, i) => `<p>${paragraphText(i)}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><article>${body}</article>${extraBody}</body></html>`;
}

describe('parseHtml: article text', () => {
  it('extracts the article of a cluttered news page, headline first, without page chrome', async () => {
    const a = await parse(newsPage({ targetBytes: 30_000 }));
    const paras = a.body.split('\n\n');
    expect(paras[0]).toBe('Ministry to review export rules after pressure');
    expect(a.body).toContain(paragraphText(0));
    expect(a.body).toContain(paragraphText(11));
    for (const clutter of ['Section 12', 'Most read', 'Related story', 'All rights reserved', 'Accept', 'dataLayer', 'Post', 'Subscribe today']) {
      expect(a.body).not.toContain(clutter);
    }
    // Canonical form: no blank-line runs, no CR, no edges.
    expect(a.body).not.toMatch(/\n{3,}|\r|^\s|\s$/);
    expect(a.body.match(/Ministry to review export rules/g)).toHaveLength(1);
    expect(a.cuts).toEqual([]);
  });

  it('does not add the title again when the text already starts with it', async () => {
    const a = await parse(page('<title>Plain headline</title>', 5).replace('<article>', '<article><h2>Plain headline</h2>'));
    expect(a.body.split('\n\n')[0]).toBe('Plain headline');
    expect(a.body.match(/Plain headline/g)).toHaveLength(1);
  });

  it('falls back to <main> when the readable part is too short, and says so', async () => {
    const html = '<html><body><nav>Home News Sport</nav><main><h1>Short note</h1><p>Only a few words here.</p></main><footer>Footer text</footer></body></html>';
    const a = await parse(html);
    expect(a.body).toBe('Short note\n\nOnly a few words here.');
    expect(a.warnings.join(' ')).toMatch(/could not be isolated/);
  });

  it('falls back to the body minus chrome when there is no container', async () => {
    const a = await parse('<html><body><header>Site</header><nav>Menu</nav><div>Hello <b>world</b></div><aside>Ad</aside><footer>F</footer></body></html>');
    expect(a.body).toBe('Hello world');
  });

  it('rejects an empty document as no-text and zero bytes as empty', async () => {
    expect((await importError(parse('<!doctype html><html><head><title></title></head><body>  </body></html>'))).code).toBe('no-text');
    expect((await importError(parse('<html><body><script>only()</script><img src="x"></body></html>'))).code).toBe('no-text');
    expect((await importError(parse(new Uint8Array(0)))).code).toBe('empty');
  });
});

describe('parseHtml: metadata', () => {
  it('reads Open Graph, article:*, canonical link and <html lang>', async () => {
    const a = await parse(newsPage());
    expect(a.metadata).toEqual({
      title: 'Ministry to review export rules after pressure',
      author: 'Jane Doe',
      source: 'The Daily Example',
      url: 'https://news.example.com/2025/03/12/export-rules',
      publishedAt: '2025-03-12T09:30:00+01:00',
      language: 'en-GB',
    });
  });

  it('reads schema.org JSON-LD (@graph, author arrays and objects, publisher) and skips broken JSON-LD', async () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Ignored' },
        {
          '@type': ['NewsArticle'],
          headline: 'Ports brace for new tariffs',
          author: [{ '@type': 'Person', name: 'Ana Lima' }, 'Ben Okafor', { name: 'Ana Lima' }],
          datePublished: '2025-02-01',
          publisher: { '@type': 'Organization', name: 'Harbour Times' },
          url: 'https://harbour.example/ports',
        },
      ],
    });
    const a = await parse(page(`<script type="application/ld+json">{broken</script><script type="application/ld+json">${ld}</script><title>x</title>`));
    expect(a.metadata).toMatchObject({
      title: 'Ports brace for new tariffs',
      author: 'Ana Lima, Ben Okafor',
      source: 'Harbour Times',
      publishedAt: '2025-02-01',
      url: 'https://harbour.example/ports',
    });
    expect(a.body.startsWith('Ports brace for new tariffs\n\n')).toBe(true);
  });

  it('reads citation_* tags of scholarly pages', async () => {
    const a = await parse(
      page(
        '<meta name="citation_title" content="Trade and Ports"><meta name="citation_author" content="Lima, Ana">' +
          '<meta name="citation_author" content="Okafor, Ben"><meta name="citation_publication_date" content="2024/11/05">' +
          '<meta name="citation_journal_title" content="Journal of Ports"><meta name="citation_language" content="en">',
      ),
    );
    expect(a.metadata).toMatchObject({
      title: 'Trade and Ports',
      author: 'Lima, Ana; Okafor, Ben',
      source: 'Journal of Ports',
      publishedAt: '2024-11-05',
      language: 'en',
    });
  });

  it('strips the site name from <title> and uses meta author/date, ignoring relative canonical links', async () => {
    const a = await parse(
      page('<title>Grain prices climb again | Farm Weekly</title><meta name="author" content=" Sam  Reed "><meta name="date" content="12 March 2025"><link rel="canonical" href="/relative/path">'),
    );
    expect(a.metadata.title).toBe('Grain prices climb again');
    expect(a.metadata.author).toBe('Sam Reed');
    expect(a.metadata.publishedAt).toBe('2025-03-12');
    expect(a.metadata.url).toBeNull();
    expect(a.metadata.source).toBeNull();
  });

  it('removes the og:site_name from og:title and falls back to the URL host for the source', async () => {
    const a = await parse(page('<meta property="og:title" content="Harbour Times: Ports reopen"><meta property="og:url" content="https://www.harbour.example/a">'));
    expect(a.metadata.title).toBe('Harbour Times: Ports reopen');
    expect(a.metadata.source).toBe('harbour.example');
    const b = await parse(page('<meta property="og:title" content="Harbour Times: Ports reopen"><meta property="og:site_name" content="Harbour Times">'));
    expect(b.metadata.title).toBe('Ports reopen');
  });
});

describe('parseHtml: XHTML', () => {
  it('honours self-closing tags and the XML encoding declaration in .xhtml files', async () => {
    const paras = Array.from({ length: 4 }, (_, i) => `<p>${paragraphText(i)}</p>`).join('');
    const xhtml =
      '<?xml version="1.0" encoding="windows-1252"?><html xmlns="http://www.w3.org/1999/xhtml" lang="fr"><head><title>R\xe9sum\xe9</title>' +
      `<script src="x.js"/></head><body><article><h1>R\xe9sum\xe9</h1>${paras}</article></body></html>`;
    const a = await parse(Uint8Array.from(xhtml, (c) => c.charCodeAt(0)), 'page.xhtml');
    expect(a.metadata.title).toBe('Résumé');
    expect(a.metadata.language).toBe('fr');
    expect(a.body).toContain(paragraphText(3));
  });
});

describe('parseHtml: decoding', () => {
  it('honours <meta charset=windows-1252>', async () => {
    const html = page('<meta charset="windows-1252"><title>Caf\xe9 \x93quoted\x94</title>').replace('<meta charset="utf-8">', '');
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
    const a = await parse(bytes);
    expect(a.metadata.title).toBe('Café “quoted”');
  });

  it('honours <meta http-equiv=Content-Type> with iso-8859-15 (via TextDecoder)', async () => {
    const html = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><title>Prix en \xa4</title>').replace('<meta charset="utf-8">', '');
    const a = await parse(Uint8Array.from(html, (c) => c.charCodeAt(0)));
    expect(a.metadata.title).toBe('Prix en €');
  });

  it('strips a UTF-8 BOM and reads undeclared invalid UTF-8 as Windows-1252 with a warning', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(page('<title>Bom</title>'))]);
    const a = await parse(withBom);
    expect(a.body.charCodeAt(0)).not.toBe(0xfeff);
    const latin = page('<title>Na\xefve</title>').replace('<meta charset="utf-8">', '');
    const b = await parse(Uint8Array.from(latin, (c) => c.charCodeAt(0)));
    expect(b.metadata.title).toBe('Naïve');
    expect(b.warnings.join(' ')).toMatch(/Windows-1252/);
  });
});

describe('parseHtml: hostile pages', () => {
  let server: Server;
  let hits = 0;
  let origin = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url !== '/probe') hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('never runs scripts or handlers, never loads resources, and keeps no code text', async () => {
    const g = globalThis as { __pwned?: unknown };
    delete g.__pwned;
    const hostile = page(
      `<title>Hostile</title><script>globalThis.__pwned = 'head script'</script><style>body{background:url(${origin}/css-bg)}</style>` +
        `<link rel="stylesheet" href="${origin}/style.css"><script src="${origin}/app.js"></script>`,
      5,
      `<img src="${origin}/img.png" onerror="globalThis.__pwned='onerror'">` +
        `<body onload="globalThis.__pwned='onload'"><iframe src="${origin}/frame" onload="globalThis.__pwned='iframe'">IFRAME TEXT</iframe>` +
        `<svg onload="globalThis.__pwned='svg'"><script>globalThis.__pwned='svg script'</script><text>SVG TEXT</text></svg>` +
        `<p><a href="javascript:globalThis.__pwned='link'">a harmless link</a></p>` +
        `<object data="${origin}/x.swf">OBJECT TEXT</object><embed src="${origin}/e.swf"><video src="${origin}/v.mp4" poster="${origin}/p.jpg"></video>` +
        `<form action="${origin}/post"><input value="INPUT TEXT"><textarea>TEXTAREA TEXT</textarea></form>`,
    );
    const a = await parse(hostile);
    expect(g.__pwned).toBeUndefined();
    for (const bad of ['__pwned', 'IFRAME TEXT', 'SVG TEXT', 'OBJECT TEXT', 'INPUT TEXT', 'TEXTAREA TEXT', 'javascript:', 'background', 'onerror', '<']) {
      expect(a.body).not.toContain(bad);
    }
    expect(a.body).toContain(paragraphText(0));
    // Our own request goes after anything the parser could have sent.
    await fetch(`${origin}/probe`);
    expect(hits).toBe(0);
  });
});
