// `npm run icons`: renders assets/icon.svg into the build resources
// electron-builder packs: build/icon.png (1024 px; macOS's .icns is made from
// it), build/icons/<n>x<n>.png (Linux) and build/icon.ico (Windows). The
// outputs are committed; only changing the icon needs this script.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOURCE = 'assets/icon.svg';
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const MAC_SIZE = 1024;

export function render(svg, size) {
  // No system fonts: the icon has no text, and a render must not depend on the machine.
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/**
 * An .ico holding PNG images (Windows Vista and later read these): a 6-byte
 * ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNGs themselves.
 */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

export function buildIcons(root = process.cwd()) {
  const svg = readFileSync(path.join(root, SOURCE));
  const out = path.join(root, 'build');
  mkdirSync(path.join(out, 'icons'), { recursive: true });
  const written = [];
  const write = (rel, bytes) => {
    writeFileSync(path.join(out, rel), bytes);
    written.push(`build/${rel}`);
  };
  write('icon.png', render(svg, MAC_SIZE));
  for (const size of LINUX_SIZES) write(`icons/${size}x${size}.png`, render(svg, size));
  write('icon.ico', icoFromPngs(ICO_SIZES.map((size) => ({ size, png: render(svg, size) }))));
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const f of buildIcons()) console.log(`wrote ${f}`);
}
