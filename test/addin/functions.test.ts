import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { join } from 'path';
import { toSubmission, validate, type Report } from '../../src/model';
import { getLayout } from '../../src/sheet/layout';
import { tableArea } from '../../src/functions/ranges';
import { consistentReport, withCells } from '../helpers/reports';
import { installCustomFunctionsGlobal } from '../helpers/custom-functions';
import { excelBookOf } from '../helpers/excel-host';
import { fakeExcel } from '../helpers/fake-excel';

installCustomFunctionsGlobal();
// Loaded after the global exists, as in Excel.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fn = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

/** The ranges Excel passes for a report laid out in the template: blanks as "". */
function ranges(report: Report): { t2: unknown[][]; t3: unknown[][]; t4: unknown[][]; info: unknown[][] } {
  const layout = getLayout(report.format);
  const grid = (table: 't2' | 't3' | 't4') => {
    const a = tableArea(layout, table);
    const m: unknown[][] = Array.from({ length: a.rows }, () => Array(a.cols).fill(''));
    for (const [id, p] of layout.cells) {
      if (!id.startsWith(`${table}.`)) continue;
      const [, row, col] = /^t\d\.(.+)\.([^.]+)$/.exec(id)!;
      const v = (report.tables as unknown as Record<string, Record<string, Record<string, unknown>>>)[table]![row!]?.[col!];
      m[p.row - a.top]![p.col - a.left] = v === null || v === undefined ? '' : v;
    }
    return m;
  };
  const info = [['测试市人民政府'], ['设区的市、自治州人民政府'], [''], [report.metadata.year ?? ''], ['张三'], ['0551-12345678'], [45672]];
  return { t2: grid('t2'), t3: grid('t3'), t4: grid('t4'), info };
}

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));

describe('custom functions', () => {
  test('ROWTOTAL sums a row or a column; blanks and text count as 0, numbers typed as text count', () => {
    expect(fn.rowTotal([[1, 2, '', '无', 3]])).toBe(6);
    expect(fn.rowTotal([[1], ['１２'], [null]])).toBe(13);
  });

  test('ROWTOTAL refuses a block with #VALUE! and a message', () => {
    expect(() => fn.rowTotal([[1, 2], [3, 4]])).toThrow(expect.objectContaining({ code: '#VALUE!', message: 'ROWTOTAL 只接受一行或一列单元格' }));
  });

  test('BALANCE: 0 in every column of a consistent 表三; the difference where it breaks', () => {
    expect(fn.balance(ranges(base).t3)).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    const broken = withCells(base, { 't3.carryForward.research': (base.tables.t3.carryForward!.research as number) + 2 });
    expect(fn.balance(ranges(broken).t3)).toEqual([[0, 0, -2, 0, 0, 0, 0]]);
    // The 2019 table has two rows fewer and is recognised by its shape.
    expect(fn.balance(ranges(consistentReport('2019', [4, 4, 4])).t3)).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
  });

  test('BALANCE refuses a wrongly shaped range', () => {
    expect(() => fn.balance([[1, 2, 3]])).toThrow(expect.objectContaining({ code: '#VALUE!', message: expect.stringContaining('表三的区域应为 23 行 × 7 列（2019 版）或 25 行 × 7 列（2021 版）') }));
  });

  test('CHECK: “通过”, or the count and the first messages, as the task pane would report them', () => {
    const r = ranges(base);
    expect(fn.check(r.t2, r.t3, r.t4)).toBe('通过');
    const broken = withCells(base, { 't4.review.total': 99, 't3.new.natural': '无' });
    const b = ranges(broken);
    const expected = validate(broken).issues.filter((i) => i.severity === 'error' && i.area !== 'meta');
    const text = fn.check(b.t2, b.t3, b.t4);
    expect(text.startsWith(`${expected.length} 个错误：${expected[0]!.message}`)).toBe(true);
    expect(text).toContain('填的是文字“无”');
  });

  test('CHECK treats blanks as the model does: a blank cell is an error', () => {
    const r = ranges(withCells(base, { 't2.license.decisions': null }));
    expect(fn.check(r.t2, r.t3, r.t4)).toMatch(/^1 个错误：表二 行政许可 · 本年处理决定数量：未填写/);
  });

  test('CHECK refuses a table 二 range of the other format', () => {
    const r = ranges(base);
    expect(() => fn.check(r.t2.slice(0, 5), r.t3, r.t4)).toThrow(expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(/^表二的区域应为/) }));
  });

  test('JSON: the submission document of the cover and the three tables', () => {
    const r = ranges(base);
    const doc = JSON.parse(fn.json(r.info, r.t2, r.t3, r.t4));
    expect(doc.tables).toEqual(JSON.parse(JSON.stringify(toSubmission(base))).tables);
    expect(doc.metadata).toEqual({ agencyName: '测试市人民政府', agencyKind: 'city', year: 2024, preparer: '张三', phone: '0551-12345678', date: '2025-01-15' });
    expect(doc.validation.valid).toBe(true);
    expect(() => fn.json([['a'], ['b']], r.t2, r.t3, r.t4)).toThrow(expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(/^基本信息的区域应为 7 个单元格/) }));
  });

  test('on the strict Excel: the ranges as Excel passes them from the template (totals recalculated) give CHECK, BALANCE and JSON', async () => {
    const broken = withCells(base, { 't3.carryForward.research': (base.tables.t3.carryForward!.research as number) + 2 });
    for (const [report, check] of [
      [base, '通过'],
      // The broken report's 四 total was left as it was: a typed-over total, so two sums fail.
      [broken, /^2 个错误：表三 科研机构列：一\+二=68/],
    ] as const) {
      const excel = fakeExcel(await excelBookOf(report)).Excel as { run<T>(cb: (c: Excel.RequestContext) => Promise<T>): Promise<T> };
      const values = await excel.run(async (context) => {
        const ranges = ['XXGK_META_AGENCYNAME', 'XXGK_T2', 'XXGK_T3', 'XXGK_T4'].map((n) => {
          const r = n === 'XXGK_META_AGENCYNAME' ? context.workbook.worksheets.getItem('基本信息').getRange('B3:B9') : n === 'XXGK_T2' ? context.workbook.worksheets.getItem('表二').getRange('B4:D15') : context.workbook.names.getItem(n).getRange();
          r.load('values');
          return r;
        });
        await context.sync();
        return ranges.map((r) => r.values);
      });
      const [info, t2, t3, t4] = values as [unknown[][], unknown[][], unknown[][], unknown[][]];
      expect(fn.check(t2, t3, t4)).toMatch(check);
      expect(fn.balance(t3).flat().some((d) => d !== 0)).toBe(report === broken);
      expect(JSON.parse(fn.json(info, t2, t3, t4)).tables).toEqual(JSON.parse(JSON.stringify(toSubmission(report))).tables);
    }
  });

  test('functions.json generated from the JSDoc: ids, parameters and result types', async () => {
    const { metadataJson, errors } = await generateCustomFunctionsMetadata(join(__dirname, '../../src/functions/functions.ts'));
    expect(errors).toEqual([]);
    const meta = JSON.parse(metadataJson) as { functions: { id: string; parameters: { name: string; dimensionality: string; type: string }[]; result: { type: string; dimensionality?: string } }[] };
    expect(meta.functions.map((f) => [f.id, f.parameters.map((p) => `${p.name}:${p.type}/${p.dimensionality}`), `${f.result.type}/${f.result.dimensionality ?? 'scalar'}`])).toEqual([
      ['ROWTOTAL', ['row:any/matrix'], 'number/scalar'],
      ['BALANCE', ['table3:any/matrix'], 'number/matrix'],
      ['CHECK', ['table2:any/matrix', 'table3:any/matrix', 'table4:any/matrix'], 'string/scalar'],
      ['JSON', ['info:any/matrix', 'table2:any/matrix', 'table3:any/matrix', 'table4:any/matrix'], 'string/scalar'],
    ]);
  });
});
