// Reads nested <Code> elements; shared by project.qde and .qdc import.
import { type GuidRegistry, refTarget } from './guid-registry';
import type { RefiCode } from './qde-model';
import { childNamed, childrenNamed, type XmlNode } from './xml-read';

/** isCodable may be true/false/1/0 (xsd:boolean); anything else is read as true, with a warning. */
export function readCodes(codesNode: XmlNode | undefined, guids: GuidRegistry, warn: (m: string) => void): RefiCode[] {
  const readCode = (node: XmlNode): RefiCode => {
    const name = node.attrs.name?.trim() || 'Untitled theme';
    if (!node.attrs.name?.trim()) warn('A code has no name; called it "Untitled theme".');
    const codable = node.attrs.isCodable;
    if (codable === undefined) warn(`Code "${name}" has no isCodable attribute (required by REFI-QDA).`);
    else if (!['true', 'false', '1', '0'].includes(codable.trim())) {
      warn(`Code "${name}" has isCodable="${codable}", which is not a boolean; read as true.`);
    }
    return {
      guid: guids.claim(node.attrs.guid, `Code "${name}"`),
      name,
      color: node.attrs.color ?? null,
      description: childNamed(node, 'Description')?.text ?? '',
      noteRefs: childrenNamed(node, 'NoteRef')
        .map((r) => refTarget(r.attrs.targetGUID, `A NoteRef in code "${name}"`, warn))
        .filter((g): g is string => !!g),
      children: childrenNamed(node, 'Code').map(readCode),
    };
  };
  return childrenNamed(codesNode, 'Code').map(readCode);
}
