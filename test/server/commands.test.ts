/**
 * The office's commands as it runs them: the unit list in the shapes offices keep it, codes shown
 * once and reset, status while the server is stopped, backup and restore, and `xxgk submit`'s
 * verdicts and exit codes.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { getFormat, type Report } from '../../src/model/core';
import { parseUnitList } from '../../src/server/unit-list';
import { filledBuffer } from '../../src/workbook/fill';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { startServer, UNITS, unitsCsv, xxgk, type TestServer } from '../helpers/server';
import { manifestErrors } from '../helpers/manifest-xsd';
import { copyFileSync, mkdirSync } from 'fs';
import { VERSION } from '../../src/version';

jest.setTimeout(180_000);

describe('单位名单', () => {
  test('a CSV saved by Excel on Chinese Windows (GBK) reads like the UTF-8 one; bad rows are named, not guessed', () => {
    const text = `${unitsCsv(UNITS)}测试县财政局,91330000MA0000000X,政府部门及其他机关,县直\n测试县教育局,,政府部门及其他机关,县直\n测试县水利局,,水利部门,县直\n,,政府部门及其他机关,县直\n`;
    const utf8 = parseUnitList(Buffer.from(text));
    const gbk = parseUnitList(iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk'));
    expect(gbk).toEqual(utf8);
    expect(utf8.units.map((u) => u.name)).toEqual(UNITS.map((u) => u.name));
    expect(utf8.units[0]).toMatchObject({ creditCode: UNITS[0]!.creditCode, kind: 'department', group: '县直' });
    expect(utf8.problems).toEqual([
      expect.stringMatching(/^第 5 行：“测试县财政局”的统一社会信用代码.*校验位不符/),
      expect.stringMatching(/^第 6 行：“测试县教育局”与第 2 行重复/),
      expect.stringMatching(/^第 7 行：“测试县水利局”的机关类型“水利部门”不是以下之一/),
      expect.stringMatching(/^第 8 行：单位名称为空/),
    ]);
  });

  test('a workbook list with a title row above the headings, columns in another order, 上级 for the group', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['2024年度政府信息公开工作年度报告报送单位名单']);
    ws.addRow(['序号', '机关类型', '单位名称', '上级', '联系人', '联系电话', '统一社会信用代码']);
    ws.addRow([1, '政府部门及其他机关', ' 测试县教育局 ', '县直', '张三', '0571-1234567', UNITS[0]!.creditCode]);
    ws.addRow([2, '乡镇人民政府、街道办事处', '测试县城关镇人民政府', '乡镇', '', '', '']);
    const list = parseUnitList(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(list.problems).toEqual([]);
    expect(list.units).toEqual([
      { name: '测试县教育局', row: 3, creditCode: UNITS[0]!.creditCode, kind: 'department', group: '县直', contact: '张三', phone: '0571-1234567' },
      { name: '测试县城关镇人民政府', row: 4, kind: 'township', group: '乡镇' },
    ]);
  });
});

describe('xxgk server and xxgk submit', () => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    s = await startServer('embedded');
    dir = mkdtempSync(join(tmpdir(), 'xxgk-cmd-'));
  });
  afterAll(async () => s?.close());

  const edu = UNITS[0]!;
  const reportFile = async (changes: Record<string, number> = {}) => {
    const all = withText(consistentReport('2021', Array.from({ length: 400 }, (_, i) => i % 11)));
    const r = withCells(all, { ...Object.fromEntries(getFormat('2021').cells.filter((c) => c.table === 't2' && c.row === 'rules').map((c) => [c.id, 0])), ...changes });
    const report = { ...r, metadata: { ...r.metadata, agencyName: edu.name, agencyKind: 'department', creditCode: edu.creditCode } } as Report;
    const file = join(dir, `教育局-${Object.keys(changes).length}.xlsx`);
    writeFileSync(file, await filledBuffer(report));
    return file;
  };

  test('submit: 0 accepted, 1 stored with errors, 2 refused or unreachable — each with the reason', async () => {
    const good = await reportFile();
    const bad = await reportFile({ 't4.review.upheld': 999 });
    const code = s.codes.get(edu.name)!;
    const withErrors = xxgk(['submit', bad, '--server', s.origin, '--code', code]);
    expect(withErrors.status).toBe(1);
    expect(withErrors.stdout).toContain('尚未计为已报送');
    expect(withErrors.stdout).toMatch(/错误 表四!/);
    const ok = xxgk(['submit', good, '--server', s.origin, '--code', code.toLowerCase().replace(/-/g, ' ')]);
    expect(ok.stderr).toContain('本机校验：通过');
    expect(ok.stdout).toContain('已报送 2024 年度报告');
    expect(ok.status).toBe(0);
    const other = xxgk(['submit', good, '--server', s.origin, '--code', s.codes.get(UNITS[1]!.name)!]);
    expect(other.status).toBe(2);
    expect(other.stdout).toContain('不能替其他单位报送');
    const down = xxgk(['submit', good, '--server', 'http://127.0.0.1:9', '--code', code]);
    expect(down.status).toBe(2);
    expect(down.stderr).toContain('无法连接报送服务器');
  });

  test('a reset code replaces the old one at once; status and backup work while the server is stopped; a backup restores the same statuses', async () => {
    const data = s.where.data!;
    const busy = xxgk(['server', 'status', '--data', data]);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain('正由另一个进程');
    await s.kill();
    const again = xxgk(['server', 'init', '--data', data]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('已经初始化过');
    const reset = xxgk(['server', 'units', '--reset', UNITS[1]!.name, '--data', data, '--json']);
    expect(reset.status).toBe(0);
    const { code } = (JSON.parse(reset.stdout) as { code: string }[])[0]!;
    expect(code).not.toBe(s.codes.get(UNITS[1]!.name));
    const status = xxgk(['server', 'status', '--data', data, '--json']);
    const rows = JSON.parse(status.stdout).units as { name: string; status: string }[];
    expect(rows.find((r) => r.name === edu.name)!.status).toBe('submitted');
    const backup = join(dir, 'backup.tgz');
    expect(xxgk(['server', 'backup', '-o', backup, '--data', data]).status).toBe(0);
    const restored = join(dir, 'restored');
    const r = xxgk(['server', 'restore', backup, '--data', restored]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(xxgk(['server', 'status', '--data', restored, '--json']).stdout).units).toEqual(rows);
    expect(xxgk(['server', 'restore', backup, '--data', restored]).stderr).toContain('已有数据库');
    await s.restart();
    const old = await s.call('POST', '/api/submit', { headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${s.codes.get(UNITS[1]!.name)}` }, body: new Uint8Array([1]) });
    expect(old.statusCode).toBe(401);
    const fresh = await s.call('GET', '/api/unit', { headers: { authorization: `Bearer ${code}` } });
    expect(fresh.json().unit).toBe(UNITS[1]!.name);
  });
});

describe('xxgk serve --public-url', () => {
  let s: TestServer;
  beforeAll(async () => {
    const web = mkdtempSync(join(tmpdir(), 'xxgk-web-'));
    copyFileSync(join(__dirname, '../../manifest.xml'), join(web, 'manifest.xml'));
    mkdirSync(join(web, 'assets'));
    const wps = mkdtempSync(join(tmpdir(), 'xxgk-wps-'));
    mkdirSync(join(wps, `xxgk_${VERSION}`));
    writeFileSync(join(wps, `xxgk_${VERSION}`, 'ribbon.xml'), '<customUI/>');
    s = await startServer('embedded', ['--web', web, '--wps', wps, '--public-url', 'https://xxgk.example.gov.cn/zwgk/']);
  });
  afterAll(async () => s?.close());

  test("/manifest.xml points Excel at the server's public address and passes Microsoft's XSDs", async () => {
    const r = await s.call('GET', '/manifest.xml');
    expect(r.statusCode).toBe(200);
    const xml = r.body.toString('utf8');
    expect(xml).toContain('https://xxgk.example.gov.cn/zwgk/taskpane.html');
    expect(xml).not.toContain('localhost');
    expect(await manifestErrors(xml)).toEqual([]);
  });

  test("/wps/jsplugins.xml points WPS's online deployment at the add-in folder the same server serves", async () => {
    const r = await s.call('GET', '/wps/jsplugins.xml');
    expect(r.statusCode).toBe(200);
    const url = /url="([^"]+)"/.exec(r.body.toString('utf8'))![1]!;
    expect(url).toBe(`https://xxgk.example.gov.cn/zwgk/wps/xxgk_${VERSION}/`);
    // The folder it names is served under that path.
    expect((await s.call('GET', `/wps/xxgk_${VERSION}/ribbon.xml`)).body.toString()).toBe('<customUI/>');
  });
});
