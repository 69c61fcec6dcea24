#!/usr/bin/env node
// The `quarry` command. Runs the bundled CLI (dist/node/cli.mjs), building it
// first when this checkout has not been built yet.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'node', 'cli.mjs');
if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { stdio: 'inherit' });
const { runCli } = await import(pathToFileURL(cli).href);
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
