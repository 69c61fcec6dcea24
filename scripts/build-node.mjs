// Bundles the Node side (Electron main, preload, CLI, browser host, import
// worker) into dist/node with esbuild. npm packages stay external (native
// better-sqlite3, jsdom, pdfjs...); our own TypeScript is compiled in.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync('dist/node', { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  loader: { '.sql': 'text' },
  logLevel: 'warning',
};
await build({
  ...common,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  outdir: 'dist/node',
  entryNames: '[name]',
  entryPoints: {
    main: 'electron/main.ts',
    cli: 'electron/cli.ts',
    web: 'electron/web.ts',
    'import-worker': 'electron/import/worker.ts',
  },
  external: ['electron'],
});
// Sandboxed preload scripts must be CommonJS.
await build({ ...common, format: 'cjs', outfile: 'dist/node/preload.cjs', entryPoints: ['electron/preload.ts'], external: ['electron'] });
