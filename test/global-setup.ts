// Vitest global setup: builds the Node-side bundles (dist/node) once, because the
// import worker and the CLI tests run the same compiled files the app ships.
// It also says once, at the top of the run, which extra test sets are skipped
// because ../shared (or $QUARRY_REFI_XSD) is missing: see test/helpers/shared.ts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingReason, type SharedResource } from './helpers/shared';

const EXTRA_SETS: Record<SharedResource, string> = {
  corpus: 'the tests on the five real articles',
  'refi-xsd': 'REFI-QDA schema validation',
};

export default function setup(): void {
  for (const [what, set] of Object.entries(EXTRA_SETS) as [SharedResource, string][]) {
    const reason = missingReason(what);
    if (reason) process.stdout.write(`Skipping ${set}: ${reason}.\n`);
  }
  if (!existsSync('scripts/build-node.mjs')) return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
