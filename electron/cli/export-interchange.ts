// `quarry export excerpts|codebook|project ...`, `quarry import FILE.qdpx|.qdc`, `quarry restore` (issue 6).
import type { Context } from '../api/context';
import type { CliIO } from '../cli';

export async function exportInterchangeCommand(_ctx: Context, kind: string, _args: string[], _opts: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  io.err(`quarry export ${kind}: not available yet`);
  return 1;
}
