// `npm run bench`: builds each bench/*.bench.ts with esbuild and runs it in its
// own Node process (fresh heap, honest peak-memory figures). Each bench prints
// one JSON object on its last stdout line; this prints them all as one JSON.
// Usage: npm run bench [-- name-filter]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const entries = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
await build({
  entryPoints: entries.map((f) => `bench/${f}`),
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  loader: { '.sql': 'text' },
  logLevel: 'warning',
});
const results = {};
for (const f of entries) {
  const name = f.replace('.bench.ts', '');
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', `dist/bench/${name}.bench.mjs`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    const last = out.trim().split('\n').pop();
    results[name] = JSON.parse(last);
  } catch (err) {
    results[name] = { error: String(err.message ?? err).slice(0, 500) };
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
