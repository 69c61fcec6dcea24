// One GUID per exported element, unique across the whole file. REFI requires
// unique GUIDs (a rule the XSD cannot check), and references must use the same
// value as the element, so every writer looks GUIDs up here.
import { derivedGuid, exportGuid } from './guid';

export type GuidKind = 'theme' | 'article' | 'highlight' | 'memo';

export class ExportGuids {
  private readonly used = new Set<string>();
  private readonly byEntity = new Map<string, string>();

  constructor(private readonly onDuplicate: (message: string) => void) {}

  /** Registers an entity; a clash gets a stable derived GUID instead. */
  assign(kind: GuidKind, id: number, uid: string): string {
    let guid = exportGuid(uid);
    if (this.used.has(guid)) {
      this.onDuplicate(`The ${kind} uid ${uid} is used twice; the second one was written with a new GUID.`);
      guid = exportGuid(derivedGuid('duplicate', kind, String(id), uid));
    }
    this.used.add(guid);
    this.byEntity.set(`${kind}:${id}`, guid);
    return guid;
  }

  get(kind: GuidKind, id: number): string {
    const guid = this.byEntity.get(`${kind}:${id}`);
    if (!guid) throw new Error(`ExportGuids: no GUID assigned to ${kind} ${id}`);
    return guid;
  }

  has(kind: GuidKind, id: number): boolean {
    return this.byEntity.has(`${kind}:${id}`);
  }
}
