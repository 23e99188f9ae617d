import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { importPublished, parseReport, type Report } from '../../src/model';
import { docxToText, htmlToText } from '../../src/publish/html-text';
import { renderDocx } from '../../src/publish/render-docx';
import { renderHtml } from '../../src/publish/render-html';
import { launch } from '../helpers/browser';
import { soffice } from '../helpers/libreoffice';

jest.setTimeout(240_000);

const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'xxgk-render-'));
const sample = (name: string): Report => {
  const p = parseReport(JSON.parse(readFileSync(join(root, 'assets/samples', `${name}.json`), 'utf8')));
  if (!p.ok) throw new Error(name);
  return p.value;
};
const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

describe('render the publishable report', () => {
  test.each(['example-2021-corrected', 'xiangshan-hrss-2020'])('%s: render → import round trip reproduces the data (HTML and Word)', async (name) => {
    const report = sample(name);
    for (const text of [htmlToText(renderHtml(report)), await docxToText(await renderDocx(report))]) {
      const back = importPublished(text, report.metadata.agencyKind ? { agencyKind: report.metadata.agencyKind } : {});
      expect(back.missing).toEqual([]);
      expect(back.issues).toEqual([]);
      expect(back.report.tables).toEqual(report.tables);
      // A published report prints its name and year, not the cover sheet's contact details.
      expect(back.report.metadata).toEqual({ agencyName: report.metadata.agencyName, agencyKind: report.metadata.agencyKind, year: report.metadata.year });
      for (const s of ['overview', 'problems', 'other'] as const) expect(lines(back.report.narrative?.[s])).toEqual(lines(report.narrative?.[s]));
    }
  });

  test('the HTML is self-contained, escapes report text, and prints as the official tables', () => {
    const report = { ...sample('example-2021-corrected'), metadata: { ...sample('example-2021-corrected').metadata, agencyName: '<script>alert(1)</script>局' } } as Report;
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;局');
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).toContain('@media print');
    expect(html).toContain('<th colspan="7">申请人情况</th>');
    expect(html).toContain('<th rowspan="22" class="row">三、本年度办理结果</th>');
  });

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
