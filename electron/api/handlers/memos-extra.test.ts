// Memo citations, versions, links and export through the contract, on real stores.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../db/types';
import { ctxFor } from '../../../test/helpers/context';
import type { Context } from '../context';
import { call, dispatch } from '../dispatch';

interface MammothResult {
  value: string;
}
const mammoth = createRequire(import.meta.url)('mammoth') as {
  extractRawText(input: { buffer: Buffer }): Promise<MammothResult>;
  convertToHtml(input: { buffer: Buffer }): Promise<MammothResult>;
};

const BODY_A = [
  'Japan and rare earths',
  '',
  'China currently dominates global rare earth processing, controlling over 80 per cent of refining capacity 🇨🇳.',
  '',
  'Japan possesses deep-sea deposits near Minamitorishima Island in the Pacific.',
].join('\n');
const BODY_B = ['Alliance assessment', '', 'The agreement is clearly a hedge against supply shocks.', '', 'Critics call it symbolic.'].join('\n');

/** Two articles, two themes, three highlights. */
async function world(ctx: Context) {
  const a = await call(ctx, 'articles.importText', { text: BODY_A, source: 'Nikkei Asia', author: 'Ken Sato', publishedAt: '2025-10-28', url: 'https://example.org/a' });
  const b = await call(ctx, 'articles.importText', { text: BODY_B, source: 'Reuters', publishedAt: '2025-11' });
  const supply = await call(ctx, 'themes.create', { name: 'China dependence', color: '#D55E00' });
  const deep = await call(ctx, 'themes.create', { name: 'Deep-sea mining', color: '#0072B2' });
  const hl = (articleId: number, body: string, phrase: string, themeIds: number[]) => {
    const start = body.indexOf(phrase);
    return call(ctx, 'highlights.create', { articleId, start, end: start + phrase.length, themeIds });
  };
  const h1 = await hl(a.articleId!, BODY_A, 'controlling over 80 per cent of refining capacity 🇨🇳', [supply.id]);
  const h2 = await hl(a.articleId!, BODY_A, 'deep-sea deposits near Minamitorishima Island', [deep.id, supply.id]);
  const h3 = await hl(b.articleId!, BODY_B, 'a hedge against supply shocks', [supply.id]);
  return { a: a.articleId!, b: b.articleId!, supply, deep, h1, h2, h3 };
}

describe('memos.passages', () => {
  it('resolves uids (any case) to passages with article metadata, themes and colours; unknown uids are missing', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const ps = await call(ctx, 'memos.passages', { uids: [w.h1.uid.toUpperCase(), w.h2.uid, w.h2.uid, '00000000-dead-beef-0000-000000000000'] });
    expect(ps).toHaveLength(3);
    const byUid = new Map(ps.map((p) => [p.uid, p]));
    expect(byUid.get(w.h1.uid)).toMatchObject({
      uid: w.h1.uid,
      highlightId: w.h1.id,
      status: 'ok',
      quote: 'controlling over 80 per cent of refining capacity 🇨🇳',
      themes: [{ id: w.supply.id, name: 'China dependence', color: '#D55E00' }],
      article: { id: w.a, title: 'Japan and rare earths', source: 'Nikkei Asia', author: 'Ken Sato', publishedAt: '2025-10-28', url: 'https://example.org/a' },
    });
    expect(byUid.get(w.h2.uid)!.themes.map((t) => t.name).sort()).toEqual(['China dependence', 'Deep-sea mining']);
    expect(byUid.get('00000000-dead-beef-0000-000000000000')).toMatchObject({ status: 'missing', highlightId: null, article: null, themes: [] });
  });

  it('reports deleted (highlight or article in the Trash), orphaned (replaceText lost it) and changed (text edited behind its back)', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const status = async (h: Highlight) => (await call(ctx, 'memos.passages', { uids: [h.uid] }))[0].status;
    expect(await status(w.h1)).toBe('ok');

    await call(ctx, 'highlights.delete', { ids: [w.h1.id] });
    expect(await status(w.h1)).toBe('deleted');
    await call(ctx, 'highlights.restore', { ids: [w.h1.id] });
    expect(await status(w.h1)).toBe('ok');

    await call(ctx, 'articles.delete', { ids: [w.b] });
    expect(await status(w.h3)).toBe('deleted');
    await call(ctx, 'articles.restore', { ids: [w.b] });
    expect(await status(w.h3)).toBe('ok');

    // A corrected version of article A: the 80% sentence is gone (orphaned), the
    // Minamitorishima passage moved (re-anchored: still ok, at its new place).
    const corrected = BODY_A.replace(/China currently[^\n]*\n\n/, 'A new opening paragraph was added here.\n\n');
    const rep = await call(ctx, 'articles.replaceText', { articleId: w.a, text: corrected });
    expect(rep.orphaned).toBe(1);
    expect(await status(w.h1)).toBe('orphaned');
    const [moved] = await call(ctx, 'memos.passages', { uids: [w.h2.uid] });
    expect(moved).toMatchObject({ status: 'ok', quote: 'deep-sea deposits near Minamitorishima Island' });

    // Text changed without re-anchoring (another tool wrote the file): the stored quote no longer matches.
    ctx.store.db.prepare('UPDATE articles SET body = replace(body, ?, ?) WHERE id = ?').run('Minamitorishima', 'Minami-Torishima', w.a);
    expect(await status(w.h2)).toBe('changed');
    expect(await status(w.h3)).toBe('ok');
  });
});

describe('memos.searchPassages', () => {
  it('matches every word in quote, theme name or article title; newest first; skips the Trash', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const uids = async (query: string, limit?: number) => (await call(ctx, 'memos.searchPassages', { query, limit })).map((h) => h.uid);
    expect(await uids('refining CAPACITY')).toEqual([w.h1.uid]);
    expect(await uids('deep-sea')).toEqual([w.h2.uid]); // quote and theme name
    expect((await uids('china')).sort()).toEqual([w.h1.uid, w.h2.uid, w.h3.uid].sort()); // theme name
    expect(await uids('alliance hedge')).toEqual([w.h3.uid]); // title + quote
    expect(await uids('alliance refining')).toEqual([]);
    expect(await uids('nikkei minamitorishima')).toEqual([w.h2.uid]); // outlet + quote
    expect(await uids('', 2)).toHaveLength(2);
    // Whole-phrase quote matches first.
    const hits = await call(ctx, 'memos.searchPassages', { query: 'supply' });
    expect(hits[0].uid).toBe(w.h3.uid);
    expect(hits[0]).toMatchObject({ quote: 'a hedge against supply shocks', article: { id: w.b, title: 'Alliance assessment', source: 'Reuters' }, themes: [{ name: 'China dependence' }] });
    await call(ctx, 'highlights.delete', { ids: [w.h3.id] });
    expect(await uids('hedge')).toEqual([]);
    // Special characters are data, not SQL patterns.
    expect(await uids("%'_")).toEqual([]);
  });
});

describe('memo versions through the contract', () => {
  it('snapshot, list, view, restore, and undo the restore by restoring its snapshot', async () => {
    const ctx = await ctxFor();
    const m = await call(ctx, 'memos.create', { title: 'Draft', body: 'one' });
    const s1 = await call(ctx, 'memos.snapshot', { memoId: m.id, reason: 'auto' });
    expect(s1.created).toBe(true);
    expect((await call(ctx, 'memos.snapshot', { memoId: m.id, reason: 'auto' })).created).toBe(false);
    await call(ctx, 'memos.update', { id: m.id, body: 'one two' });
    await call(ctx, 'memos.snapshot', { memoId: m.id, reason: 'manual' });
    await call(ctx, 'memos.update', { id: m.id, title: 'Final', body: 'one two three' });
    const r = await call(ctx, 'memos.restoreVersion', { memoId: m.id, versionId: s1.version.id });
    expect(r.memo).toMatchObject({ title: 'Draft', body: 'one' });
    expect((await call(ctx, 'memos.get', { id: m.id })).body).toBe('one');
    const list = await call(ctx, 'memos.versions', { memoId: m.id });
    expect(list.map((v) => v.reason)).toEqual(['restore', 'manual', 'auto']);
    expect((await call(ctx, 'memos.version', { id: list[0].id })).body).toBe('one two three');
    const undo = await call(ctx, 'memos.restoreVersion', { memoId: m.id, versionId: r.undoVersion.id });
    expect(undo.memo).toMatchObject({ title: 'Final', body: 'one two three' });
    expect(await dispatch(ctx, 'memos.snapshot', { memoId: m.id, reason: 'whenever' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(ctx, 'memos.version', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('memo links', () => {
  it('derives links from tokens (kept current as the text changes), adds manual ones, and answers "memos that cite this"', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const m1 = await call(ctx, 'memos.create', { title: 'Dependence', body: `Claim [[hl:${w.h1.uid.toUpperCase()}]] again [[hl:${w.h1.uid}]].\n\n![[hl:${w.h2.uid}]]\n` });
    const m2 = await call(ctx, 'memos.create', { title: 'Alliance', body: `About #[[theme:${w.deep.uid}]] and [[hl:${w.h3.uid}]]` });
    const m3 = await call(ctx, 'memos.create', { title: 'Unrelated', body: 'No citations. `[[hl:' + w.h1.uid + ']]` is code.' });

    const citing = async (input: { articleId?: number; themeId?: number }) => (await call(ctx, 'memos.citing', input)).map((c) => c.title);
    expect(await citing({ articleId: w.a })).toEqual(['Dependence']);
    expect(await citing({ articleId: w.b })).toEqual(['Alliance']);
    expect((await citing({ themeId: w.supply.id })).sort()).toEqual(['Alliance', 'Dependence']);
    expect(await citing({ themeId: w.deep.id })).toEqual(['Alliance', 'Dependence']); // m2 by reference (newer), m1 via h2's theme
    const a = (await call(ctx, 'memos.citing', { articleId: w.a }))[0];
    expect(a).toMatchObject({ id: m1.id, citations: 3, references: 0, manual: false });
    const deep = await call(ctx, 'memos.citing', { themeId: w.deep.id });
    expect(deep.find((c) => c.id === m2.id)).toMatchObject({ citations: 0, references: 1 });

    const links = await call(ctx, 'memos.links', { memoId: m1.id });
    expect(links.articles).toEqual([expect.objectContaining({ id: w.a, citations: 3, manual: false })]);
    expect(links.themes.map((t) => [t.name, t.passages, t.references])).toEqual([
      ['China dependence', 3, 0],
      ['Deep-sea mining', 1, 0],
    ]);

    // The index follows edits: m1 stops citing article A.
    await call(ctx, 'memos.update', { id: m1.id, body: `Now only [[hl:${w.h3.uid}]]` });
    expect(await citing({ articleId: w.a })).toEqual([]);
    expect((await citing({ articleId: w.b })).sort()).toEqual(['Alliance', 'Dependence']);

    // Manual links.
    expect(await call(ctx, 'memos.link', { memoId: m3.id, articleId: w.a })).toEqual({ linked: true });
    expect(await call(ctx, 'memos.link', { memoId: m3.id, articleId: w.a })).toEqual({ linked: false });
    await call(ctx, 'memos.link', { memoId: m3.id, themeId: w.deep.id });
    expect(await citing({ articleId: w.a })).toEqual(['Unrelated']);
    expect((await call(ctx, 'memos.citing', { articleId: w.a }))[0]).toMatchObject({ citations: 0, manual: true });
    expect((await call(ctx, 'memos.links', { memoId: m3.id })).themes).toEqual([expect.objectContaining({ id: w.deep.id, manual: true, passages: 0, references: 0 })]);
    expect(await call(ctx, 'memos.unlink', { memoId: m3.id, articleId: w.a })).toEqual({ unlinked: true });
    expect(await citing({ articleId: w.a })).toEqual([]);

    // The memo list carries the links; a memo in the Trash cites nothing.
    const overview = await call(ctx, 'memos.overview', {});
    const alliance = overview.find((o) => o.id === m2.id)!;
    expect(alliance).toMatchObject({ citations: 1, articles: [{ id: w.b, title: 'Alliance assessment' }] });
    expect(alliance.themes.map((t) => t.name).sort()).toEqual(['China dependence', 'Deep-sea mining']);
    expect((await call(ctx, 'memos.overview', { query: 'ONLY' })).map((o) => o.title)).toEqual(['Dependence']);
    await call(ctx, 'memos.delete', { id: m2.id });
    expect(await citing({ articleId: w.b })).toEqual(['Dependence']);

    // Input: exactly one target.
    for (const bad of [{ memoId: m1.id }, { memoId: m1.id, articleId: w.a, themeId: w.deep.id }]) {
      const r = await dispatch(ctx, 'memos.link', bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await dispatch(ctx, 'memos.link', { memoId: m1.id, articleId: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('memos.themes lists live and trashed themes with lower-cased uids', async () => {
    const ctx = await ctxFor();
    const t = await call(ctx, 'themes.create', { name: 'Gone soon', color: '#123456' });
    await call(ctx, 'themes.delete', { id: t.id });
    const keep = await call(ctx, 'themes.create', { name: 'Kept' });
    const themes = await call(ctx, 'memos.themes', {});
    expect(themes.map((x) => [x.name, x.deleted])).toEqual(
      expect.arrayContaining([
        ['Gone soon', true],
        ['Kept', false],
      ]),
    );
    expect(themes.find((x) => x.id === keep.id)!.uid).toBe(keep.uid.toLowerCase());
  });
});

describe('memos.cite', () => {
  it('appends a citation on its own line to the memo, or to a new memo when there is none', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const m = await call(ctx, 'memos.create', { title: 'Notes', body: 'Intro.\n\n' });
    const r = await call(ctx, 'memos.cite', { memoId: m.id, uid: w.h1.uid });
    expect(r.created).toBe(false);
    expect(r.memo.body).toBe(`Intro.\n\n[[hl:${w.h1.uid}]]\n`);
    const e = await call(ctx, 'memos.cite', { memoId: m.id, uid: w.h2.uid.toUpperCase(), embed: true });
    expect(e.memo.body).toBe(`Intro.\n\n[[hl:${w.h1.uid}]]\n\n![[hl:${w.h2.uid}]]\n`);
    await call(ctx, 'memos.delete', { id: m.id });
    const fresh = await call(ctx, 'memos.cite', { memoId: m.id, uid: w.h3.uid, newTitle: 'Alliance notes' });
    expect(fresh.created).toBe(true);
    expect(fresh.memo).toMatchObject({ title: 'Alliance notes', body: `[[hl:${w.h3.uid}]]\n` });
    expect(fresh.memo.id).not.toBe(m.id);
    expect(await dispatch(ctx, 'memos.cite', { memoId: m.id, uid: 'no-such-uid' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('memos.export', () => {
  it('exports Markdown, HTML and DOCX with resolved citations, warns about broken ones, and snapshots each export', async () => {
    const ctx = await ctxFor();
    const w = await world(ctx);
    const body = [
      '## Findings',
      '',
      `China refines most rare earths [[hl:${w.h1.uid}]]; Japan has deep-sea mud #[[theme:${w.deep.uid}]].`,
      '',
      `![[hl:${w.h2.uid}]]`,
      '',
      `Hedging [[hl:${w.h3.uid}]] and again [[hl:${w.h1.uid}]].`,
    ].join('\n');
    const m = await call(ctx, 'memos.create', { title: 'Rare earths: what we know', body });
    await call(ctx, 'highlights.delete', { ids: [w.h3.id] });

    const md = await call(ctx, 'memos.export', { memoId: m.id, format: 'md' });
    expect(md).toMatchObject({ fileName: 'Rare earths - what we know.md', mimeType: 'text/markdown; charset=utf-8' });
    const text = Buffer.from(md.base64, 'base64').toString('utf8');
    expect(md.bytes).toBe(Buffer.byteLength(text));
    expect(text).toContain('# Rare earths: what we know');
    expect(text).toContain('China refines most rare earths [^1]');
    expect(text).toContain('and again [^1]');
    expect(text).toContain('Japan has deep-sea mud Deep-sea mining.');
    expect(text).toContain('> deep-sea deposits near Minamitorishima Island\n>\n> — Nikkei Asia, *Japan and rare earths*, 2025-10-28');
    expect(text).toContain('**[broken citation: passage was deleted]**');
    expect(text).toMatch(/\[\^1\]: “controlling over 80 per cent of refining capacity 🇨🇳” — Ken Sato, \*Japan and rare earths\*, Nikkei Asia, 2025-10-28\. <https:\/\/example\.org\/a>/);
    expect(md.warnings).toEqual([expect.objectContaining({ line: 7, column: 9, uid: w.h3.uid, message: 'Line 7, column 9: broken citation (passage was deleted)' })]);

    const html = await call(ctx, 'memos.export', { memoId: m.id, format: 'html' });
    const page = Buffer.from(html.base64, 'base64').toString('utf8');
    expect(html.fileName).toBe('Rare earths - what we know.html');
    expect(page).toContain('<mark class="broken-cite"');
    expect(page).toContain('Content-Security-Policy');
    expect(page).not.toMatch(/<script/i);
    expect(html.warnings).toHaveLength(1);

    const docx = await call(ctx, 'memos.export', { memoId: m.id, format: 'docx' });
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const raw = (await mammoth.extractRawText({ buffer: Buffer.from(docx.base64, 'base64') })).value;
    expect(raw).toContain('Rare earths: what we know');
    expect(raw).toContain('Findings');
    expect(raw).toContain('[broken citation: passage was deleted]');
    // Real Word footnotes (Word has no shared notes: the repeat citation gets its own).
    const docHtml = (await mammoth.convertToHtml({ buffer: Buffer.from(docx.base64, 'base64') })).value;
    const notes = [...docHtml.matchAll(/<li id="footnote-(\d+)">(.*?)<\/li>/g)].map((x) => x[2]);
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n).toContain('controlling over 80 per cent of refining capacity 🇨🇳');
    expect(docHtml).toMatch(/rare earths <sup><a href="#footnote-1" id="footnote-ref-1">\[1\]<\/a><\/sup>/);
    expect(raw).toContain('Sources');
    expect(raw).toContain('Ken Sato. Japan and rare earths. Nikkei Asia, 2025-10-28. https://example.org/a');
    expect(docx.warnings).toHaveLength(1);

    const versions = await call(ctx, 'memos.versions', { memoId: m.id });
    expect(versions.map((v) => v.reason)).toEqual(['export', 'export', 'export']);
    expect(versions[0].id).toBe(docx.versionId);
    expect((await call(ctx, 'memos.version', { id: docx.versionId })).body).toBe(body);
  });
});
