export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export declare function packagedBinary(context: AfterPackContextLike): string;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
