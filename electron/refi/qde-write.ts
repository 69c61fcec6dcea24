// Builds project.qde (and the source texts it points to) from a snapshot,
// following NOTES.md §11 "Export": XSD element order, no empty containers,
// stable GUIDs, offsets in code points over exactly the text we ship.
import type { Article, Highlight, Memo, Theme } from '../../db/types';
import { ExportGuids } from './export-guids';
import { exportGuid, derivedGuid } from './guid';
import { utf16ToCodePoints } from '../../core/text/offsets';
import { writeCodes } from './qdc-export';
import type { ProjectSnapshot } from './snapshot';
import { citedHighlightUids, toXsdDateTime, truncateText } from './text-utils';
import { buildThemeTree, walkThemeTree } from '../../core/codebook/tree';
import { META_VARIABLES, attributeVariableName } from './variables';
import { XmlWriter } from './xml-writer';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** Selection names carry the quote so other importers can check offsets; long ones are cut. */
export const SELECTION_NAME_MAX = 200;

export interface QdpxExportOptions {
  origin: string; // e.g. "Quarry 0.1"
  user: string | { name: string; guid?: string };
  now?: Date; // creationDateTime of the project; tests pin it
  /** Told about anything left out (dangling references, orphaned highlights). */
  onSkip?: (message: string) => void;
}

export interface QdeBuild {
  xml: string;
  files: { path: string; text: string }[]; // zip paths, e.g. sources/<GUID>.txt
}

interface Variable {
  guid: string;
  name: string;
  value: (a: Article) => string | null;
}

function collectVariables(articles: Article[]): Variable[] {
  const vars: Variable[] = [];
  for (const [field, name] of META_VARIABLES) {
    if (articles.some((a) => a[field])) vars.push({ guid: exportGuid(derivedGuid('variable', name)), name, value: (a) => a[field] || null });
  }
  const keys = [...new Set(articles.flatMap((a) => Object.keys(a.attributes ?? {})))].sort();
  for (const key of keys) {
    const name = attributeVariableName(key);
    vars.push({ guid: exportGuid(derivedGuid('variable', name)), name, value: (a) => a.attributes?.[key] ?? null });
  }
  return vars;
}

export function buildProjectQde(snapshot: ProjectSnapshot, options: QdpxExportOptions): QdeBuild {
  const skip = options.onSkip ?? (() => undefined);
  const userName = typeof options.user === 'string' ? options.user : options.user.name;
  const userGuid = exportGuid(typeof options.user !== 'string' && options.user.guid ? options.user.guid : derivedGuid('user', userName));

  const articles = snapshot.articles.filter((a) => !a.deletedAt);
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const tree = buildThemeTree(snapshot.themes);
  const themeById = new Map([...walkThemeTree(tree)].map((n) => [n.theme.id, n.theme]));
  const memos = snapshot.memos.filter((m) => !m.deletedAt);
  const guids = new ExportGuids(skip);
  for (const node of walkThemeTree(tree)) guids.assign('theme', node.theme.id, node.theme.uid);
  for (const a of articles) guids.assign('article', a.id, a.uid);
  for (const m of memos) guids.assign('memo', m.id, m.uid);

  // Highlights by article, checked against the text we are about to ship.
  const byArticle = new Map<number, Highlight[]>();
  for (const h of snapshot.highlights) {
    if (h.deletedAt) continue;
    const article = articleById.get(h.articleId);
    if (!article) continue; // its article is in the Trash or not exported
    if (h.orphaned || h.start < 0 || h.end > article.body.length || h.start > h.end) {
      skip(`Highlight ${h.uid} in "${article.title}" was left out: its position in the text is not known.`);
      continue;
    }
    const list = byArticle.get(h.articleId);
    if (list) list.push(h);
    else byArticle.set(h.articleId, [h]);
  }
  const exportedHighlights = new Map<string, Highlight>();
  for (const list of byArticle.values()) {
    for (const h of list) {
      exportedHighlights.set(h.uid.toLowerCase(), h);
      guids.assign('highlight', h.id, h.uid);
    }
  }

  // Memo -> cited highlights; article -> memos citing it (for NoteRef).
  const citations = new Map<Memo, Highlight[]>();
  const notesOfArticle = new Map<number, Memo[]>();
  for (const memo of memos) {
    const cited = citedHighlightUids(memo.body)
      .map((uid) => exportedHighlights.get(uid.toLowerCase()))
      .filter((h): h is Highlight => !!h);
    citations.set(memo, cited);
    for (const h of cited) {
      const list = notesOfArticle.get(h.articleId) ?? [];
      if (!list.includes(memo)) list.push(memo);
      notesOfArticle.set(h.articleId, list);
    }
  }

  const variables = collectVariables(articles);
  const xml = new XmlWriter();
  const files: QdeBuild['files'] = [];
  xml.open('Project', {
    xmlns: PROJECT_NAMESPACE,
    name: snapshot.name || 'Quarry project',
    origin: options.origin,
    creatingUserGUID: userGuid,
    creationDateTime: (options.now ?? new Date()).toISOString(),
  });
  xml.open('Users').empty('User', { guid: userGuid, name: userName }).close('Users');

  if (tree.length) {
    xml.open('CodeBook').open('Codes');
    writeCodes(xml, tree, (t) => guids.get('theme', t.id));
    xml.close('Codes').close('CodeBook');
  }
  if (variables.length) {
    xml.open('Variables');
    for (const v of variables) xml.empty('Variable', { guid: v.guid, name: v.name, typeOfVariable: 'Text' });
    xml.close('Variables');
  }

  if (articles.length) {
    xml.open('Sources');
    for (const article of articles) {
      const guid = guids.get('article', article.id);
      files.push({ path: `sources/${guid}.txt`, text: article.body });
      xml.open('TextSource', {
        guid,
        name: article.title,
        plainTextPath: `internal://${guid}.txt`,
        creatingUser: userGuid,
        creationDateTime: toXsdDateTime(article.importedAt),
      });
      // TextSource order (XSD): Description, PlainTextContent, PlainTextSelection*, Coding*, NoteRef*, VariableValue*.
      writeSelections(xml, article, byArticle.get(article.id) ?? [], { themeById, guids, userGuid });
      for (const memo of notesOfArticle.get(article.id) ?? []) xml.empty('NoteRef', { targetGUID: guids.get('memo', memo.id) });
      for (const v of variables) {
        const value = v.value(article);
        if (value === null) continue;
        xml.open('VariableValue').empty('VariableRef', { targetGUID: v.guid }).text('TextValue', value).close('VariableValue');
      }
      xml.close('TextSource');
    }
    xml.close('Sources');
  }

  if (memos.length) {
    xml.open('Notes');
    for (const memo of memos) {
      xml.open('Note', {
        guid: guids.get('memo', memo.id),
        name: memo.title || 'Untitled memo',
        creatingUser: userGuid,
        creationDateTime: toXsdDateTime(memo.createdAt),
        modifyingUser: userGuid,
        modifiedDateTime: toXsdDateTime(memo.updatedAt),
      });
      xml.text('PlainTextContent', memo.body);
      xml.close('Note');
    }
    xml.close('Notes');
  }

  // NVivo models "this memo is about that passage" as a Link Note -> Selection
  // (NOTES.md §10.13); the citation tokens stay in the memo text as well.
  const links = [...citations].flatMap(([memo, cited]) => cited.map((h) => ({ memo, h })));
  if (links.length) {
    xml.open('Links');
    for (const { memo, h } of links) {
      xml.empty('Link', {
        guid: exportGuid(derivedGuid('link', memo.uid, h.uid)),
        name: 'cites',
        direction: 'OneWay',
        originGUID: guids.get('memo', memo.id),
        targetGUID: guids.get('highlight', h.id),
      });
    }
    xml.close('Links');
  }
  xml.close('Project');
  return { xml: xml.toString(), files };
}

interface SelectionContext {
  themeById: Map<number, Theme>;
  guids: ExportGuids;
  userGuid: string;
}

function writeSelections(xml: XmlWriter, article: Article, highlights: Highlight[], ctx: SelectionContext): void {
  const { themeById, guids, userGuid } = ctx;
  const ordered = [...highlights].sort((a, b) => a.start - b.start || a.end - b.end);
  const cps = utf16ToCodePoints(article.body, ordered.flatMap((h) => [h.start, h.end]));
  ordered.forEach((h, i) => {
    const themes = h.themeIds.map((id) => themeById.get(id)).filter((t): t is Theme => !!t);
    const attrs = {
      guid: guids.get('highlight', h.id),
      name: truncateText(article.body.slice(h.start, h.end), SELECTION_NAME_MAX),
      startPosition: cps[2 * i],
      endPosition: cps[2 * i + 1],
      creatingUser: userGuid,
      creationDateTime: toXsdDateTime(h.createdAt),
      modifyingUser: userGuid,
      modifiedDateTime: toXsdDateTime(h.updatedAt),
    };
    if (!h.comment && themes.length === 0) {
      xml.empty('PlainTextSelection', attrs);
      return;
    }
    xml.open('PlainTextSelection', attrs);
    // ATLAS.ti and MAXQDA read a selection's comment from its Description.
    if (h.comment) xml.text('Description', h.comment);
    for (const t of themes) {
      xml.open('Coding', { guid: exportGuid(derivedGuid('coding', h.uid, t.uid)), creatingUser: userGuid, creationDateTime: toXsdDateTime(h.createdAt) });
      xml.empty('CodeRef', { targetGUID: guids.get('theme', t.id) });
      xml.close('Coding');
    }
    xml.close('PlainTextSelection');
  });
}
