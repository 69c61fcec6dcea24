// Test-only: validate XML files against the REFI-QDA schemas with xmllint.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFI_SCHEMA_DIR } from './snapshot-fixture';

export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/** Runs xmllint --schema; returns its report. Throws when xmllint is missing. */
export function validateWithXsd(xml: string, schemaFile: 'Project-mrt2019.xsd' | 'Codebook-mrt2019.xsd', fileName = 'project.qde') {
  if (!xmllintAvailable()) {
    throw new Error('xmllint is not installed: install libxml2-utils (apt-get install libxml2-utils) to validate REFI-QDA exports');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quarry-refi-'));
  const file = path.join(dir, fileName);
  writeFileSync(file, xml, 'utf8');
  const run = spawnSync('xmllint', ['--noout', '--schema', path.join(REFI_SCHEMA_DIR, schemaFile), file], { encoding: 'utf8' });
  return { ok: run.status === 0, status: run.status, report: `${run.stdout}${run.stderr}`.trim(), file };
}

