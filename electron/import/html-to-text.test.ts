import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { htmlStringToText, htmlToText, joinParagraphs, normalizeDate, parseHtmlDocument, parseXhtmlDocument } from './html-to-text';

const text = (html: string): string => htmlStringToText(html);

describe('htmlToText', () => {
  it('turns blocks into paragraphs separated by one blank line and collapses inline whitespace', () => {
    expect(text('<h1>Title</h1>\n<p>One   <b>bold</b>\n word.</p><div>Two</div><blockquote>Three</blockquote>')).toBe(
      'Title\n\nOne bold word.\n\nTwo\n\nThree',
    );
  });

  it('keeps inline runs together and splits at nested blocks', () => {
    expect(text('<div>Lead <span>in</span><p>Inner</p>tail</div>')).toBe('Lead in\n\nInner\n\ntail');
  });

  it('treats <br> as a line break and <br><br> as a paragraph break', () => {
    expect(text('<p>Line one<br>Line two<br><br>New para</p>')).toBe('Line one\nLine two\n\nNew para');
  });

  it('keeps the lines of <pre>', () => {
    expect(text('<p>Code:</p><pre>  a = 1\n  b = 2   \n\n\n  c</pre>')).toBe('Code:\n\n  a = 1\n  b = 2\n\n  c');
  });

  it('prefixes list items with bullets or numbers, honouring start and value', () => {
    expect(text('<ul><li>Apples</li><li><p>Pears</p></li></ul><ol start="3"><li>Three</li><li>Four</li><li value="10">Ten</li><li>Eleven</li></ol>')).toBe(
      '• Apples\n\n• Pears\n\n3. Three\n\n4. Four\n\n10. Ten\n\n11. Eleven',
    );
  });

  it('gives nested list items their own paragraphs', () => {
    expect(text('<ul><li>Parent<ul><li>Child</li></ul></li></ul>')).toBe('• Parent\n\n• Child');
  });

  it('writes table rows as paragraphs with cells joined by " | "', () => {
    expect(text('<table><tr><th>Country</th><th>Share</th></tr><tr><td>France</td><td><p>12%</p></td></tr><tr><td></td><td></td></tr></table>')).toBe(
      'Country | Share\n\nFrance | 12%',
    );
  });

  it('drops code, embedded and interactive content with its text', () => {
    const html =
      '<p>Keep</p><script>evil()</script><style>.a{}</style><noscript>Enable JS</noscript><template><p>tpl</p></template>' +
      '<iframe src="https://x.example/">frame text</iframe><svg><text>svg text</text><script>x()</script></svg>' +
      '<object data="x.swf">object text</object><button>Click</button><select><option>Opt</option></select><p hidden>Hidden</p>';
    expect(text(html)).toBe('Keep');
  });

  it('drops extra tags on request (page chrome)', () => {
    expect(htmlToText(parseHtmlDocument('<nav>Menu</nav><p>Body</p><aside>Ad</aside>').body!, { dropTags: ['nav', 'aside'] })).toBe('Body');
  });

  it('turns NBSP into a space and removes soft hyphens', () => {
    expect(text('<p>New\u00a0York inter\u00adnational</p>')).toBe('New York international');
  });

  it('decodes entities once', () => {
    expect(text('<p>Fish &amp; chips &lt;b&gt; &amp;amp; &eacute;t&eacute;</p>')).toBe('Fish & chips <b> &amp; été');
  });

  it('works on jsdom nodes too', () => {
    const dom = new JSDOM('<body><h2>Head</h2><p>Body <i>text</i></p><script>boom()</script></body>');
    expect(htmlToText(dom.window.document.body)).toBe('Head\n\nBody text');
    dom.window.close();
  });

  it('flattens absurd nesting instead of overflowing the stack', () => {
    const deep = '<div>'.repeat(50_000) + 'deep text' + '</div>'.repeat(50_000);
    expect(text(deep)).toBe('deep text');
  });
});

describe('parseXhtmlDocument', () => {
  it('reads self-closed XHTML elements without swallowing the rest', () => {
    const xhtml =
      '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title/>' +
      '<script src="x.js"/></head><body><p>First<a id="p1"/> para</p><p>Second<br/>line</p><div class="x"/><p><![CDATA[a < b]]></p></body></html>';
    expect(htmlToText(parseXhtmlDocument(xhtml).body!)).toBe('First para\n\nSecond\nline\n\na < b');
  });

  it('never expands entities declared in an internal DTD subset', () => {
    const xhtml = '<!DOCTYPE html [<!ENTITY boom "BOOM">]><html><body><p>x &boom; y</p></body></html>';
    const out = htmlToText(parseXhtmlDocument(xhtml).body!);
    expect(out).not.toContain('BOOM');
    expect(out).toContain('&boom;');
  });
});

describe('joinParagraphs', () => {
  it('drops empty paragraphs and trailing spaces', () => {
    expect(joinParagraphs(['a  ', '', '  ', '\nb\n'])).toBe('a\n\nb');
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2025', '2025'],
    ['2025-03', '2025-03'],
    ['2025-03-12', '2025-03-12'],
    ['2025-03-12T09:30:00+01:00', '2025-03-12T09:30:00+01:00'],
    ['2025-03-12 09:30', '2025-03-12T09:30'],
    ['2025/3/12', '2025-03-12'],
    ['12 March 2025', '2025-03-12'],
    ['25/03/2025', '2025-03-12'.replace('12', '25')],
    ['03/04/2025', null],
    ['12.03.2025', '2025-03-12'],
    ['soon', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });
});
