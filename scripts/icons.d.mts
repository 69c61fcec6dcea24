export declare const SOURCE: string;
export declare const LINUX_SIZES: number[];
export declare const ICO_SIZES: number[];
export declare const MAC_SIZE: number;
export declare function render(svg: Buffer | string, size: number): Buffer;
export declare function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer;
export declare function buildIcons(root?: string): string[];
