import axe from 'axe-core';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import type { Server } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import { launch, serve } from '../helpers/browser';
import { builtAddin } from '../helpers/built-addin';
import { helpPicture } from '../helpers/help-pictures';
import { withEmptyRows } from '../helpers/hostile';
import { filledWorkbook, toBuffer } from '../helpers/workbooks';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { computeTotals, fillTotals, validateRead } from '../../src/model';
import { parseReport, type Report } from '../../src/model';

jest.setTimeout(240_000);

const root = join(__dirname, '../..');
const samples = join(root, 'assets/samples');
const shots = join(root, 'test-results');
const work = mkdtempSync(join(tmpdir(), 'xxgk-e2e-'));

let server: Server;
let origin: string;
let browser: Browser;

/** What `xxgk validate --json` / `xxgk export` print for a file, run in-process. */
async function cli(...args: string[]): Promise<string> {
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await main(args);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return out;
}

async function openPage(options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, acceptDownloads: true, ...options });
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${origin}/validator.html`);
  await page.waitForFunction(() => document.getElementById('summary')?.textContent?.includes('请打开'));
  return { page, requests, errors, dialogs };
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#report-file', file);
  await page.waitForFunction((name) => document.getElementById('file-status')?.textContent?.includes(name.split('/').pop()!) && !document.getElementById('file-status')?.textContent?.includes('正在读取'), file);
}

beforeAll(async () => {
  ({ server, origin } = await serve(await builtAddin()));
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the task pane as a standalone page in Chromium', () => {
  test('使用说明: each step as a clerk sees it, pictured for help.html', async () => {
    const { page, errors } = await openPage();
    await page.setViewportSize({ width: 760, height: 1000 });
    await page.fill('#agency-name', '示例县自然资源局');
    await helpPicture(page, 'step1-template', 'section[aria-labelledby="template-heading"]');
    await openFile(page, join(root, 'assets/template-2021.xlsx'));
    await helpPicture(page, 'step2-fill', '#tables .table-scroll >> nth=0');
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await helpPicture(page, 'step3-check', '#results');
    await page.click('#issues li[data-rule="T3-RESULT-TOTAL"] button.issue');
    await helpPicture(page, 'step4-issue');
    await page.fill('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea', '本局受县政府委托起草的规章，已按要求填报');
    await helpPicture(page, 'step5-explain', '#issues li[data-rule="T2-RULES-AUTHORITY"]');
    await page.setInputFiles('#previous', join(samples, 'example-2021-corrected.json'));
    await page.waitForFunction(() => document.getElementById('previous-status')?.textContent?.includes('已载入'));
    await helpPicture(page, 'step6-previous', '#previous-status >> xpath=..');
    await page.setInputFiles('#previous', []);
    await openFile(page, join(samples, 'example-2021-corrected.xlsx'));
    await helpPicture(page, 'step7-recheck', '#results');
    await helpPicture(page, 'step8-export', 'section[aria-labelledby="send-heading"]');
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.click('#render-docx');
    await page.waitForSelector('#dialog:not([hidden])');
    // The dialog above everything: nothing sticky (the result bar, row labels) paints over its middle.
    const over = await page.evaluate(`(() => { const b = document.querySelector('#dialog .dialog-box').getBoundingClientRect(); const points = [[b.left + 10, b.top + 10], [b.left + 10, b.bottom - 10], [b.right - 10, b.bottom - 10], [(b.left + b.right) / 2, (b.top + b.bottom) / 2]]; const off = points.map(([x, y]) => document.elementFromPoint(x, y)).find((e) => !e || !e.closest('#dialog')); return off === undefined ? 'dialog' : off && off.outerHTML.slice(0, 60); })()`);
    expect(over).toBe('dialog');
    await helpPicture(page, 'step9-report', '#dialog .dialog-box');
    await page.click('#dialog-cancel');
    expect(errors).toEqual([]);
  });

  test('the 2021 sample with mistakes: exactly the command line’s issues; clicking one highlights its cell', async () => {
    const { page, errors } = await openPage();
    const file = join(samples, 'example-2021-mistakes.xlsx');
    await openFile(page, file);
    await page.screenshot({ path: join(shots, 'standalone-issues.png'), fullPage: true });
    const expected = JSON.parse(await cli('validate', '--json', file)) as { issues: { ruleId: string; address?: string; area: string; severity: string }[] };
    const shown = await page.$$eval('#issues li[data-rule]', (lis) => lis.map((li) => [li.getAttribute('data-rule'), li.querySelector('button.issue')?.getAttribute('data-address') ?? undefined]));
    // The same issues; on the page, within each table, errors come before warnings and notes.
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    const areas = ['meta', 't2', 't3', 't4', 'narrative'];
    const ordered = [...expected.issues].sort((a, b) => areas.indexOf(a.area) - areas.indexOf(b.area) || rank[a.severity]! - rank[b.severity]!);
    expect(shown).toEqual(ordered.map((i) => [i.ruleId, i.address]));
    expect(await page.textContent('#summary')).toBe('5 个错误，2 个警告');
    await page.click('#issues li[data-rule="T3-RESULT-TOTAL"] button.issue');
    const focused = await page.$eval('td.focus', (td) => td.id);
    expect(focused).toBe('cell-t3-resultTotal-natural');
    expect(await page.$eval('#cell-t3-resultTotal-natural', (td) => td.className)).toContain('error');
    // The rest of the broken sums is marked lighter: the 自然人 column's 一、二、四 and a result row.
    for (const id of ['t3-new-natural', 't3-carriedOver-natural', 't3-carryForward-natural', 't3-disclosed-natural']) {
      expect([id, await page.$eval(`#cell-${id}`, (td) => td.className)]).toEqual([id, expect.stringContaining('related')]);
    }
    expect(await page.$eval('#cell-t3-new-research', (td) => td.className)).not.toMatch(/related|error/);
    await page.screenshot({ path: join(shots, 'standalone-highlight.png') });
    expect(errors).toEqual([]);
  });

  test('a report JSON opens too, its problems shown at the template’s cells', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.json'));
    expect(await page.textContent('#summary')).toBe('5 个错误，2 个警告');
    expect(await page.getAttribute('#issues li[data-rule="T3-RESULT-TOTAL"] button.issue', 'data-address')).toBe('表三!D29');
  });

  test('the corrected copy: “通过”', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-corrected.xlsx'));
    expect(await page.textContent('#summary')).toBe('通过');
    await page.screenshot({ path: join(shots, 'standalone-pass.png') });
  });

  test('export: the downloaded JSON is what the command line exports for the same file, explanations included', async () => {
    const { page } = await openPage();
    const file = join(samples, 'example-2021-corrected.xlsx');
    await openFile(page, file);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const got = JSON.parse(readFileSync((await download.path()), 'utf8'));
    const cliOut = join(work, 'cli.json');
    await cli('export', file, '-o', cliOut);
    const want = JSON.parse(readFileSync(cliOut, 'utf8'));
    const strip = (d: Record<string, unknown>) => ({ ...d, exportedAt: undefined, generator: undefined });
    expect(strip(got)).toEqual(strip(want));
  });

  test('生成报告 downloads the publishable Word file, which reads back to the same tables', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-corrected.xlsx'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#render-docx')]);
    expect(download.suggestedFilename()).toBe('示例县自然资源局2024年政府信息公开工作年度报告.docx');
    const { docxToText } = await import('../../src/import/html-text');
    const { importPublished } = await import('../../src/import/published');
    const back = importPublished(await docxToText(readFileSync((await download.path()))));
    expect(back.missing).toEqual([]);
    expect(back.report.tables).toEqual(JSON.parse(readFileSync(join(samples, 'example-2021-corrected.json'), 'utf8')).tables);
  });

  test('a warning explained on the page travels in the export', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.fill('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea', '代县政府起草的规章');
    await page.click('#issues li[data-rule="T2-RULES-AUTHORITY"] .explain button');
    await page.waitForFunction(() => document.getElementById('summary')?.textContent?.includes('5 个错误'));
    page.once('dialog', (d) => void d.accept());
    await page.click('#export');
    await page.waitForSelector('#dialog:not([hidden])');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dialog-ok')]);
    const doc = JSON.parse(readFileSync((await download.path()), 'utf8'));
    expect(doc.explanations).toEqual([expect.objectContaining({ ruleId: 'T2-RULES-AUTHORITY', cell: 't2.rules.issued', text: '代县政府起草的规章' })]);
    expect(doc.validation.issues.find((i: { ruleId: string }) => i.ruleId === 'T2-RULES-AUTHORITY').explanation).toBe('代县政府起草的规章');
  });

  test('last year’s report given: the cross-year rules run', async () => {
    const { page } = await openPage();
    await page.setInputFiles('#previous', join(samples, 'xiangshan-hrss-2020.xlsx'));
    await page.waitForFunction(() => document.getElementById('previous-status')?.textContent?.includes('已载入'));
    await openFile(page, join(samples, 'example-2021-corrected.xlsx'));
    const rules = await page.$$eval('#issues li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['XY-YEAR', 'XY-CARRY']));
  });

  test('a corrupt file and a .docx get a Chinese message; the page keeps working', async () => {
    const { page, errors } = await openPage();
    const corrupt = join(work, '损坏.xlsx');
    writeFileSync(corrupt, readFileSync(join(samples, 'example-2021-corrected.xlsx')).subarray(0, 4000));
    await openFile(page, corrupt);
    expect(await page.textContent('#file-status')).toMatch(/损坏\.xlsx：文件已损坏或不完整/);
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    const docx = join(work, '报告.xlsx');
    writeFileSync(docx, await zip.generateAsync({ type: 'nodebuffer' }));
    await openFile(page, docx);
    expect(await page.textContent('#file-status')).toContain('这是 Word 文档（.docx），不是 Excel 工作簿');
    await page.screenshot({ path: join(shots, 'standalone-error.png') });
    await openFile(page, join(samples, 'example-2021-corrected.xlsx'));
    expect(await page.textContent('#summary')).toBe('通过');
    expect(errors).toEqual([]);
  });

  test('report text is shown as text: a 机关名称 with markup runs no script', async () => {
    const { page, dialogs } = await openPage();
    const p = parseReport(JSON.parse(readFileSync(join(samples, 'example-2021-corrected.json'), 'utf8')));
    if (!p.ok) throw new Error('sample');
    const evil = { ...p.value, metadata: { ...p.value.metadata, agencyName: '<img src=x onerror=alert(1)>' } } as Report;
    const file = join(work, 'evil.xlsx');
    writeFileSync(file, await toBuffer(await filledWorkbook(evil)));
    await openFile(page, file);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.$$('img[src="x"]')).toEqual([]);
    expect(await page.textContent('#file-status')).toContain('<img src=x onerror=alert(1)>');
    expect(await page.textContent('#tables')).toContain('<img src=x onerror=alert(1)>');
  });

  test('no request leaves the page’s own origin (office.js is loaded only inside Office)', async () => {
    const { page, requests } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.click('#download-template');
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });

  test('the task pane page (taskpane.html) loads office.js by tag, registers the functions and shows the Excel controls once Office is ready', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Stands in for office.js: no network here, and none is needed to check the boot order.
    await page.route('https://officeapis.public.onecdn.static.microsoft/**', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.Office = { HostType: { Excel: 'Excel' }, PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline' }, onReady(cb) { setTimeout(() => cb({ host: 'Excel' })); return Promise.resolve({ host: 'Excel' }); }, context: { platform: 'PC', requirements: { isSetSupported: () => false } } };
               window.CustomFunctions = { associated: [], associate(id) { this.associated.push(id); }, Error: class extends Error {}, ErrorCode: { invalidValue: '#VALUE!' } };`,
      }),
    );
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForFunction(() => !(document.getElementById('insert-template') as HTMLElement).hidden);
    expect(await page.evaluate(() => (window as unknown as { CustomFunctions: { associated: string[] } }).CustomFunctions.associated)).toEqual(['ROWTOTAL', 'BALANCE', 'CHECK', 'JSON']);
    expect(await page.isHidden('#open-section')).toBe(true);
    expect(await page.isVisible('#clear-marks')).toBe(true);
    expect(errors).toEqual([]);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.screenshot({ path: join(shots, 'taskpane-in-excel-320px.png') });
  });

  test('the task pane page outside Office (office.js cannot load): a note pointing to the validator page, no script error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('https://officeapis.public.onecdn.static.microsoft/**', (route) => route.abort());
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForFunction(() => !(document.getElementById('host-note') as HTMLElement).hidden);
    expect(await page.textContent('#host-note')).toMatch(/需要在 Excel 或 WPS 表格中打开.*validator\.html/);
    expect(await page.getAttribute('#host-note a', 'href')).toBe('validator.html');
    // No control that cannot work outside Office is shown.
    for (const id of ['check', 'insert-template', 'clear-marks', 'download-template']) expect([id, await page.isVisible(`#${id}`)]).toEqual([id, false]);
    expect(errors).toEqual([]);
  });

  test('a huge file is read in a Web Worker: the page never blocks for 200 ms, shows progress and can cancel; the same file chosen again is read again', async () => {
    // A workbook whose 表三 has two million empty rows after the table (34 MB of sheet XML, within the bounds).
    const huge = join(work, 'huge.xlsx');
    writeFileSync(huge, await withEmptyRows(readFileSync(join(samples, 'example-2021-corrected.xlsx')), 2_000_000));

    const { page, requests, errors } = await openPage();
    await page.evaluate(() => {
      (window as unknown as { longest: number }).longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { longest: number }).longest = Math.max((window as unknown as { longest: number }).longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    // First a reader that never answers (as a very slow file would): progress shows, 取消 ends it.
    await page.route('**/open-worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'onmessage = () => {};' }));
    await page.setInputFiles('#report-file', huge);
    await page.waitForSelector('#open-progress:not([hidden])');
    await page.click('#cancel-open');
    await page.waitForFunction(() => document.getElementById('file-status')?.textContent?.includes('已取消'));
    expect(await page.isHidden('#open-progress')).toBe(true);
    await page.unroute('**/open-worker.js');
    // The same file again (the input was cleared), this time to the end.
    await openFile(page, huge);
    expect(await page.textContent('#summary')).toMatch(/^通过/);
    expect(await page.evaluate(() => (window as unknown as { longest: number }).longest)).toBeLessThan(200);
    expect(requests.some((u) => u.endsWith('/open-worker.js'))).toBe(true);
    expect(errors).toEqual([]);
  });

  test('axe-core finds no serious or critical accessibility violation, before and after opening a report', async () => {
    // The page's CSP forbids inline scripts: only the test's axe injection is let through.
    const { page } = await openPage({ bypassCSP: true });
    await page.addScriptTag({ content: axe.source });
    const run = () => page.evaluate(async () => (await (window as unknown as { axe: typeof axe }).axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
    const serious = (v: { impact?: string | null }[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
    expect(serious(await run())).toEqual([]);
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    expect(serious(await run())).toEqual([]);
  });

  test('fix and check again: 重新读取并校验 reads the file anew without a dialog (File System Access handle); 说明 still valid are carried over', async () => {
    const p = parseReport(JSON.parse(readFileSync(join(samples, 'example-2021-mistakes.json'), 'utf8')));
    if (!p.ok) throw new Error('sample');
    const mistakes = await toBuffer(await filledWorkbook(p.value));
    const totals = computeTotals(p.value);
    const fixedReport = JSON.parse(JSON.stringify(p.value)) as Report;
    (fixedReport.tables.t3.resultTotal as Record<string, number>).natural = totals.get('t3.resultTotal.natural')!;
    const fixed = await toBuffer(await filledWorkbook(fixedReport));
    const { page } = await openPage();
    // The picker of the File System Access API, answering with a handle whose file the test changes.
    await page.evaluate((bytes) => {
      const w = window as unknown as { current: number[]; showOpenFilePicker: unknown };
      w.current = bytes;
      w.showOpenFilePicker = async () => [{ getFile: async () => new File([new Uint8Array(w.current)], '年报.xlsx') }];
    }, [...mistakes]);
    await page.click('label[for="report-file"]');
    await page.waitForFunction(() => document.getElementById('summary')?.textContent?.includes('个错误'));
    const errorsBefore = await page.textContent('#summary');
    await page.fill('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea', '代县政府起草的规章');
    await page.click('#issues li[data-rule="T2-RULES-AUTHORITY"] .explain button');
    await page.evaluate((bytes) => ((window as unknown as { current: number[] }).current = bytes), [...fixed]);
    await page.click('#recheck');
    await page.waitForFunction((before) => document.getElementById('summary')?.textContent !== before, errorsBefore);
    expect(await page.textContent('#file-status')).toMatch(/沿用了 1 条说明/);
    expect(Number(/^(\d+) 个错误/.exec((await page.textContent('#summary'))!)![1])).toBeLessThan(Number(/^(\d+) 个错误/.exec(errorsBefore!)![1]));
    expect(await page.inputValue('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea')).toBe('代县政府起草的规章');
  });

  test('without the File System Access API, 重新读取并校验 asks for the file again', async () => {
    const { page } = await openPage();
    await page.evaluate(() => delete (window as unknown as { showOpenFilePicker?: unknown }).showOpenFilePicker);
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#recheck')]);
    await chooser.setFiles(join(samples, 'example-2021-corrected.xlsx'));
    await page.waitForFunction(() => document.getElementById('summary')?.textContent === '通过');
  });

  test('a blank template: blanks grouped by table and column (expandable), errors first; the filter shows one severity', async () => {
    const { page } = await openPage();
    await openFile(page, join(root, 'assets/template-2021.xlsx'));
    const total = await page.$$eval('#issues li[data-rule]', (lis) => lis.length);
    const lines = await page.$$eval('#issues > .area > ul > li', (lis) => lis.length);
    expect(total).toBeGreaterThan(100);
    expect(lines).toBeLessThan(40);
    const groups = await page.$$eval('#issues li.group summary', (s) => s.map((x) => x.textContent));
    expect(groups).toEqual(expect.arrayContaining([expect.stringMatching(/^错误：表三 科研机构列 \d+ 格未填$/), '错误：表二 本年制发件数列 2 格未填', '错误：表二 现行有效件数列 2 格未填']));
    // Within each table, no warning before an error.
    const order = await page.$$eval('#issues .area', (areas) => areas.map((a) => [...a.querySelectorAll(':scope > ul > li')].map((li) => li.getAttribute('data-severity'))));
    for (const o of order) expect(o.join(',')).toMatch(/^(error,?)*(warning,?)*(info,?)*$/);
    await page.screenshot({ path: join(shots, 'standalone-grouped.png'), fullPage: true });
    // The blank 文字部分 is shown as blank, not left out.
    expect(await page.$$eval('#tables .narrative .blank-text', (ps) => ps.length)).toBe(3);
    // The filter, on a report with errors, warnings and notes.
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    const shown = async () => page.$$eval('#issues > .area > ul > li', (lis) => (lis as HTMLElement[]).filter((li) => li.offsetParent !== null).map((li) => li.getAttribute('data-severity')));
    expect(new Set(await shown())).toEqual(new Set(['error', 'warning', 'info']));
    await page.check('input[name="severity-filter"][value="warning"]');
    expect(new Set(await shown())).toEqual(new Set(['warning']));
    await page.check('input[name="severity-filter"][value="all"]');
    expect(new Set(await shown())).toEqual(new Set(['error', 'warning', 'info']));
  });

  test('typed-over totals: the formula to type back, and 下载改正后的工作簿 with the formulas restored and the 说明 kept', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    expect(await page.textContent('#repairs')).toContain('=SUM(D8:D28)');
    // 填入合计 exists only in the add-in: the page neither shows the button nor advises it.
    expect(await page.innerText('body')).not.toContain('填入合计');
    await page.fill('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea', '代县政府起草的规章');
    await page.click('#issues li[data-rule="T2-RULES-AUTHORITY"] .explain button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-corrected')]);
    expect(download.suggestedFilename()).toBe('example-2021-mistakes（已改正）.xlsx');
    const read = await readWorkbookBuffer(readFileSync((await download.path())));
    expect(read.reading.filter((i) => i.ruleId === 'FORM-FORMULA-REPLACED')).toEqual([]);
    const result = validateRead(read);
    expect(result.issues.filter((i) => /^T[34]-/.test(i.ruleId))).toEqual([]);
  });

  test('说明 written on the page go into a copy of the clerk’s own workbook (下载含说明的工作簿), and come back when it is opened again', async () => {
    const p = parseReport(JSON.parse(readFileSync(join(samples, 'example-2021-mistakes.json'), 'utf8')));
    if (!p.ok) throw new Error('sample');
    // No total typed over: nothing to repair, only a warning to explain.
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-explained-'));
    const file = join(dir, '年报.xlsx');
    writeFileSync(file, await toBuffer(await filledWorkbook(fillTotals(p.value))));
    const { page } = await openPage();
    await openFile(page, file);
    expect(await page.isHidden('#repairs')).toBe(true);
    await page.fill('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea', '代县政府起草的规章');
    await page.click('#issues li[data-rule="T2-RULES-AUTHORITY"] .explain button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-explained')]);
    expect(download.suggestedFilename()).toBe('年报（含说明）.xlsx');
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const { page: fresh } = await openPage();
    await openFile(fresh, saved);
    expect(await fresh.inputValue('#issues li[data-rule="T2-RULES-AUTHORITY"] textarea')).toBe('代县政府起草的规章');
  });

  test('生成报告 with errors asks first; the result line stays; Tab stays in the dialog and Escape closes it', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.click('#render-docx');
    await page.waitForSelector('#dialog:not([hidden])');
    for (let k = 0; k < 5; k++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.getElementById('dialog')!.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#dialog')).toBe(true);
    await page.click('#render-docx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dialog-ok')]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(await page.textContent('#summary')).toBe('5 个错误，2 个警告');
    expect(await page.textContent('#action-status')).toMatch(/^已生成 /);
  });

  test('下载模板 writes the year and 机关名称 typed on the page; a year before 2019 is refused with a reason', async () => {
    const { page } = await openPage();
    await page.fill('#year', '2018');
    expect(await page.textContent('#format-label')).toMatch(/2018 年度的报告没有统一的表格格式/);
    await page.fill('#year', '2024');
    await page.fill('#agency-name', '某县人民政府办公室');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-template')]);
    const read = await readWorkbookBuffer(readFileSync((await download.path())));
    expect([read.report.format, read.report.metadata.year, read.report.metadata.agencyName]).toEqual(['2021', 2024, '某县人民政府办公室']);
  });

  test('layout: at task-pane width the tables scroll with their titles in view and labels readable; from 1000 px list and tables side by side; no text under 14 px', async () => {
    const { page } = await openPage();
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.setViewportSize({ width: 420, height: 900 });
    const t4 = page.locator('.table-title', { hasText: '行政复议、行政诉讼情况' });
    const box = (await t4.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    const label = await page.$eval('table.report th.rowlabel', (th) => th.getBoundingClientRect().width);
    expect(label).toBeGreaterThanOrEqual(9 * 14 - 1);
    await page.screenshot({ path: join(shots, 'standalone-420.png'), fullPage: true });
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((e) => e.offsetParent !== null && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 14)
        .map((e) => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 20)}`),
    );
    expect(small).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    const results = (await page.locator('#results').boundingBox())!;
    const tables = (await page.locator('#tables-section').boundingBox())!;
    expect(tables.x).toBeGreaterThanOrEqual(results.x + results.width - 1);
    // Clicking an issue keeps the list where it was: the tables scroll beside it.
    await page.locator('#issues li[data-rule="T3-RESULT-TOTAL"]').scrollIntoViewIfNeeded();
    const before = await page.locator('#issues li[data-rule="T3-RESULT-TOTAL"]').boundingBox();
    await page.click('#issues li[data-rule="T3-RESULT-TOTAL"] button.issue');
    expect((await page.locator('#issues li[data-rule="T3-RESULT-TOTAL"]').boundingBox())!.y).toBeCloseTo(before!.y, -1);
    // …and the cell is in view in the tables' own scroll area.
    const cell = (await page.locator('#cell-t3-resultTotal-natural').boundingBox())!;
    const pane = (await page.locator('#tables-section').boundingBox())!;
    expect(cell.y).toBeGreaterThanOrEqual(pane.y);
    expect(cell.y + cell.height).toBeLessThanOrEqual(Math.min(pane.y + pane.height, 900) + 1);
    await page.screenshot({ path: join(shots, 'standalone-wide.png') });
  });

  test('a laptop (1280×800): the result comes into view once a file is read and 表三 shows whole, 总计 included; at 420 px a cell jumped to keeps its row label beside it', async () => {
    const { page } = await openPage({ viewport: { width: 1280, height: 800 } });
    await openFile(page, join(samples, 'example-2021-mistakes.xlsx'));
    await page.waitForFunction(() => document.getElementById('summary')?.textContent?.includes('错误'));
    // The result's top at the top of the window (the steps above it filled the screen).
    const results = (await page.locator('#results').boundingBox())!;
    expect(Math.abs(results.y)).toBeLessThan(50);
    // 表三 needs no sideways scrolling: its 总计 column lies inside the tables' pane.
    const t3 = page.locator('.table-scroll').nth(1);
    expect(await t3.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
    const pane = (await page.locator('#tables-section').boundingBox())!;
    const total = (await page.locator('#cell-t3-new-total').boundingBox())!;
    expect(total.x + total.width).toBeLessThanOrEqual(pane.x + pane.width);

    await page.setViewportSize({ width: 420, height: 900 });
    // 表三's 总计 column, the far right of the widest table: J29 typed over.
    await page.locator('#issues li[data-rule="FORM-FORMULA-REPLACED"]', { hasText: '表三!J29' }).locator('button.issue').click();
    expect(await page.locator('td.focus').getAttribute('id')).toBe('cell-t3-resultTotal-total');
    const cell = (await page.locator('#cell-t3-resultTotal-total').boundingBox())!;
    const label = (await page.locator('#cell-t3-resultTotal-total').evaluate((td) => {
      const th = [...td.parentElement!.querySelectorAll('th.rowlabel')].pop()!;
      const r = th.getBoundingClientRect();
      return { x: r.x, width: r.width, text: th.textContent };
    }))!;
    // The cell in view, and its row's label on screen to its left, not scrolled away.
    expect(cell.x).toBeGreaterThanOrEqual(0);
    expect(cell.x + cell.width).toBeLessThanOrEqual(420);
    expect(label.x).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width).toBeLessThanOrEqual(cell.x + 1);
    expect(label.text).toContain('总计');
  });

  test('a cover-sheet issue is clickable and marks its field in the cover list', async () => {
    const { page } = await openPage();
    const p = parseReport(JSON.parse(readFileSync(join(samples, 'example-2021-corrected.json'), 'utf8')));
    if (!p.ok) throw new Error('sample');
    const file = join(work, 'bad-code.json');
    writeFileSync(file, JSON.stringify({ ...p.value, metadata: { ...p.value.metadata, creditCode: '11330000002482341X' } }));
    await openFile(page, file);
    await page.click('#issues li[data-rule="META-CREDIT-CODE"] button.issue');
    expect(await page.getAttribute('#meta-creditCode', 'class')).toMatch(/error.*focus|focus.*error|warning/);
  });
});
