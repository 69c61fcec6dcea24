// Safe XML reading for REFI-QDA files: refuses any DTD, then parses into a
// small tree whose element and attribute names are LOCAL names, so legacy and
// prefixed namespaces read the same (NOTES.md §10.10).
//
// fast-xml-parser runs with entity processing OFF; we decode the five XML
// entities and numeric references ourselves, so no entity mechanism (and no
// HTML entity table) is ever in play. We also apply XML's end-of-line and
// attribute-value normalisation, which that parser skips.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_THEME_DEPTH } from '../../db/themes';
import { ImportError } from '../import/types';
import { decodeXmlPart, unsafeDtd } from '../import/xml-safety';

/**
 * Elements around the deepest <Code> chain of a project: Project > CodeBook >
 * Codes > Code... > Description. Four; the rest is headroom for other tools.
 */
const REFI_WRAPPER_DEPTH = 8;

/**
 * Deepest element nesting the REFI reader accepts: the deepest theme tree
 * Quarry holds (db/themes MAX_THEME_DEPTH, which the themes API enforces)
 * plus the wrappers, so every project Quarry writes it can read back, and
 * anything deeper is refused before it can exhaust the stack.
 */
export const MAX_XML_DEPTH = MAX_THEME_DEPTH + REFI_WRAPPER_DEPTH;

export interface XmlNode {
  name: string; // local name
  attrs: Record<string, string>; // local names; xmlns declarations are left out
  children: XmlNode[];
  text: string; // direct text and CDATA, concatenated
}

export interface XmlDocument {
  root: XmlNode;
  namespace: string | null; // of the root element
}

/**
 * Decodes an XML file as XML says it is encoded (BOM, else the pattern of its
 * first bytes: UTF-16 without a BOM too), BOM removed. `fileName` and
 * `partName` name it if it is refused (UTF-32).
 */
export function decodeXmlBytes(bytes: Uint8Array, fileName = 'the file', partName = fileName): string {
  return decodeXmlPart(bytes, fileName, partName);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole; // unknown named entity: keep it visible, never expand
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

type Ordered = Record<string, unknown>;

function toNode(tag: string, content: Ordered[], rawAttrs: Record<string, string>): XmlNode {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    // Attribute-value normalisation: literal whitespace characters become spaces.
    attrs[localName(k)] = decodeEntities(v.replace(/\r\n|[\r\n\t]/g, ' '));
  }
  const node: XmlNode = { name: localName(tag), attrs, children: [], text: '' };
  for (const item of content) {
    if ('#text' in item) node.text += decodeEntities(String(item['#text']).replace(/\r\n?/g, '\n'));
    else if ('#cdata' in item) {
      for (const c of item['#cdata'] as Ordered[]) node.text += String(c['#text'] ?? '');
    } else {
      const childTag = Object.keys(item).find((k) => k !== ':@');
      if (!childTag) continue;
      node.children.push(toNode(childTag, item[childTag] as Ordered[], (item[':@'] as Record<string, string>) ?? {}));
    }
  }
  return node;
}

/**
 * Parses a REFI-QDA document. `entryName` names the file in messages.
 * Throws ImportError('unsafe') for a DTD and ImportError('corrupt') for XML
 * that is not well-formed.
 */
export function parseRefiXml(text: string, fileName: string, entryName: string): XmlDocument {
  const xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A DOCTYPE is how external entities and "billion laughs" get in. REFI never
  // uses one, so any DTD is refused before a parser sees the document.
  if (unsafeDtd(xml)) {
    throw new ImportError(fileName, 'unsafe', `${entryName} contains a DTD (<!DOCTYPE>), which REFI-QDA never needs; refusing it for safety`);
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    const e = valid.err;
    throw new ImportError(fileName, 'corrupt', `${entryName} is not well-formed XML (line ${e.line}, column ${e.col}: ${e.msg})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: false, // we strip prefixes ourselves, after reading xmlns
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    // The parser counts the elements open above the one it reads, so one less.
    maxNestedTags: MAX_XML_DEPTH - 1,
  });
  let doc: Ordered[];
  try {
    doc = parser.parse(xml) as Ordered[];
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/nested tags/i.test(msg)) {
      throw new ImportError(
        fileName,
        'unsupported',
        `${entryName} nests elements more than ${MAX_XML_DEPTH} levels deep; Quarry reads theme trees up to ${MAX_THEME_DEPTH} levels, so flatten the codebook and export it again`,
      );
    }
    throw new ImportError(fileName, 'corrupt', `${entryName} could not be read as XML (${msg})`);
  }
  const rootItem = doc.find((item) => Object.keys(item).some((k) => k !== ':@' && k !== '#text'));
  if (!rootItem) throw new ImportError(fileName, 'corrupt', `${entryName} has no root element`);
  const tag = Object.keys(rootItem).find((k) => k !== ':@')!;
  const rawAttrs = (rootItem[':@'] as Record<string, string>) ?? {};
  const prefix = tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : null;
  const namespace = rawAttrs[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? null;
  return { root: toNode(tag, rootItem[tag] as Ordered[], rawAttrs), namespace };
}

/** Children with a given local name. */
export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

export function childNamed(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}
