import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../db/types';
import { importQdpx } from './qdpx-import';
import type { ProjectSnapshot } from './snapshot';
import { ATLAS_TEXT, NVIVO_TEXT, atlasQdpx, fixture, minimalQdpx, nvivoQdpx, zip } from '../../test/fixtures/refi-archives';

/** The invariant every imported highlight must hold. */
function expectAnchored(s: ProjectSnapshot): void {
  for (const h of s.highlights) {
    const body = s.articles.find((a) => a.id === h.articleId)!.body;
    expect(body.slice(h.start, h.end)).toBe(h.quote);
  }
}

const byQuote = (s: ProjectSnapshot, quote: string): Highlight => {
  const h = s.highlights.find((x) => x.quote === quote);
  if (!h) throw new Error(`no highlight "${quote}"; have ${s.highlights.map((x) => JSON.stringify(x.quote)).join(', ')}`);
  return h;
};
const themeName = (s: ProjectSnapshot, id: number) => s.themes.find((t) => t.id === id)!.name;

describe('importQdpx: NOTES.md §7 minimal project', () => {
  it('reads sources, selections (code points), codes, comments and notes', async () => {
    const { snapshot: s, warnings, notCarried } = await importQdpx(await minimalQdpx(), 'minimal.qdpx');
    expect(s.name).toBe('Minimal example');
    expect(s.articles).toHaveLength(1);
    expect(s.articles[0].body).toBe('Interviewer: How was the café?\nParticipant: Great 🙂 — very calm.\n');
    expect(s.articles[0].uid).toBe('d4000000-0000-4000-8000-000000000001');
    const cafe = byQuote(s, 'café');
    expect([cafe.start, cafe.end]).toEqual([25, 29]);
    expect(cafe.themeIds.map((id) => themeName(s, id))).toEqual(['Cafe']);
    const great = byQuote(s, 'Great 🙂 — very calm.');
    expect([great.start, great.end]).toEqual([44, 65]); // UTF-16 in Quarry, cp 44-64 in the file
    expect(great.comment).toBe('Selection-level comment');
    expect(great.uid).toBe('e5000000-0000-4000-8000-000000000002');
    // Folder "Places" (isCodable=false) is still a theme, parent of "Cafe".
    const places = s.themes.find((t) => t.name === 'Places')!;
    expect(s.themes.find((t) => t.name === 'Cafe')!.parentId).toBe(places.id);
    expect(s.themes.find((t) => t.name === 'Cafe')!.color).toBe('#FF8800');
    expect(s.themes.find((t) => t.name === 'Positive affect')!.description).toBe('Expressions of satisfaction');
    // The note linked to the selection cites it; the code memo names its theme.
    const memo = s.memos.find((m) => m.title === 'Memo on interview 1')!;
    expect(memo.body).toBe('Participant sounds relaxed.\n\nLinked in the imported project:\n- [[hl:e5000000-0000-4000-8000-000000000002]]\n');
    expect(s.memos.find((m) => m.title === 'Code memo')!.body).toContain('- Theme: Positive affect');
    expect(s.memos.find((m) => m.title === 'Project description')!.body).toBe('Project-level description');
    expect(notCarried).toEqual(expect.arrayContaining(['1 sets']));
    expect(warnings).toEqual([]);
    expectAnchored(s);
  });
});

describe('importQdpx: tools as they really write', () => {
  it('NVivo: UTF-16 offsets, BOM, CRLF = 2, Sources/ capitalised, braces in GUIDs, cases', async () => {
    const { snapshot: s, warnings } = await importQdpx(await nvivoQdpx(), 'nvivo.qdpx');
    const body = s.articles[0].body;
    expect(body).toBe(NVIVO_TEXT.replace(/\r\n/g, '\n'));
    expect(body.charCodeAt(0)).not.toBe(0xfeff);
    expect(byQuote(s, 'It feels 😊 calm').themeIds.map((id) => themeName(s, id))).toEqual(['Calm']);
    expect(byQuote(s, 'Japan is next.').uid).toBe('eeeeeeee-0000-4000-8000-000000000002');
    byQuote(s, 'really calm.'); // named "Selection 3": placed by the unit the other names proved
    expect(s.articles[0].attributes).toEqual({ Age: '34', Case: 'Participant 1' });
    expect(warnings.join('\n')).toMatch(/UTF-16 code units, CRLF counted as 2 in 1 source/);
    expect(warnings.join('\n')).toMatch(/1 coding\(s\) point to cases/);
    expect(s.memos[0].body).toBe('Sounds relaxed.\n\nLinked in the imported project:\n- [[hl:eeeeeeee-0000-4000-8000-000000000003]]\n');
    expectAnchored(s);
  });

  it('ATLAS.ti: CRLF counted as 1, code points, MyProject.qde, comment-only selections', async () => {
    const { snapshot: s, warnings } = await importQdpx(await atlasQdpx(), 'atlas.qdpx');
    expect(s.articles[0].body).toBe(ATLAS_TEXT.replace(/\r\n/g, '\n'));
    expect(byQuote(s, 'Prices 📈 rise.').comment).toBe('Inflation worry');
    expect(byQuote(s, 'Supply 🛢 is short.').themeIds.map((id) => themeName(s, id))).toEqual(['Economy']);
    const memoLike = byQuote(s, 'Any worries?');
    expect(memoLike.themeIds).toEqual([]);
    expect(memoLike.comment).toMatch(/MAXQDA-style/);
    expect(warnings.join('\n')).toMatch(/code points, CRLF counted as 1/);
    expectAnchored(s);
  });

  it('legacy namespace with prefixes, isCodable 0/1, #RGB colour, PlainTextContent, braces', async () => {
    const { snapshot: s, warnings } = await importQdpx(await zip({ 'project.qde': fixture('legacy-namespace.qde') }), 'old.qdpx');
    expect(warnings.join('\n')).toMatch(/namespace "urn:QDA-XML:project:0:10" \(another REFI-QDA version\)/);
    expect(s.articles[0].body).toBe('Inline & content with 🙂 emoji.');
    expect(byQuote(s, 'emoji.').themeIds.map((id) => themeName(s, id))).toEqual(['Leaf']);
    expect(s.themes.map((t) => [t.name, t.uid, t.color])).toEqual([
      ['Folder', '5215cc69-b628-4e02-afb9-9beeaee55808', '#8C8C8C'],
      ['Leaf', '5215cc69-b628-4e02-afb9-9beeaee55809', '#FF8800'],
    ]);
  });

  it('warns about an unknown namespace but still reads by local name', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('urn:QDA-XML:project:1.0"', 'http://example.org/not-refi"');
    const { snapshot, warnings } = await importQdpx(await minimalQdpx(qde), 'x.qdpx');
    expect(warnings[0]).toMatch(/unknown namespace "http:\/\/example.org\/not-refi"/);
    expect(snapshot.highlights).toHaveLength(2);
  });
});

describe('importQdpx: damaged and hostile files', () => {
  const DTD_MESSAGE = 'project.qde contains a DTD (<!DOCTYPE>), which REFI-QDA never needs; refusing it for safety';

  it('refuses billion laughs before any entity is expanded', async () => {
    await expect(importQdpx(await zip({ 'project.qde': fixture('billion-laughs.qde') }), 'lol.qdpx')).rejects.toThrow(DTD_MESSAGE);
  });

  it('refuses an external entity (lower-case doctype too)', async () => {
    const err = await importQdpx(await zip({ 'project.qde': fixture('external-entity.qde') }), 'xxe.qdpx').catch((e) => e);
    expect(err.message).toContain(DTD_MESSAGE);
    expect(err.code).toBe('unsafe');
    expect(err.message).not.toContain('root:');
  });

  it('skips a source whose file is missing, naming it, and reports its selections', async () => {
    const bytes = await zip({ 'project.qde': fixture('minimal-project.qde') });
    const { snapshot, warnings, notCarried } = await importQdpx(bytes, 'x.qdpx');
    expect(snapshot.articles).toEqual([]);
    expect(warnings.join('\n')).toMatch(/Source "Interview 1" was skipped: its text "internal:\/\/6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F.txt" is not in the archive/);
    expect(notCarried).toContain('2 selections in the missing source "Interview 1"');
  });

  it('clamps offsets beyond the text and says so', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('startPosition="44" endPosition="64"', 'startPosition="44" endPosition="900"');
    const { snapshot: s, warnings } = await importQdpx(await minimalQdpx(qde), 'x.qdpx');
    const h = s.highlights.find((x) => x.uid.endsWith('0002'))!;
    expect(h.end).toBe(s.articles[0].body.length);
    expect(h.quote).toBe('Great 🙂 — very calm.\n');
    expect(warnings.join('\n')).toMatch(/1 selection\(s\) in "Interview 1" reach beyond its text/);
    expectAnchored(s);
  });

  it('gives duplicate GUIDs a fresh uid and warns', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('guid="E5000000-0000-4000-8000-000000000002"', 'guid="{e5000000-0000-4000-8000-000000000001}"');
    const { snapshot: s, warnings } = await importQdpx(await minimalQdpx(qde), 'x.qdpx');
    expect(warnings.join('\n')).toMatch(/repeats the GUID e5000000-0000-4000-8000-000000000001/);
    const uids = s.highlights.map((h) => h.uid);
    expect(new Set(uids).size).toBe(2);
    expect(uids).toContain('e5000000-0000-4000-8000-000000000001');
  });

  it('refuses a zip without a .qde, and a codebook passed as a project', async () => {
    await expect(importQdpx(await zip({ 'readme.txt': 'hi' }), 'x.qdpx')).rejects.toThrow(/no project file \(\.qde\)/);
    await expect(importQdpx(await zip({ 'project.qde': fixture('minimal-codebook.qdc') }), 'x.qdpx')).rejects.toThrow(/is a codebook/);
  });

  it('reports malformed XML with its position', async () => {
    await expect(importQdpx(await zip({ 'project.qde': '<Project name="x"><Sources></Project>' }), 'x.qdpx')).rejects.toThrow(/not well-formed XML \(line 1/);
  });

  it('reports unsupported sources and whole-source codings as not carried', async () => {
    const qde = fixture('minimal-project.qde').toString('utf8').replace('</Sources>', `
    <PictureSource guid="99999999-0000-4000-8000-000000000001" path="internal://x.png"/>
    <AudioSource guid="99999999-0000-4000-8000-000000000002" path="internal://x.mp3"/>
  </Sources>`).replace('<NoteRef targetGUID="C3000000-0000-4000-8000-000000000001"/>\n    </TextSource>', `<Coding guid="99999999-0000-4000-8000-000000000003"><CodeRef targetGUID="A1000000-0000-4000-8000-000000000002"/></Coding>
      <NoteRef targetGUID="C3000000-0000-4000-8000-000000000001"/>
    </TextSource>`);
    const { notCarried } = await importQdpx(await minimalQdpx(qde), 'x.qdpx');
    expect(notCarried).toEqual(expect.arrayContaining(['1 picture sources', '1 audio sources', '1 codings of whole sources (Quarry codes passages)']));
  });
});
