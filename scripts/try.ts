import { launch, serve } from '../test/helpers/browser';
(async () => {
  const { server, origin } = await serve('/work/main/dist/addin');
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(`${origin}/taskpane.html`);
  await page.setInputFiles('#report-file', '/work/main/assets/samples/example-2021-mistakes.xlsx');
  await page.waitForSelector('#issues li');
  await page.screenshot({ path: '/tmp/shot320.png', fullPage: false });
  await browser.close(); server.close();
})();
