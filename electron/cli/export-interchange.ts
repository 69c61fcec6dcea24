// `quarry export excerpts|codebook|project ...` and `quarry restore BACKUP`
// (issue 6), through the same contract methods as the app. The backend writes
// the file itself (atomically), so nothing large crosses as base64.
// `quarry import FILE.qdpx|FILE.qdc` goes through `articles.importPaths`,
// which routes those files to the interchange importer.
import { resolve } from 'node:path';
import type { Context } from '../api/context';
import { CODEBOOK_FORMATS, EXCERPT_FORMATS, type ExportResult } from '../api/contract-interchange';
import { dispatch } from '../api/dispatch';
import type { CliIO } from './io';
import { PATH_SEPARATOR } from '../refi/codebook';
import { liveThemes } from '../../db/themes';
import { buildThemeTree, walkThemeTree } from '../../core/codebook/tree';

type Opts = Record<string, string | boolean | string[] | undefined>;

const str = (v: Opts[string]) => (typeof v === 'string' ? v : undefined);
const list = (v: Opts[string]) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

function fail(io: CliIO, message: string, code = 2): number {
  io.err(`quarry: ${message}`);
  return code;
}

/**
 * Theme names as the user types them: a path "Parent > Child", or a plain name
 * when it is unique in the codebook. Case-insensitive.
 */
export function resolveThemeNames(ctx: Context, names: string[]): { ids: number[] } | { error: string } {
  const nodes = [...walkThemeTree(buildThemeTree(liveThemes(ctx.store.db)))];
  const ids: number[] = [];
  for (const raw of names) {
    const wanted = raw.split('>').map((p) => p.trim().toLowerCase()).filter(Boolean);
    const matches = nodes.filter((n) =>
      wanted.length > 1 ? n.path.length === wanted.length && n.path.every((p, i) => p.toLowerCase() === wanted[i]) : n.theme.name.toLowerCase() === wanted[0],
    );
    if (matches.length === 0) return { error: `no theme "${raw}" in the codebook. Themes: ${nodes.slice(0, 20).map((n) => `"${n.path.join(PATH_SEPARATOR)}"`).join(', ')}${nodes.length > 20 ? ', …' : ''}` };
    if (matches.length > 1) return { error: `"${raw}" names several themes; give the path: ${matches.map((n) => `"${n.path.join(PATH_SEPARATOR)}"`).join(', ')}` };
    ids.push(matches[0].theme.id);
  }
  return { ids };
}

async function exportTo(ctx: Context, method: 'exports.excerpts' | 'exports.codebook' | 'exports.project', input: Record<string, unknown>, opts: Opts, io: CliIO, what: string): Promise<number> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) {
    io.err(opts.json ? JSON.stringify(r.error) : `quarry export: ${r.error.message}`);
    return 1;
  }
  const v = r.value as ExportResult;
  if (opts.json) io.out(JSON.stringify(v, null, 2));
  else {
    io.out(`Wrote ${v.count} ${what} to ${v.path} (${v.bytes} bytes).`);
    for (const w of v.warnings) io.out(`  warning: ${w}`);
  }
  return 0;
}

export async function exportInterchangeCommand(ctx: Context, kind: string, args: string[], opts: Opts, io: CliIO): Promise<number> {
  if (kind === 'restore') {
    const backup = args[0];
    if (!backup) return fail(io, 'restore needs a backup file: quarry restore BACKUP (list them with: quarry call store.backups)');
    const r = await dispatch(ctx, 'store.restore', { backupPath: resolve(backup) });
    if (!r.ok) {
      io.err(opts.json ? JSON.stringify(r.error) : `quarry restore: ${r.error.message}`);
      return 1;
    }
    const v = r.value as { storePath: string; restoredFrom: string; undoBackup: { path: string } };
    if (opts.json) io.out(JSON.stringify(v, null, 2));
    else {
      io.out(`Restored ${v.storePath} from ${v.restoredFrom}.`);
      io.out(`The state before the restore was saved to ${v.undoBackup.path}; to undo: quarry --store ${v.storePath} restore ${v.undoBackup.path}`);
    }
    return 0;
  }

  const out = str(opts.out);
  const format = str(opts.format);
  if (args.length) return fail(io, `export ${kind}: unexpected argument "${args[0]}"`);
  if (!out) return fail(io, `export ${kind} needs --out FILE`);

  if (kind === 'excerpts') {
    if (!format || !(EXCERPT_FORMATS as readonly string[]).includes(format)) return fail(io, `export excerpts needs --format ${EXCERPT_FORMATS.join('|')}${format ? ` (got "${format}")` : ''}`);
    const themes = resolveThemeNames(ctx, list(opts.theme));
    if ('error' in themes) return fail(io, `export excerpts: ${themes.error}`, 1);
    const articleIds: number[] = [];
    for (const a of list(opts.article)) {
      const n = Number(a);
      if (!Number.isInteger(n) || n <= 0) return fail(io, `--article takes an article id (see quarry list), not "${a}"`);
      articleIds.push(n);
    }
    const input = {
      format,
      outPath: resolve(out),
      ...(themes.ids.length ? { themeIds: themes.ids } : {}),
      ...(articleIds.length ? { articleIds } : {}),
      ...(str(opts.source) ? { source: str(opts.source) } : {}),
      ...(str(opts.from) ? { from: str(opts.from) } : {}),
      ...(str(opts.to) ? { to: str(opts.to) } : {}),
    };
    return exportTo(ctx, 'exports.excerpts', input, opts, io, 'excerpts');
  }
  if (kind === 'codebook') {
    if (!format || !(CODEBOOK_FORMATS as readonly string[]).includes(format)) return fail(io, `export codebook needs --format ${CODEBOOK_FORMATS.join('|')}${format ? ` (got "${format}")` : ''}`);
    return exportTo(ctx, 'exports.codebook', { format, outPath: resolve(out) }, opts, io, 'themes');
  }
  if (kind === 'project') {
    if (format && format !== 'qdpx') return fail(io, `export project writes REFI-QDA only: --format qdpx (got "${format}")`);
    return exportTo(ctx, 'exports.project', { format: 'qdpx', outPath: resolve(out) }, opts, io, 'articles');
  }
  return fail(io, `export what? quarry export memo|excerpts|codebook|project (got "${kind}")`);
}
