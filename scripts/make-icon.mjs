// Draws the extension icon (128×128 PNG): three stacked "pods" with ordinals, in Kubernetes blue.
// Run once; the PNG is committed (it is a source asset, not build output).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => { const i = (y * size + x) * 4; pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; pixels[i + 3] = a; };
const blue = [50, 108, 229, 255];
const white = [255, 255, 255, 255];
const roundedRect = (x0, y0, w, h, radius, color) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) {
    const dx = Math.max(x0 + radius - x, 0, x - (x0 + w - 1 - radius));
    const dy = Math.max(y0 + radius - y, 0, y - (y0 + h - 1 - radius));
    if (dx * dx + dy * dy <= radius * radius) set(x, y, color);
  }
};
roundedRect(0, 0, size, size, 24, blue);
for (let row = 0; row < 3; row++) {
  const y = 18 + row * 34;
  roundedRect(22, y, 84, 24, 6, white);
  for (let dot = 0; dot <= row; dot++) roundedRect(32 + dot * 12, y + 8, 8, 8, 4, blue);
}
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  let c = ~0;
  for (const byte of body) { c ^= byte; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  crc.writeUInt32BE(~c >>> 0);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4); header[8] = 8; header[9] = 6;
const raw = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)])));
writeFileSync('images/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
