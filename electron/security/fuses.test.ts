// The afterPack hook on a stand-in Electron binary: a file carrying the fuse
// sentinel and a wire in Electron's factory state, flipped and read back with
// @electron/fuses, exactly as on the packaged binary.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { afterPack, packagedBinary } from '../../scripts/after-pack.mjs';
import { QUARRY_FUSES } from '../../scripts/fuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, snapshot off, file privileges on, wasm traps on.
const FACTORY_WIRE = '101100011';

function fakeElectron(file: string, wire = FACTORY_WIRE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(4096, 0x90)]), { mode: 0o755 });
}

const linuxContext = (appOutDir: string) => ({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Quarry' }, executableName: 'quarry' } });

describe('afterPack: fuses on the packaged binary', () => {
  it('flips every fuse to Quarry’s setting', async () => {
    const out = tempDir('quarry-afterpack-');
    fakeElectron(path.join(out, 'quarry'));
    await afterPack(linuxContext(out));
    const wire = await getCurrentFuseWire(path.join(out, 'quarry'));
    for (const [name, on] of Object.entries(QUARRY_FUSES)) expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
  });

  it('finds the binary where electron-builder puts it on each platform', () => {
    const ctx = (p: string) => ({ ...linuxContext('/out'), electronPlatformName: p });
    expect(packagedBinary(ctx('linux'))).toBe(path.join('/out', 'quarry'));
    expect(packagedBinary(ctx('win32'))).toBe(path.join('/out', 'Quarry.exe'));
    expect(packagedBinary(ctx('darwin'))).toBe(path.join('/out', 'Quarry.app'));
    expect(() => packagedBinary(ctx('freebsd'))).toThrow(/no fuse rule/);
  });

  it('stops the build when the binary is missing, or its wire is too short for the fuses Quarry sets', async () => {
    const out = tempDir('quarry-afterpack-');
    await expect(afterPack(linuxContext(out))).rejects.toThrow(/binary .*quarry is missing/);
    fakeElectron(path.join(out, 'quarry'), '1011'); // an old Electron: 4 fuses
    await expect(afterPack(linuxContext(out))).rejects.toThrow(/not long enough/);
  });

  it('refuses an Electron with a fuse nobody decided about (strictlyRequireAllFuses)', async () => {
    const out = tempDir('quarry-afterpack-');
    fakeElectron(path.join(out, 'quarry'), `${FACTORY_WIRE}1`); // a future Electron with a tenth fuse
    await expect(afterPack(linuxContext(out))).rejects.toThrow(/strictlyRequireAllFuses/);
  });
});
