// Counts the imports that run against the arrows of docs/DESIGN (core <- db <- electron;
// renderer -> core + types from electron/api), plus import cycles between files.
// Walks every tracked .ts/.tsx/.mjs file with the TypeScript parser (imports, export-from,
// import(), require), resolves relative specifiers to repo files, and prints one line per
// offending import, then the counts. Usage: node scripts/arrows.mjs [--quiet]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !f.endsWith('.d.ts') && existsSync(f));
const builtins = new Set(builtinModules);
const top = (f) => f.split('/')[0];
const isTest = (f) => /\.test\.tsx?$|(^|\/)test\/|(^|\/)e2e\/|(^|\/)testing\//.test(f);

function resolve(from, spec) {
  const base = path.join(path.dirname(from), spec);
  for (const c of [base, base + '.ts', base + '.tsx', base + '.mjs', base + '/index.ts', base + '/index.tsx']) {
    if (existsSync(c) && !c.endsWith('/') && /\.[a-z]+$/.test(c)) return path.relative(root, c);
  }
  return null;
}

function importsOf(file) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = [];
  const add = (spec, typeOnly, node) => out.push({ spec, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      let typeOnly = !!node.isTypeOnly || !!node.importClause?.isTypeOnly;
      const nb = node.importClause?.namedBindings ?? node.exportClause;
      if (!typeOnly && nb && (ts.isNamedImports(nb) || ts.isNamedExports(nb)) && !node.importClause?.name && nb.elements.length > 0) {
        typeOnly = nb.elements.every((e) => e.isTypeOnly);
      }
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0].text, false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const violations = [];
const graph = new Map();
for (const f of files) {
  const edges = [];
  for (const imp of importsOf(f)) {
    const { spec, typeOnly, line } = imp;
    const where = `${f}:${line}`;
    const isBuiltin = spec.startsWith('node:') || builtins.has(spec.split('/')[0]);
    if (!spec.startsWith('.')) {
      if (top(f) === 'core' && isBuiltin) violations.push([where, 'core -> Node built-in', spec]);
      continue;
    }
    const target = resolve(f, spec);
    if (!target) continue;
    edges.push({ target, typeOnly });
    if (isTest(f) && top(target) === 'test') continue; // any test may use the shared helpers and fixtures
    const [ft, tt] = [top(f), top(target)];
    if (target === 'package.json') violations.push([where, 'any -> package.json', spec]);
    else if (ft === 'core' && tt !== 'core') violations.push([where, 'core -> ' + tt, spec]);
    else if (ft === 'db' && !['db', 'core'].includes(tt)) violations.push([where, 'db -> ' + tt, spec]);
    else if (ft === 'electron' && tt === 'renderer') violations.push([where, 'electron -> renderer', spec]);
    else if (ft === 'renderer' && tt === 'db') violations.push([where, 'renderer -> db' + (typeOnly ? ' (types)' : ''), spec]);
    else if (ft === 'renderer' && tt === 'electron' && (!typeOnly || !target.startsWith('electron/api/')))
      violations.push([where, 'renderer -> electron' + (typeOnly ? ' (types, not api)' : ' (value)'), spec]);
    else if (ft === 'renderer' && !['renderer', 'core', 'electron'].includes(tt)) violations.push([where, 'renderer -> ' + tt, spec]);
    else if (ft === 'renderer' && target.startsWith('renderer/views/') && f !== 'renderer/App.tsx')
      violations.push([where, f.startsWith('renderer/views/') ? 'renderer view -> view' : 'renderer feature -> view', spec]);
    // Owned by other work, counted so the figures are complete: lower layers reaching up into api/.
    if (ft === 'electron' && !f.startsWith('electron/api/') && target.startsWith('electron/api/') && !isTest(f) &&
      /^electron\/(import|interchange|export|memos|refi|files)\/|^electron\/context\.ts$/.test(f)) violations.push([where, 'lower layer -> api (upward)', spec]);
  }
  graph.set(f, edges);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
function strong(v) {
  idx.set(v, index); low.set(v, index++); stack.push(v); on.add(v);
  for (const { target: w } of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = []; let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c.sort());
  }
}
for (const f of graph.keys()) if (!idx.has(f)) strong(f);

// Folder-level cycles (second-level folders, e.g. electron/export <-> electron/interchange), production code only.
const folder = (f) => f.split('/').slice(0, f.split('/').length > 2 ? 2 : 1).join('/');
const fEdges = new Map();
for (const [f, edges] of graph) {
  if (isTest(f)) continue;
  for (const { target } of edges) {
    const [a, b] = [folder(f), folder(target)];
    if (a === b || isTest(target) || !a.includes('/') || !b.includes('/')) continue;
    if (!fEdges.has(a)) fEdges.set(a, new Set());
    fEdges.get(a).add(b);
  }
}
const folderCycles = [];
for (const [a, outs] of fEdges) for (const b of outs) if (a < b && fEdges.get(b)?.has(a)) folderCycles.push(`${a} <-> ${b}`);

const quiet = process.argv.includes('--quiet');
if (!quiet) for (const [where, kind, spec] of violations) console.log(`${kind.padEnd(34)} ${where}  '${spec}'`);
if (!quiet) for (const c of sccs) console.log(`cycle (${c.length} files)`.padEnd(34), c.join(' <-> '));
if (!quiet) for (const c of folderCycles) console.log('folder cycle'.padEnd(34), c);
const byKind = {};
for (const [, kind] of violations) byKind[kind] = (byKind[kind] ?? 0) + 1;
console.log(JSON.stringify({ files: files.length, wrongWayImports: violations.length, byKind, fileCycles: sccs.length, filesInCycles: sccs.reduce((n, c) => n + c.length, 0), folderCycles: folderCycles.length }, null, 1));
