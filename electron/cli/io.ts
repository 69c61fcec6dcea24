// Where a CLI command writes: stdout/stderr in use, arrays in tests. Its own
// module so the command files need nothing from cli.ts, which imports them.
export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}
