// The import boundaries of eslint.config.js, proven both ways: each wrong-way
// arrow is reported, each allowed one is not. The samples are linted as text
// under a path inside each folder (nothing is written to disk).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary messages ESLint gives for `code` placed at `file` (other rules are not this test's business). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `the sample for ${file} must parse`).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const wrongWay: [arrow: string, file: string, code: string, says: RegExp][] = [
  ['core -> db', 'core/memo/sample.ts', `import { openStore } from '../../db/store';\nexport const o = openStore;`, /core\/ may not import from db/],
  ['core -> electron (even a type)', 'core/sample.ts', `import type { Context } from '../electron/api/context';\nexport type C = Context;`, /core\/ may not import/],
  ['core -> renderer', 'core/codebook/sample.ts', `import { formatBytes } from '../../renderer/lib/files';\nexport const f = formatBytes;`, /core\/ may not import/],
  ['core -> test (production code)', 'core/sample.ts', `import { UID } from '../test/fixtures/memo';\nexport const u = UID;`, /core\/ may not import/],
  ['core -> node: built-in', 'core/text/sample.ts', `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;`, /no Node built-ins/],
  ['core -> bare Node built-in', 'core/sample.ts', `import path from 'path';\nexport const p = path;`, /no Node built-ins/],
  ['db -> electron', 'db/sample.ts', `import { dispatch } from '../electron/api/dispatch';\nexport const d = dispatch;`, /db\/ may not import from electron/],
  ['db -> renderer (type)', 'db/sample.ts', `import type { CallResult } from '../renderer/api';\nexport type R = CallResult;`, /db\/ may not import/],
  ['db -> test (production code)', 'db/sample.ts', `import { tempStore } from '../test/helpers';\nexport const t = tempStore;`, /db\/ may not import/],
  ['electron -> renderer', 'electron/memos/sample.ts', `import { renderPreview } from '../../renderer/memos/preview';\nexport const r = renderPreview;`, /electron\/ may not import from renderer/],
  ['electron -> renderer (re-export)', 'electron/api/handlers/sample.ts', `export { formatBytes } from '../../../renderer/lib/files';`, /electron\/ may not import from renderer/],
  ['renderer -> db (type)', 'renderer/views/Sample.tsx', `import type { Theme } from '../../db/types';\nexport type T = Theme;`, /may not import from db\//],
  ['renderer -> electron (value)', 'renderer/sample.ts', `import { dispatch } from '../electron/api/dispatch';\nexport const d = dispatch;`, /only types from the contract/],
  ['renderer -> electron, not the contract (type)', 'renderer/reader/sample.ts', `import type { Context } from '../../electron/api/context';\nexport type C = Context;`, /only types from the contract/],
  ['renderer -> electron/memos (jsdom code)', 'renderer/memos/sample.ts', `import { sanitizeMemoHtmlNode } from '../../electron/memos/purify';\nexport const s = sanitizeMemoHtmlNode;`, /only types from the contract/],
  ['renderer -> contract (value)', 'renderer/memos/sample.ts', `import { memoContract } from '../../electron/api/contract-memos';\nexport const m = memoContract;`, /write `import type`/],
  ['renderer -> Node built-in', 'renderer/lib/sample.ts', `import { readFile } from 'node:fs/promises';\nexport const r = readFile;`, /no Node built-ins/],
  ['renderer -> Electron', 'renderer/sample.ts', `import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;`, /never touches Electron/],
  ['any -> package.json', 'electron/interchange/sample.ts', `import { version } from '../../package.json';\nexport const v = version;`, /Do not import package.json/],
];

const allowed: [arrow: string, file: string, code: string][] = [
  ['core -> core and npm packages', 'core/memo/sample.ts', `import MarkdownIt from 'markdown-it';\nimport { escapeHtml } from './escape';\nimport { splitsSurrogatePair } from '../text/offsets';\nexport const all = [MarkdownIt, escapeHtml, splitsSurrogatePair];`],
  ['core test -> test fixtures', 'core/memo/sample.test.ts', `import { UID } from '../../test/fixtures/memo';\nexport const u = UID;`],
  ['db -> core and db', 'db/sample.ts', `import { snapToCodePoints } from '../core/text/offsets';\nimport { StoreError } from './errors';\nexport const all = [snapToCodePoints, StoreError];`],
  ['db test -> test helpers', 'db/sample.test.ts', `import { tempStore } from '../test/helpers';\nexport const t = tempStore;`],
  ['electron -> db, core, electron, Node', 'electron/api/handlers/sample.ts', `import { readFileSync } from 'node:fs';\nimport { openStore } from '../../../db/store';\nimport { safeFileName } from '../../../core/files';\nimport { changed } from '../context';\nexport const all = [readFileSync, openStore, safeFileName, changed];`],
  ['renderer -> contract types, core, itself', 'renderer/views/Sample.tsx', `import type { Theme } from '../../electron/api/contract';\nimport { type MemoPassage } from '../../electron/api/contract-memos';\nimport { treeOrder } from '../../core/codebook/tree';\nimport { call } from '../api';\nexport type T = [Theme, MemoPassage];\nexport const all = [treeOrder, call];`],
  ['test helpers -> anywhere', 'test/sample.ts', `import { fuzzy } from '../renderer/lib/fuzzy';\nimport { dispatch } from '../electron/api/dispatch';\nexport const all = [fuzzy, dispatch];`],
];

describe('eslint.config.js import boundaries', () => {
  it.each(wrongWay)('reports %s', async (_arrow, file, code, says) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });

  it.each(allowed)('allows %s', async (_arrow, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
