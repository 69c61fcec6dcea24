import type { FuseV1Config } from '@electron/fuses';

export declare const QUARRY_FUSES: Readonly<{
  RunAsNode: false;
  EnableCookieEncryption: true;
  EnableNodeOptionsEnvironmentVariable: false;
  EnableNodeCliInspectArguments: false;
  EnableEmbeddedAsarIntegrityValidation: true;
  OnlyLoadAppFromAsar: true;
  LoadBrowserProcessSpecificV8Snapshot: false;
  GrantFileProtocolExtraPrivileges: false;
  WasmTrapHandlers: true;
}>;
export declare function fuseConfig(o?: { resetAdHocDarwinSignature?: boolean }): FuseV1Config;
