// Reads a parsed project.qde (any namespace version, matched by local name)
// into the RefiProject model. Schema problems become warnings, never errors:
// real files from NVivo, ATLAS.ti and Taguette often fail the XSD (NOTES §10.11).
import { GuidRegistry, refTarget } from './guid-registry';
import { readCodes } from './qde-read-codes';
import type { RefiCase, RefiNote, RefiProject, RefiSelection, RefiTextSource, RefiVariableValue } from './qde-model';
import { childNamed, childrenNamed, type XmlNode } from './xml-read';

const KNOWN_ROOT_CHILDREN = new Set(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef']);
const OTHER_SOURCES: Record<string, string> = {
  PictureSource: 'picture sources',
  PDFSource: 'PDF sources',
  AudioSource: 'audio sources',
  VideoSource: 'video sources',
};

export function readProject(root: XmlNode, warn: (m: string) => void): RefiProject {
  const guids = new GuidRegistry(warn);
  const notCarried = new Map<string, number>();
  const lose = (kind: string, n = 1) => n > 0 && notCarried.set(kind, (notCarried.get(kind) ?? 0) + n);
  const refs = (node: XmlNode, name: string, what: string) =>
    childrenNamed(node, name)
      .map((r) => refTarget(r.attrs.targetGUID, what, warn))
      .filter((g): g is string => !!g);

  for (const child of root.children) {
    if (!KNOWN_ROOT_CHILDREN.has(child.name)) warn(`project.qde has an unknown element <${child.name}>; ignored.`);
    if (['Users', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs'].includes(child.name) && child.children.length === 0) {
      warn(`project.qde has an empty <${child.name}> (not valid REFI-QDA); ignored.`);
    }
  }
  if (!root.attrs.name) warn('The project has no name attribute (required by REFI-QDA).');

  const codebook = childNamed(root, 'CodeBook');
  const codes = readCodes(childNamed(codebook, 'Codes'), guids, warn);
  if (codebook && childrenNamed(codebook, 'Sets').length) lose('code sets');

  const variables = new Map<string, string>();
  for (const v of childrenNamed(childNamed(root, 'Variables'), 'Variable')) {
    const name = v.attrs.name?.trim() || 'Variable';
    variables.set(guids.claim(v.attrs.guid, `Variable "${name}"`), name);
  }
  const readValues = (node: XmlNode, what: string): RefiVariableValue[] =>
    childrenNamed(node, 'VariableValue').flatMap((vv) => {
      const variable = refTarget(childNamed(vv, 'VariableRef')?.attrs.targetGUID, `A VariableValue in ${what}`, warn);
      const valueNode = vv.children.find((c) => c.name !== 'VariableRef');
      // Text values are kept exactly; typed ones (integers, dates...) may carry stray whitespace.
      const value = valueNode?.name === 'TextValue' ? valueNode.text : valueNode?.text.trim();
      return variable && value !== undefined ? [{ variable, value }] : [];
    });

  const cases: RefiCase[] = childrenNamed(childNamed(root, 'Cases'), 'Case').map((c) => {
    const what = `case "${c.attrs.name ?? c.attrs.guid}"`;
    lose('case selection references', childrenNamed(c, 'SelectionRef').length);
    return {
      guid: guids.claim(c.attrs.guid, what),
      name: c.attrs.name?.trim() || null,
      values: readValues(c, what),
      sourceRefs: refs(c, 'SourceRef', `A SourceRef in ${what}`),
    };
  });

  const readSelection = (node: XmlNode, sourceName: string): RefiSelection | null => {
    const what = `Selection ${node.attrs.guid ?? ''} in "${sourceName}"`;
    const start = Number(node.attrs.startPosition);
    const end = Number(node.attrs.endPosition);
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      warn(`${what} has no readable start/end position; skipped.`);
      lose('selections without positions');
      return null;
    }
    return {
      guid: guids.claim(node.attrs.guid, what),
      name: node.attrs.name ?? null,
      start,
      end,
      description: childNamed(node, 'Description')?.text ?? '',
      codeRefs: childrenNamed(node, 'Coding').flatMap((c) => refs(c, 'CodeRef', `A coding in ${what}`)),
      noteRefs: refs(node, 'NoteRef', `A NoteRef in ${what}`),
      created: node.attrs.creationDateTime ?? null,
      modified: node.attrs.modifiedDateTime ?? null,
    };
  };

  const sources: RefiTextSource[] = [];
  for (const node of childNamed(root, 'Sources')?.children ?? []) {
    if (node.name !== 'TextSource') {
      lose(OTHER_SOURCES[node.name] ?? `<${node.name}> sources`);
      continue;
    }
    const name = node.attrs.name?.trim() || node.attrs.plainTextPath || 'Untitled source';
    const content = childNamed(node, 'PlainTextContent');
    if (content && node.attrs.plainTextPath) warn(`Source "${name}" has both PlainTextContent and plainTextPath (REFI allows one); used the content.`);
    sources.push({
      guid: guids.claim(node.attrs.guid, `Source "${name}"`),
      name,
      plainTextPath: node.attrs.plainTextPath ?? null,
      plainTextContent: content ? content.text : null,
      selections: childrenNamed(node, 'PlainTextSelection')
        .map((s) => readSelection(s, name))
        .filter((s): s is RefiSelection => !!s),
      wholeSourceCodings: childrenNamed(node, 'Coding').length,
      noteRefs: refs(node, 'NoteRef', `A NoteRef in source "${name}"`),
      values: readValues(node, `source "${name}"`),
      created: node.attrs.creationDateTime ?? null,
    });
  }

  const notes: RefiNote[] = childrenNamed(childNamed(root, 'Notes'), 'Note').map((n, i) => {
    const name = n.attrs.name?.trim() || `Note ${i + 1}`;
    return {
      guid: guids.claim(n.attrs.guid, `Note "${name}"`),
      name,
      text: childNamed(n, 'PlainTextContent')?.text ?? null,
      plainTextPath: n.attrs.plainTextPath ?? null,
      created: n.attrs.creationDateTime ?? null,
      modified: n.attrs.modifiedDateTime ?? null,
      innerSelections: childrenNamed(n, 'PlainTextSelection').length,
    };
  });

  const links = childrenNamed(childNamed(root, 'Links'), 'Link').map((l) => ({
    origin: refTarget(l.attrs.originGUID, 'A link origin', warn),
    target: refTarget(l.attrs.targetGUID, 'A link target', warn),
  }));
  lose('sets', childrenNamed(childNamed(root, 'Sets'), 'Set').length);
  lose('graphs', childrenNamed(childNamed(root, 'Graphs'), 'Graph').length);

  return {
    name: root.attrs.name?.trim() || 'Imported project',
    origin: root.attrs.origin ?? '',
    description: childNamed(root, 'Description')?.text ?? '',
    codes,
    variables,
    cases,
    sources,
    notes,
    links,
    notCarried,
  };
}
