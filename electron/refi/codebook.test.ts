import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { codebookFromCsv, codebookToCsv, codebookToMarkdown, mergeCodebook } from './codebook';
import { richSnapshot, theme } from '../../test/fixtures/snapshots';

describe('codebook CSV', () => {
  it('writes path, description, color rows in tree order, with BOM and CRLF', () => {
    const csv = codebookToCsv(richSnapshot().themes);
    expect(csv.startsWith('\uFEFFpath,description,color\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows.map((r) => r[0])).toEqual([
      'path',
      'Geopolitics',
      'Geopolitics > China leverage',
      'Geopolitics > China leverage > Export controls',
      'Geopolitics > Alliances',
      'Economics <"&">',
      'Economics <"&"> > Japanese text 日本',
    ]);
    expect(rows[5]).toEqual(['Economics <"&">', 'Line one\nLine two', '#33CC33']);
  });

  it('round-trips through codebookFromCsv, including formula-looking names', () => {
    const themes = [...richSnapshot().themes, theme(20, 'u20', '=HYPERLINK("x")', { description: '-1 point', color: '#000000' })];
    const csv = codebookToCsv(themes);
    expect(csv).toContain(`"'=HYPERLINK(""x"")","'-1 point"`);
    const { themes: back, warnings } = codebookFromCsv(csv);
    expect(warnings).toEqual([]);
    expect(back.find((t) => t.path[0] === '=HYPERLINK("x")')).toEqual({ path: ['=HYPERLINK("x")'], color: '#000000', description: '-1 point' });
    expect(back.find((t) => t.path.length === 3)).toEqual({ path: ['Geopolitics', 'China leverage', 'Export controls'], color: '#FF8800', description: '' });
  });

  it('reads hand-made CSVs: other header names, bad colours, duplicates, blank names', () => {
    const csv = 'Theme,Definition,Colour\nPeople > Experts,Named specialists,#f00\npeople > experts,dup,\n,no name,\nPlaces,,not-a-colour\n';
    const { themes, warnings } = codebookFromCsv(csv);
    expect(themes).toEqual([
      { path: ['People', 'Experts'], color: '#FF0000', description: 'Named specialists' },
      { path: ['Places'], color: null, description: '' },
    ]);
    expect(warnings.join('\n')).toMatch(/appears twice/);
    expect(warnings.join('\n')).toMatch(/Row 4 has no theme name/);
    expect(warnings.join('\n')).toMatch(/"Places" has an unreadable colour "not-a-colour"/);
  });

  it('reads a CSV without a header by position', () => {
    const { themes, warnings } = codebookFromCsv('A > B,desc,#123456\r\n');
    expect(themes).toEqual([{ path: ['A', 'B'], color: '#123456', description: 'desc' }]);
    expect(warnings[0]).toMatch(/No "path" column/);
  });
});

describe('codebookToMarkdown', () => {
  it('writes a nested list with descriptions under each theme', () => {
    const md = codebookToMarkdown(richSnapshot().themes);
    expect(md).toBe(
      [
        '# Codebook',
        '',
        '- **Geopolitics**',
        '  State power & strategy',
        '  - **China leverage**',
        '    Dominance in processing',
        '    - **Export controls**',
        '  - **Alliances**',
        '- **Economics \\<"&"\\>**',
        '  Line one',
        '  Line two',
        '  - **Japanese text 日本**',
        '',
      ].join('\n'),
    );
  });
});

describe('mergeCodebook', () => {
  const existing = [
    theme(1, 'u1', 'Geopolitics', { position: 0 }),
    theme(2, 'u2', 'China leverage', { parentId: 1 }),
    theme(3, 'u3', 'Old', { deletedAt: '2025-01-01T00:00:00Z' }),
  ];

  it('matches paths case-insensitively, creates missing parents first, never changes existing themes', () => {
    const merge = mergeCodebook(existing, [
      { path: ['geopolitics', 'CHINA LEVERAGE'], color: '#FF0000', description: 'ignored: exists' },
      { path: ['Geopolitics', 'China leverage', 'Rare earths'], color: '#00FF00', description: 'new leaf' },
      { path: ['Economy', 'Trade', 'Tariffs'], color: null, description: '' },
      { path: ['Economy'], color: '#0000FF', description: 'implied parent gets its row' },
      { path: ['Old'], color: null, description: 'deleted themes do not count' },
    ]);
    expect(merge.existing).toEqual(['geopolitics > CHINA LEVERAGE']);
    expect(merge.added).toEqual(['Geopolitics > China leverage > Rare earths', 'Economy', 'Economy > Trade', 'Economy > Trade > Tariffs', 'Old']);
    expect(merge.toCreate[0]).toEqual({ path: ['Geopolitics', 'China leverage', 'Rare earths'], name: 'Rare earths', parentId: 2, parentPath: ['Geopolitics', 'China leverage'], color: '#00FF00', description: 'new leaf' });
    const economy = merge.toCreate.find((t) => t.name === 'Economy')!;
    expect(economy).toMatchObject({ parentId: null, parentPath: [], color: '#0000FF', description: 'implied parent gets its row' });
    expect(merge.toCreate.find((t) => t.name === 'Trade')).toMatchObject({ parentId: null, parentPath: ['Economy'], color: '#8C8C8C' });
    // Parents always come before their children.
    merge.toCreate.forEach((t, i) => {
      if (t.parentPath.length && t.parentId === null) {
        expect(merge.toCreate.findIndex((p) => p.path.join('>') === t.parentPath.join('>'))).toBeLessThan(i);
      }
    });
  });
});
