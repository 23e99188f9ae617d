/** The rendered report in real programs: Chromium shows the HTML, LibreOffice converts the Word file. */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderDocx } from '../../src/publish/render-docx';
import { renderHtml } from '../../src/publish/render-html';
import { launch } from '../helpers/browser';
import { soffice } from '../helpers/libreoffice';
import { sampleReport as sample } from '../helpers/reports';

jest.setTimeout(240_000);

const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'xxgk-render-'));

describe('the publishable report in Chromium and LibreOffice', () => {
  test('the HTML renders in Chromium: three tables, the title, no request elsewhere', async () => {
    const file = join(work, 'report.html');
    writeFileSync(file, renderHtml(sample('example-2021-corrected')));
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      expect(await page.$$eval('table', (t) => t.length)).toBe(3);
      expect(await page.textContent('h1')).toBe('示例县自然资源局2024年政府信息公开工作年度报告');
      await page.screenshot({ path: join(root, 'test-results', 'rendered-report.png'), fullPage: true });
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('the Word file converts to PDF with LibreOffice', async () => {
    const docx = join(work, 'report.docx');
    writeFileSync(docx, await renderDocx(sample('xiangshan-hrss-2020')));
    execFileSync(soffice(), ['--headless', '--norestore', `-env:UserInstallation=file://${join(work, 'profile')}`, '--convert-to', 'pdf', '--outdir', work, docx], { stdio: 'ignore', timeout: 180_000 });
    const pdf = readFileSync(join(work, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
