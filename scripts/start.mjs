// `npm start`: Quarry in Electron when its runtime is installed; otherwise one
// clear line and the browser host (offline machines cannot download Electron).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  const p = require('electron'); // the package exports the binary's path, or throws when it was never downloaded
  if (typeof p === 'string' && existsSync(p)) electronBinary = p;
} catch {
  electronBinary = null;
}

const passthrough = process.argv.slice(2);
if (electronBinary) {
  const child = spawn(electronBinary, ['dist/node/main.mjs', ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const child = spawn(process.execPath, ['dist/node/web.mjs', '--open', '--reason', 'Electron runtime not installed', ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
