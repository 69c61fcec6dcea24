import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, MAX_NAME_CHARS, MIME, safeFileName } from './files';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safeFileName: one rule for every exported file', () => {
  it('reads a colon before a space as a subtitle, for memos and excerpt files alike', () => {
    expect(safeFileName('Rare earths: what we know', 'md', 'memo')).toBe('Rare earths - what we know.md');
    expect(safeFileName('Excerpts: China leverage', 'csv')).toBe('Excerpts - China leverage.csv');
  });

  it('replaces characters Windows or any file system refuses, and control characters', () => {
    expect(safeFileName('AC/DC\\live*?"<>|', 'md')).toBe('AC-DC-live.md');
    expect(safeFileName('a:b', 'md')).toBe('a-b.md');
    expect(safeFileName('tab\there\nnew\u0000line\u007f', 'md')).toBe('tab-here-new-line.md');
  });

  it('never lets a bidirectional control disguise the extension', () => {
    expect(safeFileName('invoice\u202Efdp', 'md')).toBe('invoicefdp.md');
  });

  it('trims hidden-file dots, option dashes and the trailing dots and spaces Windows drops', () => {
    expect(safeFileName('..hidden', 'md')).toBe('hidden.md');
    expect(safeFileName('--rm -rf', 'md')).toBe('rm -rf.md');
    expect(safeFileName('  Notes...  ', 'md')).toBe('Notes.md');
  });

  it('falls back to a name when nothing is left', () => {
    expect(safeFileName('', 'md', 'memo')).toBe('memo.md');
    expect(safeFileName(' ::// ', 'csv')).toBe('export.csv');
  });

  it('keeps Windows device names usable', () => {
    expect(safeFileName('con', 'md')).toBe('con_.md');
    expect(safeFileName('NUL.tar', 'md')).toBe('NUL_.tar.md');
    expect(safeFileName('Console', 'md')).toBe('Console.md');
  });

  it('cuts at 100 characters without splitting a flag or a ZWJ emoji', () => {
    const long = 'x'.repeat(99) + '🇯🇵' + 'tail';
    expect(safeFileName(long, 'md')).toBe('x'.repeat(99) + '🇯🇵.md');
    const family = 'y'.repeat(99) + '👨‍👩‍👧';
    expect(safeFileName(family + 'z', 'md')).toBe(family + '.md');
    expect([...new Intl.Segmenter().segment(safeFileName('w'.repeat(300), 'md').slice(0, -3))]).toHaveLength(MAX_NAME_CHARS);
  });

  it('cuts at 200 bytes so a long Japanese title still saves on ext4, APFS and NTFS', () => {
    const name = safeFileName('日本のレアアース戦略'.repeat(20), 'docx');
    expect(bytes(name.slice(0, -'.docx'.length))).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(bytes(name.slice(0, -'.docx'.length))).toBeGreaterThan(MAX_NAME_BYTES - 3);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('leaves an ordinary title alone', () => {
    expect(safeFileName('Codebook of study', 'qdc')).toBe('Codebook of study.qdc');
    expect(safeFileName('مرحبا עולם 日本', 'md')).toBe('مرحبا עולם 日本.md');
  });
});

describe('MIME', () => {
  it('names a type for every format Quarry writes', () => {
    expect(Object.keys(MIME).sort()).toEqual(['csv', 'docx', 'html', 'json', 'md', 'qdc', 'qdpx', 'sqlite', 'xlsx']);
    expect(MIME.md).toBe('text/markdown; charset=utf-8');
  });
});
