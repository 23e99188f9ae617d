import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';

jest.setTimeout(180_000);

describe('webpack build of the add-in', () => {
  const out = mkdtempSync(join(tmpdir(), 'xxgk-build-'));
  beforeAll(() => {
    execFileSync('npx', ['webpack', '--mode', 'production', '--env', `outDir=${out}`, '--env', 'baseUrl=https://xxgk.example.gov.cn/addin/'], {
      cwd: join(__dirname, '../..'),
      stdio: 'pipe',
    });
  });

  test('taskpane.html: boot.js (blocking, brings office.js inside Office), then functions.js and taskpane.js on the one runtime', () => {
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script([^>]*)\ssrc="?([^"\s>]+)/g)].map((m) => [m[2], /\bdefer\b/.test(m[1]!)]);
    expect(scripts).toEqual([
      ['boot.js', false],
      ['functions.js', true],
      ['taskpane.js', true],
    ]);
    expect(readFileSync(join(out, 'boot.js'), 'utf8')).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
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

  test('the task pane does not carry the workbook reader: ExcelJS is a chunk of its own', () => {
    const gz = (f: string) => gzipSync(readFileSync(join(out, f))).length;
    expect(gz('functions.js') + gz('taskpane.js')).toBeLessThan(60 * 1024);
    const big = readdirSync(out).filter((f) => f.endsWith('.js') && readFileSync(join(out, f)).length > 500_000);
    expect(big).toHaveLength(1);
    expect(readFileSync(join(out, 'taskpane.js'), 'utf8')).not.toMatch(/exceljs/i);
  });
});
