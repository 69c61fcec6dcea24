// REFI-QDA project export (.qdpx): project.qde at the root plus one UTF-8 text
// file per article under sources/ (NOTES.md §11 "Export").
import { buildProjectQde, type QdpxExportOptions } from '../refi/qde-write';
import type { ProjectSnapshot } from '../refi/snapshot';
import { buildZip } from '../refi/zip-write';

export type { QdpxExportOptions } from '../refi/qde-write';
export { exportQdc } from '../refi/qdc-export';

export async function exportQdpx(snapshot: ProjectSnapshot, options: QdpxExportOptions): Promise<Buffer> {
  const { xml, files } = buildProjectQde(snapshot, options);
  // Sources are written byte-for-byte from article.body (no BOM): the offsets
  // in project.qde count code points over exactly this text.
  return buildZip([{ path: 'project.qde', data: xml }, ...files.map((f) => ({ path: f.path, data: f.text }))]);
}
