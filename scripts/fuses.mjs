// The Electron fuses Quarry ships with: switches compiled into the Electron
// binary that no command line, environment variable or script can turn back.
// Flipped on the packaged binary by after-pack.mjs; the list is asserted by
// electron/security/fuses.test.ts.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Fuse name -> state. Every fuse @electron/fuses knows is set on purpose. */
export const QUARRY_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn Quarry into a plain Node that runs any script.
  RunAsNode: false,
  // Cookies on disk encrypted with the OS keychain (Quarry sets none; it costs nothing).
  EnableCookieEncryption: true,
  // NODE_OPTIONS=--require=... would inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect would let anyone who can start Quarry attach a debugger to it.
  EnableNodeCliInspectArguments: false,
  // app.asar must match the hash in the signed binary (macOS, Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // ...and the app is only ever loaded from that checked app.asar.
  OnlyLoadAppFromAsar: true,
  // A browser-process-specific V8 snapshot is not built for Quarry.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://quarry/, so file:// pages need no extra powers.
  GrantFileProtocolExtraPrivileges: false,
  // Electron's default: traps out-of-bounds WebAssembly memory access safely.
  WasmTrapHandlers: true,
});

/** The @electron/fuses config for one packaged binary. */
export function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = {
    version: FuseVersion.V1,
    // A fuse added by a future Electron must be decided here, not left at its default.
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature,
  };
  for (const [name, on] of Object.entries(QUARRY_FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`fuses.mjs names the fuse "${name}", which @electron/fuses does not know; update the list or the package.`);
    config[index] = on;
  }
  for (const [name, index] of Object.entries(FuseV1Options)) {
    if (typeof index === 'number' && !(index in config)) throw new Error(`The fuse "${name}" is not decided in scripts/fuses.mjs; add it to QUARRY_FUSES.`);
  }
  return config;
}
