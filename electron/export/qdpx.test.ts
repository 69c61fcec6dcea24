import { describe, expect, it } from 'vitest';
import { exportQdc, exportQdpx } from './qdpx';
import { richSnapshot } from '../../test/fixtures/snapshots';
import { describeIfShared } from '../../test/helpers/shared';
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

/** No themes or memos, one article in the Trash, control characters in a title. */
function bareSnapshot() {
  const snap = richSnapshot();
  snap.themes = [];
  snap.memos = [];
  snap.articles[2].deletedAt = '2025-11-01T00:00:00Z';
  snap.articles[1].title = 'Bell\u0007 and\u0000 NUL';
  snap.highlights = snap.highlights.map((h) => ({ ...h, themeIds: [] }));
  return snap;
}

/** An orphaned highlight (cannot be placed) and two themes sharing a uid. */
function troubledSnapshot() {
  const snap = richSnapshot();
  snap.highlights[0] = { ...snap.highlights[0], orphaned: true };
  snap.themes[5] = { ...snap.themes[5], uid: snap.themes[4].uid };
  return snap;
}

const qdeOf = async (snap: ReturnType<typeof richSnapshot>) => (await unzip(await exportQdpx(snap, OPTIONS))).get('project.qde')!.toString('utf8');

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

  it('writes offsets in code points, names = quotes, comments as Description', async () => {
    const snap = richSnapshot();
    const qde = (await unzip(await exportQdpx(snap, OPTIONS))).get('project.qde')!.toString('utf8');
    const body = snap.articles[0].body;
    const compass = snap.highlights.find((h) => h.uid.endsWith('103'))!;
    const cpStart = Array.from(body.slice(0, compass.start)).length;
    expect(cpStart).toBe(compass.start - 2); // after the flag (2 code points, 4 units)
    const cpEnd = cpStart + Array.from(compass.quote).length;
    expect(qde).toContain(`name="🧭 1.\u00a0Why the Talks Broke Down" startPosition="${cpStart}" endPosition="${cpEnd}"`);
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
    const qde = (await unzip(await exportQdpx(bareSnapshot(), OPTIONS))).get('project.qde')!.toString('utf8');
    expect(qde).not.toContain('<CodeBook');
    expect(qde).not.toContain('<Notes');
    expect(qde).not.toContain('<Links');
    expect(qde).not.toContain('C0FFEE00-0000-4000-8000-00000000000B');
    expect(qde).toContain('name="Bell and NUL"');
  });

  it('reports highlights it cannot place and duplicate uids', async () => {
    const skipped: string[] = [];
    await exportQdpx(troubledSnapshot(), { ...OPTIONS, onSkip: (m) => skipped.push(m) });
    expect(skipped.join('\n')).toMatch(/e5000000-0000-4000-8000-000000000100.*left out/);
    expect(skipped.join('\n')).toMatch(/used twice/);
  });
});

describe('exportQdc', () => {
  it('writes a nested codebook', () => {
    const qdc = exportQdc(richSnapshot().themes, 'Quarry 0.1');
    expect(qdc).toContain('xmlns="urn:QDA-XML:codebook:1.0"');
    expect(qdc).toMatch(/<Code guid="A1000000-0000-4000-8000-000000000010" name="Geopolitics" isCodable="true" color="#AA3300">\n\s+<Description>State power &amp; strategy<\/Description>\n\s+<Code guid="A1000000-0000-4000-8000-000000000011"/);
  });

  it('refuses an empty codebook, which has no valid REFI form', () => {
    expect(() => exportQdc([])).toThrow(/empty codebook/);
  });
});

// The REFI-QDA schemas are the standard's files: this set runs where they are
// (../shared/standards/refi-qda or $QUARRY_REFI_XSD) and is reported skipped elsewhere.
describeIfShared('refi-xsd', 'REFI-QDA schema validation of the exports (libxml2 as WebAssembly)', () => {
  it.each([
    ['the rich project', richSnapshot],
    ['a project without themes, memos or links, with control characters escaped', bareSnapshot],
    ['a project that left out what it could not place', troubledSnapshot],
  ] as const)('%s validates against Project-mrt2019.xsd', async (_what, make) => {
    const result = await validateWithXsd(await qdeOf(make()), 'Project-mrt2019.xsd');
    expect(result.report, result.report).toBe('project.qde validates');
    expect(result.ok).toBe(true);
  });

  it('the nested codebook validates against Codebook-mrt2019.xsd', async () => {
    const result = await validateWithXsd(exportQdc(richSnapshot().themes, 'Quarry 0.1'), 'Codebook-mrt2019.xsd', 'codebook.qdc');
    expect(result.report, result.report).toBe('codebook.qdc validates');
    expect(result.ok).toBe(true);
  });

  it('the validator itself rejects a project that breaks the schema', async () => {
    const broken = (await qdeOf(richSnapshot())).replace('<Sources>', '<Sources><Unexpected/>');
    const result = await validateWithXsd(broken, 'Project-mrt2019.xsd');
    expect(result.ok).toBe(false);
    expect(result.report).toMatch(/Unexpected[\s\S]*project\.qde fails to validate$/);
  });
});
