/**
 * 报送 end to end in Chromium, on the page `xxgk serve` serves: a unit submits from the validator
 * page with its 报送码; the office logs in to the board and returns it with a note; the unit sees
 * the note and submits the corrected file; the office confirms and downloads the 汇总, whose sums
 * equal `xxgk aggregate` of the same files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { getFormat, type Report } from '../../src/model/core';
import { filledBuffer } from '../../src/workbook/fill';
import { launch } from '../helpers/browser';
import { builtAddin } from '../helpers/built-addin';
import { helpPicture } from '../helpers/help-pictures';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { startServer, UNITS, xxgk, type TestServer } from '../helpers/server';

jest.setTimeout(300_000);

const work = mkdtempSync(join(tmpdir(), 'xxgk-srv-e2e-'));
let s: TestServer;
let browser: Browser;

function reportOf(unit: (typeof UNITS)[number], seed: number, changes: Record<string, number> = {}): Report {
  const all = withText(consistentReport('2021', Array.from({ length: 400 }, (_, i) => (i * 5 + seed) % 13)));
  const r = withCells(all, { ...Object.fromEntries(getFormat('2021').cells.filter((c) => c.table === 't2' && c.row === 'rules').map((c) => [c.id, 0])), ...changes });
  return { ...r, metadata: { ...r.metadata, agencyName: unit.name, agencyKind: unit.kind!, ...(unit.creditCode ? { creditCode: unit.creditCode } : {}) } } as Report;
}

async function file(name: string, report: Report): Promise<string> {
  const path = join(work, name);
  writeFileSync(path, await filledBuffer(report));
  return path;
}

beforeAll(async () => {
  s = await startServer('embedded', ['--web', await builtAddin()]);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function unitSubmits(page: Page, path: string, code: string): Promise<string> {
  await page.goto(`${s.origin}/`);
  await page.waitForSelector('#submit-section:not([hidden])');
  await page.setInputFiles('#report-file', path);
  await page.waitForFunction(() => /已打开/.test(document.getElementById('file-status')?.textContent ?? ''));
  await page.fill('#submit-code', code);
  await page.click('#submit');
  await page.waitForFunction(() => /已报送|已收到|不能|不正确/.test(document.getElementById('submit-result')?.textContent ?? ''));
  return (await page.textContent('#submit-result')) ?? '';
}

test('a unit submits from the page, the office returns it with a note, the unit resubmits, the office confirms and sums', async () => {
  const edu = UNITS[0]!;
  const hrss = UNITS[1]!;
  const first = await file('教育局.xlsx', reportOf(edu, 1, { 't4.review.upheld': 50 }));
  const corrected = await file('教育局-改.xlsx', reportOf(edu, 1));
  const other = await file('人社局.xlsx', reportOf(hrss, 2));
  const unit = await browser.newPage({ acceptDownloads: true });
  const errors: string[] = [];
  unit.on('pageerror', (e) => errors.push(e.message));

  // A file with errors: the page asks first, the server stores it as 有错误.
  const page = await unit.goto(`${s.origin}/`);
  // The page's own policy comes as a header too; the board may never be framed.
  expect(page!.headers()['content-security-policy']).toContain("script-src 'self';");
  await unit.waitForSelector('#submit-section:not([hidden])');
  await unit.setInputFiles('#report-file', first);
  await unit.waitForFunction(() => /已打开/.test(document.getElementById('file-status')?.textContent ?? ''));
  await unit.fill('#submit-code', s.codes.get(edu.name)!);
  await unit.click('#submit');
  await unit.click('#dialog-ok');
  await unit.waitForFunction(() => /已收到/.test(document.getElementById('submit-result')?.textContent ?? ''));
  expect(await unit.textContent('#submit-result')).toMatch(/有 \d+ 个错误/);

  // The office returns it with a note.
  const office = await browser.newPage({ acceptDownloads: true });
  const boardPage = await office.goto(`${s.origin}/board.html`);
  expect(boardPage!.headers()['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
  await office.fill('#login-password', s.password);
  await office.click('#login button[type=submit]');
  await office.waitForSelector('#board:not([hidden])');
  expect(await office.textContent('#counts')).toContain('有错误 1');
  await office.click(`tr[data-unit="${edu.name}"] button.return`);
  await office.fill('#return-note', '表四行政复议的数字有误，请核对后重新报送');
  await office.click('#dialog-ok');
  await office.waitForFunction(() => /已退回 1/.test(document.getElementById('counts')?.textContent ?? ''));

  // The unit sees the note (the code is remembered by the browser) and resubmits the corrected file.
  await unit.goto(`${s.origin}/`);
  await unit.waitForSelector('#submit-section:not([hidden])');
  expect(await unit.inputValue('#submit-code')).toBe(s.codes.get(edu.name));
  await unit.click('#submit-status');
  await unit.waitForFunction(() => /退回说明/.test(document.getElementById('submit-result')?.textContent ?? ''));
  expect(await unit.textContent('#submit-result')).toContain('表四行政复议的数字有误');
  expect(await unitSubmits(unit, corrected, s.codes.get(edu.name)!)).toContain('已报送 2024 年度报告');
  await helpPicture(unit, 'step8-submit', '#submit-section');
  expect(await unitSubmits(await browser.newPage(), other, s.codes.get(hrss.name)!)).toContain('已报送');
  expect(errors).toEqual([]);

  // The office opens the version in the validator's view, confirms both, and downloads the 汇总.
  await office.reload();
  await office.waitForSelector('#board:not([hidden])');
  await helpPicture(office, 'board', '#overview-heading >> xpath=..');
  const [view] = await Promise.all([office.waitForEvent('popup'), office.click(`tr[data-unit="${edu.name}"] a:has-text("查看")`)]);
  await view.waitForFunction(() => /已打开/.test(document.getElementById('file-status')?.textContent ?? ''));
  expect(await view.textContent('#summary')).toContain('通过');
  for (const u of [edu, hrss]) {
    await office.click(`tr[data-unit="${u.name}"] button.confirm`);
    await office.click('#dialog-ok');
    await office.waitForFunction((name) => document.querySelector(`tr[data-unit="${name}"] .status`)?.textContent === '已确认', u.name);
  }
  const [download] = await Promise.all([office.waitForEvent('download'), office.click('#download-aggregate-json')]);
  const served = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const cli = join(work, 'cli-汇总.json');
  const run = xxgk(['aggregate', corrected, other, '-o', cli]);
  expect(run.status).toBe(0);
  expect(served.report.tables).toEqual(JSON.parse(readFileSync(cli, 'utf8')).report.tables);
  expect(served.units.map((u: { agencyName: string }) => u.agencyName).sort()).toEqual([edu.name, hrss.name].sort());
  // Every admin action is in the audit log shown on the board.
  await office.reload();
  await office.click('#audit summary');
  const audit = await office.textContent('#audit tbody');
  for (const word of ['登录', '退回', '确认', '汇总', '报送']) expect(audit).toContain(word);
});
