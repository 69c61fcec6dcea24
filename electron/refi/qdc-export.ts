// Writing the codebook (<Codes>) for project.qde and for stand-alone .qdc files.
// The two schemas declare the same Code element in different namespaces.
import type { Theme } from '../../db/types';
import { exportColor } from './colors';
import { ExportGuids } from './export-guids';
import { buildThemeTree, walkThemeTree, type ThemeNode } from '../../core/codebook/tree';
import { XmlWriter } from './xml-writer';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/**
 * Every Quarry theme can tag passages, so every code is isCodable="true"
 * (as NVivo, MAXQDA and ATLAS.ti write parents too; NOTES.md §10.12).
 * XSD order inside Code: Description, NoteRef*, Code*.
 */
export function writeCodes(xml: XmlWriter, nodes: readonly ThemeNode<Theme>[], guidOf: (theme: Theme) => string): void {
  for (const node of nodes) {
    const { theme } = node;
    const attrs = {
      guid: guidOf(theme),
      name: theme.name,
      isCodable: 'true',
      color: exportColor(theme.color),
    };
    if (!theme.description && node.children.length === 0) {
      xml.empty('Code', attrs);
      continue;
    }
    xml.open('Code', attrs);
    if (theme.description) xml.text('Description', theme.description);
    writeCodes(xml, node.children, guidOf);
    xml.close('Code');
  }
}

/** A REFI-QDA codebook (.qdc) for the live themes. */
export function exportQdc(themes: readonly Theme[], origin = 'Quarry'): string {
  const tree = buildThemeTree(themes);
  const guids = new ExportGuids(() => undefined);
  for (const node of walkThemeTree(tree)) guids.assign('theme', node.theme.id, node.theme.uid);
  // <Codes> must hold at least one <Code>: an empty codebook has no valid form.
  if (tree.length === 0) throw new Error('Cannot export an empty codebook: REFI-QDA needs at least one theme.');
  const xml = new XmlWriter();
  xml.open('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin });
  xml.open('Codes');
  writeCodes(xml, tree, (t) => guids.get('theme', t.id));
  xml.close('Codes');
  xml.close('CodeBook');
  return xml.toString();
}
