// REFI-QDA codebook import (.qdc). Codebooks from other tools are often
// invalid (RGB colours, alpha, empty <Sets/>, old namespaces; NOTES §10.10-11):
// read what is there, warn, never reject for schema reasons.
import type { Theme } from '../../db/types';
import { ImportError } from '../import/types';
import { GuidRegistry } from './guid-registry';
import { importThemes } from './import-themes';
import { readCodes } from './qde-read-codes';
import { childNamed, decodeXmlBytes, parseRefiXml } from './xml-read';

export const CODEBOOK_NAMESPACE_1_0 = 'urn:QDA-XML:codebook:1.0';

export interface QdcImportResult {
  themes: Theme[]; // temporary ids; parentId links them; uids are the normalised GUIDs
  warnings: string[];
}

export function importQdc(bytes: Uint8Array, fileName = 'codebook.qdc'): QdcImportResult {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const doc = parseRefiXml(decodeXmlBytes(bytes, fileName, fileName), fileName, fileName);
  let codebook = doc.root;
  if (doc.root.name === 'Project') {
    // A project.qde also carries a codebook; take it rather than refuse.
    warn(`${fileName} is a whole project; only its codebook was read.`);
    codebook = childNamed(doc.root, 'CodeBook') ?? { name: 'CodeBook', attrs: {}, children: [], text: '' };
  } else if (doc.root.name !== 'CodeBook') {
    throw new ImportError(fileName, 'unsupported', `not a REFI-QDA codebook (root element <${doc.root.name}>)`);
  } else if (doc.namespace !== CODEBOOK_NAMESPACE_1_0) {
    warn(doc.namespace && /^urn:QDA-XML:codebook:/i.test(doc.namespace)
      ? `${fileName} uses the namespace "${doc.namespace}" (another REFI-QDA version); read by element names.`
      : `${fileName} has ${doc.namespace ? `an unknown namespace "${doc.namespace}"` : 'no namespace'}; read by element names.`);
  }
  const sets = childNamed(codebook, 'Sets');
  if (sets && sets.children.length === 0) warn(`${fileName} has an empty <Sets> (not valid REFI-QDA); ignored.`);
  else if (sets) warn(`${fileName} has code sets; Quarry has no code sets, so they were not imported.`);
  const codes = readCodes(childNamed(codebook, 'Codes'), new GuidRegistry(warn), warn);
  if (codes.length === 0) warn(`${fileName} has no codes.`);
  return { themes: importThemes(codes, warn).themes, warnings };
}
