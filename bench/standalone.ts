/** The standalone page: navigation to a rendered validation of the sample workbook in headless Chromium, and the JS each path loads. */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { gzipSync } from 'zlib';
import { launch, serve } from '../test/helpers/browser';

export async function benchStandalone(): Promise<void> {
  let root = __dirname;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const dir = join(root, 'dist/addin'); // built by benchAddin just before
  const { server, origin } = await serve(dir);
  const browser = await launch();
  const sample = join(root, 'assets/samples/example-2021-mistakes.xlsx');
  const times: number[] = [];
  const loaded = new Set<string>();
  try {
    for (let k = 0; k < 6; k++) {
      const page = await browser.newPage();
      page.on('response', (r) => loaded.add(new URL(r.url()).pathname.slice(1)));
      const t0 = Date.now();
      await page.goto(`${origin}/validator.html`);
      await page.setInputFiles('#report-file', sample);
      await page.waitForSelector('#tables table');
      if (k > 0) times.push(Date.now() - t0); // the first run warms the browser's caches
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  times.sort((a, b) => a - b);
  console.log(`\nstandalone page — navigation to a rendered validation of the sample workbook (headless Chromium): median ${times[times.length >> 1]} ms (of ${times.length} runs)`);
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const standalone = js.filter((f) => loaded.has(f)).reduce((s, f) => s + gz(f), 0);
  const inExcel = gz('functions.js') + gz('taskpane.js');
  console.log(`JS gzip: in-Excel path (functions + taskpane) ${(inExcel / 1024).toFixed(1)} KB · standalone path (everything it loaded: ${js.filter((f) => loaded.has(f)).join(', ')}) ${(standalone / 1024).toFixed(1)} KB`);
}
