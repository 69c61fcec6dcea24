// Vitest global setup: builds the Node-side bundles (dist/node) once, because the
// import worker and the CLI tests run the same compiled files the app ships.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (!existsSync('scripts/build-node.mjs')) return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
