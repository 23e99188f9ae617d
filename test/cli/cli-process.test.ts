/**
 * The command line as a separate process, as users and scripts run it: piped output, exit codes,
 * output files, many files on worker threads, folders with links.
 */
import { spawn, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { VERSION } from '../../src/version';

jest.setTimeout(180_000);

const root = join(__dirname, '../..');
const samples = join(root, 'assets/samples');
const TSX = [require.resolve('tsx/cli')];
const CLI = join(root, 'src/cli/main.ts');
const xxgk = (args: string[], cwd = root) => spawnSync(process.execPath, [...TSX, CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** A folder of copies of the corrected example (one with mistakes), as a supervising office receives them. */
function folderOfReports(n: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
  const files = Array.from({ length: n }, (_, i) => {
    const f = join(dir, `unit-${String(i).padStart(3, '0')}.xlsx`);
    copyFileSync(join(samples, i === 3 ? 'example-2021-mistakes.xlsx' : 'example-2021-corrected.xlsx'), f);
    return f;
  });
  return { dir, files };
}

describe('xxgk as a process', () => {
  test('workbooks not made from the template, on worker threads running the sources: read by their labels, none unreadable', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(samples, 'example-2021-corrected.xlsx')) as unknown as ArrayBuffer);
    // The template's marker gone (tables copied into a new workbook): only the labels are left to go by.
    wb.removeWorksheet(wb.getWorksheet('_xxgk')!.id);
    wb.definedNames.remove("'_xxgk'!$B$1", 'XXGK_FORMAT');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-foreign-'));
    const files = Array.from({ length: 24 }, (_, i) => join(dir, `u${i}.xlsx`));
    for (const f of files) writeFileSync(f, buf);
    const r = xxgk(['validate', '--jobs', '2', ...files]);
    expect(r.stdout).not.toContain('无法读取');
    expect(r.stdout.match(/通过/g)!.length).toBeGreaterThanOrEqual(24);
  });

  test('a reader that closes early (validate … | head -1): the first line, and no stack trace', () => {
    const { files } = folderOfReports(12);
    const cmd = [process.execPath, ...TSX, CLI, 'validate', ...files].map((x) => `'${x}'`).join(' ');
    const r = spawnSync('sh', ['-c', `${cmd} | head -1`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at \w/);
  });

  test('render of a report with errors: a 草稿 document and exit 1; --force writes it unmarked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-render-'));
    const draft = xxgk(['render', join(samples, 'example-2021-mistakes.json'), '--html', '-o', join(dir, 'r.html')]);
    expect(draft.status).toBe(1);
    expect(draft.stderr).toMatch(/报告仍有 \d+ 个错误/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('草稿：校验仍有');
    const forced = xxgk(['render', join(samples, 'example-2021-mistakes.json'), '--html', '-o', join(dir, 'f.html'), '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, 'f.html'), 'utf8')).not.toContain('草稿');
    expect(xxgk(['render', join(samples, 'example-2021-corrected.json'), '--html', '-o', join(dir, 'c.html')]).status).toBe(0);
  });

  test('the version comes from one constant, equal to package.json’s', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(xxgk(['--version']).stdout.trim()).toBe(VERSION);
  });

  test('validate of many files on worker threads prints exactly what one thread prints, in the files’ order', () => {
    const { files } = folderOfReports(24);
    const one = xxgk(['validate', '--json', '--jobs', '1', ...files]);
    const two = xxgk(['validate', '--json', '--jobs', '2', ...files]);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual(files);
    expect(xxgk(['validate', '--jobs', '0', files[0]!]).stderr).toMatch(/--jobs 应为 1 到 64 之间的整数/);
  });

  test('--json of 150 files piped into a reader that starts late arrives whole', async () => {
    const { files } = folderOfReports(150);
    const child = spawn(process.execPath, [...TSX, CLI, 'validate', '--json', ...files], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    // Nothing is read for a while: the pipe fills and the CLI has to wait for it.
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 3000));
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (text += d));
    child.stdout.resume();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(1);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(150);
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(lines.map((l) => JSON.parse(l).file)).toEqual(files);
  });

  test('export never writes over its input, into a folder or a missing folder: a Chinese message, exit 2, the file intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-out-'));
    const input = join(dir, 'a.xlsx');
    copyFileSync(join(samples, 'example-2021-corrected.xlsx'), input);
    const before = readFileSync(input);
    const same = xxgk(['export', input, '-o', input]);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/就是输入文件/);
    expect(readFileSync(input).equals(before)).toBe(true);
    const folder = xxgk(['export', input, '-o', dir]);
    expect([folder.status, folder.stderr]).toEqual([2, expect.stringMatching(/是一个文件夹/)]);
    const missing = xxgk(['export', input, '-o', join(dir, 'nope', 'x.json')]);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringMatching(/文件夹 .* 不存在/)]);
    for (const r of [same, folder, missing]) expect(r.stderr).not.toMatch(/EISDIR|ENOENT|内部错误/);
    const ok = xxgk(['export', input, '-o', join(dir, 'a.json')]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).kind).toBe('xxgk-annual-report');
  });

  test('aggregate into its own folder twice gives the same sums; links to the folder and outside it are not followed', () => {
    const { dir } = folderOfReports(6);
    symlinkSync(dir, join(dir, 'loop'));
    symlinkSync('.', join(dir, 'loop2'));
    symlinkSync('/usr', join(dir, 'system'));
    symlinkSync(join(dir, 'unit-000.xlsx'), join(dir, 'same-file.xlsx'));
    const out = join(dir, '汇总.json');
    const first = xxgk(['aggregate', dir, '-o', out]);
    expect(first.stderr).not.toMatch(/内部错误/);
    const sums = JSON.parse(readFileSync(out, 'utf8'));
    const second = xxgk(['aggregate', dir, '-o', out]);
    expect(second.status).toBe(first.status);
    const again = JSON.parse(readFileSync(out, 'utf8'));
    expect(again.report.tables).toEqual(sums.report.tables);
    expect(sums.units.map((u: { source: string }) => u.source)).toEqual(['unit-000.xlsx', 'unit-001.xlsx', 'unit-002.xlsx', 'unit-003.xlsx', 'unit-004.xlsx', 'unit-005.xlsx']);
  });

  test('aggregate on worker threads gives what one thread gives: a 汇总 workbook in the folder is left out either way', () => {
    const { dir } = folderOfReports(12);
    expect(xxgk(['aggregate', dir, '-o', join(dir, '汇总.xlsx')]).stderr).not.toMatch(/内部错误/);
    const outs = ['1', '2'].map((jobs) => {
      const out = join(mkdtempSync(join(tmpdir(), 'xxgk-agg-')), 'sum.json');
      xxgk(['aggregate', dir, '--jobs', jobs, '-o', out]);
      return JSON.parse(readFileSync(out, 'utf8')) as { report: { tables: unknown }; units: { source: string; included?: boolean }[] };
    });
    expect(outs[1]!.report.tables).toEqual(outs[0]!.report.tables);
    expect(outs[1]!.units).toEqual(outs[0]!.units);
    expect(outs[0]!.units.find((u) => u.source === '汇总.xlsx')).toEqual(expect.objectContaining({ included: false, excluded: 'aggregate' }));
  });

  test('a fresh folder for -o is not created on the fly; a folder that exists is fine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-tpl-'));
    mkdirSync(join(dir, 'sub'));
    expect(xxgk(['template', '--format', '2021', '-o', join(dir, 'sub', 't.xlsx')]).status).toBe(0);
    expect(statSync(join(dir, 'sub', 't.xlsx')).size).toBeGreaterThan(5000);
    expect(xxgk(['template', '--format', '2021', '-o', join(dir, 'none', 't.xlsx')]).status).toBe(2);
    expect(existsSync(join(dir, 'none'))).toBe(false);
    writeFileSync(join(dir, 'keep.txt'), 'x');
  });
});
