import { describe, expect, it } from 'vitest';
import { XmlWriter, escapeXmlAttr, escapeXmlText, stripInvalidXmlChars } from './xml-writer';
import { decodeXmlBytes, parseRefiXml } from './xml-read';

describe('XML escaping', () => {
  it('escapes markup characters and keeps text otherwise intact', () => {
    expect(escapeXmlText('a < b && c > d ]]>')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    expect(escapeXmlAttr('say "hi"\tand\nbye\r\n')).toBe('say &quot;hi&quot;&#9;and&#10;bye&#13;&#10;');
    expect(escapeXmlText('emoji 🙂 日本 مرحبا')).toBe('emoji 🙂 日本 مرحبا');
  });

  it('removes characters XML 1.0 cannot carry, including lone surrogates', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0007c\u000Bd\uFFFEe\uD800f\uDC00g🙂\t\n\r')).toBe('abcdefg🙂\t\n\r');
  });

  it('refuses to close the wrong element or leave one open', () => {
    const w = new XmlWriter().open('A');
    expect(() => w.close('B')).toThrow(/closing <B>/);
    expect(() => new XmlWriter().open('A').toString()).toThrow(/left open/);
  });
});

describe('XML reading', () => {
  it('reads back what the writer wrote, byte for byte in text and attributes', () => {
    const tricky = 'Line 1\r\nLine 2\n\ttabbed & <tag> "quoted" \'single\' 🙂 ]]>  ';
    const xml = new XmlWriter().open('Root', { xmlns: 'urn:x', name: tricky }).text('Body', tricky).close('Root').toString();
    const doc = parseRefiXml(xml, 'f', 'f.xml');
    expect(doc.namespace).toBe('urn:x');
    expect(doc.root.attrs.name).toBe(tricky);
    expect(doc.root.children[0].text).toBe(tricky);
  });

  it('applies XML line-end and attribute normalisation to literal characters', () => {
    const doc = parseRefiXml('<R a="x\r\ny\tz">one\r\ntwo\rthree</R>', 'f', 'f.xml');
    expect(doc.root.attrs.a).toBe('x y z');
    expect(doc.root.text).toBe('one\ntwo\nthree');
  });

  it('decodes numeric references and CDATA, keeps unknown named entities visible', () => {
    const doc = parseRefiXml('<p:R xmlns:p="urn:y"><p:T>&#x1F642;&#233;&amp;lt; <![CDATA[<raw> &amp;]]> &nbsp;</p:T></p:R>', 'f', 'f.xml');
    expect(doc.namespace).toBe('urn:y');
    expect(doc.root.name).toBe('R');
    expect(doc.root.children[0].name).toBe('T');
    expect(doc.root.children[0].text).toBe('🙂é&lt; <raw> &amp; &nbsp;');
  });

  it('strips a BOM and decodes UTF-16 files', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<R>é</R>')]);
    expect(decodeXmlBytes(utf8)).toBe('<R>é</R>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<R>é</R>', 'utf16le')]);
    expect(decodeXmlBytes(utf16)).toBe('<R>é</R>');
  });
});
