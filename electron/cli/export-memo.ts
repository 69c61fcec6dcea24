// `quarry export memo <id|title> --format md|docx|html --out FILE` (issue 5).
//
// - <id|title>: a memo id, or its title (case-insensitive, surrounding spaces ignored;
//   several words may be given unquoted). A title shared by several memos is refused
//   with exit 2 and the ids to choose from.
// - Broken citations are printed as warnings; the export still succeeds (exit 0),
//   with a visible marker at each one in the file.
// - The file is written to a temporary file in the same folder and renamed into
//   place, so an unwritable folder or a full disk never leaves a half-written file.
import { resolve } from 'node:path';
import { writeFileAtomicSync } from '../../db/atomic-write';
import type { Memo } from '../../db/types';
import type { Context } from '../api/context';
import type { MemoExportResult } from '../api/contract-memos';
import { dispatch } from '../api/dispatch';
import type { CliIO } from './io';

const FORMATS = ['md', 'docx', 'html'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = 'quarry export memo <id|title> --format md|docx|html --out FILE';

type Found = { memo: Memo } | { error: string; code: number };

async function findMemo(ctx: Context, ref: string): Promise<Found> {
  const r = await dispatch(ctx, 'memos.list', {});
  if (!r.ok) return { error: r.error.message, code: 1 };
  const memos = r.value as Memo[];
  if (/^\d+$/.test(ref)) {
    const byId = await dispatch(ctx, 'memos.get', { id: Number(ref) });
    if (byId.ok) return { memo: byId.value as Memo };
  }
  const want = ref.trim().toLocaleLowerCase();
  const matches = memos.filter((m) => m.title.trim().toLocaleLowerCase() === want);
  if (matches.length === 1) return { memo: matches[0] };
  if (matches.length > 1) {
    const list = matches.map((m) => `  ${m.id}  ${m.title}  (updated ${m.updatedAt})`).join('\n');
    return { error: `${matches.length} memos are titled "${ref}"; give the id of the one to export:\n${list}`, code: 2 };
  }
  return { error: `no memo with the id or title "${ref}" (quarry call memos.list lists them)`, code: 1 };
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    default:
      return e.message ?? String(err);
  }
}

export async function exportMemoCommand(ctx: Context, args: string[], opts: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  const ref = args.join(' ').trim();
  const format = opts.format;
  const outOpt = opts.out;
  if (!ref) return usage(io, 'which memo? give its id or title');
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
    return usage(io, `--format must be md, docx or html${typeof format === 'string' ? ` (got "${format}")` : ''}`);
  }
  if (typeof outOpt !== 'string' || !outOpt.trim()) return usage(io, '--out FILE is required');
  const out = resolve(outOpt);

  const found = await findMemo(ctx, ref);
  if ('error' in found) {
    io.err(`quarry export memo: ${found.error}`);
    return found.code;
  }
  const r = await dispatch(ctx, 'memos.export', { memoId: found.memo.id, format: format as Format });
  if (!r.ok) {
    io.err(`quarry export memo: ${r.error.message}`);
    return 1;
  }
  const result = r.value as MemoExportResult;
  try {
    writeFileAtomicSync(out, Buffer.from(result.base64, 'base64'));
  } catch (err) {
    io.err(`quarry export memo: cannot write ${out}: ${describeFsError(err)}. Nothing was written.`);
    return 1;
  }
  for (const w of result.warnings) io.err(`warning: ${w.message}`);
  const broken = result.warnings.length;
  io.out(
    `Exported "${found.memo.title}" (memo ${found.memo.id}) to ${out} (${result.bytes} bytes)` +
      (broken ? `, with ${broken} broken citation${broken === 1 ? '' : 's'} marked in the file.` : '.'),
  );
  return 0;
}

function usage(io: CliIO, message: string): number {
  io.err(`quarry export memo: ${message}\nUsage: ${USAGE}`);
  return 2;
}
