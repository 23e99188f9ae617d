import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fromSubmission } from '../../src/model';
import { runCli } from '../helpers/cli';

const samples = join(__dirname, '../../assets/samples');

const run = runCli;

describe('xxgk validate', () => {
  test('the 2021 example with deliberate mistakes: exactly the expected rules and cells (the suspect first), exit 1', async () => {
    const r = await run('validate', '--json', join(samples, 'example-2021-mistakes.json'));
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.issues.map((i: { ruleId: string; cells: string[] }) => [i.ruleId, i.cells[0]])).toEqual([
      ['T2-RULES-AUTHORITY', 't2.rules.issued'],
      ['CELL-TEXT', 't2.penalty.decisions'],
      // One wrong 三（七）总计 · 自然人 explains three sums: each names it first.
      ['T3-BALANCE', 't3.resultTotal.natural'],
      ['T3-RESULT-TOTAL', 't3.resultTotal.natural'],
      ['T3-ROW-TOTAL', 't3.resultTotal.natural'],
      ['T4-GROUP-TOTAL', 't4.review.total'],
      ['NARRATIVE-FIGURES', 't4.review.total'],
      ['NARRATIVE-PARTS-UNACCOUNTED', undefined],
    ]);
    expect(result.hints.map((h: { cell: string; suggested: number; confident: boolean }) => [h.cell, h.suggested, h.confident])).toEqual([
      ['t3.resultTotal.natural', 14, true],
      // The narrative says 行政复议2件: the typed-over 表四 总计 is named, with that as its evidence.
      ['t4.review.total', 2, true],
    ]);
    // The suspect is one of the cells of each sum, and every cell of the sum is there.
    const balance = result.issues.find((i: { ruleId: string }) => i.ruleId === 'T3-BALANCE');
    expect([...balance.cells].sort()).toEqual(['t3.carriedOver.natural', 't3.carryForward.natural', 't3.new.natural', 't3.resultTotal.natural']);
    expect(balance.rootCause).toBe('t3.resultTotal.natural');
  });

  test('human-readable Chinese output; the corrected example passes; one unreadable file does not stop the others', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'xxgk-')), 'broken.json');
    writeFileSync(bad, '{"format": "2021", "metadata": ');
    const r = await run('validate', join(samples, 'example-2021-corrected.json'), bad, join(samples, 'xiangshan-hrss-2020.json'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('示例县自然资源局 · 政府部门及其他机关 · 2024 年度 · 2021 版格式');
    expect(r.out).toContain('结果：通过（0 个错误，0 个警告，1 个提示）');
    expect(r.out).toContain('broken.json：不是有效的 JSON 文件');
    expect(r.out).toContain('相山区人力资源和社会保障局');
  });

  test('--previous runs the cross-year rules', async () => {
    const r = await run('validate', '--json', '--previous', join(samples, 'xiangshan-hrss-2020.json'), join(samples, 'example-2021-corrected.json'));
    const result = JSON.parse(r.out);
    expect(result.issues.map((i: { ruleId: string }) => i.ruleId)).toEqual(expect.arrayContaining(['XY-YEAR', 'XY-CARRY']));
  });

  test('no arguments or an unknown command: help and exit 2', async () => {
    expect((await run()).code).toBe(2);
    const r = await run('frobnicate', 'x');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('未知命令')]);
    expect((await run('--help')).out).toContain('用法 / usage');
  });
});

describe('xxgk export', () => {
  test('writes a submission that imports back to the same report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'xxgk-')), 'report.json');
    const r = await run('export', join(samples, 'example-2021-corrected.json'), '-o', out);
    expect(r.code).toBe(0);
    const back = fromSubmission(JSON.parse(readFileSync(out, 'utf8')));
    expect(back.ok && back.value.report).toEqual(JSON.parse(readFileSync(join(samples, 'example-2021-corrected.json'), 'utf8')));
    // …and the exported file is itself a valid input.
    expect((await run('validate', out)).code).toBe(0);
  });
});

describe('xxgk aggregate / import / render', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'xxgk-pub-'));

  test('aggregate of a folder with mixed years is refused, listing the files (exit 2)', async () => {
    const r = await run('aggregate', samples, '-o', join(dir(), 'sum.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('这些报告的年度或格式不一致，不能汇总');
    expect(r.err).toContain('xiangshan-hrss-2020.json');
  });

  test('aggregate writes the sum and says which units were left out', async () => {
    const out = join(dir(), '汇总.json');
    const r = await run('aggregate', join(samples, 'example-2021-corrected.json'), join(samples, 'example-2021-mistakes.xlsx'), '-o', out, '--kind', 'county');
    expect(r.code).toBe(0);
    expect(r.out).toContain('未计入：example-2021-mistakes.xlsx（示例县自然资源局）同一单位另有 example-2021-corrected.json 计入');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.report.metadata).toMatchObject({ agencyName: '汇总（1 个单位）', agencyKind: 'county', year: 2024 });
    expect(doc.validation.valid).toBe(true);
  });

  test('aggregate -o naming a unit’s own file, given or inside the folder, is refused before anything is read; the file stays byte for byte', async () => {
    const d = dir();
    for (const f of ['example-2021-corrected.json', 'example-2021-mistakes.xlsx']) copyFileSync(join(samples, f), join(d, f));
    const unit = join(d, 'example-2021-mistakes.xlsx');
    const before = readFileSync(unit);
    for (const args of [[d, '-o', unit], [join(d, 'example-2021-corrected.json'), unit, '-o', unit]]) {
      const r = await run('aggregate', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/输出文件 .*example-2021-mistakes\.xlsx 是要汇总的(单位报告之一|输入文件)/);
      expect(readFileSync(unit).equals(before)).toBe(true);
    }
    // An earlier 汇总 in the folder may be replaced, and is not summed.
    const sum = join(d, '汇总.xlsx');
    expect((await run('aggregate', d, '-o', sum, '--prefer', 'newest')).code).toBeLessThan(2);
    const again = await run('aggregate', d, '-o', sum, '--prefer', 'newest');
    expect(again.code).toBeLessThan(2);
    expect(again.err).not.toContain('是要汇总的');
  });

  test('import a published text, then render it as HTML and Word', async () => {
    const d = dir();
    const imported = join(d, 'report.json');
    const r = await run('import', join(__dirname, '../fixtures/published/xiangshan-hrss-2020-report.txt'), '-o', imported, '--kind', 'department');
    expect([r.code, r.out]).toEqual([0, expect.stringContaining('已导入 相山区人力资源和社会保障局 2020 年度（2019 版格式）')]);
    expect((await run('validate', imported)).code).toBe(0);
    expect((await run('render', imported, '--html', '-o', join(d, 'r.html'))).code).toBe(0);
    expect(readFileSync(join(d, 'r.html'), 'utf8')).toContain('<h1>相山区人力资源和社会保障局2020年政府信息公开工作年度报告</h1>');
    expect((await run('render', imported, '--docx', '-o', join(d, 'r.docx'))).code).toBe(0);
    expect(readFileSync(join(d, 'r.docx')).subarray(0, 2).toString()).toBe('PK');
    expect((await run('import', join(d, 'missing.txt'), '-o', join(d, 'x.json'))).code).toBe(2);
  });
});

describe('cover-sheet issues point at their cell', () => {
  test('a wrong 统一社会信用代码 and a missing 机关类型: each issue names its 基本信息 cell, from a workbook and from JSON', async () => {
    const { getLayout, sheetAddress } = await import('../../src/sheet/layout');
    const { readFileSync, writeFileSync, mkdtempSync } = await import('fs');
    const { tmpdir } = await import('os');
    const report = JSON.parse(readFileSync(join(samples, 'example-2021-corrected.json'), 'utf8'));
    report.metadata.creditCode = '123';
    delete report.metadata.agencyKind;
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-meta-'));
    writeFileSync(join(dir, 'r.json'), JSON.stringify(report));
    const at = (field: string) => sheetAddress(getLayout('2021').meta.find((m) => m.field === field)!);
    for (const file of [join(dir, 'r.json')]) {
      const r = await run('validate', '--json', file);
      const issues = JSON.parse(r.out).issues as { ruleId: string; address?: string }[];
      expect(issues.find((i) => i.ruleId === 'META-CREDIT-CODE')!.address).toBe(at('creditCode'));
      expect(issues.find((i) => i.ruleId === 'META-REQUIRED')!.address).toBe(at('agencyKind'));
    }
    const { fillTemplate } = await import('../../src/workbook/fill');
    const { toBuffer } = await import('../helpers/workbooks');
    writeFileSync(join(dir, 'r.xlsx'), await toBuffer(fillTemplate(report)));
    const x = JSON.parse((await run('validate', '--json', join(dir, 'r.xlsx'))).out).issues as { ruleId: string; address?: string }[];
    expect(x.find((i) => i.ruleId === 'META-CREDIT-CODE')!.address).toBe(at('creditCode'));
  });
});
