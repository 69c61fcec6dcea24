// XML parts are checked for DTDs as an XML parser would read them: in UTF-16
// (with or without a byte-order mark) as much as in UTF-8.
import { describe, expect, it } from 'vitest';
import { ImportError } from './types';
import { decodeXmlPart, findDtd, sniffXmlEncoding, unsafeDtd } from './xml-safety';

const XML = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
const le = (s: string, bom: boolean) => Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
const be = (s: string, bom: boolean) => le(s, bom).swap16();

describe('decodeXmlPart', () => {
  it('reads UTF-16 LE and BE with and without a BOM, and UTF-8 with and without a BOM', () => {
    for (const bytes of [le(XML, true), le(XML, false), be(XML, true), be(XML, false), Buffer.from(XML), Buffer.from('\ufeff' + XML)]) {
      expect(decodeXmlPart(bytes, 'f.docx', 'word/document.xml')).toBe(XML);
    }
    // Whitespace before the declaration: found from the NUL pattern.
    expect(sniffXmlEncoding(le('\n\n  <r/>', false)).encoding).toBe('utf-16le');
    expect(sniffXmlEncoding(be('\n\n  <r/>', false)).encoding).toBe('utf-16be');
  });

  it('refuses UTF-32, naming the file and the part', () => {
    const u32 = Buffer.from(Array.from('<r/>').flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    expect(() => decodeXmlPart(u32, 'f.docx', 'word/document.xml')).toThrow(ImportError);
    expect(() => decodeXmlPart(u32, 'f.docx', 'word/document.xml')).toThrow('f.docx: word/document.xml is encoded as UTF-32');
  });

  it('a raw-bytes check misses the UTF-16 DOCTYPE that the decoded check finds', () => {
    expect(/<!DOCTYPE/i.test(le(XML, true).toString('latin1'))).toBe(false);
    expect(findDtd(decodeXmlPart(le(XML, true), 'f', 'p'))).toBe('entity');
  });
});

describe('findDtd / unsafeDtd', () => {
  it('tells a plain external DOCTYPE from an internal subset, entities and malformed DOCTYPEs', () => {
    expect(findDtd('<r/>')).toBeNull();
    expect(findDtd('<!DOCTYPE html><html/>')).toBe('doctype');
    expect(findDtd('<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd"><ncx/>')).toBe('doctype');
    expect(findDtd('<!DOCTYPE x SYSTEM "a[b"><x/>')).toBe('doctype'); // "[" inside a quoted identifier opens nothing
    expect(findDtd('<!DOCTYPE x [<!ATTLIST x a CDATA "1">]><x/>')).toBe('internal-subset');
    expect(findDtd('<!DOCTYPE html><!DOCTYPE x [ ]><x/>')).toBe('internal-subset'); // a second DOCTYPE
    expect(findDtd('<x/><!ENTITY a "b">')).toBe('entity');
    expect(findDtd('<!doctype html public "a>b"><x/>')).toBe('malformed');
    expect(findDtd('<!DOCTYPE html')).toBe('malformed');
    expect(unsafeDtd('<!DOCTYPE html><html/>', { allowExternalDoctype: true })).toBeNull();
    expect(unsafeDtd('<!DOCTYPE html><html/>')).toBe('doctype');
    expect(unsafeDtd(XML, { allowExternalDoctype: true })).toBe('entity');
  });
});
