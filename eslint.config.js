// ESLint for Quarry: the recommended JavaScript and typescript-eslint rules
// (syntax-only, no type information, so a run over the tree takes seconds) and
// the arrows of docs/DESIGN as import boundaries:
//
//   core/      imports nothing from the repo and no Node built-in
//   db/        imports core/ only
//   electron/  never imports renderer/; refi/ and files/ never import export/
//   renderer/  imports core/, its own files, and only `import type` from the
//              contract (electron/api/contract*.ts); nothing from db/, no Node
//   anywhere   no package.json (read the version at run time: electron/paths.ts)
//
// The boundaries use @typescript-eslint/no-restricted-imports (core's
// no-restricted-imports plus allowTypeImports) with gitignore-style patterns on
// the import string. Every cross-folder import in this repo is relative, so
// "../../renderer/x" names its target folder; test/lint-boundaries.test.ts
// proves each rule fires on a wrong-way import and stays quiet on an allowed one.
// The composite tsconfigs refuse the same imports at type-check time (TS6307);
// this gives the clearer message and runs on save.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

const noPackageJson = {
  group: ['**/package.json'],
  message: 'Do not import package.json into code: it drags the whole manifest into the bundle. Read the version at run time (electron/paths.ts appVersion).',
};
const noNode = (who) => NODE_BUILTINS.map((name) => ({ name, message: `${who} runs outside Node: no Node built-ins.` }));
const outsideCore = (from, folders) => ({
  group: folders.map((f) => `**/${f}/**`),
  message: `${from} may not import from ${folders.join('/, ')}/ (the arrows: renderer -> contract types -> electron/api -> db -> core). Move shared pure code to core/.`,
});

/** One no-restricted-imports entry per folder (a later entry for the same file replaces an earlier one, so each is complete). */
const boundary = (patterns, paths = []) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, noPackageJson], paths }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `a && b()` and `c ? d() : e()` as statements are a house idiom in event handlers.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // `const { body: _body, ...rest } = v` drops a field on purpose; `_x` marks "unused by design".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Plain Node scripts (build, bench runner, the bin shim): Node's globals.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'TextEncoder', 'TextDecoder', 'performance', 'fetch', 'AbortController', 'queueMicrotask', 'globalThis'].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use none of it: `async ({}, use) =>`.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },

  // ---- The arrows ----
  { files: ['**/*.{ts,tsx,mjs}'], rules: boundary([]) },
  {
    files: ['core/**'],
    ignores: TEST_FILES,
    rules: boundary([outsideCore('core/', ['db', 'electron', 'renderer', 'test', 'e2e', 'bench', 'scripts'])], noNode('core/')),
  },
  // core's own tests run on Node and may use the shared fixtures under test/.
  { files: TEST_FILES.map((t) => `core/${t}`), rules: boundary([outsideCore('core/', ['db', 'electron', 'renderer'])]) },
  {
    files: ['db/**'],
    ignores: TEST_FILES,
    rules: boundary([outsideCore('db/', ['electron', 'renderer', 'test', 'e2e', 'bench', 'scripts'])]),
  },
  { files: TEST_FILES.map((t) => `db/${t}`), rules: boundary([outsideCore('db/', ['electron', 'renderer'])]) },
  { files: ['electron/**'], rules: boundary([outsideCore('electron/', ['renderer'])]) },
  {
    // The format code serves the export jobs, never the reverse (no export <-> refi cycle).
    files: ['electron/refi/**', 'electron/files/**'],
    ignores: TEST_FILES,
    rules: boundary([
      outsideCore('electron/', ['renderer']),
      { group: ['**/export/**'], message: 'electron/refi/ and electron/files/ may not import from electron/export/ (export -> refi, one way). Move what both need into refi/ or core/.' },
    ]),
  },
  {
    files: ['renderer/**'],
    rules: boundary(
      [
        {
          group: ['**/db/**'],
          message: 'The renderer may not import from db/: take row types from the contract (electron/api/contract), which re-exports them.',
        },
        {
          // A regex, not a group with a "!" exception: gitignore cannot re-include a file below an excluded folder.
          regex: '(^|/)electron/(?!api/contract(-[\\w-]+)?$)',
          message: 'The renderer may import from electron/ only types from the contract (electron/api/contract*.ts); shared pure code belongs in core/.',
        },
        {
          group: ['**/electron/api/contract', '**/electron/api/contract-*'],
          allowTypeImports: true,
          message: 'The renderer takes only types from the contract: write `import type`. Values cross as calls (renderer/api.ts).',
        },
      ],
      [...noNode('The renderer'), { name: 'electron', message: 'The renderer never touches Electron: it talks to the backend through renderer/api.ts.' }],
    ),
  },
);
