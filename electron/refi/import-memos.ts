// REFI notes -> Quarry memos. Tools attach notes in different ways (NOTES.md
// §10.13): NoteRef from a selection, source or code, or a Link between a note
// and a selection. Quarry memos cite passages with [[hl:UID]] tokens, so:
// a note tied to a selection cites it (a token is appended unless the text
// already has one); a note tied to a source or code gets a plain line naming
// it. A source link is not repeated when the memo already cites a passage of
// that source, which keeps Quarry's own exports round-tripping exactly.
import type { Article, Highlight, Memo } from '../../db/types';
import { freshGuid, normalizeGuid } from './guid';
import type { RefiCode, RefiProject } from './qde-model';
import { citedHighlightUids, toXsdDateTime } from './text-utils';

export interface MemoImportContext {
  project: RefiProject;
  noteTexts: Map<string, string>; // note GUID -> text (PlainTextContent or its file)
  highlightByGuid: Map<string, Highlight>;
  articleByGuid: Map<string, Article>;
  now: string;
  lose: (kind: string, n?: number) => void;
}

interface Attachments {
  highlights: Highlight[];
  articles: Article[];
  themes: string[];
}

function flattenCodes(codes: readonly RefiCode[], out = new Map<string, RefiCode>()): Map<string, RefiCode> {
  for (const c of codes) {
    out.set(c.guid, c);
    flattenCodes(c.children, out);
  }
  return out;
}

/** Rewrites [[hl:…]] tokens whose GUID is written differently (case, braces) to the imported uid. */
function normaliseTokens(body: string, highlightByGuid: Map<string, Highlight>): string {
  return body.replace(/\[\[hl:([^\]\s]+)\]\]/g, (whole, raw: string) => {
    const guid = normalizeGuid(raw);
    const h = guid ? highlightByGuid.get(guid) : undefined;
    return h && h.uid !== raw ? `[[hl:${h.uid}]]` : whole;
  });
}

export function importMemos(ctx: MemoImportContext): Memo[] {
  const { project } = ctx;
  const codes = flattenCodes(project.codes);
  const noteGuids = new Set(project.notes.map((n) => n.guid));
  const attach = new Map<string, Attachments>();
  const get = (note: string) => {
    let a = attach.get(note);
    if (!a) attach.set(note, (a = { highlights: [], articles: [], themes: [] }));
    return a;
  };
  const link = (note: string, other: string): boolean => {
    const h = ctx.highlightByGuid.get(other);
    const article = ctx.articleByGuid.get(other);
    const code = codes.get(other);
    if (h) get(note).highlights.push(h);
    else if (article) get(note).articles.push(article);
    else if (code) get(note).themes.push(code.name);
    return !!(h || article || code);
  };

  for (const source of project.sources) {
    for (const note of source.noteRefs) link(note, source.guid);
    for (const sel of source.selections) for (const note of sel.noteRefs) link(note, sel.guid);
  }
  for (const code of codes.values()) for (const note of code.noteRefs) link(note, code.guid);
  let otherLinks = 0;
  for (const l of project.links) {
    if (l.origin && noteGuids.has(l.origin) && l.target && link(l.origin, l.target)) continue;
    if (l.target && noteGuids.has(l.target) && l.origin && link(l.target, l.origin)) continue;
    otherLinks++;
  }
  ctx.lose('links between items other than a note and a passage, article or theme', otherLinks);

  const memos: Memo[] = project.notes.map((note, i) => {
    if (note.innerSelections) ctx.lose('selections inside notes', note.innerSelections);
    const text = normaliseTokens(ctx.noteTexts.get(note.guid) ?? '', ctx.highlightByGuid);
    const created = toXsdDateTime(note.created) ?? ctx.now;
    return {
      id: i + 1,
      uid: note.guid,
      title: note.name,
      body: text + linkedBlock(text, attach.get(note.guid), ctx.highlightByGuid),
      createdAt: created,
      updatedAt: toXsdDateTime(note.modified) ?? created,
      deletedAt: null,
    };
  });
  if (project.description.trim()) {
    memos.push({ id: memos.length + 1, uid: freshGuid(), title: 'Project description', body: project.description, createdAt: ctx.now, updatedAt: ctx.now, deletedAt: null });
  }
  return memos;
}

function linkedBlock(text: string, a: Attachments | undefined, highlightByGuid: Map<string, Highlight>): string {
  if (!a) return '';
  const cited = new Set(citedHighlightUids(text).map((u) => normalizeGuid(u) ?? u));
  const lines: string[] = [];
  for (const h of a.highlights) {
    if (cited.has(h.uid)) continue;
    cited.add(h.uid);
    lines.push(`- [[hl:${h.uid}]]`);
  }
  const citedArticles = new Set([...cited].map((uid) => highlightByGuid.get(uid)?.articleId));
  for (const article of new Set(a.articles)) {
    if (!citedArticles.has(article.id)) lines.push(`- Article: ${article.title}`);
  }
  for (const theme of new Set(a.themes)) lines.push(`- Theme: ${theme}`);
  if (!lines.length) return '';
  return `${text && !text.endsWith('\n') ? '\n' : ''}\nLinked in the imported project:\n${lines.join('\n')}\n`;
}
