// The repository root, for helpers that read fixtures (and for benches that
// bundle them into dist/bench, which is as deep as test/helpers).
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
