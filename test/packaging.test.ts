// The electron-builder configuration, checked where Electron itself cannot be
// downloaded: against electron-builder's own JSON schema, against the files
// `npm run build` produces, against the imports of the Node bundles, and
// against the icons each platform needs. `npm run dist` does the real thing.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, LINUX_SIZES, MAC_SIZE, render, SOURCE } from '../scripts/icons.mjs';
import { tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..');
// electron-builder's own copies of its YAML reader, schema validator and glob matcher.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const Ajv = (builderRequire('ajv') as { default: new (o: object) => AjvInstance }).default;
const { minimatch } = builderRequire('minimatch') as { minimatch: (p: string, pattern: string, o?: object) => boolean };
interface AjvInstance {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: unknown }[] | null };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML/JSON config is read by key path throughout
type Config = Record<string, any>;
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Config;
const schema = JSON.parse(readFileSync(builderRequire.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;

function schemaErrors(c: unknown): string[] {
  // As electron-builder validates (strict off: its schema uses a custom "typeof" keyword), minus type coercion.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validate(c) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const BUILT = existsSync(path.join(ROOT, 'dist/renderer/index.html')) && existsSync(path.join(ROOT, 'dist/node/main.mjs'));
const NOT_BUILT = 'dist/ is not built: run `npm run build` (npm test builds before the unit tests)';

function projectFiles(dir = ROOT, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!rel && ['node_modules', '.git', 'release'].includes(e.name)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...projectFiles(path.join(dir, e.name), r));
    else out.push(r);
  }
  return out;
}

const patterns = config.files as string[];
const includes = patterns.filter((p) => !p.startsWith('!'));
const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
const packaged = (files: string[]) => files.filter((f) => includes.some((p) => minimatch(f, p, { dot: true })) && !excludes.some((p) => minimatch(f, p, { dot: true })));

function pngSize(bytes: Buffer): { width: number; height: number; colorType: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25] };
}

describe('electron-builder.yml against electron-builder’s schema', () => {
  it('is valid for app-builder-lib’s scheme.json', () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('passes electron-builder’s own validation (schema plus its deprecation checks)', async () => {
    const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, log: { isEnabled: boolean }): Promise<void> };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false })).resolves.toBeUndefined();
  });

  it('the check has teeth: a misspelt or mistyped option is rejected', () => {
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, oneClik: false } }).join('\n')).toMatch(/oneClik/);
    expect(schemaErrors({ ...config, asar: 'yes' }).length).toBeGreaterThan(0);
    expect(schemaErrors({ ...config, fileAssociation: config.fileAssociations }).join('\n')).toMatch(/fileAssociation/);
  });
});

describe('what the configuration promises', () => {
  it('names the app and where things go', () => {
    expect(config).toMatchObject({ appId: 'org.quarry.app', productName: 'Quarry', directories: { output: 'release', buildResources: 'build' } });
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
    expect(pkg.scripts.icons).toBe('node scripts/icons.mjs');
  });

  it('builds AppImage and deb, dmg, and a per-user assisted NSIS installer', () => {
    const targets = (platform: string) => (config[platform].target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join(',')}`);
    // 64-bit only: Electron 44+ ships no win32-ia32 or linux-armv7l binaries.
    expect(targets('linux')).toEqual(['AppImage:x64,arm64', 'deb:x64,arm64']);
    expect(targets('mac')).toEqual(['dmg:x64,arm64']);
    expect(targets('win')).toEqual(['nsis:x64,arm64']);
    expect(config.mac.minimumSystemVersion).toBe('13.0');
    expect(config.linux.category).toBe('Office');
    expect(config.linux.desktop.entry.Categories).toBe('Office;Education;');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac).toMatchObject({ category: 'public.app-category.productivity', hardenedRuntime: true });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, deleteAppDataOnUninstall: false });
  });

  it('opens .qdpx files as a REFI-QDA project editor', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'qdpx', name: 'REFI-QDA project', role: 'Editor', mimeType: 'application/x-qdpx' })]);
  });

  it('packs into an asar, with better-sqlite3’s native module unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*.node');
    expect(minimatch('node_modules/better-sqlite3/build/Release/better_sqlite3.node', config.asarUnpack[0])).toBe(true);
    expect(config).toMatchObject({ npmRebuild: true, nativeRebuilder: 'sequential' });
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^?12\./);
  });

  it('the hardened-runtime entitlements grant JIT and nothing else', () => {
    const plist = readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

describe('the afterPack hook', () => {
  it('is a file in the project that exports the afterPack function electron-builder looks up', async () => {
    const hook = path.resolve(ROOT, config.afterPack);
    expect(hook.startsWith(ROOT + path.sep)).toBe(true);
    expect(existsSync(hook)).toBe(true);
    const mod = (await import(pathToFileURL(hook).href)) as { afterPack?: unknown; default?: unknown };
    expect(mod.afterPack).toBeTypeOf('function');
    expect(mod.default).toBe(mod.afterPack);
  });
});

describe('the files it packs, after `npm run build`', () => {
  it('every pattern in `files` matches something, and the app’s entry points are all there', (t) => {
    if (!BUILT) t.skip(NOT_BUILT);
    const all = projectFiles();
    for (const p of includes) expect(all.some((f) => minimatch(f, p, { dot: true })), `nothing matches ${p}`).toBe(true);
    const files = packaged(all);
    for (const needed of [pkg.main, 'dist/node/preload.cjs', 'dist/node/import-worker.mjs', 'dist/node/cli.mjs', 'dist/renderer/index.html', 'assets/sample/sample.json', 'package.json']) expect(files, needed).toContain(needed);
    // Every script and style the page loads ships with it.
    const html = readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => !/^(https?:|data:|#)/.test(r));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(files, ref).toContain(path.posix.join('dist/renderer', ref));
  });

  it('and nothing else: no sources, tests, docs, scripts, build resources or source maps', (t) => {
    if (!BUILT) t.skip(NOT_BUILT);
    const files = packaged(projectFiles());
    const stray = files.filter((f) => !(f === 'package.json' || f.startsWith('dist/node/') || f.startsWith('dist/renderer/') || f.startsWith('assets/sample/')));
    expect(stray).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f) || f.includes('.test.'))).toEqual([]);
  });

  it('every package the Node bundles import is a production dependency that the exclusions keep', (t) => {
    if (!BUILT) t.skip(NOT_BUILT);
    const bundles = readdirSync(path.join(ROOT, 'dist/node')).filter((f) => /\.(mjs|cjs)$/.test(f));
    const imported = new Set<string>();
    for (const b of bundles) {
      const code = readFileSync(path.join(ROOT, 'dist/node', b), 'utf8');
      // esbuild writes static imports at the start of a line; dynamic ones as import("x") / require("x").
      for (const m of code.matchAll(/^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)/gm)) {
        const spec = m.slice(1).find(Boolean)!;
        if (spec.startsWith('node:') || spec.startsWith('.')) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    imported.delete('electron'); // provided by the runtime
    expect([...imported]).toEqual(expect.arrayContaining(['better-sqlite3', 'jsdom', 'pdfjs-dist']));
    expect([...imported].filter((n) => !pkg.dependencies[n]).map((n) => `${n} is imported by dist/node but is not in dependencies`)).toEqual([]);
    // Their whole dependency closure survives the node_modules exclusions.
    const excludedPackages = excludes.map((p) => /^\*\*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/\*\*$/.exec(p)?.[1]).filter((n): n is string => !!n);
    expect(excludedPackages.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    const visit = (name: string, from: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      let pj: string;
      try {
        pj = createRequire(path.join(from, 'noop.js')).resolve(`${name}/package.json`);
      } catch {
        return; // an optional dependency not installed on this platform
      }
      const meta = JSON.parse(readFileSync(pj, 'utf8')) as Config;
      for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) visit(dep, path.dirname(pj));
    };
    for (const n of imported) visit(n, ROOT);
    expect(seen.has('bindings')).toBe(true); // better-sqlite3's loader: the walk does follow dependencies
    expect([...seen].filter((n) => excludedPackages.some((x) => n === x || n.startsWith(`${x}/`)))).toEqual([]);
  });
});

describe('icons', () => {
  it('the source is an SVG with no text, no fonts and no external references', () => {
    const svg = readFileSync(path.join(ROOT, SOURCE), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    expect(svg).not.toMatch(/<text|font-family|@import|<image|href=/);
  });

  it('macOS: build/icon.png at 1024 px (electron-builder makes the .icns from it)', () => {
    expect(path.join(ROOT, config.mac.icon)).toBe(path.join(ROOT, 'build/icon.png'));
    expect(pngSize(readFileSync(path.join(ROOT, 'build/icon.png')))).toEqual({ width: MAC_SIZE, height: MAC_SIZE, colorType: 6 });
  });

  it('Linux: one PNG per size from 16 to 512 in build/icons', () => {
    expect(config.linux.icon).toBe('build/icons');
    expect(LINUX_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
    for (const n of LINUX_SIZES) expect(pngSize(readFileSync(path.join(ROOT, `build/icons/${n}x${n}.png`))), `${n}x${n}`).toEqual({ width: n, height: n, colorType: 6 });
  });

  it('Windows: build/icon.ico holds PNG images from 16 to 256 px', () => {
    const ico = readFileSync(path.join(ROOT, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] || 256;
      const png = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(pngSize(png)).toEqual({ width: size, height: size, colorType: 6 });
      sizes.push(size);
    }
    expect(sizes).toEqual(ICO_SIZES);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('build/ is up to date with assets/icon.svg (else run `npm run icons`)', () => {
    const svg = readFileSync(path.join(ROOT, SOURCE));
    for (const n of [16, 256]) expect(render(svg, n).equals(readFileSync(path.join(ROOT, `build/icons/${n}x${n}.png`))), `${n}x${n}`).toBe(true);
    expect(statSync(path.join(ROOT, 'build/icon.png')).size).toBeGreaterThan(10_000);
  });
});

describe('a real electron-builder run, with a stand-in Electron', () => {
  it('packs a Linux folder: the app in app.asar, better-sqlite3 unpacked, fuses flipped by the hook', async (t) => {
    if (!process.env.QUARRY_PACK_TEST) t.skip('opt-in, about 30 s: set QUARRY_PACK_TEST=1 (needs a real node_modules folder, not a symlink)');
    if (!BUILT) t.skip(NOT_BUILT);
    if (lstatSync(path.join(ROOT, 'node_modules')).isSymbolicLink()) t.skip('node_modules is a symlink: electron-builder would not find the dependencies behind it');
    // electron-builder copies this folder in place of the downloaded Electron.
    const electronDist = tempDir('quarry-fake-electron-');
    mkdirSync(path.join(electronDist, 'resources'));
    writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.alloc(64), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(64)]), { mode: 0o755 });
    writeFileSync(path.join(electronDist, 'version'), JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')).version);
    const out = tempDir('quarry-release-');
    const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
    // No rebuild: that downloads Electron's headers.
    execFileSync(process.execPath, [cli, '--linux', 'dir', `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${out}`, '--publish', 'never'], { cwd: ROOT, stdio: 'pipe' });
    const resources = path.join(out, 'linux-unpacked', 'resources');
    const asar = builderRequire('@electron/asar') as { listPackage(p: string): string[] };
    const inside = asar.listPackage(path.join(resources, 'app.asar')).map((p) => p.slice(1).replaceAll(path.sep, '/'));
    for (const f of [pkg.main, 'dist/node/preload.cjs', 'dist/node/import-worker.mjs', 'dist/renderer/index.html', 'assets/sample/sample.json', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/bindings/package.json', 'node_modules/jsdom/package.json'])
      expect(inside, f).toContain(f);
    expect(inside.filter((f) => !f.startsWith('node_modules/') && /\.(ts|map)$|^(electron|db|renderer|test|e2e|docs|bench|scripts)\//.test(f))).toEqual([]);
    expect(inside.some((f) => f.startsWith('node_modules/monaco-editor/'))).toBe(false);
    expect(existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    const { getCurrentFuseWire } = await import('@electron/fuses');
    expect(Object.values(await getCurrentFuseWire(path.join(out, 'linux-unpacked', 'quarry'))).filter((v) => typeof v === 'number').map((v) => String.fromCharCode(v as number)).join('')).toBe('010011001');
  }, 300_000);
});
