import { describe, expect, it } from 'vitest';
import { exportQdc, exportQdpx } from './qdpx-export';
import { richSnapshot } from '../../test/fixtures/snapshots';
import { validateWithXsd } from '../../test/helpers/xsd';
import { openZipSafely } from '../import/zip-safety';

const OPTIONS = { origin: 'Quarry 0.1', user: 'Ana Analyst', now: new Date('2025-11-01T12:00:00Z') };

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await openZipSafely(bytes, 'export.qdpx');
  const out = new Map<string, Buffer>();
  for (const e of zip.entries) out.set(e.name, await zip.readEntry(e.name));
  zip.close();
  return out;
}

describe('exportQdpx', () => {
  it('writes project.qde and one UTF-8 source per article, without BOM, byte-exact', async () => {
    const snap = richSnapshot();
    const files = await unzip(await exportQdpx(snap, OPTIONS));
    expect([...files.keys()].sort()).toEqual([
      'project.qde',
      'sources/1B4E28BA-2FA1-11D2-883F-0016D3CCA427.txt',
      'sources/C0FFEE00-0000-4000-8000-00000000000A.txt',
      'sources/C0FFEE00-0000-4000-8000-00000000000B.txt',
    ]);
    const src = files.get('sources/1B4E28BA-2FA1-11D2-883F-0016D3CCA427.txt')!;
    expect(src[0]).not.toBe(0xef);
    expect(src.toString('utf8')).toBe(snap.articles[0].body);
    const qde = files.get('project.qde')!;
    expect(qde.subarray(0, 5).toString()).toBe('<?xml');
  });

  it('validates against Project-mrt2019.xsd with xmllint', async () => {
    const qde = (await unzip(await exportQdpx(richSnapshot(), OPTIONS))).get('project.qde')!.toString('utf8');
    const result = validateWithXsd(qde, 'Project-mrt2019.xsd');
    expect(result.report, result.report).toMatch(/validates$/);
    expect(result.ok).toBe(true);
  });

  it('writes offsets in code points, names = quotes, comments as Description', async () => {
    const snap = richSnapshot();
    const qde = (await unzip(await exportQdpx(snap, OPTIONS))).get('project.qde')!.toString('utf8');
    const body = snap.articles[0].body;
    const compass = snap.highlights.find((h) => h.uid.endsWith('103'))!;
    const cpStart = Array.from(body.slice(0, compass.start)).length;
    expect(cpStart).toBe(compass.start - 2); // after the flag (2 code points, 4 units)
    const cpEnd = cpStart + Array.from(compass.quote).length;
    expect(qde).toContain(`name="🧭 1.\u00a0Geostrategic Context" startPosition="${cpStart}" endPosition="${cpEnd}"`);
    expect(qde).toContain('<Description>Key figure;\n"90%" vs 80</Description>');
    const long = snap.highlights.find((h) => h.uid.endsWith('111'))!;
    expect(Array.from(long.quote).length).toBeGreaterThan(200);
    expect(qde).toContain(`name="${Array.from(long.quote).slice(0, 200).join('').replace(/\n/g, '&#10;')}…"`);
    expect(qde).toContain('name="Quotes &quot;double&quot; &amp; \'single\' &lt;tags&gt; ]]&gt;"');
  });

  it('uses stable GUIDs: two exports differ only in nothing (fixed clock)', async () => {
    const a = await exportQdpx(richSnapshot(), OPTIONS);
    const b = await exportQdpx(richSnapshot(), OPTIONS);
    expect(a.equals(b)).toBe(true);
    const qde = (await unzip(a)).get('project.qde')!.toString('utf8');
    const guids = [...qde.matchAll(/ guid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(guids).size).toBe(guids.length);
    for (const g of guids) expect(g).toBe(g.toUpperCase());
  });

  it('leaves out empty containers and the Trash; escapes control characters', async () => {
    const snap = richSnapshot();
    snap.themes = [];
    snap.memos = [];
    snap.articles[2].deletedAt = '2025-11-01T00:00:00Z';
    snap.articles[1].title = 'Bell\u0007 and\u0000 NUL';
    snap.highlights = snap.highlights.map((h) => ({ ...h, themeIds: [] }));
    const qde = (await unzip(await exportQdpx(snap, OPTIONS))).get('project.qde')!.toString('utf8');
    expect(qde).not.toContain('<CodeBook');
    expect(qde).not.toContain('<Notes');
    expect(qde).not.toContain('<Links');
    expect(qde).not.toContain('C0FFEE00-0000-4000-8000-00000000000B');
    expect(qde).toContain('name="Bell and NUL"');
    expect(validateWithXsd(qde, 'Project-mrt2019.xsd').report).toMatch(/validates$/);
  });

  it('reports highlights it cannot place and duplicate uids', async () => {
    const snap = richSnapshot();
    snap.highlights[0] = { ...snap.highlights[0], orphaned: true };
    snap.themes[5] = { ...snap.themes[5], uid: snap.themes[4].uid };
    const skipped: string[] = [];
    const bytes = await exportQdpx(snap, { ...OPTIONS, onSkip: (m) => skipped.push(m) });
    expect(skipped.join('\n')).toMatch(/e5000000-0000-4000-8000-000000000100.*left out/);
    expect(skipped.join('\n')).toMatch(/used twice/);
    const qde = (await unzip(bytes)).get('project.qde')!.toString('utf8');
    expect(validateWithXsd(qde, 'Project-mrt2019.xsd').ok).toBe(true);
  });
});

describe('exportQdc', () => {
  it('writes a nested codebook that validates against Codebook-mrt2019.xsd', () => {
    const qdc = exportQdc(richSnapshot().themes, 'Quarry 0.1');
    expect(qdc).toContain('xmlns="urn:QDA-XML:codebook:1.0"');
    expect(qdc).toMatch(/<Code guid="A1000000-0000-4000-8000-000000000010" name="Geopolitics" isCodable="true" color="#AA3300">\n\s+<Description>State power &amp; strategy<\/Description>\n\s+<Code guid="A1000000-0000-4000-8000-000000000011"/);
    const result = validateWithXsd(qdc, 'Codebook-mrt2019.xsd', 'codebook.qdc');
    expect(result.report, result.report).toMatch(/validates$/);
  });

  it('refuses an empty codebook, which has no valid REFI form', () => {
    expect(() => exportQdc([])).toThrow(/empty codebook/);
  });
});
