// Validates XML against the REFI-QDA schemas with libxml2 compiled to WebAssembly
// (xmllint-wasm): no system binary, the same checker and messages as xmllint.
// The schemas are the standard's files, not the project's: they are read from
// where test/helpers/shared.ts finds them, and callers gate their tests with
// describeIfShared('refi-xsd', ...) so a clone without them reports the skip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { refiSchemaDir, type RefiSchemaFile } from './shared';

export interface XsdResult {
  ok: boolean;
  /** xmllint's own report: "<fileName> validates", or the errors then "<fileName> fails to validate". */
  report: string;
}

/** Validates `xml` (as `fileName`) against one REFI-QDA schema. Throws when the schemas are not available. */
export async function validateWithXsd(xml: string, schemaFile: RefiSchemaFile, fileName = 'project.qde'): Promise<XsdResult> {
  const dir = refiSchemaDir();
  if (!dir) throw new Error('validateWithXsd: the REFI-QDA schemas are not available; gate the test with describeIfShared("refi-xsd", ...)');
  const schema = readFileSync(path.join(dir, schemaFile), 'utf8');
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [{ fileName: schemaFile, contents: schema }] });
  return { ok: result.valid, report: result.rawOutput.trim() };
}
