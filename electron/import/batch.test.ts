import { describe, expect, it } from 'vitest';
import { parseBatch } from './batch';
import { importError } from '../../test/helpers/errors';

const bytes = (s: string, bom = false): Uint8Array => {
  const b = new TextEncoder().encode(s);
  return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...b]) : b;
};

describe('parseBatch: CSV', () => {
  it('reads quoted multi-line fields with commas and quotes, a BOM, CRLF and lenient headers', async () => {
    const csv =
      'Headline,Full_Text,Publication,By-line,Link,Date Published,Extra\r\n' +
      '"Ports, again","First paragraph, with a comma.\r\n\r\nSecond ""quoted"" paragraph.",Harbour Times,Ana Lima,https://h.example/1,2025-03-12,x\r\n' +
      'Short,"One line",,,,,\r\n';
    const r = await parseBatch({ bytes: bytes(csv, true), fileName: 'export.csv' });
    expect(r.problems).toEqual([]);
    expect(r.articles).toHaveLength(2);
    const [a, b] = r.articles;
    expect(a.body).toBe('First paragraph, with a comma.\n\nSecond "quoted" paragraph.');
    expect(a.metadata).toEqual({
      title: 'Ports, again',
      author: 'Ana Lima',
      source: 'Harbour Times',
      url: 'https://h.example/1',
      publishedAt: '2025-03-12',
      language: null,
    });
    expect(a.rowLabel).toBe('row 2');
    expect(b.rowLabel).toBe('row 3'); // the quoted field above spans three lines but is one spreadsheet row
    expect(b.metadata.source).toBeNull();
    expect(a.cuts).toEqual([]);
  });

  it('detects a semicolon delimiter and odd header spellings', async () => {
    const csv = 'TITLE ; body ; OUTLET ; published-at\nA;Text with, commas, inside.;Daily;12.03.2025\nB;Other text.;Weekly;not a date\n';
    const r = await parseBatch({ bytes: bytes(csv), fileName: 'semi.csv' });
    expect(r.articles.map((a) => [a.metadata.title, a.body, a.metadata.source, a.metadata.publishedAt])).toEqual([
      ['A', 'Text with, commas, inside.', 'Daily', '2025-03-12'],
      ['B', 'Other text.', 'Weekly', null],
    ]);
    expect(r.articles[1].warnings.join(' ')).toContain('"not a date" was not understood');
  });

  it('reports rows without text as problems and keeps the others', async () => {
    const csv = 'title,text\nOne,Body one\n' + 'Two,\n' + 'Three,"   "\n' + 'Four,Body four\n' + '\n' + 'Six,Body six\n';
    const r = await parseBatch({ bytes: bytes(csv), fileName: 'gaps.csv' });
    expect(r.articles.map((a) => a.metadata.title)).toEqual(['One', 'Four', 'Six']);
    expect(r.problems).toEqual([
      { row: 3, message: 'row 3: no text column value' },
      { row: 4, message: 'row 4: no text column value' },
    ]);
    expect(r.articles[2].rowLabel).toBe('row 7');
  });

  it('turns single-newline paragraphs into canonical paragraphs and HTML cells into text', async () => {
    const csv = 'text\n"Para one ends here.\nPara two ends here.\nPara three."\n"<p>Html <b>cell</b></p><p>Second</p><script>x()</script>"\n';
    const r = await parseBatch({ bytes: bytes(csv), fileName: 'p.csv' });
    expect(r.articles[0].body).toBe('Para one ends here.\n\nPara two ends here.\n\nPara three.');
    expect(r.articles[0].metadata.title).toBe('Para one ends here.');
    expect(r.articles[1].body).toBe('Html cell\n\nSecond');
    expect(r.articles[1].warnings.join(' ')).toContain('HTML');
  });

  it('reads .tsv with tabs', async () => {
    const r = await parseBatch({ bytes: bytes('title\tcontent\nT\tTab, separated; text\n'), fileName: 'x.tsv' });
    expect(r.articles[0].body).toBe('Tab, separated; text');
  });

  it('fails as a whole without a text column, naming the columns found', async () => {
    const err = await importError(parseBatch({ bytes: bytes('title,summary\nA,B\n'), fileName: 'no-text.csv' }));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('"title", "summary"');
  });

  it('decodes Windows-1252 exports with a warning', async () => {
    const csv = Uint8Array.from('title,text\nCaf\xe9,Cr\xe8me br\xfbl\xe9e\n', (c) => c.charCodeAt(0));
    const r = await parseBatch({ bytes: csv, fileName: 'excel.csv' });
    expect(r.articles[0].body).toBe('Crème brûlée');
    expect(r.warnings.join(' ')).toMatch(/Windows-1252/);
  });
});

describe('parseBatch: JSONL', () => {
  it('reads one object per line; a broken line is a problem, not a failure', async () => {
    const lines = [
      JSON.stringify({ headline: 'One', content: 'Body one.', authors: ['Ana', 'Ben'], site: 'Daily', datePublished: '2025-01-02T10:00:00Z', url: 'https://d.example/1' }),
      '{"title": "Broken", "text": "unterminated',
      '',
      JSON.stringify({ title: 'Three', body: 'Body three.\r\n\r\nMore.', publisher: { name: 'Weekly' } }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ title: 'No text' }),
    ].join('\n');
    const r = await parseBatch({ bytes: bytes(lines, true), fileName: 'dump.jsonl' });
    expect(r.articles.map((a) => [a.rowLabel, a.metadata.title, a.body])).toEqual([
      ['line 1', 'One', 'Body one.'],
      ['line 4', 'Three', 'Body three.\n\nMore.'],
    ]);
    expect(r.articles[0].metadata).toMatchObject({ author: 'Ana, Ben', source: 'Daily', publishedAt: '2025-01-02T10:00:00Z', url: 'https://d.example/1' });
    expect(r.articles[1].metadata.source).toBe('Weekly');
    expect(r.problems.map((p) => p.row)).toEqual([2, 5, 6]);
    expect(r.problems[0].message).toMatch(/^line 2: not valid JSON/);
    expect(r.problems[1].message).toBe('line 5: expected a JSON object');
    expect(r.problems[2].message).toBe('line 6: no text column value');
  });

  it('accepts .ndjson and refuses other extensions', async () => {
    const r = await parseBatch({ bytes: bytes('{"text":"x"}\n'), fileName: 'a.ndjson' });
    expect(r.articles).toHaveLength(1);
    expect((await importError(parseBatch({ bytes: bytes('{"text":"x"}'), fileName: 'a.json' }))).code).toBe('unsupported');
  });
});
