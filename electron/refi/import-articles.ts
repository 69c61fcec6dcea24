// REFI text sources -> Quarry articles and highlights. The body is the source
// text with the BOM removed and CRLF/CR normalised to LF (DESIGN.md); each
// selection's offsets are read in the unit its tool used (offset-units.ts) and
// mapped into that body, so quote === body.slice(start, end) by construction.
import { createHash } from 'node:crypto';
import type { Article, Highlight } from '../../db/types';
import { boundMetadata, MAX_BODY_CHARS } from '../import/limits';
import { SPEC_COUNTING, chooseCounting, describeCounting } from './offset-units';
import type { RefiProject, RefiTextSource, RefiVariableValue } from './qde-model';
import { normalizeNewlines, toXsdDateTime } from './text-utils';
import { classifyVariable } from './variables';

export interface SourceText {
  raw: string; // decoded, BOM stripped, line endings as written
  bytes: number;
}

export interface ArticleImportContext {
  project: RefiProject;
  texts: Map<string, SourceText>; // by source GUID; missing = skipped source
  themeIdByGuid: Map<string, number>;
  fileName: string;
  now: string;
  warn: (m: string) => void;
  lose: (kind: string, n?: number) => void;
}

export interface ImportedArticles {
  articles: Article[];
  highlights: Highlight[];
  highlightByGuid: Map<string, Highlight>;
  articleByGuid: Map<string, Article>;
}

const CONTEXT = 32; // prefix/suffix length, as the store keeps them

function applyValues(article: Article, values: RefiVariableValue[], variables: Map<string, string>, overwrite: boolean): void {
  for (const { variable, value } of values) {
    const name = variables.get(variable);
    if (!name) continue;
    const target = classifyVariable(name);
    if ('field' in target) {
      if (overwrite || !article[target.field]) article[target.field] = value || null;
    } else if (overwrite || !(target.attribute in article.attributes)) {
      article.attributes[target.attribute] = value;
    }
  }
}

export function importArticles(ctx: ArticleImportContext): ImportedArticles {
  const { project, warn, lose } = ctx;
  const caseGuids = new Set(project.cases.map((c) => c.guid));
  const articles: Article[] = [];
  const highlights: Highlight[] = [];
  const highlightByGuid = new Map<string, Highlight>();
  const articleByGuid = new Map<string, Article>();
  const decisions = new Map<string, string[]>();
  let caseCodings = 0;
  let danglingCodings = 0;

  for (const source of project.sources) {
    const text = ctx.texts.get(source.guid);
    if (!text) {
      lose(`selections in the missing source "${source.name}"`, source.selections.length);
      continue;
    }
    const body = normalizeNewlines(text.raw);
    if (body.length > MAX_BODY_CHARS) {
      // The same ceiling as every other import: Quarry never holds a longer article.
      warn(`Source "${source.name.slice(0, 200)}" was skipped: its text is ${Math.round(body.length / 1e5) / 10} million characters, over the limit of ${MAX_BODY_CHARS / 1e6} million for one article.`);
      lose(`selections in sources too long to import`, source.selections.length);
      continue;
    }
    const article = newArticle(source, body, text.bytes, ctx);
    applyValues(article, source.values, project.variables, true);
    if (source.wholeSourceCodings) lose('codings of whole sources (Quarry codes passages)', source.wholeSourceCodings);

    const choice = chooseCounting(text.raw, source.selections, project.origin);
    const isSpec = choice.counting.unit === SPEC_COUNTING.unit && choice.counting.crlf === SPEC_COUNTING.crlf;
    // Tell the user when offsets were read in a non-standard unit, or when the choice was a guess.
    // Quarry's own exports always use the spec's unit, so a tie there is not a guess.
    const guessed = choice.basis === 'origin' && !/^\s*quarry\b/i.test(project.origin);
    if (guessed || (choice.basis === 'evidence' && !isSpec)) {
      const label = `${describeCounting(choice.counting)}${choice.basis === 'origin' ? ' (could not be confirmed from the selection names; chosen from the file origin)' : ''}`;
      decisions.set(label, [...(decisions.get(label) ?? []), source.name]);
    }
    let clamped = 0;
    const firstHighlight = highlights.length;
    source.selections.forEach((sel, k) => {
      let start = choice.starts[k].pos;
      let end = choice.ends[k].pos + (choice.ends[k].split ? 2 : 0); // never cut a character in half
      if (choice.starts[k].outOfRange || choice.ends[k].outOfRange) clamped++;
      if (start > end) [start, end] = [end, start];
      if (start === end) {
        lose('empty selections');
        return;
      }
      const themeIds: number[] = [];
      for (const ref of sel.codeRefs) {
        const id = ctx.themeIdByGuid.get(ref);
        if (id !== undefined) {
          if (!themeIds.includes(id)) themeIds.push(id);
        } else if (caseGuids.has(ref)) caseCodings++;
        else danglingCodings++;
      }
      const createdAt = toIsoDate(sel.created) ?? ctx.now;
      const h: Highlight = {
        id: highlights.length + 1,
        uid: sel.guid,
        articleId: article.id,
        start,
        end,
        quote: body.slice(start, end),
        prefix: body.slice(Math.max(0, start - CONTEXT), start),
        suffix: body.slice(end, end + CONTEXT),
        comment: sel.description,
        themeIds,
        orphaned: false,
        createdAt,
        updatedAt: toIsoDate(sel.modified) ?? createdAt,
        deletedAt: null,
      };
      highlights.push(h);
      highlightByGuid.set(sel.guid, h);
    });
    if (clamped) warn(`${clamped} selection(s) in "${source.name}" reach beyond its text; they were cut at the end of the text.`);
    article.highlightCount = highlights.length - firstHighlight;
    articles.push(article);
    articleByGuid.set(source.guid, article);
  }

  applyCases(ctx, articleByGuid);
  // Names and variables from the file become titles and metadata: held to the
  // same limits as every other import.
  for (const a of articles) {
    const notes: string[] = [];
    Object.assign(a, boundMetadata({ title: a.title, author: a.author, source: a.source, url: a.url, publishedAt: a.publishedAt, language: a.language }, notes));
    for (const n of notes) warn(`Source "${a.title.slice(0, 200)}": ${n}.`);
  }
  for (const [label, names] of decisions) {
    warn(`Offsets read as ${label} in ${names.length} source(s): ${names.slice(0, 5).map((n) => `"${n}"`).join(', ')}${names.length > 5 ? ', …' : ''}. Check a few highlights.`);
  }
  if (caseCodings) warn(`${caseCodings} coding(s) point to cases (NVivo), not codes; Quarry has no cases, so the passages were kept without them.`);
  if (danglingCodings) warn(`${danglingCodings} coding(s) point to codes that are not in the codebook; dropped.`);
  return { articles, highlights, highlightByGuid, articleByGuid };
}

/** Case variables apply to the sources the case lists; a named case also becomes a "Case" attribute. */
function applyCases(ctx: ArticleImportContext, articleByGuid: Map<string, Article>): void {
  for (const c of ctx.project.cases) {
    if (!c.sourceRefs.length) {
      if (c.values.length) ctx.lose('case variables of cases without sources');
      continue;
    }
    for (const ref of c.sourceRefs) {
      const article = articleByGuid.get(ref);
      if (!article) continue;
      applyValues(article, c.values, ctx.project.variables, false); // the source's own values win
      if (c.name) {
        const prev = article.attributes.Case;
        article.attributes.Case = prev && prev !== c.name ? `${prev}; ${c.name}` : c.name;
      }
    }
  }
}

function newArticle(source: RefiTextSource, body: string, bytes: number, ctx: ArticleImportContext): Article {
  return {
    id: ctx.project.sources.indexOf(source) + 1,
    uid: source.guid,
    title: source.name,
    source: null,
    author: null,
    url: null,
    publishedAt: null,
    language: null,
    originalName: ctx.fileName,
    originalFormat: 'qdpx',
    originalBytes: bytes,
    importedAt: ctx.now,
    wordCount: body.split(/\s+/).filter(Boolean).length,
    charCount: body.length,
    highlightCount: 0,
    similarToId: null,
    deletedAt: null,
    body,
    bodySha256: createHash('sha256').update(body, 'utf8').digest('hex'),
    attributes: {},
  };
}

function toIsoDate(value: string | null): string | null {
  return toXsdDateTime(value) ?? null;
}
