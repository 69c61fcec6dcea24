// Opening Quarry with a REFI-QDA project: a double-clicked .qdpx (macOS sends
// `open-file`; Windows and Linux start Quarry with the path in argv, or hand
// it to the running Quarry as `second-instance`). Each file goes to the same
// import the Exchange dialog uses (interchange.importFile), after the user
// chose where it goes; nothing is imported without that answer.
import nodePath, { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallResult } from './api/contract';
import type { InterchangeImportSummary } from './api/contract-interchange';

export const PROJECT_EXTENSIONS: readonly string[] = ['.qdpx', '.qde'];

export function isProjectFile(path: string): boolean {
  return PROJECT_EXTENSIONS.includes(extname(path).toLowerCase());
}

/**
 * The project files named on a command line. argv[0] is the executable;
 * Chromium adds switches of its own (--original-process-start-time=...), and
 * an unpackaged run adds the script path: only project files are kept.
 * `path` is injectable so tests can check Windows rules too.
 */
export function projectFilesFromArgv(argv: readonly string[], cwd: string, path: typeof nodePath = nodePath): string[] {
  const out: string[] = [];
  for (const raw of argv.slice(1)) {
    // Linux desktop files pass %U: a file manager may hand over file:///home/a/My%20study.qdpx.
    const arg = raw.startsWith('file://') ? fileUrlPath(raw) : /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? null : raw;
    if (!arg || arg.startsWith('-') || !isProjectFile(arg)) continue;
    const file = path.resolve(cwd, arg);
    if (!out.includes(file)) out.push(file);
  }
  return out;
}

function fileUrlPath(url: string): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

/** Runs one file at a time, and none before start(): the window must exist to ask the user. */
export function createOpenQueue(run: (file: string) => Promise<unknown>): { add(files: readonly string[]): void; start(): void; readonly pending: number } {
  const queue: string[] = [];
  let started = false;
  let running = false;
  const pump = async () => {
    if (!started || running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const file = queue.shift()!;
        try {
          await run(file);
        } catch {
          // run() reports its own failures to the user; the next file still gets its turn.
        }
      }
    } finally {
      running = false;
    }
  };
  return {
    add(files) {
      for (const f of files) if (!queue.includes(f)) queue.push(f);
      void pump();
    },
    start() {
      started = true;
      void pump();
    },
    get pending() {
      return queue.length;
    },
  };
}

export type ImportChoice = 'open' | 'new' | 'cancel';

export interface ChoiceDialog {
  type: 'question';
  buttons: string[];
  choices: ImportChoice[];
  defaultId: number;
  cancelId: number;
  noLink: true;
  title: string;
  message: string;
  detail: string;
}

export function chooseTargetDialog(file: string, storePath: string): ChoiceDialog {
  return {
    type: 'question',
    buttons: ['Cancel', 'Add to the open store', 'Import as a new store…'],
    choices: ['cancel', 'open', 'new'],
    defaultId: 1,
    cancelId: 0,
    noLink: true,
    title: 'Open REFI-QDA project',
    message: `Import the project “${basename(file)}”?`,
    detail: `Add it to the open store (${storePath}); a backup is taken first and undoes it. Or import it into a new store file, which then opens.`,
  };
}

/** Where "Import as a new store" proposes to put it: beside the open store, named after the project. */
export function newStoreDefaultPath(storePath: string, file: string): string {
  const stem = basename(file, extname(file)) || 'imported';
  return join(dirname(storePath), `${stem}.sqlite`);
}

export function importSummaryText(s: InterchangeImportSummary): string {
  const part = (n: { added: number; existing: number }, what: string) => `${n.added} ${what} added${n.existing ? ` (${n.existing} already there)` : ''}`;
  const counts = [part(s.articles, 'articles'), part(s.themes, 'themes'), part(s.highlights, 'highlights'), part(s.memos, 'memos')].join(', ');
  const where = s.target === 'new' ? `the new store ${s.storePath}${s.opened ? ', now open' : ''}` : 'the open store';
  const lines = [`“${s.name}” imported into ${where}: ${counts}.`];
  if (s.warnings.length) lines.push('', `Warnings (${s.warnings.length}):`, ...s.warnings.slice(0, 10).map((w) => `• ${w}`));
  if (s.notCarried.length) lines.push('', `Not carried over: ${s.notCarried.join(', ')}.`);
  if (s.backupPath) lines.push('', `To undo, restore the backup ${s.backupPath} (Store > Backups).`);
  return lines.join('\n');
}

export interface ImportFileInput {
  name: string;
  path: string;
  target: 'open' | 'new';
  newStorePath?: string;
}

export interface OpenProjectDeps {
  choose(file: string): Promise<ImportChoice>;
  /** The new store file (a save dialog); null when the user cancels. */
  newStorePath(file: string): Promise<string | null>;
  call(name: 'interchange.importFile', input: ImportFileInput): Promise<CallResult<unknown>>;
  done(summary: InterchangeImportSummary): unknown;
  failed(message: string): unknown;
}

export type OpenOutcome = { status: 'imported'; summary: InterchangeImportSummary } | { status: 'cancelled' } | { status: 'failed'; message: string };

export async function openProjectFile(deps: OpenProjectDeps, file: string): Promise<OpenOutcome> {
  const choice = await deps.choose(file);
  if (choice === 'cancel') return { status: 'cancelled' };
  const input: ImportFileInput = { name: basename(file), path: file, target: choice };
  if (choice === 'new') {
    const target = await deps.newStorePath(file);
    if (!target) return { status: 'cancelled' };
    input.newStorePath = target;
  }
  const r = await deps.call('interchange.importFile', input);
  if (!r.ok) {
    const message = `Quarry could not import ${basename(file)}: ${r.error.message}`;
    await deps.failed(message);
    return { status: 'failed', message };
  }
  const summary = r.value as InterchangeImportSummary;
  await deps.done(summary);
  return { status: 'imported', summary };
}
