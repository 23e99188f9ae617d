import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { manifestErrors } from '../helpers/manifest-xsd';
import { builtAddin } from '../helpers/built-addin';

jest.setTimeout(180_000);

// Where Microsoft documents office.js since September 2026 (office-js-docs-pr #5882).
const GLOBAL_CDN = 'https://officeapis.public.onecdn.static.microsoft/1/office.js';
const CHINA_CDN = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';

const build = (...env: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-build-'));
  execFileSync('npx', ['webpack', '--mode', 'production', '--env', `outDir=${dir}`, ...env.flatMap((e) => ['--env', e])], { cwd: join(__dirname, '../..'), stdio: 'pipe' });
  return dir;
};
const scriptsOf = (html: string) => [...html.matchAll(/<script([^>]*)\ssrc="?([^"\s>]+)/g)].map((m) => [m[2], /\bdefer\b/.test(m[1]!)]);
const cspOf = (html: string) => /Content-Security-Policy"? content="([^"]+)"/.exec(html)![1]!;
const head = (html: string) => html.slice(0, html.indexOf('</head>'));

describe('webpack build of the add-in', () => {
  let out = '';
  beforeAll(() => {
    out = build('baseUrl=https://xxgk.example.gov.cn/addin/');
  });

  test('help.html (使用说明) has a picture for every step, each present in the build, and links to the 审核规则说明 there', () => {
    const help = readFileSync(join(out, 'help.html'), 'utf8');
    // The build minifies pages: attribute values lose their quotes.
    const steps = [...help.matchAll(/<section id="?s\d"?>([\s\S]*?)<\/section>/g)].map((m) => m[1]!);
    expect(steps).toHaveLength(9);
    for (const step of steps) expect(step).toMatch(/<img src="?assets\/help\/[\w-]+\.png/);
    const images = [...help.matchAll(/<img src="?([^"\s>]+)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(9);
    for (const src of images) expect([src, existsSync(join(out, src))]).toEqual([src, true]);
    expect(help).toMatch(/href="?rules\.html/);
    expect(readFileSync(join(out, 'rules.html'), 'utf8')).toMatch(/id="?T3-BALANCE/);
  });

  test('taskpane.html loads office.js by a plain tag in <head>, then functions.js and taskpane.js on the one runtime; the CSP allows exactly that CDN', () => {
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    expect(scriptsOf(head(html))).toEqual([
      [GLOBAL_CDN, false],
      ['functions.js', true],
      ['taskpane.js', true],
    ]);
    expect(cspOf(html)).toMatch(/script-src 'self' https:\/\/officeapis\.public\.onecdn\.static\.microsoft;/);
    expect(cspOf(html).match(/https:\/\/[^\s;]+/g)!.every((u) => u === 'https://officeapis.public.onecdn.static.microsoft')).toBe(true);
    // No URL sniffing, no document.write: Office starts the pane through Office.onReady.
    for (const f of ['taskpane.js', 'functions.js']) expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/_host_Info|document\.write/);
    expect(readFileSync(join(out, 'taskpane.js'), 'utf8')).toContain('onReady');
  });

  test('validator.html: its own script only, never office.js, and a CSP that allows nothing outside its origin', () => {
    const html = readFileSync(join(out, 'validator.html'), 'utf8');
    expect(scriptsOf(html)).toEqual([['validator.js', true]]);
    expect(html).not.toMatch(/office\.js|appsforoffice/);
    expect(readFileSync(join(out, 'validator.js'), 'utf8')).not.toMatch(/office\.js|appsforoffice|Office\.onReady/);
    expect(cspOf(html)).not.toMatch(/https?:/);
  });

  test('built with officeJs=china (Microsoft 365 operated by 21Vianet): the task pane loads office.js from that CDN and the CSP allows only it', () => {
    const china = build('officeJs=china');
    const html = readFileSync(join(china, 'taskpane.html'), 'utf8');
    expect(scriptsOf(head(html))[0]).toEqual([CHINA_CDN, false]);
    expect(cspOf(html)).toContain('https://appsforoffice.cdn.partner.office365.cn');
    expect(html).not.toContain('appsforoffice.microsoft.com');
    expect(() => build('officeJs=http://example.com/office.js')).toThrow();
  });

  test('officeJs=local serves office.js from the add-in’s folder and the CSP names no outside origin', () => {
    const local = build('officeJs=local');
    const html = readFileSync(join(local, 'taskpane.html'), 'utf8');
    expect(scriptsOf(head(html))[0]).toEqual(['office-js/office.js', false]);
    expect(cspOf(html)).not.toMatch(/https?:/);
    // office.js loads the host's own files from beside it: they are there, the debug builds are not.
    expect(existsSync(join(local, 'office-js', 'office.js'))).toBe(true);
    expect(readdirSync(join(local, 'office-js')).filter((f) => /^excel-win32-16\.\d+\.js$/.test(f)).length).toBeGreaterThan(0);
    expect(readdirSync(join(local, 'office-js')).some((f) => f.endsWith('.debug.js'))).toBe(false);
    // Microsoft's files as they are (not minified again), and no telemetry script among them.
    expect(readFileSync(join(local, 'office-js', 'office.js')).equals(readFileSync(require.resolve('@microsoft/office-js/dist/office.js')))).toBe(true);
    expect(existsSync(join(local, 'office-js', 'ariatelemetry'))).toBe(false);
  });

  test('every manifest the build writes is valid against Microsoft\'s XSDs: the development one and one for a base URL', async () => {
    expect(await manifestErrors(readFileSync(join(out, 'manifest.xml'), 'utf8'))).toEqual([]);
    // The default build (no base URL): the one the browser tests share, built once per run.
    const dev = await builtAddin();
    expect(readFileSync(join(dev, 'manifest.xml'), 'utf8')).toContain('https://localhost:3000/taskpane.html');
    expect(await manifestErrors(readFileSync(join(dev, 'manifest.xml'), 'utf8'))).toEqual([]);
  });

  test('functions.json is generated with the four functions; the manifest points at the base URL', () => {
    const meta = JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    expect(meta.functions.map((f) => f.id)).toEqual(['ROWTOTAL', 'BALANCE', 'CHECK', 'JSON']);
    const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(manifest).toContain('https://xxgk.example.gov.cn/addin/functions.json');
    expect(manifest).not.toContain('localhost');
  });

  test('assets are copied: templates, icons, samples', () => {
    for (const f of ['assets/template-2021.xlsx', 'assets/template-2019.xlsx', 'assets/icons/icon-80.png', 'assets/samples/example-2021-mistakes.xlsx']) {
      expect([f, existsSync(join(out, f))]).toEqual([f, true]);
    }
  });

  test('the pages read workbooks with the streaming reader: ExcelJS only in the chunk loaded on demand for writing; the task pane stays small', () => {
    const gz = (f: string) => gzipSync(readFileSync(join(out, f))).length;
    // 65 KB gzip: the in-Excel path (the model, the reader, hints with their evidence, the probe for a 报送 server); the
    // published-report and foreign-workbook readers and the 报送 code itself load apart.
    expect(gz('functions.js') + gz('taskpane.js')).toBeLessThan(65 * 1024);
    const scripts = readdirSync(out).filter((f) => f.endsWith('.js'));
    const entries = ['functions.js', 'taskpane.js', 'validator.js', 'open-worker.js'];
    const withExcelJS = scripts.filter((f) => /ExcelJS|exceljs/.test(readFileSync(join(out, f), 'utf8')));
    // Writing (下载模板 with the year filled in, 下载改正后的工作簿) loads it; opening and validating never does.
    expect(withExcelJS.length).toBeGreaterThan(0);
    expect(withExcelJS.filter((f) => entries.includes(f))).toEqual([]);
    expect(scripts.filter((f) => !withExcelJS.includes(f) && readFileSync(join(out, f)).length > 500_000)).toEqual([]);
    expect(readFileSync(join(out, 'validator.js'), 'utf8')).not.toMatch(/exceljs/i);
    expect(readFileSync(join(out, 'taskpane.js'), 'utf8')).not.toMatch(/exceljs/i);
  });
});
