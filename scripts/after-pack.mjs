// electron-builder afterPack hook: flips Quarry's fuses (fuses.mjs) on the
// packaged Electron binary. afterPack runs after the app is copied in and
// before electron-builder signs it, so the signature covers the flipped binary.
import { flipFuses, FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fuseConfig, QUARRY_FUSES } from './fuses.mjs';

const ARM64 = 3; // builder-util's Arch.arm64

/** The binary that carries the fuse wire, as electron-builder lays out each platform. */
export function packagedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: no fuse rule for the platform "${electronPlatformName}".`);
  }
}

export async function afterPack(context) {
  const binary = packagedBinary(context);
  if (!existsSync(binary)) throw new Error(`after-pack: the packaged Electron binary ${binary} is missing, so its fuses cannot be set.`);
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Apple silicon refuses an ad-hoc signed binary whose bytes changed; re-sign ad hoc (a real identity signs later).
  const config = fuseConfig({ resetAdHocDarwinSignature: darwin && context.arch === ARM64 });
  await flipFuses(binary, config);
  // Read back: a fuse that did not take must stop the build, not ship.
  const wire = await getCurrentFuseWire(binary);
  for (const [name, on] of Object.entries(QUARRY_FUSES)) {
    const got = wire[FuseV1Options[name]];
    if (got === FuseState.REMOVED) continue; // retired by Electron: setting it is a no-op
    if (got !== (on ? FuseState.ENABLE : FuseState.DISABLE)) throw new Error(`after-pack: the fuse ${name} of ${binary} did not take (wanted ${on ? 'on' : 'off'}).`);
  }
  console.log(`  • fuses set on ${path.basename(binary)}: ${Object.entries(QUARRY_FUSES).map(([n, v]) => `${n}=${v ? 'on' : 'off'}`).join(', ')}`);
}

export default afterPack;
