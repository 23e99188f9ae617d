/** Draws the add-in icons (a ruled table with a green check) at 16, 32, 64 and 80 px into assets/icons/. */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { PNG } from 'pngjs';

function icon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const set = (x: number, y: number, [r, g, b, a]: number[]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    png.data[i] = r!;
    png.data[i + 1] = g!;
    png.data[i + 2] = b!;
    png.data[i + 3] = a!;
  };
  const s = size / 16;
  const border = [183, 28, 28, 255];
  const grid = [120, 120, 120, 255];
  const paper = [255, 255, 255, 255];
  const head = [255, 235, 238, 255];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = x >= s && x < size - s && y >= 2 * s && y < size - s;
      if (!inside) set(x, y, [0, 0, 0, 0]);
      else set(x, y, y < 5 * s ? head : paper);
    }
  }
  const line = (x0: number, y0: number, x1: number, y1: number, c: number[], w = Math.max(1, Math.round(s))) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 2 + 1;
    for (let k = 0; k <= steps; k++) {
      const x = x0 + ((x1 - x0) * k) / steps;
      const y = y0 + ((y1 - y0) * k) / steps;
      for (let dx = 0; dx < w; dx++) for (let dy = 0; dy < w; dy++) set(Math.round(x) + dx, Math.round(y) + dy, c);
    }
  };
  const [l, t, r, b] = [s, 2 * s, size - s - 1, size - s - 1];
  line(l, t, r, t, border);
  line(l, b, r, b, border);
  line(l, t, l, b, border);
  line(r, t, r, b, border);
  for (const y of [5, 8.5, 12]) line(l, y * s, r, y * s, grid, 1);
  for (const x of [6, 10.5]) line(x * s, t, x * s, b, grid, 1);
  const check = [46, 125, 50, 255];
  const w = Math.max(2, Math.round(1.6 * s));
  line(7 * s, 10 * s, 9.5 * s, 13 * s, check, w);
  line(9.5 * s, 13 * s, 15 * s, 6 * s, check, w);
  return PNG.sync.write(png);
}

for (const size of [16, 32, 64, 80]) {
  writeFileSync(join(__dirname, '..', 'assets', 'icons', `icon-${size}.png`), icon(size));
  console.log(`wrote assets/icons/icon-${size}.png`);
}
