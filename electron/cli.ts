// `quarry`: the same handlers as the app, from a terminal.
import { fromSqliteError } from '../db/errors';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Context } from './api/context';
import type { ImportSummary } from './api/contract';
import { dispatch } from './api/dispatch';
import { closeContext, createContext } from './app-context';
import { defaultStorePath } from './paths';
import type { CliIO } from './cli/io';

const USAGE = `Usage: quarry [--store FILE] <command> [options]

Commands:
  import PATH...            import files or folders (txt, md, html, docx, pdf, epub, csv, jsonl)
        [--clean] [--max-size MB] [--json]
  list [--json]             list the articles in the library
  search QUERY [--json]     full-text search
  call METHOD [JSON]        run any contract method; prints its result as JSON
  backup OUT                write a consistent copy of the store to OUT
  restore BACKUP            replace the store with a backup (the current state is saved first)
  export memo <id|title> --format md|docx|html --out FILE
  export excerpts --format csv|xlsx|md|docx|json --out FILE [--theme NAME]... [--article ID]... [--source S] [--from DATE] [--to DATE]
  export codebook --format qdc|csv|md --out FILE
  export project --format qdpx --out FILE
  doctor                    check the store (integrity, search index, highlight anchors)
  serve [--port N]          start the browser host and print its URL

Options:
  --store FILE   the store to use (default: ${defaultStorePath()})
  --json         machine-readable output
  -h, --help     this help`;

export type { CliIO };

// `quarry list | head -1`: when the reader goes away, writes fail with EPIPE.
// That is not Quarry's fault and loses nothing (every command has finished
// its work before it prints), so later output is dropped and the command ends
// with its own status: 0 rather than the shell's 141, which would fail
// `set -o pipefail` scripts for no fault of theirs.
const gone = new Set<NodeJS.WriteStream>();
const watched = new Set<NodeJS.WriteStream>();
function writeLine(stream: NodeJS.WriteStream, s: string): void {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
      gone.add(stream);
    });
  }
  if (!gone.has(stream)) stream.write(s + '\n');
}

const stdio: CliIO = { out: (s) => writeLine(process.stdout, s), err: (s) => writeLine(process.stderr, s) };

export async function runCli(argv: string[], io: CliIO = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        store: { type: 'string' },
        json: { type: 'boolean', default: false },
        clean: { type: 'boolean', default: false },
        format: { type: 'string' },
        out: { type: 'string' },
        theme: { type: 'string', multiple: true },
        article: { type: 'string', multiple: true },
        source: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'max-size': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`quarry: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, ...args] = positionals;
  if (v.help || !command) {
    (v.help ? io.out : io.err)(USAGE);
    return v.help ? 0 : 2;
  }
  const storePath = resolve(v.store ?? defaultStorePath());
  let ctx: Context;
  try {
    ctx = await createContext(storePath, 'cli');
  } catch (err) {
    io.err(`quarry: ${(err as Error).message}`);
    return 1;
  }
  let keepOpen = false;
  try {
    switch (command) {
      case 'import':
        return await importCommand(ctx, args, v, io);
      case 'list':
        return await listCommand(ctx, v.json, io);
      case 'search':
        return await searchCommand(ctx, args.join(' '), v.json, io);
      case 'call':
        return await callCommand(ctx, args, io);
      case 'backup': {
        if (!args[0]) return usageError(io, 'backup needs an output file: quarry backup OUT');
        return await printResult(ctx, 'store.backup', { path: resolve(args[0]) }, io, (r) => `Backed up ${storePath} to ${(r as { path: string }).path}`);
      }
      case 'doctor':
        return await doctorCommand(ctx, v.json, io);
      case 'export': {
        const [kind, ...rest] = args;
        if (kind === 'memo') return await (await import('./cli/export-memo')).exportMemoCommand(ctx, rest, v, io);
        if (kind === 'excerpts' || kind === 'codebook' || kind === 'project' || kind === 'restore')
          return await (await import('./cli/export-interchange')).exportInterchangeCommand(ctx, kind, rest, v, io);
        return usageError(io, `export what? quarry export memo|excerpts|codebook|project (got "${kind ?? ''}")`);
      }
      case 'restore':
        return await (await import('./cli/export-interchange')).exportInterchangeCommand(ctx, 'restore', args, v, io);
      case 'serve': {
        const { serveWithLogin } = await import('./web');
        const port = v.port ? Number(v.port) : 0;
        if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(io, `--port must be a number between 0 and 65535, not "${v.port}"`);
        const s = await serveWithLogin(ctx, { port, write: (line) => io.out(line) });
        io.out(`Quarry is running at ${s.newLoginUrl()} (the link works once, for 2 minutes; Quarry prints a fresh one when it is needed)`);
        io.out(`Store: ${storePath}. Press Ctrl+C to stop.`);
        keepOpen = true;
        const stop = () => void s.close().then(() => closeContext(ctx)).then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return 0;
      }
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (err) {
    // A fault a command did not word itself (a damaged page read mid-import, a
    // full disk): one line with the reason and the way out, never a stack.
    const mapped = fromSqliteError(err, storePath, `quarry ${command}`);
    io.err(`quarry: ${mapped instanceof Error ? mapped.message : String(mapped)}`);
    return 1;
  } finally {
    if (!keepOpen) {
      try {
        await closeContext(ctx);
      } catch (err) {
        io.err(`quarry: closing ${storePath} failed (${(err as Error).message}); what was saved before is safe.`);
      }
    }
  }
}

function usageError(io: CliIO, message: string): number {
  io.err(`quarry: ${message}\n\n${USAGE}`);
  return 2;
}

async function printResult(ctx: Context, method: string, input: unknown, io: CliIO, human?: (v: unknown) => string): Promise<number> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) {
    io.err(JSON.stringify(r.error));
    return 1;
  }
  io.out(human ? human(r.value) : JSON.stringify(r.value, null, 2));
  return 0;
}

async function callCommand(ctx: Context, args: string[], io: CliIO): Promise<number> {
  const [method, json] = args;
  if (!method) return usageError(io, 'call needs a method name, e.g. quarry call articles.list');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      io.err(JSON.stringify({ code: 'invalid-input', message: `${method}: the input is not valid JSON: ${json}` }));
      return 1;
    }
  }
  return printResult(ctx, method, input, io);
}

async function importCommand(ctx: Context, paths: string[], v: { json?: boolean; clean?: boolean; 'max-size'?: string }, io: CliIO): Promise<number> {
  if (paths.length === 0) return usageError(io, 'import needs at least one file or folder');
  let maxBytes: number | undefined;
  if (v['max-size'] !== undefined) {
    const mb = Number(v['max-size']);
    if (!(mb > 0)) return usageError(io, `--max-size is in MB and must be positive, not "${v['max-size']}"`);
    maxBytes = Math.round(mb * 1024 * 1024);
  }
  const r = await dispatch(ctx, 'articles.importPaths', { paths: paths.map((p) => resolve(p)), clean: v.clean, maxBytes });
  if (!r.ok) {
    io.err(v.json ? JSON.stringify(r.error) : `quarry import: ${r.error.message}`);
    return 1;
  }
  const s = r.value as ImportSummary;
  if (v.json) io.out(JSON.stringify(s, null, 2));
  else {
    for (const x of s.results) {
      const what =
        x.status === 'imported'
          ? `imported "${x.title}"${x.similarTo ? ` (similar to "${x.similarTo.title}", ${Math.round(x.similarTo.similarity * 100)}%)` : ''}`
          : x.status === 'updated'
            ? x.message
            : x.status === 'duplicate'
            ? `duplicate of "${x.duplicateOf?.title}" (article ${x.duplicateOf?.id}), not imported`
            : `skipped: ${x.message}`;
      io.out(`${x.file}: ${what}`);
      for (const w of x.warnings ?? []) io.out(`  warning: ${w}`);
    }
    io.out(`${s.imported} imported, ${s.updated ? `${s.updated} updated, ` : ''}${s.duplicates} duplicates, ${s.skipped} skipped${s.cancelled ? ' (cancelled)' : ''}.`);
  }
  return s.skipped > 0 ? 1 : 0;
}

async function listCommand(ctx: Context, json: boolean | undefined, io: CliIO): Promise<number> {
  const r = await dispatch(ctx, 'articles.list', {});
  if (!r.ok) return (io.err(JSON.stringify(r.error)), 1);
  const rows = r.value as { id: number; title: string; source: string | null; publishedAt: string | null; wordCount: number; highlightCount: number }[];
  if (json) io.out(JSON.stringify(rows, null, 2));
  else {
    for (const a of rows) io.out(`${String(a.id).padStart(5)}  ${a.title}${a.source ? ` · ${a.source}` : ''}${a.publishedAt ? ` · ${a.publishedAt}` : ''} · ${a.wordCount} words · ${a.highlightCount} highlights`);
    io.out(`${rows.length} articles.`);
  }
  return 0;
}

async function searchCommand(ctx: Context, query: string, json: boolean | undefined, io: CliIO): Promise<number> {
  if (!query.trim()) return usageError(io, 'search needs a query');
  const r = await dispatch(ctx, 'search.query', { query });
  if (!r.ok) return (io.err(JSON.stringify(r.error)), 1);
  const hits = r.value as { articleId: number; title: string; snippet: string }[];
  if (json) io.out(JSON.stringify(hits, null, 2));
  else {
    // eslint-disable-next-line no-control-regex -- \u0001/\u0002 are the snippet's match markers (db/search.ts)
    for (const h of hits) io.out(`${String(h.articleId).padStart(5)}  ${h.title}\n       ${h.snippet.replace(/\u0001/g, '[').replace(/\u0002/g, ']').replace(/\s+/g, ' ')}`);
    io.out(`${hits.length} matches.`);
  }
  return 0;
}

async function doctorCommand(ctx: Context, json: boolean | undefined, io: CliIO): Promise<number> {
  const r = await dispatch(ctx, 'store.doctor', {});
  if (!r.ok) return (io.err(JSON.stringify(r.error)), 1);
  const rep = r.value as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[]; advice?: string };
  if (json) io.out(JSON.stringify(rep, null, 2));
  else {
    for (const c of rep.checks) io.out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}${c.ok ? '' : `: ${c.detail}`}`);
    io.out(rep.ok ? 'The store is healthy.' : 'Problems found.');
    if (rep.advice) io.out(rep.advice);
  }
  return rep.ok ? 0 : 1;
}
