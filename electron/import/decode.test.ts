import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES_DEFAULT, checkSize, decodeText, decodeWindows1252, normaliseText, scanUtf8 } from './decode';
import { importError } from '../../test/helpers/errors';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/import/text');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));

const SAMPLE = 'Japan’s rare earths 🇯🇵\n\nSecond paragraph: 堕落論.\n';

describe('decodeText', () => {
  it('decodes UTF-8 untouched apart from line endings', () => {
    const text = 'Japan’s PM 🇯🇵\n— 堕落論\n';
    expect(decodeText(new TextEncoder().encode(text), 'a.txt')).toEqual({ text, encoding: 'utf-8', warnings: [] });
  });

  it('strips a UTF-8 BOM and turns CRLF and lone CR into LF', () => {
    const { text, encoding } = decodeText(fixture('utf8-bom-crlf.txt'), 'utf8-bom-crlf.txt');
    expect(encoding).toBe('utf-8');
    expect(text).toBe('Title\n\nFirst line\nsecond line\nthird line\n');
  });

  it('decodes UTF-16LE with a BOM, astral characters included', () => {
    const { text, encoding, warnings } = decodeText(fixture('utf16le-bom.txt'), 'utf16le-bom.txt');
    expect([encoding, text, warnings]).toEqual(['utf-16le', SAMPLE, []]);
  });

  it('decodes UTF-16BE with a BOM', () => {
    const { text, encoding } = decodeText(fixture('utf16be-bom.txt'), 'utf16be-bom.txt');
    expect([encoding, text]).toEqual(['utf-16be', SAMPLE]);
  });

  it('recognises UTF-16LE without a BOM from its zero bytes, and says so', () => {
    const { text, encoding, warnings } = decodeText(fixture('utf16le-no-bom.txt'), 'utf16le-no-bom.txt');
    expect([encoding, text]).toEqual(['utf-16le', SAMPLE]);
    expect(warnings).toEqual([expect.stringContaining('no byte-order mark')]);
  });

  it('recognises UTF-16BE without a BOM', () => {
    const le = fixture('utf16le-no-bom.txt');
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(decodeText(be, 'be.txt')).toMatchObject({ encoding: 'utf-16be', text: SAMPLE });
  });

  it('falls back to Windows-1252 for invalid UTF-8, with smart quotes, dash and euro right', () => {
    const { text, encoding, warnings } = decodeText(fixture('cp1252-smart-quotes.txt'), 'cp1252-smart-quotes.txt');
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('Café owner said “we’re open” – prices up €2.\n');
    expect(warnings).toEqual(['not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252']);
  });

  it('decodes "café" written in Windows-1252', () => {
    const { text, warnings } = decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'cafe.txt');
    expect(text).toBe('café');
    expect(warnings[0]).toContain('first bad byte at offset 3');
  });

  it('keeps mostly valid UTF-8 as UTF-8 when a stray byte is damaged', () => {
    const good = new TextEncoder().encode('Tōkyō, Kyōto, Ōsaka, Sapporo, Nagoya: the “big five”');
    const bytes = new Uint8Array([...good, 0x93]);
    const { text, encoding, warnings } = decodeText(bytes, 'mixed.txt');
    expect(encoding).toBe('utf-8');
    expect(text).toBe('Tōkyō, Kyōto, Ōsaka, Sapporo, Nagoya: the “big five”\ufffd');
    expect(warnings[0]).toContain(`first at offset ${good.length}`);
  });

  it('refuses a PNG renamed to .txt, naming the first NUL byte', () => {
    const err = importError(() => decodeText(fixture('image-renamed.txt'), 'image-renamed.txt'));
    expect(err.code).toBe('binary');
    expect(err.message).toBe('image-renamed.txt: looks like a binary file, not text (found NUL bytes at byte 8)');
  });

  it('refuses control-character soup without NULs', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41));
    expect(importError(() => decodeText(bytes, 'x.txt')).code).toBe('binary');
  });

  it('refuses empty and whitespace-only files', () => {
    for (const name of ['empty.txt', 'whitespace-only.txt']) {
      const err = importError(() => decodeText(fixture(name), name));
      expect(err.code).toBe('empty');
      expect(err.message).toBe(`${name}: the file is empty`);
    }
    expect(importError(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf]), 'bom.txt')).code).toBe('empty');
  });
});

describe('scanUtf8', () => {
  it('rejects overlongs, surrogates, code points above U+10FFFF and cut-off sequences', () => {
    expect(scanUtf8(new Uint8Array([0x41, 0xc0, 0xaf])).firstBad).toBe(1); // overlong "/"
    expect(scanUtf8(new Uint8Array([0xed, 0xa0, 0x80])).firstBad).toBe(0); // U+D800
    expect(scanUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80])).firstBad).toBe(0); // U+110000
    expect(scanUtf8(new Uint8Array([0x41, 0xe2, 0x80])).firstBad).toBe(1);
    expect(scanUtf8(new TextEncoder().encode('a😎b’'))).toEqual({ firstBad: -1, badCount: 0, multibyteCount: 2 });
  });
});

describe('decodeWindows1252', () => {
  it('maps the whole 0x80-0x9F block as WHATWG does (Node’s own decoder does not)', () => {
    const text = decodeWindows1252(new Uint8Array([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0x81, 0xe9]));
    expect(text).toBe('€…‘’“”–—™Ÿ\u0081é');
  });

  it('handles inputs longer than its internal chunk', () => {
    const bytes = new Uint8Array(20_000).fill(0x93);
    expect(decodeWindows1252(bytes)).toBe('“'.repeat(20_000));
  });
});

describe('normaliseText', () => {
  it('applies exactly the documented rules', () => {
    const input = '\ufeff\n\n  \nTitle  \r\n\r\n\r\n\r\nPara\u0000 one\ttab\u0007\r\nline\fpage\n \u00a0\n\n\nEnd\n\n';
    expect(normaliseText(input)).toBe('Title  \n\nPara one\ttab\nline\npage\n\nEnd');
  });

  it('is idempotent', () => {
    const once = normaliseText('a\r\n\r\n\r\nb\u000b c  \n');
    expect(normaliseText(once)).toBe(once);
  });
});

describe('checkSize', () => {
  it('accepts files up to the limit', () => {
    expect(() => checkSize(MAX_IMPORT_BYTES_DEFAULT, 'big.txt')).not.toThrow();
  });

  it('refuses larger files, naming the size, the limit and how to raise it', () => {
    const err = importError(() => checkSize(200 * 1024 * 1024, 'huge.txt'));
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('huge.txt: the file is 200 MB, over the import limit of 50 MB');
    expect(err.message).toContain('--max-size MB');
    expect(err.message).toContain('Settings');
    expect(importError(() => checkSize(1_600_000, 'a.txt', 1024 * 1024)).message).toContain('1.5 MB, over the import limit of 1 MB');
  });
});
