// Issue 9 figures: time and peak memory of `quarry import` for one very long
// text, and how fast the ceilings refuse what is too long. Each scenario runs
// in its own Node process (this file, re-run with `scenario`), so each peak
// RSS (process.resourceUsage().maxRSS, workers included) is its own.
//   - long text:  a 40 MB generated article (under the 50M-character ceiling), imported;
//   - 200 MB text with --max-size 250: refused from its size, before a byte is read;
//   - 60 MB text with --max-size 250: read, decoded, refused at the character ceiling.
// Measured on the 2-core development machine. Before the ceilings (commit
// 56e1e4f): the 40 MB text 6.1 s and 922 MB; the 60 MB text imported in
// 10.4 s and 1,098 MB; a real 200 MB text (not sparse) imported in 39 s and
// 3.65 GB (/usr/bin/time -v). After: 3.4 s and 633 MB; refused in 0.63 s and
// 373 MB; refused in 0.02 s and 165 MB.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runCli } from '../electron/cli';
import { article, rng, round, tempDir, vocabulary } from './util';

if (process.argv[2] === 'scenario') {
  const [, , , store, ...args] = process.argv;
  const t = performance.now();
  const lines: string[] = [];
  const code = await runCli(['--store', store, 'import', ...args, '--json'], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  const seconds = (performance.now() - t) / 1000;
  const summary = JSON.parse(lines.join('\n')) as { imported: number; results: { message?: string }[] };
  console.log(JSON.stringify({ code, seconds: round(seconds, 2), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), imported: summary.imported, message: summary.results[0]?.message?.slice(0, 160) ?? null }));
  process.exit(0);
}

const dir = tempDir('import-memory');
const self = fileURLToPath(import.meta.url);
const scenario = (name: string, ...args: string[]) => {
  const out = execFileSync(process.execPath, [self, 'scenario', join(dir, `${name}.sqlite`), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as { code: number; seconds: number; peakRssMb: number; imported: number; message: string | null };
};

/** Writes about `bytes` of generated prose without holding it all as one string. */
function writeText(file: string, bytes: number, seed: number): number {
  const r = rng(seed);
  const vocab = vocabulary(5_000, seed); // at most ~8,400 distinct words can be made from the syllables
  const fd = openSync(file, 'w');
  let written = 0;
  for (let n = 0; written < bytes; n++) {
    const chunk = article(r, vocab, Math.min(1_000_000, bytes - written), n) + '\n\n';
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
  return written;
}

const longFile = join(dir, 'long.txt');
const longBytes = writeText(longFile, 40_000_000, 11);
const long = scenario('long', longFile);
if (long.code !== 0 || long.imported !== 1) throw new Error(`the long text was not imported: ${long.message}`);
rmSync(longFile);

const hugeFile = join(dir, 'huge.txt');
closeSync(openSync(hugeFile, 'w'));
truncateSync(hugeFile, 200_000_000); // sparse: refused from its size, so its content never matters
const huge = scenario('huge', hugeFile, '--max-size', '250');

const overFile = join(dir, 'over.txt');
writeText(overFile, 60_000_000, 12);
const over = scenario('over', overFile, '--max-size', '250');
rmSync(overFile);

console.log(
  JSON.stringify({
    long_text_mb: round(longBytes / 1e6, 1),
    long_text_seconds: long.seconds,
    long_text_peak_rss_mb: long.peakRssMb,
    refuse_200mb_seconds: huge.seconds,
    refuse_200mb_peak_rss_mb: huge.peakRssMb,
    refuse_200mb_message: huge.message,
    refuse_60mb_over_ceiling_seconds: over.seconds,
    refuse_60mb_over_ceiling_peak_rss_mb: over.peakRssMb,
    refuse_60mb_message: over.message,
  }),
);
