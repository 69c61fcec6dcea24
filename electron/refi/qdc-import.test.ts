import { describe, expect, it } from 'vitest';
import { parseColor } from './colors';
import { exportQdc } from '../export/qdpx';
import { importQdc } from './qdc-import';
import { fixture } from '../../test/fixtures/refi-archives';
import { richSnapshot } from '../../test/fixtures/snapshots';

describe('importQdc', () => {
  it('reads the NOTES.md minimal codebook without warnings', () => {
    const { themes, warnings } = importQdc(fixture('minimal-codebook.qdc'), 'minimal.qdc');
    expect(warnings).toEqual([]);
    expect(themes).toMatchObject([{ name: 'x', uid: '5215cc69-b628-4e02-afb9-9beeaee55808', parentId: null, color: '#8C8C8C' }]);
  });

  it('reads invalid real-world colours, warns per code, and keeps going', () => {
    const { themes, warnings } = importQdc(fixture('codebook-invalid-colours.qdc'), 'taguette.qdc');
    const color = (name: string) => themes.find((t) => t.name === name)?.color;
    expect(color('Short hex')).toBe('#FF8800');
    expect(color('With alpha')).toBe('#336699'); // #AARRGGBB
    expect(color('CSS alpha')).toBe('#336699'); // #RRGGBBAA
    expect(color('RGB function')).toBe('#FF8000');
    expect(color('Broken')).toBe('#8C8C8C');
    const text = warnings.join('\n');
    expect(text).toMatch(/namespace "urn:QDA-XML:codebook:0:4"/);
    expect(text).toMatch(/Theme "With alpha": colour "#FF336699" read as #336699 \(transparency dropped\)/);
    expect(text).toMatch(/Theme "With alpha > CSS alpha": colour "#336699FF"/);
    expect(text).toMatch(/Theme "Broken" has an unreadable colour "blue-ish"; used the default #8C8C8C/);
    expect(text).toMatch(/empty <Sets>/);
    expect(text).toMatch(/repeats the GUID 7a2e0b7e-0000-4000-8000-000000000005/);
    expect(text).toMatch(/isCodable="yes"/);
    const parent = themes.find((t) => t.name === 'With alpha')!;
    expect(themes.filter((t) => t.parentId === parent.id).map((t) => t.name)).toEqual(['CSS alpha', 'RGB function']);
    expect(parent.description).toBe('AARRGGBB, as .NET writes it');
    expect(new Set(themes.map((t) => t.uid)).size).toBe(themes.length);
  });

  it('round-trips our own .qdc: names, tree, colours, descriptions, uids', () => {
    const original = richSnapshot().themes;
    const { themes, warnings } = importQdc(Buffer.from(exportQdc(original)), 'ours.qdc');
    expect(warnings).toEqual([]);
    const key = (list: typeof themes) =>
      list.map((t) => [t.uid, t.name, t.color, t.description, list.find((p) => p.id === t.parentId)?.uid ?? null]).sort();
    expect(key(themes)).toEqual(key(original));
  });

  it('renames siblings with the same name (the store needs them unique)', () => {
    const qdc = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="00000000-0000-4000-8000-000000000001" name="Same" isCodable="true"/>
      <Code guid="00000000-0000-4000-8000-000000000002" name="same" isCodable="true"/></Codes></CodeBook>`;
    const { themes, warnings } = importQdc(Buffer.from(qdc));
    expect(themes.map((t) => t.name)).toEqual(['Same', 'same (2)']);
    expect(warnings[0]).toMatch(/renamed/);
  });

  it('refuses a DTD in a codebook too', () => {
    const qdc = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook><Codes/></CodeBook>';
    expect(() => importQdc(Buffer.from(qdc), 'evil.qdc')).toThrow(/evil\.qdc contains a DTD \(<!DOCTYPE>\), which REFI-QDA never needs; refusing it for safety/);
  });
});

describe('parseColor', () => {
  it('accepts the forms seen in the wild and rejects the rest', () => {
    expect(parseColor('#abcdef')).toEqual({ ok: true, color: '#abcdef' });
    expect(parseColor(' #abc ')).toEqual({ ok: true, color: '#AABBCC' });
    expect(parseColor('#FF112233')).toMatchObject({ ok: true, color: '#112233' });
    expect(parseColor('#112233FF')).toMatchObject({ ok: true, color: '#112233' });
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toMatchObject({ ok: true, color: '#010203', note: 'transparency dropped' });
    expect(parseColor('rgb(10 20 30)')).toMatchObject({ ok: true, color: '#0A141E' });
    expect(parseColor('rgb(300, 0, 0)')).toEqual({ ok: false });
    expect(parseColor('red')).toEqual({ ok: false });
    expect(parseColor('#12345')).toEqual({ ok: false });
  });
});
