// `quarry export memo <id|title> --format md|docx|html --out FILE` (issue 5).
import type { Context } from '../api/context';
import type { CliIO } from '../cli';

export async function exportMemoCommand(_ctx: Context, _args: string[], _opts: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  io.err('quarry export memo: not available yet');
  return 1;
}
